"""One remark quoted by two outlets: statements that quote the same words join one group.

Two outlets that quote a speaker word for word report the same remark, however differently
they frame it ('"You can mark it down," he said.' / 'Trump said during a meeting with Macron
in the Oval Office. "You can mark it down."'), and pair scores often miss it: the framing
words differ, or one outlet's sentence holds more. A statement no other outlet was grouped
with joins the group of another outlet's statement that holds one of its quotations of
``MIN_SHARED_QUOTE`` words or more in a row (or whose such quotation it holds), when no
two different speakers say them and neither statement denies what the other asserts.
"""

from __future__ import annotations

from collections.abc import Sequence

from storylens.comparison.backing import quoted_passages, quotes_held
from storylens.comparison.conflict_args import ClaimView

MIN_SHARED_QUOTE = 6  # words quoted word for word in both: one remark, not a common phrase


def attach_quoted(
    views: Sequence[ClaimView], clusters: list[list[str]], joined: dict[str, str]
) -> list[list[str]]:
    """``clusters`` (statement ids) with each statement no other outlet was grouped with, or
    that joined a group only as partly stating it (``joined``, which loses it), moved into
    the group of a statement of another outlet it shares a quotation with; when that one
    too stands alone or joined only partly, the two form a group of their own."""
    by_id = {v.claim.id: v for v in views}
    long = {
        v.claim.id: [q for q in quoted_passages(v.claim.text) if len(q) >= MIN_SHARED_QUOTE]
        for v in views
    }
    quoting = [v for v in views if long[v.claim.id]]
    if len(quoting) < 2:
        return clusters
    home = {cid: n for n, members in enumerate(clusters) for cid in members}

    def loose(cid: str) -> bool:
        members = clusters[home[cid]]
        return cid in joined or len({by_id[c].unit for c in members}) == 1

    for view in quoting:
        cid = view.claim.id
        if not loose(cid):
            continue
        match = next((o for o in quoting if _same_remark(view, o, long)), None)
        if match is None:
            continue
        moving = [cid]
        if loose(match.claim.id):
            moving.append(match.claim.id)
            clusters.append([])
            target = len(clusters) - 1
        else:
            target = home[match.claim.id]
        for c in moving:
            clusters[home[c]] = [m for m in clusters[home[c]] if m != c]
            clusters[target].append(c)
            home[c] = target
            joined.pop(c, None)
    return [members for members in clusters if members]


def _same_remark(a: ClaimView, b: ClaimView, long: dict[str, list[list[str]]]) -> bool:
    """Whether statements of two outlets quote one remark: a long quotation of one is word
    for word in the other, one speaker (or an unnamed one) says it, one polarity."""
    return (
        a.unit != b.unit
        and not (a.speaker and b.speaker and a.speaker.isdisjoint(b.speaker))
        and a.claim.negated == b.claim.negated
        and (
            any(quotes_held([q], b.claim.text) for q in long[a.claim.id])
            or any(quotes_held([q], a.claim.text) for q in long[b.claim.id])
        )
    )
