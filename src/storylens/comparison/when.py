"""The time a group's wording tells, and whether each outlet that states the wording gives it.

Outlets tell one fact with different times or none: "Flynn was charged in December with
lying to the FBI" beside "Flynn, who has already been charged with lying" and "who has
pleaded guilty to lying to the FBI". Cited to all three, the wording would state a month
that only one of them reports. A time (the claim's ``time`` argument: "December",
"Friday", "yesterday", "last week") that not every backer gives, in its words or as the
same resolved date, is left out of the wording (:func:`unheld_time`), with the word that
opens it ("in December"). A time that carries the fact ("since 2020", "by Friday", "until
June") or a figure (checked on its own: :func:`.backing.figures`) is never left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storylens.analyse.dates import MONTHS, WEEKDAYS
from storylens.analyse.quotemarks import quote_open
from storylens.comparison.features import date_of, dates_differ
from storylens.types import Claim

_WORD = re.compile(r"\w+")
# words before a time that the fact needs ("since 2020", "by Friday", "from Monday"), or
# that the time is the object of ("information about this morning's fire")
_BOUNDING = frozenset(
    {"since", "until", "till", "by", "before", "after", "from", "to", "through", "between", "of"}
) | {"about", "for", "with", "than", "over", "within", "like", "as"}  # or a phrase's object
# the words of a time that say which day or month it is; others ("last week") count whole
_DAY_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"yesterday", "today", "tonight"}


def time_words(text: str) -> set[str]:
    """The words of a time a backer must give: its days and months ("Tuesday" of "Tuesday
    morning"), else all of them ("last week")."""
    words = {w.casefold() for w in _WORD.findall(text)}
    return (words & _DAY_WORDS) or (words - {"the", "this", "that"})


def gives_time(time: Claim, words: set[str], backer: Claim) -> bool:
    """Whether ``backer`` gives the time of ``time`` (a claim with a ``time`` argument):
    each of its ``words``, a month or weekday also by its short form ("Dec." for
    "December"), or the same resolved date."""
    mine, theirs = date_of(time), date_of(backer)
    if mine and theirs and not dates_differ(mine, theirs) and len(mine) == len(theirs):
        return True
    held = {w.casefold() for w in _WORD.findall(backer.text)}
    return all(
        w in held or ((w in MONTHS or w in WEEKDAYS) and any(_short_for(h, w) for h in held))
        for w in words
    )


def _short_for(short: str, name: str) -> bool:
    """Whether ``short`` is the short form of a month or weekday ``name`` ("dec", "tues")."""
    return 3 <= len(short) < len(name) and name.startswith(short) and short != "mar"


def unheld_time(
    claim: Claim, wording: str, backers: Sequence[Claim], statement: Claim | None = None
) -> tuple[int, int] | None:
    """The span (in the article) of the time ``wording`` tells, with the word that opens
    it, when some of ``backers`` (the other outlets' statements that state the wording) do
    not give it, and leaving it out leaves the rest a sentence; else ``None``. ``statement``
    is the sentence ``claim`` is a part of: a time inside its quotation stays too."""
    time = claim.arguments.get("time")
    if time is None or not backers or any(ch.isdigit() for ch in time.text):
        return None
    if not claim.start <= time.start < time.end <= claim.end or time.text not in wording:
        return None
    words = time_words(time.text)
    if not words or all(gives_time(claim, words, b) for b in backers):
        return None
    start, end = time.start, time.end
    # the words around it that are part of it: "late yesterday", "Saturday morning"
    for _ in range(2):
        if m := _PLACING_BEFORE.search(claim.text[: start - claim.start]):
            start = claim.start + m.start()
    if m := _PART_OF_DAY.match(claim.text, end - claim.start):
        end = claim.start + m.end()
    before = claim.text[: start - claim.start]
    # the word the time is governed by, past its article ("over the past year")
    last = next((w for w in reversed(before.casefold().split()) if w not in {"the", "a"}), "")
    said = statement.text[: max(0, start - statement.start)] if statement else before
    if last in _BOUNDING or not before.strip() or quote_open(before) or quote_open(said):
        return None  # a quotation stays verbatim
    if claim.text[end - claim.start : end - claim.start + 1].isalnum():
        return None  # it runs into a word
    return start, end


_PLACING_BEFORE = re.compile(
    r"(?<![\w-])(?:in|on|at|during|early|late|earlier|later|this|last)\s+$", re.IGNORECASE
)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)


def without(wording: str, claim: Claim, span: tuple[int, int]) -> str:
    """``wording`` (of ``claim``) with the text at ``span`` (a time and its opener) left out
    once, and a comma left alone by it: "was charged in December with lying" -> "was
    charged with lying"."""
    text = claim.text[span[0] - claim.start : span[1] - claim.start]
    at = wording.find(text)
    if at < 0:
        return wording
    head, tail = wording[:at].rstrip(), wording[at + len(text) :].lstrip()
    if head.endswith(",") and tail.startswith(","):
        tail = tail[1:].lstrip()
    return f"{head} {tail}" if tail[:1].isalnum() or tail[:1] in "“\"‘'(" else f"{head}{tail}"
