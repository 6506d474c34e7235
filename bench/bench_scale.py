"""Corpus mode at scale: one big generated JSON Lines file, ingest → stories, growing sizes.

For each size (10k, 40k, then doubling while the next run fits the time budget,
``STORYLENS_BENCH_SCALE_SECONDS``, default 600 s; sizes can be set with
``STORYLENS_BENCH_SCALE="10000,40000"``) the corpus is one JSON Lines file (the generator
of :mod:`storylens.stories.synthetic`, about 3.5 KB an article), run with default settings
(no analysis; time-window story grouping):

* on the local engine with two worker processes (and, at the first size, with one, for
  the two-worker gain);
* on a Dask cluster of a scheduler and two single-threaded workers started here as
  separate processes (``python -m dask scheduler`` / ``worker``) on loopback (and, at the
  first size, on one of a single worker, for the Dask two-worker gain).

Printed per run: articles/s (wall), CPU seconds per 1,000 articles (client and workers),
the client's peak RSS and the largest worker's peak RSS (each process sampled every
200 ms), and at the first size the agreement (B-cubed F1) of the windowed stories with the
central grouping (one window for the whole corpus) and with the generated labels.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pyarrow.parquet as pq

from storylens.eval.clustering import bcubed
from storylens.stories.synthetic import generate, write_jsonl

BUDGET = float(os.environ.get("STORYLENS_BENCH_SCALE_SECONDS", "600"))
SIZES = [int(s) for s in os.environ.get("STORYLENS_BENCH_SCALE", "10000,40000").split(",")]
ARTICLES_PER_STORY = 3.5


@dataclass
class Usage:
    """Peak RSS (MB) and CPU seconds per process of a tree, sampled while a block runs."""

    peak: dict[int, float] = field(default_factory=dict)
    cpu0: dict[int, float] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)

    def client(self) -> float:
        return self.peak.get(os.getpid(), 0.0)

    def worker_peak(self, pids: set[int]) -> float:
        return max((mb for pid, mb in self.peak.items() if pid in pids), default=0.0)

    def cpu_seconds(self) -> float:
        return sum(self.cpu[p] - self.cpu0.get(p, 0.0) for p in self.cpu)


@contextmanager
def usage(roots: list[psutil.Process]) -> Iterator[Usage]:
    found = Usage()
    stop = threading.Event()

    def procs() -> list[psutil.Process]:
        out = []
        for root in roots:
            try:
                out += [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
        return out

    def sample(first: bool = False) -> None:
        for proc in procs():
            try:
                rss = proc.memory_info().rss / 2**20
                times = proc.cpu_times()
            except psutil.Error:
                continue
            cpu = times.user + times.system
            if first:
                found.cpu0[proc.pid] = cpu
            found.cpu[proc.pid] = cpu
            found.peak[proc.pid] = max(found.peak.get(proc.pid, 0.0), rss)

    def loop() -> None:
        while not stop.is_set():
            sample()
            stop.wait(0.2)

    sample(first=True)
    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        stop.set()
        thread.join()
        sample()


def write_corpus(path: Path, articles: int) -> dict[str, str]:
    """One JSON Lines file of ``articles`` generated articles; returns url -> gold story."""
    items = generate(max(1, round(articles / ARTICLES_PER_STORY)), seed=articles)[:articles]
    return write_jsonl(path, items)


def assignment(out: Path) -> dict[str, str]:
    """url -> story id of a run."""
    urls = {r["id"]: r["url"] for r in pq.read_table(out / "articles").to_pylist()}
    rows = pq.read_table(out / "story_articles.parquet").to_pylist()
    return {urls[r["article_id"]]: r["story_id"] for r in rows}


def f1(pred: dict[str, str], truth: dict[str, str]) -> float:
    urls = sorted(pred)
    return bcubed([pred[u] for u in urls], [truth.get(u, "?") for u in urls])[2]


class Cluster:
    """A Dask scheduler and ``workers`` single-threaded workers, separate processes on
    loopback."""

    def __init__(self, root: Path, workers: int = 2) -> None:
        root.mkdir(parents=True, exist_ok=True)
        info = root / "scheduler.json"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

        def start(*args: str) -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                [sys.executable, "-m", "dask", *args, "--no-dashboard"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            )  # fmt: skip

        self.procs = [start("scheduler", "--host", "127.0.0.1", "--port", "0",
                            "--scheduler-file", str(info))]  # fmt: skip
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.address = json.loads(info.read_text())["address"]
        for n in range(workers):
            self.procs.append(start("worker", self.address, "--nthreads", "1",
                                    "--host", "127.0.0.1", "--name", f"w{n}"))  # fmt: skip
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)

    def roots(self) -> list[psutil.Process]:
        return [psutil.Process(p.pid) for p in self.procs]

    def worker_pids(self) -> set[int]:
        pids: set[int] = set()
        for proc in self.roots()[1:]:  # each worker's nanny and the worker it runs
            pids |= {proc.pid, *(c.pid for c in proc.children(recursive=True))}
        return pids

    def close(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def measure(
    label: str, corpus: Path, out: Path, cluster: Cluster | None, *args: str
) -> dict[str, Any]:
    """One ``storylens corpus`` run in a process of its own (the client), its figures."""
    summary = out.with_suffix(".json")
    cmd = [sys.executable, "-m", "storylens", "corpus", str(corpus), "--out", str(out),
           "--no-analyse", "--json", str(summary), *args]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    roots = [proc, *(cluster.roots() if cluster else [])]
    with usage(roots) as used:
        _, err = proc.communicate()
    if proc.returncode:
        raise RuntimeError(f"{label}: {err.decode()[-2000:]}")
    run = json.loads(summary.read_text())
    workers = cluster.worker_pids() if cluster else set(used.peak) - {proc.pid}
    run |= {
        "cpu_k": used.cpu_seconds() / max(run["articles"], 1) * 1000,
        "client_mb": used.peak.get(proc.pid, 0.0),
        "worker_mb": used.worker_peak(workers),
    }
    phase = run["partition_phase_seconds"] * max(len(run["workers"]), 1)
    busy = run["partition_task_seconds"] / phase if phase else 0.0
    print(
        f"   {label:<26} {run['articles']:>7} articles {run['seconds']:>7.1f} s "
        f"{run['articles_per_second']:>6.1f} articles/s {run['cpu_k']:5.2f} CPU-s/1k  "
        f"client {run['client_mb']:4.0f} MB  worker {run['worker_mb']:4.0f} MB  "
        f"({run['partitions']} partitions, {run['windows']} windows; workers busy "
        f"{busy:.0%} of the partition phase; partitions per worker "
        f"{'/'.join(str(n) for n in sorted(run['workers'].values()))})",
        flush=True,
    )
    return run


def _write(path: Path, size: int, labels: Path) -> None:
    labels.write_text(json.dumps(write_corpus(path, size)))


def run() -> None:
    import multiprocessing

    started = time.perf_counter()
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="storylens-scale-") as tmp:
        root = Path(tmp)
        cluster = Cluster(root)
        print(
            f"   Dask cluster at {cluster.address}: scheduler + 2 worker processes; each run "
            "a `storylens corpus` process (the client), default settings, --no-analyse"
        )
        try:
            sizes = list(SIZES)
            index = 0
            while index < len(sizes):
                size = sizes[index]
                corpus, labels = root / f"c{size}.jsonl", root / f"c{size}.labels.json"
                with spawn.Pool(1) as pool:  # generated apart: this process stays small
                    pool.apply(_write, (corpus, size, labels))
                mb = corpus.stat().st_size / 2**20
                print(f"   {size} articles, one JSON Lines file of {mb:.0f} MB", flush=True)
                if index == 0:
                    one = measure("local, 1 worker", corpus, root / "o1", None, "--workers", "1")
                local = measure("local, 2 workers", corpus, root / "o2", None)
                dask = measure("Dask cluster, 2 workers", corpus, root / "od", cluster,
                               "--engine", "dask", "--scheduler", cluster.address)  # fmt: skip
                if index == 0:
                    single = Cluster(root / "single", workers=1)
                    try:
                        on_one = ("--engine", "dask", "--scheduler", single.address)
                        dask_one = measure("Dask cluster, 1 worker", corpus, root / "od1", single,
                                           *on_one)  # fmt: skip
                    finally:
                        single.close()
                    base = one["articles_per_second"]
                    gain_local = local["articles_per_second"] / base
                    gain_dask = dask["articles_per_second"] / dask_one["articles_per_second"]
                    strict = dask["articles_per_second"] / base
                    print(
                        f"     two workers / one, each engine: local ×{gain_local:.2f}, Dask "
                        f"×{gain_dask:.2f} (Dask two against the local one: ×{strict:.2f})"
                    )
                    measure("central grouping (local, 2)", corpus, root / "oc", None,
                            "--window-articles", "0")  # fmt: skip
                    gold = json.loads(labels.read_text())
                    windowed, central = assignment(root / "o2"), assignment(root / "oc")
                    print(
                        f"     stories: windowed vs central B3 F1 {f1(windowed, central):.4f}; "
                        f"vs labels windowed {f1(windowed, gold):.4f}, central "
                        f"{f1(central, gold):.4f}",
                        flush=True,
                    )
                corpus.unlink()
                spent = time.perf_counter() - started
                following = sizes[index + 1] if index + 1 < len(sizes) else size * 2
                projected = following * (1 / local["articles_per_second"]
                                         + 1 / dask["articles_per_second"])  # fmt: skip
                if index + 1 >= len(sizes) and spent + projected <= BUDGET:
                    sizes.append(following)
                index += 1
        finally:
            cluster.close()


if __name__ == "__main__":
    run()
