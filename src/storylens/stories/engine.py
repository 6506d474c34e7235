"""Corpus pipeline from crawl to stories, in-process or on a Dask cluster.

The same stage functions run on both engines:

1. :func:`process_partition` — per partition (a piece of a big JSON Lines or WARC file
   of at most ``records`` records, or a group of small files): read and clean the
   articles (ingest), analyse them (spaCy model loaded once per worker process), write
   ``articles`` (and ``claims``) Parquet parts, and prepare the clustering features,
   handed to the windows as one small file per day (:mod:`storylens.stories.windows`).
2. :func:`storylens.stories.windows.group_window` — per time window, on the workers too:
   near-duplicates and stories over the window's days plus an overlap.
3. The client merges the windows at their boundaries in time order and streams the
   ``stories`` and ``story_articles`` Parquet tables (and, optionally, the store).

Both engines hand their tasks to a :class:`concurrent.futures.Executor`: ``"local"``
to the shared analysis executor of ``workers`` processes (:mod:`storylens.analyse.parallel`),
``"dask"`` to Dask's executor on a scheduler (``scheduler`` address) or on a
``LocalCluster`` of ``workers`` processes it starts and stops itself.
"""

from __future__ import annotations

import os
import socket
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from storylens.analyse import parallel
from storylens.errors import ConfigError, InputError
from storylens.ingestion import iter_ingest
from storylens.ingestion.inputs import from_file, is_url, split_file, walk
from storylens.settings import Settings
from storylens.stories.cluster import ClusterOptions, prepare
from storylens.stories.windows import (
    WINDOW_ARTICLES,
    Day,
    StoredStories,
    Story,
    Window,
    WindowResult,
    clear_days,
    group_window,
    merge_windows,
    plan_windows,
    write_days,
)
from storylens.types import Analysis, Article, StoryRecord

ENGINES = ("local", "dask")
FILES_PER_PARTITION = 16
RECORDS_PER_PARTITION = 500
CONTAINERS = (".jsonl", ".ndjson", ".warc", ".gz")  # each a partition (or several) of its own
SPLIT_BYTES = 1 << 20  # other files are sniffed for a container format from this size

Progress = Callable[[int, int], None]  # (partitions done, articles so far)
# keeps a finished run: (the output folder with the articles' Parquet parts, the stories
# in batches, each written to the tables before it is handed over)
Save = Callable[[Path, Iterable[list[StoryRecord]]], None]
# a piece of input: (path or URL, first byte, end byte or None, line number at the start)
Piece = tuple[str, int, int | None, int]


@dataclass(slots=True)
class PartitionResult:
    """What one partition produced (small enough to send back to the client)."""

    index: int
    articles: int
    errors: list[str]
    days: dict[Day, int]  # articles per publication day
    claims: int = 0
    seconds: float = 0.0
    worker: str = ""  # host:pid of the process that ran it


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
    workers: dict[str, int] = field(default_factory=dict)  # host:pid -> partitions it ran

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files under the given paths (directories walked, hidden files skipped); URLs kept."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if is_url(item) or not path.is_dir():
            out.append(item)
        else:
            out.extend(str(p) for p in walk(path))
    return out


def partitions(
    files: Sequence[str],
    per_partition: int = FILES_PER_PARTITION,
    records: int = RECORDS_PER_PARTITION,
    executor: Executor | None = None,
) -> list[list[Piece]]:
    """Big JSON Lines and WARC files in pieces of ``records`` records (aligned to record
    starts), each a partition; other files in groups of ``per_partition``. The pieces of
    files of :data:`SPLIT_BYTES` or more are found on ``executor`` (a pass over each file),
    those of smaller ones (and all without an executor) here."""
    sizes = {f: Path(f).stat().st_size for f in files if Path(f).is_file()}
    to_split = [f for f in sizes if f.lower().endswith(CONTAINERS) or sizes[f] >= SPLIT_BYTES]
    far = [f for f in to_split if executor is not None and sizes[f] >= SPLIT_BYTES]
    found = {f: split_file(Path(f), records) for f in set(to_split) - set(far)}
    if far and executor is not None:
        split = executor.map(split_file, [Path(f) for f in far], [records] * len(far))
        found |= dict(zip(far, split, strict=True))
    big: list[list[Piece]] = []
    small: list[Piece] = []
    for item in files:
        pieces = found.get(item, [(0, None, 1)])
        if len(pieces) > 1 or item.lower().endswith(CONTAINERS):
            big.extend([(item, *p)] for p in pieces)
        else:
            small.append((item, 0, None, 1))
    groups = [small[i : i + per_partition] for i in range(0, len(small), per_partition)]
    return big + groups


def read_partition(pieces: Sequence[Piece], settings: Settings) -> tuple[list[Article], list[str]]:
    """Ingest the pieces of one partition: articles and one message per failed input."""
    articles: list[Article] = []
    errors: list[str] = []
    for item, start, end, line in pieces:
        items = (
            iter_ingest([item], settings)
            if start == 0 and end is None
            else from_file(Path(item), settings, start=start, end=end, line=line)
        )
        for got in items:
            if isinstance(got, Article):
                articles.append(got)
            elif isinstance(got, InputError):
                errors.append(f"{got.source}: {got.reason}")
    return articles, errors


def analyse_partition(articles: Sequence[Article], settings: Settings) -> list[Analysis]:
    """Every analysis stage on the partition, in this process (model loaded once)."""
    from storylens.analyse.pipeline import analyse_batch

    return analyse_batch(list(articles), settings)


def _write_parquet(rows: list[dict[str, Any]], schema: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd")
    tmp.replace(path)  # a crashed worker never leaves half a part behind


def _article_schema() -> Any:
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
    pieces: Sequence[Piece],
    settings: Settings,
    options: ClusterOptions,
    out: str,
    analyse: bool,
) -> PartitionResult:
    """Read, analyse, write and prepare one partition (runs on a worker)."""
    started = time.perf_counter()
    articles, errors = read_partition(pieces, settings)
    articles = list({a.id: a for a in articles}.values())  # exact repeats inside a partition
    analyses = analyse_partition(articles, settings) if analyse and articles else []
    claims = write_partition(index, articles, analyses, Path(out))
    days = write_days(index, articles, prepare(articles, options), Path(out))
    return PartitionResult(
        index=index,
        articles=len(articles),
        errors=errors,
        days=days,
        claims=claims,
        seconds=time.perf_counter() - started,
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )


class TableWriter:
    """Streams the ``stories`` and ``story_articles`` tables, a batch of stories at a time."""

    def __init__(self, out: Path) -> None:
        s = pa.string()
        self.out = out
        self.story_schema = pa.schema(
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
        self.member_schema = pa.schema(
            [("article_id", s), ("story_id", s), ("similarity", pa.float64()),
             ("duplicate_of", s)]
        )  # fmt: skip
        self.stories = pq.ParquetWriter(out / "stories.tmp", self.story_schema, compression="zstd")
        self.members = pq.ParquetWriter(
            out / "story_articles.tmp", self.member_schema, compression="zstd"
        )
        self.count = 0
        self.articles = 0
        self.duplicates = 0

    def write(self, batch: Sequence[Story]) -> None:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "articles": len(s.members),
                "outlets": len(s.outlets),
                "first_day": s.first_day,
                "last_day": s.last_day,
                "terms": [t for t, _ in s.terms.most_common(12)],
            }
            for s in batch
        ]
        members = [
            {
                "article_id": a,
                "story_id": s.id,
                "similarity": s.similarities.get(a),
                "duplicate_of": s.duplicates.get(a),
            }
            for s in batch
            for a in s.members
        ]
        self.stories.write_table(pa.Table.from_pylist(rows, schema=self.story_schema))
        self.members.write_table(pa.Table.from_pylist(members, schema=self.member_schema))
        self.count += len(batch)
        self.articles += len(members)
        self.duplicates += sum(len(s.duplicates) for s in batch)

    def close(self) -> None:
        self.stories.close()
        self.members.close()
        (self.out / "stories.tmp").replace(self.out / "stories.parquet")
        (self.out / "story_articles.tmp").replace(self.out / "story_articles.parquet")


@contextmanager
def _executor(
    engine: str, scheduler: str | None, workers: int, analyse: bool
) -> Iterator[tuple[Executor | None, int]]:
    """Where the tasks run (None: this process, for the local engine with one worker), and
    how many workers there are. Local workers that only ingest and group (no analysis)
    start from this module, not from the analysis stages and the spaCy model."""
    if engine == "local":
        if workers < 2:
            yield None, 1
            return
        from storylens.analyse.parallel import WARM_MODULE, shared_executor

        yield shared_executor(workers, WARM_MODULE if analyse else __name__), workers
        return
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
        slots = len(client.scheduler_info().get("workers", {})) or workers
        yield client.get_executor(pure=False), slots
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _partitions(
    executor: Executor | None,
    parts: list[list[Piece]],
    args: tuple[Settings, ClusterOptions, str, bool],
    progress: Progress | None,
) -> Iterator[PartitionResult]:
    """Each partition as one task, results as they complete."""
    total = 0
    if executor is None or len(parts) < 2:
        results: Iterable[PartitionResult] = (
            process_partition(i, p, *args) for i, p in enumerate(parts)
        )
    else:
        futures = [executor.submit(process_partition, i, p, *args) for i, p in enumerate(parts)]
        results = (f.result() for f in as_completed(futures))
    for done, result in enumerate(results, 1):
        total += result.articles
        if progress:
            progress(done, total)
        yield result


def _windows(
    executor: Executor | None,
    windows: Sequence[Window],
    out: str,
    options: ClusterOptions,
    stored: StoredStories | None,
    in_flight: int,
) -> Iterator[WindowResult]:
    """Each window as one task, results in window order, at most ``in_flight`` at once."""
    reach = options.window_days + 1

    def args(w: Window) -> tuple[Any, ...]:
        return (w, out, options, stored.near(w, reach) if stored else None)

    if executor is None:
        yield from (group_window(*args(w)) for w in windows)
        return
    queue = iter(windows)
    pending = deque(executor.submit(group_window, *args(w)) for w in islice(queue, in_flight))
    while pending:
        future = pending.popleft()
        following = next(queue, None)
        if following is not None:
            pending.append(executor.submit(group_window, *args(following)))
        yield parallel.result(future)


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
    stored: StoredStories | None = None,
    files_per_partition: int = FILES_PER_PARTITION,
    records_per_partition: int = RECORDS_PER_PARTITION,
    window_articles: int | None = WINDOW_ARTICLES,
    progress: Progress | None = None,
) -> CorpusResult:
    """Ingest → analyse → dedup → stories for a whole corpus; Parquet tables in ``out``.

    ``window_articles``: articles per time window of the story grouping (None: one window,
    the central grouping); ``stored``: stories of a store that this run extends.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (use {' or '.join(ENGINES)})")
    opts = options or ClusterOptions()
    started = time.perf_counter()
    files = expand_inputs(inputs)
    if not files:
        raise ConfigError("no input files found")
    out.mkdir(parents=True, exist_ok=True)
    clear_days(out)
    args = (settings, opts, str(out), analyse)
    errors: list[str] = []
    days: Counter[Day] = Counter()
    claims = 0
    cpu = 0.0
    ran: Counter[str] = Counter()
    with _executor(engine, scheduler, workers, analyse) as (executor, slots):
        parts = partitions(files, files_per_partition, records_per_partition, executor)
        for result in _partitions(executor, parts, args, progress):
            errors.extend(result.errors)
            days.update(result.days)
            claims += result.claims
            cpu += result.seconds
            ran[result.worker] += 1
        read_done = time.perf_counter()
        overlap = opts.window_days + 1
        windows = plan_windows(days, overlap=overlap, target=window_articles)
        results = _windows(executor, windows, str(out), opts, stored, in_flight=2 * slots)
        writer = TableWriter(out)

        def batches() -> Iterator[list[StoryRecord]]:
            for batch in merge_windows(windows, results, overlap):
                writer.write(batch)
                yield [s.record() for s in batch]

        try:
            if save is not None:
                save(out, batches())
            else:
                for _ in batches():
                    pass
        finally:
            writer.close()
            clear_days(out)
    finished = time.perf_counter()
    return CorpusResult(
        articles=writer.articles,
        errors=errors,
        stories=writer.count,
        duplicates=writer.duplicates,
        claims=claims,
        partitions=len(parts),
        seconds=finished - started,
        stage_seconds={
            "partitions": read_done - started,
            "stories": finished - read_done,
            "partition_cpu": cpu,
            "windows": len(windows),
        },
        out=str(out),
        workers=dict(ran),
    )
