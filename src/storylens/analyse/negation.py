"""Negation of a claim, read from its whole clause.

A claim is negated when its predicate, an auxiliary of it or one of its arguments carries a
negator ("did not leave", "no agreement was signed"), when a negative cue covers it ("denied
that ..."), and not when the negation is emphatic ("couldn't agree more") or affirms ("had
no doubt that ...").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_children, doc_column
from storylens.analyse.cues import NOBODY

_NEGATORS = frozenset({"no", "not", "n't", "never", "none", "neither", "nor", "nothing"})


def negated(pred: Token, roles: dict[str, Token], negative: list[Attribution], start: int) -> bool:
    """Whether the claim is negated; ``negative`` are the doc's negative-cue attributions."""
    doc = pred.doc
    children, deps, lower = doc_children(doc), doc_column(doc, "dep_"), doc_column(doc, "lower_")
    if _emphatic(pred, children[pred.i], deps, lower):
        return False
    if any(deps[c] == "neg" and not _not_guilty(doc, c) for c in children[pred.i]):
        return True
    for aux in (c for c in children[pred.i] if deps[c] in {"aux", "auxpass"}):
        if any(deps[g] == "neg" for g in children[aux]):
            return True
    for c in children[pred.i]:  # "is no longer sustainable"
        if lower[c] == "longer" and any(lower[g] == "no" for g in children[c]):
            return True
    for tok in roles.values():
        if lower[tok.i] in NOBODY and not any(lower[c] in _ONLY for c in children[tok.i]):
            return True  # "None of them were in the United States", "offered nothing"
        if lower[tok.i] in _AFFIRMING_NOUNS:
            continue  # "had no doubt that …", "there is no question": a yes
        if lower[tok.i] == "guilty" and pred.lemma_ in _PLEAS:
            continue  # "pleaded not guilty", "was found not guilty": a plea, a verdict
        if any(lower[c] in _NEGATORS and deps[c] in {"det", "neg"} for c in children[tok.i]):
            return True
    for c in children[pred.i]:
        if deps[c] == "attr" and any(lower[g] == "no" for g in children[c]):
            return True
    return any(a.covers(start, start + 1) for a in negative)


def _not_guilty(doc: Doc, i: int) -> bool:
    """ "pleaded not guilty", "found not guilty": a plea or a verdict, no denial of the act."""
    return i + 1 < len(doc) and doc[i + 1].lower_ == "guilty" and doc[i].head.lemma_ in _PLEAS


_PLEAS = frozenset({"plead", "find", "declare", "enter", "rule", "adjudge"})


_AFFIRMING_NOUNS = frozenset({"doubt", "doubts", "question"})  # "no doubt" says yes
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
    return any(
        (lower[c] in {"more", "enough"} and deps[c] in {"advmod", "dobj"})
        or (deps[c] == "acomp" and doc[c].tag_ == "JJR")
        for c in kids
        if c > pred.i
    )
