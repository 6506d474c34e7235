"""Quotes (HTML only): who is quoted, by which outlet, with a link to the quotation."""

from __future__ import annotations

from typing import Any

from storylens.render.html import speaker
from storylens.render.model import ReportView, text_of
from storylens.render.sections import Section


def html(view: ReportView) -> dict[str, Any]:
    quotes = [
        {
            "ref": f"qt-{i}",
            "speaker": speaker(view, q),
            "outlet": view.outlet_of(text_of(q.get("article"))),
            "text": text_of(q.get("text")),
            "cue": text_of(q.get("cue")),
            "direct": bool(q.get("direct", True)),
        }
        for i, q in enumerate(view.quotes())
    ]
    return {"quotes": quotes}


SECTION = Section("quotes", 90, html=html)
