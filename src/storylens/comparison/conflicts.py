"""Differences between aligned claims: numbers, dates, agents and polarity.

Detectors are registered under versioned names; ``"conflicts.rules.v1"`` is the
default and needs no model. A detector sees the claims of one aligned group (as
:class:`ClaimView`) and returns the differences it is sure of plus notes such as
``reconciled`` (one article states both values and explains the gap itself).

Precision comes first: a difference is reported only when both claims state the
argument explicitly, their other arguments do not point at different events, and
no article reconciles the two values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from storylens.comparison.conflict_args import (
    INSTITUTIONAL,
    PRONOUNS,
    ClaimView,
    arg_value,
    claim_quantities,
    content_words,
    giver,
    is_transfer,
    number,
    phrases_compatible,
    predicate_class,
    quantities,
    roles_compatible,
    same_measure,
    same_number,
)
from storylens.errors import ConfigError
from storylens.settings import Settings
from storylens.types import Argument, Claim

__all__ = [
    "DEFAULT_DETECTOR",
    "ClaimView",  # kept importable from here; it lives in conflict_args
    "ConflictDetector",
    "Findings",
    "RulesDetector",
    "Similarity",
    "claim_quantities",  # kept importable from here; it lives in conflict_args
    "get_detector",
    "phrases_compatible",  # kept importable from here; it lives in conflict_args
    "register",
    "registered",
]

DEFAULT_DETECTOR = "conflicts.rules.v1"


@dataclass(slots=True)
class Findings:
    differences: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)


Similarity = Callable[[str, str], float]


class ConflictDetector(Protocol):
    name: str

    def detect(self, views: Sequence[ClaimView], similarity: Similarity) -> Findings: ...


_REGISTRY: dict[str, Callable[[Settings], ConflictDetector]] = {}


def register(name: str) -> Callable[[Callable[[Settings], ConflictDetector]], Any]:
    """Register a detector factory under a versioned name."""

    def deco(factory: Callable[[Settings], ConflictDetector]) -> Any:
        _REGISTRY[name] = factory
        return factory

    return deco


def get_detector(name: str, settings: Settings) -> ConflictDetector:
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ConfigError(f"unknown conflict detector {name!r} (known: {known})") from None
    return factory(settings)


def registered() -> list[str]:
    return sorted(_REGISTRY)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth|[a-z]+teenth|[a-z]+tieth)$",
    re.IGNORECASE,
)
_RELATIVE_AMOUNT = re.compile(r"\b(?:more|another|additional|other|further|extra)\s*$", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# part of a name or a reading, not an amount: "AK-47", ".357 caliber", "3:30 a.m.", "88-72"
_NOT_AN_AMOUNT_BEFORE = re.compile(r"(?:[A-Za-z]\s?-\s?|[.:]\s?|\d\s?-\s?)$")
_SCORE_AFTER = re.compile(r"\s?[-:]\s?\d")


def _years(text: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(text))


def _amount(claim: Claim, quantity: Argument) -> bool:
    """Whether a number states an amount that can contradict another: not an ordinal (the
    "sixth round" and the "11th round" are different rounds) and not a relative amount
    ("two more times")."""
    first = quantity.text.split()[0] if quantity.text.split() else ""
    if _ORDINAL.match(first.strip(",.")):
        return False
    lead = claim.text[: max(0, quantity.start - claim.start)]
    after = claim.text[max(0, quantity.end - claim.start) :]
    inside = re.search(r"\b(?:more|another|additional|extra)\b", quantity.text, re.I)
    relative = _RELATIVE_AMOUNT.search(lead) or re.match(r"\s*(?:more|other)\b", after, re.I)
    return not (
        inside or relative or _NOT_AN_AMOUNT_BEFORE.search(lead) or _SCORE_AFTER.match(after)
    )


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


# --- the rule-based detector -----------------------------------------------------------------


@dataclass
class RulesDetector:
    """Hand-written rules over claim arguments; no model download."""

    settings: Settings
    name: str = DEFAULT_DETECTOR
    min_similarity: float = 0.0  # pair similarity floor (defaults to the alignment threshold)
    strict_similarity: float = 0.78  # floor for polarity and date differences

    def __post_init__(self) -> None:
        if not self.min_similarity:
            self.min_similarity = self.settings.align_threshold

    def detect(self, views: Sequence[ClaimView], similarity: Similarity) -> Findings:
        found = Findings()
        seen: set[tuple[Any, ...]] = set()
        for a, b in _pairs(views):
            sim = similarity(a.claim.id, b.claim.id)
            if sim < self.min_similarity:
                continue
            for diff in self._quantity(a, b, found):
                _add(found, diff, seen)
            for diff in self._agent(a, b):
                _add(found, diff, seen)
            if sim >= self.strict_similarity:
                for diff in (*self._time(a, b), *self._polarity(a, b)):
                    _add(found, diff, seen)
        return found

    # numbers ("six-day" vs "eight days", 40 vs 60 percent)
    def _quantity(self, a: ClaimView, b: ClaimView, found: Findings) -> Iterator[dict[str, Any]]:
        if not roles_compatible(a.claim, b.claim):
            return
        pa, pb = predicate_class(a.claim.predicate), predicate_class(b.claim.predicate)
        if pa and pb and pa != pb:  # "5 were killed" vs "20 were injured"
            return
        if _years(a.claim.text) != _years(b.claim.text) and not (
            _years(a.claim.text) and _years(b.claim.text)
        ):
            return  # "in 2008 he stopped him in the 11th round": another time, another count
        qa, qb = claim_quantities(a.claim), claim_quantities(b.claim)
        for unit in sorted(set(qa) & set(qb)):
            xs = [x for x in qa[unit] if _amount(a.claim, x)]
            ys = [y for y in qb[unit] if _amount(b.claim, y)]
            if not xs or not ys:
                continue
            if any(same_number(x, y) for x in xs for y in ys):
                continue
            pairs = [(x, y) for x in xs for y in ys if same_measure(a.claim, x, b.claim, y)]
            if self._reconciled(a, b, unit, xs, ys, found) or not pairs:
                continue
            x, y = pairs[0]
            yield _difference("quantity", a, x, b, y, unit=unit)

    def _reconciled(
        self,
        a: ClaimView,
        b: ClaimView,
        unit: str,
        xs: list[Argument],
        ys: list[Argument],
        found: Findings,
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
                    "values": sorted(
                        {n for q in [*own, *other] if (n := number(q.value)) is not None}
                    ),
                    "text": view.sentence,
                }
                if note not in found.notes:
                    found.notes.append(note)
                return True
        return False

    # who gave it ("gifts from the Putin government" vs "gifts from a regional governor")
    def _agent(self, a: ClaimView, b: ClaimView) -> Iterator[dict[str, Any]]:
        if not (is_transfer(a.claim) and is_transfer(b.claim)):
            return
        ga, gb = giver(a), giver(b)
        if not ga or not gb or phrases_compatible(ga, gb):
            return
        if _bare_place(a, ga) or _bare_place(b, gb):
            return
        if not roles_compatible(a.claim, b.claim, ("recipient",)) or not _same_things(a, b, ga, gb):
            return  # other receivers, or other gifts: two transfers, not one told two ways
        if _names_other(a.claim.text, gb) or _names_other(b.claim.text, ga):
            return  # "The FBI and ATF offered": one names the other's giver beside its own
        if _numbers_differ(a.claim, b.claim):
            return  # a seven-year offer and an eight-year offer are two offers
        yield {
            "argument": "agent",
            "rule": "giver",
            "values": [_side(a, ga), _side(b, gb)],
            "claims": [a.claim.id, b.claim.id],
        }

    # dates ("on 12 May" vs "on 14 May")
    def _time(self, a: ClaimView, b: ClaimView) -> Iterator[dict[str, Any]]:
        ta, tb = arg_value(a.claim, "time"), arg_value(b.claim, "time")
        if ta is None or tb is None or a.claim.predicate.casefold() != b.claim.predicate.casefold():
            return
        if not roles_compatible(a.claim, b.claim, ("agent", "recipient", "theme")):
            return
        va, vb = _time_key(ta), _time_key(tb)
        if va is None or vb is None or va[0] != vb[0] or va[1] == vb[1]:
            return
        yield _difference("time", a, ta, b, tb)

    # assertion vs denial
    def _polarity(self, a: ClaimView, b: ClaimView) -> Iterator[dict[str, Any]]:
        ca, cb = a.claim, b.claim
        if ca.negated == cb.negated or ca.hedged or cb.hedged:
            return
        if not ca.predicate or ca.predicate.casefold() != cb.predicate.casefold():
            return
        if not roles_compatible(ca, cb, ("agent", "recipient", "theme")):
            return
        yield {
            "argument": "polarity",
            "rule": "negation",
            "values": [
                _side(a, "denied" if ca.negated else "asserted"),
                _side(b, "denied" if cb.negated else "asserted"),
            ],
            "claims": [ca.id, cb.id],
        }


def _time_key(arg: Argument) -> tuple[str, str] | None:
    value = arg.value if isinstance(arg.value, str) else None
    if value and _ISO.match(value):
        return ("iso", value[:10])
    words = set(re.findall(r"[a-z]+", arg.text.casefold()))
    days = [d for d in _WEEKDAYS if d in words]
    if len(days) == 1:
        return ("weekday", days[0])
    return None


def _pairs(views: Sequence[ClaimView]) -> Iterator[tuple[ClaimView, ClaimView]]:
    for i, a in enumerate(views):
        for b in views[i + 1 :]:
            if a.unit != b.unit:
                yield a, b


def _side(view: ClaimView, value: Any, text: str | None = None) -> dict[str, Any]:
    return {
        "claim": view.claim.id,
        "article": view.claim.article,
        "outlet": view.outlet,
        "value": value,
        "text": text if text is not None else str(value),
    }


def _difference(
    argument: str, a: ClaimView, x: Argument, b: ClaimView, y: Argument, **extra: Any
) -> dict[str, Any]:
    return {
        "argument": argument,
        **extra,
        "values": [_side(a, x.value, x.text), _side(b, y.value, y.text)],
        "claims": [a.claim.id, b.claim.id],
    }


def _add(found: Findings, diff: dict[str, Any], seen: set[tuple[Any, ...]]) -> None:
    key = (
        diff["argument"],
        diff.get("unit"),
        frozenset(str(v["value"]).casefold() for v in diff["values"]),
        frozenset(v["outlet"] for v in diff["values"]),
    )
    if key not in seen:
        seen.add(key)
        found.differences.append(diff)


@register(DEFAULT_DETECTOR)
def _rules_v1(settings: Settings) -> ConflictDetector:
    return RulesDetector(settings)
