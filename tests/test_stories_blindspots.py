"""Blindspots: stories that an outlet group misses while others cover them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.errors import ConfigError
from storylens.stories.blindspots import blindspots, load_groups

GROUPS = {"left": ["Coastal Voice", "Lantern Post"], "right": ["Patriot Daily"]}
STORIES = [{"id": s, "title": s.upper(), "articles": 3} for s in ("s1", "s2", "s3", "s4")]


@pytest.mark.parametrize(
    ("coverage", "expected"),
    [
        ({"s1": {"Coastal Voice", "Lantern Post"}}, {"s1": ["right"]}),
        ({"s1": {"coastal voice", "Patriot Daily"}}, {}),  # both groups (case-insensitive)
        ({"s1": {"Patriot Daily", "Harbor Ledger"}}, {}),  # one grouped outlet is too few
        ({"s1": {"Harbor Ledger", "Meridian Times"}}, {}),  # no grouped outlet at all
        (
            {"s1": {"Lantern Post", "Coastal Voice"}, "s2": {"Patriot Daily", "Lantern Post"}},
            {"s1": ["right"]},
        ),
    ],
)
def test_corpus_blindspots_cases(
    coverage: dict[str, set[str]], expected: dict[str, list[str]]
) -> None:
    found = blindspots(STORIES, coverage, GROUPS)
    assert {r["id"]: r["missing"] for r in found} == expected


def test_corpus_blindspots_lists_who_covers() -> None:
    (row,) = blindspots(STORIES, {"s3": {"Lantern Post", "Coastal Voice"}}, GROUPS)
    assert row["covered_by"] == {"left": ["Coastal Voice", "Lantern Post"]}
    assert row["title"] == "S3"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "must be a JSON object"),
        ('{"left": "Coastal Voice"}', "must list outlet names"),
        ('{"left": []}', "lists no outlets"),
    ],
)
def test_corpus_blindspots_bad_groups_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "groups.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_groups(path)


def test_corpus_blindspots_groups_roundtrip(tmp_path: Path) -> None:
    path = tmp_path / "groups.json"
    path.write_text(json.dumps(GROUPS), encoding="utf-8")
    assert load_groups(path) == GROUPS
