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

from storylens.errors import ConfigError
from storylens.settings import Settings
from storylens.types import Argument, Claim
from storylens.words import CORE, DEMONSTRATIVES, POSSESSIVES

DEFAULT_DETECTOR = "conflicts.rules.v1"


@dataclass(slots=True)
class ClaimView:
    """A claim with the context a detector needs."""

    claim: Claim
    outlet: str
    unit: str  # duplicate-group id: claims of one unit never conflict
    sentence: str = ""  # the sentence holding the claim
    sentence_quantities: list[Argument] = field(default_factory=list)  # all numbers in it
    place_names: list[str] = field(default_factory=list)  # GPE/NORP/LOC mentions in the claim
    entities: frozenset[str] = frozenset()  # linked entity ids inside the claim span
    focus: str = ""  # the text the claim is compared by (see align.focus_text); claim.text if empty
    whole_sentence: bool = False  # a sentence part no extracted claim covered (no arguments)
    speaker: str = ""  # the person the claim is attributed to (surname, folded), if any


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


# --- normalisation helpers -------------------------------------------------------------------

# the words a participant's head noun never is; counters ("a series of") besides
_STOP = (
    CORE
    | DEMONSTRATIVES
    | (POSSESSIVES - {"my", "your"})
    | {"some", "any", "other", "several"}
    | {"series", "set", "number"}
)
_PRONOUNS = {
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "him",
    "them",
    "us",
    "who",
    "which",
    "that",
    "one",
    "someone",
    "somebody",
    "officials",
    "sources",
}
_PERCENT = {"%", "percent", "per cent", "pct"}
_APPROX = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|some|up to|more than|over|"
    r"at least|less than|under|fewer than|estimated|some)\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")

GIVE = {
    "give",
    "guarantee",
    "allocate",
    "allot",
    "assign",
    "gift",
    "send",
    "offer",
    "present",
    "hand",
    "donate",
    "award",
    "supply",
    "provide",
    "deliver",
    "grant",
    "bestow",
}
RECEIVE = {"receive", "get", "accept", "obtain", "take"}
_PASSIVE_GIVER = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?"
    r"(?:given|handed|sent|offered|presented|gifted|donated|awarded|supplied|provided)\b"
    r"[^.;]*?\b(?:by|from)\s+(?P<np>[^,.;:\"“”]+)",
    re.IGNORECASE,
)
_GIFT_FROM = re.compile(
    r"\b(?:gifts?|presents?|donations?)\s+from\s+(?P<np>[^,.;:\"“”]+)", re.IGNORECASE
)
_NP_STOP = re.compile(
    r"\s+(?:on|in|at|during|after|before|while|when|who|which|that|and|but|as|to|for|"
    r"was|were|is|are|has|have|had|included?|includes|said|says|reported)\b.*$",
    re.IGNORECASE,
)


def content_words(text: str) -> set[str]:
    words = {w for w in re.findall(r"[a-z0-9][a-z0-9'-]*", text.casefold())}
    return {w.removesuffix("'s") for w in words - _STOP}


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def unit_key(unit: str | None) -> str | None:
    """'Days' -> 'day', '%' -> 'percent', 'kamikaze drones' -> 'drone'; None when unknown."""
    if not unit:
        return None
    norm = " ".join(unit.casefold().replace("-", " ").split())
    if norm in _PERCENT or norm.startswith("percent") or norm.startswith("per cent"):
        return "percent"
    words = re.findall(r"[a-z]+", norm)
    words = [w for w in words if w not in _STOP]
    if not words:
        return None
    return _singular(words[-1])


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return None
    return None


def _quantities(arguments: Sequence[Argument]) -> dict[str, list[Argument]]:
    by_unit: dict[str, list[Argument]] = {}
    seen: set[tuple[int, int]] = set()
    for arg in arguments:
        key = unit_key(arg.unit)
        if key is None or _number(arg.value) is None or (arg.start, arg.end) in seen:
            continue
        seen.add((arg.start, arg.end))
        by_unit.setdefault(key, []).append(arg)
    return by_unit


def claim_quantities(claim: Claim) -> dict[str, list[Argument]]:
    args = list(claim.quantities)
    if "quantity" in claim.arguments:
        args.append(claim.arguments["quantity"])
    return _quantities(args)


def measured(claim: Claim, quantity: Argument) -> tuple[set[str], set[str]]:
    """Content words after and before a number: what it counts ("of the summer flow")."""
    text = claim.text
    offset = quantity.start - claim.start
    if (
        not (0 <= offset <= len(text))
        or text[offset : offset + len(quantity.text)] != quantity.text
    ):
        offset = text.find(quantity.text)
        if offset < 0:
            return set(), set()
    after = text[offset + len(quantity.text) :].split()[:5]
    before = text[:offset].split()[-3:]
    return content_words(" ".join(after)), content_words(" ".join(before))


def same_measure(a: Claim, x: Argument, b: Claim, y: Argument) -> bool:
    """Both numbers count the same thing: the words after them (else before them) overlap."""
    after_a, before_a = measured(a, x)
    after_b, before_b = measured(b, y)
    if after_a and after_b:
        return bool(after_a & after_b)
    return bool(before_a & before_b)


def _same_number(a: Argument, b: Argument) -> bool:
    x, y = _number(a.value), _number(b.value)
    if x is None or y is None:
        return False
    tolerance = 0.25 if (_APPROX.search(a.text) or _APPROX.search(b.text)) else 0.02
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)


def _clean_np(text: str) -> str:
    words = _NP_STOP.sub("", text.strip()).split()
    return " ".join(words[:8])


def giver(view: ClaimView) -> str | None:
    """Who gave/sent something, for transfer claims; None when the claim does not say."""
    claim = view.claim
    text = claim.text
    for pattern in (_PASSIVE_GIVER, _GIFT_FROM):
        match = pattern.search(text)
        if match:
            found = _clean_np(match.group("np"))
            if found:
                return found
    pred = predicate_head(claim)
    if pred in GIVE and "agent" in claim.arguments and not _PASSIVE_GIVER.search(text):
        return claim.arguments["agent"].text
    return None


_PREDICATE_CLASSES = (
    GIVE | RECEIVE,
    frozenset({"sign", "ink", "seal", "conclude"}),
    frozenset({"create", "set", "establish", "form"}),
)


def predicate_class(predicate: str) -> str:
    """The predicate's kind: its lemma's first word, or the name of its synonym class."""
    head = predicate.split()[0].casefold() if predicate.strip() else ""
    for n, members in enumerate(_PREDICATE_CLASSES):
        if head in members:
            return f"class{n}"
    return head


def predicate_head(claim: Claim) -> str:
    """The predicate's verb lemma without particles ("send off" -> "send")."""
    words = claim.predicate.casefold().split()
    return words[0] if words else ""


def _is_transfer(claim: Claim) -> bool:
    pred = predicate_head(claim)
    return pred in GIVE or pred in RECEIVE or bool(_GIFT_FROM.search(claim.text))


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
    return bool((shared & things) - people - _PRONOUNS)


def _names_other(text: str, giver_name: str) -> bool:
    """Whether ``text`` names ``giver_name`` (by a content word that is not vague)."""
    words = content_words(giver_name) - _PRONOUNS - _INSTITUTIONAL
    return bool(words) and bool(words & content_words(text))


def _numbers_differ(a: Claim, b: Claim) -> bool:
    """The two claims give different numbers for the same unit."""
    qa, qb = claim_quantities(a), claim_quantities(b)
    return any(
        not any(_same_number(x, y) for x in qa[unit] for y in qb[unit])
        for unit in set(qa) & set(qb)
    )


def _bare_place(view: ClaimView, text: str) -> bool:
    """The phrase is just a country/city name (which subsumes its officials)."""
    words = content_words(text)
    return bool(words) and any(content_words(p) >= words for p in view.place_names)


# words naming an institution in general: "the White House", "the administration" and
# "the government" may well be the same actor, so they never contradict each other
_INSTITUTIONAL = {
    "administration",
    "white",
    "house",
    "government",
    "kremlin",
    "ministry",
    "cabinet",
    "officials",
    "official",
    "authorities",
    "state",
    "regime",
    "leadership",
    "office",
    "department",
    "federal",
    "national",
    "executive",
    "presidency",
    "palace",
    "capital",
}


def phrases_compatible(a: str, b: str) -> bool:
    """Two descriptions may name the same actor (shared word, or one is vague)."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb or wa & wb:
        return True
    vague = _PRONOUNS | _INSTITUTIONAL
    return bool(wa <= vague or wb <= vague)


def _arg_value(claim: Claim, role: str) -> Argument | None:
    return claim.arguments.get(role)


def roles_compatible(a: Claim, b: Claim, roles: Sequence[str] = ("agent", "recipient")) -> bool:
    """No role both claims fill points at clearly different participants."""
    for role in roles:
        x, y = _arg_value(a, role), _arg_value(b, role)
        if x is None or y is None:
            continue
        if x.value is not None and x.value == y.value:
            continue
        if not phrases_compatible(x.text, y.text):
            return False
    return True


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
            if any(_same_number(x, y) for x in xs for y in ys):
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
            same_unit = _quantities(view.sentence_quantities).get(unit, [])
            if any(_same_number(q, o) for q in same_unit for o in other):
                note = {
                    "kind": "reconciled",
                    "argument": "quantity",
                    "unit": unit,
                    "claim": view.claim.id,
                    "article": view.claim.article,
                    "outlet": view.outlet,
                    "values": sorted(
                        {n for q in [*own, *other] if (n := _number(q.value)) is not None}
                    ),
                    "text": view.sentence,
                }
                if note not in found.notes:
                    found.notes.append(note)
                return True
        return False

    # who gave it ("gifts from the Putin government" vs "gifts from a regional governor")
    def _agent(self, a: ClaimView, b: ClaimView) -> Iterator[dict[str, Any]]:
        if not (_is_transfer(a.claim) and _is_transfer(b.claim)):
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
        ta, tb = _arg_value(a.claim, "time"), _arg_value(b.claim, "time")
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
