"""Issue 17, item 2: a FIFO (or a device) named on the command line is refused, not opened.

``mkfifo p; storylens ingest p good.txt`` blocked forever in ``open()`` waiting for a
writer, so ``good.txt`` was never read (the same for ``compare``). A named input that is
not a regular file is now refused by ``stat`` before it is opened, as directory walks
already skip such entries; the other inputs are still read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builders import run_cli
from storylens.errors import InputError
from storylens.ingestion import iter_ingest
from storylens.settings import Settings
from storylens.types import Article

GOOD = (
    "The ferry across Lindqvist Bay will run two extra evening crossings from April, the "
    "harbour board said on Tuesday. The board voted five to two.\n"
)


@pytest.fixture()
def fifo_and_good(tmp_path: Path) -> tuple[Path, Path]:
    fifo = tmp_path / "p.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return fifo, good


@pytest.mark.timeout(30)
def test_regression_fifo_is_refused_and_the_next_input_read(
    fifo_and_good: tuple[Path, Path],
) -> None:
    fifo, good = fifo_and_good
    error, article = iter_ingest([str(fifo), str(good)], Settings())
    assert isinstance(error, InputError) and error.source == str(fifo)
    assert "not a regular file" in error.reason
    assert isinstance(article, Article) and "Lindqvist Bay" in article.text


@pytest.mark.timeout(30)
def test_regression_device_is_refused_unread() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (error,) = iter_ingest(["/dev/zero"], Settings())
    assert isinstance(error, InputError) and "not a regular file" in error.reason


@pytest.mark.timeout(60)
def test_regression_ingest_command_does_not_block_on_a_fifo(
    fifo_and_good: tuple[Path, Path],
) -> None:
    fifo, good = fifo_and_good
    result = run_cli("ingest", str(fifo), str(good), "--json", timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Lindqvist Bay" in result.stdout
    (line,) = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert str(fifo) in line and "not a regular file" in line
