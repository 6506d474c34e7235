"""Time expressions: find them and resolve them against the article's publication date.

Absolute dates ("September 13, 2023", "14 March 2026", "June 2019", "2019") resolve on their
own. Relative ones ("on Sunday", "yesterday", "last week", "this weekend", "in July") resolve
against :attr:`Article.published`; news is written in the past tense, so a bare weekday is the
most recent such day on or before the publication date. With no publication date, relative
expressions stay unresolved (``resolved=None``): a date is never guessed.

Resolutions are ISO strings of varying precision: ``2023-09-17`` (day), ``2023-W37`` (ISO week),
``2023-09`` (month), ``2023`` (year). Durations ("two days", "for months") are quantities, not
times, and are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from storylens.types import Article, TimeExpression

if TYPE_CHECKING:  # the month and weekday tables are read where spaCy is not imported
    from spacy.tokens import Doc

STAGE = "dates.rules.v1"

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
#: time zones a clock time or a page's time stamp names ("06:00 BST"), folded
TIME_ZONES = frozenset(
    """gmt utc et est edt pst pdt cst cdt mst mdt hst akst akdt bst wet cet cest eet eest msk
    ist jst kst hkt sgt pht aest aedt awst nzst nzdt sast wat eat""".split()  # noqa: SIM905
)

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

# Candidate patterns over the raw text, most specific first. Each names its groups.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    (
        "my",
        re.compile(
            rf"\b(?:(?P<prep>in|since|during|until|by|early|late|mid)-?\s*)?{_MONTH}\s+(?:of\s+)?{_YEAR}\b",
            re.I,
        ),
    ),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\s*\d)", re.I)),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:1[89]|20)\d\d)", re.I)),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<mod>last|this|next|earlier|late|early)\s+)?{_WEEKDAY}\b", re.I),
    ),
    (
        "rel_day",
        re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight|this morning|last night)\b", re.I),
    ),
    (
        "rel_period",
        re.compile(
            r"\b(?P<mod>last|this|next|past|previous|coming)\s+"
            r"(?P<unit>week(?:end)?|month|year)\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            r"\b(?P<prep>in|since|during|until|by|early|late|mid-?)\s+"
            r"(?P<month>january|february|march|april|may|june|july|august|september|october"
            r"|november|december)\b(?!\s+[0-3]?\d\b)",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b")),
    ("year", re.compile(r"\b(?P<prep>in|since|during|until|by|early|late)\s+" + _YEAR + r"\b")),
]


def _parse_published(article: Article) -> dt.date | None:
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: dt.date, mod: str = "") -> dt.date:
    """The weekday nearest the publication date in the direction the modifier implies.

    Bare or "last"/"earlier" weekdays look back (most recent such day on or before the
    publication date; "last" excludes the publication day itself); "next" looks forward.
    """
    mod = mod.lower()
    if mod == "next":
        delta = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=delta)
    delta = (published.weekday() - weekday) % 7
    if mod == "last" and delta == 0:
        delta = 7
    return published - dt.timedelta(days=delta)


def _resolve_month_day(month: int, day: int, published: dt.date | None) -> str | None:
    """A day and month without a year: the occurrence closest to the publication date."""
    if published is None:
        return None
    cands = [_safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    valid = [c for c in cands if c is not None]
    if not valid:
        return None
    return min(valid, key=lambda c: abs((c - published).days)).isoformat()


def _resolve_month(month: int, published: dt.date | None, prep: str) -> str | None:
    if published is None:
        return None
    year = published.year
    if month > published.month and prep.lower() not in {"until", "by"}:
        year -= 1
    return f"{year}-{month:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def _resolve_period(mod: str, unit: str, published: dt.date | None) -> str | None:
    if published is None:
        return None
    mod, unit = mod.lower(), unit.lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[mod]
    if unit == "week":
        return _iso_week(published + dt.timedelta(weeks=step))
    if unit == "weekend":
        monday = published - dt.timedelta(days=published.weekday())
        saturday = monday + dt.timedelta(days=5 + 7 * step)
        return saturday.isoformat()
    if unit == "month":
        year, month = _shift_month(published, step)
        return f"{year}-{month:02d}"
    return str(published.year + step)


_AGO_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_AGO_WORDS.update({"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10})


def _resolve_ago(n: str, unit: str, published: dt.date | None) -> str | None:
    if published is None:
        return None
    count = int(n) if n.isdigit() else _AGO_WORDS.get(n.lower(), 0)
    unit = unit.lower()
    if unit == "day":
        return (published - dt.timedelta(days=count)).isoformat()
    if unit == "week":
        return _iso_week(published - dt.timedelta(weeks=count))
    if unit == "month":
        year, month = _shift_month(published, -count)
        return f"{year}-{month:02d}"
    return str(published.year - count)


def _resolve_numeric(groups: dict[str, str | None]) -> str | None:
    """dd/mm/yyyy or mm/dd/yyyy: resolved only when the reading is unambiguous."""
    a, b, year = int(groups["a"] or 0), int(groups["b"] or 0), int(groups["year"] or 0)
    if a == b or (a <= 12 and b <= 12):
        d = _safe_date(year, a, b) if a == b else None
    elif a > 12:
        d = _safe_date(year, b, a)
    else:
        d = _safe_date(year, a, b)
    return d.isoformat() if d else None


def _resolve(kind: str, groups: dict[str, str | None], published: dt.date | None) -> str | None:
    month = MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    if kind == "iso":
        month = int(groups["month"] or 0)
    if kind in {"iso", "mdy", "dmy"} and month:
        d = _safe_date(int(groups["year"] or 0), month, int(groups["day"] or 0))
        return d.isoformat() if d else None
    if kind == "my" and month:
        return f"{groups['year']}-{month:02d}"
    if kind in {"md", "dm"} and month:
        return _resolve_month_day(month, int(groups["day"] or 0), published)
    if kind == "weekday":
        if published is None:
            return None
        wd = WEEKDAYS[(groups["weekday"] or "").lower()]
        return resolve_weekday(wd, published, groups.get("mod") or "").isoformat()
    if kind == "rel_day":
        if published is None:
            return None
        word = (groups["word"] or "").lower()
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return (published + dt.timedelta(days=offset)).isoformat()
    if kind == "rel_period":
        return _resolve_period(groups["mod"] or "", groups["unit"] or "", published)
    if kind == "month" and month:
        return _resolve_month(month, published, groups.get("prep") or "")
    if kind == "year":
        return groups["year"]
    if kind == "ago":
        return _resolve_ago(groups["n"] or "", groups["unit"] or "", published)
    if kind == "numeric":
        return _resolve_numeric(groups)
    return None


@lru_cache(maxsize=4096)
def _dateparser_resolve(text: str, published: str | None) -> str | None:
    """Fallback for date entities the patterns do not cover (slow: candidates only, cached)."""
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "STRICT_PARSING": True}
    if published:
        base = dt.datetime.fromisoformat(published[:10])
        settings["RELATIVE_BASE"] = base
    elif not re.search(r"\b(?:1[89]|20)\d\d\b", text):
        return None
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None


_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d\d){1,2}\b")
_DURATION = re.compile(
    r"^(?:for\s+|about\s+|some\s+|nearly\s+|almost\s+|over\s+|more than\s+)?"
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|a few)"
    r"[\s-]+(?:day|week|month|year|hour|minute|decade)s?\b",
    re.I,
)


def resolve_expression(text: str, published: str | None) -> str | None:
    """Resolve one time expression's text against an ISO publication date (or None)."""
    pub = _parse_published(Article(id="", outlet="", text="", published=published))
    for kind, pattern in _PATTERNS:
        m = pattern.search(text)
        if m:
            return _resolve(kind, m.groupdict(), pub)
    return None


def find_times(doc: Doc, article: Article) -> list[TimeExpression]:
    """Every point-in-time expression in ``doc`` with its resolution (or None)."""
    from storylens.analyse.columns import doc_ents, doc_text, seed_text

    published = _parse_published(article)
    seed_text(doc, article.text)
    text = doc_text(doc)
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if not free(start, end):
                continue
            month_word = m.groupdict().get("month") or ""
            if month_word and kind != "iso" and not month_word[0].isupper():
                continue  # news capitalises months; "may", "march" are usually verbs
            if kind == "month" and month_word.lower() == "may":
                continue  # the modal verb "May ..." opens sentences far more often
            if kind in {"md", "dm"} and not _date_context(doc, start, end):
                continue
            start = _skip_preposition(text, start, m)
            taken.append((start, end))
            resolved = _resolve(kind, m.groupdict(), published)
            found.append(TimeExpression(article.id, start, end, text[start:end], resolved))
    for ent in doc_ents(doc):
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        start, end = ent.start_char, ent.end_char
        if not free(start, end) or _DURATION.match(ent.text):
            continue
        if not any(c.isalpha() for c in ent.text):
            continue
        if not re.search(r"\d|ago|later|earlier", ent.text, re.I):
            continue
        resolved = None
        if _NUMERIC_DATE.search(ent.text) or re.search(r"\b(?:ago|later)\b", ent.text, re.I):
            pub_iso = published.isoformat() if published else None
            resolved = _dateparser_resolve(ent.text, pub_iso)
        taken.append((start, end))
        found.append(TimeExpression(article.id, start, end, ent.text, resolved))
    found.sort(key=lambda t: t.start)
    return found


def _skip_preposition(text: str, start: int, m: re.Match[str]) -> int:
    """Drop a leading "in"/"since" so the span covers the date itself."""
    prep = m.groupdict().get("prep")
    if prep and text[start : start + len(prep)].lower() == prep.lower() and " " in m.group(0):
        rest = start + len(prep)
        while rest < len(text) and text[rest] in " -":
            rest += 1
        if prep.lower() in {"in", "since", "during", "until", "by"}:
            return rest
    return start


def _date_context(doc: Doc, start: int, end: int) -> bool:
    """A bare "March 4" / "4 March" is a date unless the month word is a verb ("march 20 km")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    return not any(t.pos_ == "VERB" for t in span)


# besides month and weekday names: what a page's time stamp says around them
_STAMP_WORDS = TIME_ZONES | frozenset(
    """mon tue wed thu fri sat sun am pm a m p updated posted published last st nd rd th on
    at first originally modified edited uk local time hrs""".split()  # noqa: SIM905
)
_DAY_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
_TIME_WORDS = _DAY_WORDS | _STAMP_WORDS
STAMP_NAMES = 3  # names a time stamp line may carry: an agency, a place, "FOR IMMEDIATE RELEASE"


def only_a_time(body: str, names: int = 0) -> bool:
    """A line that only stamps a date or time ("May 2, 2013, 1:12 PM", "Updated 14:05 GMT"):
    no statement, though the page printed it between paragraphs. With ``names``, up to that
    many capitalised words besides (a line no claim was read in: "Reuters Sep 18, 2013,
    02.16PM IST", "WASHINGTON, DC, April 28, 2009", "FOR IMMEDIATE RELEASE July 13, 2009")."""
    words = re.findall(r"[^\W\d_]+", body)
    other = [w for w in words if w.casefold() not in _TIME_WORDS]
    return (
        len(other) <= names
        and all(w[0].isupper() for w in other)
        and any(c.isdigit() for c in body)
        # names beside a day or month only: "Obama Wins 2012 Race" is a headline
        and (not other or any(w.casefold() in _DAY_WORDS for w in words))
    )
