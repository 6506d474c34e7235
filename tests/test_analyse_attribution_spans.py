"""Attribution spans beyond "X said Y": stance cues, governed prepositions, colons, evidence
verbs, source edges and contents introduced by a colon."""

from __future__ import annotations

from typing import Any

import pytest

from fixtures.attribution import attribution_spans as _spans
from storylens.analyse.attributed import chain_for
from storylens.analyse.attribution import find_attributions


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mayor Otto Brandel said on Tuesday that the pier would close.",
            ("Mayor Otto Brandel", "said", "that the pier would close", False),
        ),
        (
            "The union has called for a ban on night shifts.",
            ("The union", "has called for", "a ban on night shifts", False),
        ),
        (
            "Councillor Ada Myrstad criticized the harbour budget.",
            ("Councillor Ada Myrstad", "criticized", "the harbour budget", True),
        ),
        (
            "Sen. Lena Tavik (D-Brenmoor) said the tax was unfair.",
            ("Sen. Lena Tavik (D-Brenmoor)", "said", "the tax was unfair", False),
        ),
        (
            "A poll of harbour workers showed Brandel with a narrow lead.",
            ("A poll of harbour workers", "showed", "Brandel with a narrow lead", False),
        ),
    ],
)
def test_analyse_attribution_span_edges(
    nlp: Any, text: str, expected: tuple[str, str, str, bool]
) -> None:
    assert expected in _spans(nlp, text)


@pytest.mark.slow
def test_analyse_attribution_source_without_participle_aside(nlp: Any) -> None:
    text = "Jon Vell, surrounded by his crew, said the pier had been unsafe for years."
    assert [s[0] for s in _spans(nlp, text)] == ["Jon Vell"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Tavik: Harbour Tax Promises Were Never Kept\n\nThe senator spoke on Monday.",
            "Tavik",
            "Harbour Tax Promises Were Never Kept",
        ),
        (
            "More from the report: “The pier cannot be saved.”",
            "the report",
            "“The pier cannot be saved.”",
        ),
    ],
)
def test_analyse_attribution_colon(nlp: Any, text: str, source: str, content: str) -> None:
    assert (source, ":", content) in [s[:3] for s in _spans(nlp, text)]


@pytest.mark.slow
def test_analyse_attribution_colon_needs_a_name(nlp: Any) -> None:
    """A colon after a plain phrase ("The problem: ...") attributes nothing."""
    text = "The problem: nobody has paid for repairs in twenty years."
    assert not [s for s in _spans(nlp, text) if s[1] == ":"]


@pytest.mark.slow
def test_analyse_attribution_said_colon_takes_the_next_paragraph(nlp: Any) -> None:
    text = "The harbour master said:\n\nThe timbers are rotten and the pier must close."
    assert ("The harbour master", "said", "The timbers are rotten and the pier must close") in [
        s[:3] for s in _spans(nlp, text)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("cue", ["added", "continued"])
def test_analyse_attribution_a_weak_cue_before_a_colon_gives_the_paragraph_below(
    nlp: Any, cue: str
) -> None:
    text = f"The harbour master {cue}:\n\nThe timbers are rotten and the pier must close."
    assert ("The harbour master", cue, "The timbers are rotten and the pier must close") in [
        s[:3] for s in _spans(nlp, text)
    ]


@pytest.mark.slow
def test_analyse_attribution_stance_is_no_claim_source(nlp: Any) -> None:
    """ "Myrstad criticized the plan to sell the forest": the plan is not Myrstad's claim."""
    text = "Councillor Ada Myrstad criticized the plan to sell the town forest."
    doc = nlp(text)
    atts = find_attributions(doc)
    assert any(a.stance for a in atts)
    start = text.index("sell")
    assert chain_for(start, start + 4, atts) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "attributed"),
    [
        ("Councillor Ada Myrstad hopes that the pier will reopen.", True),
        # an attitude of a named actor since v7 (never a quote or a claim's source)
        ("Councillor Ada Myrstad hopes to reopen the pier.", True),
        ("The town pier hopes to reopen soon.", False),
    ],
)
def test_analyse_attribution_attitudes_left_out(nlp: Any, text: str, attributed: bool) -> None:
    assert bool(_spans(nlp, text)) == attributed


@pytest.mark.slow
def test_analyse_attribution_attitude_is_no_source(nlp: Any) -> None:
    """ "Myrstad wants the pier reopened" is an attitude: found, but never a claim's source."""
    text = "Councillor Ada Myrstad wants the pier reopened before the summer."
    atts = find_attributions(nlp(text))
    attitudes = [a for a in atts if a.kind == "attitude"]
    assert [text[a.cue_start : a.cue_end] for a in attitudes] == ["wants"]
    assert attitudes[0].stance
    start = text.index("pier")
    assert chain_for(start, start + 4, atts) == []
