"""Attribution rules added in v7: more verbs of saying, judging and feeling, views stated by
an adjective after "be", and signed quotations whose marks do not pair up."""

from __future__ import annotations

from typing import Any

import pytest

from fixtures.attribution import attribution_spans


def _pairs(nlp: Any, text: str) -> list[tuple[str, str]]:
    """(source, cue) of every attribution with a source, in text order."""
    return [(s, c) for s, c, _, _ in attribution_spans(nlp, text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # verbs of saying
        (
            "Jon Vell confessed that the harbour accounts were never audited.",
            ("Jon Vell", "confessed"),
        ),
        (
            "The harbour master speculated that the pier would close by June.",
            ("The harbour master", "speculated"),
        ),
        # verbs of judging someone
        (
            "Mayor Ada Brandel lambasted the port authority for the delays.",
            ("Mayor Ada Brandel", "lambasted"),
        ),
        # feelings towards someone, with a named actor as subject
        ("Many pilots distrust the new harbour master.", None),
        ("Jon Vell admires the harbour pilots for their patience.", ("Jon Vell", "admires")),
    ],
)
def test_attribution_v7_verb_cues(nlp: Any, text: str, pair: tuple[str, str] | None) -> None:
    pairs = _pairs(nlp, text)
    if pair is None:
        assert pairs == []  # "pilots" is no named person, organisation or role
    else:
        assert pair in pairs


@pytest.mark.slow
def test_attribution_feeling_with_a_thing_as_subject_is_no_report(nlp: Any) -> None:
    text = "The old ferry likes the calm water of the inner harbour."
    assert _pairs(nlp, text) == []
