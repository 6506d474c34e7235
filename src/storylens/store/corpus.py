"""Load a finished corpus run (``storylens corpus --db``) into a store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storylens.types import Article, StoryRecord


def save_corpus(store_url: str, out: Path, stories: Sequence[StoryRecord]) -> None:
    """Add the articles a corpus run wrote to ``out`` and its stories to the store."""
    import pyarrow.parquet as pq

    from storylens.store.store import Store

    with Store.open(store_url) as store:
        for part in sorted((out / "articles").glob("part-*.parquet")):
            rows = pq.read_table(part).to_pylist()
            store.add_articles(
                Article(**{k: v for k, v in r.items() if k != "words"}) for r in rows
            )
        store.write_stories(list(stories))
