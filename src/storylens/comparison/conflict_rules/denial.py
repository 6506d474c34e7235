"""Denial: one claim asserts what the other denies (same predicate, same participants)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from storylens.comparison.conflict_args import ClaimView, roles_compatible
from storylens.comparison.conflict_rules import Findings, rule, side
from storylens.words import MODALS


@rule("denial", order=40, strict=True)
def denial(a: ClaimView, b: ClaimView, found: Findings) -> Iterator[dict[str, Any]]:
    ca, cb = a.claim, b.claim
    if ca.negated == cb.negated or ca.hedged or cb.hedged:
        return
    if not ca.predicate or ca.predicate.casefold() != cb.predicate.casefold():
        return
    if not roles_compatible(ca, cb, ("agent", "recipient", "theme")):
        return
    if _MODAL.search(ca.text) or _MODAL.search(cb.text):
        return  # "may not be restored" / "should be restored": expectations, not facts
    if _negations(ca.text) == _negations(cb.text):
        return  # the same words of denial read two ways (a parse, not the outlets, differs)
    denied, asserted = (ca, cb) if ca.negated else (cb, ca)
    if _NOT_YET.search(denied.text) or (
        _PERFECT_DENIAL.search(denied.text) and "time" in asserted.arguments
    ):
        return  # "results have not been released" / "were released Wednesday": news of later
    yield {
        "argument": "polarity",
        "rule": "negation",
        "values": [
            side(a, "denied" if ca.negated else "asserted"),
            side(b, "denied" if cb.negated else "asserted"),
        ],
        "claims": [ca.id, cb.id],
    }


# modals of possibility and expectation ("may not be restored"); "will", "can", "must" and
# "shall" assert
_MODAL = re.compile(
    rf"\b(?:{'|'.join(sorted(MODALS - {'will', 'can', 'must', 'shall'}))})\b", re.IGNORECASE
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|none|nobody|nothing|without|deny|denies|denied|denying)\b"
    r"|n\s?[’'`]\s?t\b",
    re.IGNORECASE,
)


# a denial true until some moment: "not yet", "yet to", "still not", "has not been"
_NOT_YET = re.compile(r"\bnot\s+yet\b|\byet\s+to\b|\bstill\s+(?:not|\w+n[’']t|\w+\s+not)\b", re.I)
_PERFECT_DENIAL = re.compile(r"\b(?:has|have)(?:\s+not|n\s?[’']\s?t)\b", re.IGNORECASE)


def _negations(text: str) -> list[str]:
    """The words of denial in ``text``, in order, spelt one way ("didn ’ t" -> "n't")."""
    return [
        "n't" if "n" in m.casefold() and not m.casefold().isalpha() else m.casefold()
        for m in _NEGATION.findall(text)
    ]
