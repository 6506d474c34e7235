"""Attributions marked by a phrase or a colon rather than a verb of saying.

- ``according to SOURCE``: "according to a translation by the Moscow Times"
- ``SOURCE: CONTENT`` opening a paragraph or introducing a quotation: "Graham: Trump's rhetoric
  is costing the party", "More from the report: “...”"
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_text
from storylens.analyse.content import content_around, words
from storylens.analyse.cues import lexicon
from storylens.analyse.phrases import noun_phrase, source_name, span_of


def according_to(tok: Token, sent: Span, sent_index: int) -> Attribution | None:
    """ "according to X": the source is the nearest name inside X."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        to = nxt if nxt is not None and nxt.lower_ == "to" else None
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase = sorted(pobj.subtree, key=lambda t: t.i)
    name_toks = _innermost_name(pobj)
    exclude = {tok.i, to.i} | {t.i for t in phrase}
    around = content_around(sent, exclude)
    if not words(around):
        return None
    cstart, cend = span_of(around)
    sstart, send = span_of(phrase)
    return Attribution(
        cue="according to",
        cue_start=tok.idx,
        cue_end=to.idx + len(to.text),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=doc_text(tok.doc)[sstart:send],
        source_name=source_name(name_toks),
        kind="according",
        sentence=sent_index,
        cue_tokens=[tok.i, to.i],
        source_tokens=sorted(exclude - {tok.i, to.i}),
    )


_DOCUMENT_NOUNS = lexicon(
    """text translation statement report copy summary version transcript document draft
    account readout communique release letter"""
)


def _innermost_name(pobj: Token) -> list[Token]:
    """ "a translation by the Moscow Times" -> the tokens of "the Moscow Times"."""
    tok = pobj
    while not tok.ent_type_ or tok.lemma_.lower() in _DOCUMENT_NOUNS:
        nxt = None
        for child in tok.children:
            by = child
            if child.dep_ == "acl":  # "the text released by the ministry"
                by = next((g for g in child.children if g.dep_ in {"agent", "prep"}), child)
            if by.dep_ in {"prep", "agent"} and by.lower_ in {"by", "from", "of"}:
                nxt = next((g for g in by.children if g.dep_ == "pobj"), None)
                if nxt is not None:
                    break
        if nxt is None:
            return noun_phrase(tok)
        tok = nxt
    return noun_phrase(tok)
