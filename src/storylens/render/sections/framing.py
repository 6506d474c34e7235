"""Framing at a glance (HTML only): loaded terms per 1,000 words of each outlet's own
narration, its strongest examples and the labels only it puts on the main actors."""

from __future__ import annotations

from typing import Any

from storylens.render.model import ReportView, as_list, text_of
from storylens.render.sections import Section


def framing_glance(view: ReportView) -> list[dict[str, Any]]:
    """One row per outlet: loaded terms per 1,000 words of narration, strongest examples and
    the labels only it puts on the main actors (from each framing record's ``summary``)."""
    refs: dict[tuple[str, str, str], str] = {}
    for index, term in enumerate(view.loaded_terms()):  # numbered as the articles' highlights
        refs.setdefault(_place(term), f"lt-{index}")
    rows = []
    for frame in view.framing():
        summary = frame.get("summary")
        if not isinstance(summary, dict):
            continue
        rate = summary.get("loaded_per_1000_narration_words")
        examples = []
        for term in as_list(summary.get("strongest")):
            if isinstance(term, dict):
                examples.append(
                    {
                        "text": text_of(term.get("text")),
                        "why": text_of(term.get("why")),
                        "ref": refs.get(_place(term), ""),
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


def _place(term: dict[str, Any]) -> tuple[str, str, str]:
    """Where a loaded term stands: its article and span."""
    return (text_of(term.get("article")), text_of(term.get("start")), text_of(term.get("end")))


def html(view: ReportView) -> dict[str, Any]:
    return {"framing_glance": framing_glance(view)}


SECTION = Section("framing", 60, html=html)
