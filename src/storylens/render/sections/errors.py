"""Inputs not read: each input that gave no article, and why."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from storylens.render.markdown import md_escape
from storylens.render.model import ReportView
from storylens.render.sections import Section


def markdown(view: ReportView) -> str:
    lines = [f"- {md_escape(src)}: {md_escape(why)}" for src, why in view.input_errors()]
    return "## Inputs not read\n\n" + "\n".join(lines) if lines else ""


def terminal(view: ReportView, console: Console) -> None:
    for source, reason in view.input_errors():
        console.print(Text(f"not read: {source}: {reason}", style="yellow"))


def html(view: ReportView) -> dict[str, Any]:
    return {"input_errors": view.input_errors()}


SECTION = Section("errors", 120, markdown=markdown, terminal=terminal, html=html)
