"""Stand-alone date lines in scraped text ("September 17, 2023" -> 2023-09-17).

Only a line that is nothing but a date (optionally "Published", a weekday, a
time of day) counts: a date inside a sentence is never taken as the
publication date.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,?\s+)?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# a time of day: "10:15 AM", "22.34", "2 A.M."; a scrape may space the colon ("5: 03pm")
_CLOCK = (
    r"(?:\d{1,2}[:.]\s?\d{2}(?::\d{2})?\s*(?:[ap]\.?(?:m\b\.?)?)?|\d{1,2}\s*[ap]\.?m\b\.?)"
    r"(?:\s*\(?(?:[A-Z]{2,5}|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)\)?)?"
)
_TIME = rf"(?:\s*(?:,|at|-|–|—|\||@|(?:last\s+)?updated(?:\s+at)?)?\s*{_CLOCK})?"
# a time before the date ("12:52 p.m. EDT May 2, 2013", "9:53 AM, MON 22 JUL 2013")
_LEAD_TIME = rf"(?:{_CLOCK}\s*[,|]?\s*)?"
_PREFIX = (
    r"^(?P<prefix>(?:published|posted|first published|first posted|date|created|story created"
    r"|article created|published time|for immediate release|on)(?:\s+on)?\s*[:|-]?\s*)?"
)
_DATE_FORMS = (
    rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    r"(?P<iso>(?P<iy>(?:19|20)\d\d)\s?-\s?(?P<im>\d\d)\s?-\s?(?P<id>\d\d))"
    r"(?:[T ]\d\d:\d\d(?::\d\d)?\S*)?",
    # "2012.08.08", "2012/08/08": year first, so never a day-month or month-day guess
    r"(?P<iso>(?P<iy>(?:19|20)\d\d)(?P<sep>[./])(?P<im>\d\d)(?P=sep)(?P<id>\d\d))",
    # "10/25/11", "25/10/2011": taken only when one number cannot be a month
    r"(?P<num>(?P<na>\d{1,2})\s?/\s?(?P<nb>\d{1,2})\s?/\s?(?P<ny>(?:19|20)?\d\d))",
)
# the time the page was changed, after the date it was first put up ("… ET Updated: …")
_LATER = r"(?:\s*[,|]?\s+(?:last\s+)?updated\s*:?\s+\S.*)?"
DATE_LINES = tuple(
    re.compile(rf"{_PREFIX}{_LEAD_TIME}{form}{_TIME}{_LATER}\s*\.?$", re.IGNORECASE)
    for form in _DATE_FORMS
)


def _build(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _numeric(first: str, second: str, year: str) -> str | None:
    """A date written in numbers only, month and day in either order: the one that cannot
    be a month is the day ("10/25/11" is 25 October 2011); None when both could be."""
    a, b = int(first), int(second)
    if a != b and a <= 12 and b <= 12:
        return None  # "05/06/11": May 6 in the US, 5 June in Britain
    month, day = (b, a) if a > 12 else (a, b)
    full = int(year) if len(year) == 4 else 2000 + int(year) if int(year) < 70 else 1900 + int(year)
    return _build(str(full), str(month), str(day))


def parse_date_line(line: str) -> str | None:
    """The ISO date stated by a line that is only a date, else None."""
    line = line.strip()
    if len(line) > 80:
        return None
    for pattern in DATE_LINES:
        match = pattern.match(line)
        if not match:
            continue
        if match.groupdict().get("iso"):
            return _build(match["iy"], match["im"], match["id"])
        if match.groupdict().get("num"):
            return _numeric(match["na"], match["nb"], match["ny"])
        month = _MONTHS[match["month"].lower()[:3]]
        return _build(match["year"], str(month), match["day"])
    return None


def ambiguous_date_line(line: str) -> bool:
    """Whether a line is only a date in numbers whose day and month could be either
    ("Posted 2 / 3 / 2009 11:11 PM"): a page's stamp, though no date can be read off it."""
    line = line.strip()
    return (
        len(line) <= 80
        and parse_date_line(line) is None
        and any((m := p.match(line)) and m.groupdict().get("num") for p in DATE_LINES)
    )


def split_trailing_date(line: str) -> tuple[str, str | None]:
    """Split "By Jane Roe | March 3, 2024" into ("By Jane Roe", "2024-03-03")."""
    for sep in ("|", "·", "•", " - ", " – ", " — ", ","):
        head, found, tail = line.rpartition(sep)
        if found and head.strip():
            date = parse_date_line(tail)
            if date is None and sep == ",":
                # "By Jane Roe, March 3, 2024": the date itself holds a comma
                head2, found2, tail2 = head.rpartition(",")
                if found2 and head2.strip():
                    date = parse_date_line(f"{tail2},{tail}")
                    if date:
                        return head2.strip(), date
            if date:
                return head.strip(), date
    return line, None
