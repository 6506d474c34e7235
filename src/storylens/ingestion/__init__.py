"""Ingest: files, directories, stdin, JSON Lines and URLs to clean :class:`Article` s.

``ingest(inputs, settings)`` reads everything and returns an :class:`IngestResult`;
``iter_ingest`` streams articles and per-input errors. Format-specific entry points:
:func:`article_from_html` (pages, via trafilatura), :func:`article_from_text`
(Markdown/plain scrapes with debris removal), :func:`storylens.ingestion.fetch.fetch`
(URLs, with the private-address guard; the ``fetch`` module is re-exported so that
``storylens.ingestion.fetch.fetch`` works after ``import storylens.ingestion``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from storylens.errors import InputError
from storylens.ingestion import fetch
from storylens.ingestion.fetch import FetchedPage, Resolver
from storylens.ingestion.html import article_from_html
from storylens.ingestion.inputs import iter_ingest
from storylens.ingestion.jsonl import article_from_record, iter_json, iter_jsonl
from storylens.ingestion.scrape import article_from_text
from storylens.settings import DEFAULT, Settings
from storylens.types import Article


@dataclass(slots=True)
class IngestResult:
    """Everything one ingest run produced: articles, and one error per bad input."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def ingest(
    inputs: Iterable[str], settings: Settings = DEFAULT, *, resolver: Resolver | None = None
) -> IngestResult:
    """Read every input; bad inputs are collected in ``errors``, never raised."""
    result = IngestResult()
    for item in iter_ingest(inputs, settings, resolver=resolver):
        if isinstance(item, Article):
            result.articles.append(item)
        else:
            result.errors.append(item)
    return result


__all__ = [
    "FetchedPage",
    "IngestResult",
    "Resolver",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "fetch",
    "ingest",
    "iter_ingest",
    "iter_json",
    "iter_jsonl",
]
