"""Assemble an :class:`Article` from clean text and whatever metadata was found."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import PurePath

from storylens.errors import NoArticle
from storylens.ingestion.language import detect_language
from storylens.ingestion.outlets import load_outlets, registered_domain, url_host
from storylens.settings import Settings
from storylens.types import Article, Removed, content_id

META_FIELDS = ("outlet", "url", "title", "byline", "published", "language")


@dataclass(slots=True)
class Meta:
    """Article metadata as found; None means "not stated"."""

    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    site_name: str | None = None  # the page's own name for its site (og:site_name)

    def update(self, other: Meta) -> Meta:
        """``other``'s stated values win over this one's."""
        for f in fields(self):
            value = getattr(other, f.name)
            if value is not None:
                setattr(self, f.name, value)
        return self


def source_stem(source: str) -> str:
    """The file name of ``source`` without its extensions, as a last-resort outlet name."""
    name = PurePath(source).name or source
    name = re.sub(r":\d+$", "", name)  # "articles.jsonl:3" is record 3 of a file
    stem = ""
    while stem != name:  # every extension, however many ("report.txt.txt", "a.json.gz")
        stem = name
        for suffix in _EXTENSIONS:
            name = name.removesuffix(suffix)
    return name or source


_EXTENSIONS = (
    ".gz",
    ".jsonl",
    ".ndjson",
    ".json",
    ".html",
    ".htm",
    ".xhtml",
    ".md",
    ".markdown",
    ".txt",
    ".text",
)


def choose_outlet(meta: Meta, source: str, settings: Settings) -> str:
    """The outlet's display name, from the best evidence available, else the file name.

    Stated outlet (sidecar, record), else the domain of the article's URL (or of the
    URL it was read from) when the outlets table knows it, else the page's own site
    name, else the URL's registered domain, else a byline naming an outlet or agency,
    else the file name.
    """
    return stated_outlet(meta, source, settings) or source_stem(source)


def stated_outlet(meta: Meta, source: str, settings: Settings) -> str | None:
    """The outlet the input itself names (see :func:`choose_outlet`), or None when only
    the file name is left to go by."""
    if meta.outlet:
        return meta.outlet
    table = load_outlets(settings.outlets_file)
    url = meta.url or (source if source.lower().startswith(("http://", "https://")) else None)
    host = url_host(url) if url else None
    if host:
        named = table.name_for_domain(host)
        if named:
            return named
    if meta.site_name and 0 < len(meta.site_name) <= 80 and "://" not in meta.site_name:
        return meta.site_name
    if host:
        return registered_domain(host)
    if meta.byline:
        known = table.known_name(meta.byline)
        if known:
            return known
    return None


def article_id(text: str, outlet: str | None) -> str:
    """The article's id: derived from its text, and from its outlet when the input names
    one. The same wire story run by two outlets is two articles (counted once later as
    near-duplicates); the same text in two files that name no outlet is one article, so
    it is stored once whatever the files are called (the outlet shown, the file name, is
    no evidence of who published it)."""
    return content_id(f"{outlet}\n{text}") if outlet else content_id(text)


# C0 controls but tab and newline, DEL and C1: terminal escapes (ESC[2J, OSC titles) and
# invisible junk. A lone CR becomes a line break.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def scrub(value: str) -> str:
    """``value`` without control characters, lone surrogates (from JSON ``\\ud800``
    escapes) as U+FFFD.

    Such strings cannot be encoded, so every later write (hash, file, store) would fail;
    control characters would reach terminals as escape sequences.
    """
    if _CONTROLS.search(value):
        value = _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def make_article(
    text: str,
    meta: Meta,
    removed: list[Removed],
    *,
    source: str,
    settings: Settings,
) -> Article:
    """The final article; raises :class:`NoArticle` when no text is left."""
    text = scrub(text).strip()
    for key in META_FIELDS:
        value = getattr(meta, key)
        if value is not None:
            # whitespace collapsed after scrubbing: a removed control character leaves a gap
            setattr(meta, key, " ".join(scrub(value).split()) or None)
    removed = [Removed(scrub(r.text), r.reason) for r in removed]
    if not text:
        raise NoArticle(source, "no article text left after removing markup and debris")
    stated = stated_outlet(meta, source, settings)
    outlet = scrub(stated or source_stem(source))
    return Article(
        id=article_id(text, outlet if stated else None),
        outlet=outlet,
        text=text,
        url=meta.url,
        title=meta.title,
        byline=meta.byline,
        published=meta.published,
        language=meta.language or detect_language(text),
        removed=removed,
        source=source,
    )
