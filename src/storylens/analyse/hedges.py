"""Hedges: attributions with no source ("reportedly", "is believed to", "appears to")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_children, doc_column, doc_lemmas
from storylens.analyse.cues import HEDGE_MODALS, HEDGE_PASSIVES, HEDGE_RAISING, HEDGE_WORDS
from storylens.analyse.phrases import agent_of, has_said, is_passive, span_of
from storylens.analyse.quotemarks import without_quotations

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_HEDGE_LEMMAS = HEDGE_PASSIVES | HEDGE_RAISING
# verbs whose clause is wished for, not held true: "I hope Microsoft produces a full patch"
# states no patch, so the clause is hedged (its source is still the one who hopes)
WISHES = frozenset({"hope", "wish"})


def wished(pred: Token, chain: Sequence[Attribution]) -> bool:
    """Whether the claim of ``pred`` is only wished for: a wish verb reports it (``chain``),
    or governs it where no attribution was read ("“… so I hope Microsoft produces a full
    patch,” she said")."""
    return any(a.cue in WISHES for a in chain) or (
        pred.dep_ == "ccomp" and pred.head.lemma_ in WISHES and pred.head.i < pred.i
    )


_CUE_DEPS = frozenset({"aux", "auxpass", "neg"})
_LEADING = frozenset({"cc", "advmod", "prep", "advcl", "npadvmod", "mark", "punct", "intj"})


def hedges(sent: Span, sent_index: int) -> list[Attribution]:
    out: list[Attribution] = []
    doc = sent.doc
    lower, lemmas = doc_column(doc, "lower_"), doc_lemmas(doc)
    for i in range(sent.start, sent.end):
        if lower[i] not in HEDGE_WORDS and lemmas[i] not in _HEDGE_LEMMAS | {"look"}:
            continue  # neither a hedge word nor a hedging verb
        tok = doc[i]
        lemma = tok.lemma_.lower()
        hedge = tok.lower_ in HEDGE_WORDS
        if not hedge and lemma in HEDGE_PASSIVES and is_passive(tok) and agent_of(tok) is None:
            # "is said to have", "it is said that"; not "He's said the allegations are
            # false", which has said it (:func:`.phrases.has_said`)
            kids = list(tok.children)
            hedge = any(
                c.dep_ == "xcomp" or c.dep_ == "expl" or c.lower_ == "it" for c in kids
            ) or (any(c.dep_ == "ccomp" for c in kids) and has_said(tok) is None)
        if not hedge and lemma in HEDGE_RAISING and any(c.dep_ == "xcomp" for c in tok.children):
            hedge = True
        aside = lemma in HEDGE_RAISING and tok.dep_ == "parataxis"  # "Somebody, it seems, forgot"
        if not hedge and _it_seems(tok, aside):
            hedge = True
        if not hedge:
            continue
        verbal = tok.lower_ not in HEDGE_WORDS
        scope = tok.head if tok.dep_ == "advmod" or aside else tok
        toks = (
            _verb_scope(tok)
            if verbal and not aside
            else [t for t in scope.subtree if t.i != tok.i and t not in tok.subtree]
        )
        if not toks:
            continue
        cue = _verb_cue(tok) if verbal else [tok]
        cstart, cend = span_of(toks)
        out.append(
            Attribution(
                cue=tok.lower_ if tok.lower_ in HEDGE_WORDS else lemma,
                cue_start=cue[0].idx,
                cue_end=cue[-1].idx + len(cue[-1].text),
                content_start=cstart,
                content_end=cend,
                kind="hedge",
                sentence=sent_index,
                cue_tokens=[tok.i, *(t.i for t in cue if t.i != tok.i)],
                verb=tok.i if verbal else -1,
            )
        )
    return out


def _it_seems(verb: Token, aside: bool) -> bool:
    """ "It seems that …", "it appears the ferry …", "It looks like …", "it appears as if
    …", "Somebody, it seems, forgot …": the verb hedges a clause, with "it" as no one's
    words."""
    if verb.lemma_.lower() not in HEDGE_RAISING | {"look"} or not any(
        c.lower_ == "it" and c.dep_ in {"nsubj", "expl"} for c in verb.children
    ):
        return False
    if aside:
        return True
    if any(_as_if(c) for c in verb.children):
        return True  # "It looks like …", "it appears as if the man slipped"
    return verb.lemma_.lower() != "look" and any(c.dep_ == "ccomp" for c in verb.children)


def _as_if(clause: Token) -> bool:
    """Whether a clause under "it seems", "it appears" or "it looks" opens on "like", "as if"
    or "as though": the clause the verb hedges."""
    return clause.dep_ == "advcl" and any(
        g.dep_ == "mark" and g.lower_ in {"like", "if", "though"} for g in clause.children
    )


def _verb_cue(verb: Token) -> list[Token]:
    """A hedging verb with its auxiliaries, negation and the adverbs between them ("may
    seem", "did not appear", "is widely expected")."""
    doc = verb.doc
    deps, children = doc_column(doc, "dep_"), doc_children(doc)
    kids = [k for k in children[verb.i] if k < verb.i and deps[k] in _CUE_DEPS]
    if not kids:
        return [verb]
    first = min(kids)
    run = range(first, verb.i + 1)
    if any(doc[k].head.i != verb.i or deps[k] not in _CUE_DEPS | {"advmod"} for k in run[:-1]):
        return [verb]
    return [doc[k] for k in run]


def _verb_scope(verb: Token) -> list[Token]:
    """What a hedging verb qualifies: the clause it heads from its subject on ("Clinton
    seems to have found ..."), or the clause after "it is said that"."""
    doc = verb.doc
    deps, children = doc_column(doc, "dep_"), doc_children(doc)
    kids = children[verb.i]
    if any(deps[k] == "expl" or doc[k].lower_ == "it" for k in kids):
        clause = next(
            (k for k in kids if k > verb.i and (deps[k] == "ccomp" or _as_if(doc[k]))), None
        )
        if clause is not None:
            return sorted(doc[clause].subtree, key=lambda t: t.i)
    toks = sorted(verb.subtree, key=lambda t: t.i)
    subj = next((k for k in kids if deps[k] in {"nsubj", "nsubjpass"}), None)
    start = doc[subj].left_edge.i if subj is not None else verb.i
    lead = [k for k in kids if k < start and deps[k] in _LEADING]
    drop = {t.i for k in lead for t in doc[k].subtree}
    return [t for t in toks if t.i not in drop and t.i >= min(start, verb.i)]


def likely(pred: Token) -> bool:
    """Whether a word of likelihood qualifies a predicate: "will most likely not miss out",
    "is unlikely to satisfy", "probably died instantly", "it is likely that he will get",
    "may have had", "might announce", "could have been"."""
    tok = pred
    clause = False  # climbed from a "that" clause: "it is possible that …"
    if _asked(pred):
        return False
    for _ in range(3):
        kids = list(tok.children)
        if tok.lower_ in HEDGE_MODALS or any(
            (k.dep_ in {"advmod", "acomp"} and k.lower_ in HEDGE_MODALS | _MAYBE_WORDS)
            or (k.dep_ == "aux" and k.lower_ in _MAYBE)
            or (clause and k.dep_ == "acomp" and k.lower_ in _POSSIBLE)
            for k in kids
        ):
            return True
        auxes = [k.lower_ for k in kids if k.dep_ == "aux"]
        if "could" in auxes and "have" in auxes:
            return True  # "could have been": a guess at what was, not what could be done
        if tok.dep_ not in {"xcomp", "ccomp"} or tok.head.i == tok.i:
            return False
        clause = tok.dep_ == "ccomp"
        tok = tok.head
    return False


def _asked(pred: Token) -> bool:
    """Whether ``pred`` heads the question a verb of asking reports ("asks what Trump may have
    known", "asked whether he might run"): its "may" is the question's, not a guess."""
    return (
        pred.dep_ == "ccomp"
        and pred.head.lemma_.lower() in _ASKING
        and any(
            c.tag_ in {"WDT", "WP", "WP$", "WRB"} or c.lower_ in {"whether", "if"}
            for c in pred.subtree
            if c.i < pred.i
        )
    )


_ASKING = frozenset({"ask", "question", "wonder", "inquire", "enquire", "query", "probe"})
_MAYBE = frozenset({"may", "might"})  # modals of possibility ("can" and "could" say ability)
# adverbs of possibility: "could potentially affect" is a guess, "could affect" may be a fact
_MAYBE_WORDS = frozenset({"potentially", "conceivably"})
# "it is possible that …" hedges the clause; "it is possible to cross by ferry" says a fact
_POSSIBLE = frozenset({"possible", "probable", "conceivable", "plausible"})


# a hedge in a sentence's words: "reportedly", "appears to", "is believed to"
_HEDGE_TEXT = re.compile(
    rf"\b(?:{'|'.join(sorted(HEDGE_WORDS))}|(?:appear|appears|appeared|seem|seems|seemed) to|"
    r"it (?:seems|seemed|appears|appeared|looks like|looked like)|"
    r"(?:is|are|was|were) (?:widely )?(?:believed|said|thought|understood|rumou?red|"
    r"expected|alleged|reported) to)\b",
    re.IGNORECASE,
)


def hedged_words(text: str) -> bool:
    """Whether a sentence the parse read no claim in hedges itself in its own words, outside
    any quotation ("The actress reportedly headed to a Malibu treatment facility",
    "Warner Brothers appears to be confident")."""
    return _HEDGE_TEXT.search(without_quotations(text)) is not None
