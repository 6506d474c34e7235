"""Acceptance: loaded terms on the real samples and on the example story, end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

pytestmark = pytest.mark.slow

Run = Callable[..., CompletedProcess[str]]

SAMPLE_LOADED = ["communist dictator", "strongman", "leftist", "wuhan coronavirus"]
SUMMIT_LOADED = {
    "Patriot Daily": ["globalist", "caved", "so-called", "eco-zealots", "weak-kneed"],
    "Coastal Voice": ["hardline", "far-right firebrand"],
    "Harbor Ledger": [],
    "Meridian Times": [],
}
SLANTED = ("Patriot Daily", "Coastal Voice")


def _texts(record: dict[str, Any]) -> list[str]:
    return [t["text"].lower() for t in record["loaded_terms"]]


@pytest.fixture(scope="module")
def sample_framing(sample_files: list[Path]) -> dict[str, dict[str, Any]]:
    """Framing per sample file name, through ingest, analysis and linking."""
    from storylens.analyse.linking import link_entities
    from storylens.analyse.pipeline import analyse
    from storylens.comparison.framing import analyse_framing
    from storylens.ingestion import ingest
    from storylens.settings import Settings

    settings = Settings()
    result = ingest([str(p) for p in sample_files], settings)
    assert not result.errors
    analyses = analyse(result.articles, settings)
    records = {r["outlet"]: r for r in analyse_framing(analyses, link_entities(analyses, settings))}
    return {Path(a.source or "").name[:3]: records[a.outlet] for a in result.articles}


def test_compare_framing_samples_slanted_report(sample_framing: dict[str, Any]) -> None:
    texts = " | ".join(_texts(sample_framing["000"]))
    for term in SAMPLE_LOADED:
        assert term in texts, f"{term!r} not flagged in {texts}"
    assert sample_framing["000"]["scores"]["loaded_terms_per_1000_words"] > 5


def test_compare_framing_samples_slanted_report_scores_three_times_the_wire(
    sample_framing: dict[str, Any],
) -> None:
    rate = "loaded_terms_per_1000_narration_words"
    slanted = sample_framing["000"]["scores"][rate]
    wire = sample_framing["002"]["scores"][rate]
    assert slanted >= 3 * wire, (slanted, wire)
    ratio = sample_framing["000"]["summary"]["ratio_to_others"]
    assert ratio is None if wire == 0 else ratio >= 3


def test_compare_framing_samples_quoted_words_apart(sample_framing: dict[str, Any]) -> None:
    quoted = [t["text"].lower() for t in sample_framing["000"]["quoted_loaded_terms"]]
    assert "scrounging" in quoted
    assert "scrounging" not in _texts(sample_framing["000"])


@pytest.fixture(scope="module")
def summit_report(
    examples_dir: Path, tmp_path_factory: pytest.TempPathFactory, cli: Run
) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("summit") / "report.json"
    result = cli("compare", str(examples_dir / "summit"), "--json", str(out))
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(("outlet", "expected"), list(SUMMIT_LOADED.items()))
def test_compare_framing_summit_loaded_terms(
    summit_report: dict[str, Any], outlet: str, expected: list[str]
) -> None:
    records = {r["outlet"]: r for r in summit_report["framing"]}
    texts = _texts(records[outlet])
    for term in expected:
        assert any(term in t for t in texts), f"{term!r} not flagged for {outlet}: {texts}"


@pytest.mark.parametrize("neutral", ["Harbor Ledger", "Meridian Times"])
def test_compare_framing_summit_neutral_outlets_score_lower(
    summit_report: dict[str, Any], neutral: str
) -> None:
    rate = {
        r["outlet"]: r["scores"]["loaded_terms_per_1000_narration_words"]
        for r in summit_report["framing"]
    }
    assert all(rate[neutral] < rate[slanted] for slanted in SLANTED), rate


def test_compare_framing_summit_spans_match_text(summit_report: dict[str, Any]) -> None:
    text_of = {a["id"]: a["text"] for a in summit_report["articles"]}
    for record in summit_report["framing"]:
        for term in record["loaded_terms"] + record["quoted_loaded_terms"]:
            assert text_of[term["article"]][term["start"] : term["end"]] == term["text"]
            assert term["why"]
