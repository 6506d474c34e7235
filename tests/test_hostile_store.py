"""One odd article never fails a whole batch: hostile metadata is stored on every backend.

PostgreSQL refuses NUL characters and values longer than a column's width; SQLite takes
anything. An article whose outlet, language, date, URL or text carries such values must be
stored (clipped or cleaned) together with the rest of its batch, on both.
"""

from __future__ import annotations

import pytest

from storylens.store import Store
from storylens.types import Article, Removed, content_id

TEXT = (
    "The ferry across Lindqvist Bay will run two extra evening crossings from April, "
    "the harbour board said on Tuesday."
)


def _article(n: int, **fields: object) -> Article:
    text = f"{TEXT} Record {n}."
    values: dict[str, object] = {"outlet": "Bay Post", **fields}
    return Article(id=content_id(text), text=text, **values)  # type: ignore[arg-type]


HOSTILE: dict[str, dict[str, object]] = {
    "long outlet": {"outlet": "Harbour " * 200},
    "long language": {"language": "en-" + "x" * 60},
    "long published": {"published": "2026-03-14T10:00:00+00:00 and then some more words"},
    "NUL in outlet": {"outlet": "Bay\x00Post"},
    "NUL in language": {"language": "e\x00n"},
    "NUL in published": {"published": "2026\x00-03-14"},
    "NUL in title and byline": {"title": "Fer\x00ry", "byline": "By\x00 Ann"},
    "NUL in url": {"url": "https://bay.example/news/\x00ferry"},
    "huge url": {"url": "https://bay.example/" + "p" * 5000},
    "NUL in removed": {"removed": [Removed("Share\x00 this", "debris")]},
    "control characters": {"title": "\x1b[31mred\x07", "outlet": "\x7f\x01Bay"},
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_store_odd_article_does_not_fail_its_batch(store_url: str, case: str) -> None:
    batch = [_article(1), _article(2, **HOSTILE[case]), _article(3)]
    with Store.open(store_url) as store:
        result = store.add_articles(batch)
        assert result.new == 3
        for article in batch:
            stored = store.get_article(article.id)
            assert stored is not None and stored.text == article.text
        assert store.add_articles(batch).existing == 3  # and it stays idempotent
