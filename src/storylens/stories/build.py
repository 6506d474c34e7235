"""Build or extend the stories of a store.

Incremental by default: stories already in the store keep their members, and only
articles in no story are clustered — they join an existing story (matched against
its stored centroid and entity keys) or open new ones, using the vector method the
stored stories were built with. ``rebuild`` starts over (with the requested method).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from storylens.stories.cluster import (
    Clusterer,
    ClusterOptions,
    Prepared,
    cluster_prepared,
    merge_prepared,
    prepare,
)
from storylens.stories.features import DocumentFrequencies, extract
from storylens.stories.vectors import dimension, method
from storylens.types import Article

if TYPE_CHECKING:  # the store (a later layer) is handed in, never imported here
    from storylens.store import Store

BATCH = 500
DF_SAMPLE = 5000  # stored articles sampled for document frequencies in incremental runs

Progress = Callable[[int], None]


@dataclass(slots=True)
class BuildResult:
    """What a build did."""

    clustered: int = 0
    stories_new: int = 0
    stories_extended: int = 0
    duplicates: int = 0
    method: str = ""


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_stories(
    store: Store,
    options: ClusterOptions | None = None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Cluster the store's articles into stories and save them (see module docstring)."""
    opts = options or ClusterOptions()
    spec = method(opts.method)
    members = store.story_memberships()
    if rebuild:  # stories saved with a report keep their articles
        reported = {s["id"] for s in store.list_stories() if s["has_report"]}
        members = {a: s for a, s in members.items() if s in reported}
    states = [] if rebuild else store.story_states()
    built_with = {s["method"] for s in states if s["centroid"]}
    if len(built_with) == 1 and opts.method not in built_with:
        # extend stories with the vectors they were built with; --rebuild switches method
        opts = replace(opts, method=built_with.pop(), threshold=None)
        spec = method(opts.method)
    clusterer = Clusterer(opts, dimension(spec))
    known = set(members)
    if not rebuild:
        clusterer.load(states, members)
    parts: list[Prepared] = []
    pending = (a for a in store.iter_articles() if a.id not in known)
    for batch in _batches(pending, BATCH):
        parts.append(prepare(batch, opts))
        if progress:
            progress(len(batch))
    prepared = merge_prepared(parts)
    if not prepared.feats:
        return BuildResult(method=opts.method)
    dfs = DocumentFrequencies()
    dfs.update(prepared.feats)
    if known:
        dfs.update(extract(a) for a in store.get_articles(_sample(sorted(known), DF_SAMPLE)))
    before = {sid: s.size for sid, s in clusterer.stories.items()}
    cluster_prepared(prepared, opts, dfs=dfs, clusterer=clusterer)
    records = clusterer.records()
    store.write_stories(records, replace=rebuild)
    return BuildResult(
        clustered=len(prepared.feats),
        stories_new=sum(1 for r in records if r.id not in before),
        stories_extended=sum(1 for r in records if r.id in before),
        duplicates=sum(len(r.duplicates) for r in records),
        method=opts.method,
    )


def _sample(ids: list[str], k: int) -> list[str]:
    return ids if len(ids) <= k else random.Random(k).sample(ids, k)
