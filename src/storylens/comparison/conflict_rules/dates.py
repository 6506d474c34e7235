"""Dates: the same act on different days ("on 12 May" vs "on 14 May", "on Monday" vs "on
Wednesday")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from storylens.comparison.conflict_args import ClaimView, arg_value, roles_compatible
from storylens.comparison.conflict_rules import Findings, difference, rule
from storylens.types import Argument

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
# words that fix a day without the publication date: a month or a year
_EXPLICIT = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?|\b(?:1[89]|20)\d\d\b|"
    r"\d{1,2}[/.-]\d{1,2}",
    re.IGNORECASE,
)


@rule("dates", order=30, strict=True)
def dates(a: ClaimView, b: ClaimView, found: Findings) -> Iterator[dict[str, Any]]:
    ta, tb = arg_value(a.claim, "time"), arg_value(b.claim, "time")
    if ta is None or tb is None or a.claim.predicate.casefold() != b.claim.predicate.casefold():
        return
    if not roles_compatible(a.claim, b.claim, ("agent", "recipient", "theme")):
        return
    va, vb = _time_key(ta), _time_key(tb)
    if va is None or vb is None or va[0] != vb[0] or va[1] == vb[1]:
        return
    yield difference("time", a, ta, b, tb)


def _time_key(arg: Argument) -> tuple[str, str] | None:
    """What two times are compared by: the day, when the words give it (a month or a
    year: "on 8 October"); the weekday they name ("on Saturday"); else nothing. A day
    worked out from the publication date ("this morning", "on Saturday" of an article two
    weeks later) is not compared by its date: outlets publish on different days, and one
    quoting a statement keeps the statement's "this morning"."""
    value = arg.value if isinstance(arg.value, str) else None
    if value and _ISO.match(value) and _EXPLICIT.search(arg.text):
        return ("iso", value[:10])
    words = set(re.findall(r"[a-z]+", arg.text.casefold()))
    days = [d for d in _WEEKDAYS if d in words]
    if len(days) == 1:
        return ("weekday", days[0])
    return None
