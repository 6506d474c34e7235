"""Lone statements joined to the fact they support.

A statement no other outlet's statement was grouped with joins the group of its best match
in another outlet's text when that match scores high enough (:func:`attach_supported`), as
partly stating that group's fact; one that turns out not to be close to its match goes back
to being a fact of its own (:func:`loose_joins`), and a statement left alone that way joins
its own best match (:func:`rejoin`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Set
from typing import TYPE_CHECKING

from storylens.comparison.conflict_args import ClaimView
from storylens.comparison.events import event_class
from storylens.comparison.scoring import PairScores
from storylens.types import Claim

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def attach_supported(
    views: Sequence[ClaimView],
    scores: PairScores,
    clusters: list[list[str]],
    support: float,
) -> tuple[list[list[str]], dict[str, str]]:
    """Join each statement no other outlet was grouped with to the group of its best match
    in another outlet's text, when that match scores at least ``support``.

    A statement is ``unique`` only when no other outlet's text supports it (the copies of
    one wire text, grouped together, are one outlet's statement); one that shares
    part of its fact (the event, with details of its own) joins that fact's group and is
    listed in the group's ``partial``. Returns the new clusters and the joined ids, each
    with the id of the match it joined by.
    """
    import numpy as np

    if support <= 0 or len(views) < 2:
        return clusters, {}
    unit = [v.unit for v in views]
    index = {cid: k for k, cid in enumerate(scores.ids)}
    cluster_of = {cid: n for n, members in enumerate(clusters) for cid in members}
    units_of = [{unit[index[c]] for c in members} for members in clusters]
    matrix = scores.matrix
    units = np.array([hash(u) for u in unit])
    joined: dict[str, str] = {}
    for n, members in enumerate(clusters):
        if len(units_of[n]) > 1 or not members:
            continue
        # one outlet's statement, or the copies of one wire text: its best match elsewhere
        score, j = max(_best_match(index[c], units, matrix) for c in members)
        if score < support:
            continue
        target = cluster_of[scores.ids[j]]
        clusters[target].extend(members)
        units_of[target] |= units_of[n]
        for cid in members:
            cluster_of[cid] = target
            joined[cid] = scores.ids[j]
        clusters[n] = []
    return [sorted(m, key=index.__getitem__) for m in clusters if m], joined


def _best_match(
    i: int,
    units: npt.NDArray[np.int64],
    matrix: npt.NDArray[np.float32],
    allowed: npt.NDArray[np.bool_] | None = None,
) -> tuple[float, int]:
    """The score and index of statement ``i``'s best match in another outlet's text (one
    of the ``allowed`` statements, when given)."""
    import numpy as np

    others = units != units[i]
    if allowed is not None:
        others &= allowed
    row = np.where(others, matrix[i], -np.inf)
    j = int(np.argmax(row))
    return float(row[j]), j


def loose_joins(joined: Mapping[str, str], close: Callable[[str, str], bool]) -> set[str]:
    """The joined statements (``joined`` maps each to the statement it joined by, see
    :func:`attach_supported`) that go back to being a fact of their own: those not
    ``close`` to their match, and those that joined by one of these.

    A lone statement's best match in a long story is often a sentence on the same topic one
    clause of which shares words with one of its own ("the extension is unlikely to satisfy
    the European Union, whose leaders have said ..." / "Australia's Prime Minister
    welcomed the exemption and said ..."): a sentence that states part of its fact is close
    to it as a whole, or has a clause telling the same event of the same participants.
    """
    loose = {c for c, by in joined.items() if not close(c, by)}
    while more := {c for c, by in joined.items() if by in loose} - loose:
        loose |= more
    return loose


def rejoin(
    clusters: list[list[str]],
    joined: dict[str, str],
    loose: Set[str],
    scores: PairScores,
    by_id: Mapping[str, ClaimView],
    support: float,
    close: Callable[[str, str], bool],
) -> tuple[list[list[str]], dict[str, str]]:
    """A statement that another outlet's lone statement had joined (so it joined nothing
    itself) and that is alone again now that statement went back to being a fact of its own
    joins its own best match, as :func:`attach_supported` would have done."""
    import numpy as np

    index = {cid: k for k, cid in enumerate(scores.ids)}
    cluster_of = {cid: n for n, members in enumerate(clusters) for cid in members}
    units = np.array([hash(by_id[cid].unit) for cid in scores.ids])
    blocked = np.array([cid in loose for cid in scores.ids])
    for members in clusters:
        kept = [c for c in members if c not in loose]
        if len(kept) != 1 or len(members) == 1 or kept[0] in joined:
            continue
        c = kept[0]
        score, j = _best_match(index[c], units, scores.matrix, ~blocked)
        match = scores.ids[j]
        if score < support or not close(c, match):
            continue
        clusters[cluster_of[match]].append(c)
        members.remove(c)
        cluster_of[c] = cluster_of[match]
        joined[c] = match
    return clusters, joined


def one_event(
    parts_a: Sequence[Claim],
    parts_b: Sequence[Claim],
    part_scores: PairScores,
    view_of: Mapping[str, ClaimView],
) -> bool:
    """The best-scoring pair of a part of one statement and a part of the other tells one
    kind of event (:func:`.events.event_class`, a listed class) with a linked participant
    in common, and neither denies it alone ("departed from far-east Russia on Sunday" /
    "left Russia on Sunday")."""
    pairs = [(p.id, q.id) for p in parts_a for q in parts_b]
    scored = [(part_scores.get(k, part_scores.get(k[::-1], -1.0)), k) for k in pairs]
    if not scored:
        return False
    _, (a, b) = max(scored)
    x, y = view_of[a], view_of[b]
    kind = event_class(x.claim.predicate)
    return (
        kind.startswith("event")
        and kind == event_class(y.claim.predicate)
        and bool(x.entities & y.entities)
        and x.claim.negated == y.claim.negated
    )
