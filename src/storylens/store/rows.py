"""An article as a row of the ``articles`` table, and back."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Row

from storylens.store.urls import canonical_url
from storylens.types import Article, Removed


def _clean(value: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; U+FFFD keeps every character offset unchanged.
    return value.replace("\x00", "\ufffd") if value else value


def article_row(article: Article, added: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "url_key": canonical_url(article.url),
        "outlet": (_clean(article.outlet) or "")[:512],  # column widths: one odd record
        "url": _clean(article.url),
        "title": _clean(article.title),
        "byline": _clean(article.byline),
        "published": (_clean(article.published) or "")[:32] or None,  # must not fail a batch
        "language": (_clean(article.language) or "")[:16] or None,
        "text": _clean(article.text) or "",
        "removed": json.dumps([r.to_dict() for r in article.removed], ensure_ascii=False),
        "source": _clean(article.source),
        "added": added,
    }


def row_article(row: Row[Any]) -> Article:
    removed = [Removed(str(r["text"]), str(r["reason"])) for r in json.loads(row.removed or "[]")]
    return Article(
        id=row.id,
        outlet=row.outlet,
        text=row.text,
        url=row.url,
        title=row.title,
        byline=row.byline,
        published=row.published,
        language=row.language,
        removed=removed,
        source=row.source,
    )
