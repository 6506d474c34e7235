"""Conflicts: the claim groups whose outlets disagree, and in what."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from storylens.render.html import claim_ref
from storylens.render.markdown import md_escape
from storylens.render.model import ReportView
from storylens.render.sections import Section
from storylens.render.terminal import shorten


def markdown(view: ReportView) -> str:
    conflicts = view.conflicts()
    if not conflicts:
        return "## Conflicts\n\nNo conflicting claims."
    lines = ["## Conflicts", ""]
    for g in conflicts:
        lines.append(f"- **#{g.index + 1}** {md_escape(g.label)}")
        for diff in view.differences(g):
            lines.append(f"  - differs in *{md_escape(diff.role)}*:")
            for side in diff.sides:
                value = f"**{md_escape(side.value)}**: " if side.value else ""
                lines.append(
                    f"    - {md_escape(side.outlet or '?')}: {value}{md_escape(side.text)}"
                )
    return "\n".join(lines)


def terminal(view: ReportView, console: Console) -> None:
    conflicts = view.conflicts()
    if not conflicts:
        console.print(Text("No conflicting claims.", style="green"))
        return
    console.print(Text("Conflicts", style="bold red"))
    for group in conflicts:
        console.print(Text(f"  #{group.index + 1} {shorten(group.label, 120)}"))
        for diff in view.differences(group):
            console.print(Text(f"    differs in {diff.role}:", style="bold"))
            for side in diff.sides:
                line = Text("      ")
                line.append(side.outlet or "?", style="cyan")
                line.append(": ")
                if side.value:
                    line.append(side.value, style="bold")
                    line.append(" — ")
                line.append(shorten(side.text, 140))
                console.print(line)


def html(view: ReportView) -> dict[str, Any]:
    rows = []
    for g in view.conflicts():
        diffs = [
            {
                "role": d.role,
                "sides": [
                    {
                        "outlet": s.outlet,
                        "value": s.value,
                        "text": s.text,
                        "ref": claim_ref(view, s.claim),
                    }
                    for s in d.sides
                ],
            }
            for d in view.differences(g)
        ]
        refs = " ".join(r for r in (claim_ref(view, c) for c in g.claims) if r)
        rows.append(
            {
                "group": g.index,
                "number": g.index + 1,
                "label": g.label,
                "refs": refs,
                "diffs": diffs,
            }
        )
    return {"conflicts": rows}


SECTION = Section("conflicts", 30, markdown=markdown, terminal=terminal, html=html)
