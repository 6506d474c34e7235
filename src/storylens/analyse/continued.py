"""Quotations that go on over paragraphs.

A quotation a paragraph leaves open goes on in the paragraphs after it, each opening it again
or carrying no mark, to the one whose closing mark ends it::

    She said: 'When we got there, the door was open.
    ¶ I went in first.
    ¶ The lights were off,' said Ana Velt, who lives next door.

Every paragraph of such a run is the words of one speaker: the one whose report opens the
quotation (she says 'I …), the one the tag after its closing mark names ('…,' said Ana Velt),
the speaker of the quotation that ends the paragraph before it ("…," he said. ¶ "But …), or
the person a line ending in a colon introduces the statement of ("Below is a statement by
Ana Velt, director of …:"). A run whose speakers disagree, or that another speaker's report
interrupts, gives no speaker. Single marks count only where they open or close a quotation:
an apostrophe between letters ("harm's") or after a plural's "s" ("the members' votes")
closes nothing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from storylens.analyse.names import NamedSpan
from storylens.types import Quote

MAX_RUN = 8  # paragraphs a quotation runs over, at most
_STYLES = {"double": ('“"', '”"'), "single": ("‘'", "’'")}
_PUNCT = ".,!?;:"
# a line introducing the statement quoted below it: "Below is a statement by Ana Velt:"
_INTRO = re.compile(
    r"\b(?:statement|remarks|comments|testimony|letter|message)s?\s+(?:by|from)\s+$", re.I
)


@dataclasses.dataclass(frozen=True)
class Run:
    """A quotation running over paragraphs: its opening mark, its closing mark and the
    paragraphs it covers (each a [start, end) span of the text)."""

    opened: int
    closed: int
    paragraphs: tuple[tuple[int, int], ...]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) of each blank-line separated paragraph, surrounding space left out."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"\S(?:.*\S)?(?:\n(?!\s*\n).*\S)*", text):
        spans.append((m.start(), m.end()))
    return spans


def _kind(text: str, i: int, style: str) -> str | None:
    """ "open", "close" or ``None`` for the mark at ``i`` in the given style."""
    ch = text[i]
    opens, closes = _STYLES[style]
    if ch not in opens and ch not in closes:
        return None
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before.isalnum() and after.isalnum():
        return None  # an apostrophe ("harm's", "don’t")
    # a closing single mark follows punctuation or comes before it ("…way.'", "'8 Block',"),
    # not a plural's possessive ("the members' votes")
    single_close = before in _PUNCT or after in _PUNCT or after == "\n"
    if ch in "“‘":
        return "open" if not after.isspace() else None
    if ch in "”’":
        return "close" if style == "double" or single_close else None
    if (before.isspace() or before in "([—–-") and not after.isspace():
        return "open" if style == "double" or after.isalnum() else None
    if not before.isspace() and not after.isalnum():
        return "close" if style == "double" or single_close else None
    return None


def _scan(text: str, lo: int, hi: int, style: str, opened: int | None) -> tuple[int | None, int]:
    """Where the quotation of ``style`` is open at the end of the paragraph ``lo``-``hi`` (its
    opening mark's position, or ``None`` if closed), given the one open at its start, and the
    last closing mark (-1 for none); raises ``ValueError`` on a mark that fits neither."""
    last_close = -1
    for i in range(lo, hi):
        kind = _kind(text, i, style)
        if kind is None:
            continue
        if kind == "open":
            if opened is not None and not (i == lo and opened < lo):
                raise ValueError(i)  # a second quotation opened before the first closed
            opened = i if opened is None or opened >= lo else opened
        elif opened is not None:
            opened, last_close = None, i
    return opened, last_close


def runs(text: str) -> list[Run]:
    """Every quotation of the text that runs over two paragraphs or more and closes."""
    found: list[Run] = []
    paras = paragraph_spans(text)
    for style in _STYLES:
        k = 0
        while k < len(paras):
            try:
                opened, _ = _scan(text, *paras[k], style, None)
            except ValueError:
                opened = None
            if opened is None:
                k += 1
                continue
            run = _run_from(text, paras, k, style, opened)
            if run is not None:
                found.append(run)
                k += len(run.paragraphs)
            else:
                k += 1
    return sorted(found, key=lambda r: r.opened)


def _run_from(
    text: str, paras: list[tuple[int, int]], k: int, style: str, opened: int
) -> Run | None:
    """The run opened at ``opened`` in paragraph ``k``, if a later paragraph closes it."""
    for j in range(k + 1, min(len(paras), k + MAX_RUN)):
        try:
            still, closed = _scan(text, *paras[j], style, opened)
        except ValueError:
            return None
        if still is None:
            return Run(opened, closed, tuple(paras[k : j + 1]))
    return None


def continued_quotes(
    text: str, known: Sequence[Quote], names: Sequence[NamedSpan], article: str
) -> list[Quote]:
    """Quotes for the paragraphs of each run no quote covers yet, given the run's speaker."""
    out: list[Quote] = []
    paras = paragraph_spans(text)
    spoken = [q for q in known if q.speaker]
    for run in runs(text):
        source = _speaker(text, run, spoken, paras, names, article)
        if source is None:
            continue
        last = len(run.paragraphs) - 1
        for k, (lo, hi) in enumerate(run.paragraphs):
            start = max(lo, run.opened) if k == 0 else lo
            end = run.closed + 1 if k == last else hi
            if any(q.start <= start + 2 and end - 2 <= q.end for q in spoken):
                continue
            out.append(dataclasses.replace(source, start=start, end=end, text=text[start:end]))
    return out


def _speaker(
    text: str,
    run: Run,
    spoken: Sequence[Quote],
    paras: list[tuple[int, int]],
    names: Sequence[NamedSpan],
    article: str,
) -> Quote | None:
    """The quote whose speaker the run's words are, or ``None`` (none, or several)."""
    first, last = run.paragraphs[0], run.paragraphs[-1]
    found: list[Quote] = []
    # the report the quotation opens with (she says 'I …), the innermost
    opening = [q for q in spoken if q.start <= run.opened + 2 < q.end]
    if opening:
        found.append(max(opening, key=lambda q: q.start))
    elif text[first[0]] == text[run.opened]:  # the paragraph opens with it
        before = next((p for p in reversed(paras) if p[1] <= first[0]), None)
        if before is not None:
            found += _before(text, before, spoken, names, article)
    # the tag right after its closing mark ('…,' said Ana Velt)
    closing = [q for q in spoken if q.start < run.closed and run.closed < (_tag(q) or -1) < last[1]]
    if closing:
        found.append(min(closing, key=lambda q: _tag(q) or 0))
    if not found or any(not _same(q.speaker, found[0].speaker) for q in found):
        return None
    # another speaker's report before the quotation opens
    between = [q for q in spoken if first[0] <= (_tag(q) or -1) < run.closed]
    if any(not _same(q.speaker, found[0].speaker) and not _inside(q, run) for q in between):
        return None
    return found[0]


def _same(one: str, other: str) -> bool:
    """Whether two speakers are one: the same, or one the end of the other's name ("Ana Kell"
    and "Diver Ana Kell" where no entity links them)."""
    return one == other or one.endswith(" " + other) or other.endswith(" " + one)


def _inside(q: Quote, run: Run) -> bool:
    """Whether a report lies inside the run's quotation (the words of the one quoted)."""
    return run.opened < q.start and (_tag(q) or 0) < run.closed and q.end <= run.closed


def _tag(q: Quote) -> int | None:
    """Where a quote's cue or speaker is, the first of them."""
    at = [p for p in (q.cue_start, q.speaker_start) if p is not None]
    return min(at) if at else None


def _before(
    text: str,
    para: tuple[int, int],
    spoken: Sequence[Quote],
    names: Sequence[NamedSpan],
    article: str,
) -> list[Quote]:
    """The speaker a run that opens its paragraph goes on from: the quotation with its tag
    that makes up the paragraph before ("…," he said.), or the person a line ending in a
    colon introduces the statement of."""
    lo, hi = para
    inside = [q for q in spoken if lo <= q.start < hi and q.direct]
    if inside and text[lo] in "“\"‘'":
        q = max(inside, key=lambda q: q.end)
        end = max(q.end, q.cue_end or 0, q.speaker_end or 0)
        rest = text[end:hi].strip(" ,.;\n")
        if len(rest.split()) <= 3 and not any(c in rest for c in '“”"‘’'):
            return [q]
        return []
    if not text[lo:hi].endswith(":") or inside:
        return []
    for name in names:
        m = _INTRO.search(text, lo, name.start) if lo <= name.start < hi else None
        if m is not None and name.label in {"PERSON", "ORG"}:
            return [
                Quote(
                    article=article,
                    start=name.start,
                    end=name.end,
                    text=text[name.start : name.end],
                    speaker=name.entity or name.text,
                    speaker_text=name.text,
                    speaker_start=name.start,
                    speaker_end=name.end,
                    cue=m.group(0).split()[0],
                    cue_start=m.start(),
                    cue_end=m.start() + len(m.group(0).split()[0]),
                    direct=True,
                    speaker_entity=name.entity,
                )
            ]
    return []
