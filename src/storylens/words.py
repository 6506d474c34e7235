"""English function words, by kind: the one list every stop-word set is drawn from.

Each site that skips words builds its own set from these kinds and names its own
purpose-specific additions (reporting verbs, counters, "outlets") where it builds it, so a
reader sees at a glance what that site skips and why. Lower case throughout; callers
fold case before looking a word up.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARTICLES = _words("a an the")
COORDINATORS = _words("and or but nor")
#: the prepositions every stop list here skips
CORE_PREPOSITIONS = _words("of to in on at by for with from")
PREPOSITIONS = CORE_PREPOSITIONS | _words(
    "as into over about after before under above during upon via per through between "
    "against until below"
)
#: conjunctions that open a clause
SUBORDINATORS = _words("than if because while when where")
DEMONSTRATIVES = _words("this that these those")
SUBJECT_PRONOUNS = _words("i you he she it we they")
OBJECT_PRONOUNS = _words("me him her us them")
POSSESSIVES = _words("my your his her its our their")
RELATIVES = _words("who whom whose which what")
BE = _words("be been being is are was were")
HAVE = _words("has have had")
DO = _words("do does did done")
MODALS = _words("will would can could should may might must shall")
QUANTIFIERS = _words("some any all each every both no more most less few several other another")
NEGATIONS = _words("not no nor")

#: words that open a noun phrase ("the", "his", "this", "several")
DETERMINERS = ARTICLES | POSSESSIVES | DEMONSTRATIVES | QUANTIFIERS

#: the words every stop list here skips: articles, "and"/"or" and the commonest prepositions
CORE = ARTICLES | _words("and or") | CORE_PREPOSITIONS

#: every function word above
FUNCTION_WORDS = (
    ARTICLES
    | COORDINATORS
    | SUBORDINATORS
    | PREPOSITIONS
    | DEMONSTRATIVES
    | SUBJECT_PRONOUNS
    | OBJECT_PRONOUNS
    | POSSESSIVES
    | RELATIVES
    | BE
    | HAVE
    | DO
    | MODALS
    | QUANTIFIERS
    | NEGATIONS
)

_NEGATION = re.compile(
    r"\b(?:no|not|cannot|never|none|nobody|nothing|nowhere|neither|nor|without|den(?:y|ies|ied))\b"
    r"|n['’]t\b",
    re.IGNORECASE,
)


def says_no(text: str) -> bool:
    """Whether ``text`` carries a word of negation or denial ("not", "never", "denied",
    "didn't"): a denied claim whose own words have none reads as an assertion."""
    return bool(_NEGATION.search(text))


#: abbreviated titles written before a name ("Sgt. Vell", "Dist. Atty. Cooley"), as written
TITLE_ABBREVIATIONS = tuple(
    sorted(
        _words(
            "Sgt. Lt. Capt. Cpl. Pvt. Det. Insp. Supt. Col. Maj. Brig. Cmdr. Amb. Atty. Dist. "
            "Asst. Dep. Hon. Pres. Ald. Supv. Cmsr. Msgr. Fr."
        )
    )
)

#: a full stop that ends an abbreviation, not a sentence ("Mr.", "Sgt.", "U.S.", an initial):
#: search it over the few characters up to and including the stop
ABBREVIATION_END = re.compile(
    r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|No|vs|U\.S)\.$"
)

#: the forms of "say" a news sentence reports speech with
SAY = _words("say says said")


def stem(word: str) -> str:
    """A crude stem, enough to tell that two texts use one word ("threatens" ~ "threatened",
    "issued" ~ "issues", "stopped" ~ "stops"): a common ending dropped, then a doubled final
    consonant or a final "e"."""
    low = word.lower().replace("’", "'")
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "ly", "s"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            low = low[: -len(suffix)]
            if low[-1] == low[-2] and low[-1] not in "aeiouls":
                low = low[:-1]  # "stopped" -> "stop"; "killed" -> "kill"
            break
    return low.removesuffix("e") if len(low) > 3 else low
