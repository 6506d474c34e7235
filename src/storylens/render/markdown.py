"""The report as Markdown for pasting into notes.

Report strings are escaped so that they cannot inject Markdown structure, raw HTML or
links; only http(s) article URLs become links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from storylens.render.model import SILENT, ReportView, as_list, safe_url, text_of

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>()#+!|~])")
MATRIX_MARK = {"agreed": "✔ agreed", "unique": "● unique", "conflicting": "✖ conflict", SILENT: "–"}


def md_escape(value: Any) -> str:
    """Escape Markdown and HTML syntax in one line of report text."""
    text = " ".join(text_of(value).split())
    return _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def render_markdown(report: Mapping[str, Any]) -> str:
    """The report as a Markdown document."""
    view = ReportView.of(report)
    parts = [f"# {md_escape(view.headline)}", _outlets(view)]
    for section in (
        _matrix,
        _conflicts,
        _sources,
        _naming,
        _loaded,
        _summary,
        _duplicates,
        _errors,
    ):
        text = section(view)
        if text:
            parts.append(text)
    return "\n\n".join(parts) + "\n"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _outlets(view: ReportView) -> str:
    rows = []
    for art in view.articles:
        title = md_escape(art.get("title") or "(untitled)")
        url = safe_url(art.get("url"))
        if url:
            title = f"[{title}](<{_url_escape(url)}>)"
        rows.append(
            [
                md_escape(art.get("outlet")),
                title,
                md_escape(art.get("published") or "undated"),
                md_escape(art.get("byline")),
            ]
        )
    return "## Outlets\n\n" + _table(["outlet", "title", "published", "byline"], rows)


def _url_escape(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _matrix(view: ReportView) -> str:
    if not view.groups:
        return ""
    header = ["#", "claim", *(md_escape(o) for o in view.outlets), "independent sources"]
    rows = []
    for g in view.ordered_groups():
        cells = [MATRIX_MARK.get(view.cell(g, o), "") for o in view.outlets]
        indep = "" if g.independent_sources is None else str(g.independent_sources)
        if indep and g.primary_sources:  # the names behind the count
            indep += " (" + ", ".join(md_escape(s) for s in g.primary_sources) + ")"
        label = md_escape(g.label) + "".join(
            f"<br>only {md_escape(o)}: {md_escape(d)}" if o else f"<br>{md_escape(d)}"
            for o, d in g.extra
        )
        rows.append([str(g.index + 1), label, *cells, indep])
    return "## Claims by outlet\n\n" + _table(header, rows)


def _conflicts(view: ReportView) -> str:
    conflicts = view.conflicts()
    if not conflicts:
        return "## Conflicts\n\nNo conflicting claims."
    lines = ["## Conflicts", ""]
    for g in conflicts:
        lines.append(f"- **#{g.index + 1}** {md_escape(g.label)}")
        for diff in view.differences(g):
            lines.append(f"  - differs in *{md_escape(diff.role)}*:")
            for side in diff.sides:
                value = f"**{md_escape(side.value)}**: " if side.value else ""
                lines.append(
                    f"    - {md_escape(side.outlet or '?')}: {value}{md_escape(side.text)}"
                )
    return "\n".join(lines)


def _sources(view: ReportView) -> str:
    lines = []
    for g in view.groups:
        if g.primary_sources:
            indep = (
                "" if g.independent_sources is None else f" ({g.independent_sources} independent)"
            )
            srcs = ", ".join(md_escape(s) for s in g.primary_sources)
            lines.append(f"- #{g.index + 1} {md_escape(g.label)}: {srcs}{indep}")
    chains = [
        "- " + " ← ".join(md_escape(x) for x in [outlet, *chain]) for outlet, chain in view.chains()
    ]
    if not lines and not chains:
        return ""
    out = ["## Sources", ""]
    if lines:
        out += ["Primary sources per claim:", "", *lines, ""]
    if chains:
        out += ["Attribution chains (outlet ← nearest source ← … ← origin):", "", *chains]
    return "\n".join(out).rstrip()


def _naming(view: ReportView) -> str:
    rows = view.naming()
    if not rows:
        return ""
    outlets = view.outlets
    table = [
        [md_escape(ent.get("name")), *(md_escape(", ".join(labels.get(o, []))) for o in outlets)]
        for ent, labels in rows
    ]
    return "## Naming\n\n" + _table(["entity", *(md_escape(o) for o in outlets)], table)


def _loaded(view: ReportView) -> str:
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


def _summary(view: ReportView) -> str:
    lines = []
    for sentence in view.summary():
        refs = []
        for ref in as_list(sentence.get("citations")):
            found = view.citation(ref)
            refs.append(md_escape(found[2] if found else ref))
        cite = f" \\[{'; '.join(dict.fromkeys(refs))}\\]" if refs else ""
        lines.append(f"- {md_escape(sentence.get('text'))}{cite}")
    return "## Summary\n\n" + "\n".join(lines) if lines else ""


def _duplicates(view: ReportView) -> str:
    lines = []
    for ids, sim in view.duplicates():
        names = ", ".join(md_escape(view.outlet_of(i) or i) for i in ids)
        lines.append(f"- {names}" + (f" (similarity {sim})" if sim else ""))
    return "## Near-duplicate articles\n\n" + "\n".join(lines) if lines else ""


def _errors(view: ReportView) -> str:
    lines = [f"- {md_escape(src)}: {md_escape(why)}" for src, why in view.input_errors()]
    return "## Inputs not read\n\n" + "\n".join(lines) if lines else ""
