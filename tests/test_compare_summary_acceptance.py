"""Acceptance: the cited neutral summary of the example story, through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from storylens.comparison.lexicon import load_lexicon, quote_spans
from storylens.comparison.summary import MAX_SENTENCES

pytestmark = pytest.mark.slow

Run = Callable[..., CompletedProcess[str]]


@pytest.fixture(scope="module")
def report(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory, cli: Run) -> Any:
    out = tmp_path_factory.mktemp("summit-summary") / "report.json"
    result = cli("compare", str(examples_dir / "summit"), "--json", str(out))
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_compare_summary_summit_cited(report: dict[str, Any]) -> None:
    summary = report["summary"]
    assert 3 <= len(summary) <= MAX_SENTENCES
    claims = {c["id"] for c in report["claims"]}
    articles = {a["id"] for a in report["articles"]}
    for sentence in summary:
        cited = set(sentence["citations"])
        assert cited & claims, sentence
        assert cited <= claims | articles, sentence


def test_compare_summary_summit_no_loaded_terms(report: dict[str, Any]) -> None:
    lexicon = load_lexicon()
    for sentence in summary_texts(report):
        own, _ = lexicon.find(sentence, quotes=quote_spans(sentence))
        assert own == [], f"loaded wording left in {sentence!r}: {[m.text for m in own]}"


def test_compare_summary_summit_states_the_conflict(report: dict[str, Any]) -> None:
    conflicts = [s["text"] for s in report["summary"] if s["kind"] == "conflicting"]
    assert conflicts, "the 40 vs 60 percent discrepancy is not in the summary"
    text = conflicts[0]
    assert "40 percent" in text and "60 percent" in text
    assert "Patriot Daily says" in text and "Harbor Ledger" in text


def test_compare_summary_summit_agreed_first(report: dict[str, Any]) -> None:
    kinds = [s["kind"] for s in report["summary"]]
    assert kinds[0] == "agreed"
    assert kinds == sorted(kinds, key=["agreed", "conflicting", "unique"].index)
    assert "signed" in report["summary"][0]["text"]


def test_compare_summary_summit_no_duplicates(report: dict[str, Any]) -> None:
    texts = summary_texts(report)
    assert len(set(texts)) == len(texts)


def summary_texts(report: dict[str, Any]) -> list[str]:
    return [s["text"] for s in report["summary"]]
