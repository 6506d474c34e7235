"""Hedges: attributions with no source ("reportedly", "is believed to", "appears to")."""

from __future__ import annotations

from spacy.tokens import Span

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_column, doc_lemmas
from storylens.analyse.cues import HEDGE_PASSIVES, HEDGE_RAISING, HEDGE_WORDS
from storylens.analyse.phrases import agent_of, is_passive, span_of

_HEDGE_LEMMAS = HEDGE_PASSIVES | HEDGE_RAISING


def hedges(sent: Span, sent_index: int) -> list[Attribution]:
    out: list[Attribution] = []
    doc = sent.doc
    lower, lemmas = doc_column(doc, "lower_"), doc_lemmas(doc)
    for i in range(sent.start, sent.end):
        if lower[i] not in HEDGE_WORDS and lemmas[i] not in _HEDGE_LEMMAS:
            continue  # neither a hedge word nor a hedging verb
        tok = doc[i]
        lemma = tok.lemma_.lower()
        hedge = tok.lower_ in HEDGE_WORDS
        if not hedge and lemma in HEDGE_PASSIVES and is_passive(tok) and agent_of(tok) is None:
            hedge = any(c.dep_ == "xcomp" or c.dep_ == "ccomp" for c in tok.children) or any(
                c.dep_ == "expl" or c.lower_ == "it" for c in tok.children
            )
        if not hedge and lemma in HEDGE_RAISING and any(c.dep_ == "xcomp" for c in tok.children):
            hedge = True
        if not hedge:
            continue
        scope = tok.head if tok.dep_ == "advmod" else tok
        toks = [t for t in scope.subtree if t.i != tok.i]
        if not toks:
            continue
        cstart, cend = span_of(toks)
        out.append(
            Attribution(
                cue=tok.lower_ if tok.lower_ in HEDGE_WORDS else lemma,
                cue_start=tok.idx,
                cue_end=tok.idx + len(tok.text),
                content_start=cstart,
                content_end=cend,
                kind="hedge",
                sentence=sent_index,
                cue_tokens=[tok.i],
            )
        )
    return out
