"""What the conflict rules read in two aligned claims: the numbers and what they count,
who gave what, the predicate's class and whether two role fillers may be one participant.

:class:`ClaimView` is a claim with the context these readers need (its outlet, sentence,
place names, ...); the rules themselves are in :mod:`storylens.comparison.conflicts`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storylens.types import Argument, Claim
from storylens.words import CORE, DEMONSTRATIVES, POSSESSIVES


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
    # who the claim is attributed to, if anyone: linked entity and surname (see speaker_of)
    speaker: frozenset[str] = frozenset()
    actors: tuple[frozenset[str], ...] = ()  # the people in the claim's agent (name words)
    people: tuple[frozenset[str], ...] = ()  # the people named anywhere in the claim
    country: str = ""  # the place that is the claim's whole agent ("Canada is ..."), linked


# an ordinal word: "11th", "sixth", "nineteenth", "twentieth"
ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth|[a-z]+teenth|[a-z]+tieth)"
)

# the words a participant's head noun never is; counters ("a series of") besides
_STOP = (
    CORE
    | DEMONSTRATIVES
    | (POSSESSIVES - {"my", "your"})
    | {"some", "any", "other", "several"}
    | {"series", "set", "number"}
)


PRONOUNS = {
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


def number(value: Any) -> float | None:
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


def quantities(arguments: Sequence[Argument]) -> dict[str, list[Argument]]:
    by_unit: dict[str, list[Argument]] = {}
    seen: set[tuple[int, int]] = set()
    for arg in arguments:
        key = unit_key(arg.unit)
        if key is None or number(arg.value) is None or (arg.start, arg.end) in seen:
            continue
        seen.add((arg.start, arg.end))
        by_unit.setdefault(key, []).append(arg)
    return by_unit


def claim_quantities(claim: Claim) -> dict[str, list[Argument]]:
    args = list(claim.quantities)
    if "quantity" in claim.arguments:
        args.append(claim.arguments["quantity"])
    return quantities(args)


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


def same_number(a: Argument, b: Argument) -> bool:
    x, y = number(a.value), number(b.value)
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


def is_transfer(claim: Claim) -> bool:
    pred = predicate_head(claim)
    return pred in GIVE or pred in RECEIVE or bool(_GIFT_FROM.search(claim.text))


# words naming an institution in general: "the White House", "the administration" and
# "the government" may well be the same actor, so they never contradict each other
INSTITUTIONAL = {
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
    vague = PRONOUNS | INSTITUTIONAL
    return bool(wa <= vague or wb <= vague)


def arg_value(claim: Claim, role: str) -> Argument | None:
    return claim.arguments.get(role)


def roles_compatible(a: Claim, b: Claim, roles: Sequence[str] = ("agent", "recipient")) -> bool:
    """No role both claims fill points at clearly different participants."""
    for role in roles:
        x, y = arg_value(a, role), arg_value(b, role)
        if x is None or y is None:
            continue
        if x.value is not None and x.value == y.value:
            continue
        if not phrases_compatible(x.text, y.text):
            return False
    return True
