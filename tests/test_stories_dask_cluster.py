"""A real Dask cluster: a scheduler and two workers started as separate processes on
loopback, apart from storylens; one big JSON Lines file runs through it on both workers,
gives the local engine's stories, and a second day extends the stored stories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from storylens.stories.synthetic import generate, write_jsonl

pytestmark = pytest.mark.slow


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, "-m", "dask", *args], stdout=log.open("wb"), stderr=subprocess.STDOUT,
        env=env,
    )  # fmt: skip


@pytest.fixture()
def scheduler(tmp_path: Path) -> Iterator[str]:
    """The address of a scheduler with two single-threaded workers (separate processes)."""
    info = tmp_path / "scheduler.json"
    args = ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
            "--scheduler-file", str(info)]  # fmt: skip
    procs = [_start(args, tmp_path / "scheduler.log")]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        for n in range(2):
            args = ["worker", address, "--nthreads", "1", "--no-dashboard", "--host",
                    "127.0.0.1", "--name", f"w{n}"]  # fmt: skip
            procs.append(_start(args, tmp_path / f"worker{n}.log"))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def _stories(out: Path) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for r in pq.read_table(out / "story_articles.parquet").to_pylist():
        groups.setdefault(r["story_id"], set()).add(r["article_id"])
    return {frozenset(g) for g in groups.values()}


def test_stories_dask_cluster_of_separate_processes(
    tmp_path: Path, scheduler: str, cli: Any
) -> None:
    items = generate(60, outlets=4, seed=23, days=12)
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, items)
    runs = {}
    for engine in ("dask", "local"):
        out = tmp_path / engine
        args = ["corpus", str(corpus), "--out", str(out), "--no-analyse", "--engine", engine,
                "--partition-records", "40", "--window-articles", "60",
                "--json", str(tmp_path / f"{engine}.json")]  # fmt: skip
        if engine == "dask":
            args += ["--scheduler", scheduler]
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        runs[engine] = json.loads((tmp_path / f"{engine}.json").read_text())
    dask = runs["dask"]
    assert dask["articles"] == len(items) and dask["partitions"] >= 5 and dask["windows"] >= 2
    assert len(dask["workers"]) == 2  # one file, and both workers had partitions of it
    assert _stories(tmp_path / "dask") == _stories(tmp_path / "local")


def test_stories_dask_cluster_extends_stored_stories(tmp_path: Path, scheduler: str) -> None:
    from functools import partial

    from storylens.settings import Settings
    from storylens.store import Store
    from storylens.store.corpus import save_corpus, stored_stories
    from storylens.stories.engine import run_corpus

    items = generate(40, outlets=4, seed=8, days=8)
    dates = sorted({i.article.published or "" for i in items})
    cut = dates[len(dates) // 2]
    write_jsonl(tmp_path / "day1.jsonl", [i for i in items if (i.article.published or "") <= cut])
    write_jsonl(tmp_path / "day2.jsonl", [i for i in items if (i.article.published or "") > cut])
    db = str(tmp_path / "store.db")
    ids = {}
    for day in ("day1", "day2"):
        run_corpus([str(tmp_path / f"{day}.jsonl")], tmp_path / day, Settings(n_process=1),
                   engine="dask", scheduler=scheduler, analyse=False, records_per_partition=20,
                   save=partial(save_corpus, db), stored=stored_stories(db))  # fmt: skip
        with Store.open(db) as store:
            ids[day] = set(store.story_memberships().values())
    assert ids["day1"] and ids["day1"] <= ids["day2"]  # every day-1 story keeps its id
    gold = {i.article.url: i.story for i in items}
    with Store.open(db) as store:
        members = store.story_memberships()
        urls = {a.id: a.url for a in store.iter_articles()}
    before = {i.story for i in items if (i.article.published or "") <= cut}
    crossing = before & {i.story for i in items if (i.article.published or "") > cut}
    assert crossing  # stories covered on both days, each still one story
    for story in crossing:
        assert len({members[a] for a, u in urls.items() if gold[u] == story}) == 1
