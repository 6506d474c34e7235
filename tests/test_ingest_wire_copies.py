"""One wire story run by two outlets stays two articles, and compare counts it once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import run_cli

WIRE = (
    "Engineers reopened the Tarnow canal lock on Thursday after a three-week repair, the "
    "regional waterways office said. Barges carrying grain and timber queued for most of the "
    "afternoon to pass through the lock, which handles about 40 vessels a day in summer.\n\n"
    "The office said the repair cost 1.8 million crowns and that a second lock further "
    "downstream would close for inspection in October."
)


def _write(folder: Path, name: str, outlet: str) -> None:
    (folder / f"{name}.txt").write_text(WIRE, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps({"outlet": outlet}), encoding="utf-8")


def test_ingest_wire_copies_keep_both_outlets(tmp_path: Path) -> None:
    _write(tmp_path, "first", "Canal Courier")
    _write(tmp_path, "second", "Valley Post")
    result = run_cli("ingest", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert sorted(a["outlet"] for a in articles) == ["Canal Courier", "Valley Post"]
    assert len({a["id"] for a in articles}) == 2
    # the same file read twice keeps its id
    again = json.loads(run_cli("ingest", str(tmp_path), "--json").stdout)
    assert {a["id"] for a in again} == {a["id"] for a in articles}


@pytest.mark.slow
def test_compare_wire_copies_listed_as_duplicates(tmp_path: Path) -> None:
    _write(tmp_path, "first", "Canal Courier")
    _write(tmp_path, "second", "Valley Post")
    out = tmp_path / "report.json"
    result = run_cli("compare", str(tmp_path), "--json", str(out), "-q")
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["articles"]) == 2
    ids = {a["id"] for a in report["articles"]}
    assert any(set(_members(d)) == ids for d in report["duplicates"]), report["duplicates"]
    # relayed by two outlets, the wire story is still one independent source
    groups = [g for g in report["claim_groups"] if len(g["outlets"]) == 2]
    assert groups
    assert all(g["independent_sources"] == 1 for g in groups)


def _members(dup: dict[str, object]) -> list[str]:
    for key in ("articles", "members", "ids"):
        value = dup.get(key)
        if isinstance(value, list):
            return [str(v) for v in value]
    return []
