"""A story analysed in two worker processes gives the same report as in one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storylens.compare import _balanced_runs, _workers  # type: ignore[attr-defined]
from storylens.settings import Settings
from storylens.types import Article

TWO_WAYS = """
import json, sys
from storylens.analyse import pipeline
from storylens.compare import compare
from storylens.settings import Settings

pools = []
real = pipeline.worker_pool


def recording(workers):
    pools.append((workers, pipeline.fork_is_safe()))
    return real(workers)


pipeline.worker_pool = recording
one = compare([sys.argv[1]], Settings(compare_processes=1)).to_dict()
assert pools == [], pools
two = compare([sys.argv[1]], Settings(compare_processes=2)).to_dict()
print(json.dumps({"pools": pools, "same": one == two, "articles": len(one["articles"])}))
"""


@pytest.mark.slow
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores")
def test_two_worker_processes_give_the_same_report(examples_dir: Path) -> None:
    # a fresh interpreter: in this one, other tests' threads would keep compare from forking
    result = subprocess.run(
        [sys.executable, "-c", TWO_WAYS, str(examples_dir / "summit")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    # one pool of two forked workers
    assert json.loads(result.stdout) == {"pools": [[2, True]], "same": True, "articles": 4}


def _article(n: int, words: int) -> Article:
    return Article(id=f"a{n}", outlet=f"Outlet {n}", text=" ".join(["word"] * words))


def test_runs_keep_article_order_and_balance_text() -> None:
    articles = [_article(n, w) for n, w in enumerate([900, 100, 100, 700, 200])]
    runs = _balanced_runs(articles, 2)
    assert [a.id for run in runs for a in run] == [a.id for a in articles]
    assert [[a.id for a in run] for run in runs] == [["a0", "a1"], ["a2", "a3", "a4"]]


def test_short_stories_stay_in_one_process() -> None:
    short = [_article(n, 300) for n in range(4)]
    long = [_article(n, 800) for n in range(4)]
    assert _workers(short, Settings()) == 1
    assert _workers(long, Settings()) == (2 if len(os.sched_getaffinity(0)) >= 2 else 1)
    cores = len(os.sched_getaffinity(0))
    assert _workers(short, Settings(compare_processes=3)) == min(3, cores)
    assert _workers(short, Settings(compare_processes=500)) == cores  # one per core at most


@pytest.mark.slow
def test_no_fork_while_other_threads_run(
    examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from storylens.analyse import pipeline
    from storylens.compare import analyse_and_segment  # type: ignore[attr-defined]
    from storylens.ingest import ingest

    def no_pool(workers: int) -> None:
        raise AssertionError("a process pool was started while another thread ran")

    monkeypatch.setattr(pipeline, "worker_pool", no_pool)
    articles = ingest([str(examples_dir / "summit")], Settings()).articles
    release = threading.Event()
    server = threading.Thread(target=release.wait, daemon=True)
    server.start()
    try:
        segmented = analyse_and_segment(articles, Settings(), workers=2)
    finally:
        release.set()
        server.join()
    assert [a.article.id for a in segmented.analyses] == [a.id for a in articles]
    assert any(a.claims for a in segmented.analyses)
