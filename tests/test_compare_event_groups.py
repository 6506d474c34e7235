"""Event groups (``event_threshold``): fact groups that report one event join, facts one
outlet alone reports stay their own rows, and the default keeps every fact group apart."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.comparison import compare_articles
from storylens.comparison.event_groups import event_words
from storylens.settings import Settings
from storylens.types import Article, content_id

pytestmark = pytest.mark.slow

# three fictional outlets on one quake: two facts each told by two or more outlets, and one
# fact (the school) that only one outlet reports
STORY = {
    "Valley Post": (
        "A strong earthquake struck the mountain town of Orvel on Monday morning.\n\n"
        "At least 14 people were killed in Orvel when the quake brought down houses in the "
        "old quarter, the regional governor said.\n\n"
        "The local school will stay closed for the rest of the month."
    ),
    "Orvel Herald": (
        "A powerful quake hit Orvel early on Monday, shaking buildings across the valley.\n\n"
        "The quake killed at least 14 people in Orvel's old quarter, according to the governor."
    ),
    "Daily Courier": (
        "An earthquake struck Orvel on Monday, and rescuers searched the rubble all day.\n\n"
        "Fourteen people died in Orvel when the earthquake brought down houses in the old "
        "quarter, the governor said."
    ),
}


def _articles() -> list[Article]:
    return [
        Article(id=content_id(text), outlet=outlet, url=None, title=None, text=text)
        for outlet, text in STORY.items()
    ]


def _group_of(report: dict[str, Any], words: str) -> dict[str, Any]:
    hits = [c for c in report["claims"] if words in c["text"]]
    assert len(hits) == 1, [c["text"] for c in report["claims"]]
    return next(g for g in report["claim_groups"] if g["id"] == hits[0]["group"])


@pytest.fixture(scope="module")
def reports() -> tuple[dict[str, Any], dict[str, Any]]:
    articles = _articles()
    apart = compare_articles(articles, Settings(n_process=1)).to_dict()
    joined = compare_articles(articles, Settings(n_process=1, event_threshold=0.39)).to_dict()
    return apart, joined


def test_event_groups_join_the_facts_of_one_event(
    reports: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    apart, joined = reports
    struck, killed = "struck the mountain town", "At least 14 people were killed"
    assert _group_of(apart, struck)["id"] != _group_of(apart, killed)["id"]
    group = _group_of(joined, struck)
    assert group["id"] == _group_of(joined, killed)["id"]
    assert group["status"] == "agreed"
    assert len(group["outlets"]) == 3
    # the statements joined to the event's core are partial: never taken for a contradiction
    assert group["partial"]
    assert set(group["partial"]) < set(group["claims"])


def test_event_groups_keep_a_fact_one_outlet_alone_reports(
    reports: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    for report in reports:
        school = _group_of(report, "school will stay closed")
        assert school["status"] == "unique"
        assert school["outlets"] == ["Valley Post"]


def test_event_words_read_classes_and_leave_out_ordinary_words() -> None:
    assert event_words({"quake"}) == event_words({"earthquake"})
    assert event_words({"detain"}) == event_words({"arrest"})
    assert not event_words({"say", "year", "people"})
