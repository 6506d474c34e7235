"""Which linked name heads a phrase (fictional names)."""

from __future__ import annotations

import pytest

from storylens.analyse.heads import head_mention
from storylens.types import Argument, Mention


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("the Ada Holt", "Ada Holt"),
        ("the Holt administration", None),  # a body named after the person, not the person
        ("the Ada Holt campaign", None),
        ("Holt's deputy", None),  # a possessor heads nothing
    ],
)
def test_heads_a_body_named_after_a_person_is_not_the_person(phrase: str, head: str | None) -> None:
    name = "Ada Holt" if "Ada Holt" in phrase else "Holt"
    at = phrase.index(name)
    mention = Mention("a1", at, at + len(name), name, "PERSON", "e_ada-holt")
    found = head_mention(phrase, Argument(phrase, 0, len(phrase)), [mention], {})
    assert (found.text if found else None) == head
