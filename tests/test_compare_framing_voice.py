"""Whose voice a rated word is in and how it is used, on fictional sentences: words a verb of
saying or believing reports are the reported person's, a word's class comes from its
neighbours."""

from __future__ import annotations

import pytest

from storylens.comparison.framing import find_loaded
from storylens.comparison.framing_cues import Cue
from storylens.comparison.lexicon import load_lexicon, quote_spans

LEX = load_lexicon()


def _split(text: str) -> tuple[list[str], list[str]]:
    own, quoted = find_loaded(text, LEX, quotes=quote_spans(text))
    return [h.text for h in own], [h.text for h in quoted]


@pytest.mark.parametrize(
    ("text", "reported", "outlets"),
    [
        ("Fishermen argued that the new quota badly hurt the villages of Orle.", "badly", ""),
        ("The clinic may refuse treatments its doctors consider cruel.", "cruel", ""),
        (
            "Rival growers considered the offer a thinly-veiled grab for land.",
            "thinly-veiled",
            "",
        ),
        # what follows the sentence's end is the outlet's again
        (
            "Dockers claimed the owners caused useless delays. It was a foolish choice.",
            "useless",
            "foolish",
        ),
        # a preposition after the verb: the words that follow describe the saying
        (
            "Growers argued the levy was unfair. The mayor said at a brilliant ceremony.",
            "unfair",
            "brilliant",
        ),
        # the relative clause ends at its comma; the main clause is the outlet's
        (
            "The mayor, who argued the levy was unfair, made a foolish choice on Monday.",
            "unfair",
            "foolish",
        ),
        # the sentence goes on in a participle of the outlet's
        (
            "Officials argued the toll was unfair, drawing adoring crowds to the quay.",
            "unfair",
            "adoring",
        ),
        # and in a clause it goes on with
        (
            "Growers argued the levy was unfair, as fanatical hecklers shouted from the quay.",
            "unfair",
            "fanatical",
        ),
        # "accused" as an adjective before a noun, and a passive, name nobody who speaks
        (
            "Growers argued the levy was unfair. Two accused smugglers made a foolish choice.",
            "unfair",
            "foolish",
        ),
        (
            "Growers argued the levy was unfair. The toll was considered a foolish choice.",
            "unfair",
            "foolish",
        ),
    ],
)
def test_compare_framing_voice_reported_words_are_not_the_outlets(
    text: str, reported: str, outlets: str
) -> None:
    own, quoted = _split(text)
    assert reported not in own
    assert reported in quoted
    if outlets:
        assert outlets in own


def test_compare_framing_voice_reported_record_says_whose_words() -> None:
    text = "Fishermen argued that the new quota badly hurt the villages of Orle."
    _, quoted = find_loaded(text, LEX, quotes=quote_spans(text))
    cue = next(h for h in quoted if h.text == "badly")
    assert isinstance(cue, Cue)
    assert cue.quoted
    assert cue.why.startswith("in the reported words of someone the outlet cites")


@pytest.mark.parametrize(
    ("text", "word", "part_of_speech"),
    [
        ("The new bridge is amazing news for the ferry crews.", "amazing", "adjective"),
        ("The canal plan is not perfect in its funding.", "perfect", "adjective"),
        ("The council took a step in the wrong direction.", "wrong", "adjective"),
    ],
)
def test_compare_framing_voice_word_class_from_neighbours(
    text: str, word: str, part_of_speech: str
) -> None:
    own, _ = find_loaded(text, LEX, quotes=quote_spans(text))
    cue = next(h for h in own if h.text == word)
    assert isinstance(cue, Cue)
    assert cue.pos == part_of_speech


def test_compare_framing_voice_intensifier_used_as_a_verb_not_flagged() -> None:
    text = "A porter was seen staggering against the rail. It cost a staggering sum."
    own, _ = find_loaded(text, LEX, quotes=quote_spans(text))
    assert [h.start for h in own] == [text.rindex("staggering")]


def test_compare_framing_voice_technical_term_not_flagged() -> None:
    own, _ = _split("The survey found adverse effects on the river's trout.")
    assert "adverse" not in own
