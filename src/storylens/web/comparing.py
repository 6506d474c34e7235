"""Comparing in the web app, bounded: how many articles, how long, how long to wait.

The app compares one story at a time (the models are shared), so one request must not
hold it for long. A request's inputs are counted before anything is read (uploaded files
by :func:`storylens.ingestion.inputs.count_records`, URLs and inline articles one each) and
again as they are read (a feed URL yields many), against :data:`MAX_ARTICLES`. A
comparison that runs past its time limit is stopped between two inputs or two stages and
answered 503; a request that waits too long for the comparison before it is answered 503
too, with ``Retry-After``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from storylens.errors import InputError, StorylensError
from storylens.settings import Settings
from storylens.types import Article
from storylens.web.inputs import MAX_ARTICLES, CompareInputs, RequestProblem

Comparer = Callable[[Sequence[str | Article], Settings], dict[str, Any]]
TIME_LIMIT = 120.0  # seconds one comparison may run
WAIT_LIMIT = 60.0  # seconds a request may wait for the comparison before it is answered
RETRY_AFTER = "30"


class OutOfTime(StorylensError):
    """A comparison ran past its time limit."""


def too_many(count: int) -> RequestProblem:
    return RequestProblem(
        422,
        f"too many articles: the request holds {count} or more, at most {MAX_ARTICLES} "
        "per request (JSON Lines and JSON files count each record, feeds each entry)",
    )


def check_count(found: CompareInputs, settings: Settings) -> None:
    """Refuse a request holding more than :data:`MAX_ARTICLES` articles, before any work.

    Blocking (reads the uploaded files): run it in a worker thread.
    """
    from storylens.ingestion.inputs import count_records

    total = len(found.urls) + len(found.articles)
    for path in found.files:
        if total > MAX_ARTICLES:
            break
        total += count_records(path, settings, limit=MAX_ARTICLES - total)
    if total > MAX_ARTICLES:
        raise too_many(total)


def _deadline_check(deadline: float, limit: float) -> Callable[[str], None]:
    def check(_stage: str = "") -> None:
        if time.monotonic() > deadline:
            raise OutOfTime(
                f"the comparison took longer than {limit:.0f} s and was stopped: "
                "compare fewer or shorter articles"
            )

    return check


def _read(
    inputs: Sequence[str | Article], settings: Settings, check: Callable[[str], None]
) -> tuple[list[Article], list[InputError]]:
    from storylens.ingestion import iter_ingest

    articles = [i for i in inputs if isinstance(i, Article)]
    errors: list[InputError] = []
    for item in iter_ingest([i for i in inputs if isinstance(i, str)], settings):
        check("reading")
        if isinstance(item, Article):
            articles.append(item)
            if len(articles) > MAX_ARTICLES:
                raise too_many(len(articles))
        else:
            errors.append(item)
    return articles, errors


def bounded_comparer(time_limit: float = TIME_LIMIT) -> Comparer:
    """The full pipeline as the app's comparer: inputs read here (counted, timed), then
    compared; the report contract dict, with the unreadable inputs in ``errors``."""

    def compare_report(inputs: Sequence[str | Article], settings: Settings) -> dict[str, Any]:
        from storylens.comparison import compare

        check = _deadline_check(time.monotonic() + time_limit, time_limit)
        articles, errors = _read(inputs, settings, check)
        if not articles:
            if len(errors) == 1:
                raise errors[0]
            reasons = "; ".join(str(e) for e in errors[:3])
            raise InputError("the request", f"no readable article: {reasons or 'no inputs'}")
        report: dict[str, Any] = compare(articles, settings, progress=check).to_dict()
        read = [{"source": e.source, "reason": e.reason} for e in errors]
        report["errors"] = read + list(report.get("errors") or [])
        return report

    return compare_report


@contextmanager
def turn(lock: threading.Lock, wait_limit: float) -> Iterator[None]:
    """Hold the app's one comparison slot; 503 when it stays busy past ``wait_limit`` s."""
    if not lock.acquire(timeout=wait_limit):
        raise RequestProblem(
            503,
            "the app is busy comparing another story; try again in a minute",
            headers={"Retry-After": RETRY_AFTER},
        )
    try:
        yield
    finally:
        lock.release()
