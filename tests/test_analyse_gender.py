"""A "he" never continues a woman's words, nor "she" a man's, when the article shows which
the person is; a person it shows nothing of may still be either.

The articles are written for these tests: a priest quoted about a doctor (the nearest name
before each "he" is hers), a host and the comedian who replaced her, and a lawyer speaking
about a client's mother (the "her" of his words is not his).
"""

from __future__ import annotations

from typing import Any

import pytest

from storylens.analyse.focus import named_subject
from storylens.analyse.gender import genders, person_key
from storylens.analyse.quotes import find_quotes
from storylens.types import Article, Mention

PRIEST_ON_A_DOCTOR = """\
The bishop's vicar, Msgr. Tomas Rell, praised the nomination of Dr. Ana Veldt on Monday.

Dr. Veldt opened her clinic in the fishing town of Brask in 1991. She kept it open after \
the floods.

Asked about Dr. Veldt's views on the hospital merger, Msgr. Rell said he had never \
discussed them with her.

"I would hope that her views match the diocese's," he said.

Dr. Veldt has said little in public since the announcement.

"I expect she will do fine work," he added.
"""

HOST_AND_COMEDIAN = """\
The awards show will have a new host next year, organisers said on Friday.

Lina Serro, who hosted the show for three years, said she was proud of her time on the \
stage. "It was the best job I ever had," she said.

The comedian Piet Harlan will take over. Harlan, a father of two, said he had watched the \
show since he was a boy.

Serro thanked her crew and wished him luck. "He will be wonderful," she said.
"""

LAWYER_ON_A_MOTHER = """\
The defence lawyer, Stan Orvik, said the trial had gone as well as it could.

His client's mother had planned to testify about her son's childhood, Orvik said. But she \
became frightened the night before and stayed home.

"We made choices that other lawyers would not make," he said.
"""


def _quotes(nlp: Any, text: str) -> dict[str, str]:
    article = Article(id="a_g", outlet="Test", text=text)
    return {q.text: q.speaker for q in find_quotes(nlp(text), article, [])}


def _speaker_of(quotes: dict[str, str], words: str) -> str:
    found = {s for t, s in quotes.items() if words in t}
    assert len(found) == 1, f"{words!r}: {found} in {quotes}"
    return found.pop()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("her views match", "Rell"),
        ("do fine work", "Rell"),
    ],
)
def test_analyse_gender_he_skips_the_woman_named_nearer(nlp: Any, words: str, speaker: str) -> None:
    assert _speaker_of(_quotes(nlp, PRIEST_ON_A_DOCTOR), words) == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("the best job", "Lina Serro"),
        ("He will be wonderful", "Serro"),
    ],
)
def test_analyse_gender_she_skips_the_man_named_nearer(nlp: Any, words: str, speaker: str) -> None:
    assert _speaker_of(_quotes(nlp, HOST_AND_COMEDIAN), words) == speaker


def _linked(text: str) -> tuple[Any, list[Mention]]:
    """The parsed article and its linked PERSON mentions, through the whole analysis."""
    from storylens.analyse.pipeline import analyse_parsed
    from storylens.settings import Settings

    article = Article(id="a_g", outlet="Test", text=text)
    [(analysis, doc)] = analyse_parsed([article], Settings(n_process=1))
    return doc, [m for m in analysis.mentions if m.label == "PERSON"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PRIEST_ON_A_DOCTOR, {"Tomas Rell": "he", "Ana Veldt": "she"}),
        (HOST_AND_COMEDIAN, {"Lina Serro": "she", "Piet Harlan": "he"}),
        # the lawyer's "her" and "she" are the mother's: he is left open, not made a woman
        (LAWYER_ON_A_MOTHER, {"Stan Orvik": None}),
    ],
)
def test_analyse_gender_reads_the_article_s_own_evidence(
    text: str, expected: dict[str, str | None]
) -> None:
    doc, people = _linked(text)
    found = genders(doc, people)
    for name, sex in expected.items():
        keys = {person_key(m) for m in people if name in m.text}
        assert keys, f"{name!r} not among {[m.text for m in people]}"
        assert {found.get(k) for k in keys} == {sex}, (name, found)


@pytest.mark.slow
def test_analyse_gender_a_leading_she_is_not_the_man_named_most() -> None:
    text = (
        HOST_AND_COMEDIAN + "\nPiet Harlan starts in March. Harlan is 41.\n\nShe leaves for Rome.\n"
    )
    doc, people = _linked(text)
    start = text.index("She leaves")
    sentence = "She leaves for Rome."
    assert named_subject(sentence, start, people) == "Piet Harlan leaves for Rome."  # no evidence
    assert named_subject(sentence, start, people, doc) == "Lina Serro leaves for Rome."
