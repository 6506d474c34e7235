"""Quotation marks: the top-level quotations of an article text as char spans."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storylens.analyse.columns import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "‹": "›"}
# a double quotation opened with one style and closed with the other (“…," he said), as
# articles edited in several tools often have it
_MIXED_CLOSE = {"“": '"', '"': "”"}


def doc_quotes(doc: Doc) -> list[tuple[int, int]]:
    """:func:`quote_spans` of the doc's text, computed once."""
    spans = doc.user_data.get("storylens.quotes")
    if spans is None:
        spans = quote_spans(doc_text(doc))
        doc.user_data["storylens.quotes"] = spans
    return list(spans)


_OPENING = re.compile("[“«„‘\"‹'`]")


def quote_open(text: str) -> bool:
    """Whether ``text`` (a paragraph, or a sentence, up to some point) opens a double
    quotation it does not close: more “ than ”, or an odd number of straight marks."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def quotes_paired(text: str) -> bool:
    """Whether every double quotation mark in ``text`` has its pair."""
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


# a quotation in typographic, straight or typesetters' marks, or one left open to the end
_QUOTATION = re.compile(r"“[^”]*”?|\"[^\"]*\"?|``.*?(?:''|$)")


def without_quotations(text: str) -> str:
    """``text`` (a sentence) with each quotation blanked out, one left open included: what
    the writer says in their own words."""
    return _QUOTATION.sub(" ", text)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quotations as (start, end) char spans including the marks.

    Curly, guillemet, straight and typesetters' (``...'') quotes; single curly quotes only
    where the opening mark starts a word and the closing one ends one (so apostrophes are not
    mistaken for quotes).
    Straight double quotes are paired within a paragraph; a curly double quotation may close
    with a straight mark and a straight one with a curly mark. A curly quotation left open at
    the end of a paragraph whose next paragraph opens a quotation ends with its paragraph.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        m = _OPENING.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        # typesetters' ``...'' and typewriter ''...'' quotes: both close with ''
        if text.startswith("``", i) or (
            text.startswith("''", i)
            and _opens(text, i + 1)
            and (i == 0 or not text[i - 1].isalnum())
        ):
            k = text.find("''", i + 2, i + 3000)
            if k > 0 and "\n\n" not in text[i:k]:
                spans.append((i, k + 2))
                i = k + 2
                continue
        close = _QUOTE_PAIRS.get(ch)
        if close is None or not _opens(text, i):
            i += 1
            continue
        j = _find_close(text, i, close)
        if j is None and ch == '"' and (i == 0 or text[i - 1] == "\n"):
            j = _close_over_paragraphs(text, i)
        if j is None and ch == '"':
            j = _open_to_next(text, i)
        if j is None:
            i += 1
            continue
        if text[j] not in '"”':
            j = _before_tag(text, i, j)
        spans.append((i, j + 1))
        i = j + 1
    return spans


MAX_QUOTE_PARAGRAPHS = 4  # a straight quotation runs over at most this many paragraphs


def _close_over_paragraphs(text: str, i: int) -> int | None:
    """The closing mark of a straight quotation that opens a paragraph and runs over the
    next ones, each of them opening it again or carrying no mark, to the one that closes
    it before its tag ('"A. ¶ "B. ¶ C," the officer said.'); ``None`` when a paragraph in
    between has other marks or none closes it so within ``MAX_QUOTE_PARAGRAPHS``."""
    start = i
    for _ in range(MAX_QUOTE_PARAGRAPHS):
        end = text.find("\n\n", start)
        paragraph = text[start : end if end >= 0 else len(text)]
        marks = [k for k, ch in enumerate(paragraph) if ch == '"']
        reopened = paragraph.startswith('"')
        close = start + marks[-1] if marks else -1
        if start > i and len(marks) == 1 + reopened and _closes(text, close):
            # closed before its tag ('…,” the officer said'): a block quoted from another
            # text, closed on a full stop, keeps the reports inside it
            return (
                close
                if text[close - 1] in ",?!" and text[close + 1 :].strip()[:1].isalpha()
                else None
            )
        if len(marks) != int(reopened) or end < 0:
            return None
        start = end + 2
        while start < len(text) and text[start] == "\n":
            start += 1
    return None


def _open_to_next(text: str, i: int) -> int | None:
    """The closing mark of a straight quotation opened at ``i`` and left open at the end of
    its paragraph, as a quotation going on over paragraphs is: it ends with its paragraph
    when the next one opens a quotation again ('"A," she said. "B. ¶ "C."'), as a curly one
    does; one opened after its tag ('"A," she said, "B. ¶ C."') goes on over paragraphs with
    no marks to the one whose only mark closes it. ``None`` otherwise."""
    end = text.find("\n\n", i)
    if end < 0:
        return None
    nxt = _next_paragraph(text, end)
    if text.startswith('"', nxt) and _opens(text, nxt):
        return i + len(text[i:end].rstrip()) - 1
    if i == 0 or text[i - 1] == "\n":
        return None
    for _ in range(MAX_QUOTE_PARAGRAPHS):
        end = text.find("\n\n", nxt)
        paragraph = text[nxt : end if end >= 0 else len(text)]
        marks = [nxt + k for k, ch in enumerate(paragraph) if ch in '"“”']
        if len(marks) == 1 and text[marks[0]] in '"”' and _closes(text, marks[0]):
            return marks[0]
        if marks or end < 0:
            return None
        nxt = _next_paragraph(text, end)
    return None


# a tag closing a paragraph whose quotation was never closed: "…, the two men said in a
# statement." / "…, said Ivo Kovar." (who speaks, the verb, at most a time, place or
# addressee after it)
_TRAILING_TAG = re.compile(
    r",\s+(?:(?:[Tt]he\s+)?(?:[\w.'-]+\s+){0,4}?(?:said|says|added|adds|told|wrote|stated)"
    r"|(?:said|says|added|adds)\s+(?:[A-Z][\w.'-]*\s*){1,4})"
    r"(?:\s+(?:in|on|at|during|after|to)\s+[^,.;:\"“”]{1,40}|\s+(?:reporters|journalists))?"
    r"\.\s*$"
)


def _before_tag(text: str, i: int, j: int) -> int:
    """Where a quotation opened at ``i`` and left open to ``j`` (the end of its paragraph)
    ends when its paragraph closes on a tag: at the comma before "the two men said in a
    statement." The tag is outside the quotation, as if its closing mark had been set."""
    m = _TRAILING_TAG.search(text, i, j + 1)
    return m.start() if m is not None and m.start() > i + 1 else j


def _next_paragraph(text: str, end: int) -> int:
    """Where the paragraph after the break at ``end`` starts."""
    while end < len(text) and text[end] == "\n":
        end += 1
    return end


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if ch in {"‘", '"'}:
        return not before.isalnum()
    return True


def _find_close(text: str, i: int, close: str) -> int | None:
    limit = min(len(text), i + 3000)
    mixed = _MIXED_CLOSE.get(text[i])
    j = i + 1
    while j < limit:
        ch = text[j]
        if ch == "\n" and text[j - 1 : j + 1] == "\n\n" and close in {'"', "’"}:
            return None
        if ch == mixed and ch == '"' and _opens(text, j):
            inner = text.find('"', j + 1, limit)
            if inner > 0:  # a straight quotation inside a curly one (“… the \"plan\" …”)
                j = inner + 1
                continue
        if ch == mixed and _closes(text, j):
            return j
        if ch == close:
            after = text[j + 1] if j + 1 < len(text) else " "
            if close == "’" and after.isalpha():
                j += 1
                continue  # an apostrophe inside the quote
            return j
        if ch == text[i] and close != text[i]:
            # a new opening before this one closed: unbalanced, unless it opens the next
            # paragraph (a quotation going on over paragraphs leaves the first one open)
            before = text[i:j].rstrip()
            if text[i + len(before) : j].count("\n") >= 2 and "\n\n" not in before:
                return i + len(before) - 1
            return None
        j += 1
    return None


def _closes(text: str, j: int) -> bool:
    """Whether the mark at ``j`` ends a word (a closing mark, not an opening one)."""
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


_CLOSE_MARKS = "”’»"
_OPEN_MARKS = "“‘«"


def balance_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A content grown over the quotation mark it leaves open: the closing mark after it
    (“… the establishment,” according to …) or the opening mark before it."""
    inside = text[start:end]
    opens = sum(inside.count(c) for c in _OPEN_MARKS)
    closes = sum(inside.count(c) for c in "”»") + inside.count("’ ") + inside.endswith("’")
    if opens > closes:
        k = end
        while k < len(text) and k - end < 2 and text[k] in ",.!?;":
            k += 1
        if k < len(text) and text[k] in _CLOSE_MARKS:
            return start, k + 1
    elif closes > opens and start > 0 and text[start - 1] in _OPEN_MARKS:
        return start - 1, end
    return start, end


def close_bracket(text: str, start: int, end: int, limit: int) -> int:
    """The end of a span grown over the bracket it leaves open ("Rep. Jon Vell (R-TX")."""
    inside = text[start:end]
    if inside.count("(") > inside.count(")") and text[end : end + 1] == ")" and end < limit:
        return end + 1
    return end
