"""The report in the terminal with Rich.

Every string from the report is wrapped in :class:`rich.text.Text`, so article text
containing Rich markup (``[bold]``, ``[link=...]``) is shown literally, never interpreted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storylens.render.model import SILENT, ReportView, as_list, text_of

CELL_STYLE = {
    "agreed": ("agreed", "green"),
    "unique": ("unique", "cyan"),
    "conflicting": ("CONFLICT", "bold red"),
    SILENT: ("·", "dim"),
}
COMPACT_CELL = {"agreed": "✔", "unique": "●", "conflicting": "✖", SILENT: "·"}


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
    """Print headline, outlets, claim matrix, conflicts, sources, naming and summary."""
    view = ReportView.of(_inert(report))
    console.print(Text(view.headline, style="bold"))
    console.print(_outlets(view))
    if view.groups:
        compact = console.width < 60 + 16 * len(view.outlets)
        console.print(_matrix(view, compact=compact))
        if compact:
            console.print(Text("✔ agreed  ● unique  ✖ conflicting  · silent", style="dim"))
    _print_conflicts(view, console)
    _print_sources(view, console)
    naming = _naming(view)
    if naming is not None:
        console.print(naming)
    _print_loaded(view, console)
    _print_summary(view, console)
    for source, reason in view.input_errors():
        console.print(Text(f"not read: {source}: {reason}", style="yellow"))


def _outlets(view: ReportView) -> Table:
    table = Table(title="Outlets", box=box.SIMPLE, title_justify="left")
    for col in ("outlet", "title", "published", "byline"):
        table.add_column(col)
    for art in view.articles:
        table.add_row(
            Text(text_of(art.get("outlet"))),
            Text(text_of(art.get("title"))),
            Text(text_of(art.get("published")) or "undated"),
            Text(text_of(art.get("byline"))),
        )
    return table


def _matrix(view: ReportView, *, compact: bool = False) -> Table:
    table = Table(title="Claims × outlets", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("claim", ratio=3, overflow="fold", min_width=24)
    for outlet in view.outlets:
        table.add_column(Text(outlet), justify="center")
    table.add_column("sources", justify="right")
    for group in view.ordered_groups():
        cells = [_cell(view.cell(group, o), compact) for o in view.outlets]
        indep = group.independent_sources
        label = Text(_shorten(group.label, 110))
        for outlet, detail in group.extra:
            shown = f"only {outlet}: {_shorten(detail, 90)}" if outlet else detail
            label.append(f"\n  {shown}", style="dim")
        table.add_row(
            str(group.index + 1),
            label,
            *cells,
            Text("" if indep is None else str(indep)),
        )
    return table


def _cell(status: str, compact: bool) -> Text:
    label, style = CELL_STYLE.get(status, (status, ""))
    return Text(COMPACT_CELL.get(status, label) if compact else label, style=style)


def _print_conflicts(view: ReportView, console: Console) -> None:
    conflicts = view.conflicts()
    if not conflicts:
        console.print(Text("No conflicting claims.", style="green"))
        return
    console.print(Text("Conflicts", style="bold red"))
    for group in conflicts:
        console.print(Text(f"  #{group.index + 1} {_shorten(group.label, 120)}"))
        for diff in view.differences(group):
            console.print(Text(f"    differs in {diff.role}:", style="bold"))
            for side in diff.sides:
                line = Text("      ")
                line.append(side.outlet or "?", style="cyan")
                line.append(": ")
                if side.value:
                    line.append(side.value, style="bold")
                    line.append(" — ")
                line.append(_shorten(side.text, 140))
                console.print(line)


def _print_sources(view: ReportView, console: Console) -> None:
    rows = [g for g in view.groups if g.primary_sources]
    chains = view.chains()
    if not rows and not chains:
        return
    table = Table(title="Primary sources", box=box.SIMPLE, title_justify="left")
    table.add_column("claim", ratio=3, overflow="fold")
    table.add_column("primary sources")
    table.add_column("independent", justify="right")
    for group in rows:
        indep = group.independent_sources
        table.add_row(
            Text(_shorten(group.label, 90)),
            Text(", ".join(group.primary_sources)),
            Text("" if indep is None else str(indep)),
        )
    if rows:
        console.print(table)
    if chains:
        console.print(
            Text("Attribution chains (outlet ← nearest source ← … ← origin)", style="bold")
        )
        for outlet, chain in chains:
            console.print(Text("  " + " ← ".join([outlet, *chain])))


def _naming(view: ReportView) -> Table | None:
    rows = view.naming()
    if not rows:
        return None
    table = Table(title="How each outlet names the actors", box=box.SIMPLE, title_justify="left")
    table.add_column("entity")
    outlets = view.outlets
    for outlet in outlets:
        table.add_column(Text(outlet), overflow="fold")
    for ent, labels in rows:
        table.add_row(
            Text(text_of(ent.get("name"))), *(Text(", ".join(labels.get(o, []))) for o in outlets)
        )
    return table


def _print_loaded(view: ReportView, console: Console) -> None:
    frames = [f for f in view.framing() if as_list(f.get("loaded_terms"))]
    if not frames:
        return
    console.print(Text("Loaded terms", style="bold"))
    for frame in frames:
        terms = [text_of(t.get("text")) for t in as_list(frame.get("loaded_terms")) if t]
        line = Text("  ")
        line.append(text_of(frame.get("outlet")), style="cyan")
        line.append(": " + ", ".join(dict.fromkeys(t for t in terms if t)))
        console.print(line)


def _print_summary(view: ReportView, console: Console) -> None:
    sentences = view.summary()
    if not sentences:
        return
    console.print(Text("Summary", style="bold"))
    for sentence in sentences:
        labels = []
        for ref in as_list(sentence.get("citations")):
            found = view.citation(ref)
            labels.append(found[2] if found else text_of(ref))
        line = Text("  " + text_of(sentence.get("text")))
        if labels:
            line.append(" [" + "; ".join(dict.fromkeys(labels)) + "]", style="dim")
        console.print(line)


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
