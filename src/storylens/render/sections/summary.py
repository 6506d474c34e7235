"""Summary: the neutral summary's sentences, each with the outlets it cites."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from storylens.render.markdown import md_escape
from storylens.render.model import ReportView, as_list, text_of
from storylens.render.sections import Section


def markdown(view: ReportView) -> str:
    lines = []
    for sentence in view.summary():
        refs = []
        for ref in as_list(sentence.get("citations")):
            found = view.citation(ref)
            refs.append(md_escape(found[2] if found else ref))
        cite = f" \\[{'; '.join(dict.fromkeys(refs))}\\]" if refs else ""
        lines.append(f"- {md_escape(sentence.get('text'))}{cite}")
    return "## Summary\n\n" + "\n".join(lines) if lines else ""


def terminal(view: ReportView, console: Console) -> None:
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


def html(view: ReportView) -> dict[str, Any]:
    rows = []
    for sentence in view.summary():
        by_label: dict[str, list[str]] = {}
        for ref in as_list(sentence.get("citations")):
            found = view.citation(ref)
            if found:
                by_label.setdefault(found[2], []).append(found[1])
        cites = [
            {"ref": refs[0], "refs": " ".join(dict.fromkeys(refs)), "label": label}
            for label, refs in by_label.items()
        ]
        rows.append({"text": text_of(sentence.get("text")), "citations": cites})
    return {"summary": rows}


SECTION = Section("summary", 100, markdown=markdown, terminal=terminal, html=html)
