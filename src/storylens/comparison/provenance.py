"""Who a claim really comes from.

A claim's primary source is the last link of its attribution chain (the chain is
nearest first: ["Moscow Times", "TASS"] -> TASS), or the outlet itself when the
outlet states the claim in its own voice. Independent sources are the distinct
origins of a group, with wire copies (duplicate articles) counted once: two outlets
relaying the same agency are one source; an outlet reporting what it saw is its own
source. A group's ``primary_sources`` are exactly the origins it counts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from storylens.analyse.cues import NAME_TITLES, PERSON_ROLES
from storylens.analyse.sourcekind import ORG_ROLES, OWN_VOICE
from storylens.comparison.backing import names_source, speaks_for
from storylens.types import Claim, Entity
from storylens.words import CORE

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9-]{1,9}\b")
_FUNCTION_WORDS = CORE | {"s"}  # "s": the key of "Trump's lawyer" is "trump s lawyer"
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

    def __init__(
        self,
        entities: Iterable[Entity] = (),
        outlets: Iterable[str] = (),
        texts: Mapping[str, str] | None = None,
    ) -> None:
        self._names: dict[str, str] = {}
        self._bodies: set[str] = set()  # keys of organisations' names and aliases
        entities = list(entities)
        # "Dmitry Peskov" -> ["the Kremlin's top spokesman"]; with the articles' texts also
        # "Dustin Childs" -> ["Microsoft's"] of "Microsoft's Dustin Childs"
        self.roles = speaks_for(entities, texts)
        for outlet in outlets:
            self._names.setdefault(source_key(outlet), outlet)
        for ent in entities:
            for alias in (ent.name, *ent.aliases):
                key = source_key(alias)
                if key:
                    self._names.setdefault(key, ent.name)
                    if ent.type == "ORG":
                        self._bodies.add(key)

    def voice_of(self, person: str, body: str) -> bool:
        """Whether the story gives ``person`` a role that speaks for ``body`` (the
        Kremlin's spokesman speaks for "Kremlin"): their words are one origin."""
        return any(names_source(body, role) for role in self.roles.get(person.casefold(), ()))

    def is_body(self, name: str) -> bool:
        """Whether ``name`` is an organisation of the story ("Microsoft", "the Obama
        administration") or a body by its kind ("police", "the ministry"), not a person."""
        key = source_key(self.canonical(name))
        words = key.split()
        return key in self._bodies or (bool(words) and words[-1] in _BODY_WORDS)

    def canonical(self, name: str) -> str:
        clean = _POSSESSIVE.sub("", _LEADING.sub("", name.strip())).strip(" ,.;:")
        if not clean:
            return name.strip()
        key = source_key(clean)
        if key in self._names:
            return self._names[key]
        voice = _VOICE.sub("", clean).strip()
        if _ADMINISTRATION.fullmatch(voice) and "white house" in self._names:
            return self._names["white house"]  # "the Trump administration": one executive
        words = key.split()
        for i in range(1, len(words)):
            # "Undersheriff James Gage", "Kremlin spokesman Peskov": a title before a known
            # name; never across a function word ("a spokesman for Trump" is not Trump)
            if words[i - 1] in _FUNCTION_WORDS:
                break
            tail = " ".join(words[i:])
            if tail in self._names:
                return self._names[tail]
        acronyms = _ACRONYM.findall(clean)
        if len(acronyms) == 1 and source_key(clean) != source_key(acronyms[0]):
            # "the Russian news agency TASS", "TASS news agency"
            acronym = str(acronyms[0])
            return self._names.get(source_key(acronym), acronym)
        if voice != clean and source_key(voice) in self._bodies:
            return self._names[source_key(voice)]  # "White House statement": the White House
        for generic in sorted(_GENERIC, key=len, reverse=True):
            for pattern in (rf"^{generic}\s+", rf"\s+{generic}$"):
                stripped = re.sub(pattern, "", clean, flags=re.IGNORECASE).strip()
                if stripped and stripped != clean:
                    return self._names.get(source_key(stripped), stripped)
        return clean


# a government's executive by the word US news uses for it, when the story names the White
# House: "the administration", "Trump administration"; never an agency of that name ("the
# Federal Aviation Administration")
_ADMINISTRATION = re.compile(r"(?:[A-Z][\w'’-]*\s+)?administration|Administration")
# bodies by their kind: what they did is what they announced
_BODY_WORDS = ORG_ROLES | OWN_VOICE | {"police", "administration", "authorities"}

# what a body speaks through: its statement or its spokesperson is the body
_VOICE = re.compile(
    r"\s+(?:statement|statements|spokesman|spokeswoman|spokesperson|release|press release|"
    r"official|officials|announcement|readout)$",
    re.IGNORECASE,
)


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
        "source",
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


def is_named(name: str) -> bool:
    """A source that is someone in particular: "Trump", "Radio Lund"; not one written in
    small letters ("officials", "local police") nor a vague one ("Russian news agencies",
    "Reports")."""
    return not (name.islower() or is_vague(name))


# sources that only say the news is going round: reports, the media, unnamed people
_HEARSAY = frozenset({"report", "reports", "media", "reporting", "accounts", "outlets"})
_UNNAMED = frozenset({"people", "person", "persons", "sources", "source"})


def hearsay_source(source: str, wording: str) -> bool:
    """Whether ``source`` is only hearsay ("media reports", "two people familiar with the
    talks", "sources") and the wording does not name it: every outlet that states the
    wording tells that fact, whoever it credits ("according to media reports" / "two people
    said" / "Fox News has learned"), unless that is a person (the words are then that
    person's). An unnamed body ("the ministry", "police") is someone in particular."""
    words = re.findall(r"[\w'-]+", source.casefold())
    hearsay = bool(words) and (words[-1] in _HEARSAY or not _UNNAMED.isdisjoint(words[:3]))
    return hearsay and not is_named(source) and not names_source(source, wording)


def primary_source(claim: Claim, outlet: str, names: SourceNames) -> str:
    """The last link of the claim's attribution chain, or the outlet for own-voice claims."""
    if claim.attributed_to:
        return names.canonical(claim.attributed_to[-1])
    return outlet


def _kept_once(
    origins: dict[str, tuple[str, bool]],
    same: Callable[[str, str, str, str], bool],
    *,
    longer: bool = False,
) -> dict[str, tuple[str, bool]]:
    """``origins`` with each source that ``same(key, name, kept_key, kept_name)`` ties to one
    kept before it folded into that one: its name stays (with ``longer``, the longer of the
    two names: "Indian Navy", not "Navy"), vague only when both are."""
    out: dict[str, tuple[str, bool]] = {}
    for key, (name, vague) in origins.items():
        tie = next(
            (
                k
                for k, (other, _) in out.items()
                if key.startswith("source:")
                and k.startswith("source:")
                and same(key, name, k, other)
            ),
            None,
        )
        if tie is None:
            out[key] = (name, vague)
        elif longer and len(_plain(key)) > len(_plain(tie)):
            _, kept_vague = out.pop(tie)
            out[key] = (name, vague and kept_vague)
        else:
            out[tie] = (out[tie][0], out[tie][1] and vague)
    return out


def _one_person(key: str, _name: str, kept: str, _kept_name: str) -> bool:
    """One person's name written two ways: with and without a middle initial or a title
    before it ("Chief Patrol Agent Rodney Scott", "Rodney S. Scott")."""
    return _same_person(_plain(key), _plain(kept))


def _one_body(key: str, other: str) -> bool:
    """One body named short and long: "the administration" and "the Trump administration",
    "police" and "New York police" (the same kind of body, one name's words inside the
    other's, in one story)."""
    short, long = sorted((_plain(key), _plain(other)), key=len)
    return (
        bool(short)
        and short[-1] == long[-1]
        and short[-1] in _BODY_WORDS
        and set(short) <= set(long)
    )


def _plain(key: str) -> list[str]:
    return [w for w in key.removeprefix("source:").split() if len(w) > 1]


def _same_person(a: list[str], b: list[str]) -> bool:
    """Whether two names (key words, initials dropped) name one person: the same, or one
    is the other after titles ("chief patrol agent rodney scott" / "rodney scott")."""
    short, long = sorted((a, b), key=len)
    extra = long[: len(long) - len(short)]
    return (
        len(short) >= 2
        and long[len(extra) :] == short
        and all(w in NAME_TITLES or w in PERSON_ROLES or w in _RANKS for w in extra)
    )


_RANKS = frozenset({"agent", "patrol", "border", "former", "acting", "senior", "assistant"})


COPIED_WORDS = 15  # a sentence this long, word for word in two outlets, was copied
COPIED_SHARE = 0.9  # ...or this much of it in the same order (a word changed or added)


_Long = tuple[str, list[str], Claim]  # (unit, words, statement) of a long statement


def _copied_units(own: Sequence[_Long]) -> dict[str, str]:
    """Unit -> the first unit whose statement its own statement copies (``own``: the long
    statements that credit no source): two outlets that print one sentence of 15 words or
    more word for word (or all but a tenth of it), each in its own voice, took it from one
    place (a wire story neither credits), so they are one origin, not two that confirm each
    other."""
    first: dict[str, str] = {}
    for n, (unit, words, _) in enumerate(own):
        for earlier, seen, _ in own[:n]:
            if unit in first:
                break
            if earlier != unit and _copies(words, seen):
                first[unit] = first.get(earlier, earlier)
    return first


def _copies_of_credited(own: Sequence[_Long], cited: Sequence[_Long]) -> dict[str, Claim]:
    """Own-voice statement id -> the statement of another outlet it copies that credits a
    source (``own`` and ``cited``: the long statements that credit none, and one): a
    sentence of 15 words or more printed word for word (or all but a tenth of it), credited
    by one outlet ("…, according to AFP") and not by the other, came from that source
    through both."""
    out: dict[str, Claim] = {}
    for unit, words, claim in own:
        for other_unit, seen, source in cited:
            if other_unit != unit and _copies(words, seen):
                out[claim.id] = source
                break
    return out


def _long_sentences(
    claims: Sequence[Claim], unit_of: Mapping[str, str], *, credited: bool
) -> list[_Long]:
    """(unit, words, statement) of each statement of ``COPIED_WORDS`` words or more that
    credits a source (``credited``) or none."""
    out = []
    for claim in claims:
        words = re.findall(r"\w+", claim.text.casefold())
        if bool(claim.attributed_to) == credited and len(words) >= COPIED_WORDS:
            out.append((unit_of.get(claim.article, claim.article), words, claim))
    return out


def _copies(words: list[str], seen: list[str]) -> bool:
    """Whether one sentence prints another word for word, or all but a tenth of it."""
    return words == seen or _similar(words, seen) >= COPIED_SHARE


def _similar(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def group_provenance(
    claims: Sequence[Claim],
    outlet_of: Mapping[str, str],
    unit_of: Mapping[str, str],
    names: SourceNames,
) -> tuple[list[str], int]:
    """``(primary_sources, independent_sources)`` of a group of aligned claims.

    ``primary_sources`` names the group's independent origins, one name each, so the count
    is ``len(primary_sources)`` and every number in a report traces to the names behind it.
    ``outlet_of`` and ``unit_of`` map article ids to outlet names and to the id of the
    duplicate group the article belongs to (itself when it has no copies).

    Chains are followed to their origin (outlet <- agency <- person: the person). An outlet
    (or its wire-copy group) that names a source for the claim relays it, so its own voice
    is no second origin; an outlet that names none is its own source. Unnamed sources
    ("Russian news outlets", or an outlet's own "reportedly") most likely relay a named
    source of the same group, so they do not count when one is named; an outlet named as
    the source by another is the same origin as that outlet's own voice.
    """
    attributed: dict[str, list[tuple[str, str, bool]]] = {}  # unit -> (key, name, vague)
    own: dict[str, list[tuple[str, str, bool]]] = {}
    own_acts: dict[str, set[str]] = {}  # unit -> keys of who did what it tells in its voice
    uncredited = _long_sentences(claims, unit_of, credited=False)
    copied = _copied_units(uncredited)
    credited = _copies_of_credited(uncredited, _long_sentences(claims, unit_of, credited=True))
    for claim in claims:
        outlet = outlet_of.get(claim.article, claim.article)
        unit = unit_of.get(claim.article, claim.article)
        if claim.id in credited:  # its own voice prints what another outlet credits
            claim = credited[claim.id]
        if claim.attributed_to:
            source = primary_source(claim, outlet, names)
            entry = ("source:" + source_key(source), source, is_vague(source))
            attributed.setdefault(unit, []).append(entry)
        else:
            unit = copied.get(unit, unit)
            own.setdefault(unit, []).append(("unit:" + unit, outlet, claim.hedged))
            doer = claim.arguments.get("agent")
            if doer is not None and names.is_body(doer.text):
                own_acts.setdefault(unit, set()).add(source_key(names.canonical(doer.text)))
    origins: dict[str, tuple[str, bool]] = {}  # key -> (name, vague), first seen first
    units = [unit_of.get(c.article, c.article) for c in claims]
    for unit in dict.fromkeys(units):
        for key, name, vague in attributed.get(unit) or own.get(unit, []):
            seen = origins.get(key)
            origins[key] = (seen[0] if seen else name, (seen[1] if seen else True) and vague)
    origins = _kept_once(origins, _one_person)
    origins = _kept_once(origins, lambda key, _n, kept, _k: _one_body(key, kept), longer=True)
    # a body and the person who speaks for it (its spokesman, press secretary or official,
    # see .backing.speaks_for): "the Kremlin said" and "Peskov, the Kremlin's spokesman, said"
    origins = _kept_once(
        origins,
        lambda _k, name, _kk, other: names.voice_of(name, other) or names.voice_of(other, name),
    )
    if any(not vague for k, (_, vague) in origins.items() if k.startswith("source:")):
        origins = {k: v for k, v in origins.items() if not v[1]}
    # an outlet named as the source by another is the same origin as its own voice
    for unit, entries in own.items():
        outlet = entries[0][1]
        if "source:" + source_key(outlet) in origins and unit not in attributed:
            origins.pop("unit:" + unit, None)
    # an outlet that tells in its own voice what a body did, when another outlet credits
    # that body with the words, relays them: "Microsoft has issued a patch" beside
    # "Microsoft said it issued a patch" is one origin, Microsoft (what a person did, as
    # "VanDeest scored 13 points", is no word of theirs)
    for unit, doers in own_acts.items():
        if unit not in attributed and any(
            k == "source:" + d or (k.startswith("source:") and _one_body("source:" + d, k))
            for k in origins
            for d in doers
        ):
            origins.pop("unit:" + unit, None)
    primaries = list(dict.fromkeys(name for name, _ in origins.values()))
    return primaries, len(primaries)
