"""Sources: each claim's primary sources and the attribution chains from outlet to origin
(in HTML, the provenance graph)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storylens.render.graph import provenance_graph
from storylens.render.markdown import md_escape
from storylens.render.model import ReportView
from storylens.render.sections import Section
from storylens.render.terminal import shorten


def markdown(view: ReportView) -> str:
    lines = []
    for g in view.groups:
        if g.primary_sources:
            indep = (
                "" if g.independent_sources is None else f" ({g.independent_sources} independent)"
            )
            srcs = ", ".join(md_escape(s) for s in g.primary_sources)
            lines.append(f"- #{g.index + 1} {md_escape(g.label)}: {srcs}{indep}")
    chains = [
        "- " + " ← ".join(md_escape(x) for x in [outlet, *chain]) for outlet, chain in view.chains()
    ]
    if not lines and not chains:
        return ""
    out = ["## Sources", ""]
    if lines:
        out += ["Primary sources per claim:", "", *lines, ""]
    if chains:
        out += ["Attribution chains (outlet ← nearest source ← … ← origin):", "", *chains]
    return "\n".join(out).rstrip()


def terminal(view: ReportView, console: Console) -> None:
    rows = [g for g in view.groups if g.primary_sources]
    chains = view.chains()
    if not rows and not chains:
        return
    shown = Table(title="Primary sources", box=box.SIMPLE, title_justify="left")
    shown.add_column("claim", ratio=3, overflow="fold")
    shown.add_column("primary sources")
    shown.add_column("independent", justify="right")
    for group in rows:
        indep = group.independent_sources
        shown.add_row(
            Text(shorten(group.label, 90)),
            Text(", ".join(group.primary_sources)),
            Text("" if indep is None else str(indep)),
        )
    if rows:
        console.print(shown)
    if chains:
        console.print(
            Text("Attribution chains (outlet ← nearest source ← … ← origin)", style="bold")
        )
        for outlet, chain in chains:
            console.print(Text("  " + " ← ".join([outlet, *chain])))


def html(view: ReportView) -> dict[str, Any]:
    return {"graph": provenance_graph(view)}


SECTION = Section("sources", 50, markdown=markdown, terminal=terminal, html=html)
