"""Story browsing in the store: pages, search, outlet and date filters, sort order."""

from __future__ import annotations

import pytest

from storylens.errors import ConfigError
from storylens.store import Store, StoryRecord
from storylens.store.browse import StoryQuery, find_stories, list_outlets, story_summary
from storylens.types import Article, content_id

# (story, outlet, published, title)
ROWS = [
    ("ferry", "Coastal Voice", "2026-03-02", "Ferry link to Askerholm resumes"),
    ("ferry", "Valley Beacon", "2026-03-03", "Askerholm ferry back after storms"),
    ("harvest", "Valley Beacon", "2026-03-10", "Kessel valley harvest starts early"),
    ("bridge", "Patriot Daily", "2026-04-01", "Tollen Bridge reopens in Averholt"),
    ("bridge", "Coastal Voice", "2026-04-02", "Averholt bridge open again"),
    ("budget", "Patriot Daily", "2026-05-20", "Council passes 100% budget"),
]


@pytest.fixture()
def store(store: Store) -> Store:
    """The shared store fixture (each backend), filled with the stories of ROWS."""
    return _fill(store)


def _fill(s: Store) -> Store:
    """The stories of ROWS, one article per row."""
    members: dict[str, list[str]] = {}
    articles = []
    for story, outlet, day, title in ROWS:
        text = f"{title}. The story of {story} as {outlet} told it on {day}."
        a = Article(id=content_id(text), outlet=outlet, url=None, title=title, text=text,
                    published=day)  # fmt: skip
        articles.append(a)
        members.setdefault(story, []).append(a.id)
    s.add_articles(articles)
    s.write_stories(
        [
            StoryRecord(
                id=name,
                article_ids=ids,
                title=name.title(),
                terms={"askerholm": 2} if name == "ferry" else {},
            )
            for name, ids in members.items()
        ]
    )
    return s


def _ids(store: Store, **kw: object) -> list[str]:
    return [r["id"] for r in find_stories(store, StoryQuery(**kw)).stories]  # type: ignore[arg-type]


def test_store_browse_newest_last_published_first(store: Store) -> None:
    assert _ids(store) == ["budget", "bridge", "harvest", "ferry"]
    assert _ids(store, sort="first", order="asc") == ["ferry", "harvest", "bridge", "budget"]


def test_store_browse_pages(store: Store) -> None:
    page = find_stories(store, StoryQuery(per_page=3, page=2))
    assert page.total == 4 and page.pages == 2
    assert [r["id"] for r in page.stories] == ["ferry"]
    first = find_stories(store, StoryQuery(per_page=3)).stories[0]
    assert first["articles"] == 1 and first["outlets"] == 1 and not first["has_report"]


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"q": "askerholm"}, ["ferry"]),  # an entity key, not in the story title
        ({"q": "BRIDGE"}, ["bridge"]),
        ({"q": "kessel"}, ["harvest"]),  # an article's title, not the story's
        ({"q": "storms askerholm"}, ["ferry"]),  # the words may come from different places
        ({"q": "Tollen"}, ["bridge"]),
        ({"q": "told"}, []),  # article bodies are not searched
        ({"q": "ferry bridge"}, []),  # every word must match
        ({"q": "100%"}, ["budget"]),  # an article title says "100% budget"
        ({"q": "1_0%"}, []),  # LIKE wildcards are literal
        ({"q": "%"}, ["budget"]),
        ({"outlet": "coastal voice"}, ["bridge", "ferry"]),
        ({"date_from": "2026-03-10", "date_to": "2026-04-01"}, ["bridge", "harvest"]),
        ({"date_to": "2026-03-02"}, ["ferry"]),
        ({"outlet": "Valley Beacon", "date_from": "2026-03-04"}, ["harvest"]),
    ],
)
def test_store_browse_filters(store: Store, kw: dict[str, str], expected: list[str]) -> None:
    assert _ids(store, **kw) == expected
    assert find_stories(store, StoryQuery(**kw)).total == len(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"date_from": "March 3"}, "YYYY-MM-DD"),
        ({"sort": "size"}, "sort must be"),
        ({"order": "up"}, "order must be"),
        ({"page": 0}, "from 1"),
        ({"per_page": 501}, "per_page"),
    ],
)
def test_store_browse_bad_query(kw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        StoryQuery(**kw)  # type: ignore[arg-type]


def test_store_browse_outlets_and_summary(store: Store) -> None:
    assert list_outlets(store) == ["Coastal Voice", "Patriot Daily", "Valley Beacon"]
    summary = story_summary(store, "ferry")
    assert summary is not None and summary["terms"] == ["askerholm"]
    assert summary["first_published"] == "2026-03-02" and summary["size"] == 2
    assert story_summary(store, "nope") is None
