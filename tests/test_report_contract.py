"""The report contract: ``docs/report-contract.md`` is generated from the report types, and
real reports have exactly the keys the types list."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from storylens.report_types import check, contract_markdown


def test_report_contract_doc_is_generated_from_the_types(repo_root: Path) -> None:
    written = (repo_root / "docs" / "report-contract.md").read_text(encoding="utf-8")
    assert written == contract_markdown(), "run: python scripts/report_contract.py"


def test_report_contract_doc_lists_every_top_level_key() -> None:
    text = contract_markdown()
    for key in ("schema_version", "claim_groups", "missing_from", "speaker_entity", "stages"):
        assert f"| `{key}`" in text


@pytest.fixture(scope="module")
def summit_report(examples_dir: Path) -> dict[str, Any]:
    from storylens.comparison import compare

    return compare([str(examples_dir / "summit")]).to_dict()


@pytest.mark.slow
def test_report_contract_a_real_report_conforms(summit_report: dict[str, Any]) -> None:
    assert check(summit_report) == []
    assert summit_report["claim_groups"] and summit_report["framing"]


@pytest.mark.slow
def test_report_contract_check_finds_unknown_missing_and_mistyped_keys(
    summit_report: dict[str, Any],
) -> None:
    report = copy.deepcopy(summit_report)
    report["surprise"] = 1
    del report["claims"][0]["predicate"]
    report["claim_groups"][0]["status"] = "maybe"
    report["articles"][0]["removed"] = "none"
    problems = check(report)
    assert "report.surprise: not in the contract" in problems
    assert "report.claims[].predicate: missing" in problems
    assert any(p.startswith("report.claim_groups[].status:") for p in problems)
    assert "report.articles[].removed: expected a list" in problems
