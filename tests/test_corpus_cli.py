"""Acceptance: a generated corpus through ingest --db, stories build, stories, export, corpus."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from storylens.eval.clustering import bcubed
from storylens.store import Store
from storylens.stories.synthetic import generate, write_jsonl

pytestmark = pytest.mark.slow

Cli = Callable[..., Any]


def _write_jsonl(path: Path, stories: int, seed: int) -> dict[str, str]:
    """A JSON Lines corpus; returns url -> gold story."""
    return write_jsonl(path, generate(stories, outlets=4, seed=seed))


def test_corpus_cli_store_stories_blindspots_export(tmp_path: Path, cli: Cli) -> None:
    corpus = tmp_path / "corpus.jsonl"
    gold = _write_jsonl(corpus, 12, seed=21)
    db = str(tmp_path / "store.db")
    assert cli("ingest", str(corpus), "--db", db).returncode == 0
    built = cli("stories", "build", "--db", db)
    assert built.returncode == 0, built.stderr
    assert "clustered" in built.stderr
    listed = cli("stories", "--db", db, "--json", "--limit", "0")
    rows = json.loads(listed.stdout)
    assert sum(r["articles"] for r in rows) == len(gold)
    with Store.open(db) as store:
        members = store.story_memberships()
        urls = {a.id: a.url for a in store.iter_articles()}
    pred = [members[i] for i in urls]
    truth = [gold[urls[i] or ""] for i in urls]
    assert bcubed(pred, truth)[2] >= 0.95

    groups = tmp_path / "groups.json"
    groups.write_text(json.dumps({"coast": ["Coastal Voice"], "nation": ["Patriot Daily"]}))
    spots = cli("stories", "--db", db, "--blindspots", str(groups), "--min-outlets", "1", "--json")
    assert spots.returncode == 0, spots.stderr
    found = json.loads(spots.stdout)
    assert found and all(len(r["missing"]) == 1 for r in found)

    out = tmp_path / "export"
    exported = cli("export", "--db", db, "--out", str(out), "--format", "parquet")
    assert exported.returncode == 0, exported.stderr
    table = pq.read_table(out / "articles.parquet")
    assert table.num_rows == len(gold)
    assert set(table.column("story_id").to_pylist()) == {r["id"] for r in rows}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stories", "build", "--method", "nope.v1"], "unknown story clustering method"),
        (["export", "--out", "x", "--format", "xlsx"], "unknown export format"),
        (["stories", "--blindspots", "missing.json"], "cannot read outlet groups"),
        (["stories", "--db", "mysql://h/db"], "unsupported store URL"),
        (["corpus", "nothing-here", "--out", "o", "--engine", "spark"], "unknown engine"),
    ],
)
def test_corpus_cli_errors(tmp_path: Path, cli: Cli, args: list[str], message: str) -> None:
    env = {"STORYLENS_DB": str(tmp_path / "default.db")}
    result = cli(*[a if a not in ("x", "o") else str(tmp_path / a) for a in args], env=env)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_corpus_cli_corpus_local(tmp_path: Path, cli: Cli) -> None:
    corpus = tmp_path / "corpus.jsonl"
    gold = _write_jsonl(corpus, 6, seed=4)
    out = tmp_path / "out"
    result = cli(
        "corpus", str(corpus), "--out", str(out), "--method", "stories.tfidf.v1",
        "--json", str(tmp_path / "run.json"), "--db", str(tmp_path / "s.db"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    run = json.loads((tmp_path / "run.json").read_text())
    assert run["articles"] == len(gold) and run["claims"] > 0
    members = pq.read_table(out / "story_articles.parquet").to_pylist()
    articles = {r["id"]: r["url"] for r in pq.read_table(out / "articles").to_pylist()}
    pred = [m["story_id"] for m in members]
    truth = [gold[articles[m["article_id"]]] for m in members]
    assert bcubed(pred, truth)[2] >= 0.95
    with Store.open(tmp_path / "s.db") as store:
        assert store.count_articles() == len(gold)
        assert len(store.list_stories()) == run["stories"]


def test_corpus_cli_eval_clustering_newswcl(shared_dir: Path, cli: Cli, tmp_path: Path) -> None:
    data = shared_dir / "data" / "newswcl50"
    if not data.is_dir():
        pytest.skip("NewsWCL50 not available")
    scores = tmp_path / "scores.json"
    result = cli(
        "eval", "clustering", str(data), "--method", "stories.tfidf.v1", "--json", str(scores)
    )
    assert result.returncode == 0, result.stderr
    got = json.loads(scores.read_text())
    assert got["articles"] == 50 and got["gold_stories"] == 10
    assert got["bcubed_f1"] >= 0.95 and got["ari"] >= 0.9  # regression gate
    assert "B-cubed F1" in result.stdout
