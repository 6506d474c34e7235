"""Store: reports and stories are saved, listed and read back; membership moves cleanly."""

from __future__ import annotations

import pytest

from storylens.errors import StoreError
from storylens.store import Store, StoryRecord, story_id_for
from storylens.types import Article, content_id


def _art(text: str, outlet: str, published: str | None = None) -> Article:
    return Article(id=content_id(text), outlet=outlet, text=text, published=published)


DAM = [
    _art("Engineers sealed the Tarn dam breach overnight.", "Harbor Ledger", "2026-03-02"),
    _art("The Tarn dam breach was sealed, officials said.", "Coastal Voice", "2026-03-03"),
    _art("Tarn dam: crews sealed the breach before dawn.", "Harbor Ledger", "2026-03-03"),
]
FAIR = [_art("The Osk book fair drew record crowds on Sunday.", "Meridian Times", "2026-03-05")]


def _report(articles: list[Article], title: str | None = None) -> dict[str, object]:
    return {
        "schema_version": "1.0",
        "title": title,
        "articles": [a.to_dict() for a in articles],
        "claims": [{"id": "c1", "article": articles[0].id, "start": 0, "end": 9, "text": "x"}],
    }


def test_store_save_report_creates_story(store: Store) -> None:
    sid = store.save_report(_report(DAM, "Tarn dam repaired"))
    assert sid == story_id_for(a.id for a in DAM)
    assert store.get_report(sid) == _report(DAM, "Tarn dam repaired")
    assert [a.id for a in store.story_articles(sid)] == [a.id for a in DAM]  # oldest first
    (row,) = store.list_stories()
    assert (row["id"], row["title"], row["outlets"], row["articles"]) == (
        sid,
        "Tarn dam repaired",
        2,
        3,
    )
    assert row["has_report"] and row["created"]


def test_store_save_report_twice_replaces(store: Store) -> None:
    sid = store.save_report(_report(DAM))
    again = store.save_report({**_report(DAM), "summary": [{"text": "s", "citations": []}]}, sid)
    assert again == sid
    report = store.get_report(sid)
    assert report is not None and report["summary"] == [{"text": "s", "citations": []}]
    assert store.count_articles() == 3
    assert len(store.list_stories()) == 1


def test_store_unknown_story(store: Store) -> None:
    assert store.get_report("s_nope") is None
    with pytest.raises(StoreError, match="no story 's_nope'"):
        store.story_articles("s_nope")


def test_store_save_report_without_articles_fails(store: Store) -> None:
    with pytest.raises(StoreError, match="without articles"):
        store.save_report({"articles": []})


def test_store_write_stories_and_move(store: Store) -> None:
    store.add_articles(DAM + FAIR)
    s1 = StoryRecord("s_dam", [a.id for a in DAM[:2]], title="Dam", terms={"tarn": 2})
    s2 = StoryRecord("s_fair", [FAIR[0].id, DAM[2].id], title="Fair", centroid=b"\x00\x01")
    assert store.write_stories([s1, s2]) == 2
    assert {s["id"]: s["terms"] for s in store.story_states()} == {
        "s_dam": {"tarn": 2},
        "s_fair": {},
    }
    # the misfiled dam article moves to the dam story
    store.write_stories([StoryRecord("s_dam", [DAM[2].id], title="Dam")])
    sizes = {r["id"]: (r["articles"], r["outlets"]) for r in store.list_stories()}
    assert sizes == {"s_dam": (3, 2), "s_fair": (1, 1)}
    states = {s["id"]: s for s in store.story_states()}
    assert states["s_fair"]["centroid"] == b"\x00\x01"
    assert states["s_dam"]["last_published"] == "2026-03-03"
    assert store.story_memberships()[DAM[2].id] == "s_dam"
    assert store.story_outlets() == {
        "s_dam": {"Harbor Ledger", "Coastal Voice"},
        "s_fair": {"Meridian Times"},
    }


def test_store_write_stories_replace_drops_empty(store: Store) -> None:
    store.add_articles(DAM + FAIR)
    store.write_stories([StoryRecord("s_old", [a.id for a in DAM + FAIR])])
    store.write_stories([StoryRecord("s_new", [FAIR[0].id])], replace=True)
    assert [r["id"] for r in store.list_stories()] == ["s_new"]
    assert store.story_article_ids("s_new") == [FAIR[0].id]


def test_store_replace_keeps_report_stories(store: Store) -> None:
    sid = store.save_report(_report(DAM))
    store.add_articles(FAIR)
    store.write_stories([StoryRecord("s_fair", [FAIR[0].id])], replace=True)
    store.write_stories([StoryRecord("s_fair2", [FAIR[0].id])], replace=True)
    assert {r["id"] for r in store.list_stories()} == {sid, "s_fair2"}
    assert len(store.story_articles(sid)) == len(DAM)


def test_store_undated_articles_sort_last(store: Store) -> None:
    undated = _art("Undated note about the Tarn dam.", "Valley Herald")
    sid = store.save_report(_report([undated, *DAM]))
    ordered = [a.id for a in store.story_articles(sid)]
    assert ordered[-1] == undated.id and ordered[0] == DAM[0].id
