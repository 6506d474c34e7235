"""Near-duplicate articles: wire copies counted once (not in the terminal)."""

from __future__ import annotations

from typing import Any

from storylens.render.markdown import md_escape
from storylens.render.model import ReportView
from storylens.render.sections import Section


def markdown(view: ReportView) -> str:
    lines = []
    for ids, sim in view.duplicates():
        names = ", ".join(md_escape(view.outlet_of(i) or i) for i in ids)
        lines.append(f"- {names}" + (f" (similarity {sim})" if sim else ""))
    return "## Near-duplicate articles\n\n" + "\n".join(lines) if lines else ""


def html(view: ReportView) -> dict[str, Any]:
    found = [([view.outlet_of(i) or i for i in ids], sim) for ids, sim in view.duplicates()]
    return {"duplicates": found}


SECTION = Section("duplicates", 110, markdown=markdown, html=html)
