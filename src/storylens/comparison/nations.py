"""The country a place or nationality mention stands for, for comparing claims.

Outlets name one actor as a country, its people or its capital: "Russia is seeking to buy
weapons from North Korea" / "Moscow is believed to want North Korean ammunition". Linking
keeps "North Korea", "North Korean" and "Pyongyang" apart (they are different names, and
the framing tables show each as written); a claim compares them as one participant.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources

from storylens.comparison.features import countries
from storylens.types import Mention

LABELS = frozenset({"GPE", "NORP"})
# nationality endings: a word ending in the first, less it, plus the second, may be a
# country ("Iranian" -> "Iran", "Ukrainian" -> "Ukraine", "Japanese" -> "Japan")
_ENDINGS = (
    ("n", ""),  # Russian, Korean, Syrian, Indian
    ("ian", ""),  # Iranian, Brazilian, Egyptian
    ("ian", "e"),  # Ukrainian
    ("ian", "a"),  # Canadian, Cambodian
    ("ian", "y"),  # Italian
    ("i", ""),  # Israeli, Iraqi, Pakistani, Yemeni
    ("an", "o"),  # Mexican, Moroccan
    ("ese", ""),  # Japanese, Sudanese
    ("ese", "a"),  # Chinese
    ("ese", "on"),  # Lebanese
    ("", "y"),  # German
    ("ns", ""),  # Russians, Koreans
    ("ans", "o"),  # Mexicans
)


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    raw = resources.files("storylens").joinpath("data", "nations.json").read_text("utf-8")
    data = json.loads(raw)
    return dict(data["demonyms"]), dict(data["capitals"])


def _folded(name: str) -> str:
    return " ".join(name.casefold().removeprefix("the ").split())


def country_of(text: str) -> str:
    """The folded country name ``text`` (a place or nationality word) stands for, or ""."""
    word = _folded(text)
    known = countries()
    if word in known:
        return word
    demonyms, capitals = _tables()
    if word in demonyms:
        return demonyms[word]
    if word in capitals:
        return capitals[word]
    for ending, base in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: len(word) - len(ending)] + base
            if stem in known:
                return stem
    return ""


def nation_ids(mentions: Iterable[Mention]) -> dict[str, str]:
    """Entity id -> the id a claim compares it by: each nationality or capital mention's
    entity is compared as its country's (that country's entity id when the story names it,
    else a key of its name), a country named several ways as one."""
    by_country: dict[str, str] = {}
    pending: dict[str, str] = {}
    for m in mentions:
        if m.entity is None or m.label not in LABELS:
            continue
        country = country_of(m.text)
        if not country:
            continue
        if m.label == "GPE" and country == _folded(m.text):  # the country named as itself
            by_country.setdefault(country, m.entity)
        pending.setdefault(m.entity, country)
    return {
        entity: by_country.get(country, f"country:{country}")
        for entity, country in pending.items()
        if by_country.get(country) != entity
    }


def as_compared(entities: Iterable[str], ids: Mapping[str, str]) -> frozenset[str]:
    """``entities`` with each replaced by the id it is compared by."""
    return frozenset(ids.get(e, e) for e in entities)
