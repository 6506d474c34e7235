"""JSON Lines (one article per line) and JSON files of article records.

A record is an object with ``text`` (or ``html``) plus any of ``outlet``,
``url``, ``title``, ``byline``, ``published``, ``language``. Records written by
``storylens ingest --jsonl`` (they carry ``removed``) are taken as already
clean. A bad record is reported as a :class:`BadRecord` naming ``file:line``;
the other records are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storylens.errors import BadRecord, InputError, TooLarge
from storylens.ingestion.build import article_id, make_article
from storylens.ingestion.html import article_from_html
from storylens.ingestion.scrape import article_from_text
from storylens.ingestion.sidecar import meta_from_mapping
from storylens.settings import DEFAULT, Settings
from storylens.types import Article, Removed


def _removed(items: Any, where: str) -> list[Removed]:
    if not isinstance(items, list):
        raise BadRecord(where, "'removed' must be a list")
    out: list[Removed] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise BadRecord(where, "each 'removed' item needs a 'text' string")
        out.append(Removed(item["text"], str(item.get("reason", ""))))
    return out


def article_from_record(record: Any, where: str, settings: Settings = DEFAULT) -> Article:
    """One article from one decoded JSON record (``where`` names it in errors)."""
    if not isinstance(record, dict):
        raise BadRecord(where, f"expected a JSON object, got {type(record).__name__}")
    meta = meta_from_mapping(record, where)
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        if "removed" in record:  # already ingested: keep its clean text and removals
            article = make_article(
                text, meta, _removed(record["removed"], where), source=where, settings=settings
            )
            # written out with an outlet taken from a file name, which is not part of its
            # id: keep that id (it is checked, so a record cannot claim another's)
            if record.get("id") == article_id(article.text, None):
                article.id = record["id"]
            return article
        return article_from_text(text, source=where, settings=settings, meta=meta)
    if isinstance(html, str) and html.strip():
        art = article_from_html(html, url=meta.url, source=where, settings=settings)
        for key in ("outlet", "title", "byline", "published", "language"):
            value = getattr(meta, key)
            if value is not None:
                setattr(art, key, value)
        if meta.outlet:  # the outlet is part of the id (see build.article_id)
            art.id = article_id(art.text, art.outlet)
        return art
    raise BadRecord(where, "record has no non-empty 'text' (or 'html') string")


def iter_jsonl(
    text: str, source: str, settings: Settings = DEFAULT
) -> Iterator[Article | InputError]:
    """Articles (or per-line errors) from JSON Lines ``text``."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            if len(line) > settings.max_bytes:
                raise TooLarge(where, f"record over the size cap of {settings.max_bytes} bytes")
            yield article_from_line(line, where, settings)
        except InputError as err:
            yield err


def article_from_line(line: str, where: str, settings: Settings = DEFAULT) -> Article:
    """One article from one line of JSON Lines (``where`` names it in errors)."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise BadRecord(where, f"invalid JSON: {exc}") from exc
    return article_from_record(record, where, settings)


def iter_json(
    text: str, source: str, settings: Settings = DEFAULT
) -> Iterator[Article | InputError]:
    """Articles from a JSON document: a record, a list of records, or ``{"articles": [...]}``."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield BadRecord(source, f"invalid JSON: {exc}")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        where = f"{source}:{index}" if isinstance(data, list) else source
        try:
            yield article_from_record(record, where, settings)
        except InputError as err:
            yield err
