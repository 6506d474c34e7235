"""Near-duplicate articles (wire copies) by Jaccard similarity of word shingles.

Small sets (a story's handful of articles, up to ``EXACT_LIMIT``) are compared exactly, pair
by pair, and there a shorter article most of whose shingles the longer one holds
(``COPY_SHARE``) is a copy too: outlets run one agency text cut, with a lead or a paragraph of
their own, which keeps the pair's Jaccard similarity well under the threshold (0.44-0.68 for
four versions of one AFP report that share 69-84% of the shorter one's shingles). Larger sets
use the corpus detector's MinHash signatures + LSH (:mod:`storylens.stories.dedup`), whose
estimated Jaccard similarity is reported. Duplicates are merged into groups (connected pairs)
and each group is counted once for agreement and source independence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storylens.stories.dedup import shingles, signatures, similar_pairs
from storylens.types import Article, asdict

EXACT_LIMIT = 60  # up to this many articles, compare shingle sets exactly
COPY_SHARE = 0.75  # of the shorter article's shingles the longer holds: one text, cut


@dataclass(slots=True)
class DuplicateGroup:
    """Articles that are near-copies of each other; ``representative`` is the first one."""

    articles: list[str]
    outlets: list[str]
    similarity: float  # lowest pairwise similarity that joined the group
    representative: str
    pairs: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def contained(a: set[str], b: set[str]) -> float:
    """The share of the smaller set that the other holds."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _exact_pairs(
    sets: Sequence[set[str]], threshold: float
) -> list[tuple[int, int, float, float | None]]:
    """Pairs at or over the Jaccard ``threshold``, or whose shorter text the longer holds at
    ``COPY_SHARE``: ``(i, j, jaccard, held share or None)``."""
    pairs: list[tuple[int, int, float, float | None]] = []
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            sim = jaccard(sets[i], sets[j])
            if sim >= threshold:
                pairs.append((i, j, sim, None))
            elif (held := contained(sets[i], sets[j])) >= COPY_SHARE:
                pairs.append((i, j, sim, held))
    return pairs


def find_duplicates(articles: Sequence[Article], threshold: float = 0.8) -> list[DuplicateGroup]:
    """Groups of two or more near-identical articles, in input order."""
    if len(articles) <= EXACT_LIMIT:
        pairs = _exact_pairs([shingles(a.text) for a in articles], threshold)
    else:
        pairs = [(i, j, s, None) for i, j, s in similar_pairs(signatures(articles), threshold)]
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _, _ in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = {}
    for i in range(len(articles)):
        members.setdefault(find(i), []).append(i)
    groups = []
    for root, idx in sorted(members.items()):
        if len(idx) < 2:
            continue
        inside = [p for p in pairs if find(p[0]) == root]
        groups.append(
            DuplicateGroup(
                articles=[articles[i].id for i in idx],
                outlets=[articles[i].outlet for i in idx],
                similarity=round(min(s for _, _, s, _ in inside), 3),
                representative=articles[root].id,
                pairs=[_pair(articles[i], articles[j], s, held) for i, j, s, held in inside],
            )
        )
    return groups


def _pair(a: Article, b: Article, similarity: float, held: float | None) -> dict[str, Any]:
    pair: dict[str, Any] = {"a": a.id, "b": b.id, "similarity": round(similarity, 3)}
    if held is not None:
        pair["contained"] = round(held, 3)  # joined as one text cut, not by similarity
    return pair


def units(articles: Sequence[Article], groups: Sequence[DuplicateGroup]) -> dict[str, str]:
    """Article id -> the id of the article that stands for its duplicate group (or itself)."""
    unit = {a.id: a.id for a in articles}
    for group in groups:
        for art in group.articles:
            unit[art] = group.representative
    return unit


def exact_copies(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The same article read from several inputs (one id: the same text in files that name
    no outlet), as ``duplicates`` entries listing the ``sources`` it was read from.

    A comparison keeps one of them (see :func:`storylens.comparison._unique_ids`); these
    entries say which inputs were copies of it.
    """
    found: dict[str, list[Article]] = {}
    for article in articles:
        found.setdefault(article.id, []).append(article)
    copies = []
    for article_id, same in found.items():
        sources = list(dict.fromkeys(a.source or a.url or a.outlet for a in same))
        if len(sources) > 1:
            copies.append(
                {
                    "articles": [article_id],
                    "outlets": list(dict.fromkeys(a.outlet for a in same)),
                    "sources": sources,
                    "similarity": 1.0,
                    "representative": article_id,
                    "pairs": [],
                }
            )
    return copies
