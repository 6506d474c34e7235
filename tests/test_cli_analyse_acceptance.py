"""``storylens analyse`` through the real CLI on the samples and the example story."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

Runner = Callable[..., Any]


def _analyse(cli: Runner, *inputs: Path) -> dict[str, Any]:
    proc = cli("analyse", *map(str, inputs), "--json")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def _entities_naming(data: dict[str, Any], word: str) -> set[str]:
    """Ids of the entities with a mention whose text contains ``word`` as a word."""
    texts = {a["article"]["id"]: a["article"]["text"] for a in data["articles"]}
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    found = set()
    for entity in data["entities"]:
        for m in entity["mentions"]:
            if pattern.search(texts[m["article"]][m["start"] : m["end"]]):
                found.add(entity["id"])
    return found


def _articles_containing(data: dict[str, Any], word: str) -> set[str]:
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    return {a["article"]["id"] for a in data["articles"] if pattern.search(a["article"]["text"])}


def _article_for(data: dict[str, Any], source: Path) -> dict[str, Any]:
    for item in data["articles"]:
        if Path(item["article"]["source"]).name == source.name:
            article: dict[str, Any] = item["article"]
            return article
    raise AssertionError(f"no article read from {source}")


@pytest.fixture(scope="module")
def samples_analysis(cli: Runner, sample_files: list[Path]) -> dict[str, Any]:
    assert len(sample_files) >= 2
    return _analyse(cli, *sample_files)


@pytest.fixture(scope="module")
def summit_analysis(cli: Runner, examples_dir: Path) -> dict[str, Any]:
    summit = examples_dir / "summit"
    if not summit.is_dir():
        pytest.skip("examples/summit not present")
    return _analyse(cli, summit)


@pytest.mark.parametrize("word", ["Kim", "Putin", "Peskov", "Shoigu", "TASS", "KCNA"])
def test_samples_actor_is_one_entity_across_articles(
    samples_analysis: dict[str, Any], word: str
) -> None:
    ids = _entities_naming(samples_analysis, word)
    assert len(ids) == 1, f"{word}: {sorted(ids)}"
    entity = next(e for e in samples_analysis["entities"] if e["id"] in ids)
    assert {m["article"] for m in entity["mentions"]} == _articles_containing(
        samples_analysis, word
    )


@pytest.mark.parametrize(
    ("sample_index", "word", "label"),
    [
        (0, "Kim", "Communist dictator"),
        (0, "Putin", "strongman"),
        (1, "Kim", "North Korean leader"),
    ],
)
def test_samples_descriptors_per_outlet(
    samples_analysis: dict[str, Any],
    sample_files: list[Path],
    sample_index: int,
    word: str,
    label: str,
) -> None:
    outlet = _article_for(samples_analysis, sample_files[sample_index])["outlet"]
    (eid,) = _entities_naming(samples_analysis, word)
    entity = next(e for e in samples_analysis["entities"] if e["id"] == eid)
    assert label in entity["labels"].get(outlet, []), entity["labels"]


def test_samples_spans_are_exact(samples_analysis: dict[str, Any]) -> None:
    texts = {a["article"]["id"]: a["article"]["text"] for a in samples_analysis["articles"]}
    for item in samples_analysis["articles"]:
        text = item["article"]["text"]
        for key in ("mentions", "descriptors"):
            for span in item[key]:
                assert text[span["start"] : span["end"]] == span["text"]
    for entity in samples_analysis["entities"]:
        assert entity["id"].startswith("e_")
        surfaces = {texts[m["article"]][m["start"] : m["end"]] for m in entity["mentions"]}
        assert entity["name"] in surfaces or entity["aliases"] or len(surfaces) == 1


@pytest.mark.parametrize("word", ["Halas", "Marant", "Valpress"])
def test_summit_actor_is_one_entity(summit_analysis: dict[str, Any], word: str) -> None:
    ids = _entities_naming(summit_analysis, word)
    assert len(ids) == 1, f"{word}: {sorted(ids)}"
    entity = next(e for e in summit_analysis["entities"] if e["id"] in ids)
    assert {m["article"] for m in entity["mentions"]} == _articles_containing(summit_analysis, word)


def test_summit_president_title_is_a_label_not_a_name(summit_analysis: dict[str, Any]) -> None:
    (eid,) = _entities_naming(summit_analysis, "Halas")
    entity = next(e for e in summit_analysis["entities"] if e["id"] == eid)
    assert entity["name"] == "Mirek Halas"
    assert entity["type"] == "PERSON"
    assert any("President" in label for labels in entity["labels"].values() for label in labels)


def test_summit_patriot_daily_calls_marant_globalist(summit_analysis: dict[str, Any]) -> None:
    (eid,) = _entities_naming(summit_analysis, "Marant")
    entity = next(e for e in summit_analysis["entities"] if e["id"] == eid)
    patriot = entity["labels"].get("Patriot Daily", [])
    assert any("globalist" in label for label in patriot), entity["labels"]


def test_table_output_by_default(cli: Runner, sample_files: list[Path]) -> None:
    proc = cli("analyse", str(sample_files[1]))
    assert proc.returncode == 0, proc.stderr
    assert "Entities" in proc.stdout
    assert "Kim Jong Un" in proc.stdout or "Kim Jong-un" in proc.stdout


def test_output_file(cli: Runner, sample_files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "analysis.json"
    proc = cli("analyse", str(sample_files[1]), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"articles", "entities"}
    assert len(data["articles"]) == 1
