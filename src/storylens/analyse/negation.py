"""Negation of a claim, read from its whole clause.

A claim is negated when its predicate, an auxiliary of it or one of its arguments carries a
negator ("did not leave", "no agreement was signed"), when a negative cue covers it ("denied
that ..."), and not when the negation is emphatic ("couldn't agree more") or affirms ("had
no doubt that ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_children, doc_column
from storylens.analyse.cues import NOBODY
from storylens.analyse.quotemarks import without_quotations

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_NEGATORS = frozenset({"no", "not", "n't", "never", "none", "neither", "nor", "nothing"})


def negated(pred: Token, roles: dict[str, Token], negative: list[Attribution], start: int) -> bool:
    """Whether the claim is negated; ``negative`` are the doc's negative-cue attributions."""
    doc = pred.doc
    children, deps, lower = doc_children(doc), doc_column(doc, "dep_"), doc_column(doc, "lower_")
    if _emphatic(pred, children[pred.i], deps, lower):
        return False
    if any(
        deps[c] == "neg" and not _not_guilty(doc, c) and not whether_or_not(doc, c)
        for c in children[pred.i]
    ):
        return True
    for aux in (c for c in children[pred.i] if deps[c] in {"aux", "auxpass"}):
        if any(deps[g] == "neg" for g in children[aux]):
            return True
    if _neither_nor(pred, children, deps, lower):
        return True
    for c in children[pred.i]:  # "is no longer sustainable"
        if lower[c] == "longer" and any(lower[g] == "no" for g in children[c]):
            return True
    for tok in roles.values():
        if lower[tok.i] in NOBODY and not any(lower[c] in _ONLY for c in children[tok.i]):
            return True  # "None of them were in the United States", "offered nothing"
        if lower[tok.i] in _AFFIRMING_NOUNS or _no_gerund(doc, tok.i, children, deps):
            continue  # "had no doubt that …", "there is no question": a yes
        if tok.i + 1 < len(doc) and lower[tok.i + 1] == "but":
            continue  # "has no choice but to implement the cuts": he will, a yes
        if lower[tok.i] == "guilty" and pred.lemma_ in _PLEAS:
            continue  # "pleaded not guilty", "was found not guilty": a plea, a verdict
        if any(
            (lower[c] in _NEGATORS and deps[c] in {"det", "neg"})
            or (lower[c] == "neither" and deps[c] == "preconj")  # not "not only … but"
            for c in children[tok.i]
        ):
            return True  # "no agreement was signed", "Neither Moscow nor Pyongyang confirmed"
    for c in children[pred.i]:
        if (
            deps[c] == "attr"
            and lower[c] not in _AFFIRMING_NOUNS
            and not _no_gerund(doc, c, children, deps)
            and any(lower[g] == "no" for g in children[c])
        ):
            return True
    return any(a.covers(start, start + 1) for a in negative)


def _no_gerund(doc: Doc, i: int, children: Sequence[Sequence[int]], deps: Sequence[str]) -> bool:
    """Whether token ``i`` is the verb of "there is no denying that …", "no escaping this
    one", "no stopping them": a gerund with its own object says it is so, no denial ("there
    is no parking" has none and stays one)."""
    return doc[i].tag_ == "VBG" and any(deps[c] in {"dobj", "ccomp"} for c in children[i])


def _neither_nor(
    pred: Token, children: Sequence[Sequence[int]], deps: Sequence[str], lower: Sequence[str]
) -> bool:
    """Whether the predicate is one of a "neither … nor" pair ("neither confirmed nor denied
    the report": both are denied), or follows "nor" ("Nor is Windows Server 2012", "…, nor
    did he write"): the "nor" hangs on the predicate before it, or on this one when it opens
    the sentence."""
    i = pred.i
    if any(deps[c] == "preconj" and lower[c] == "neither" for c in children[i]):
        return True
    if any(deps[c] == "cc" and lower[c] == "nor" and c < i for c in children[i]):
        return True
    head = pred.head.i
    return (
        deps[i] == "conj"
        and head != i
        and any(deps[c] == "cc" and lower[c] == "nor" and head < c < i for c in children[head])
    )


def clause_negated(head: Token) -> bool:
    """Whether a clause part's own predicate is denied: a "not" on it or on its auxiliary,
    or a "neither … nor" pair (see :func:`_neither_nor`)."""
    doc = head.doc
    children, deps, lower = doc_children(doc), doc_column(doc, "dep_"), doc_column(doc, "lower_")
    own = children[head.i]
    return (
        any(deps[c] == "neg" for c in own)
        or any(deps[g] == "neg" for c in own if deps[c] in {"aux", "auxpass"} for g in children[c])
        or _neither_nor(head, children, deps, lower)
    )


def raised_negation(start: int, end: int, atts: Sequence[Attribution], doc: Doc) -> bool:
    """Whether a negated verb of belief or seeming hedges the claim ("The emirate is not
    believed to have had such a tremor", "does not appear to be linked", "is not expected to
    attend"): the denial is of what follows, as "is believed not to have had"."""
    deps = doc_column(doc, "dep_")
    return any(
        a.kind == "hedge"
        and a.verb >= 0
        and a.covers(start, end)
        and any(deps[i] == "neg" for i in a.cue_tokens)
        for a in atts
    )


def whether_or_not(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is the "not" of "whether or not it will be possible": both
    answers left open, no denial."""
    return i >= 2 and doc[i - 1].lower_ == "or" and doc[i - 2].lower_ == "whether"


def _not_guilty(doc: Doc, i: int) -> bool:
    """ "pleaded not guilty", "found not guilty": a plea or a verdict, no denial of the act."""
    return i + 1 < len(doc) and doc[i + 1].lower_ == "guilty" and doc[i].head.lemma_ in _PLEAS


_PLEAS = frozenset({"plead", "find", "declare", "enter", "rule", "adjudge"})


# "no doubt", "it's no secret that …", "no surprise": a yes
_AFFIRMING_NOUNS = frozenset({"doubt", "doubts", "question", "secret", "surprise", "coincidence"})
_ONLY = frozenset({"but", "less", "short", "more"})  # "wore nothing but a hat": a yes
_EMPHATIC_MODALS = frozenset({"could", "can", "ca"})  # spaCy splits "can't" into "ca" "n't"


def _emphatic(pred: Token, kids: Sequence[int], deps: Sequence[str], lower: Sequence[str]) -> bool:
    """ "Couldn't agree more", "can't thank them enough", "could not be happier", "can't
    wait to": a negated modal with a comparative (or an eager wait) says yes, emphatically."""
    doc = pred.doc
    if not any(lower[c] in _EMPHATIC_MODALS and deps[c] == "aux" for c in kids):
        return False
    if pred.lemma_ == "wait" and any(deps[c] == "xcomp" for c in kids):
        return True  # "can't wait to see it": eager ("couldn't wait for the bus" may be literal)
    if pred.lemma_ == "help" and pred.i + 1 < len(doc) and lower[pred.i + 1] == "but":
        return True  # "can't help but affect you": it does
    return any(
        (lower[c] in {"more", "enough"} and deps[c] in {"advmod", "dobj"})
        or (deps[c] == "acomp" and doc[c].tag_ == "JJR")
        for c in kids
        if c > pred.i
    )


# "did not respond", "would not say", "hasn't", "There was no …", "never": a negation of the
# verb of the clause it opens; not one of an infinitive ("warned Trump not to levy …"), a
# plea ("pleaded not guilty"), a denial ("did not deny": a yes) or an emphasis ("couldn't ask
# for anything more")
_DENIED_TEXT = re.compile(
    r"^\W*(?:nor|neither)\s|"  # "Nor is Windows Server 2012", "Neither side would comment"
    r"\b(?:(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could|should|must)\s+"
    r"not|(?:do|does|did|is|are|was|were|has|have|had|wo|would|ca|could|should|must)n['’]t|"
    r"cannot|never|there\s+(?:is|was|are|were)\s+no)\b"
    r"(?!\s+(?:to|guilty|deny|denied|dispute|disputed)\b)(?!(?:\s+\w+){0,4}\s+more\b)",
    re.IGNORECASE,
)
# a word that opens a clause inside the sentence: a negation after it is that clause's
_SUBORDINATE = re.compile(
    r"\b(?:that|whether|if|unless|when|while|who|whom|which|whose|because|as|although|"
    r"though|after|before|since|until|where|so)\b",
    re.IGNORECASE,
)


def denied_words(text: str) -> bool:
    """Whether a sentence the parse read no claim in denies in its own words, outside any
    quotation and before any clause it opens ("A spokesman did not respond to a request for
    comment", "Ketsoyan would not say what …"; not "The assurance that Trump was not being
    investigated weighed on him", "if they do not agree")."""
    text = without_quotations(text)
    found = _DENIED_TEXT.search(text)
    return found is not None and not _SUBORDINATE.search(text, 0, found.start())
