"""Issue 17, item 8: input handling.

- UTF-16 text without a byte-order mark was refused as binary (its NUL bytes) although
  the README promises charset detection before refusing (case ``utf16le-without-bom``).
- A newline in a file name was printed raw, so a file name could forge a line on stderr
  (ESC and CR were already escaped).
- ``--max-bytes -5`` was accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import run_cli
from storylens.errors import BinaryInput, ConfigError
from storylens.ingestion import iter_ingest
from storylens.ingestion.decode import decode_bytes
from storylens.settings import Settings
from storylens.types import Article

CASE = Path(__file__).parent / "utf16le-without-bom"


@pytest.mark.parametrize("name", ["story.txt", "story-be.txt"])
def test_regression_utf16_without_bom_is_read(name: str) -> None:
    (article,) = iter_ingest([str(CASE / name)], Settings())
    assert isinstance(article, Article), article
    assert "Lindqvist Bay" in article.text and "\x00" not in article.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_regression_wide_text_without_bom_decodes(codec: str) -> None:
    text = "Café in Ålesund: the board voted five to two on Tuesday.\n" * 3
    assert decode_bytes(text.encode(codec), "x", max_bytes=10_000).strip() == text.strip()


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\x00" * 4096, b"MZ\x90\x00\x03\x00\x00\x00" * 64],
    ids=["all-bytes", "zeros", "executable"],
)
def test_regression_binary_is_still_refused(data: bytes) -> None:
    with pytest.raises(BinaryInput):
        decode_bytes(data, "x", max_bytes=100_000)


def test_regression_newline_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    forged = tmp_path / "x.png\nerror: forged line\nwarning: all inputs are fine"
    forged.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    good = tmp_path / "good.txt"
    good.write_text("The harbour board of Lindqvist Bay met on Tuesday.\n", encoding="utf-8")
    result = run_cli("ingest", str(forged), str(good), "--json")
    assert result.returncode == 0, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("warning:") and "\\nerror: forged line\\n" in lines[0]


@pytest.mark.parametrize("value", ["-5", "0"])
def test_regression_max_bytes_must_be_positive(tmp_path: Path, value: str) -> None:
    story = tmp_path / "story.txt"
    story.write_text("The harbour board of Lindqvist Bay met on Tuesday.\n", encoding="utf-8")
    result = run_cli("ingest", str(story), "--max-bytes", value)
    assert result.returncode == 2, result.stderr  # a usage error, before any input is read
    assert "--max-bytes" in result.stderr and "over the size cap" not in result.stderr


@pytest.mark.parametrize("setting", ["max_bytes", "max_story_chars"])
def test_regression_negative_sizes_in_settings_are_refused(setting: str) -> None:
    with pytest.raises(ConfigError, match=setting):
        Settings().with_overrides(**{setting: -5})
