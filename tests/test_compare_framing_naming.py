"""Naming contrasts: which labels count as an outlet's own naming, and when two outlets'
labels for one actor differ at all (hand-built analyses of fictional articles)."""

from __future__ import annotations

from typing import Any

from storylens.comparison.framing import analyse_framing
from storylens.types import Analysis, Article, Descriptor, Entity, Mention, Quote


def _analysis(art_id: str, outlet: str, text: str, labels: list[str]) -> Analysis:
    art = Article(id=art_id, outlet=outlet, text=text)
    start = text.index("Ivo Lund")
    mention = Mention(art_id, start, start + 8, "Ivo Lund", "PERSON", entity="e_lund")
    descriptors = []
    for label in labels:
        s = text.index(label)
        descriptors.append(Descriptor(art_id, s, s + len(label), label, 0, entity="e_lund"))
    quotes = []
    if "“" in text:
        q0, q1 = text.index("“") + 1, text.index("”")
        quotes.append(Quote(art_id, q0, q1, text[q0:q1], speaker="an aide", direct=True))
    return Analysis(article=art, mentions=[mention], descriptors=descriptors, quotes=quotes)


def _contrasts(*analyses: Analysis) -> dict[str, list[str]]:
    by_outlet: dict[str, list[str]] = {}
    for a in analyses:
        by_outlet.setdefault(a.article.outlet, [])
    entity = Entity("e_lund", "Ivo Lund", "PERSON")
    for desc_owner in analyses:
        for d in desc_owner.descriptors:
            entity.labels.setdefault(desc_owner.article.outlet, []).append(d.text)
    records: list[dict[str, Any]] = analyse_framing(list(analyses), [entity])
    for record in records:
        by_outlet[record["outlet"]] = [c["descriptor"] for c in record["naming_contrasts"]]
    return by_outlet


def test_compare_framing_naming_quoted_title_is_not_the_outlets() -> None:
    a = _analysis(
        "a1",
        "Velm Post",
        "Back then an aide said: “As mayor, Senator Ivo Lund will keep the ferries.”",
        ["Senator"],
    )
    b = _analysis("b1", "Harbour Daily", "Mayor Ivo Lund opened the pier.", ["Mayor"])
    found = _contrasts(a, b)
    assert found["Velm Post"] == []
    assert found["Harbour Daily"] == []


def test_compare_framing_naming_verb_tells_the_same_role() -> None:
    a = _analysis(
        "a1",
        "Velm Post",
        "Rep. Ivo Lund, who chairs the fisheries panel, backed the quota.",
        ["Rep."],
    )
    b = _analysis(
        "b1", "Harbour Daily", "Fisheries Panel Chairman Ivo Lund backed it.", ["Chairman"]
    )
    found = _contrasts(a, b)
    assert found == {"Velm Post": [], "Harbour Daily": []}


def test_compare_framing_naming_outlet_using_both_labels_is_no_contrast() -> None:
    a = _analysis(
        "a1",
        "Velm Post",
        "Rep. Ivo Lund backed the quota. The panel chairman said so twice.",
        ["Rep.", "panel chairman"],
    )
    b = _analysis("b1", "Harbour Daily", "Panel chairman Ivo Lund backed it.", ["Panel chairman"])
    assert _contrasts(a, b)["Velm Post"] == []


def test_compare_framing_naming_different_roles_still_contrast() -> None:
    a = _analysis("a1", "Velm Post", "Rep. Ivo Lund backed the quota.", ["Rep."])
    b = _analysis("b1", "Harbour Daily", "Ferry owner Ivo Lund backed it.", ["Ferry owner"])
    assert _contrasts(a, b) == {"Velm Post": ["Rep."], "Harbour Daily": ["Ferry owner"]}


def test_compare_framing_naming_shared_courtesy_title_keeps_the_contrast() -> None:
    a = _analysis("a1", "Velm Post", "Mr. Ivo Lund, the suspect, was held.", ["Mr.", "suspect"])
    b = _analysis("b1", "Harbour Daily", "Gunman Ivo Lund, Mr. Lund, fled.", ["Gunman", "Mr."])
    assert _contrasts(a, b)["Velm Post"] == ["suspect"]
