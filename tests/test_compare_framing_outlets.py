"""analyse_framing over hand-built analyses: loaded terms, naming, contrasts, hedges, quotes."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.comparison.framing import analyse_framing, head_noun
from storylens.types import Analysis, Article, Descriptor, Entity, Mention, Quote

# Two fictional outlets describe one fictional leader.
TEXT_A = (
    "Communist dictator Varn Oskel opened the Tervia dam on Monday. "
    "Oskel reportedly paid for it himself. "
    '"It is a gift to the people," Oskel said.'
)
TEXT_B = (
    "Tervian leader Varn Oskel opened the new dam on Monday. "
    'An engineer, Mira Holt, said the dam "will hold for a century, the dictator claims."'
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _analysis(
    art_id: str, outlet: str, text: str, descriptor: str, quotes: list[Quote]
) -> Analysis:
    art = Article(id=art_id, outlet=outlet, text=text)
    ms, me = _span(text, "Varn Oskel")
    mention = Mention(art_id, ms, me, "Varn Oskel", "PERSON", entity="e_oskel")
    ds, de = _span(text, descriptor)
    desc = Descriptor(art_id, ds, de, descriptor, mention=0, entity="e_oskel")
    return Analysis(article=art, mentions=[mention], descriptors=[desc], quotes=quotes)


def _quote(art_id: str, text: str, content: str, speaker: str) -> Quote:
    s, e = _span(text, content)
    return Quote(art_id, s, e, content, speaker=speaker, direct=True)


@pytest.fixture()
def framing() -> dict[str, dict[str, Any]]:
    a = _analysis(
        "a1",
        "Daily Axe",
        TEXT_A,
        "Communist dictator",
        [_quote("a1", TEXT_A, "It is a gift to the people,", "e_oskel")],
    )
    b = _analysis(
        "b1",
        "Plain News",
        TEXT_B,
        "Tervian leader",
        [_quote("b1", TEXT_B, "will hold for a century, the dictator claims.", "Mira Holt")],
    )
    entity = Entity("e_oskel", "Varn Oskel", "PERSON", labels={"Plain News": ["president"]})
    return {r["outlet"]: r for r in analyse_framing([a, b], [entity])}


def test_compare_framing_outlets_one_record_per_outlet(framing: dict[str, Any]) -> None:
    assert list(framing) == ["Daily Axe", "Plain News"]


def test_compare_framing_outlets_loaded_terms(framing: dict[str, Any]) -> None:
    axe = framing["Daily Axe"]["loaded_terms"]
    assert [t["text"] for t in axe] == ["Communist dictator"]
    term = axe[0]
    assert TEXT_A[term["start"] : term["end"]] == term["text"]
    assert term["entity"] == "e_oskel"
    assert term["neutral_alternative"] == "leader"
    assert framing["Plain News"]["loaded_terms"] == []


def test_compare_framing_outlets_quoted_terms_apart(framing: dict[str, Any]) -> None:
    assert [t["text"] for t in framing["Plain News"]["quoted_loaded_terms"]] == ["dictator"]
    assert framing["Plain News"]["hedges"] == []  # "claims" is inside the quotation


def test_compare_framing_outlets_naming(framing: dict[str, Any]) -> None:
    assert framing["Daily Axe"]["naming"] == {"e_oskel": ["Communist dictator"]}
    assert framing["Plain News"]["naming"] == {"e_oskel": ["Tervian leader", "president"]}


def test_compare_framing_outlets_naming_contrast(framing: dict[str, Any]) -> None:
    contrasts = framing["Daily Axe"]["naming_contrasts"]
    assert [(c["descriptor"], c["loaded"]) for c in contrasts] == [("Communist dictator", True)]
    assert contrasts[0]["others"] == {"Plain News": ["Tervian leader", "president"]}
    # the other outlet's only label is loaded, so there is no neutral role noun to contrast
    assert framing["Plain News"]["naming_contrasts"] == []


def test_compare_framing_outlets_hedges(framing: dict[str, Any]) -> None:
    assert [h["text"] for h in framing["Daily Axe"]["hedges"]] == ["reportedly"]


def test_compare_framing_outlets_quoted_speakers(framing: dict[str, Any]) -> None:
    speakers = framing["Daily Axe"]["quoted_speakers"]
    assert list(speakers) == ["Varn Oskel"]
    assert speakers["Varn Oskel"]["count"] == 1
    assert speakers["Varn Oskel"]["share"] == 1.0
    assert "Mira Holt" in framing["Plain News"]["quoted_speakers"]


def test_compare_framing_outlets_scores(framing: dict[str, Any]) -> None:
    axe, plain = framing["Daily Axe"]["scores"], framing["Plain News"]["scores"]
    assert axe["loaded_terms"] == 1
    assert axe["loaded_terms_per_1000_words"] > plain["loaded_terms_per_1000_words"] == 0.0
    assert 0 < axe["quoted_words_share"] < 1


@pytest.mark.parametrize(
    ("descriptor", "head"),
    [
        ("North Tervian leader", "leader"),
        ("a spokesman for the mayor", "spokesman"),
        ("Communist dictator", "dictator"),
        ("the far-right firebrand, who leads the opposition", "firebrand"),
    ],
)
def test_compare_framing_head_noun(descriptor: str, head: str) -> None:
    assert head_noun(descriptor) == head


def test_compare_framing_outlets_verbs_label_no_actor() -> None:
    text = "The envoy mocked Varn Oskel on Monday."
    art = Article(id="v1", outlet="Daily Axe", text=text)
    s = text.index("Varn Oskel")
    mention = Mention("v1", s, s + 10, "Varn Oskel", "PERSON", entity="e_oskel")
    record = analyse_framing([Analysis(article=art, mentions=[mention])], [])[0]
    assert [t["text"] for t in record["loaded_terms"]] == ["mocked"]
    assert "entity" not in record["loaded_terms"][0]
