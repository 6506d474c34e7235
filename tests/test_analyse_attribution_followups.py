"""Speakers the rules had missed or misread in news text: a pronoun tagging the quotation
right after another speaker's quotation, plural groups of people, and subjects set off by a
relative clause.

The articles are written for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from storylens.analyse.attribution import attributions_for
from storylens.analyse.names import names_from
from storylens.analyse.speakers import resolve_source

TWO_MINISTERS = """\
Minister of Transport Karl Dessing and Minister of the Harbour Ivo Kovar, who run the two \
offices that own the pier, said the repairs would start in May.

"By closing the pier now, we are keeping every family in the town safe," Kovar said.

"Because the timbers are rotten, the boats will have to use the north quay until the \
autumn," he said.
"""


def _sources(nlp: Any, text: str) -> dict[str, str]:
    """Each attribution's content (its first words) -> its resolved source."""
    doc = nlp(text)
    names = names_from(doc, [])
    return {
        text[a.content_start : a.content_end].strip('"“'): resolve_source(a, doc, names)[0]
        for a in attributions_for(doc)
    }


def _source_of(nlp: Any, text: str, words: str) -> str:
    found = [s for content, s in _sources(nlp, text).items() if content.startswith(words)]
    assert len(found) == 1, _sources(nlp, text)
    return found[0]


@pytest.mark.slow
def test_analyse_attribution_he_after_a_tagged_quotation_is_its_speaker(nlp: Any) -> None:
    """ "he said" right after Kovar's quotation is Kovar, not the first name of the story."""
    assert _source_of(nlp, TWO_MINISTERS, "Because the timbers") == "Kovar"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "source"),
    [
        (
            "Conservationists argued that the new dam would drown the valley's last wetlands.",
            "that the new dam",
            "Conservationists",
        ),
        (
            "Ranchers said the drought had already cost them half their herds.",
            "the drought had",
            "Ranchers",
        ),
        (
            "Local beekeepers warned that the spraying could not go on through June.",
            "that the spraying",
            "Local beekeepers",
        ),
    ],
)
def test_analyse_attribution_people_named_by_their_trade_are_sources(
    nlp: Any, text: str, words: str, source: str
) -> None:
    """A plural noun for people by what they do or stand for speaks as "critics" do."""
    assert _source_of(nlp, text, words) == source


@pytest.mark.slow
def test_analyse_attribution_said_of_after_a_single_marked_quotation(nlp: Any) -> None:
    """ "'…,' Mrs Holt said of the noise": the quotation is what she said, not "the noise"."""
    text = (
        "The harbour was quiet again by noon.\n\n"
        "'At first I thought it was thunder, but it was the bridge going down,' "
        "Mrs Holt said of the noise.\n"
    )
    assert _source_of(nlp, text, "At first I thought") == "Mrs Holt"


@pytest.mark.slow
def test_analyse_attribution_tag_after_a_quotation_left_open(nlp: Any) -> None:
    """A paragraph opening a quotation that is never closed ends on its tag: the tag is
    outside the quotation, so "the two ministers" said the words before it."""
    text = (
        "The ministers spoke after the vote.\n\n"
        '"By closing the pier we are keeping every family in the town safe, the two '
        "ministers said in a statement.\n\n"
        '"The boats will use the north quay until the autumn."\n'
    )
    assert _source_of(nlp, text, "By closing the pier") == "two ministers"


@pytest.mark.slow
def test_analyse_attribution_a_cue_about_something_ending_in_a_colon(nlp: Any) -> None:
    """ "X commented on the ruling:" introduces the paragraph below: that is what X said,
    and "the ruling" only what it is about."""
    text = (
        "The trial ended on Monday.\n\n"
        "Harbour master Ray Vell commented on the ruling:\n\n"
        "We are glad the court has heard the divers and that the pier will stay shut.\n"
    )
    assert _source_of(nlp, text, "We are glad") == "Ray Vell"


UNNAMED_WITNESS = """\
Police shot Tomas Varga, 17, on Saturday night near the ferry terminal in Orsk.

"He was running away from them and then they opened fire," the witness said.

"The insurer will not pay for the pier, and the town knows it," the source said.
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "source"),
    [
        # no name was given the role: "the witness", not the last person named (the victim)
        ("He was running away", "witness"),
        ("The insurer will not pay", "source"),
    ],
)
def test_followups_an_unnamed_role_stays_unnamed(nlp: Any, words: str, source: str) -> None:
    assert _source_of(nlp, UNNAMED_WITNESS, words) == source
