"""Markdown and plain-text scrapes: metadata lines out, debris out, paragraphs kept.

A scrape is a saved copy of an article page as text: a headline, maybe a
byline ("By [AFP](#)") and a date line, the body, and whatever else the
scraper picked up (photo credits, captions repeated as alt text, "Related
article:" links, follow/share lines, comment notices, an "Original url:"
trailer). :func:`parse_scrape` separates these; every line it takes out of
the text is recorded in ``removed`` with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storylens.datelines import DATELINE
from storylens.errors import EmptyInput
from storylens.ingestion import debris, markdown
from storylens.ingestion.build import Meta, make_article
from storylens.ingestion.dateline import (
    ambiguous_date_line,
    parse_date_line,
    split_trailing_date,
)
from storylens.ingestion.outlets import load_outlets
from storylens.settings import DEFAULT, Settings
from storylens.types import Article, Removed

HEADER_SCAN = 8  # non-empty lines at the top searched for headline, byline, date
TRAILER_SCAN = 6  # non-empty lines at the bottom searched for the source URL trailer
MAX_TITLE_CHARS = 250
MAX_TITLE_WORDS = 30
MAX_BYLINE_WORDS = 12
MAX_LEAD_IN = 2  # paragraphs between a headline and a dateline lead that are no body
MAX_LEAD_IN_WORDS = 60  # ...each this short at most

_TRAILER = re.compile(
    r"^(?:original\s+(?:url|link|article|source|story)|source\s+(?:url|link)|canonical\s+url"
    r"|read\s+the\s+original(?:\s+article)?(?:\s+(?:at|on))?|originally\s+published\s+(?:at|on))"
    r"\s*:?\s*(?P<url>https?://\S+)?\s*$",
    re.IGNORECASE,
)
_URL_LINE = re.compile(r"^<?(?P<url>https?://[^\s<>]+)>?$")
_BYLINE = re.compile(r"^(?:by|written\s+by|words\s+by|reporting\s+by)\s*:?\s+(?P<who>\S.*)$", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_UPDATED = re.compile(r"^(?:last\s+)?(?:updated|modified)(?:\s+on)?\s*[:|-]?\s*(?P<rest>.+)$", re.I)
MAX_SENTENCE_TITLE_WORDS = 20
# what a lead sentence carries and a headline rarely does: its day, a dateline, "said"
_LEAD_MARKS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today"
    r"|tonight|said|told)\b",
    re.IGNORECASE,
)
_SENTENCE_END = tuple(".!?…:;\"”’')]")


@dataclass(slots=True)
class Scrape:
    """What :func:`parse_scrape` found in one scraped text."""

    text: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)
    follow_names: list[str] = field(default_factory=list)  # "Follow X on Twitter" -> X


@dataclass(slots=True)
class _Lines:
    raw: list[str]
    plain: list[str]
    keep: list[bool]
    removed: dict[int, list[Removed]] = field(default_factory=dict)

    def drop(self, i: int, reason: str, text: str | None = None) -> None:
        self.keep[i] = False
        self.removed.setdefault(i, []).append(Removed(text or self.raw[i].strip(), reason))

    def content(self) -> list[int]:
        return [i for i, ok in enumerate(self.keep) if ok and self.plain[i]]


def _prepare(text: str, *, is_markdown: bool) -> _Lines:
    raw = [ln.replace("\u00a0", " ").replace("\t", " ").rstrip() for ln in text.split("\n")]
    plain: list[str] = []
    lines = _Lines(raw, plain, [True] * len(raw))
    for i, line in enumerate(raw):
        if is_markdown:
            for image in markdown.images(line):
                lines.removed.setdefault(i, []).append(Removed(image, "image"))
            plain.append("" if markdown.is_markup_only(line) else markdown.strip_markdown(line))
        else:
            plain.append(" ".join(line.split()))
    return lines


def _take_trailer(lines: _Lines) -> str | None:
    content = lines.content()[-TRAILER_SCAN:]
    for pos, i in enumerate(content):
        match = _TRAILER.match(lines.plain[i])
        if not match:
            continue
        url = match.group("url")
        nxt = content[pos + 1] if pos + 1 < len(content) else None
        if url is None and nxt is not None:
            url_match = _URL_LINE.match(lines.plain[nxt])
            if url_match:
                url = url_match.group("url")
                lines.drop(nxt, "source URL trailer (moved to url)")
        if url is None:
            continue
        lines.drop(i, "source URL trailer (moved to url)")
        return url.rstrip(").,>")
    return None


def _title_cased(line: str) -> bool:
    """Headline capitalisation: most words of four letters or more start upper-case."""
    long_words: list[str] = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    if len(long_words) < 3:
        return False
    return sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)


def _headline_sentence(lines: _Lines, i: int) -> bool:
    """A line in sentence case ending on a full stop that reads as a headline, not as the
    article's first sentence ("Trump warns Iran on nuclear program as Macron aims to
    preserve pact."): one sentence of 5 to ``MAX_SENTENCE_TITLE_WORDS`` words with no
    day ("on Tuesday", "yesterday"), no dateline and no "said", with a longer paragraph
    among the next three (a deck or a related link may come first).
    A lead sentence names its day or its source, and runs longer than a headline."""
    plain = lines.plain[i]
    words = plain.split()
    if (
        not 5 <= len(words) <= MAX_SENTENCE_TITLE_WORDS
        or _LEAD_MARKS.search(plain)
        or DATELINE.match(plain)
    ):
        return False
    if re.search(r"[.!?]\s+[A-Z]", plain[:-1]):
        return False  # two sentences
    later = [j for j in lines.content() if j > i][:3]
    return any(len(lines.plain[j].split()) > len(words) for j in later)


def _update_line(plain: str) -> bool:
    """Whether the line only tells when the page was last changed ("Updated: November 11,
    2011 20:09 IST"): no headline, and not the publication date."""
    updated = _UPDATED.match(plain)
    return bool(updated and parse_date_line(updated.group("rest")))


def _is_title(lines: _Lines, i: int, *, no_blank_lines: bool) -> bool:
    plain = lines.plain[i]
    if markdown.heading_text(lines.raw[i]) is not None:
        return 0 < len(plain) <= MAX_TITLE_CHARS * 2
    if len(plain) > MAX_TITLE_CHARS or len(plain.split()) > MAX_TITLE_WORDS:
        return False
    if plain.endswith((",", ";", ":")) or debris.debris_reason(plain):
        return False
    if plain.endswith(".") and not (_title_cased(plain) or _headline_sentence(lines, i)):
        return False  # a short sentence, not a headline
    if any(f(plain) for f in (parse_date_line, ambiguous_date_line, _BYLINE.match, _update_line)):
        return False
    nxt = i + 1
    followed_by_blank = nxt >= len(lines.raw) or not lines.raw[nxt].strip()
    return followed_by_blank or no_blank_lines


def _clean_byline(who: str) -> str | None:
    who = who.strip(" |-–—·•")
    parts = [p for p in _BYLINE_SPLIT.split(who) if p]
    if not parts or len(who.split()) > MAX_BYLINE_WORDS:
        return None
    if not all(debris.is_name_like(p) for p in parts):
        return None
    return who


def _take_header(lines: _Lines, *, detect_title: bool) -> tuple[str | None, str | None, str | None]:
    title = byline = published = None
    no_blank = all(ln.strip() for ln in lines.raw if ln is not None) and len(lines.content()) > 1
    # the headline is the first line that is not debris, a byline or a date line; one deck
    # (a sub-headline with no closing stop) may stand between it and the byline or date
    deck = False
    scan = lines.content()[:HEADER_SCAN]
    for k, i in enumerate(scan):
        plain = lines.plain[i]
        if debris.debris_reason(plain):
            continue  # debris in the header (a photo credit): the debris pass removes it
        if (
            title is None
            and not deck
            and detect_title
            and _is_title(lines, i, no_blank_lines=no_blank)
        ):
            title = plain
            lines.drop(i, "headline (moved to title)")
            continue
        by = _BYLINE.match(plain)
        if by and byline is None:
            who, date = split_trailing_date(by.group("who"))
            name = _clean_byline(who)
            if name:
                byline = name
                if date and published is None:
                    published = date
                lines.drop(i, "byline (moved to byline)")
                continue
        date = parse_date_line(plain)
        if date and published is None:
            published = date
            lines.drop(i, "date line (moved to published)")
            continue
        if _update_line(plain):
            lines.drop(i, "update date line (not the publication date)")
            continue
        if ambiguous_date_line(plain):
            lines.drop(i, "date line (its day and month could be either)")
            continue
        if title is not None and not deck and _is_deck(plain):
            deck = True  # stays in the body: the date or byline may come after it
            continue
        if title is not None and not deck and published is None and _dated_next(lines, scan, k):
            deck = True  # a standfirst closed like a sentence, the date line right under it
            continue
        break
    return title, byline, published


def _dated_next(lines: _Lines, scan: list[int], k: int) -> bool:
    """Whether the line after header line ``k`` is a date line."""
    return k + 1 < len(scan) and parse_date_line(lines.plain[scan[k + 1]]) is not None


def _is_deck(line: str) -> bool:
    """A sub-headline under the headline: short, and not closed like a sentence."""
    return len(line.split()) <= MAX_TITLE_WORDS and not line.rstrip().endswith(_SENTENCE_END)


def _take_lead_in(lines: _Lines) -> None:
    """Drop the paragraphs between the headline and a first paragraph that opens on a
    dateline ("WASHINGTON — ", "TEL AVIV (Reuters) - "): the story starts there, and what
    stands before it is a standfirst, a pull quote or a teaser for another story ("Japan and
    China agree that a trade war will have serious consequences ..." above a story on US
    tariffs). Kept in ``removed``; at most ``MAX_LEAD_IN`` short paragraphs."""
    content = lines.content()[: MAX_LEAD_IN + 1]
    start = next((k for k, i in enumerate(content) if DATELINE.match(lines.plain[i])), 0)
    before = content[:start]
    if before and all(len(lines.plain[i].split()) <= MAX_LEAD_IN_WORDS for i in before):
        for i in before:
            lines.drop(i, "lead-in before the dateline (standfirst, pull quote or teaser)")


def _take_debris(lines: _Lines) -> list[str]:
    names: list[str] = []
    for i in lines.content():
        reason = debris.debris_reason(lines.plain[i])
        if reason is None:
            continue
        who = debris.follow_target(lines.plain[i])
        if who:
            names.append(who)
        lines.drop(i, reason)
    return names


def _take_captions(lines: _Lines) -> None:
    visible = [p if ok else "" for p, ok in zip(lines.plain, lines.keep, strict=True)]
    for pair in debris.find_repeated_captions(visible):
        if pair.credited:
            reason = "photo caption (repeated as image alt text and caption)"
            lines.drop(pair.first, reason)
            lines.drop(pair.second, reason)
        else:
            lines.drop(pair.second, "duplicated paragraph")


def _joins(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` continues ``prev``'s paragraph (hard-wrapped text)."""
    if prev.endswith(_SENTENCE_END) or markdown.heading_text(prev) is not None:
        return False
    return nxt[:1].islower() or nxt[:1].isdigit() or len(prev) >= 50


def assemble_paragraphs(lines: list[str | None], *, join_wrapped: bool = True) -> str:
    """Paragraphs from lines: ``""`` separates paragraphs, ``None`` (a removed line) too.

    With ``join_wrapped``, a line continuing the previous one's sentence (hard-wrapped
    text) joins its paragraph; otherwise every line is a paragraph.
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in lines:
        if not line:
            flush()
            continue
        if current and not (join_wrapped and _joins(current[-1], line)):
            flush()
        current.append(line)
    flush()
    return "\n\n".join(paragraphs)


def parse_scrape(text: str, *, detect_title: bool = True, is_markdown: bool = True) -> Scrape:
    """Split a scraped article into metadata, clean text and removed debris."""
    lines = _prepare(text, is_markdown=is_markdown)
    url = _take_trailer(lines)
    title, byline, published = _take_header(lines, detect_title=detect_title)
    if title is not None:
        _take_lead_in(lines)
    names = _take_debris(lines)
    _take_captions(lines)
    body = assemble_paragraphs(
        [p if ok else None for p, ok in zip(lines.plain, lines.keep, strict=True)]
    )
    removed = [r for i in sorted(lines.removed) for r in lines.removed[i]]
    return Scrape(body, title, byline, published, url, removed, names)


def clean_text(text: str) -> tuple[str, list[Removed]]:
    """Debris removal alone, for text another extractor already separated from its page."""
    lines = _prepare(text, is_markdown=False)
    _take_debris(lines)
    _take_captions(lines)
    body = assemble_paragraphs(
        [p if ok else None for p, ok in zip(lines.plain, lines.keep, strict=True)],
        join_wrapped=False,
    )
    removed = [r for i in sorted(lines.removed) for r in lines.removed[i]]
    return body, removed


def _byline_from_follow(scrape: Scrape, settings: Settings) -> str | None:
    """The author named by a "Follow X on Twitter" line, when X is a person, not an outlet."""
    table = load_outlets(settings.outlets_file)
    for name in scrape.follow_names:
        if table.known_name(name) is None and _clean_byline(name):
            for item in scrape.removed:
                if item.reason == "social media follow line" and name in item.text:
                    item.reason = "social media follow line (name used as byline)"
            return name
    return None


# A lone line shorter than this is not taken as an article text on its own.
MIN_ONE_LINE_WORDS = 4


def article_from_text(
    text: str,
    *,
    source: str,
    settings: Settings = DEFAULT,
    meta: Meta | None = None,
    is_markdown: bool = True,
) -> Article:
    """An article from a Markdown or plain-text scrape.

    ``meta`` (from a sidecar file or a JSON record) overrides what the text states.
    """
    if not text.strip():
        raise EmptyInput(source, "empty input (no text)")
    scrape = parse_scrape(text, is_markdown=is_markdown)
    found = Meta(
        url=scrape.url, title=scrape.title, byline=scrape.byline, published=scrape.published
    )
    if found.byline is None and (meta is None or meta.byline is None):
        found.byline = _byline_from_follow(scrape, settings)
    if meta is not None:
        found.update(meta)
    body, removed = scrape.text, scrape.removed
    if not body.strip() and scrape.title and len(scrape.title.split()) >= MIN_ONE_LINE_WORDS:
        # a one-line input (a wire flash, a JSON record) is its own text, not only a headline
        body = scrape.title
        removed = [r for r in removed if not (r.text == scrape.title and "headline" in r.reason)]
    return make_article(body, found, removed, source=source, settings=settings)
