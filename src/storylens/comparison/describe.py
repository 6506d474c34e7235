"""What each group of statements says: its shared wording, its status, each outlet's details.

:func:`describe_groups` gives every group more than one outlet carries the wording its
outlets share (:func:`.wording.shared_fact`) and what each outlet alone adds
(:func:`.wording.outlet_details`).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from typing import TYPE_CHECKING, Any

from storylens.analyse.quotemarks import quote_open
from storylens.comparison.align import ClaimGroup, best_elsewhere, ordered
from storylens.comparison.backing import counts_held, covers, gives_source, long_quotes, quotes_held
from storylens.comparison.partly import says_apart, take_out
from storylens.comparison.provenance import hearsay_source
from storylens.comparison.wording import outlet_details, shared_fact
from storylens.settings import Settings
from storylens.types import content_id

if TYPE_CHECKING:
    from storylens.comparison.align import Alignment


def describe_groups(
    alignment: Alignment, settings: Settings, elsewhere: dict[str, float] | None = None
) -> None:
    """Set ``shared`` and ``extra`` on every group more than one outlet carries.

    A group whose shared wording only one outlet states (wire copies count once; a source's
    words not by an outlet that gives them to another source) is ``partial``, not
    ``agreed``: its outlets share part of a fact, and none of its wordings is stated by two
    of them ("Stock prices fell nearly 2 percent when the tariffs were announced" beside
    "Trump announced the tariffs on March 8"). ``elsewhere``: :func:`.align.best_elsewhere`
    of the alignment, worked out here when not given."""
    if elsewhere is None:
        elsewhere = best_elsewhere(alignment)  # one pass over the story's part scores
    for group in alignment.groups:
        if group.status != "unique":
            _describe(group, alignment, settings, elsewhere)


def split_facts(
    alignment: Alignment,
    settings: Settings,
    names: Set[str],
    all_outlets: Sequence[str],
    elsewhere: dict[str, float],
) -> None:
    """Give each fact of an ``agreed`` group a group of its own: when two outlets or more
    that do not state its wording state another wording between them (one sentence of a
    recap tells two facts, "Luck threw for 205 yards, and his touchdown pass to Wayne put
    the Colts ahead", and outlets that tell only the touchdown joined on it), their
    statements leave as a group of that fact, in the group's event (:func:`_other_fact`);
    so do the statements of outlets that state it whose counts are not its counts ("Charles'
    day included an 86-yard run" beside "Charles rushed for 226 yards", told by each);
    a statement that says some of the group's wording beside its names (``names``: the words
    of the story's names) stays, as partly stating it ("He died in a medical prison" beside
    "Gigante died of heart disease at the medical center for federal prisoners").
    Run after the conflict rules: a ``conflicting`` group stays whole, so the values its
    outlets dispute stay side by side. ``elsewhere`` as for :func:`describe_groups`."""
    groups: list[ClaimGroup] = []
    for group in alignment.groups:
        groups.append(group)
        while other := _other_fact(group, alignment, settings, names, all_outlets, elsewhere):
            groups.append(other)
    alignment.groups = groups


def _describe(
    group: ClaimGroup, alignment: Alignment, settings: Settings, elsewhere: dict[str, float]
) -> None:
    """Set one group's ``shared``, ``extra`` and, when one outlet states its wording,
    ``partial`` status."""
    views = alignment.views
    group.shared = shared = shared_fact(group.claims, alignment, settings.align_threshold)
    source = next((s for s in shared.get("attributed_to", ()) if s.strip()), "")
    # the same long quotation word for word: both tell the remark, whoever they
    # name for it ("the chairmen said" / "the House Intelligence Committee added")
    home = views[shared["claim"]].claim
    lead = home.text[: max(0, int(shared.get("start", home.start)) - home.start)]
    remark = long_quotes(str(shared.get("text") or ""), inside=quote_open(lead))
    hearsay = hearsay_source(source, str(shared.get("text") or ""))
    stating = {
        views[c].unit
        for c in shared.get("claims", ())
        if c == shared["claim"]
        or not (source and views[c].claim.attributed_to)
        or (hearsay and not views[c].speaker)  # a person's words are theirs
        or gives_source(views[c].claim, source, alignment.speaks_for)
        or (remark and quotes_held(remark, views[c].claim.text))
    }
    if len(stating) < 2:  # the others give the words to someone else: "partly"
        group.status = "partial"
        shared["claims"] = [c for c in shared["claims"] if views[c].unit in stating]
        shared["outlets"] = ordered(views[c].outlet for c in shared["claims"])
    group.extra = [
        d
        for d in outlet_details(group.claims, alignment, settings.align_threshold, elsewhere)
        if d["part"] != group.shared.get("part") and not _restates(d["text"], shared)
    ]


def _other_fact(
    group: ClaimGroup,
    alignment: Alignment,
    settings: Settings,
    names: Set[str],
    all_outlets: Sequence[str],
    elsewhere: dict[str, float],
) -> ClaimGroup | None:
    """The statements of an ``agreed`` group that do not state its wording (of outlets that
    do not, or counting what it counts otherwise), when two outlets or more of them state a
    wording of their own: taken out of ``group`` as an ``agreed`` group of that fact, in
    ``group``'s event; ``None`` when there is none."""
    views = alignment.views
    if group.status != "agreed" or not group.shared:
        return None
    stating = set(group.shared.get("claims", ()))
    units = {views[c].unit for c in stating}
    wording = str(group.shared.get("text") or "")
    owner = views[str(group.shared["claim"])].claim
    end = group.shared.get("end")
    at = end if isinstance(end, int) else None
    rest = [
        c
        for c in group.claims
        if c not in stating
        and (
            (views[c].unit not in units and says_apart(wording, views[c].claim.text, names))
            or not counts_held(owner, views[c].claim, at)
        )
    ]
    if len({views[c].unit for c in rest}) < 2:
        return None
    backers = set(shared_fact(rest, alignment, settings.align_threshold).get("claims", ()))
    movers = [c for c in rest if c in backers]
    if len({views[c].unit for c in movers}) < 2:
        return None
    outlets = ordered(views[c].outlet for c in movers)
    inner = [
        alignment.similarity(x, y)
        for i, x in enumerate(movers)
        for y in movers[i + 1 :]
        if views[x].unit != views[y].unit
    ]
    other = ClaimGroup(
        id=content_id(" ".join(sorted(movers)), prefix="g"),
        claims=movers,
        outlets=outlets,
        articles=ordered(views[c].claim.article for c in movers),
        status="agreed",
        text=views[movers[0]].claim.text,
        score=round(sum(inner) / len(inner), 3) if inner else 1.0,
        missing_from=[o for o in all_outlets if o not in outlets],
        partial=[c for c in group.partial if c in movers],
    )
    _describe(other, alignment, settings, elsewhere)
    if other.status != "agreed":  # the others give its words to someone else
        return None
    take_out(group, movers, views, all_outlets)
    other.notes = [n for n in group.notes if set(n.get("claims", ())) <= set(movers)]
    group.notes = [n for n in group.notes if n not in other.notes]
    group.event = other.event = group.event or content_id(group.id, prefix="e")
    return other


def _restates(detail: str, shared: dict[str, Any]) -> bool:
    """Whether an outlet's detail is the shared fact in its own words: most of the content
    words of each are in the other ("No agreements were signed on this issue" beside "The
    Kremlin has said no agreement has or will be signed"; not "Kim had not left his country
    since the pandemic" beside "Kim left Russia on Sunday")."""
    wording = str(shared.get("text") or "")
    return bool(wording) and covers(wording, detail, RESTATED) and covers(detail, wording, RESTATED)


RESTATED = 0.6  # share of each one's content words the other holds
