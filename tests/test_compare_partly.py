"""A ``partial`` group keeps only the other outlets' statements that say part of its wording;
the others are facts apart, in the group's event."""

from __future__ import annotations

import dataclasses

from storylens.comparison.align import Alignment, ClaimGroup
from storylens.comparison.conflict_args import ClaimView
from storylens.comparison.partly import split_unstated
from storylens.types import Claim

WORDING = "Mayor Ilse Marant will close the old ferry pier for repairs in May"
TEXTS = {
    "a:s0": ("Lund Courier", f"{WORDING}, the council said."),
    # says part of it: the closing and the pier
    "b:s0": ("Velm Post", "The old pier is to close for a while, Ilse Marant confirmed."),
    # the same names and a noun, something else of them
    "c:s0": ("Tervia Today", "Ilse Marant opened a new ferry office on the quay last year."),
}


def _alignment() -> Alignment:
    views = {}
    for cid, (outlet, text) in TEXTS.items():
        claim = Claim(cid, cid[0], 0, len(text), text)
        views[cid] = ClaimView(claim=claim, outlet=outlet, unit=outlet)
    shared = {"claim": "a:s0", "part": None, "text": WORDING, "claims": ["a:s0"]}
    group = ClaimGroup(
        id="g_pier",
        claims=list(TEXTS),
        outlets=[o for o, _ in TEXTS.values()],
        articles=["a", "b", "c"],
        status="partial",
        shared=shared,
        partial=["b:s0", "c:s0"],
        extra=[{"claim": "c:s0", "text": "a new ferry office on the quay"}],
    )
    return Alignment(groups=[group], views=views, scores={})


def test_partly_a_statement_that_says_nothing_of_the_wording_is_a_fact_apart() -> None:
    alignment = _alignment()
    split_unstated(alignment, ["Lund Courier", "Velm Post", "Tervia Today"], {"Ilse", "Marant"})
    group, alone = alignment.groups
    assert group.claims == ["a:s0", "b:s0"] and group.status == "partial"
    assert group.partial == ["b:s0"] and group.extra == []
    assert group.missing_from == ["Tervia Today"]
    assert alone.claims == ["c:s0"] and alone.status == "unique"
    assert alone.outlets == ["Tervia Today"] and alone.event == group.event != ""


def test_partly_a_group_left_with_one_outlet_is_unique() -> None:
    alignment = _alignment()
    alignment.groups[0].claims = ["a:s0", "c:s0"]
    split_unstated(alignment, ["Lund Courier", "Velm Post", "Tervia Today"], {"Ilse", "Marant"})
    group, alone = alignment.groups
    assert group.claims == ["a:s0"] and group.status == "unique" and group.shared == {}
    assert alone.claims == ["c:s0"] and alone.event == group.event


def test_partly_a_group_left_with_one_outlet_lists_no_partial_member() -> None:
    # "a:s0" and a copy of it had joined as partly stating another outlet's fact: alone
    # again, they state their own fact, in full
    alignment = _alignment()
    copy = dataclasses.replace(alignment.views["a:s0"].claim, id="a2:s0", article="a2")
    alignment.views["a2:s0"] = ClaimView(claim=copy, outlet="Lund Courier 2", unit="Lund Courier")
    group = alignment.groups[0]
    group.claims, group.partial = ["a:s0", "a2:s0", "c:s0"], ["a:s0", "a2:s0"]
    split_unstated(alignment, ["Lund Courier", "Velm Post", "Tervia Today"], {"Ilse", "Marant"})
    assert alignment.groups[0].status == "unique" and alignment.groups[0].partial == []


def test_partly_agreed_groups_are_left_as_they_are() -> None:
    alignment = _alignment()
    alignment.groups[0].status = "agreed"
    split_unstated(alignment, ["Lund Courier", "Velm Post", "Tervia Today"], {"Ilse", "Marant"})
    assert [g.claims for g in alignment.groups] == [list(TEXTS)]


def test_partly_a_group_whose_first_statement_left_shows_one_it_still_holds() -> None:
    # the group's text is its first statement: never one that left it for a group apart
    alignment = _alignment()
    alignment.groups[0].claims = ["c:s0", "a:s0", "b:s0"]
    alignment.groups[0].text = TEXTS["c:s0"][1]
    split_unstated(alignment, ["Lund Courier", "Velm Post", "Tervia Today"], {"Ilse", "Marant"})
    group, alone = alignment.groups
    assert group.claims == ["a:s0", "b:s0"] and group.text == TEXTS["a:s0"][1]
    assert alone.text == TEXTS["c:s0"][1]
