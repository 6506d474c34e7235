"""Attributions whose source the sentence leaves unnamed: "Asked whether he would run, ...",
"when asked about the vote", "she was asked if ..." (the question is the content; whoever
asked it is not named)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_children, doc_column
from storylens.analyse.content import ALL_QUOTES, clause_tokens, trim_tokens
from storylens.analyse.cues import NOBODY, QUESTION_CUES
from storylens.analyse.phrases import MAX_DEPTH, agent_of, span_of

_WH_MARKS = frozenset({"whether", "if"})


def asked(verb: Token, sent: Span, sent_index: int) -> Attribution | None:
    """A question put to someone, with no asker: a passive or bare participle of "ask" whose
    content is the question ("whether ...", "if ...", a wh-clause) or what it was about."""
    doc = verb.doc
    if verb.lemma_.lower() not in QUESTION_CUES or verb.tag_ != "VBN":
        return None
    if agent_of(verb) is not None:
        return None
    deps, children = doc_column(doc, "dep_"), doc_children(doc)
    content: list[Token] | None = None
    cue = [verb]
    for k in children[verb.i]:
        if k < verb.i and deps[k] in {"auxpass", "aux", "neg"}:
            cue.append(doc[k])
        if k <= verb.i or not sent.start <= k < sent.end or content is not None:
            continue
        if deps[k] == "ccomp" or (deps[k] == "advcl" and _wh_clause(doc[k])):
            content = trim_tokens(clause_tokens(doc[k]), keep_that=True)
        elif deps[k] == "prep" and doc[k].lower_ == "about":
            cue.append(doc[k])
            content = [t for c in doc[k].children if c.dep_ == "pobj" for t in c.subtree]
    if not content:
        return None
    cue.sort(key=lambda t: t.i)
    if cue[-1].i - cue[0].i >= len(cue) + 1:
        cue = [verb, *(t for t in cue if t.i > verb.i)]
    cstart, cend = span_of(sorted(content, key=lambda t: t.i))
    return Attribution(
        cue="ask",
        cue_start=cue[0].idx,
        cue_end=cue[-1].idx + len(cue[-1].text),
        content_start=cstart,
        content_end=cend,
        sentence=sent_index,
        cue_tokens=[verb.i, *(t.i for t in cue if t.i != verb.i)],
        verb=verb.i,
        stance=True,
    )


def _wh_clause(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _WH_MARKS for c in tok.children)


def infinitive(verb: Token) -> bool:
    """ "to say", "to petition": a verb that tells what someone is to do, not what they did."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def hypothetical(verb: Token) -> bool:
    """A verb of saying in the infinitive under what someone wants, plans, is expected or
    allowed to do ("He wants to tell voters that the war is over", "the two Koreas have my
    blessing to discuss …", "is expected to announce that …"): no one has said it yet. A
    purpose or a result is said ("took to Twitter to say that …", "prompting Comey to reply
    that …")."""
    head = verb.head
    return infinitive(verb) and (
        head.lemma_.lower() in _NOT_YET_SAID
        or any(c.dep_ == "dobj" and c.lemma_.lower() in _NOT_YET_SAID for c in head.children)
    )


_NOT_YET_SAID = frozenset(
    {"want", "plan", "hope", "expect", "intend", "aim", "seek", "try", "wish", "prepare"}
    | {"promise", "need", "like", "love", "prefer", "decide", "refuse", "decline", "fail"}
    | {"likely", "unlikely", "able", "unable", "ready", "eager", "set", "due", "yet"}
    | {"blessing", "permission", "chance", "opportunity", "right", "bid", "effort", "attempt"}
)


def untold(verb: Token, subj: Token | None) -> bool:
    """Whether a cue verb reports words no one said: negated ("did not assert that …"; not a
    "not" the parser hung on it from a quotation: '“Absolutely not,” O'Connor said'), with a
    subject that names no one and nothing ("nothing … indicated that …", "no one said"), or
    only wanted, planned or expected (:func:`hypothetical`)."""
    doc = verb.doc
    negated = any(
        c.dep_ == "neg" and not any(t.text in ALL_QUOTES for t in doc[c.i : verb.i])
        for c in verb.children
    )
    nothing = (
        subj is not None
        and subj.head.i == verb.i
        and (
            subj.lower_ in NOBODY
            or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)
        )
    )
    return negated or nothing or hypothetical(verb)


def unasserted(attributions: list[Attribution], text: str) -> list[Attribution]:
    """The reports whose words nobody asserts: what a source did not say ("did not assert
    that the files showed …", "would not predict whether …") and what is asked or weighed
    ("asked whether the pier was sold", "did not know whether …")."""
    return [
        a
        for a in attributions
        if a.unsaid
        or yes_no_question(a, text)  # "asked if …" (after "said", "if" opens a condition)
        or _WHETHER.match(text, a.content_start)
    ]


_WHETHER = re.compile(r"whether\b", re.IGNORECASE)


def told_by_none(pred: Token, reports: list[Attribution]) -> bool:
    """Whether ``pred`` hangs under the cue verb of one of ``reports`` (see
    :func:`unasserted`) as its words: not as a clause joined to it ("would not comment … but
    confirmed that …", "have not revealed how …, although …"), nor as one the parser put in
    its content span by mistake."""
    for att in reports:
        if not att.covers(pred.idx, pred.idx) or att.verb < 0:
            continue
        tok = pred
        for _ in range(MAX_DEPTH):
            if tok.head.i == tok.i:
                break
            if tok.head.i == att.verb:
                if tok.dep_ not in _JOINED:
                    return True
                break
            tok = tok.head
    return False


_JOINED = frozenset({"conj", "advcl", "parataxis", "cc", "npadvmod"})


def yes_no_question(att: Attribution, text: str) -> bool:
    """ "asked whether …", "asked if …": its asker is no source of what it asks about."""
    first = text[att.content_start : att.content_start + 8].split()[:1]
    return att.cue in QUESTION_CUES and first in (["whether"], ["if"])
