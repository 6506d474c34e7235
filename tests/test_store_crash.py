"""Crash safety: kill -9 in the middle of storing, rerun → every article once; concurrent
writers neither fail nor duplicate. Runs against SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storylens.store import Store
from storylens.stories.synthetic import generate

pytestmark = pytest.mark.slow

DRIVER = """
import json, sys
from storylens.store import Store
from storylens.types import Article

url, path, batch, order = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with open(path, encoding="utf-8") as fh:
    articles = [Article.from_dict(json.loads(line)) for line in fh]
if order == "reverse":
    articles.reverse()
with Store.open(url) as store:
    for start in range(0, len(articles), batch):
        store.add_articles(articles[start : start + batch])
print("done")
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("crash")
    items = generate(900, outlets=4, seed=2, min_words=60, max_words=120)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item.article.to_dict()) + "\n")
    return path, len({i.article.id for i in items})


def _driver(tmp_path: Path, url: str, data: Path, batch: int, order: str) -> subprocess.Popen[str]:
    # one file per driver: rewriting a shared file while another driver's Python is still
    # reading it hands that driver an empty script (it exits 0 having written nothing)
    script = tmp_path / f"driver-{batch}-{order}.py"
    script.write_text(DRIVER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), url, str(data), str(batch), order],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _count(url: str) -> int:
    with Store.open(url) as store:
        return store.count_articles()


def _check_consistent(url: str, expected: int) -> None:
    with Store.open(url) as store:
        ids = [a.id for a in store.iter_articles()]
        assert len(ids) == len(set(ids)) == expected
        if store.dialect == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_store_crash_kill9_then_rerun(
    tmp_path: Path, store_url: str, corpus: tuple[Path, int]
) -> None:
    data, expected = corpus
    _count(store_url)  # create the tables before the race starts
    proc = _driver(tmp_path, store_url, data, 10, "forward")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if _count(store_url) >= 50:
            break
        time.sleep(0.02)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    partial = _count(store_url)
    assert partial % 10 == 0 or partial == expected  # whole batches only: each is a transaction
    rerun = _driver(tmp_path, store_url, data, 10, "forward")
    _out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    _check_consistent(store_url, expected)


def test_store_crash_concurrent_writers(
    tmp_path: Path, store_url: str, corpus: tuple[Path, int]
) -> None:
    data, expected = corpus
    _count(store_url)
    procs = [
        _driver(tmp_path, store_url, data, batch, order)
        for batch, order in ((25, "forward"), (40, "reverse"), (7, "forward"))
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    _check_consistent(store_url, expected)


def test_store_crash_cli_ingest_kill9(
    tmp_path: Path, store_url: str, corpus: tuple[Path, int]
) -> None:
    data, expected = corpus
    cmd = [sys.executable, "-m", "storylens", "ingest", str(data), "--db", store_url]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if _count(store_url) > 0:
            break
        time.sleep(0.02)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    with Store.open(store_url) as store:
        total = store.count_articles()
    # ingest cleans texts (ids may change) but every record is one article, stored once
    assert total == expected
    _check_consistent(store_url, total)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert f"0 new article(s), {expected} already" in again.stderr
