"""Quotations that go on over paragraphs: the runs of marks and the speaker of each run."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.analyse.continued import runs
from storylens.analyse.quotes import find_quotes
from storylens.types import Article

# British style: single marks, the quotation closed two paragraphs on, before its tag; an
# apostrophe inside it ("driver's") and a plural's possessive before it ("the riders' bags")
_SINGLE = (
    "The riders' bags were still on the seats when the police came.\n\n"
    "'When the bus stopped, I saw the driver's head drop.\n\n"
    "I thought he had fainted from the heat.\n\n"
    "Then I saw the glass on the floor,' said Mira Holt, who sat behind him."
)


def _quotes(nlp: Any, text: str) -> list[Any]:
    return find_quotes(nlp(text), Article(id="a_c", outlet="Test", text=text), [])


def _speaker_at(quotes: list[Any], text: str, words: str) -> list[str]:
    at = text.index(words)
    return [q.speaker for q in quotes if q.start <= at < q.end]


def test_continued_runs_single_marks_over_paragraphs() -> None:
    found = runs(_SINGLE)
    assert len(found) == 1
    run = found[0]
    assert _SINGLE[run.opened :].startswith("'When the bus")
    assert _SINGLE[: run.closed + 1].endswith("on the floor,'")
    assert len(run.paragraphs) == 3


@pytest.mark.parametrize(
    "text",
    [
        # apostrophes and possessives open and close nothing
        "The members' votes were counted.\n\nNobody's seat was lost, the clerk's note said.",
        # a quotation closed in its own paragraph is no run
        '"The dam will hold," she said.\n\nThe river rose all night.',
        # one left open that nothing closes is no run either
        '"The dam will hold.\n\nThe river rose all night.\n\nBy dawn it had fallen.',
    ],
)
def test_continued_runs_none(text: str) -> None:
    assert runs(text) == []


@pytest.mark.slow
def test_continued_a_quotation_closed_before_its_tag_paragraphs_later(nlp: Any) -> None:
    quotes = _quotes(nlp, _SINGLE)
    for words in ("When the bus stopped", "I thought he had fainted"):
        assert any("Mira Holt" in s for s in _speaker_at(quotes, _SINGLE, words)), words


@pytest.mark.slow
def test_continued_a_statement_introduced_by_a_line_ending_in_a_colon(nlp: Any) -> None:
    text = (
        "The town council approved the new dock on Tuesday.\n\n"
        "Below is a statement by Oskar Lind, head of the Velm Rowing Club:\n\n"
        '"The council has ignored the rowers of this town for a decade.\n\n'
        "The new dock is a start, and we thank the councillors who backed it.\n\n"
        '"We will keep pressing for a proper boathouse on the river."'
    )
    quotes = _quotes(nlp, text)
    for words in ("The council has ignored", "The new dock is a start", "We will keep"):
        assert any("Oskar Lind" in s for s in _speaker_at(quotes, text, words)), words


@pytest.mark.slow
def test_continued_a_quotation_opening_the_paragraph_after_a_tagged_one(nlp: Any) -> None:
    text = (
        "The levy passed by one vote.\n\n"
        '"The levy is fair to every household," Councillor Petra Vos said.\n\n'
        '"But the town must spend it on the roads first.\n\n'
        'Nobody here wants another winter of potholes."'
    )
    quotes = _quotes(nlp, text)
    for words in ("But the town must", "Nobody here wants"):
        assert any("Petra Vos" in s for s in _speaker_at(quotes, text, words)), words


@pytest.mark.slow
def test_continued_no_speaker_when_the_ends_disagree(nlp: Any) -> None:
    # the report opening the first run and the tag closing it name two people: neither; the
    # second run's two ends name one
    text = (
        "The ferry sank in calm water.\n\n"
        "Captain Olav Brenn said: 'The engine failed without warning.\n\n"
        "We lost all power within a minute.\n\n"
        "Then the pumps stopped,' said Ilse Brandt, the harbour master.\n\n"
        "Diver Ana Kell said: 'The hull is split along the keel.\n\n"
        "Most of the cargo went down with her.\n\n"
        "Nobody will raise her this year,' said Ana Kell."
    )
    quotes = _quotes(nlp, text)
    assert _speaker_at(quotes, text, "We lost all power") == []
    assert any("Ana Kell" in s for s in _speaker_at(quotes, text, "Most of the cargo"))
