"""Attribution conventions beyond the verb of saying: chains of verbs in a cue, hedging verbs,
unnamed askers, second reports joined to a reported clause, signed quotations, participles
with an agent, and the outermost attributions the PolNeAR scoring keeps."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.analyse.attributed import Attribution
from storylens.analyse.attribution import find_attributions
from storylens.eval.attribution import outermost, predicted_spans


def _text(text: str, start: int | None, end: int | None) -> str | None:
    return None if start is None or end is None else text[start:end]


def _triples(text: str, atts: list[Attribution]) -> list[tuple[str | None, str, str]]:
    return [
        (
            _text(text, a.source_start, a.source_end),
            text[a.cue_start : a.cue_end],
            text[a.content_start : a.content_end],
        )
        for a in atts
    ]


def _find(nlp: Any, text: str) -> list[tuple[str | None, str, str]]:
    return _triples(text, [a for a in find_attributions(nlp(text)) if a.kind != "hedge"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The ferry company went on to deny that the pier was unsafe.", "went on to deny"),
        ("Mayor Otto Brandel continued to defend the new budget.", "continued to defend"),
    ],
)
def test_attribution_cue_takes_the_verb_it_completes(nlp: Any, text: str, cue: str) -> None:
    assert [c for _, c, _ in _find(nlp, text)] == [cue]


@pytest.mark.slow
def test_attribution_second_report_is_its_own(nlp: Any) -> None:
    """ "X said A and said B": A stops before "and said", and B is X's too."""
    text = (
        "Engineer Tomas Rask said the repairs had cost far too much and said the pier "
        "would stay closed until spring."
    )
    atts = [a for a in find_attributions(nlp(text)) if a.kind == "verb"]
    assert [text[a.content_start : a.content_end] for a in atts] == [
        "the repairs had cost far too much",
        "the pier would stay closed until spring",
    ]
    assert [a.source_name for a in atts] == ["Tomas Rask", "Tomas Rask"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Asked whether the pier would reopen this year, Korva shrugged.",
            "Asked",
            "whether the pier would reopen this year",
        ),
        ("When asked about the ferry fares, the mayor smiled.", "asked about", "the ferry fares"),
    ],
)
def test_attribution_unnamed_asker(nlp: Any, text: str, cue: str, content: str) -> None:
    found = [t for t in _find(nlp, text) if t[1] == cue]
    assert found == [(None, cue, content)]


@pytest.mark.slow
def test_attribution_participle_with_agent(nlp: Any) -> None:
    text = "The council approved a budget criticized by Councillor Ada Myrstad."
    assert ("Councillor Ada Myrstad", "criticized", "a budget") in _find(nlp, text)


@pytest.mark.slow
def test_attribution_signed_quotation(nlp: Any) -> None:
    text = (
        "Readers wrote in about the pier.\n\n"
        "“The pier is the heart of this town and it deserves better.” ― Hilde Varga\n"
        "“Nobody asked the fishermen what they needed before the work began.” ― Emil Starck\n"
    )
    found = [t for t in _find(nlp, text) if t[1] == "―"]
    assert [(s, c[:10]) for s, _, c in found] == [
        ("Hilde Varga", "“The pier "),
        ("Emil Starck", "“Nobody as"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "“If you say it often enough, people start to believe it,” Korva said.",
        "Q: Will the pier reopen before the summer season starts?",
    ],
)
def test_attribution_no_generic_sources(nlp: Any, text: str) -> None:
    sources = [s for s, _, _ in _find(nlp, text)]
    assert "you" not in sources and "Q" not in sources


@pytest.mark.slow
def test_attribution_reporting_relative_clause_is_no_source(nlp: Any) -> None:
    text = (
        "Otto Brandel, who said last year that he would retire, told reporters the pier was safe."
    )
    told = [t for t in _find(nlp, text) if t[1] == "told"]
    assert [s for s, _, _ in told] == ["Otto Brandel"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The new ferry appears to be running late again.", "appears", None),
        ("The council is expected to vote on the pier on Friday.", "is expected", None),
    ],
)
def test_attribution_hedging_verbs(nlp: Any, text: str, cue: str, content: None) -> None:
    hedges = [a for a in find_attributions(nlp(text)) if a.kind == "hedge"]
    assert [text[a.cue_start : a.cue_end] for a in hedges] == [cue]
    assert text[hedges[0].content_start : hedges[0].content_end] == text.rstrip(".")
    assert hedges[0].source_start is None


@pytest.mark.slow
def test_attribution_scoring_keeps_outermost(nlp: Any) -> None:
    """PolNeAR labels a token once: the clerk's report inside the mayor's is not scored, and
    a hedging adverb is not scored either."""
    text = "Mayor Otto Brandel said the clerk had told him the pier was reportedly unsafe."
    atts = find_attributions(nlp(text))
    assert len([a for a in atts if a.kind == "verb"]) == 2
    spans = predicted_spans(atts)
    assert [text[s:e] for s, e in spans["cue"]] == ["said"]
    assert [text[s:e] for s, e in spans["source"]] == ["Mayor Otto Brandel"]


def test_attribution_outermost_without_nlp() -> None:
    outer = Attribution(cue="say", cue_start=10, cue_end=14, content_start=15, content_end=60)
    inner = Attribution(cue="tell", cue_start=30, cue_end=34, content_start=35, content_end=60)
    apart = Attribution(cue="say", cue_start=70, cue_end=74, content_start=75, content_end=90)
    assert outermost([outer, inner, apart]) == [outer, apart]


def test_attribution_outermost_split_quote_gap() -> None:
    """A cue between the quotations of a split quote is not inside the quote's content."""
    text = "“The pier is safe,” Korva said, adding that repairs were done. “We checked it twice.”"
    first = text.index("“")
    said = Attribution(
        cue="say",
        cue_start=text.index("said"),
        cue_end=text.index("said") + 4,
        content_start=first,
        content_end=len(text),
        direct=True,
    )
    adding = Attribution(
        cue="add",
        cue_start=text.index("adding"),
        cue_end=text.index("adding") + 6,
        content_start=text.index("that"),
        content_end=text.index(" “We") - 1,
    )
    assert outermost([said, adding], text) == [said, adding]
    assert outermost([said, adding]) == [said]


@pytest.mark.slow
def test_attribution_source_without_focus_adverb(nlp: Any) -> None:
    text = "Even the mayor's closest allies say the pier plan is too expensive."
    assert [s for s, _, _ in _find(nlp, text)] == ["the mayor's closest allies"]


@pytest.mark.slow
def test_attribution_clause_after_an_aside(nlp: Any) -> None:
    """ "said Monday, as X confirmed Y, that Z": Z is what was said, even when the parser hangs
    it on the aside."""
    text = (
        "A spokesman for the harbour board said on Monday, as the ferry company confirmed the "
        "delay, that the pier would stay shut until June."
    )
    said = [t for t in _find(nlp, text) if t[1] == "said"]
    assert said == [
        (
            "A spokesman for the harbour board",
            "said",
            "that the pier would stay shut until June",
        )
    ]
