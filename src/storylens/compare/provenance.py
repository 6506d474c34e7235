"""Who a claim really comes from.

A claim's primary source is the last link of its attribution chain (the chain is
nearest first: ["Moscow Times", "TASS"] -> TASS), or the outlet itself when the
outlet states the claim in its own voice. Independent sources are the distinct
primary sources of a group, with wire copies (duplicate articles) counted once:
two outlets relaying the same agency are one source; an outlet reporting what it
saw is its own source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from storylens.types import Claim, Entity

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9-]{1,9}\b")
_GENERIC = {
    "news agency",
    "state news agency",
    "agency",
    "newspaper",
    "broadcaster",
    "news outlet",
    "outlet",
    "wire service",
}


def source_key(name: str) -> str:
    """A case- and punctuation-insensitive key for a source name."""
    return " ".join(re.findall(r"\w+", name.casefold()))


class SourceNames:
    """Maps the many spellings of a source to one canonical name.

    Uses the story's linked entities (aliases -> canonical name) and outlet names;
    "the Russian news agency TASS" and "TASS news agency" both become "TASS".
    """

    def __init__(self, entities: Iterable[Entity] = (), outlets: Iterable[str] = ()) -> None:
        self._names: dict[str, str] = {}
        for outlet in outlets:
            self._names.setdefault(source_key(outlet), outlet)
        for ent in entities:
            for alias in (ent.name, *ent.aliases):
                key = source_key(alias)
                if key:
                    self._names.setdefault(key, ent.name)

    def canonical(self, name: str) -> str:
        clean = _POSSESSIVE.sub("", _LEADING.sub("", name.strip())).strip(" ,.;:")
        if not clean:
            return name.strip()
        key = source_key(clean)
        if key in self._names:
            return self._names[key]
        acronyms = _ACRONYM.findall(clean)
        if len(acronyms) == 1 and source_key(clean) != source_key(acronyms[0]):
            # "the Russian news agency TASS", "TASS news agency"
            acronym = str(acronyms[0])
            return self._names.get(source_key(acronym), acronym)
        for generic in sorted(_GENERIC, key=len, reverse=True):
            for pattern in (rf"^{generic}\s+", rf"\s+{generic}$"):
                stripped = re.sub(pattern, "", clean, flags=re.IGNORECASE).strip()
                if stripped and stripped != clean:
                    return self._names.get(source_key(stripped), stripped)
        return clean


# unnamed, collective sources: they most likely relay a named source of the same group
_VAGUE_HEADS = frozenset(
    {
        "outlet",
        "outlets",
        "media",
        "report",
        "reports",
        "agencies",
        "officials",
        "sources",
        "observers",
        "analysts",
        "experts",
        "newspapers",
        "accounts",
        "reporting",
    }
)


def is_vague(name: str) -> bool:
    """'Russian news outlets', 'multiple news reports', 'officials': no one in particular."""
    words = re.findall(r"[\w'-]+", name.casefold())
    return bool(words) and words[-1] in _VAGUE_HEADS


def primary_source(claim: Claim, outlet: str, names: SourceNames) -> str:
    """The last link of the claim's attribution chain, or the outlet for own-voice claims."""
    if claim.attributed_to:
        return names.canonical(claim.attributed_to[-1])
    return outlet


def group_provenance(
    claims: Sequence[Claim],
    outlet_of: Mapping[str, str],
    unit_of: Mapping[str, str],
    names: SourceNames,
) -> tuple[list[str], int]:
    """``(primary_sources, independent_sources)`` of a group of aligned claims.

    ``outlet_of`` and ``unit_of`` map article ids to outlet names and to the id of the
    duplicate group the article belongs to (itself when it has no copies). Unnamed
    sources ("Russian news outlets", or the outlet's own "reportedly") most likely
    relay a named source of the same group, so they do not count when one is named.
    """
    primaries: list[str] = []
    keys: dict[str, bool] = {}  # independence key -> vague
    for claim in claims:
        outlet = outlet_of.get(claim.article, claim.article)
        unit = unit_of.get(claim.article, claim.article)
        source = primary_source(claim, outlet, names)
        if source not in primaries:
            primaries.append(source)
        if claim.attributed_to:
            key, vague = "source:" + source_key(source), is_vague(source)
        else:  # own voice: the outlet (or its wire-copy group) is the source
            key, vague = "unit:" + unit, claim.hedged
        keys[key] = keys.get(key, True) and vague
    if any(not vague for k, vague in keys.items() if k.startswith("source:")):
        keys = {k: v for k, v in keys.items() if not v}
    # an outlet named as the source by another outlet is the same source as its own voice
    for claim in claims:
        outlet = outlet_of.get(claim.article, claim.article)
        if not claim.attributed_to and "source:" + source_key(outlet) in keys:
            keys.pop("unit:" + unit_of.get(claim.article, claim.article), None)
    return primaries, len(keys)
