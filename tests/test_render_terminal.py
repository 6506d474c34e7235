"""The terminal report: every part shown, report text never interpreted as Rich markup."""

from __future__ import annotations

import pytest
from rich.console import Console

from fixtures.render_report import build_report, hostile_report
from storylens.render.terminal import print_report


def _render(report: dict[str, object]) -> str:
    console = Console(record=True, width=200, color_system=None)
    with console.capture() as capture:
        print_report(report, console)
    return capture.get()


@pytest.fixture(scope="module")
def output() -> str:
    return _render(build_report())


@pytest.mark.parametrize(
    "expected",
    [
        "Averholt reopens the Tollen Bridge after two years",  # headline
        "River Courier",  # outlets
        "CONFLICT",  # matrix
        "Valley Beacon: 19000000 — 19 million euros",  # conflict side
        "Averholt Ledger: 12000000 — 12 million euros",  # the other side
        "regional audit office",  # primary sources
        "Spendthrift mayor",  # naming table
        "Valley Beacon: fiasco, Spendthrift, scandal",  # loaded terms
        "[Averholt Ledger; Valley Beacon]",  # summary citations
        "not read: notes/empty.txt: the file holds no text",  # input errors
    ],
)
def test_render_terminal_shows(output: str, expected: str) -> None:
    assert expected in output


def test_render_terminal_matrix_marks_silent_outlets(output: str) -> None:
    row = next(line for line in output.splitlines() if "Residents queued" in line)
    assert "unique" in row and row.count("·") == 2


def test_render_terminal_does_not_interpret_markup() -> None:
    text = _render(hostile_report())
    assert "[bold]markup[/bold]" in text


def test_render_terminal_survives_empty_report() -> None:
    assert "Untitled story" in _render({})
