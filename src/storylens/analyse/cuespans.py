"""Cue spans: the words of a verb cue ("has not yet said", "went on to say", "called for")."""

from __future__ import annotations

from spacy.tokens import Token

from storylens.analyse.columns import doc_children, doc_column
from storylens.analyse.cues import CUE_PREPOSITIONS, CUE_PREPOSITIONS_BY_LEMMA, RELAYS
from storylens.analyse.phrases import noun_phrase

_TIME_LABELS = frozenset({"DATE", "TIME"})
_PLAIN_SAYING = frozenset({"say", "write", "state"})


def governed_prep(verb: Token) -> Token | None:
    """The preposition a cue governs ("called for", "said of", "referred to"), if any."""
    doc = verb.doc
    k = verb.i + 1
    deps = doc_column(doc, "dep_")
    while k < len(doc) and deps[k] == "prt" and doc[k].head.i == verb.i:
        k += 1
    if k >= len(doc):
        return None
    low = doc[k].lower_
    allowed = CUE_PREPOSITIONS_BY_LEMMA.get(verb.lemma_.lower(), frozenset())
    if deps[k] == "mark" and low == "for" and low in allowed:
        return doc[k]  # "called for the United States to act": "for" marks the clause
    if deps[k] != "prep" or doc[k].head.i != verb.i:
        return None
    if low in CUE_PREPOSITIONS or low in allowed:
        return doc[k]
    return None


def cue_span(verb: Token, cue_toks: list[Token]) -> tuple[int, int]:
    """The cue's char span: the verb with its auxiliaries, negation, adverbs, particle and
    governed preposition, without a time or setting after it ("said", not "said Thursday")."""
    core = [t for t in cue_toks if t.i <= verb.i or t.dep_ == "prt"]
    prep = governed_prep(verb)
    if prep is not None and not (verb.lemma_ in _PLAIN_SAYING and prep.lower_ in {"of", "about"}):
        core.append(prep)  # "called for", "referred to"; but "said" of someone stays "said"
    core.extend(_matrix_verb(verb))
    return min(t.idx for t in core), max(t.idx + len(t.text) for t in core)


_MATRIX_GAP = frozenset({"aux", "prt", "advmod", "neg"})


def _matrix_verb(verb: Token) -> list[Token]:
    """The verb a cue completes ("went on to say", "declined to comment", "continued to
    defend"), with its auxiliaries and adverbs, when nothing else stands between them."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i >= verb.i or head.pos_ not in {"VERB", "AUX"}:
        return []
    doc = verb.doc
    deps = doc_column(doc, "dep_")
    if any(deps[c] in {"nsubj", "nsubjpass"} for c in doc_children(doc)[verb.i]):
        return []
    between = range(head.i + 1, verb.i)
    if any(doc[k].head.i not in {head.i, verb.i} or deps[k] not in _MATRIX_GAP for k in between):
        return []
    out = [head]
    k = head.i - 1
    while k >= 0 and deps[k] in {"aux", "neg", "advmod", "auxpass"} and doc[k].head.i == head.i:
        out.append(doc[k])
        k -= 1
    return out


def cue_tokens(verb: Token, subj: Token) -> list[Token]:
    """The cue: the verb with its negation, auxiliaries and particle, adjacent adverbs
    ("also said", "later said") and a time right after it ("said Thursday", "said on Monday").
    """
    doc = verb.doc
    deps = doc_column(doc, "dep_")
    # the subject before the verb bounds the cue; an agent after it ("was first reported by
    # the Post") does not: the auxiliaries before the verb belong to the cue
    bound = subj.i if subj.i < verb.i else -1
    if bound < 0:
        passive = [c for c in doc_children(doc)[verb.i] if deps[c] in {"nsubjpass", "nsubj"}]
        bound = passive[0] if passive and passive[0] < verb.i else -1
    toks = [verb]
    toks += [
        doc[c]
        for c in doc_children(doc)[verb.i]
        if (deps[c] in {"neg", "aux", "prt"} and c > bound)
        or (deps[c] == "auxpass" and c > bound and subj.i > verb.i)
    ]
    k = verb.i - 1
    while k > bound and deps[k] in {"advmod", "neg", "aux", "auxpass"} and doc[k].head.i == verb.i:
        toks.append(doc[k])
        k -= 1
    k = verb.i + 1
    while k < len(doc) and doc[k].head.i == verb.i:
        tok = doc[k]
        if tok.dep_ == "npadvmod" and tok.ent_type_ in _TIME_LABELS:
            toks.extend(tok.subtree)
        elif tok.dep_ == "prep" and tok.lower_ in {"on", "in"}:
            pobj = next((g for g in tok.children if g.dep_ == "pobj"), None)
            if pobj is None:
                break
            if pobj.ent_type_ not in _TIME_LABELS and pobj.lemma_ not in _CUE_SETTINGS:
                break
            toks.extend([tok, *noun_phrase(pobj)])
        else:
            break
        k = max(t.i for t in toks) + 1
    prep = verb.head
    if deps[verb.i] == "pcomp" and prep.lower_ == "as" and prep.head.lemma_.lower() in RELAYS:
        # "was quoted as saying": the passive verb that relays the words is part of the cue
        relay = prep.head
        toks += [prep, relay, *(doc[c] for c in doc_children(doc)[relay.i] if deps[c] == "auxpass")]
    return sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)


_CUE_SETTINGS = frozenset({"interview", "statement", "speech", "email", "tweet", "conference"})
