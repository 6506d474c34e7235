"""Events (``event_threshold``): the fact groups that report one happening share an
``event`` id, every group keeps its own status, and a threshold of 0 finds no events."""

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
    apart = compare_articles(articles, Settings(n_process=1, event_threshold=0)).to_dict()
    joined = compare_articles(articles, Settings(n_process=1)).to_dict()
    return apart, joined


def test_events_join_the_facts_of_one_happening(
    reports: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    apart, joined = reports
    struck, killed = "struck the mountain town", "At least 14 people were killed"
    # two facts, each its own agreed group, with or without events
    for report in reports:
        assert _group_of(report, struck)["id"] != _group_of(report, killed)["id"]
        assert _group_of(report, struck)["status"] == "agreed"
        assert _group_of(report, killed)["status"] == "agreed"
    assert not any(g.get("event") for g in apart["claim_groups"])
    event = _group_of(joined, struck)["event"]
    assert event and _group_of(joined, killed)["event"] == event


def test_events_never_change_a_status(
    reports: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    apart, joined = reports
    assert [(g["id"], g["status"], g["claims"]) for g in apart["claim_groups"]] == [
        (g["id"], g["status"], g["claims"]) for g in joined["claim_groups"]
    ]


def test_events_are_named_in_the_reports(
    reports: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    from storylens.render.markdown import render_markdown

    joined = reports[1]
    rows = {g["id"]: n + 1 for n, g in enumerate(joined["claim_groups"])}
    struck = _group_of(joined, "struck the mountain town")
    killed = _group_of(joined, "At least 14 people were killed")
    assert f"same event as #{rows[killed['id']]}" in render_markdown(joined)
    assert f"same event as #{rows[struck['id']]}" in render_markdown(joined)


def test_events_keep_a_fact_one_outlet_alone_reports_unique(
    reports: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    for report in reports:
        school = _group_of(report, "school will stay closed")
        assert school["status"] == "unique"
        assert school["outlets"] == ["Valley Post"]
        assert not school.get("event")  # one outlet's fact is linked to no event


def test_event_words_read_classes_and_leave_out_ordinary_words() -> None:
    assert event_words({"quake"}) == event_words({"earthquake"})
    assert event_words({"detain"}) == event_words({"arrest"})
    assert not event_words({"say", "year", "people"})
