"""HTML pages: trafilatura for the main text and metadata (dates via htmldate).

Dates are taken only from what the page states (meta tags, ``<time>``,
structured data): htmldate runs with its extensive text search off, so a date
is never guessed from a URL or from some date mentioned in the page.
"""

from __future__ import annotations

import warnings
from typing import Any

from storylens.errors import InputError, NoArticle
from storylens.ingestion.build import Meta, make_article
from storylens.ingestion.decode import decode_bytes
from storylens.ingestion.scrape import clean_text
from storylens.ingestion.sidecar import normalise_date
from storylens.settings import DEFAULT, Settings
from storylens.types import Article, Removed

EXTRACTOR = "html.trafilatura.v1"  # precision mode, balanced fallback, debris rules
# Less text than this is navigation or a stub, not an article. Counted in letters,
# not words, so that languages written without spaces are measured fairly.
MIN_LETTERS = 40
MIN_PARAGRAPH_LETTERS = 25  # and at least one paragraph must be this long
FALLBACK_LETTERS = 500  # a precise extraction shorter than this is retried in balanced mode
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def load_trafilatura() -> Any:
    """trafilatura, imported on first use (it is slow to load).

    Its import probes urllib3's optional SOCKS support, which warns when PySocks is
    not installed; storylens never uses a proxy through trafilatura, so that one
    warning is silenced.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*SOCKS support.*")
        import trafilatura
    return trafilatura


def _extract(html: str, url: str | None, source: str, *, precise: bool) -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    trafilatura = load_trafilatura()
    try:
        try:
            return trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                favor_precision=precise,
                date_extraction_params=_DATE_PARAMS,
            )
        except AssertionError:  # lxml's drop_tree in the metadata pass (<svg><script>...)
            return trafilatura.bare_extraction(
                html, url=url, with_metadata=False, include_comments=False, favor_precision=precise
            )
    except (ValueError, TypeError, AttributeError, AssertionError, etree.LxmlError) as exc:
        raise NoArticle(source, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from exc
    except RecursionError as exc:
        raise NoArticle(source, "HTML is nested too deeply to parse") from exc


def _letters(text: str | None) -> int:
    return sum(ch.isalnum() for ch in text or "")


def extract_document(html: str, url: str | None, source: str) -> Any:
    """trafilatura's document for ``html``: precision-oriented, with a balanced fallback.

    Favouring precision keeps menus, teasers and legal boilerplate out of the text;
    when that leaves almost nothing (a page whose body it judged too risky), the
    balanced extraction is used instead if it finds more.
    """
    doc = _extract(html, url, source, precise=True)
    if doc is not None and _letters(doc.text) >= FALLBACK_LETTERS:
        return doc
    balanced = _extract(html, url, source, precise=False)
    if balanced is not None and _letters(balanced.text) > _letters(doc.text if doc else None):
        return balanced
    return doc


def _published(value: Any, source: str) -> str | None:
    if not value:
        return None
    try:
        return normalise_date(str(value), source)
    except InputError:
        return None


def _looks_like_article(text: str) -> bool:
    letters = [sum(ch.isalnum() for ch in p) for p in text.split("\n\n")]
    return sum(letters) >= MIN_LETTERS and max(letters, default=0) >= MIN_PARAGRAPH_LETTERS


def _drop_repeated_title(text: str, title: str | None) -> tuple[str, list[Removed]]:
    """Drop a first paragraph that only repeats the headline."""
    if not title:
        return text, []
    first, _sep, rest = text.partition("\n\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold() and rest:
        return rest, [Removed(first, "headline (repeated in body)")]
    return text, []


def article_from_html(
    html: bytes | str,
    *,
    url: str | None = None,
    source: str | None = None,
    settings: Settings = DEFAULT,
    declared_charset: str | None = None,
) -> Article:
    """The article in an HTML page; :class:`NoArticle` when the page has none."""
    src = source or url or "<html>"
    if isinstance(html, bytes):
        html = decode_bytes(
            html, src, max_bytes=settings.max_bytes, declared=declared_charset, html=True
        )
    elif not html.strip():
        raise NoArticle(src, "empty HTML document")
    doc = extract_document(html, url, src)
    if doc is None or not (doc.text or "").strip():
        raise NoArticle(src, "no article text found in the HTML page")
    text, removed = clean_text(doc.text)
    meta = Meta(
        url=url or doc.url,
        title=" ".join(doc.title.split()) if doc.title else None,
        byline=" ".join(doc.author.split()) if doc.author else None,
        published=_published(doc.date, src),
        site_name=doc.sitename or None,
    )
    text, dropped = _drop_repeated_title(text, meta.title)
    if not _looks_like_article(text):
        raise NoArticle(src, "no article text found in the HTML page (only short fragments)")
    return make_article(text, meta, dropped + removed, source=src, settings=settings)
