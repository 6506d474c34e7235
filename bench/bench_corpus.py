"""Corpus throughput: ingest → analyse → stories on 2 cores, in-process and on Dask.

A generated corpus (``storylens.stories.synthetic``: fictional events, 2-5 outlets each,
300-700 words per article) is written as JSON Lines partitions and run through the real
pipeline (:func:`storylens.stories.engine.run_corpus`): ingest, optional analysis, Parquet
parts, near-duplicates and story clustering.

Figures printed:

* ingest → stories on ``N`` articles (default 5,000; ``STORYLENS_BENCH_ARTICLES``), in-process
  and on a 2-worker Dask LocalCluster, with story quality (B-cubed F1 against the generated
  labels) and peak memory (RSS summed over the process tree, sampled every 200 ms);
* cost growth of ingest → stories from 1k to N articles (seconds per 1k articles);
* the analysis stage on a sample (``STORYLENS_BENCH_ANALYSE``, default 600 articles), in-process
  and on Dask, and the end-to-end rate ingest → analyse → stories that follows from both
  (per-article costs add up: 1 / (1/rate_stories + 1/rate_analysis)).

Story vectors: ``stories.event.v1`` (the default) for the large runs; ``stories.hybrid.v1``
is timed on 500.
Dask figures include starting the LocalCluster (about 10 s).
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
import pyarrow.parquet as pq

from storylens.eval.clustering import bcubed
from storylens.settings import Settings
from storylens.stories.cluster import ClusterOptions
from storylens.stories.engine import CorpusResult, run_corpus
from storylens.stories.synthetic import generate, write_jsonl

N_ARTICLES = int(os.environ.get("STORYLENS_BENCH_ARTICLES", "5000"))
N_ANALYSE = int(os.environ.get("STORYLENS_BENCH_ANALYSE", "600"))
N_HYBRID = 500
PARTS = 8
ARTICLES_PER_STORY = 3.5  # the generator's mean outlets per story


@contextmanager
def peak_rss() -> Iterator[Callable[[], float]]:
    """Peak RSS (MB) of this process and its descendants while the block runs."""
    peak = [0.0]
    stop = threading.Event()
    me = psutil.Process()

    def sample() -> None:
        while not stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            peak[0] = max(peak[0], total / 2**20)
            stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield lambda: peak[0]
    finally:
        stop.set()
        thread.join()


def write_corpus(folder: Path, articles: int, seed: int = 17) -> dict[str, str]:
    """JSON Lines partitions of about ``articles`` articles; returns url -> gold story."""
    items = generate(max(1, round(articles / ARTICLES_PER_STORY)), seed=seed)[:articles]
    folder.mkdir(parents=True, exist_ok=True)
    for part in range(PARTS):  # article n goes to partition n % PARTS
        write_jsonl(folder / f"part{part:02d}.jsonl", items[part::PARTS])
    return {i.article.url or "": i.story for i in items}


def quality(out: Path, gold: dict[str, str]) -> float:
    urls = {r["id"]: r["url"] for r in pq.read_table(out / "articles").to_pylist()}
    members = pq.read_table(out / "story_articles.parquet").to_pylist()
    pred = [m["story_id"] for m in members]
    truth = [gold.get(urls.get(m["article_id"]) or "", "?") for m in members]
    return bcubed(pred, truth)[2]


CPU: dict[str, float] = {}  # CPU seconds of this process in the last timed() run


def timed(
    folder: Path, out: Path, *, engine: str, analyse: bool, method: str
) -> tuple[CorpusResult, float]:
    started = time.process_time()
    with peak_rss() as peak:
        result = run_corpus(
            [str(folder)],
            out,
            Settings(n_process=1),
            ClusterOptions(method=method),
            engine=engine,
            workers=2,
            analyse=analyse,
        )
    CPU["last"] = time.process_time() - started
    return result, peak()


def line(label: str, result: CorpusResult, mb: float, extra: str = "") -> None:
    print(
        f"   {label:<42} {result.articles:>6} articles {result.seconds:>7.1f} s "
        f"{result.rate:>7.1f} articles/s  peak {mb:>6.0f} MB {extra}",
        flush=True,
    )


def run() -> None:
    default = "stories.event.v1"
    with tempfile.TemporaryDirectory(prefix="storylens-bench-") as tmp:
        root = Path(tmp)
        big = root / "big"
        gold = write_corpus(big, N_ARTICLES)
        print(f"   corpus: {len(gold)} generated articles in {PARTS} JSON Lines files, 2 cores")
        rates: dict[str, float] = {}
        cpu_big = 0.0
        wall_big = 0.0
        for engine in ("local", "dask"):
            result, mb = timed(
                big, root / f"out-{engine}", engine=engine, analyse=False, method=default
            )
            f1 = quality(root / f"out-{engine}", gold)
            line(f"ingest → stories ({engine}, {default})", result, mb, f"B3 F1 {f1:.3f}")
            rates[engine] = result.rate
            if engine == "local":
                cpu_big, wall_big = CPU["last"], result.seconds

        print("   cost growth, ingest → stories (local; CPU time is robust to a busy machine):")
        per_k: list[tuple[int, float, float]] = []
        for size in (1000, 2000):
            if size >= len(gold):
                continue
            folder = root / f"grow{size}"
            write_corpus(folder, size, seed=size)
            result, _ = timed(
                folder, root / f"o{size}", engine="local", analyse=False, method=default
            )
            per_k.append((size, result.seconds / size * 1000, CPU["last"] / size * 1000))
        per_k.append((len(gold), wall_big / len(gold) * 1000, cpu_big / len(gold) * 1000))
        for size, wall, cpu in per_k:
            print(f"     {size:>6} articles: {wall:6.2f} s wall, {cpu:6.2f} s CPU per 1k articles")
        if len(per_k) > 1:
            ratio = per_k[-1][2] / per_k[0][2]
            print(f"     CPU per article {per_k[-1][0]}/{per_k[0][0]}: ×{ratio:.2f} (1.0 = linear)")

        small = root / "hybrid"
        gold1 = write_corpus(small, N_HYBRID, seed=3)
        result, mb = timed(small, root / "o-hybrid", engine="local", analyse=False,
                           method="stories.hybrid.v1")  # fmt: skip
        f1 = quality(root / "o-hybrid", gold1)
        line("ingest → stories (local, stories.hybrid.v1)", result, mb, f"B3 F1 {f1:.3f}")

        sample = root / "sample"
        write_corpus(sample, N_ANALYSE, seed=5)
        for engine in ("local", "dask"):
            result, mb = timed(
                sample, root / f"a-{engine}", engine=engine, analyse=True, method=default
            )
            line(f"ingest → analyse → stories ({engine})", result, mb, f"{result.claims} claims")
            analysed = result.rate
            # the analysis share of this run, separated from the ingest + stories share
            base = rates[engine]
            analysis_only = 1 / max(1e-9, 1 / analysed - 1 / base) if analysed < base else analysed
            end_to_end = 1 / (1 / base + 1 / analysis_only)
            print(
                f"     analysis alone ≈ {analysis_only:.1f} articles/s; end to end at "
                f"{N_ARTICLES} articles ≈ {end_to_end:.1f} articles/s ({engine})",
                flush=True,
            )


def _main(argv: Any = None) -> None:
    run()


if __name__ == "__main__":
    _main()
