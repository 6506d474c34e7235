"""The shared English function words, and the stop lists and hedge pattern drawn from them."""

from __future__ import annotations

import pytest

from storylens import words
from storylens.analyse.cues import HEDGE_ADJECTIVES, HEDGE_PARTICIPLES, HEDGE_PASSIVES, HEDGE_WORDS
from storylens.comparison import conflict_args, framing, framing_cues, llm, summary

KINDS = {
    name: value
    for name, value in vars(words).items()
    if name.isupper() and isinstance(value, frozenset)
}
SITES = {
    "conflict_args": conflict_args._STOP,
    "summary": summary._STOP,
    "llm": llm._STOP,
    "framing_cues": framing_cues._STOP,
}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_words_kinds_are_lower_case_single_words(name: str) -> None:
    assert KINDS[name]
    assert all(w == w.lower() and w.isalpha() for w in KINDS[name])


def test_words_function_words_hold_every_kind_but_speech() -> None:
    for name, kind in KINDS.items():
        if name != "SAY":
            assert kind <= words.FUNCTION_WORDS, name
    assert not words.SAY & words.FUNCTION_WORDS  # reporting verbs are each site's choice


@pytest.mark.parametrize("site", sorted(SITES))
def test_words_every_stop_list_skips_the_core(site: str) -> None:
    assert SITES[site] >= words.CORE


def test_words_stop_lists_keep_their_own_purposes() -> None:
    assert {"series", "set", "number"} <= conflict_args._STOP  # counters are no participant
    assert {"said", "according"} <= summary._STOP
    assert {"outlets", "differ", "whereas"} <= llm._STOP
    assert "said" not in framing_cues._STOP and "my" in framing_cues._STOP
    assert "my" not in conflict_args._STOP


def _hedges(text: str) -> list[str]:
    return [h["text"] for h in framing._hedges("a", text, [])]


@pytest.mark.parametrize(
    "text",
    [
        *sorted(HEDGE_WORDS | HEDGE_ADJECTIVES),
        *(f"is {p} to" for p in sorted(HEDGE_PARTICIPLES)),
    ],
)
def test_words_framing_finds_every_shared_hedge(text: str) -> None:
    sentence = f"The minister {text} have left. {text.capitalize()} again."
    assert [h.casefold() for h in _hedges(sentence)] == [text, text]


def test_words_framing_hedges_are_whole_words_outside_quotes() -> None:
    assert _hedges("The unallegedly odd allegedness of it.") == []
    text = 'He was "reportedly" there, allegedly.'
    quoted = (text.index('"'), text.rindex('"') + 1)
    assert [h["text"] for h in framing._hedges("a", text, [quoted])] == ["allegedly"]


def test_words_hedge_participles_are_hedging_passives() -> None:
    lemmas = {"believed": "believe", "said": "say", "thought": "think", "understood": "understand"}
    assert {lemmas[p] for p in HEDGE_PARTICIPLES} <= HEDGE_PASSIVES
