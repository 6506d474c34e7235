"""Highlighted HTML from character spans, built server-side.

Annotations may overlap or nest in any way. The text is cut at every span boundary into
atomic segments; each segment is escaped and wrapped in one ``<span>`` carrying the
classes and data attributes of every annotation covering it, so the markup is always
well-formed whatever the spans are. Attribute values are generated here (short DOM ids
such as ``cl-3``), never copied from the report.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation over ``text[start:end]``.

    ``kind`` is a CSS class ("claim", "quote", "loaded"); ``ref`` a generated DOM id
    (``cl-3``) that the first segment of the span receives as ``id`` and every segment
    lists in ``data-refs``; ``title`` an optional tooltip (escaped).
    """

    start: int
    end: int
    kind: str
    ref: str
    title: str = ""


def clamp(marks: Iterable[Mark], length: int) -> list[Mark]:
    """Keep the marks that lie inside ``[0, length]`` and are non-empty."""
    kept = []
    for m in marks:
        if not (isinstance(m.start, int) and isinstance(m.end, int)):
            continue
        start, end = max(0, m.start), min(length, m.end)
        if start < end:
            kept.append(Mark(start, end, m.kind, m.ref, m.title))
    return kept


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` as escaped HTML with every mark highlighted."""
    spans = clamp(marks, len(text))
    if not spans:
        return escape(text)
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    starts: dict[int, list[Mark]] = {}
    for m in spans:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[str] = []
    for left, right in itertools.pairwise(cuts):
        active = [m for m in active if m.end > left] + starts.get(left, [])
        segment = str(escape(text[left:right]))
        if not active:
            out.append(segment)
            continue
        out.append(_segment(segment, active, {m.ref for m in starts.get(left, [])}))
    return Markup("".join(out))


def _segment(escaped: str, active: list[Mark], opening: set[str]) -> str:
    kinds = sorted({m.kind for m in active})
    refs = " ".join(sorted({m.ref for m in active}))
    classes = " ".join(f"hl-{k}" for k in kinds)
    attrs = [f'class="{escape(classes)}"', f'data-refs="{escape(refs)}"']
    first = sorted(opening)
    if first:
        attrs.append(f'id="{escape(first[0])}"')
        # extra spans starting at the same offset get an anchor of their own
        anchors = "".join(f'<a class="anchor" id="{escape(r)}"></a>' for r in first[1:])
    else:
        anchors = ""
    titles = "; ".join(t for t in sorted({m.title for m in active}) if t)
    if titles:
        attrs.append(f'title="{escape(titles)}"')
    return f"{anchors}<span {' '.join(attrs)}>{escaped}</span>"
