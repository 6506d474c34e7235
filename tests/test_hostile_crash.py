"""Nothing is lost: ``kill -9`` mid-ingest, then a rerun, stores every article exactly once.

A generated corpus of a few thousand fictional local-news articles (JSON Lines) is
ingested with the real CLI into SQLite and PostgreSQL. The process is killed with SIGKILL
once some batches are committed; the rerun must complete the store with each article
once, and the store must stay consistent. Two processes ingesting overlapping corpora into
one store at the same time must not fail, corrupt or duplicate.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storylens.ingestion import iter_jsonl
from storylens.settings import Settings
from storylens.store import Store
from storylens.types import Article

pytestmark = pytest.mark.slow

N = 3000
FIRST = [
    "Anna",
    "Bror",
    "Cilla",
    "Dag",
    "Eira",
    "Frode",
    "Greta",
    "Hakon",
    "Ingrid",
    "Jon",
    "Kari",
    "Leif",
    "Maja",
    "Nils",
    "Olga",
]
LAST = [
    "Almqvist",
    "Berg",
    "Dahl",
    "Ek",
    "Falk",
    "Holm",
    "Lind",
    "Moberg",
    "Norrby",
    "Ost",
    "Rask",
    "Sand",
    "Tell",
    "Vik",
    "Wall",
]
PLACES = ["Lindqvist Bay", "Port Caldera", "Seva Falls", "Ostren Heights", "Marrow Point"]
THINGS = ["ferry timetable", "harbour dredging", "school roof", "bridge toll", "tram depot"]


def _article(i: int, rng: random.Random) -> dict[str, str]:
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place, thing = rng.choice(PLACES), rng.choice(THINGS)
    sentences = [
        f"The council of {place} approved a plan for the {thing} on Tuesday, file {i}.",
        f"The plan will cost {rng.randint(2, 90)} million crowns over {rng.randint(2, 9)} "
        f"years, {who} said.",
        f"Residents of {place} had asked for changes to the {thing} since "
        f"{rng.randint(1990, 2025)}.",
        f"Work is due to start in {rng.choice(['March', 'April', 'May'])}, officials said.",
    ]
    rng.shuffle(sentences)
    return {
        "text": " ".join(sentences),
        "outlet": f"Gazette {i % 17}",
        "title": f"{place} {thing} plan approved ({i})",
        "url": f"https://gazette{i % 17}.example/news/{i}",
        "published": f"2026-03-{1 + i % 28:02d}",
    }


def write_corpus(path: Path, indices: range) -> list[Article]:
    rng = random.Random(7)
    records = [_article(i, rng) for i in range(indices.stop)][indices.start :]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    expected = [a for a in iter_jsonl(path.read_text(), str(path), Settings()) if a]
    assert all(isinstance(a, Article) for a in expected)
    return [a for a in expected if isinstance(a, Article)]


def ingest_process(corpus: Path, url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    return subprocess.Popen(
        [sys.executable, "-m", "storylens", "ingest", str(corpus), "--db", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def assert_consistent(url: str, expected: list[Article]) -> None:
    with Store.open(url) as store:
        stored = list(store.iter_articles())
        ids = [a.id for a in stored]
        assert len(ids) == len(set(ids)), "an article is stored twice"
        assert store.count_articles() == len(expected)
        assert set(ids) == {a.id for a in expected}, "articles lost or invented"
        by_id = {a.id: a for a in expected}
        for article in stored:
            want = by_id[article.id]
            assert (article.text, article.url, article.outlet) == (
                want.text,
                want.url,
                want.outlet,
            )
        urls = [a.url for a in stored]
        assert len(urls) == len(set(urls))
    if "://" not in url:  # SQLite: the file itself is sound
        import sqlite3

        with sqlite3.connect(url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_hostile_kill_9_mid_ingest_then_rerun_stores_each_once(
    store_url: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    expected = write_corpus(corpus, range(N))
    assert len({a.id for a in expected}) == N
    Store.open(store_url).close()  # tables exist before the race starts
    killed_at = None
    with Store.open(store_url) as probe:
        proc = ingest_process(corpus, store_url)
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            count = probe.count_articles()
            if count > 0:
                proc.send_signal(signal.SIGKILL)
                killed_at = count
                break
            time.sleep(0.005)
        proc.wait(timeout=60)
    assert killed_at is not None, "the ingest finished before it could be killed"
    assert proc.returncode == -signal.SIGKILL
    with Store.open(store_url) as store:
        partial = store.count_articles()
    assert 0 < partial < N, partial  # killed mid-way: some batches committed, not all
    rerun = ingest_process(corpus, store_url)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"stored {N - partial} new article(s), {partial} already" in err
    assert_consistent(store_url, expected)


def test_hostile_concurrent_ingests_do_not_corrupt_or_duplicate(
    store_url: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    a = write_corpus(first, range(0, 2000))
    b = write_corpus(second, range(1000, 3000))  # 1000 articles in both
    procs = [ingest_process(first, store_url), ingest_process(second, store_url)]
    results = [p.communicate(timeout=600) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    expected = list({x.id: x for x in a + b}.values())
    assert len(expected) == N
    assert_consistent(store_url, expected)
    new_total = 0
    for _out, err in results:
        line = next(ln for ln in err.splitlines() if ln.startswith("stored "))
        new_total += int(line.split()[1])
    assert new_total == N  # each article counted new by exactly one of the two
