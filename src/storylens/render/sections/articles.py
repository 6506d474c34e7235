"""The articles in full (HTML only), with their claims, quotes and loaded terms
highlighted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storylens.render.html import speaker
from storylens.render.model import ClaimGroupView, ReportView, as_list, safe_url, text_of
from storylens.render.sections import Section
from storylens.render.spans import Mark, highlight


def html(view: ReportView) -> dict[str, Any]:
    group_of: dict[str, ClaimGroupView] = {}
    for g in view.groups:
        for c in g.claims:
            group_of.setdefault(text_of(c.get("id")), g)
    marks: dict[str, list[Mark]] = {}
    for i, claim in enumerate(view.claims):
        group = group_of.get(text_of(claim.get("id")))
        status = group.status if group else "unique"
        chain = [text_of(s) for s in as_list(claim.get("attributed_to"))]
        title = f"claim ({status})" + (f", according to {' ← '.join(chain)}" if chain else "")
        _add(marks, claim, f"claim-{status}", f"cl-{i}", title)
    for i, quote in enumerate(view.quotes()):
        _add(marks, quote, "quote", f"qt-{i}", f"quote: {speaker(view, quote)}")
    for i, term in enumerate(view.loaded_terms()):
        _add(marks, term, "loaded", f"lt-{i}", f"loaded term: {text_of(term.get('why'))}")
    rows = []
    for i, art in enumerate(view.articles):
        text = art.get("text")
        text = text if isinstance(text, str) else ""
        aid = text_of(art.get("id"))
        rows.append(
            {
                "dom": f"art-{i}",
                "outlet": text_of(art.get("outlet")),
                "title": text_of(art.get("title")),
                "byline": text_of(art.get("byline")),
                "published": text_of(art.get("published")),
                "language": text_of(art.get("language")),
                "url": text_of(art.get("url")),
                "href": safe_url(art.get("url")),
                "body": highlight(
                    text, marks.get(aid, []) if view.article_index.get(aid) == i else []
                ),
                "removed": [
                    (text_of(r.get("reason")), text_of(r.get("text")))
                    for r in as_list(art.get("removed"))
                    if isinstance(r, dict)
                ],
            }
        )
    return {"articles": rows}


def _add(
    marks: dict[str, list[Mark]], span: Mapping[str, Any], kind: str, ref: str, title: str
) -> None:
    start, end = span.get("start"), span.get("end")
    if isinstance(start, int) and isinstance(end, int):
        marks.setdefault(text_of(span.get("article")), []).append(
            Mark(start, end, kind, ref, title)
        )


SECTION = Section("articles", 40, html=html)
