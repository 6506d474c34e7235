"""A one-line input keeps its line as text (it is not swallowed as a headline)."""

from __future__ import annotations

import json

import pytest

from storylens.ingestion import article_from_text
from storylens.ingestion.jsonl import iter_jsonl
from storylens.types import Article

LINES = [
    "Dockworkers in Port Velen end two-day strike",
    "# Harbour cranes back in service",
]


@pytest.mark.parametrize("line", LINES)
def test_ingest_one_line_text_kept(line: str) -> None:
    art = article_from_text(line, source="flash.txt")
    assert art.text.strip("# ") == line.strip("# ")


@pytest.mark.parametrize("line", LINES)
def test_ingest_one_line_jsonl_record_kept(line: str) -> None:
    records = list(iter_jsonl(json.dumps({"text": line, "outlet": "Velen Wire"}), "feed.jsonl"))
    assert len(records) == 1
    art = records[0]
    assert isinstance(art, Article), art
    assert line.strip("# ") in art.text
    assert art.outlet == "Velen Wire"


def test_ingest_one_line_longer_text_unchanged() -> None:
    text = "Port Velen reopens\n\nThe port of Velen reopened on Monday after the strike ended."
    art = article_from_text(text, source="story.txt")
    assert art.title == "Port Velen reopens"
    assert art.text.startswith("The port of Velen reopened")


def test_ingest_one_line_too_short_is_no_article() -> None:
    from storylens.errors import NoArticle

    with pytest.raises(NoArticle):
        article_from_text("Breaking", source="flash.txt")


def test_ingest_one_line_not_recorded_as_removed() -> None:
    art = article_from_text(LINES[0], source="flash.txt")
    assert all(r.text != LINES[0] for r in art.removed)
