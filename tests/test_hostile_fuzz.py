"""The fuzz targets of ``fuzz/targets.py`` under pytest, with a modest number of inputs.

``make fuzz`` (``fuzz/run.py``) runs the same targets for many more inputs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))

from targets import TARGETS, Escaped, fuzz_url

EXAMPLES = {"ingest": 12, "warc": 30, "feed": 30, "html": 30}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_hostile_fuzz_target(name: str) -> None:
    target = TARGETS[name]

    @settings(
        max_examples=EXAMPLES.get(name, 80),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(target.inputs)
    def fuzz(value: Any) -> None:
        target.run(value)

    fuzz()


@pytest.mark.parametrize(
    ("url", "addresses"),
    [
        ("http://news.lantern.test/", ["93.184.216.34", "10.0.0.1"]),
        ("http://127.0.0.1/", ["93.184.216.34"]),
        ("http://2130706433/", ["127.0.0.1"]),
        ("http://[::ffff:a9fe:a9fe]/", ["93.184.216.34"]),
    ],
)
def test_hostile_fuzz_url_property_holds_on_known_cases(url: str, addresses: list[str]) -> None:
    fuzz_url(url, addresses)  # refused, never Escaped


def test_hostile_fuzz_url_property_detects_a_hole(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens.ingestion import fetch

    monkeypatch.setattr(fetch, "blocked_kind", lambda address: None)
    with pytest.raises(Escaped):
        fuzz_url("http://metadata.lantern.test/", ["169.254.169.254"])
