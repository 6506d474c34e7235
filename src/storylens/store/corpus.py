"""Load a corpus run (``storylens corpus --db``) into a store, extending its stories."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from storylens.stories.windows import StoredStories
from storylens.types import Article, StoryRecord


def stored_stories(store_url: str) -> StoredStories:
    """The store's stories as a corpus run extends them: their states (centroid, terms,
    dates), members and articles. An empty or new store has none."""
    from storylens.store.store import Store

    with Store.open(store_url) as store:
        states = store.story_states()
        members: dict[str, list[str]] = {}
        for article, story in store.story_memberships().items():
            members.setdefault(story, []).append(article)
    return StoredStories(states, members, partial(_articles, store_url))


def _articles(store_url: str, ids: list[str]) -> list[Article]:
    from storylens.store.store import Store

    with Store.open(store_url) as store:
        return store.get_articles(ids)


def save_corpus(store_url: str, out: Path, stories: Iterable[list[StoryRecord]]) -> None:
    """Add the articles a corpus run wrote to ``out``, then its stories, batch by batch
    (a story already stored keeps its id and gains the new articles)."""
    import pyarrow.parquet as pq

    from storylens.store.store import Store

    with Store.open(store_url) as store:
        for part in sorted((out / "articles").glob("part-*.parquet")):
            rows = pq.read_table(part).to_pylist()
            store.add_articles(
                Article(**{k: v for k, v in r.items() if k != "words"}) for r in rows
            )
        for batch in stories:
            store.write_stories(batch)
