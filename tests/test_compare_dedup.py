"""Near-duplicate articles (wire copies), exact and MinHash paths, on fictional texts."""

from __future__ import annotations

import pytest

from storylens.comparison import dedup
from storylens.comparison.dedup import find_duplicates, jaccard, shingles, units
from storylens.types import Article

WIRE = (
    "The harbour authority of Velm closed the northern pier on Tuesday after a storm "
    "damaged two cranes, a spokeswoman said. Ferries to the outer islands will leave from "
    "the southern quay until repairs are finished, which could take three weeks. "
    "Fishing crews were told to moor their boats in the canal basin."
)
OTHER = (
    "Lakeside farmers reported the best apple harvest in a decade, helped by a mild spring "
    "and late rain. Prices at the Saturday market fell by a fifth, traders said, while "
    "cider makers bought up the surplus for the autumn fair."
)


def art(aid: str, outlet: str, text: str) -> Article:
    return Article(id=aid, outlet=outlet, text=text)


ARTICLES = [
    art("a1", "Velm Wire", WIRE),
    art("a2", "Lakeside Post", OTHER),
    art("a3", "Quay Review", WIRE + " Copyright Quay Review."),
    art("a4", "Daily Torch", "Breaking: " + WIRE),
]


@pytest.mark.parametrize("exact_limit", [60, 0])  # exact comparison, then datasketch MinHash
def test_dedup_finds_wire_copies(monkeypatch: pytest.MonkeyPatch, exact_limit: int) -> None:
    monkeypatch.setattr(dedup, "EXACT_LIMIT", exact_limit)
    groups = find_duplicates(ARTICLES, threshold=0.8)
    assert len(groups) == 1
    group = groups[0]
    assert group.articles == ["a1", "a3", "a4"]
    assert group.representative == "a1"
    assert 0.8 <= group.similarity <= 1.0
    assert units(ARTICLES, groups) == {"a1": "a1", "a2": "a2", "a3": "a1", "a4": "a1"}


def test_dedup_distinct_articles_are_not_grouped() -> None:
    assert find_duplicates(ARTICLES[:2]) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("one two", 1), ("a b c d e", 1), ("a b c d e f", 2), ("A b C d E f", 2)],
)
def test_dedup_shingles(text: str, count: int) -> None:
    assert len(shingles(text)) == count


def test_dedup_jaccard_bounds() -> None:
    a, b = shingles(WIRE), shingles(OTHER)
    assert jaccard(a, a) == 1.0
    assert jaccard(a, b) == 0.0
    assert jaccard(set(), a) == 0.0


def test_dedup_a_cut_of_one_text_with_a_paragraph_of_its_own_is_a_copy() -> None:
    # an outlet runs the agency text cut short, with a paragraph of its own ahead of it:
    # the pair's Jaccard similarity is well under the threshold, but the shorter text is
    # the longer one's
    own = (
        "Islanders queued at the ticket office all morning, and some said they would not "
        "travel until the pier reopens. The council will meet on Thursday to discuss a "
        "temporary landing stage at the old lifeboat slip."
    )
    cut = WIRE.split(" Fishing crews")[0]
    copy = art("a5", "Island Echo", own + " " + cut)
    a, b = shingles(WIRE), shingles(copy.text)
    assert jaccard(a, b) < 0.8 and dedup.contained(a, b) >= dedup.COPY_SHARE
    groups = find_duplicates([ARTICLES[0], ARTICLES[1], copy], threshold=0.8)
    assert [g.articles for g in groups] == [["a1", "a5"]]
    assert groups[0].pairs[0]["contained"] >= dedup.COPY_SHARE
    # a text that shares a sentence or two with another is no copy of it
    quoting = art("a6", "Coast Weekly", OTHER + " " + cut.split(", a spokeswoman")[0] + ".")
    assert find_duplicates([ARTICLES[0], quoting], threshold=0.8) == []
