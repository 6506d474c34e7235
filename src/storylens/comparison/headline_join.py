"""An article's first line joins the fact it tells in other words.

A headline tells the story's main fact in a few words of its own ("President Trump
postpones imposing tariffs on EU and allies" / "President Donald Trump has postponed the
imposition of steel and aluminum tariffs on Canada, the European Union and Mexico"), and the
pair score, which weighs shared words and clause matches, rates such a pair low (0.34 here,
against 0.48 to group). The meaning of the two as wholes is close (statement embedding
cosine 0.70). An article's first statement (its headline, or its lead where the title is
kept apart) that stays alone after grouping joins the group of the statement of another
outlet closest to it in meaning, when that closeness reaches
``Settings.align_headline_similarity``, as partly stating that group's fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.comparison.conflict_args import ClaimView

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def attach_headlines(
    views: Sequence[ClaimView],
    vectors: npt.NDArray[np.float32],
    clusters: list[list[str]],
    joined: dict[str, str],
    similarity: float,
) -> list[list[str]]:
    """``clusters`` with each lone first statement of an article moved into the group of
    its closest statement of another outlet (``vectors``: the statements' unit vectors, in
    ``views`` order), when the cosine reaches ``similarity``; ``joined`` gets each moved
    statement with the statement it joined by."""
    import numpy as np

    if similarity <= 0 or len(views) < 2:
        return clusters
    ids = [v.claim.id for v in views]
    index = {cid: k for k, cid in enumerate(ids)}
    units = np.array([hash(v.unit) for v in views])
    home = {cid: n for n, members in enumerate(clusters) for cid in members}
    for n, members in enumerate(clusters):
        at = [index[c] for c in members]
        # an article's headline, or the headlines of the copies of one wire text
        if not at or len({units[i] for i in at}) > 1 or any(views[i].claim.sentence for i in at):
            continue
        closeness = np.where(units != units[at[0]], vectors @ vectors[at].T.max(axis=1), -np.inf)
        j = int(np.argmax(closeness))
        if closeness[j] < similarity:
            continue
        target = home[ids[j]]
        clusters[target] = [*clusters[target], *members]
        for cid in members:
            home[cid] = target
            joined[cid] = ids[j]
        clusters[n] = []
    return [members for members in clusters if members]
