"""Replay every input that once crashed a reader: each must now give articles or clear errors.

Each case is a folder under ``tests/regressions/`` holding the input files as found and a
one-line ``.why`` note (hidden, so the directory walk skips it); an optional ``.articles``
file holds the number of articles the case must still yield (nothing lost). Cases that need
more than a replay (a command's output, the web app) have their own test modules beside the
folders, ``tests/regressions/test_*.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.errors import InputError
from storylens.ingestion import iter_ingest
from storylens.settings import Settings
from storylens.types import Article

CORPUS = Path(__file__).parent / "regressions"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def test_hostile_regression_corpus_is_documented() -> None:
    assert CASES, "the regression corpus is empty"
    for case in CASES:
        notes = (case / ".why").read_text(encoding="utf-8").strip().splitlines()
        assert len(notes) == 1 and len(notes[0]) > 20, case.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_regression_replays_cleanly(case: Path) -> None:
    items = list(iter_ingest([str(case)], Settings(max_bytes=1_000_000)))
    assert items, case.name
    for item in items:
        assert isinstance(item, Article | InputError), type(item)
        if isinstance(item, InputError):
            assert item.reason.strip() and item.source.strip()
        else:
            assert item.text.strip()
            json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")  # can be written out
    expected = case / ".articles"
    if expected.exists():
        found = sum(isinstance(item, Article) for item in items)
        assert found == int(expected.read_text()), items
