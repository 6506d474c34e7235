"""Sources on the real samples, through the real CLI: every name in a claim's source chain and
in a group's ``primary_sources`` is a real source, and the drones keep TASS as their one
primary source."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storylens.analyse.sourcekind import SOURCE_NOUNS

Report = dict[str, Any]
_SOURCE_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@pytest.fixture(scope="module")
def report(
    cli: Callable[..., Any], sample_files: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Report:
    out = tmp_path_factory.mktemp("sources") / "report.json"
    result = cli("compare", *map(str, sample_files), "--json", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    data: Report = json.loads(out.read_text(encoding="utf-8"))
    return data


def _is_real_source(name: str, report: Report) -> bool:
    """An outlet of the report, a person/organisation/group entity, or a phrase headed by a
    noun that names people, a body or a publication ("Russian news agencies")."""
    if name in {a["outlet"] for a in report["articles"]}:
        return True
    for entity in report["entities"]:
        if entity["type"] in _SOURCE_TYPES and name in {entity["name"], *entity["aliases"]}:
            return True
    words = name.split()
    return len(words) > 1 and words[-1].lower() in SOURCE_NOUNS


@pytest.mark.slow
def test_analyse_attribution_samples_sources_are_real(report: Report) -> None:
    names = {n for c in report["claims"] for n in c["attributed_to"]}
    names |= {n for g in report["claim_groups"] for n in g.get("primary_sources") or []}
    assert "TASS" in names
    fake = sorted(n for n in names if not _is_real_source(n, report))
    assert not fake, fake


@pytest.mark.slow
def test_analyse_attribution_samples_drones_have_tass_as_one_source(report: Report) -> None:
    by_id = {c["id"]: c for c in report["claims"]}
    drones = re.compile(r"kamikaze|explosive drones|Geran-25", re.IGNORECASE)
    groups = [
        g
        for g in report["claim_groups"]
        if len(g["outlets"]) == 2 and any(drones.search(by_id[c]["text"]) for c in g["claims"])
    ]
    assert groups, "no drone group carried by both outlets"
    for group in groups:
        assert group["primary_sources"] == ["TASS"], group["primary_sources"]
        assert group["independent_sources"] == 1
