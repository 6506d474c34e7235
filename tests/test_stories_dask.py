"""The corpus stages give the same stories on a Dask LocalCluster as in-process."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from storylens.settings import Settings
from storylens.stories.cluster import ClusterOptions
from storylens.stories.engine import run_corpus
from storylens.stories.synthetic import generate, write_jsonl

pytestmark = pytest.mark.slow


def _corpus(folder: Path) -> int:
    items = generate(8, outlets=4, seed=9)
    for part in range(2):  # two JSON Lines partitions
        write_jsonl(folder / f"part{part}.jsonl", items[part::2])
    return len(items)


def _assignment(out: Path) -> set[frozenset[str]]:
    rows = pq.read_table(out / "story_articles.parquet").to_pylist()
    stories: dict[str, set[str]] = {}
    for r in rows:
        stories.setdefault(r["story_id"], set()).add(r["article_id"])
    return {frozenset(v) for v in stories.values()}


def test_corpus_dask_matches_local(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    n = _corpus(inputs)
    opts = ClusterOptions(method="stories.tfidf.v1")
    local = run_corpus([str(inputs)], tmp_path / "local", Settings(), opts, engine="local")
    with warnings.catch_warnings():
        # distributed warns about slow worker shutdown and port choices on busy machines;
        # neither affects results, which are compared below.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        dask = run_corpus(
            [str(inputs)], tmp_path / "dask", Settings(), opts, engine="dask", workers=2
        )
    assert local.articles == dask.articles == n
    assert dask.partitions == 2 and dask.claims == local.claims > 0
    assert _assignment(tmp_path / "local") == _assignment(tmp_path / "dask")
    parts = sorted((tmp_path / "dask" / "articles").glob("part-*.parquet"))
    assert len(parts) == 2
    assert sum(pq.read_table(p).num_rows for p in parts) == n


def test_corpus_dask_cli_with_scheduler_address(tmp_path: Path, cli: Any) -> None:
    from distributed import LocalCluster

    inputs = tmp_path / "in"
    inputs.mkdir()
    n = _corpus(inputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # port and shutdown notices, see above
        warnings.simplefilter("ignore", RuntimeWarning)
        with LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
            host="127.0.0.1",
        ) as cluster:  # fmt: skip
            result = cli(
                "corpus", str(inputs), "--out", str(tmp_path / "out"), "--engine", "dask",
                "--scheduler", cluster.scheduler_address, "--no-analyse",
                "--json", str(tmp_path / "run.json"),
            )  # fmt: skip
    assert result.returncode == 0, result.stderr
    run = json.loads((tmp_path / "run.json").read_text())
    assert run["articles"] == n and run["claims"] == 0 and run["partitions"] == 2


def test_corpus_dask_unreachable_scheduler(tmp_path: Path, cli: Any) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _corpus(inputs)
    result = cli(
        "corpus", str(inputs), "--out", str(tmp_path / "out"), "--engine", "dask",
        "--scheduler", "tcp://127.0.0.1:9", "--no-analyse",
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"},
    )  # fmt: skip
    assert result.returncode != 0
    assert "tcp://127.0.0.1:9" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
