"""The outlets and their articles: title, date and byline (the HTML page shows them in its
header and its articles section instead)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storylens.render.markdown import md_escape, table, url_escape
from storylens.render.model import ReportView, safe_url, text_of
from storylens.render.sections import Section


def markdown(view: ReportView) -> str:
    rows = []
    for art in view.articles:
        title = md_escape(art.get("title") or "(untitled)")
        url = safe_url(art.get("url"))
        if url:
            title = f"[{title}](<{url_escape(url)}>)"
        rows.append(
            [
                md_escape(art.get("outlet")),
                title,
                md_escape(art.get("published") or "undated"),
                md_escape(art.get("byline")),
            ]
        )
    return "## Outlets\n\n" + table(["outlet", "title", "published", "byline"], rows)


def terminal(view: ReportView, console: Console) -> None:
    shown = Table(title="Outlets", box=box.SIMPLE, title_justify="left")
    for col in ("outlet", "title", "published", "byline"):
        shown.add_column(col)
    for art in view.articles:
        shown.add_row(
            Text(text_of(art.get("outlet"))),
            Text(text_of(art.get("title"))),
            Text(text_of(art.get("published")) or "undated"),
            Text(text_of(art.get("byline"))),
        )
    console.print(shown)


SECTION = Section("outlets", 10, markdown=markdown, terminal=terminal)
