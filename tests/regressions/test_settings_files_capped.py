"""Issue 17, item 7: ``--config``, ``--outlets`` and ``--aliases`` files are size-capped.

``--config /dev/zero`` grew to 15 GB in 12 s: the files were read whole, whatever they
were. Each settings file must now be a regular file of at most ``MAX_SETTINGS_FILE``
bytes; anything else is one ``error:`` line naming the file, and a non-zero exit.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from builders import run_cli
from storylens.errors import ConfigError
from storylens.settings import Settings

MAX_SETTINGS_FILE = 4 * 1024 * 1024  # the documented cap
STORY = "The harbour board of Lindqvist Bay met on Tuesday and agreed to add two crossings.\n"


def _big(tmp_path: Path, option: str = "--config") -> Path:
    """A valid settings file just over the cap (TOML for --config, else JSON)."""
    padding = "x" * MAX_SETTINGS_FILE
    if option == "--config":
        path, text = tmp_path / "big.toml", f"# {padding}\nmax_bytes = 1000\n"
    elif option == "--aliases":
        path, text = tmp_path / "big.json", f'{{"entities": [], "_note": "{padding}"}}'
    else:
        path, text = tmp_path / "big.json", f'{{"_note": "{padding}"}}'
    path.write_text(text, encoding="utf-8")
    return path


def _fifo(tmp_path: Path, _option: str = "") -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


def _zero(_tmp_path: Path, _option: str = "") -> Path:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    return Path("/dev/zero")


def _deep(tmp_path: Path, option: str = "--outlets") -> Path:
    """A small JSON file nested far deeper than the parser's recursion limit."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path


SOURCES: dict[str, Callable[[Path, str], Path]] = {
    "big": _big,
    "fifo": _fifo,
    "zero": _zero,
    "deep": _deep,
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["big", "fifo", "zero"])
def test_regression_config_file_is_capped(tmp_path: Path, kind: str) -> None:
    path = SOURCES[kind](tmp_path, "--config")
    with pytest.raises(ConfigError, match="cannot read config") as caught:
        Settings.from_file(path)
    assert str(path) in str(caught.value)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("command", "option"),
    [
        ("ingest", "--config"),
        ("ingest", "--outlets"),
        ("analyse", "--aliases"),
        ("analyse", "--config"),
    ],
)
@pytest.mark.parametrize("kind", ["big", "zero", "deep"])
def test_regression_settings_file_options_fail_with_one_line(
    tmp_path: Path, command: str, option: str, kind: str
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    path = SOURCES[kind](tmp_path, option)
    result = run_cli(command, str(story), option, str(path), timeout=45)
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert str(path) in lines[0]
