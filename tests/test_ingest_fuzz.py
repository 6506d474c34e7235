"""Garbage in: parsers return an Article or raise an InputError, never anything else."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storylens.errors import InputError
from storylens.ingestion.decode import decode_bytes
from storylens.ingestion.html import article_from_html
from storylens.ingestion.jsonl import iter_json, iter_jsonl
from storylens.ingestion.scrape import article_from_text
from storylens.settings import Settings
from storylens.types import Article

SETTINGS = Settings(max_bytes=200_000)
FRAGMENTS = st.sampled_from(
    [
        "# ", "**", "[", "](", ")", "<", ">", "By ", "Follow ", " on Twitter", "(AP)", "/",
        "Original url:", "https://", "\n", "\n\n", "September 17, 2023", "Related article:",
        "<p>", "</p>", "<html>", "<script>", "{", "}", '"text": ', "\x00", "\ufeff", "é", "ё",
    ]
)  # fmt: skip
MARKUPISH = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=40).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(result: object) -> None:
    assert isinstance(result, Article)
    assert result.text.strip()


@FUZZ
@given(st.one_of(st.text(), MARKUPISH))
def test_ingest_fuzz_text(text: str) -> None:
    with contextlib.suppress(InputError):
        _check(article_from_text(text, source="fuzz.md", settings=SETTINGS))


@FUZZ
@given(st.one_of(st.binary(max_size=2000), MARKUPISH.map(lambda s: s.encode("utf-8", "replace"))))
def test_ingest_fuzz_html_bytes(data: bytes) -> None:
    with contextlib.suppress(InputError):
        _check(article_from_html(data, source="fuzz.html", settings=SETTINGS))


@FUZZ
@given(st.binary(max_size=2000))
def test_ingest_fuzz_decode(data: bytes) -> None:
    with contextlib.suppress(InputError):
        assert isinstance(decode_bytes(data, "fuzz.bin", max_bytes=1000), str)


@FUZZ
@given(st.one_of(st.text(), MARKUPISH))
def test_ingest_fuzz_jsonl(text: str) -> None:
    for parse in (iter_jsonl, iter_json):
        for item in parse(text, "fuzz.jsonl", SETTINGS):
            assert isinstance(item, Article | InputError)


HOSTILE_LINES = [
    "**a " * 50000,
    "_a " * 50000,
    "[" * 200000,
    "[a](" * 50000,
    "<http://" * 30000,
    "# a" + " " * 200000 + "b ##",
    "having issues with comment " * 20000,
    "Follow a on " * 20000,
    "Share on " * 20000,
    "September 17, 2023 " * 20000,
]


@pytest.mark.timeout(120)  # a hang guard for super-linear regexes, not a speed target
@pytest.mark.parametrize("line", HOSTILE_LINES, ids=[line[:12] for line in HOSTILE_LINES])
def test_ingest_fuzz_hostile_long_lines(line: str) -> None:
    text = f"{line}\n\nThe canal reopened on Monday, officials said.\n\n{line}"
    with contextlib.suppress(InputError):
        _check(article_from_text(text, source="hostile.md", settings=SETTINGS))


@FUZZ
@given(MARKUPISH, st.sampled_from(["fuzz.md", "https://harborledger.com/a", "/x/lantern_1.txt"]))
@example("\x00 on Twitter# # ", "fuzz.md")  # a NUL at a title's edge left a leading space
@example("0 \x1b on Twitter", "fuzz.md")  # an escape inside a title left a double space
def test_ingest_fuzz_jsonl_round_trip(text: str, source: str) -> None:
    """An ingested article written as a JSON line reads back unchanged."""
    try:
        article = article_from_text(text, source=source, settings=SETTINGS)
    except InputError:
        return
    line = json.dumps(article.to_dict(), ensure_ascii=False)
    [again] = list(iter_jsonl(line, "round.jsonl", SETTINGS))
    assert isinstance(again, Article)
    for key in ("id", "outlet", "text", "url", "title", "byline", "published", "language"):
        assert getattr(again, key) == getattr(article, key), key
    assert again.removed == article.removed
