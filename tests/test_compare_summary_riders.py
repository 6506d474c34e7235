"""A summary sentence for a shared fact carries no fact that only one outlet reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import run_cli


@pytest.mark.slow
def test_compare_summary_agreed_sentences_carry_no_unique_facts(
    examples_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    result = run_cli("compare", str(examples_dir / "summit"), "--json", str(out), "-q")
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    group_of = {c["id"]: c["group"] for c in report["claims"]}
    status = {g["id"]: g["status"] for g in report["claim_groups"]}
    agreed = [s for s in report["summary"] if s["kind"] == "agreed"]
    assert agreed
    for sentence in agreed:
        statuses = {status[group_of[c]] for c in sentence["claims"] if c in group_of}
        assert statuses == {"agreed"}, (sentence["text"], statuses)
    # the signing, reported by all four outlets, leads, in neutral words
    first = agreed[0]["text"]
    assert "signed" in first
    assert "krona" not in first
    assert "Hardline" not in first
