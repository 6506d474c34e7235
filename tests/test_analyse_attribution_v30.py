"""Attribution v30: deeds done in words, one of a group, "they" after several speakers, and
bodies named after a person. The sentences are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.analyse.quotes import find_quotes
from storylens.types import Analysis, Article


def _analysed(text: str) -> Analysis:
    """One article of ``text`` through the whole analysis (sources resolved to names)."""
    from storylens.analyse.pipeline import analyse
    from storylens.settings import Settings

    [analysis] = analyse([Article(id="a_s", outlet="Test", text=text)], Settings(n_process=1))
    return analysis


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Mayor Jane Holt justified the action by saying it was needed to protect local shops.",
        "Mayor Jane Holt defended the levy by pointing out that the roads are crumbling.",
    ],
)
def test_analyse_attribution_a_deed_done_by_saying_is_the_speakers(nlp: Any, text: str) -> None:
    # "justified … by saying …": what she did is say it, so the deed is her report too, and
    # the words are quoted once, from the saying
    analysis = _analysed(text)
    deed = next(c for c in analysis.claims if c.text.endswith(" by"))
    assert deed.attributed_to == ["Jane Holt"]
    quotes = find_quotes(nlp(text), Article(id="a_s", outlet="Test", text=text), [])
    assert len(quotes) == 1 and " by " not in quotes[0].text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Two officials familiar with the talks said the deal was close.\n\n"
            "One of the officials said the signing could come next week.",
            "signing",
            "One of the officials",
        ),
        (
            "Premier Ann Lowe and her deputy Sam Bright welcomed the ruling and said the "
            "province would appeal.\n\n"
            '"The ruling shows the court listened to our farmers," they said in a statement.',
            "farmers",
            "Ann Lowe and Sam Bright",
        ),
        (
            "Mayor Jane Holt's office said the budget was balanced.",
            "budget",
            "Mayor Jane Holt's office",
        ),
        (
            "Senator Ann Lee's campaign said the ads were false.",
            "ads",
            "Senator Ann Lee's campaign",
        ),
        (
            "Counsel Ivo Berg's team said the witness was not a target.",
            "witness",
            "Counsel Ivo Berg's team",
        ),
    ],
)
def test_analyse_attribution_groups_and_bodies_speak(
    nlp: Any, text: str, words: str, speaker: str
) -> None:
    # one of a group that speaks is a source; "they said" after a sentence where several
    # spoke is those speakers; a body named after a person is not that person
    analysis = _analysed(text)
    claim = next(c for c in analysis.claims if words in c.text)
    assert claim.attributed_to == [speaker]
