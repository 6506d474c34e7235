"""Givers: two accounts of one transfer name different givers ("gifts from the Putin
government" vs "gifts from a regional governor")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from storylens.comparison.conflict_args import (
    INSTITUTIONAL,
    PRONOUNS,
    ClaimView,
    claim_quantities,
    content_words,
    giver,
    is_transfer,
    phrases_compatible,
    roles_compatible,
    same_number,
)
from storylens.comparison.conflict_rules import Findings, rule, side
from storylens.types import Claim


@rule("givers", order=20)
def givers(a: ClaimView, b: ClaimView, found: Findings) -> Iterator[dict[str, Any]]:
    if not (is_transfer(a.claim) and is_transfer(b.claim)):
        return
    ga, gb = giver(a), giver(b)
    if not ga or not gb or phrases_compatible(ga, gb):
        return
    if _bare_place(a, ga) or _bare_place(b, gb):
        return
    if _may_be_the_other(ga) or _may_be_the_other(gb) or _shortened(ga, gb):
        return  # "the suspect" / "the gunman", "Deep Throat" / "the source": one person
    if _gives_up(a.claim) or _gives_up(b.claim):
        return  # "gave himself up": a surrender, no transfer
    if not roles_compatible(a.claim, b.claim, ("recipient",)) or not _same_things(a, b, ga, gb):
        return  # other receivers, or other gifts: two transfers, not one told two ways
    if _names_other(a.sentence or a.claim.text, gb) or _names_other(b.sentence or b.claim.text, ga):
        return  # "The FBI and ATF offered": one names the other's giver beside its own
    if _numbers_differ(a.claim, b.claim):
        return  # a seven-year offer and an eight-year offer are two offers
    yield {
        "argument": "agent",
        "rule": "giver",
        "values": [side(a, ga), side(b, gb)],
        "claims": [a.claim.id, b.claim.id],
    }


def _same_things(a: ClaimView, b: ClaimView, giver_a: str, giver_b: str) -> bool:
    """Both transfers name the same things given: a word of one claim's theme or quantity,
    other than the people, is in the other claim too ("five kamikaze drones" and "five
    explosive drones"; not "a meeting" and "a vest", nor "them" and "a list of questions")."""
    shared = content_words(a.claim.text) & content_words(b.claim.text)
    people = content_words(giver_a) | content_words(giver_b)
    things: set[str] = set()
    for claim in (a.claim, b.claim):
        for role in ("agent", "recipient"):
            arg = claim.arguments.get(role)
            if arg is not None:
                people |= content_words(arg.text)
        for role in ("theme", "quantity"):
            arg = claim.arguments.get(role)
            if arg is not None:
                things |= content_words(arg.text)
    return bool((shared & things) - people - PRONOUNS)


def _names_other(text: str, giver_name: str) -> bool:
    """Whether ``text`` names ``giver_name`` (by a content word that is not vague)."""
    words = content_words(giver_name) - PRONOUNS - INSTITUTIONAL
    return bool(words) and bool(words & content_words(text))


def _numbers_differ(a: Claim, b: Claim) -> bool:
    """The two claims give different numbers for the same unit."""
    qa, qb = claim_quantities(a), claim_quantities(b)
    return any(
        not any(same_number(x, y) for x in qa[unit] for y in qb[unit]) for unit in set(qa) & set(qb)
    )


def _bare_place(view: ClaimView, text: str) -> bool:
    """The phrase is just a country/city name (which subsumes its officials)."""
    words = content_words(text)
    return bool(words) and any(content_words(p) >= words for p in view.place_names)


def _may_be_the_other(phrase: str) -> bool:
    """A giver named by no name and no indefinite article ("the suspect", "the source",
    "nurses"): it may well be the other account's giver described another way. "A regional
    governor" introduces someone new; "the Putin government" names someone."""
    words = phrase.split()
    if not words or words[0].casefold() in {"a", "an", "another"}:
        return False
    return not any(w[:1].isupper() for w in words[1:] if w.casefold() != "the") and not (
        words[0][:1].isupper() and words[0].casefold() != "the"
    )


def _gives_up(claim: Claim) -> bool:
    """Whether the claim's "give" is "give (oneself) up" / "give in": a surrender."""
    return bool(re.search(r"\bg[ai]ve?n?\s+(?:\w+sel(?:f|ves)\s+)?(?:up|in)\b", claim.text, re.I))


def _shortened(a: str, b: str) -> bool:
    """Whether one giver may be the other's short name: a capitalised word of up to four
    letters that begins a name of the other ("the O's" / "The Orioles")."""
    names_a, names_b = re.findall(r"[A-Z]\w*", a), re.findall(r"[A-Z]\w*", b)
    return any(
        len(short) <= 4 and long != short and long.startswith(short)
        for shorts, longs in ((names_a, names_b), (names_b, names_a))
        for short in shorts
        for long in longs
    )
