"""Quotations that continue a report: “A,” she said. “B.” and a paragraph that is one
quotation after a quoted report (used by :mod:`storylens.analyse.attribution`)."""

from __future__ import annotations

from spacy.tokens import Doc

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_text


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the paragraph (blank-line separated block) holding ``pos``."""
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _attribution_gap(gap: str, *, first: bool) -> bool:
    """Whether text between two quotations is only the end of an attribution sentence."""
    if not gap.strip():
        return True
    if first or any(c in gap for c in '“”"«»') or "''" in gap or "\n\n" in gap:
        return False
    return gap.rstrip().endswith((".", ":", ",")) and len(gap.split()) <= 40


_CLOSING = frozenset("”\"’»›'")


def extend_split_quotes(doc: Doc, found: list[Attribution], quotes: list[tuple[int, int]]) -> None:
    """“A,” he said. “B.” — the second quotation continues the first speaker's content.

    A direct attribution's content grows over the quotations that follow it in the same
    paragraph with nothing but the rest of the attribution sentence in between, as long as no
    other attribution claims them.
    """
    text = doc_text(doc)
    owned = [(a.content_start, a.content_end) for a in found if a.kind != "hedge"]
    for att in found:
        ends_quoted = att.content_end > 0 and text[att.content_end - 1] in _CLOSING
        if att.kind != "verb" or not (att.direct or ends_quoted):
            continue
        _opening_quote(text, att, quotes, owned)
        mine = (att.content_start, att.content_end)
        end = max(att.content_end, att.cue_end, att.source_end or 0)
        para_end = paragraph_bounds(text, att.cue_start)[1]
        for qs, qe in quotes:
            if qs < end:
                continue
            gap = text[end:qs]
            if qe > para_end or not _attribution_gap(gap, first=end == att.content_end):
                break
            if not att.direct and len(gap.split()) > 4:
                break  # a content ending in a quotation: only "he said. “B”" continues it
            if any(s <= qs < e for s, e in owned if (s, e) != mine):
                break
            att.content_end = qe
            end = qe
        if att.direct and _attribution_gap(text[end:para_end], first=False):
            att.content_end = _next_quoted_paragraphs(
                text, found, quotes, para_end, att.content_end
            )


def _opening_quote(
    text: str, att: Attribution, quotes: list[tuple[int, int]], owned: list[tuple[int, int]]
) -> None:
    """“Judge,” Brafman said, “I have never …” — the quotation that opens the sentence before
    the source and cue belongs to the content that follows them."""
    first = min(att.cue_start, att.source_start if att.source_start is not None else att.cue_start)
    if not att.direct or att.content_start < att.cue_end:
        return
    for qs, qe in quotes:
        if qe > first:
            break
        if text[qe:first].strip(" ,") or not text[qs:qe].rstrip("”\"’'»").endswith(","):
            continue
        if any(s <= qs < e for s, e in owned if (s, e) != (att.content_start, att.content_end)):
            return
        att.content_start = qs
        return


def _next_quoted_paragraphs(
    text: str, found: list[Attribution], quotes: list[tuple[int, int]], para_end: int, end: int
) -> int:
    """“A,” she told reporters. / “B.” — a paragraph that is one quotation and names no
    speaker continues the quotation of the paragraph before it: the new end of the content."""
    content_end = end
    while para_end < len(text):
        start = para_end
        while start < len(text) and text[start].isspace():
            start += 1
        lo, hi = paragraph_bounds(text, start)
        hi = len(text[:hi].rstrip())
        quote = next(((qs, qe) for qs, qe in quotes if qs == start), None)
        if quote is None or quote[1] < hi - 1 or hi - lo < 2:
            break
        if any(lo <= a.cue_start < hi for a in found if a.kind != "hedge"):
            break  # the paragraph names its own speaker
        content_end, para_end = quote[1], paragraph_bounds(text, start)[1]
    return content_end
