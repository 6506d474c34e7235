"""Quotes: reported speech, direct (quotation marks) and indirect ("X said that ...").

Built on :mod:`storylens.analyse.attribution`: every attribution with a verb-of-saying cue or
"according to" becomes a :class:`~storylens.types.Quote` whose speaker is resolved (pronouns and
bare roles such as "the spokesman" to the nearest compatible preceding name). Direct quotations
with no cue in their own sentence are attached to a speaker where the text makes it clear:

- split quotes: “A,” he said. “B.” (the second part continues the first speaker)
- a quotation right after a sentence that ends in a colon and names a speaker ("X said:")
- a quotation running over paragraphs (:mod:`storylens.analyse.continued`)

Scare quotes (a few words with no cue) are not quotes and are skipped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import pairwise

from spacy.tokens import Doc

from storylens.analyse.attributed import Attribution
from storylens.analyse.attribution import attributions_for, paragraph_bounds
from storylens.analyse.columns import doc_text, seed_text
from storylens.analyse.continued import continued_quotes
from storylens.analyse.cues import COGNITIVE_CUES, FREE_RELATIVES, SPEECH_CUES
from storylens.analyse.names import NamedSpan, names_from
from storylens.analyse.quotemarks import doc_quotes, quote_open, quote_spans
from storylens.analyse.speakers import resolve_source
from storylens.types import Article, Mention, Quote

STAGE = "quotes.rules.v11"
MIN_QUOTE_WORDS = 4
# cues that name no words of the speaker's without a quotation ("did not respond to requests
# for comment")
_NO_WORDS = frozenset({"respond", "reply"})


def find_quotes(doc: Doc, article: Article, mentions: Sequence[Mention]) -> list[Quote]:
    """Every quote in ``doc`` (the parse of ``article.text``), in text order."""
    seed_text(doc, article.text)
    names = names_from(doc, list(mentions))
    quotes: list[Quote] = []
    atts = attributions_for(doc)
    for att in atts:
        if att.kind not in {"verb", "according"} or att.source_start is None:
            continue
        if att.cue not in SPEECH_CUES and _by_words(att, atts):
            continue
        if att.cue in COGNITIVE_CUES and att.cue not in SPEECH_CUES:
            continue
        if (att.stance and not att.direct) or att.unsaid:
            # "criticized the plan": no words of the source's to quote; "did not say …",
            # "have my blessing to discuss …": words the source did not say
            continue
        if att.cue in _NO_WORDS and not att.direct:
            continue  # "did not respond to requests for comment": nothing said
        if article.text[att.content_start : att.content_end].strip().casefold() in FREE_RELATIVES:
            continue  # "do what he claims": the words are not given
        quotes.extend(q for q in _quotes_from(att, doc, article, names) if q.speaker)
    quotes = _innermost(quotes)
    quotes.extend(_unattached_quotes(doc, article, quotes))
    quotes.extend(continued_quotes(doc_text(doc), quotes, names, article.id))
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _by_words(att: Attribution, atts: list[Attribution]) -> bool:
    """A deed done by a report of the same source ("defended the levy by pointing out that
    …"): the words are the inner report's, not the deed's."""
    return any(
        b is not att
        and b.source_start == att.source_start
        and att.content_start <= b.cue_start < att.content_end
        for b in atts
    )


def _innermost(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote whose words are another speaker's, quoted inside it: in "Smith recalled
    that in 2007 Jones said the plan would fail" the words are Jones's, not Smith's."""
    out: list[Quote] = []
    for q in quotes:
        inner = [
            r
            for r in quotes
            if r is not q
            and r.speaker != q.speaker
            and q.start <= (r.speaker_start if r.speaker_start is not None else r.start)
            and r.end <= q.end
            and (r.end - r.start) * 2 >= q.end - q.start
        ]
        if not inner:
            out.append(q)
    return out


def _content_parts(att: Attribution, text: str) -> list[tuple[int, int]]:
    """The content span, or its quotations when a split quote spans the attribution clause."""
    start, end = att.content_start, att.content_end
    if att.direct:
        marks = [(s, e) for s, e in quote_spans(text[start:end])]
        parts = [(start + s, start + e) for s, e in marks]
        if len(parts) > 1 and any(text[a[1] : b[0]].strip() for a, b in pairwise(parts)):
            return parts
    if text.startswith("that ", start):
        start += len("that ")
    return [(start, end)]


def _quotes_from(
    att: Attribution, doc: Doc, article: Article, names: list[NamedSpan]
) -> list[Quote]:
    text = doc_text(doc)
    return [
        _quote_from(att, text, start, end, article, doc, names)
        for start, end in _content_parts(att, text)
    ]


def _quote_from(
    att: Attribution,
    text: str,
    start: int,
    end: int,
    article: Article,
    doc: Doc,
    names: list[NamedSpan],
) -> Quote:
    speaker, entity = resolve_source(att, doc, names)
    cue_start, cue_end = att.cue_start, att.cue_end
    if att.verb >= 0:  # the verb (and particle) only: "denied", not "denied on Friday"
        verb = doc[att.verb]
        parts = [verb, *[c for c in verb.children if c.dep_ == "prt"]]
        cue_start, cue_end = verb.idx, max(t.idx + len(t.text) for t in parts)
    return Quote(
        article=article.id,
        start=start,
        end=end,
        text=text[start:end],
        speaker=entity or speaker,
        speaker_text=att.source_text,
        speaker_start=att.source_start,
        speaker_end=att.source_end,
        cue=text[cue_start:cue_end],
        cue_start=cue_start,
        cue_end=cue_end,
        direct=att.direct,
        speaker_entity=entity,
    )


def _unattached_quotes(doc: Doc, article: Article, known: list[Quote]) -> list[Quote]:
    """Direct quotations no attribution covers, attached to a speaker where unambiguous."""
    text = doc_text(doc)
    out: list[Quote] = []
    for qs, qe in doc_quotes(doc):
        if _covered(qs, qe, known + out) or len(text[qs:qe].split()) < MIN_QUOTE_WORDS:
            continue
        # a quotation one report's words begin and that goes on past them, over paragraphs
        # ('"A," she said, "B. ¶ C."'): the rest is that speaker's too
        prev = next((q for q in known if q.direct and q.start <= qs + 2 < q.end), None)
        if prev is not None:
            out.append(_as_of(prev, article, text, qs, qe))
            continue
        prev = _previous_direct(known + out, qs)
        if prev is None or not _continues(text, prev, qs):
            prev = _previous(known + out, qs)
            if prev is None or not (
                _carried_over(text, prev, qs)
                or _after_colon(text, prev, qs)
                or _after_report(text, prev, qs, qe)
            ):
                continue
        out.append(_as_of(prev, article, text, qs, qe))
    # a quotation running over paragraphs whose tag comes at its end ('"A. ¶ "B," the
    # officer said.'): each open paragraph before it is the same speaker's, last first
    for qs, qe in reversed(doc_quotes(doc)):
        if _covered(qs, qe, known + out) or len(text[qs:qe].split()) < MIN_QUOTE_WORDS:
            continue
        # the tag's report covers only the quotation's last paragraph: '"A. ¶ B," X said.',
        # or that paragraph and the quotation after the tag ('… B," X said. "C."')
        tail = next((q for q in known if qs < q.start < qe - 2 <= q.end), None)
        if tail is not None and "\n" in text[qs : tail.start]:
            out.append(_as_of(tail, article, text, qs, qe))
            continue
        after = [q for q in known + out if q.start >= qe and q.direct]
        nxt = min(after, key=lambda q: q.start) if after else None
        if nxt is not None and _goes_on(text, qs, nxt.start):
            out.append(_as_of(nxt, article, text, qs, qe))
    return sorted(out, key=lambda q: q.start)


def _covered(start: int, end: int, quotes: list[Quote]) -> bool:
    """Whether one of ``quotes`` already covers the quotation at ``start``-``end``."""
    return any(q.start <= start + 2 and end - 2 <= q.end for q in quotes)


def _goes_on(text: str, start: int, nxt: int) -> bool:
    """Whether the quotation at ``start`` is left open at the end of its paragraph and the
    next paragraph opens with the quotation at ``nxt``: one quotation over two paragraphs."""
    hi = paragraph_bounds(text, start)[1]
    return hi < nxt and not text[hi:nxt].strip(' \n“"‘') and quote_open(text[start:hi])


def _as_of(prev: Quote, article: Article, text: str, qs: int, qe: int) -> Quote:
    """The quotation at ``qs``-``qe`` given to ``prev``'s speaker, with its cue."""
    return dataclasses.replace(
        prev, article=article.id, start=qs, end=qe, text=text[qs:qe], direct=True
    )


def _previous(quotes: list[Quote], pos: int) -> Quote | None:
    before = [q for q in quotes if q.end <= pos]
    return max(before, key=lambda q: q.end) if before else None


def _previous_direct(quotes: list[Quote], pos: int) -> Quote | None:
    return _previous([q for q in quotes if q.direct], pos)


def _continues(text: str, prev: Quote, start: int) -> bool:
    """Whether a quotation at ``start`` continues ``prev``: only its attribution lies between.

    “A,” he said. “B.”  — the gap holds the cue and speaker and nothing else of substance.
    A quotation opening the next paragraph right after a quote-final paragraph also continues.
    """
    gap_start = prev.end
    cue_end = max(prev.cue_end or 0, prev.speaker_end or 0)
    if cue_end > gap_start:
        gap_start = cue_end
    gap = text[gap_start:start]
    if len(gap) <= 3 and "\n\n" not in gap:
        return True
    if paragraph_bounds(text, prev.end) != paragraph_bounds(text, start):
        return False
    stripped = gap.strip(" ,.:;\n")
    return len(stripped.split()) <= 3 and not any(c in stripped for c in '“”"')


def _carried_over(text: str, prev: Quote, start: int) -> bool:
    """Whether a quotation opening the paragraph at ``start`` goes on with ``prev``: the
    paragraph before leaves its last quotation open, as a quotation running over several
    paragraphs does (He said: "A. ¶ "B."), and that open quotation is ``prev``'s."""
    lo, hi = paragraph_bounds(text, max(0, prev.end - 1))
    if hi >= start or text[hi:start].strip() or not quote_open(text[lo:hi]):
        return False
    opened = max(text.rfind("“", lo, hi), text.rfind('"', lo, hi))
    # the open mark is prev's own: at its start, or inside it ('remarked that: "It ...')
    return opened >= 0 and prev.start - 1 <= opened < prev.end


def _after_colon(text: str, prev: Quote, start: int) -> bool:
    """Whether a quotation opening the paragraph at ``start`` follows ``prev``'s report, which
    ends the paragraph before on a colon ("Ramsey says she was escorted out …:" ¶ "“She
    drove her car through a barrier …”")."""
    end = max(prev.end, prev.cue_end or 0, prev.speaker_end or 0)
    gap = text[end:start]
    return gap.strip() == ":" and "\n" in gap


def _after_report(text: str, prev: Quote, start: int, end: int) -> bool:
    """Whether a quotation opening the paragraph at ``start`` follows ``prev``'s report,
    which ends the paragraph before ("Papoulias condemned the violence, saying the country
    had "reached the edge of the abyss"." ¶ ""Our country has reached the edge of the
    abyss. …""): the speaker goes on in their own words, when the quotation (``start`` to
    ``end``) is all its paragraph says."""
    hi = paragraph_bounds(text, max(0, prev.end - 1))[1]
    last = paragraph_bounds(text, start)[1]
    return (
        not prev.direct
        and not quote_open(text[start:last])  # no quotation whose tag comes paragraphs later
        and not text[end:last].strip(" .,;!?”\"’'")  # nor one the paragraph tags after it
        and hi < start
        and not text[prev.end : hi].strip(" .,;”\"’'")
        and not text[hi:start].strip()
        and text[start : start + 1] in '“"‘'
    )
