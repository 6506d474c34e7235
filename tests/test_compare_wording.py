"""Which parts of a statement can stand as a group's shared wording."""

from __future__ import annotations

import pytest

from storylens.comparison.wording import _main_clause, _readable
from storylens.types import Argument, Claim


def _part(text: str, verb: str, lemma: str, *, with_argument: bool = True) -> Claim:
    start = text.index(verb)
    args = {"predicate": Argument(verb, start, start + len(verb), lemma)} if with_argument else {}
    return Claim("p", "a", 0, len(text), text, predicate=lemma, arguments=args)


@pytest.mark.parametrize(
    ("text", "verb", "lemma", "alone"),
    [
        ("The ferry to Velm left the harbour at dawn", "left", "leave", True),
        ("After the storm, the ferry to Velm left the harbour", "left", "leave", True),
        # a clause that hangs on another one
        ("Just two days before the mayor opens the pier", "opens", "open", False),
        ("Expected by many to win the regatta", "Expected", "expect", False),
        ("The mayor and the harbour master to reopen the pier", "reopen", "reopen", False),
    ],
)
def test_wording_a_part_must_be_a_main_clause(
    text: str, verb: str, lemma: str, alone: bool
) -> None:
    assert _main_clause(_part(text, verb, lemma)) is alone
    # a clause read without its arguments: its verb is found by the lemma's spelling
    assert _main_clause(_part(text, verb, lemma, with_argument=False)) is alone


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("Officials stopped the race when the skipper fell overboard", True),
        ("Officials stopped the race when the skipper", False),  # the clause lost its verb
        ("Officials stopped the race while Lund", False),
        ("Officials stopped the race after the storm", True),  # a preposition, not a clause
    ],
)
def test_wording_never_ends_in_a_clause_cut_before_its_verb(text: str, readable: bool) -> None:
    assert _readable(text) is readable


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("That's more than five times the legal limit", False),  # points at the sentence before
        ("This is the third fire at the pier this year", False),
        ("This morning the ferry to Velm left the harbour", True),  # "this" is no subject
        ("Those ferries left the harbour at dawn", True),
    ],
)
def test_wording_never_points_back_at_a_sentence_it_leaves_out(text: str, readable: bool) -> None:
    assert _readable(text) is readable


def test_wording_a_quotation_may_open_on_this() -> None:
    from storylens.comparison.wording import points_back

    assert points_back("This is the third fire at the pier this year.")
    assert not points_back("“This is the third fire at the pier this year,” Roth said.")
