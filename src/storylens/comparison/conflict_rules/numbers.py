"""Numbers: two claims count the same thing differently ("six-day" vs "eight days", 40 vs
60 percent), unless one article states both values and so explains the gap itself (a
``reconciled`` note)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from storylens.comparison.conflict_args import (
    ORDINAL,
    ClaimView,
    claim_quantities,
    number,
    predicate_class,
    quantities,
    roles_compatible,
    same_measure,
    same_number,
)
from storylens.comparison.conflict_rules import Findings, difference, rule
from storylens.types import Argument, Claim

_ORDINAL = re.compile(rf"^{ORDINAL}$", re.IGNORECASE)
_RELATIVE_AMOUNT = re.compile(r"\b(?:more|another|additional|other|further|extra)\s*$", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOSING = re.compile(
    r"\b(?:clos(?:ed|ing|es?)|ended|finished)\s+(?:down|up|at|higher|lower)\b", re.I
)
# part of a name or a reading, not an amount: "AK-47", ".357 caliber", "3:30 a.m.", "88-72",
# "1/2"
_NOT_AN_AMOUNT_BEFORE = re.compile(r"(?:[A-Za-z]\s?-\s?|[.:/]\s?|\d\s?-\s?)$")
_FRACTION_AFTER = re.compile(r"\s?/\s?\d|\s\d+\s?/\s?\d")  # "4 1/2 months": no "4", no "2"
_SCORE_AFTER = re.compile(r"\s?[-:]\s?\d")
# the same amount in another unit or currency: "110 billion ($143 billion)", "60 m (200 ft)"
_CONVERSION = re.compile(r"\d[^()\n]{0,25}\(\s*$")
# a number whose next character was lost or is a fraction: "4\ufffd months", "4½ months"
_BROKEN_AFTER = re.compile("[\ufffd½¼¾⅓⅔⅛]")
# time elapsed when the article was written: "after eight days of riots", "a week into"
# what is still to come: "will miss", "is expected to", "is set to", "is going to"
_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|(?:is|are|was|were)\s+(?:expected|set|scheduled|due|going)\s+to)"
    r"\b",
    re.IGNORECASE,
)
_ELAPSED_BEFORE = re.compile(r"\b(?:after|following)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ELAPSED = re.compile(r"\b(?:days?|weeks?|months?|nights?|hours?|years?)\s+(?:of|into)\b", re.I)
# one side of a share: "28 of 41 passes", "10 of the team's first 17 points" count two things
_NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_OWNER = r"(?:the\s+|his\s+|her\s+|their\s+|its\s+)?"
_SHARE_AFTER = re.compile(rf"\s+of\s+{_OWNER}(?:\w+\W+){{0,3}}?{_NUMBER}\b", re.I)
_SHARE_BEFORE = re.compile(rf"\b{_NUMBER}\s+of\s+{_OWNER}(?:\S+\s+){{0,4}}$", re.I)


@rule("numbers", order=10)
def numbers(a: ClaimView, b: ClaimView, found: Findings) -> Iterator[dict[str, Any]]:
    if not roles_compatible(a.claim, b.claim):
        return
    pa, pb = predicate_class(a.claim.predicate), predicate_class(b.claim.predicate)
    if pa and pb and pa != pb:  # "5 were killed" vs "20 were injured"
        return
    if _years(a.claim.text) != _years(b.claim.text) and not (
        _years(a.claim.text) and _years(b.claim.text)
    ):
        return  # "in 2008 he stopped him in the 11th round": another time, another count
    if _scoped(a) != _scoped(b):
        return  # "a total of 14 rifles" / "six rifles were seized": the whole and a part
    if bool(_FUTURE.search(a.sentence or a.claim.text)) != bool(
        _FUTURE.search(b.sentence or b.claim.text)
    ):
        return  # "will miss the final two games" / "missed four games": another occasion
    if bool(_CLOSING.search(a.claim.text)) != bool(_CLOSING.search(b.claim.text)):
        return  # "stocks closed down 3.9 percent" / "stocks plunged 5.4 per cent": a day's
        # close and a fall at some hour are two figures
    qa, qb = claim_quantities(a.claim), claim_quantities(b.claim)
    found_here = []
    counted = 0  # units both claims count
    for unit in sorted(set(qa) & set(qb)):
        xs = [x for x in qa[unit] if _amount(a.claim, x) and not _where(a.claim, x, len(qa))]
        ys = [y for y in qb[unit] if _amount(b.claim, y) and not _where(b.claim, y, len(qb))]
        if not xs or not ys:
            continue
        counted += 1
        if any(same_number(x, y) or _within(a.claim, x, b.claim, y) for x in xs for y in ys):
            continue
        pairs = [(x, y) for x in xs for y in ys if same_measure(a.claim, x, b.claim, y)]
        if _reconciled(a, b, unit, xs, ys, found) or not pairs:
            continue
        x, y = pairs[0]
        found_here.append(difference("quantity", a, x, b, y, unit=unit))
    if counted > 1 and len(found_here) == counted and not _anchored(a.claim, b.claim):
        return  # "25 points and 16 rebounds" / "22 points and nine rebounds": another game
    yield from found_here


# a number, a day or a month (capitalised: the modal "may" and the verb "march" are no dates)
_ANCHOR = re.compile(
    r"\b(?:\d+|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b"
)


def _anchored(a: Claim, b: Claim) -> bool:
    """Whether two claims that differ in every count they both give still share something
    that fixes them to one occasion: a day, a month or another number ("36-year-old")."""
    counts = {
        m.group().casefold() for c in (a, b) for q in c.quantities for m in _ANCHOR.finditer(q.text)
    }
    shared = {m.group().casefold() for m in _ANCHOR.finditer(a.text)} & {
        m.group().casefold() for m in _ANCHOR.finditer(b.text)
    }
    return bool(shared - counts)


def _reconciled(
    a: ClaimView, b: ClaimView, unit: str, xs: list[Argument], ys: list[Argument], found: Findings
) -> bool:
    """One side's sentence states the other side's value too: the gap is explained."""
    for view, own, other in ((a, xs, ys), (b, ys, xs)):
        same_unit = quantities(view.sentence_quantities).get(unit, [])
        if any(same_number(q, o) for q in same_unit for o in other):
            note = {
                "kind": "reconciled",
                "argument": "quantity",
                "unit": unit,
                "claim": view.claim.id,
                "article": view.claim.article,
                "outlet": view.outlet,
                "values": sorted({n for q in [*own, *other] if (n := number(q.value)) is not None}),
                "text": view.sentence,
            }
            if note not in found.notes:
                found.notes.append(note)
            return True
    return False


# a count limited to a span or summed over several ("a total of", "so far", "since October")
_SCOPE = re.compile(
    r"\b(?:a total of|in total|totall?ing|in all|altogether|so far|to date|since|cumulative)\b",
    re.IGNORECASE,
)
# a sentence that opens on a stretch of the event: "During the deciding run, …", "In the
# second half, …", "So far this season, …"
_OPENING_SCOPE = re.compile(
    r"^\W*(?:during|so far|this season|last season|in the (?:first|second|third|fourth|final|"
    r"last|past)|over the (?:past|last))\b[^,]{0,60},",
    re.IGNORECASE,
)


def _scoped(view: ClaimView) -> bool:
    """Whether a claim's numbers count only part of something: a total or since-date count
    in the claim, or a sentence that opens on a stretch of the event."""
    return bool(_SCOPE.search(view.claim.text) or _OPENING_SCOPE.search(view.sentence))


_LOWER = re.compile(
    r"\b(?:more than|over|at least|upwards of|in excess of|above|exceeding)\s+$", re.I
)
_UPPER = re.compile(
    r"\b(?:less than|fewer than|under|up to|at most|below|nearly|almost|close to|just under)\s+$",
    re.I,
)
_ABOUT = re.compile(
    r"\b(?:about|around|roughly|approximately|some|an estimated|estimated)\s+$", re.I
)
APPROXIMATE = 0.15  # "about 60" and "65" are one count


def _bound(claim: Claim, quantity: Argument) -> str:
    lead = claim.text[max(0, quantity.start - claim.start - 30) : quantity.start - claim.start]
    lead = re.sub(r"[$€£¥]\s*$", "", lead)
    for name, pattern in (("lower", _LOWER), ("upper", _UPPER), ("about", _ABOUT)):
        if pattern.search(lead):
            return name
    return ""


def _within(a: Claim, x: Argument, b: Claim, y: Argument) -> bool:
    """Whether one number is a bound or an estimate the other one meets: "more than 75
    percent" and "close to 90 percent" say the same; "about 60" and "64" too."""
    nx, ny = number(x.value), number(y.value)
    if nx is None or ny is None:
        return False
    for bound, n, other in ((_bound(a, x), nx, ny), (_bound(b, y), ny, nx)):
        if (
            (bound == "lower" and other >= n)
            or (bound == "upper" and other <= n)
            or (bound == "about" and abs(other - n) <= APPROXIMATE * max(abs(n), abs(other)))
        ):
            return True
    return False


_IN_PLACES = re.compile(r"\b(?:in|across|at)\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)


def _where(claim: Claim, quantity: Argument, units: int) -> bool:
    """A count of the places another amount of the claim is measured over ("40 percent of
    the buildings in seven villages"): the claim's scope, which two reports draw
    differently, not what it states."""
    lead = claim.text[: max(0, quantity.start - claim.start)]
    return units > 1 and bool(_IN_PLACES.search(lead))


def _years(text: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(text))


def _amount(claim: Claim, quantity: Argument) -> bool:
    """Whether a number states an amount that can contradict another: not an ordinal (the
    "sixth round" and the "11th round" are different rounds), not a relative amount ("two
    more times"), not one side of a share ("28 of 41 passes": completions and attempts), not
    a conversion of the amount before it, not a number whose next character was lost, and not
    the time elapsed when the article was written ("after eight days of riots")."""
    first = quantity.text.split()[0] if quantity.text.split() else ""
    if _ORDINAL.match(first.strip(",.")):
        return False
    lead = claim.text[: max(0, quantity.start - claim.start)]
    after = claim.text[max(0, quantity.end - claim.start) :]
    inside = re.search(r"\b(?:more|another|additional|extra)\b", quantity.text, re.I)
    relative = _RELATIVE_AMOUNT.search(lead) or re.match(r"\s*(?:more|other)\b", after, re.I)
    share = _SHARE_AFTER.match(after) or _SHARE_BEFORE.search(lead)
    return not (
        _CONVERSION.search(lead)
        or _BROKEN_AFTER.match(after)
        or (_ELAPSED_BEFORE.search(lead) and _ELAPSED.search(quantity.text + after[:12]))
        or inside
        or relative
        or share
        or _NOT_AN_AMOUNT_BEFORE.search(lead)
        or _SCORE_AFTER.match(after)
        or _FRACTION_AFTER.match(after)
    )
