"""B-cubed and ARI behave as defined on clusterings whose scores follow from the definition."""

from __future__ import annotations

import pytest

from storylens.eval.clustering import adjusted_rand_index, bcubed

GOLD = ["a", "a", "a", "b", "b", "c"]


@pytest.mark.parametrize(
    ("pred", "p", "r", "ari"),
    [
        (["x", "x", "x", "y", "y", "z"], 1.0, 1.0, 1.0),  # same partition, other names
        # singletons: recall per item is 1 / size of its gold story
        (["1", "2", "3", "4", "5", "6"], 1.0, (3 * 1 / 3 + 2 * 1 / 2 + 1) / 6, 0.0),
    ],
    ids=["identical", "singletons"],
)
def test_eval_clustering_extremes(pred: list[str], p: float, r: float, ari: float) -> None:
    bp, br, _ = bcubed(pred, GOLD)
    assert bp == pytest.approx(p)
    assert br == pytest.approx(r)
    assert adjusted_rand_index(pred, GOLD) == pytest.approx(ari, abs=1e-9)


def test_eval_clustering_one_big_cluster() -> None:
    p, r, f = bcubed(["x"] * 6, GOLD)
    # precision per item = share of its cluster with its gold label: 3x 3/6, 2x 2/6, 1x 1/6
    assert p == pytest.approx((3 * 3 / 6 + 2 * 2 / 6 + 1 / 6) / 6)
    assert r == 1.0
    assert f == pytest.approx(2 * p / (p + 1))
    assert adjusted_rand_index(["x"] * 6, GOLD) == pytest.approx(0.0)


def test_eval_clustering_merge_hurts_precision_only() -> None:
    merged = ["a", "a", "a", "a", "a", "c"]
    p, r, _ = bcubed(merged, GOLD)
    assert r == 1.0 and p < 1.0
    assert 0.0 < adjusted_rand_index(merged, GOLD) < 1.0


def test_eval_clustering_symmetry_of_ari() -> None:
    pred = ["a", "b", "a", "b", "b", "c"]
    assert adjusted_rand_index(pred, GOLD) == pytest.approx(adjusted_rand_index(GOLD, pred))


def test_eval_clustering_length_mismatch() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        bcubed(["a"], GOLD)
