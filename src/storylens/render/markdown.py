"""The report as Markdown for pasting into notes.

Report strings are escaped so that they cannot inject Markdown structure, raw HTML or
links; only http(s) article URLs become links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from storylens.render.model import COPY, PARTLY, SILENT, STATES, ReportView, text_of
from storylens.render.sections import sections

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>()#+!|~])")
MATRIX_MARK = {
    "agreed": "✔ agreed",
    PARTLY: "◐ partly",
    STATES: "✚ states it",
    COPY: "≡ copy",
    "unique": "● unique",
    "conflicting": "✖ conflict",
    SILENT: "–",
}


def md_escape(value: Any) -> str:
    """Escape Markdown and HTML syntax in one line of report text."""
    text = " ".join(text_of(value).split())
    return _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def render_markdown(report: Mapping[str, Any]) -> str:
    """The report as a Markdown document: the headline, then each section that has
    something to show."""
    view = ReportView.of(report)
    parts = [f"# {md_escape(view.headline)}"]
    for section in sections():
        text = section.markdown(view) if section.markdown else ""
        if text:
            parts.append(text)
    return "\n\n".join(parts) + "\n"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of cells already escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def url_escape(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
