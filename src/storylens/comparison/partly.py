"""Statements a ``partial`` group holds that say nothing of its wording.

A group is ``partial`` when only one outlet states its shared wording (see
:func:`.describe.describe_groups`); the other outlets' statements joined it on a pair score,
and the report marks them as stating the fact in part. Read against the wording, about half
of them say something else of the same names and words ("Eight years is a very long time in
baseball" beside "Eight years seems like a reasonable contract length"; "Mo Cheeks will
take over as new coach" beside "“I look at Mo Cheeks and I know Mo Cheeks,” King said").
A statement of another outlet that holds under two of the words the wording says beside its
names, and under :data:`.backing.SAID` of them (:func:`.backing.beside_names`), leaves the
group: it is a fact of its own, ``unique``, in the group's event (one is made for the group
when it had none), so the story still says the two report one happening. A group left with
one outlet is ``unique``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence, Set

from storylens.comparison.align import Alignment, ClaimGroup, ordered
from storylens.comparison.backing import SAID, beside_names, counts_before, counts_held
from storylens.comparison.conflict_args import (
    ClaimView,
    claim_quantities,
    same_measure,
    same_number,
)
from storylens.types import content_id


def split_unstated(alignment: Alignment, all_outlets: Sequence[str], names: Set[str]) -> None:
    """Take out of each ``partial`` group the other outlets' statements that do not say its
    wording, as ``unique`` groups of its event (``names``: the words of the story's names)."""
    views = alignment.views

    def apart(group: ClaimGroup, others: list[str]) -> list[str]:
        if group.status != "partial":
            return []
        wording = str(group.shared.get("text") or "")
        return [c for c in others if says_apart(wording, views[c].claim.text, names)]

    _split(alignment, all_outlets, apart)


def split_other_counts(alignment: Alignment, all_outlets: Sequence[str]) -> None:
    """Take out of each group no contradiction was found in the other outlets' statements
    that count a thing its wording counts otherwise ("Genovese ran his organization from
    behind bars while serving a 15-year sentence" in the group of "Gigante was serving a
    12-year sentence"): another fact, or a gap the conflict rules could not pin down, never
    a statement of the group's fact. Statements of two outlets or more that give one count
    between them stay: they state one fact, though not the wording's ("six rifles were
    found" beside "a total of 14 rifles were seized in five operations", told by two). Run
    after the conflict rules, which compare them first."""
    views = alignment.views

    def other_counts(group: ClaimGroup, others: list[str]) -> list[str]:
        owner = views.get(str(group.shared.get("claim") or ""))
        if group.status not in {"agreed", "partial"} or owner is None:
            return []
        end = group.shared.get("end")
        at = end if isinstance(end, int) else None
        odd = [
            c
            for c in others
            if not counts_held(owner.claim, views[c].claim, at)
            and not _other_value(owner, views[c], at)
        ]
        return [
            c
            for c in odd
            if not any(
                views[d].unit != views[c].unit
                and counts_held(views[c].claim, views[d].claim)
                and counts_held(views[d].claim, views[c].claim)
                for d in odd
            )
        ]

    _split(alignment, all_outlets, other_counts, by_statement=True)


def _other_value(owner: ClaimView, other: ClaimView, end: int | None) -> bool:
    """Whether ``other`` gives another value of a thing the wording of ``owner`` counts, of
    the same people (or of none named): one fact the outlets tell differently ("stocks
    closed down 3.9 percent" / "stocks plunged 5.4 per cent"; "another 20,000 marched" /
    "approximately 50,000 people marched"), not another person's figure ("Genovese was
    serving a 15-year sentence" beside Gigante's 12 years)."""
    mine, theirs_ = frozenset().union(*owner.actors), frozenset().union(*other.actors)
    if mine and theirs_ and not mine & theirs_:
        return False
    own = counts_before(owner.claim, end)
    theirs = claim_quantities(other.claim)
    return any(
        not same_number(q, t) and same_measure(owner.claim, q, other.claim, t)
        for unit, qs in own.items()
        for q in qs
        for t in theirs.get(unit, ())
    )


def _split(
    alignment: Alignment,
    all_outlets: Sequence[str],
    leaves: Callable[[ClaimGroup, list[str]], list[str]],
    by_statement: bool = False,
) -> None:
    """Take out of each group with a wording the statements of outlets that do not state it
    that ``leaves`` picks among them, each as a ``unique`` group of the group's event;
    ``by_statement``: among all the statements that do not state it, an outlet's other
    statements beside the one that does too (a recap's "Charles' day included an 86-yard
    run" beside its "Charles rushed for 226 yards")."""
    views = alignment.views
    groups: list[ClaimGroup] = []
    for group in alignment.groups:
        groups.append(group)
        if not group.shared.get("claim"):
            continue
        said = [c for c in group.shared.get("claims", ()) if c in views]
        stating = set(said) if by_statement else {views[c].unit for c in said}
        key = (lambda c: c) if by_statement else (lambda c: views[c].unit)
        gone = leaves(group, [c for c in group.claims if key(c) not in stating])
        if not gone:
            continue
        group.event = group.event or content_id(group.id, prefix="e")
        by_unit: dict[str, list[str]] = {}
        for cid in gone:  # the copies of one text stay together
            by_unit.setdefault(views[cid].unit, []).append(cid)
        for members in by_unit.values():
            outlets = ordered(views[c].outlet for c in members)
            groups.append(
                ClaimGroup(
                    id=content_id(members[0], prefix="g"),
                    claims=members,
                    outlets=outlets,
                    articles=ordered(views[c].claim.article for c in members),
                    text=views[members[0]].claim.text,
                    missing_from=[o for o in all_outlets if o not in outlets],
                    event=group.event,
                )
            )
        take_out(group, gone, views, all_outlets)
        if len({views[c].unit for c in group.claims}) < 2:  # one outlet left: its own fact
            group.status, group.shared, group.extra, group.partial = "unique", {}, [], []
    alignment.groups = groups


def take_out(
    group: ClaimGroup,
    gone: Collection[str],
    views: Mapping[str, ClaimView],
    all_outlets: Sequence[str],
) -> None:
    """Remove the statements ``gone`` from ``group``, and with them their outlets, articles,
    "partly" marks and details; the group's text is its first statement still in it."""
    group.claims = [c for c in group.claims if c not in gone]
    group.text = views[group.claims[0]].claim.text
    group.outlets = ordered(views[c].outlet for c in group.claims)
    group.articles = ordered(views[c].claim.article for c in group.claims)
    group.missing_from = [o for o in all_outlets if o not in group.outlets]
    group.partial = [c for c in group.partial if c in group.claims]
    group.extra = [d for d in group.extra if d.get("claim") in group.claims]


def says_apart(wording: str, text: str, names: Set[str]) -> bool:
    """Whether ``text`` says too little of ``wording`` to state part of it: of three words or
    more it says beside its names, under two, and under :data:`.backing.SAID` of them (one
    fact of a long wording is part of it: "… a larger gift package that included a
    bulletproof vest" / "the gifts included a bulletproof vest")."""
    held, wanted = beside_names(wording, text, names)
    return wanted >= 3 and held < 2 and held < SAID * wanted
