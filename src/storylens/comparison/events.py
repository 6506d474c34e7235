"""Event classes: predicates that name the same kind of happening in news text.

Outlets rarely repeat each other's verbs: one writes that a leader *left* the country,
another that he *departed*; a club *hired* a coach or *named* him; a man was *detained*
or *arrested*. Claim alignment treats two claims whose predicates fall in one class as
describing the same kind of event, which counts only together with shared participants
(see :mod:`.align`). Verbs and the nouns reporters use for the same events are listed
together ("quake" and "earthquake" with "strike"), by their lemma.

Classes group near-synonyms only: opposite directions of one transfer (give / receive)
are one class because both sides state the same event; opposite outcomes (win / lose,
rise / fall) are different classes.
"""

from __future__ import annotations

_CLASSES = (
    "leave depart exit quit flee escape",
    "arrive land reach return",
    "meet talk confer negotiate summit",
    "visit tour travel trip",
    "give gift present hand donate offer provide deliver receive get award grant",
    "sign ink conclude seal agreement deal treaty accord",
    "kill slay murder assassinate execute death",
    "die perish dead",
    "injure wound hurt injury",
    "arrest detain apprehend nab capture custody",
    "charge indict accuse allege",
    "convict sentence jail imprison prison verdict",
    "shoot fire gun shooting gunfire",
    "attack strike hit bomb raid assault bombing airstrike",
    "hire appoint name tap choose select pick nominate appointment",
    "sack dismiss oust remove",
    "resign step retire resignation",
    "win beat defeat victory triumph clinch",
    "lose loss",
    "buy acquire purchase acquisition takeover",
    "sell sale divest",
    "trade exchange swap barter",
    "announce unveil launch release introduce reveal debut",
    "rise climb increase jump gain surge soar grow",
    "fall drop decline plunge slump sink tumble slide",
    "quake earthquake tremor temblor",
    "erupt eruption",
    "crash collide collision wreck derail",
    "check enter admit rehab",
    "deny refute",
    "sue lawsuit suit",
    "kidnap abduct abduction hostage",
    "rescue save evacuate",
    "elect vote election poll",
    "marry wed wedding",
    "divorce split separate",
    "blaze burn wildfire",
    "flood inundate",
    "storm hurricane typhoon cyclone",
    "protest demonstrate rally march",
    "close shut shutdown",
    "open reopen",
    "build construct",
    "destroy demolish raze",
    "ban prohibit outlaw",
    "approve pass adopt ratify",
    "block veto reject",
    "suspend halt freeze pause postpone delay defer",
    "overturn reverse rescind revoke repeal undo lift",
    "restore reinstate reimpose",
    "praise welcome applaud hail laud commend",
    "criticize criticise slam condemn denounce decry lambaste",
    "order instruct direct command",
    "investigate probe examine investigation inquiry",
    "warn caution warning",
    "promise pledge vow",
    "cut reduce slash lower trim",
    "impose levy",
    "exempt spare exemption",
    "extend prolong extension",
    "steal rob loot heist theft robbery burglary",
    "resume restart",
    "acquit",
)


# classes one happening is often told by in turn ("was shot" / "was killed" / "died"; a
# quake that "destroyed" a town): two claims in different classes of one family may still
# state the same fact, two claims in different families do not
_FAMILIES = (
    "kill die injure shoot attack",
    "quake erupt crash blaze flood storm destroy",
    "leave arrive visit",
    "hire sack resign",
    "win lose",
    "rise fall",
    "buy sell trade",
)


# classes that tell the opposite of each other of one subject ("North Korea will suspend
# its tests" / "North Korea can resume testing"; "the council approved the plan" / "blocked
# the plan"): two claims of a story that share every word but the verb state two facts
_OPPOSITES = (
    "suspend resume",
    "impose overturn",
    "close open",
    "approve block",
    "praise criticize",
    "build destroy",
    "convict acquit",
)


# phrasal predicates whose first word names another event ("pass away" is not "pass")
_PHRASES = {
    "pass away": "die",
    "gun down": "kill",
    "shoot dead": "kill",
    "step down": "resign",
    "hand over": "give",
    "turn over": "give",
    "open fire": "shoot",
    "blow up": "bomb",
    "track down": "arrest",
    "round up": "arrest",
    "lock up": "jail",
    "touch down": "land",
    "pull out": "leave",
    "walk out": "leave",
    "lay off": "sack",
}


def _table() -> dict[str, int]:
    table: dict[str, int] = {}
    for n, words in enumerate(_CLASSES):
        for word in words.split():
            table.setdefault(word, n)  # a word listed twice keeps its first class
    return table


_CLASS_OF = _table()


def event_class(predicate: str) -> str:
    """The event class of a predicate lemma ("depart" -> "event0", "pass away" -> the class
    of "die", "be dead" -> the class of "dead"), else its first word."""
    words = predicate.casefold().split()
    if not words:
        return ""
    head = _PHRASES.get(" ".join(words[:2]), words[0])
    if head == "be" and len(words) > 1:  # "be dead", "be injured": the complement's event
        head = words[1]
    found = _CLASS_OF.get(head)
    return f"event{found}" if found is not None else words[0]


def _families() -> dict[str, int]:
    out: dict[str, int] = {}
    for n, members in enumerate(_FAMILIES):
        for word in members.split():
            out[event_class(word)] = n
    return out


_FAMILY_OF = _families()


def event_family(predicate: str) -> str:
    """The family of a predicate's event class (see ``_FAMILIES``): its class when the class
    has no family, "" when the predicate is in no class."""
    kind = event_class(predicate)
    if not kind.startswith("event"):
        return ""
    found = _FAMILY_OF.get(kind)
    return f"family{found}" if found is not None else kind


# predicates that say their event does not or will not happen ("is unlikely to meet the
# Queen", "failed to pass"): for matching, such a claim has the polarity of a negated one
# ("will not meet", "did not pass"). Verbs that refuse or deny something are left out: "was
# refused permission" and "was unable to get permission" state one fact
_DENYING = frozenset({"unlikely", "fail"})


def denies_event(predicate: str) -> bool:
    """Whether ``predicate`` (a lemma, "be unlikely") says its event does not happen."""
    words = predicate.casefold().split()
    if words[:1] == ["be"]:
        words = words[1:]
    return bool(words) and words[0] in _DENYING


def _opposite_classes() -> frozenset[frozenset[str]]:
    out = set()
    for pair in _OPPOSITES:
        first, second = pair.split()
        out.add(frozenset({event_class(first), event_class(second)}))
    return frozenset(out)


_OPPOSITE_CLASSES = _opposite_classes()


def opposite_events(a: str, b: str) -> bool:
    """Whether event classes ``a`` and ``b`` (see :func:`event_class`) tell opposite
    happenings ("suspend" / "resume", "approve" / "block"; see ``_OPPOSITES``)."""
    return frozenset({a, b}) in _OPPOSITE_CLASSES


def denied(negated: bool, predicate: str) -> bool:
    """Whether a claim (its ``negated`` flag and ``predicate``) says its event does not
    happen: "will not meet", "is unlikely to meet"; "is not unlikely to meet" does not."""
    return negated != denies_event(predicate)
