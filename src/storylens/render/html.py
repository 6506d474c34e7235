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

from storylens.render.model import ReportView, as_list, safe_url, text_of
from storylens.render.sections import sections


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
    """Everything the report template shows, precomputed from the view: the header's
    fields, then each HTML section's template and context."""
    shown = [section for section in sections() if section.html]
    context: dict[str, Any] = {
        "headline": view.headline,
        "schema_version": text_of(view.report.get("schema_version")),
        "article_count": len(view.articles),
        "outlets": view.outlets,
        "sections": [section.template for section in shown],
    }
    for section in shown:
        assert section.html is not None
        context.update(section.html(view))
    return context


def claim_ref(view: ReportView, claim: Mapping[str, Any] | None) -> str:
    """The id of a claim's highlight in the articles ("cl-3"), or ""."""
    if claim is None:
        return ""
    index = view.claim_index.get(text_of(claim.get("id")))
    return "" if index is None else f"cl-{index}"


def speaker(view: ReportView, quote: Mapping[str, Any]) -> str:
    """The name of a quotation's speaker."""
    name = text_of(quote.get("speaker"))
    for ent in as_list(view.report.get("entities")):
        if isinstance(ent, dict) and text_of(ent.get("id")) == name:
            return text_of(ent.get("name")) or name
    return name or "unknown speaker"
