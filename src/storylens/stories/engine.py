"""Corpus pipeline from crawl to stories, in-process or on a Dask cluster.

The same stage functions run on both engines:

1. :func:`process_partition` — per partition of input files (WARC, JSON Lines, feeds,
   pages): read and clean the articles (ingest), analyse them (spaCy model loaded once
   per worker process), write ``articles`` (and ``claims``) Parquet parts, and prepare
   the clustering features (entity keys, MinHash signatures, lead embeddings).
2. :func:`cluster_prepared` — central and linear-time: near-duplicates, then stories.
3. :func:`write_stories` — ``stories`` and ``story_articles`` Parquet tables (and,
   optionally, the store).

Both engines hand the partitions to a :class:`concurrent.futures.Executor`: ``"local"``
to the shared analysis executor of ``workers`` processes (:mod:`storylens.analyse.parallel`),
``"dask"`` to Dask's executor on a scheduler (``scheduler`` address) or on a
``LocalCluster`` of ``workers`` processes it starts and stops itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError, InputError
from storylens.settings import Settings
from storylens.stories.cluster import (
    Clusterer,
    ClusterOptions,
    Prepared,
    cluster_prepared,
    merge_prepared,
    prepare,
)
from storylens.types import Analysis, Article, StoryRecord

ENGINES = ("local", "dask")
FILES_PER_PARTITION = 16
SPLITTABLE = (".jsonl", ".ndjson", ".warc", ".warc.gz", ".jsonl.gz")

Progress = Callable[[int, int], None]  # (partitions done, articles so far)
# keeps a finished run: (the output folder with the articles' Parquet parts, the stories)
Save = Callable[[Path, list[StoryRecord]], None]


@dataclass(slots=True)
class PartitionResult:
    """What one partition produced (small enough to send back to the client)."""

    index: int
    articles: int
    errors: list[str]
    prepared: Prepared
    outlets: dict[str, str]  # article id -> outlet
    claims: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class CorpusResult:
    """Figures of one corpus run."""

    articles: int = 0
    errors: list[str] = field(default_factory=list)
    stories: int = 0
    duplicates: int = 0
    claims: int = 0
    partitions: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    out: str = ""

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files under the given paths (directories walked, hidden files skipped); URLs kept."""
    from storylens.ingestion.inputs import is_url, walk

    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if is_url(item) or not path.is_dir():
            out.append(item)
        else:
            out.extend(str(p) for p in walk(path))
    return out


def partitions(files: Sequence[str], per_partition: int = FILES_PER_PARTITION) -> list[list[str]]:
    """Big container files (WARC, JSON Lines) alone; small files in groups."""
    big = [[f] for f in files if f.lower().endswith(SPLITTABLE)]
    small = [f for f in files if not f.lower().endswith(SPLITTABLE)]
    groups = [small[i : i + per_partition] for i in range(0, len(small), per_partition)]
    return big + groups


def read_partition(files: Sequence[str], settings: Settings) -> tuple[list[Article], list[str]]:
    """Ingest the files of one partition: articles and one message per failed input."""
    from storylens.ingestion import iter_ingest

    articles: list[Article] = []
    errors: list[str] = []
    for item in iter_ingest(list(files), settings):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, InputError):
            errors.append(f"{item.source}: {item.reason}")
    return articles, errors


def analyse_partition(articles: Sequence[Article], settings: Settings) -> list[Analysis]:
    """Every analysis stage on the partition, in this process (model loaded once)."""
    from storylens.analyse.pipeline import analyse_batch

    return analyse_batch(list(articles), settings)


def _write_parquet(rows: list[dict[str, Any]], schema: Any, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd")
    tmp.replace(path)  # a crashed worker never leaves half a part behind


def _article_schema() -> Any:
    import pyarrow as pa

    s = pa.string()
    return pa.schema(
        [
            ("id", s),
            ("outlet", s),
            ("url", s),
            ("title", s),
            ("byline", s),
            ("published", s),
            ("language", s),
            ("source", s),
            ("words", pa.int64()),
            ("text", s),
        ]
    )


def _claim_schema() -> Any:
    import pyarrow as pa

    s = pa.string()
    return pa.schema(
        [
            ("id", s),
            ("article", s),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", s),
            ("predicate", s),
            ("attributed_to", pa.list_(s)),
            ("hedged", pa.bool_()),
            ("negated", pa.bool_()),
            ("mentions", pa.int64()),
        ]
    )


def write_partition(
    index: int, articles: Sequence[Article], analyses: Sequence[Analysis], out: Path
) -> int:
    """Write the partition's ``articles`` and ``claims`` Parquet parts; returns claims written."""
    names = [
        "id", "outlet", "url", "title", "byline", "published", "language", "source", "text",
    ]  # fmt: skip
    rows = [{**{n: getattr(a, n) for n in names}, "words": len(a.text.split())} for a in articles]
    _write_parquet(rows, _article_schema(), out / "articles" / f"part-{index:05d}.parquet")
    claims = [
        {
            "id": c.id,
            "article": c.article,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "predicate": c.predicate,
            "attributed_to": list(c.attributed_to),
            "hedged": c.hedged,
            "negated": c.negated,
            "mentions": len(an.mentions),
        }
        for an in analyses
        for c in an.claims
    ]
    _write_parquet(claims, _claim_schema(), out / "claims" / f"part-{index:05d}.parquet")
    return len(claims)


def process_partition(
    index: int,
    files: Sequence[str],
    settings: Settings,
    options: ClusterOptions,
    out: str,
    analyse: bool,
) -> PartitionResult:
    """Read, analyse, write and prepare one partition (runs on a worker)."""
    started = time.perf_counter()
    articles, errors = read_partition(files, settings)
    articles = list({a.id: a for a in articles}.values())  # exact repeats inside a partition
    analyses = analyse_partition(articles, settings) if analyse and articles else []
    claims = write_partition(index, articles, analyses, Path(out))
    prepared = prepare(articles, options)
    return PartitionResult(
        index=index,
        articles=len(articles),
        errors=errors,
        prepared=prepared,
        outlets={a.id: a.outlet for a in articles},
        claims=claims,
        seconds=time.perf_counter() - started,
    )


def write_stories(clusterer: Clusterer, outlets: dict[str, str], out: Path) -> int:
    """The ``stories`` and ``story_articles`` tables; returns the number of stories."""
    import pyarrow as pa

    s = pa.string()
    records = clusterer.records()
    stories = []
    for rec in records:
        state = clusterer.stories[rec.id]
        stories.append(
            {
                "id": rec.id,
                "title": rec.title,
                "articles": len(rec.article_ids),
                "outlets": len({outlets.get(a, "") for a in rec.article_ids}),
                "first_day": state.first_day,
                "last_day": state.last_day,
                "terms": list(rec.terms)[:12],
            }
        )
    members = [
        {
            "article_id": a,
            "story_id": rec.id,
            "similarity": rec.similarities.get(a),
            "duplicate_of": rec.duplicates.get(a),
        }
        for rec in records
        for a in rec.article_ids
    ]
    story_schema = pa.schema(
        [
            ("id", s),
            ("title", s),
            ("articles", pa.int64()),
            ("outlets", pa.int64()),
            ("first_day", pa.int64()),
            ("last_day", pa.int64()),
            ("terms", pa.list_(s)),
        ]
    )
    member_schema = pa.schema(
        [("article_id", s), ("story_id", s), ("similarity", pa.float64()), ("duplicate_of", s)]
    )
    _write_parquet(stories, story_schema, out / "stories.parquet")
    _write_parquet(members, member_schema, out / "story_articles.parquet")
    return len(records)


def _run_local(
    parts: list[list[str]],
    args: tuple[Settings, ClusterOptions, str, bool],
    progress: Progress | None,
    workers: int,
) -> Iterator[PartitionResult]:
    """The partitions on the shared analysis executor (:mod:`storylens.analyse.parallel`),
    or one after another in this process for one worker or one partition."""
    if workers < 2 or len(parts) < 2:
        total = 0
        for index, files in enumerate(parts):
            result = process_partition(index, files, *args)
            total += result.articles
            if progress:
                progress(index + 1, total)
            yield result
        return
    from storylens.analyse.parallel import shared_executor

    yield from _run_on(shared_executor(workers), parts, args, progress)


def _run_on(
    executor: Executor,
    parts: list[list[str]],
    args: tuple[Settings, ClusterOptions, str, bool],
    progress: Progress | None,
) -> Iterator[PartitionResult]:
    """Each partition as one task of ``executor``, results as they complete."""
    futures = [executor.submit(process_partition, i, files, *args) for i, files in enumerate(parts)]
    total = 0
    for done, future in enumerate(as_completed(futures), 1):
        result: PartitionResult = future.result()
        total += result.articles
        if progress:
            progress(done, total)
        yield result


def _run_dask(
    parts: list[list[str]],
    args: tuple[Settings, ClusterOptions, str, bool],
    progress: Progress | None,
    scheduler: str | None,
    workers: int,
) -> Iterator[PartitionResult]:
    import distributed

    dist: Any = distributed  # untyped package
    cluster = None
    if scheduler is None:
        cluster = dist.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
    client = dist.Client(cluster if cluster is not None else scheduler)
    try:
        yield from _run_on(client.get_executor(pure=False), parts, args, progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_corpus(
    inputs: Iterable[str],
    out: Path,
    settings: Settings,
    options: ClusterOptions | None = None,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    analyse: bool = True,
    save: Save | None = None,
    files_per_partition: int = FILES_PER_PARTITION,
    progress: Progress | None = None,
) -> CorpusResult:
    """Ingest → analyse → dedup → stories for a whole corpus; Parquet tables in ``out``."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
    opts = options or ClusterOptions()
    started = time.perf_counter()
    files = expand_inputs(inputs)
    if not files:
        raise ConfigError("no input files found")
    parts = partitions(files, files_per_partition)
    out.mkdir(parents=True, exist_ok=True)
    args = (settings, opts, str(out), analyse)
    results = (
        _run_dask(parts, args, progress, scheduler, workers)
        if engine == "dask"
        else _run_local(parts, args, progress, workers)
    )
    collected = sorted(results, key=lambda r: r.index)
    read_done = time.perf_counter()
    outlets = {k: v for r in collected for k, v in r.outlets.items()}
    prepared = merge_prepared([r.prepared for r in collected])
    clusterer = cluster_prepared(_unique(prepared), opts)
    stories = write_stories(clusterer, outlets, out)
    if save is not None:
        save(out, clusterer.records())
    finished = time.perf_counter()
    records = clusterer.records()
    return CorpusResult(
        articles=len(clusterer.assigned),
        errors=[e for r in collected for e in r.errors],
        stories=stories,
        duplicates=sum(len(r.duplicates) for r in records),
        claims=sum(r.claims for r in collected),
        partitions=len(parts),
        seconds=finished - started,
        stage_seconds={
            "partitions": read_done - started,
            "cluster": finished - read_done,
            "partition_cpu": sum(r.seconds for r in collected),
        },
        out=str(out),
    )


def _unique(prepared: Prepared) -> Prepared:
    """Drop articles seen in an earlier partition (same content id)."""
    seen: set[str] = set()
    keep = []
    for i, f in enumerate(prepared.feats):
        if f.id not in seen:
            seen.add(f.id)
            keep.append(i)
    if len(keep) == len(prepared.feats):
        return prepared
    emb = prepared.embeddings[keep] if prepared.embeddings is not None else None
    return Prepared(
        [prepared.feats[i] for i in keep],
        [prepared.titles[i] for i in keep],
        prepared.sigs[keep],
        emb,
    )
