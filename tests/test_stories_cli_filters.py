"""``storylens stories`` with search, outlet and date filters, sort order and pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from storylens.store import Store
from storylens.stories.synthetic import fill_store

Cli = Callable[..., Any]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "store.db")
    with Store.open(path) as store:
        fill_store(store, 60, seed=3, days=120)
    return path


def _rows(cli: Cli, db: str, *args: str) -> list[dict[str, Any]]:
    done = cli("stories", "--db", db, "--json", *args)
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def test_stories_cli_filters_pages(db: str, cli: Cli) -> None:
    every = _rows(cli, db, "--limit", "0")
    assert len(every) == 60
    first, second = _rows(cli, db, "--limit", "25"), _rows(cli, db, "--limit", "25", "--page", "2")
    assert [r["id"] for r in first + second] == [r["id"] for r in every[:50]]
    oldest = _rows(cli, db, "--limit", "0", "--sort", "first", "--oldest-first")
    firsts = [r["first_published"] for r in oldest]
    assert firsts == sorted(firsts)


def test_stories_cli_filters_search_outlet_dates(db: str, cli: Cli) -> None:
    every = _rows(cli, db, "--limit", "0")
    word = every[0]["title"].split()[0]
    found = _rows(cli, db, "--limit", "0", "-q", word)
    assert every[0]["id"] in {r["id"] for r in found} and len(found) < len(every)
    coastal = _rows(cli, db, "--limit", "0", "--outlet", "coastal voice")
    assert coastal and all("Coastal Voice" in r["outlet_names"] for r in coastal)
    dated = _rows(cli, db, "--limit", "0", "--from", "2026-02-01", "--to", "2026-02-28")
    assert dated and all(
        r["last_published"] >= "2026-02-01" and r["first_published"] <= "2026-02-28" for r in dated
    )


def test_stories_cli_filters_bad_date(db: str, cli: Cli) -> None:
    done = cli("stories", "--db", db, "--from", "1 March")
    assert done.returncode != 0
    assert "YYYY-MM-DD" in done.stderr and "Traceback" not in done.stderr


def test_stories_cli_filters_search_article_titles(db: str, cli: Cli) -> None:
    """A word of one article's title finds its story, though the story's title lacks it."""
    with Store.open(db) as store:
        found = None
        for story in store.list_stories():
            title_words = set((story["title"] or "").casefold().split())
            for article in store.story_articles(story["id"]):
                words = [w for w in (article.title or "").casefold().split()
                         if w.isalpha() and len(w) > 5 and w not in title_words]  # fmt: skip
                if words:
                    found = (story["id"], words[0])
                    break
            if found:
                break
    assert found is not None
    story_id, word = found
    assert story_id in {r["id"] for r in _rows(cli, db, "--limit", "0", "-q", word)}
