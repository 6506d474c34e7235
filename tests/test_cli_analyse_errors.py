"""``storylens analyse`` fails with one clear line on bad inputs and options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Runner = Callable[..., Any]


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no readable articles"),
        ("empty.txt", "  \n", "no readable articles"),
        ("binary.txt", "\x00\x01\x02PNG\x00" * 20, "no readable articles"),
    ],
)
def test_unreadable_inputs_fail_cleanly(
    cli: Runner, tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    proc = cli("analyse", str(path), "--json")
    assert proc.returncode != 0
    assert message in _one_error_line(proc.stderr)
    assert str(path.name) in proc.stderr


def test_missing_alias_file_is_named(cli: Runner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Mirek Halas signed the accord in Port Caldera.\n", encoding="utf-8")
    proc = cli("analyse", str(story), "--aliases", str(tmp_path / "nope.json"))
    assert proc.returncode != 0
    assert "nope.json" in _one_error_line(proc.stderr)


@pytest.mark.slow
def test_broken_alias_file_is_named(cli: Runner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Mirek Halas signed the accord in Port Caldera.\n", encoding="utf-8")
    aliases = tmp_path / "aliases.json"
    aliases.write_text("{broken", encoding="utf-8")
    proc = cli("analyse", str(story), "--aliases", str(aliases))
    assert proc.returncode != 0
    assert "aliases.json" in _one_error_line(proc.stderr)
