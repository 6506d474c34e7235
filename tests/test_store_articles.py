"""Store: articles are stored once each (content id and canonical URL), and read back intact."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.errors import StoreError
from storylens.store import Store, canonical_url
from storylens.types import Article, Removed, content_id


def _article(
    text: str, outlet: str = "Harbor Ledger", url: str | None = None, **kw: object
) -> Article:
    return Article(id=content_id(text), outlet=outlet, text=text, url=url, **kw)  # type: ignore[arg-type]


TEXT_A = "The ferry to Nolby resumed service on Monday after a week of storms."
TEXT_B = "Farmers in the Kessel valley began the barley harvest two weeks early."


def test_store_add_then_readd_is_idempotent(store: Store) -> None:
    arts = [_article(TEXT_A, url="https://ledger.example/a"), _article(TEXT_B)]
    first = store.add_articles(arts)
    again = store.add_articles(arts)
    assert (first.new, first.existing) == (2, 0)
    assert (again.new, again.existing) == (0, 2)
    assert store.count_articles() == 2


@pytest.mark.parametrize(
    ("first_url", "second_url", "same"),
    [
        ("https://ledger.example/a?utm_source=feed", "https://LEDGER.example/a#top", True),
        ("https://ledger.example/a", "https://ledger.example/a?utm_medium=rss", True),
        ("https://ledger.example/a", "https://ledger.example/b", False),
        (None, None, False),
    ],
)
def test_store_canonical_url_dedup(
    store: Store, first_url: str | None, second_url: str | None, same: bool
) -> None:
    # different texts (e.g. an updated page) at one canonical URL are one article
    store.add_articles([_article(TEXT_A, url=first_url)])
    result = store.add_articles([_article(TEXT_B, url=second_url)])
    assert result.new == (0 if same else 1)
    assert store.count_articles() == (1 if same else 2)


def test_store_duplicates_within_one_batch(store: Store) -> None:
    copy = _article("  The ferry to Nolby resumed service   on Monday after a week of storms. ")
    result = store.add_articles([_article(TEXT_A), copy])
    assert (result.new, result.existing) == (1, 1)


def test_store_roundtrip_fields(store: Store) -> None:
    art = _article(
        "Zurla's mayor opened a bridge.\x00 Crowds cheered — “finally”.",
        url="https://ledger.example/bridge",
        title="Bridge opens",
        byline="Ana Pell",
        published="2026-03-14",
        language="en",
        removed=[Removed("Subscribe now", "boilerplate")],
        source="feeds/ledger.xml",
    )
    store.add_articles([art])
    got = store.get_article(art.id)
    assert got is not None
    assert got.text == art.text.replace("\x00", "\ufffd")
    assert len(got.text) == len(art.text)  # spans stay valid
    assert (got.title, got.byline, got.published, got.language) == (
        "Bridge opens",
        "Ana Pell",
        "2026-03-14",
        "en",
    )
    assert got.removed == art.removed
    assert store.get_article("a_missing") is None


def test_store_iter_articles_pages(store: Store) -> None:
    arts = [_article(f"Story number {i} about the harbour crane.") for i in range(25)]
    store.add_articles(arts)
    got = list(store.iter_articles(batch_size=7))
    assert sorted(a.id for a in got) == sorted(a.id for a in arts)
    assert len(got) == 25


def test_store_reopen_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "s.db"
    with Store.open(path) as s:
        s.add_articles([_article(TEXT_A)])
    with Store.open(str(path)) as s:
        assert s.count_articles() == 1
        journal = s.engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar()
        assert journal == "wal"


@pytest.mark.parametrize("url", ["mysql://x/y", "ftp://nowhere/store"], ids=["mysql", "ftp"])
def test_store_rejects_unsupported_url(url: str) -> None:
    with pytest.raises(StoreError, match="unsupported store URL"):
        Store.open(url)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("HTTPS://Ledger.Example/Path?utm_source=x&id=4#f", "https://ledger.example/Path?id=4"),
        ("/local/file.html", None),
        ("", None),
        (None, None),
    ],
)
def test_store_canonical_url(url: str | None, key: str | None) -> None:
    assert canonical_url(url) == key


words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200
).filter(lambda t: t.strip())


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=words, title=st.none() | words, outlet=words)
def test_store_hypothesis_roundtrip(
    tmp_path: Path, text: str, title: str | None, outlet: str
) -> None:
    art = _article(text, outlet=outlet, title=title)
    # a fresh file per example: the same text twice would (rightly) be stored once
    with Store.open(tmp_path / f"h_{uuid.uuid4().hex}.db") as s:
        s.add_articles([art])
        got = s.get_article(art.id)
    assert got is not None
    assert got.to_dict() == {
        **art.to_dict(),
        "text": text.replace("\x00", "\ufffd"),
        "outlet": outlet.replace("\x00", "\ufffd"),
        "title": title.replace("\x00", "\ufffd") if title else title,
    }
