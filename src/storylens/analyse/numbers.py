"""Numbers and quantities: word numbers, digits, decimals, ordinals, percentages, currency.

:func:`parse_number` turns one number expression into a float ("twenty-one" -> 21,
"1,200" -> 1200, "1.2 million" -> 1200000, "70th" -> 70, "a dozen" -> 12).
:func:`find_quantities` walks the tokens of a span and returns every number with its
normalised unit ("250 kilometers" -> 250 km, "six-day" -> 6 day, "40 percent" -> 40 percent,
"$3 million" -> 3000000 USD, "five kamikaze drones" -> 5 drone, "a mother of 12" -> 12
child).

Pure token walks over an already parsed spaCy ``Doc``: no extra model passes.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from storylens.analyse.columns import doc_column, doc_text
from storylens.analyse.dates import MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

UNITS: dict[str, str] = {
    "kilometer": "km",
    "kilometre": "km",
    "km": "km",
    "kms": "km",
    "mile": "mile",
    "yard": "yard",
    "yd": "yard",
    "yds": "yard",
    "foot": "foot",
    "feet": "foot",
    "ft": "foot",
    "meter": "m",
    "metre": "m",
    "m": "m",
    "centimeter": "cm",
    "centimetre": "cm",
    "cm": "cm",
    "kilogram": "kg",
    "kilo": "kg",
    "kg": "kg",
    "ton": "tonne",
    "tonne": "tonne",
    "lb": "lb",
    "lbs": "lb",
    "hectare": "hectare",
    "acre": "acre",
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "percentage": "percentage point",
    "second": "second",
    "minute": "minute",
    "min": "minute",
    "hour": "hour",
    "hr": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "dollar": "USD",
    "usd": "USD",
    "euro": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "gbp": "GBP",
    "yen": "JPY",
    "rouble": "RUB",
    "ruble": "RUB",
    "yuan": "CNY",
    "people": "person",
    "persons": "person",
}

CURRENCY_SYMBOLS: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}

_SMALL: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "half": 0.5,
}
_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
# the words that spell a number ("forty", "dozen", "million"; not the "m" of "$5m")
NUMBER_WORDS = frozenset(_SMALL) | frozenset(w for w in _SCALES if len(w) > 2)
_ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
_DIGITS = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)
_ATTACHED_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn|m|b|tn|k)$", re.IGNORECASE)
_ATTACHED_UNIT = re.compile(r"^(\d+(?:\.\d+)?)(%|km|kg|cm|m)$", re.IGNORECASE)


@dataclass(slots=True)
class Quantity:
    """A number found in text: char span, normalised value and unit (None if bare)."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    ordinal: bool = False


_LOST_SIGN = re.compile(r"\w\?\s*$")  # "in return for? 110bn": a sign the encoding lost


def lost_sign(before: str, after: str) -> bool:
    """Whether a "?" that ends ``before`` stands for a currency sign an encoding lost ("in
    return for? 110bn in loans", "earns? 900 a month"): it is glued to a word and ``after``
    goes on with a figure. Such a "?" ends no sentence and asks nothing."""
    return (
        _LOST_SIGN.search(before) is not None
        and after.lstrip()[:1].isdigit()
        and _ASKING.match(before) is None
    )


# a sentence that opens as a question asks one ("Why did it fail? 20 people lost their jobs")
_ASKING = re.compile(
    r"\W*(?:why|how|what|who|whom|whose|when|where|which|did|do|does|is|are|was|were|can|"
    r"could|will|would|should|has|have|had)\b",
    re.IGNORECASE,
)


def _word_value(word: str) -> float | None:
    w = word.lower()
    if w in _SMALL:
        return float(_SMALL[w])
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
            return float(_SMALL[parts[0]] + _SMALL[parts[1]])
    return None


def parse_number(text: str) -> float | None:
    """Parse one number expression; ``None`` if it is not a number.

    >>> parse_number("twenty-one"), parse_number("1,200"), parse_number("1.2 million")
    (21.0, 1200.0, 1200000.0)
    """
    words = text.replace("\u2011", "-").strip().lower().split()
    if not words:
        return None
    if words[0] in {"a", "an"} and len(words) > 1:
        words = words[1:]
    total = 0.0
    current: float | None = None
    for k, word in enumerate(words):
        if word == "and" or (word in {"a", "an"} and words[k + 1 : k + 2] == ["half"]):
            continue  # "four and a half"
        if word == "dozen" and current is not None:
            current *= 12  # "four dozen" is 48
            continue
        value = _atom(word)
        if value is not None:
            current = (current or 0.0) + value
            continue
        scale = _SCALES.get(word)
        if scale is None:
            return None
        base = current if current is not None else 1.0
        if scale == 100:
            current = base * 100
        else:
            total += base * scale
            current = None
    result = total + (current or 0.0)
    if (current is None and total == 0.0) or not math.isfinite(result):
        return None  # no number, or one too large for a float (JSON has no Infinity)
    return result


def _atom(word: str) -> float | None:
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    m = _ORDINAL_DIGITS.match(word)
    if m:
        return float(m.group(1))
    m = _ATTACHED_SCALE.match(word)
    if m:
        mult = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "tn": 1e12, "k": 1e3}
        return float(m.group(1)) * mult[m.group(2).lower()]
    if word in _ORDINALS:
        return float(_ORDINALS[word])
    return _word_value(word)


def normalise_unit(word: str) -> str:
    """Map a unit word or noun to its normal form ("kilometers" -> "km", "drones" -> "drone")."""
    w = word.lower().strip()
    if w.endswith(".") and w[:-1] in UNITS:
        w = w[:-1]  # "50m." ending a sentence
    if w in UNITS:
        return UNITS[w]
    if w.endswith("s") and w[:-1] in UNITS:
        return UNITS[w[:-1]]
    return w


def _is_number_token(tok: Token) -> bool:
    low = tok.lower_
    if low in _SCALES and tok.i > 0 and _is_number_token(tok.doc[tok.i - 1]):
        return True
    if low in {"hundred", "thousand", "million", "billion", "trillion", "dozen"}:
        return True
    if _atom(low) is None:
        return False
    if low in _ORDINALS and low not in {"first", "second"} and tok.pos_ not in {"ADJ", "NUM"}:
        return False
    if low in {"one", "first", "second", "half"}:
        # "one of the largest", "second" (time unit) and "half" are rarely quantities
        return tok.pos_ == "NUM" and tok.dep_ in {"nummod", "quantmod"}
    return True


def _weighed(first: Token, last: Token) -> bool:
    """Whether pounds after a number are a weight: a verb of weighing just before it ("weighing
    130 pounds", "weighed about 200 pounds") or "of" a thing after it ("5 pounds of
    cocaine")."""
    doc = first.doc
    before = doc[max(0, first.i - 3) : first.i]
    after = doc[last.i + 2 : last.i + 3]
    return any(t.lemma_.lower() == "weigh" for t in before) or any(t.lower_ == "of" for t in after)


def _designation(tok: Token) -> bool:
    """Whether the figure ``tok`` names a model, a flight or a road rather than counts: the
    rest of a name it continues ("AK 47 rifles", "Boeing 737"), joined by a hyphen to a name
    in capitals ("AK - 47"), or after a word that numbers such things ("Flight 370", "Route
    66"); not "the GOP 52 seats" or "US 2 percent"."""
    if not tok.text.isdigit() or tok.i == 0:
        return False
    doc = tok.doc
    after = doc[tok.i + 1 : tok.i + 3]
    if len(after) == 2 and after[0].text in _DASHES and after[1].is_digit:
        return False  # a score or a record: "Evansville 51 - 50"
    prev = doc[tok.i - 1]
    joined = prev.text in _DASHES and tok.i > 1
    if joined:
        prev = doc[tok.i - 2]
    if not prev.is_alpha or not prev.text[:1].isupper():
        return False
    if joined:  # a short name in capitals: "AK", "MH", "SAT"; not "BREAKING NEWS - 3 DEAD"
        return 2 <= len(prev.text) <= 3 and prev.is_upper
    named = tok.ent_iob_ == "I" and tok.ent_type_ in _NAMES and prev.ent_type_ == tok.ent_type_
    return named or prev.lower_ in _NUMBERED


_NAMES = frozenset({"PRODUCT", "FAC", "EVENT"})
_DASHES = frozenset({"-", "\u2011", "\u2013"})


_NUMBERED = frozenset(
    {
        "airbus",
        "amendment",
        "apollo",
        "article",
        "boeing",
        "chapter",
        "flight",
        "highway",
        "interstate",
        "proposition",
        "resolution",
        "route",
        "section",
        "terminal",
    }
)


def _is_date_part(tok: Token) -> bool:
    """Years and days of month inside date expressions are times, not quantities."""
    low = tok.lower_
    if not low.isdigit():
        return False
    doc = tok.doc
    prev = doc[tok.i - 1].lower_.rstrip(".") if tok.i > 0 else ""
    nxt = doc[tok.i + 1].lower_.rstrip(".") if tok.i + 1 < len(doc) else ""
    if prev in MONTHS or nxt in MONTHS:
        return True
    if len(low) == 4 and 1800 <= int(low) <= 2100:
        return True
    return (prev == "," and tok.i > 1 and doc[tok.i - 2].is_digit) or tok.ent_type_ in {"TIME"}


def _unit_for(first: Token, last: Token) -> tuple[str | None, int]:
    """The unit of a number ending at ``last`` and the char end offset of the whole quantity."""
    doc = first.doc
    end = last.idx + len(last.text)
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.text in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[prev.text], end
    parent = first.i > 1 and doc[first.i - 2].lower_ in _PARENTS
    if parent and prev is not None and prev.lower_ == "of":  # "a mother of 12": 12 children
        return "child", end
    m = _ATTACHED_UNIT.match(last.text)
    if m:
        return normalise_unit(m.group(2)), end
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None:
        return None, end
    if nxt.text == "%":
        return "percent", nxt.idx + 1
    if nxt.lower_ in {"percent", "pct"}:
        return "percent", nxt.idx + len(nxt.text)
    if nxt.lower_ == "per" and last.i + 2 < len(doc) and doc[last.i + 2].lower_ == "cent":
        tok = doc[last.i + 2]
        return "percent", tok.idx + len(tok.text)
    if nxt.text in _DASHES and last.i + 2 < len(doc):
        tok = doc[last.i + 2]
        if tok.is_alpha:
            return _joined_unit(tok.lemma_ or tok.text), tok.idx + len(tok.text)
    if nxt.lower_ in UNITS or nxt.lemma_.lower() in UNITS:
        return normalise_unit(nxt.lemma_ or nxt.text), nxt.idx + len(nxt.text)
    head = last.head
    if last.dep_ in {"nummod", "quantmod", "compound"} and head.pos_ in {"NOUN", "PROPN"}:
        if head.i < last.i:
            return None, end
        return normalise_unit(head.lemma_ or head.text), end
    if nxt.pos_ == "NOUN" and nxt.dep_ != "npadvmod":
        return normalise_unit(nxt.lemma_ or nxt.text), end
    return None, end


_PARENTS = frozenset(
    {"mother", "father", "mom", "mum", "dad", "parent", "parents", "grandmother", "grandfather"}
)


def _millions(first: Token, m: Token) -> bool:
    """Whether the "m" after a number is millions ("$80m", "80m euros", "2m Windows users"),
    not metres ("fell 600m", "within 80m of the hut", "the 100m final")."""
    doc = first.doc
    if any(t.text in CURRENCY_SYMBOLS for t in doc[max(0, first.i - 3) : first.i]):
        return True  # "$80m", and "£1. 7m" as a scrape spaced "£1.7m"
    for after in doc[m.i + 1 : m.i + 4]:  # "80m viewers", "2m Windows users"
        if after.tag_ in {"NNS", "NNPS"}:
            return True
        if after.tag_ not in {"NN", "NNP", "JJ"}:
            break
    return False


def _and_a_half(toks: list[Token] | Span, j: int) -> bool:
    """Whether "and a half" follows the number word at ``j``."""
    words = [t.lower_ for t in toks[j + 1 : j + 4]]
    return words == ["and", "a", "half"] and toks[j + 3].i == toks[j].i + 3


def _split_hyphen_word(tok: Token) -> tuple[float, str] | None:
    """A single token such as "six-day" or "250-kilometer"."""
    if "-" not in tok.text:
        return None
    head, _, tail = tok.text.partition("-")
    value = _atom(head.lower())
    if value is None or not math.isfinite(value) or not tail.isalpha():
        return None
    if _atom(tail.lower()) is not None:
        return None
    return value, _joined_unit(tail)


def _joined_unit(word: str) -> str:
    """The unit a hyphen joins to a number ("six-day", "250 - kilometer"); pounds so joined
    measure the noun after them, a weight ("a 300-pound bomb"), not money."""
    unit = normalise_unit(word)
    return "lb" if unit == "GBP" else unit


@lru_cache(maxsize=65536)
def _may_start_number(low: str) -> bool:
    """Whether a token with this lower-case form can start a quantity (a cheap superset test):
    it has a digit, or it or its part before a hyphen ("six-day", "twenty-one") is a number
    word."""
    if _HAS_DIGIT.search(low) is not None:
        return True
    heads = (low, low.partition("-")[0], low.lower().partition("-")[0])
    return any(w in _ORDINALS or w.lower() in _SMALL for w in heads)


_HAS_DIGIT = re.compile(r"\d")


def _number_starts(doc: Doc) -> list[int]:
    """Indices (ascending) of the tokens of ``doc`` that may start a quantity, found once."""
    starts = doc.user_data.get("storylens.number_starts")
    if starts is None:
        lower = doc_column(doc, "lower_")
        starts = [i for i, low in enumerate(lower) if _may_start_number(low)]
        doc.user_data["storylens.number_starts"] = starts
    return cast("list[int]", starts)


def find_quantities(tokens: Iterable[Token] | Span) -> list[Quantity]:
    """Every number in ``tokens`` (in order) with its normalised value and unit."""
    from spacy.tokens import Span  # only where a parse is read: no spaCy import to read analyses

    found: list[Quantity] = []
    toks: list[Token] | Span
    if isinstance(tokens, Span):  # a span indexes and slices like a list of its tokens
        toks = tokens
        starts = _number_starts(tokens.doc)
        lo, hi = bisect_left(starts, tokens.start), bisect_left(starts, tokens.end)
        positions = [k - tokens.start for k in starts[lo:hi]]
    else:
        toks = list(tokens)
        may_start = set(_number_starts(toks[0].doc)) if toks else set()
        positions = [k for k, t in enumerate(toks) if t.i in may_start]
    i = 0
    for position in positions:  # only tokens that may start a number are looked at
        if position < i:
            continue  # inside a number already read
        i = position
        tok = toks[i]
        hy = _split_hyphen_word(tok)
        if hy is not None:
            end = tok.idx + len(tok.text)
            found.append(Quantity(tok.idx, end, tok.text, hy[0], hy[1]))
            i += 1
            continue
        if (
            not _is_number_token(tok)
            or _is_date_part(tok)
            or tok.lower_ in _SCALES
            or _designation(tok)
        ):
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and toks[j + 1].i == toks[j].i + 1:
            nxt = toks[j + 1]
            if nxt.lower_ == "m" and not _millions(toks[i], nxt):
                break  # "fell 600m": metres, the unit after the number
            if _and_a_half(toks, j):
                j += 3  # "four and a half months"
            elif nxt.lower_ in _SCALES or (
                nxt.lower_ not in _ORDINALS and _word_value(nxt.lower_) is not None
            ):
                j += 1
            elif (
                nxt.text == "-"
                and j + 2 < len(toks)
                and (_word_value(toks[j + 2].lower_) or toks[j + 2].lower_ in _SCALES)
            ):
                j += 2  # "twenty-one", "$2.6-million"
            else:
                break
        first, last = toks[i], toks[j]
        words = [t.text for t in toks[i : j + 1] if t.text != "-"]
        start = first.idx
        if (
            first.i > 0
            and first.doc[first.i - 1].lower_ in {"a", "an"}
            and words[0]
            in {
                "dozen",
                "hundred",
                "thousand",
                "million",
                "billion",
            }
        ):
            start = first.doc[first.i - 1].idx
        value = parse_number(" ".join(words))
        if value is None:
            i = j + 1
            continue
        unit, end = _unit_for(first, last)
        prev = first.doc[first.i - 1] if first.i > 0 else None
        if prev is not None and prev.text in CURRENCY_SYMBOLS:
            start = prev.idx
        elif unit == "GBP" and _weighed(first, last):
            unit = "lb"
        ordinal = bool(_ORDINAL_DIGITS.match(last.text)) or last.lower_ in _ORDINALS
        text = doc_text(first.doc)[start:end]
        found.append(Quantity(start, end, text, value, unit, ordinal))
        i = j + 1
    return found
