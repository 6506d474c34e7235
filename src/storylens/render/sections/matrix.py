"""Claims × outlets: each claim group and whether each outlet agrees, is alone, conflicts
or is silent, with its independent sources."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storylens.render.html import claim_ref
from storylens.render.markdown import MATRIX_MARK, md_escape, table
from storylens.render.model import ReportView
from storylens.render.sections import Section
from storylens.render.terminal import cell, shorten


def markdown(view: ReportView) -> str:
    if not view.groups:
        return ""
    header = ["#", "claim", *(md_escape(o) for o in view.outlets), "independent sources"]
    rows = []
    for g in view.ordered_groups():
        cells = [MATRIX_MARK.get(view.cell(g, o), "") for o in view.outlets]
        indep = "" if g.independent_sources is None else str(g.independent_sources)
        if indep and g.primary_sources:  # the names behind the count
            indep += " (" + ", ".join(md_escape(s) for s in g.primary_sources) + ")"
        label = md_escape(g.label)
        if g.context:
            label += f"<br>after: “{md_escape(shorten(g.context, CONTEXT_CHARS))}”"
        label += "".join(
            f"<br>only {md_escape(o)}: {md_escape(d)}" if o else f"<br>{md_escape(d)}"
            for o, d in g.extra
        )
        if g.same_event:
            label += f"<br>{same_event(g.same_event)}"
        rows.append([str(g.index + 1), label, *cells, indep])
    return "## Claims by outlet\n\n" + table(header, rows)


def terminal(view: ReportView, console: Console) -> None:
    if not view.groups:
        return
    compact = console.width < 60 + 16 * len(view.outlets)
    shown = Table(title="Claims × outlets", box=box.SIMPLE_HEAD, title_justify="left")
    shown.add_column("#", justify="right")
    shown.add_column("claim", ratio=3, overflow="fold", min_width=24)
    for outlet in view.outlets:
        shown.add_column(Text(outlet), justify="center")
    shown.add_column("sources", justify="right")
    for group in view.ordered_groups():
        cells = [cell(view.cell(group, o), compact) for o in view.outlets]
        indep = group.independent_sources
        label = Text(shorten(group.label, 110))
        if group.context:
            label.append(f"\n  after: “{shorten(group.context, CONTEXT_CHARS)}”", style="dim")
        for outlet, detail in group.extra:
            detail_shown = f"only {outlet}: {shorten(detail, 90)}" if outlet else detail
            label.append(f"\n  {detail_shown}", style="dim")
        if group.same_event:
            label.append(f"\n  {same_event(group.same_event)}", style="dim")
        shown.add_row(
            str(group.index + 1),
            label,
            *cells,
            Text("" if indep is None else str(indep)),
        )
    console.print(shown)
    if compact:
        console.print(Text("✔ agreed  ◐ partly  ● unique  ✖ conflicting  · silent", style="dim"))


def html(view: ReportView) -> dict[str, Any]:
    groups = [
        {
            "index": g.index,
            "number": g.index + 1,
            "status": g.status,
            "label": g.label,
            "context": shorten(g.context, CONTEXT_CHARS) if g.context else "",
            "extra": g.extra,
            "refs": " ".join(r for r in (claim_ref(view, c) for c in g.claims) if r),
            "cells": [(o, view.cell(g, o)) for o in view.outlets],
            "independent": g.independent_sources,
            "primary": g.primary_sources,
            "same_event": same_event(g.same_event) if g.same_event else "",
        }
        for g in view.ordered_groups()
    ]
    return {"groups": groups}


CONTEXT_CHARS = 240  # of the sentence a row leans on, shown under it
SAME_EVENT_SHOWN = 5  # rows named on a group's "same event as" line; the rest are counted


def same_event(rows: list[int]) -> str:
    """The line that names the other rows of a group's event: "same event as #3, #7", the
    first few of a large event and how many more ("#3, #7, #9, #12, #15 and 11 more"), so
    that each row of a ten-outlet story stays a few lines long."""
    shown = ", ".join(f"#{n}" for n in rows[:SAME_EVENT_SHOWN])
    more = len(rows) - SAME_EVENT_SHOWN
    return "same event as " + shown + (f" and {more} more" if more > 0 else "")


SECTION = Section("matrix", 20, markdown=markdown, terminal=terminal, html=html)
