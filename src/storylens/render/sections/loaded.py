"""Loaded terms: the words each outlet uses in its own voice that the lexicon or the cues
flag, with why (in HTML, listed in the naming section's box)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from storylens.render.markdown import md_escape
from storylens.render.model import ReportView, as_list, text_of
from storylens.render.sections import Section


def markdown(view: ReportView) -> str:
    lines = []
    for frame in view.framing():
        terms = [t for t in as_list(frame.get("loaded_terms")) if isinstance(t, dict)]
        if terms:
            shown = ", ".join(
                f"“{md_escape(t.get('text'))}”"
                + (f" ({md_escape(t['why'])})" if t.get("why") else "")
                for t in terms
            )
            lines.append(f"- {md_escape(frame.get('outlet'))}: {shown}")
    return "## Loaded terms\n\n" + "\n".join(lines) if lines else ""


def terminal(view: ReportView, console: Console) -> None:
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


def loaded_rows(view: ReportView) -> list[dict[str, Any]]:
    """Each outlet's loaded terms with the ids of their highlights in the articles."""
    rows = []
    index = 0  # terms are numbered as view.loaded_terms() lists them
    for frame in view.framing():
        terms = [t for t in as_list(frame.get("loaded_terms")) if isinstance(t, dict)]
        if terms:
            shown = [
                {
                    "text": text_of(t.get("text")),
                    "why": text_of(t.get("why")),
                    "ref": f"lt-{index + i}",
                }
                for i, t in enumerate(terms)
            ]
            rows.append({"outlet": text_of(frame.get("outlet")), "terms": shown})
        index += len(terms)
    return rows


SECTION = Section("loaded", 80, markdown=markdown, terminal=terminal)
