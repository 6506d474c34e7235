"""The report as one self-contained HTML page (Jinja2, autoescaped).

No external requests of any kind: styles and script are inline and allowed by a
Content-Security-Policy that lists their SHA-256 hashes (no ``'unsafe-inline'``, no nonce),
article text is escaped segment by segment around its highlighted spans, and only
http(s) URLs are ever rendered as links.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from storylens.render.graph import provenance_graph
from storylens.render.model import ClaimGroupView, ReportView, as_list, safe_url, text_of
from storylens.render.spans import Mark, highlight


@dataclass(frozen=True, slots=True)
class Assets:
    """The inline stylesheet and script with their CSP hash sources."""

    css: str
    js: str
    css_hash: str
    js_hash: str


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def assets() -> Assets:
    """Read the stylesheet and script shipped in ``storylens/templates``."""
    folder = resources.files("storylens") / "templates"
    css = (folder / "report.css").read_text(encoding="utf-8")
    js = (folder / "report.js").read_text(encoding="utf-8")
    return Assets(css=css, js=js, css_hash=_sha256(css), js_hash=_sha256(js))


def content_security_policy(*, form_action: str = "'none'", header: bool = False) -> str:
    """The page's CSP: nothing external, inline style and script allowed by hash only.

    ``header=True`` adds directives that only work as an HTTP header (``frame-ancestors``).
    """
    a = assets()
    policy = [
        "default-src 'none'",
        f"script-src {a.js_hash}",
        f"style-src {a.css_hash}",
        "img-src 'none'",
        "connect-src 'none'",
        "base-uri 'none'",
        f"form-action {form_action}",
    ]
    if header:
        policy.append("frame-ancestors 'none'")
    return "; ".join(policy)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment: package templates, autoescape on for every template."""
    env = Environment(
        loader=PackageLoader("storylens", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def render_page(template: str, *, form_action: str = "'none'", **context: Any) -> str:
    """Render any storylens page template with the shared assets and CSP."""
    a = assets()
    return (
        environment()
        .get_template(template)
        .render(
            css=Markup(a.css),
            js=Markup(a.js),
            csp=content_security_policy(form_action=form_action),
            **context,
        )
    )


def render_html(
    report: Mapping[str, Any], *, home_url: str | None = None, form_action: str = "'none'"
) -> str:
    """The report as a self-contained HTML page.

    ``home_url`` adds a navigation link (the web app's story list); ``form_action`` is the
    CSP ``form-action`` source list.
    """
    view = ReportView.of(report)
    return render_page(
        "report.html.j2", form_action=form_action, home_url=home_url, **report_context(view)
    )


def report_context(view: ReportView) -> dict[str, Any]:
    """Everything the report template shows, precomputed from the view."""
    group_of: dict[str, ClaimGroupView] = {}
    for g in view.groups:
        for c in g.claims:
            group_of.setdefault(text_of(c.get("id")), g)
    return {
        "headline": view.headline,
        "schema_version": text_of(view.report.get("schema_version")),
        "articles": _articles(view, group_of),
        "outlets": view.outlets,
        "groups": _groups(view),
        "conflicts": _conflicts(view),
        "graph": provenance_graph(view),
        "naming": view.naming(),
        "loaded": _loaded(view),
        "framing_glance": framing_glance(view),
        "quotes": _quotes(view),
        "summary": _summary(view),
        "input_errors": view.input_errors(),
        "duplicates": [
            ([view.outlet_of(i) or i for i in ids], sim) for ids, sim in view.duplicates()
        ],
    }


def _claim_ref(view: ReportView, claim: Mapping[str, Any] | None) -> str:
    if claim is None:
        return ""
    index = view.claim_index.get(text_of(claim.get("id")))
    return "" if index is None else f"cl-{index}"


def _articles(view: ReportView, group_of: dict[str, ClaimGroupView]) -> list[dict[str, Any]]:
    marks: dict[str, list[Mark]] = {}
    for i, claim in enumerate(view.claims):
        group = group_of.get(text_of(claim.get("id")))
        status = group.status if group else "unique"
        chain = [text_of(s) for s in as_list(claim.get("attributed_to"))]
        title = f"claim ({status})" + (f", according to {' ← '.join(chain)}" if chain else "")
        _add(marks, claim, f"claim-{status}", f"cl-{i}", title)
    for i, quote in enumerate(view.quotes()):
        _add(marks, quote, "quote", f"qt-{i}", f"quote: {_speaker(view, quote)}")
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
    return rows


def _add(
    marks: dict[str, list[Mark]], span: Mapping[str, Any], kind: str, ref: str, title: str
) -> None:
    start, end = span.get("start"), span.get("end")
    if isinstance(start, int) and isinstance(end, int):
        marks.setdefault(text_of(span.get("article")), []).append(
            Mark(start, end, kind, ref, title)
        )


def _speaker(view: ReportView, quote: Mapping[str, Any]) -> str:
    speaker = text_of(quote.get("speaker"))
    for ent in as_list(view.report.get("entities")):
        if isinstance(ent, dict) and text_of(ent.get("id")) == speaker:
            return text_of(ent.get("name")) or speaker
    return speaker or "unknown speaker"


def _groups(view: ReportView) -> list[dict[str, Any]]:
    return [
        {
            "index": g.index,
            "number": g.index + 1,
            "status": g.status,
            "label": g.label,
            "extra": g.extra,
            "refs": " ".join(r for r in (_claim_ref(view, c) for c in g.claims) if r),
            "cells": [(o, view.cell(g, o)) for o in view.outlets],
            "independent": g.independent_sources,
            "primary": g.primary_sources,
        }
        for g in view.ordered_groups()
    ]


def _conflicts(view: ReportView) -> list[dict[str, Any]]:
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
                        "ref": _claim_ref(view, s.claim),
                    }
                    for s in d.sides
                ],
            }
            for d in view.differences(g)
        ]
        refs = " ".join(r for r in (_claim_ref(view, c) for c in g.claims) if r)
        rows.append(
            {
                "group": g.index,
                "number": g.index + 1,
                "label": g.label,
                "refs": refs,
                "diffs": diffs,
            }
        )
    return rows


def _loaded(view: ReportView) -> list[dict[str, Any]]:
    rows = []
    index = 0
    for frame in view.framing():
        terms = []
        for term in as_list(frame.get("loaded_terms")):
            if isinstance(term, dict):
                terms.append(
                    {
                        "text": text_of(term.get("text")),
                        "why": text_of(term.get("why")),
                        "ref": f"lt-{index}",
                    }
                )
                index += 1
        if terms:
            rows.append({"outlet": text_of(frame.get("outlet")), "terms": terms})
    return rows


def framing_glance(view: ReportView) -> list[dict[str, Any]]:
    """One row per outlet: loaded terms per 1,000 words of narration, strongest examples and
    the labels only it puts on the main actors (from each framing record's ``summary``)."""
    refs: dict[tuple[str, str, str], str] = {}
    index = 0
    for frame in view.framing():
        for term in as_list(frame.get("loaded_terms")):
            if isinstance(term, dict):
                key = (
                    text_of(term.get("article")),
                    text_of(term.get("start")),
                    text_of(term.get("end")),
                )
                refs.setdefault(key, f"lt-{index}")
                index += 1
    rows = []
    for frame in view.framing():
        summary = frame.get("summary")
        if not isinstance(summary, dict):
            continue
        rate = summary.get("loaded_per_1000_narration_words")
        examples = []
        for term in as_list(summary.get("strongest")):
            if isinstance(term, dict):
                key = (
                    text_of(term.get("article")),
                    text_of(term.get("start")),
                    text_of(term.get("end")),
                )
                examples.append(
                    {
                        "text": text_of(term.get("text")),
                        "why": text_of(term.get("why")),
                        "ref": refs.get(key, ""),
                    }
                )
        found = summary.get("category_names")
        names: dict[str, Any] = found if isinstance(found, dict) else {}
        kinds = [
            f"{text_of(names.get(cat, cat))}: {count}"
            for cat, count in (summary.get("by_category") or {}).items()
            if isinstance(count, int)
        ]
        actors = [
            {
                "name": text_of(a.get("name")),
                "labels": [text_of(x) for x in as_list(a.get("only_here"))],
            }
            for a in as_list(summary.get("main_actors"))
            if isinstance(a, dict) and as_list(a.get("only_here"))
        ]
        rows.append(
            {
                "outlet": text_of(frame.get("outlet")),
                "rate": rate if isinstance(rate, (int, float)) else 0.0,
                "others": summary.get("others_loaded_per_1000_narration_words"),
                "ratio": summary.get("ratio_to_others"),
                "quoted": summary.get("quoted_loaded_terms", 0),
                "kinds": kinds,
                "examples": examples,
                "actors": actors,
            }
        )
    top = max((r["rate"] for r in rows), default=0.0) or 1.0
    for row in rows:
        row["bar"] = round(100 * row["rate"] / top)
    return rows


def _quotes(view: ReportView) -> list[dict[str, Any]]:
    return [
        {
            "ref": f"qt-{i}",
            "speaker": _speaker(view, q),
            "outlet": view.outlet_of(text_of(q.get("article"))),
            "text": text_of(q.get("text")),
            "cue": text_of(q.get("cue")),
            "direct": bool(q.get("direct", True)),
        }
        for i, q in enumerate(view.quotes())
    ]


def _summary(view: ReportView) -> list[dict[str, Any]]:
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
    return rows
