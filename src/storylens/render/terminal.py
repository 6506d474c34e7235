"""The report in the terminal with Rich.

Every string from the report is wrapped in :class:`rich.text.Text`, so article text
containing Rich markup (``[bold]``, ``[link=...]``) is shown literally, never interpreted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.text import Text

from storylens.render.model import COPY, PARTLY, SILENT, STATES, ReportView
from storylens.render.sections import sections

CELL_STYLE = {
    "agreed": ("agreed", "green"),
    PARTLY: ("partly", "yellow"),
    STATES: ("states it", "green"),
    COPY: ("copy", "dim"),
    "unique": ("unique", "cyan"),
    "conflicting": ("CONFLICT", "bold red"),
    SILENT: ("·", "dim"),
}
COMPACT_CELL = {
    "agreed": "✔",
    PARTLY: "◐",
    STATES: "✚",
    COPY: "≡",
    "unique": "●",
    "conflicting": "✖",
    SILENT: "·",
}


# control characters (terminal escape sequences from hostile input) shown as U+FFFD:
# one character for one, so span offsets stay valid
_CONTROLS = {c: "\ufffd" for c in (*range(0, 9), *range(11, 32), *range(127, 160))}


def _inert(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_CONTROLS)
    if isinstance(value, Mapping):
        return {k: _inert(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_inert(v) for v in value]
    return value


def print_report(report: Mapping[str, Any], console: Console) -> None:
    """Print the headline, then each section the terminal shows (outlets, claim matrix,
    conflicts, sources, naming, loaded terms, summary, inputs not read)."""
    view = ReportView.of(_inert(report))
    console.print(Text(view.headline, style="bold"))
    for section in sections():
        if section.terminal:
            section.terminal(view, console)


def cell(status: str, compact: bool) -> Text:
    """A claims-table cell: the status word, or its mark when the table is compact."""
    label, style = CELL_STYLE.get(status, (status, ""))
    return Text(COMPACT_CELL.get(status, label) if compact else label, style=style)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
