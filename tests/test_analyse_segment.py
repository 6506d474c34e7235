"""Splitting claims at adverbial and relative clauses (fictional sentences, spaCy parse)."""

from __future__ import annotations

import pytest

from storylens.analyse.segment import _tidy, segment_claims, uncovered_sentences
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
        "The wardens will close the northern locks for the winter if the river rises "
        "above the old stone marker again",  # a condition, not a second fact
    ],
)
def test_segment_keeps_lists_purposes_conditions_and_short_claims_whole(text: str) -> None:
    seg = segment_claims([analysis_of(text)])
    assert [c.id for c in seg.analyses[0].claims] == ["a1:c0"]
    assert seg.focus["a1:c0"] == text


@pytest.mark.slow
def test_segment_reads_claims_in_their_articles_parse() -> None:
    # the claims are spans of one article: split over the article's parse, passed in or
    # made here, with offsets into the article
    from storylens.models.nlp import get_nlp

    text = (
        "Officials said on Friday that the florin rose 2 percent in early trading after the "
        "two ministers signed the fishing treaty in Velm. The ferry to Orsk stayed in port "
        "all week, as the storm that flooded the lower town kept the harbour closed and"
    )
    first = text[text.index("the florin") : text.index(". ")]
    second = "the storm that flooded the lower town kept the harbour closed and"
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claims = [
        Claim(id=f"a1:c{n}", article="a1", start=text.index(t), end=text.index(t) + len(t), text=t)
        for n, t in enumerate([first, second])
    ]
    dot = text.index(". ") + 1
    analysis = Analysis(article=article, sentences=[(0, dot), (dot + 1, len(text))], claims=claims)
    given = segment_claims([analysis], [get_nlp()(text)])
    made = segment_claims([analysis])
    assert given == made
    by_id = {c.id: c for c in given.analyses[0].claims}
    assert by_id["a1:c0.1"].text.startswith("after the two ministers signed")
    assert by_id["a1:c1.1"].text == "that flooded the lower town"
    for claim in by_id.values():
        assert text[claim.start : claim.end] == claim.text
    assert given.focus["a1:c1"] == "the storm kept the harbour closed"  # no trailing "and"


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


def _with_claims(text: str, sentences: list[tuple[int, int]], claim_texts: list[str]) -> Analysis:
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    claims = []
    for n, piece in enumerate(claim_texts):
        start = text.index(piece)
        claims.append(
            Claim(id=f"a1:c{n}", article="a1", start=start, end=start + len(piece), text=piece)
        )
    return Analysis(article=article, sentences=sentences, claims=claims)


MAYOR = "The mayor opened the new harbour bridge on Tuesday morning."
PIKE = "Fishers say the pike appear to be vanishing from the eastern bays of the lake."
QUOTE = "“We will rebuild the pier,” the harbour master told reporters on Monday afternoon."


@pytest.mark.parametrize(
    ("claim_texts", "expected"),
    [
        # sentences no claim touches are kept whole
        (["The mayor opened the new harbour bridge"], [PIKE, QUOTE]),
        # under half of the sentence left uncovered: nothing added; what is left beside
        # a quote ("the harbour master told reporters") is attribution, not a fact
        (
            [
                "The mayor opened the new harbour bridge",
                "vanishing from the eastern bays",
                "We will rebuild the pier",
            ],
            [],
        ),
        (["The mayor opened the new harbour bridge", PIKE[:-1]], [QUOTE]),
    ],
)
def test_segment_uncovered_sentences(claim_texts: list[str], expected: list[str]) -> None:
    text = f"{MAYOR} {PIKE} {QUOTE}"
    a, b = len(MAYOR) + 1, len(MAYOR) + 1 + len(PIKE) + 1
    sentences = [(0, len(MAYOR)), (a, a + len(PIKE)), (b, b + len(QUOTE))]
    found = uncovered_sentences(_with_claims(text, sentences, claim_texts))
    assert [c.text for c in found] == expected
    for claim in found:
        assert text[claim.start : claim.end] == claim.text
        assert claim.id.startswith("a1:s")
        assert claim.arguments == {} and claim.attributed_to == []
