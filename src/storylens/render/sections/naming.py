"""How each outlet names the actors: the descriptors it attaches to each entity (the HTML
page shows the loaded terms in this section's box too)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storylens.render.markdown import md_escape, table
from storylens.render.model import ReportView, text_of
from storylens.render.sections import Section
from storylens.render.sections.loaded import loaded_rows


def markdown(view: ReportView) -> str:
    rows = view.naming()
    if not rows:
        return ""
    outlets = view.outlets
    cells = [
        [md_escape(ent.get("name")), *(md_escape(", ".join(labels.get(o, []))) for o in outlets)]
        for ent, labels in rows
    ]
    return "## Naming\n\n" + table(["entity", *(md_escape(o) for o in outlets)], cells)


def terminal(view: ReportView, console: Console) -> None:
    rows = view.naming()
    if not rows:
        return
    shown = Table(title="How each outlet names the actors", box=box.SIMPLE, title_justify="left")
    shown.add_column("entity")
    outlets = view.outlets
    for outlet in outlets:
        shown.add_column(Text(outlet), overflow="fold")
    for ent, labels in rows:
        shown.add_row(
            Text(text_of(ent.get("name"))), *(Text(", ".join(labels.get(o, []))) for o in outlets)
        )
    console.print(shown)


def html(view: ReportView) -> dict[str, Any]:
    return {"naming": view.naming(), "loaded": loaded_rows(view)}


SECTION = Section("naming", 70, markdown=markdown, terminal=terminal, html=html)
