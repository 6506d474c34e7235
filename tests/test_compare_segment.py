"""Splitting claims at adverbial and relative clauses (fictional sentences, spaCy parse)."""

from __future__ import annotations

import pytest

from storylens.compare.segment import _tidy, segment_claims
from storylens.types import Analysis, Argument, Article, Claim


def analysis_of(text: str, **claim_fields: object) -> Analysis:
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claim = Claim(
        id="a1:c0",
        article="a1",
        start=0,
        end=len(text),
        text=text,
        predicate="rise",
        sentence=0,
        **claim_fields,  # type: ignore[arg-type]
    )
    return Analysis(article=article, sentences=[(0, len(text))], claims=[claim])


@pytest.mark.slow
def test_segment_splits_adverbial_clause_into_its_own_claim() -> None:
    text = (
        "The florin rose 2 percent in early trading after the two ministers signed "
        "the fishing treaty in Velm"
    )
    pct = Argument(text="2 percent", start=15, end=24, value=2.0, unit="percent")
    seg = segment_claims([analysis_of(text, attributed_to=["NOVA"], hedged=True, quantities=[pct])])
    claims = seg.analyses[0].claims
    assert [c.id for c in claims] == ["a1:c0", "a1:c0.1"]
    child = claims[1]
    assert text[child.start : child.end] == child.text
    assert child.text.startswith("after the two ministers signed")
    assert child.predicate == "sign"
    assert child.attributed_to == ["NOVA"] and child.hedged
    assert child.quantities == []
    assert claims[0].quantities == [pct]
    assert "signed" not in seg.focus["a1:c0"]
    assert seg.parent == {"a1:c0.1": "a1:c0"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The guild sent the delegates home with gifts including two brass lanterns and a map",
        "The treaty creates a joint board of twelve wardens to monitor the lake every spring",
        "The mayor opened the bridge",
    ],
)
def test_segment_keeps_lists_purposes_and_short_claims_whole(text: str) -> None:
    seg = segment_claims([analysis_of(text)])
    assert [c.id for c in seg.analyses[0].claims] == ["a1:c0"]
    assert seg.focus["a1:c0"] == text


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("the governor of the region, , also offered", "the governor of the region, also offered"),
        ("rose 2 percent ,", "rose 2 percent"),
        ("a  b", "a b"),
    ],
)
def test_segment_tidy(raw: str, tidy: str) -> None:
    assert _tidy(raw) == tidy
