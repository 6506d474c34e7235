"""Lone statements joined to the fact they support (comparison.support)."""

from __future__ import annotations

import numpy as np
import pytest

from storylens.comparison.conflict_args import ClaimView
from storylens.comparison.scoring import PairScores
from storylens.comparison.support import attach_supported, loose_joins, rejoin
from storylens.types import Claim

IDS = ["a1", "b1", "c1", "d1"]  # one statement of each of four outlets


def _views() -> list[ClaimView]:
    return [ClaimView(Claim(cid, cid, 0, 1, cid), outlet=cid, unit=cid) for cid in IDS]


def _scores() -> PairScores:
    # a1 and b1 state the fact; c1 states it too (0.9 with a1); d1 is nearest to c1 only
    matrix = np.full((4, 4), 0.1, dtype=np.float32)
    for x, y, s in (("a1", "b1", 0.8), ("a1", "c1", 0.9), ("c1", "d1", 0.95)):
        i, j = IDS.index(x), IDS.index(y)
        matrix[i, j] = matrix[j, i] = s
    return PairScores(IDS, IDS, matrix)


@pytest.mark.parametrize("c1_close_to_a1", [True, False])
def test_support_a_statement_left_alone_by_a_loose_joiner_joins_its_own_match(
    c1_close_to_a1: bool,
) -> None:
    views, scores = _views(), _scores()
    # d1 joins lone c1 first (c1 has joined nothing yet: it was joined by d1 instead)
    clusters, joined = attach_supported(views, scores, [["a1", "b1"], ["d1"], ["c1"]], 0.44)
    assert joined == {"d1": "c1"} and ["c1", "d1"] in clusters

    def close(a: str, b: str) -> bool:  # d1 turns out to be another fact than c1's
        return (a, b) == ("c1", "a1") and c1_close_to_a1

    loose = loose_joins(joined, close)
    assert loose == {"d1"}
    by_id = {v.claim.id: v for v in views}
    clusters, joined = rejoin(clusters, joined, loose, scores, by_id, 0.44, close)
    if c1_close_to_a1:  # c1 states the group's fact: it joins it, not left "unique"
        assert clusters == [["a1", "b1", "c1"], ["d1"]] and joined["c1"] == "a1"
    else:
        assert clusters == [["a1", "b1"], ["c1", "d1"]] and "c1" not in joined


def test_support_the_copies_of_one_wire_text_join_as_one_outlets_statement() -> None:
    # c1 and c2 are one statement of two copies of one text (one unit): together they are
    # still one outlet's lone statement, and join the fact a1 and b1 state
    ids = ["a1", "b1", "c1", "c2"]
    views = [
        ClaimView(Claim(cid, cid, 0, 1, cid), outlet=cid, unit="c" if cid[0] == "c" else cid)
        for cid in ids
    ]
    matrix = np.full((4, 4), 0.1, dtype=np.float32)
    for x, y, s in (("a1", "b1", 0.8), ("a1", "c2", 0.7), ("c1", "c2", 1.0)):
        i, j = ids.index(x), ids.index(y)
        matrix[i, j] = matrix[j, i] = s
    scores = PairScores(ids, ids, matrix)
    clusters, joined = attach_supported(views, scores, [["a1", "b1"], ["c1", "c2"]], 0.44)
    assert clusters == [["a1", "b1", "c1", "c2"]]
    assert joined == {"c1": "a1", "c2": "a1"}
