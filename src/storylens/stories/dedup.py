"""Near-duplicate (wire copy) detection: word shingles, MinHash signatures + LSH.

The one near-duplicate detector: a corpus and a comparison of many articles both use it.
Signatures are computed per article (in parallel anywhere); the LSH index finds
candidate pairs in roughly linear time and each candidate is confirmed by its
estimated Jaccard similarity. In a corpus each duplicate points at the earliest copy;
:func:`similar_pairs` gives every similar pair, for grouping.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from storylens.types import Article

NUM_PERM = 64
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_SEED = 20260314
_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1


def _permutations() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    gen = np.random.RandomState(_SEED)
    a = gen.randint(1, _PRIME, size=NUM_PERM, dtype=np.uint64)
    b = gen.randint(0, _PRIME, size=NUM_PERM, dtype=np.uint64)
    return a, b


_A, _B = _permutations()


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Lower-cased word ``size``-grams; short texts give one shingle of all their words."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def shingle_hashes(text: str) -> npt.NDArray[np.uint64]:
    """32-bit hashes of the text's overlapping 5-word shingles (case-folded)."""
    return np.fromiter(
        (zlib.crc32(g.encode("utf-8")) for g in shingles(text)), dtype=np.uint64, count=-1
    )


def signature(text: str) -> npt.NDArray[np.uint64]:
    """The MinHash signature (``NUM_PERM`` values) of a text."""
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    # (a*x + b) mod p, computed per permutation; the uint64 product wraps like datasketch's
    products = (np.outer(hashes, _A) + _B) % np.uint64(_PRIME)
    result: npt.NDArray[np.uint64] = (products & np.uint64(_MAX_HASH)).min(axis=0)
    return result


def signatures(articles: Sequence[Article]) -> npt.NDArray[np.uint64]:
    """Signatures of many articles, one row each."""
    if not articles:
        return np.zeros((0, NUM_PERM), dtype=np.uint64)
    return np.vstack([signature(a.text) for a in articles])


def near_duplicates_from_signatures(
    ids: Sequence[str], sigs: npt.NDArray[np.uint64], threshold: float = 0.8
) -> dict[str, tuple[str, float]]:
    """Duplicate id -> (earliest copy's id, estimated Jaccard), ``ids`` in time order."""
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    found: dict[str, tuple[str, float]] = {}
    for index, art_id in enumerate(ids):
        row = sigs[index]
        hashes = LeanMinHash(seed=_SEED, hashvalues=row, scheme="legacy")
        best: tuple[str, float] | None = None
        for other in lsh.query(hashes):
            j = float(np.mean(sigs[other] == row))
            if j >= threshold and (best is None or j > best[1]):
                target = ids[other]
                best = (found.get(target, (target, j))[0], j)
        if best is not None:
            found[art_id] = best
        else:
            lsh.insert(index, hashes, check_duplication=False)
    return found


def similar_pairs(
    sigs: npt.NDArray[np.uint64], threshold: float = 0.8
) -> list[tuple[int, int, float]]:
    """Every pair of rows (i < j) whose estimated Jaccard similarity reaches ``threshold``."""
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = [LeanMinHash(seed=_SEED, hashvalues=row, scheme="legacy") for row in sigs]
    for index, one in enumerate(hashes):
        lsh.insert(index, one, check_duplication=False)
    pairs = []
    for i, one in enumerate(hashes):
        for j in sorted(lsh.query(one)):
            if j > i:
                sim = float(np.mean(sigs[i] == sigs[j]))
                if sim >= threshold:
                    pairs.append((i, j, sim))
    return pairs


def near_duplicates(
    articles: Sequence[Article], threshold: float = 0.8
) -> dict[str, tuple[str, float]]:
    """Duplicate id -> (original id, similarity) among ``articles`` (earliest wins)."""
    ordered = sorted(articles, key=lambda a: (a.published or "9999", a.id))
    return near_duplicates_from_signatures([a.id for a in ordered], signatures(ordered), threshold)
