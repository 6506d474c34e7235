"""Whose voice a rated word is in, and how it is used, read from the words around it.

Framing runs on the analyses, which keep no parse, so these rules read the text itself:

- **Reported words** (:func:`reported_spans`): what follows a verb of saying or believing
  whose subject is someone the outlet reports ("Critics argued that the plan badly hurt
  farmers", "a practice they consider cruel", "Rivals called the offer a cynical ploy") is
  that someone's position in the outlet's paraphrase, not the outlet's own judgement. The
  complement runs from the verb to the end of its sentence (see :func:`_complement_end`); a
  verb followed by a comma ("the plan, critics say, …"), a preposition ("said during a tense
  meeting") or a passive ("was considered") opens none, nor does one whose subject is the
  writer ("I", "we").
- **Word class in context** (:func:`reading`): a word that can be an adjective and a verb is
  read as an adjective before a noun or after a form of "be" or a degree word ("is amazing
  news", "not perfect", "the wrong direction"), and as a verb when it ends in "-ing" and an
  object or a preposition follows ("was celebrating his birthday", "staggering against a
  wall").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storylens.comparison.framing_words import can_be
from storylens.words import ARTICLES, BE, CORE_PREPOSITIONS, DEMONSTRATIVES, POSSESSIVES

STAGE = "framing.voice.v2"

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# a clause of report ends at . ! ? (and closing quotation marks) before a space, at a
# semicolon or at a line break
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)[.!?][\"'”’)]*\s|[;\n]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WRITER = frozenset({"i", "we"})
_DEGREE = _words(
    "very so too quite rather more most less least as how really extremely increasingly "
    "visibly clearly deeply still not never also already"
)
_COPULAS = BE | _words(
    "feel feels felt feeling seem seems seemed seeming look looks looked looking appear "
    "appears appeared become becomes became grow grows grew remain remains remained "
    "get gets got getting stay stays stayed"
)
_OBJECT_PRONOUNS = _words("me him her us them everyone everybody")
_COUNTS = _words(
    "two three four five six seven eight nine ten dozen dozens several many few both all "
    "other more most"
)
_OPENERS = ARTICLES | POSSESSIVES | DEMONSTRATIVES | frozenset({"that", "no", "any", "some"})
_PREPOSITIONS = CORE_PREPOSITIONS | _words(
    "during after before about over under into near against through since until while "
    "amid among despite without within around as upon"
)


def reported_spans(text: str, verbs: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of what a verb of saying or believing in ``verbs`` reports."""
    verb_set = frozenset(verbs)
    spans: list[tuple[int, int]] = []
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        if m.group().lower() not in verb_set or i == 0:
            continue
        before = words[i - 1]
        if text[before.end() : m.start()].strip():
            continue  # "the plan, critics say": punctuation, not a subject, before the verb
        if before.group().lower() in BE | _WRITER | _OPENERS | _COUNTS or before.group().isdigit():
            continue  # a passive ("was considered"), the writer's view, a noun ("the claim"),
            # an adjective ("two accused men")
        if i + 1 >= len(words):
            continue
        after = words[i + 1]
        gap = text[m.end() : after.start()]
        if gap.strip() or after.group().lower() in _PREPOSITIONS - {"that"}:
            continue  # "said, …", "said during …": no complement starts here
        end = _complement_end(text, m.start(), m.end())
        if end > after.start():
            spans.append((after.start(), end))
    return spans


def _complement_end(text: str, verb_start: int, verb_end: int) -> int:
    """Where what the verb reports ends: at its sentence's end, at a participle or a clause
    the sentence goes on with (", sparking an outcry", ", as fans cheered"), or at the comma
    that closes the clause the verb is in when that clause is a relative or a fronted one
    ("The mayor, who has long denied the claims, has …", "Since the board considers the site
    closed, …")."""
    stop = _SENTENCE_END.search(text, verb_end)
    end = stop.start() if stop else len(text)
    participle = _PARTICIPLE.search(text, verb_end, end)
    if participle:
        end = participle.start()
    joined = _JOINED_CLAUSE.search(text, verb_end, end)
    if joined:
        end = joined.start()
    if _OPENED_CLAUSE.search(text[_clause_start(text, verb_start) : verb_start]):
        comma = text.find(",", verb_end, end)
        if comma >= 0:
            end = comma
    return end


def _clause_start(text: str, at: int) -> int:
    window_start = max(0, at - 300)
    stops = list(_SENTENCE_END.finditer(text, window_start, at))
    return stops[-1].end() if stops else window_start


# ", sparking …": the sentence goes on about the reported act, in the outlet's words
_PARTICIPLE = re.compile(r",\s+(?:\w+ly\s+)?[a-z]+ing\b")
# ", as supporters cheered": a clause the sentence goes on with, in the outlet's words
_JOINED_CLAUSE = re.compile(
    r",\s+(?:as|while|when|whereas|after|before|but|although|though|until)\b", re.IGNORECASE
)
# the verb is inside ", who …" / ", which …" (no comma closing it yet) or a clause opened by
# a subordinator at the sentence's start
_OPENED_CLAUSE = re.compile(
    r"(?:,\s*(?:who|which|whose)\b[^,]*$)|"
    r"(?:^\W*(?:since|because|as|when|while|although|though|if|after|before|once|until)\b[^,]*$)",
    re.IGNORECASE,
)


def _previous_words(text: str, start: int, count: int) -> list[str]:
    """Up to ``count`` lower-case words right before ``start`` within its clause."""
    window = text[max(0, start - 80) : start]
    cut = max(window.rfind(c) for c in ".;:!?\n")
    words = _WORD.findall(window[cut + 1 :])
    return [w.lower() for w in words[-count:]]


def _next_word(text: str, end: int) -> str:
    m = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return m.group() if m else ""


def reading(text: str, start: int, end: int) -> str:
    """The word class the context gives the word at ``start:end`` when it can be an adjective
    and something else: "adj", "verb", or "" when the context does not tell."""
    low = text[start:end].lower()
    if not can_be(low, "adj"):
        return ""
    nxt = _next_word(text, end)
    before = _previous_words(text, start, 1)
    last = before[-1] if before else ""
    if low.endswith("ing") and can_be(low, "verb") and nxt.lower() in _VERB_OBJECTS:
        return "verb"  # "was celebrating his birthday", "staggering against a wall"
    if nxt.islower() and can_be(nxt, "noun") and nxt not in _OPENERS | _PREPOSITIONS:
        return "adj"  # "amazing news", "the wrong direction"
    if (last in _COPULAS or last in _DEGREE) and not low.endswith("ed"):
        return "adj"  # "is not perfect", "seemed risky"; "was blamed by" is a passive
    return ""


_VERB_OBJECTS = _OPENERS | _PREPOSITIONS | _OBJECT_PRONOUNS
