"""Story clustering: fictional corpora are grouped into their stories, incrementally too."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.errors import ConfigError
from storylens.eval.clustering import adjusted_rand_index, bcubed
from storylens.store import Store
from storylens.stories.build import build_stories
from storylens.stories.cluster import ClusterOptions, cluster_articles
from storylens.stories.features import entity_keys
from storylens.stories.synthetic import generate

TFIDF = ClusterOptions(method="stories.tfidf.v1")


@pytest.fixture(scope="module")
def corpus() -> list:  # type: ignore[type-arg]
    return generate(40, outlets=5, seed=11)


def _score(assigned: dict[str, str], items: list) -> tuple[float, float]:  # type: ignore[type-arg]
    pred = [assigned[i.article.id] for i in items]
    gold = [i.story for i in items]
    return bcubed(pred, gold)[2], adjusted_rand_index(pred, gold)


def test_corpus_cluster_recovers_stories(corpus: list) -> None:  # type: ignore[type-arg]
    f1, ari = _score(cluster_articles([i.article for i in corpus], TFIDF), corpus)
    assert f1 >= 0.95 and ari >= 0.9


def test_corpus_cluster_order_does_not_matter_much(corpus: list) -> None:  # type: ignore[type-arg]
    f1, _ = _score(cluster_articles([i.article for i in reversed(corpus)], TFIDF), corpus)
    assert f1 >= 0.95


def test_corpus_cluster_time_window_splits(corpus: list) -> None:  # type: ignore[type-arg]
    story = [i.article for i in corpus if i.story == corpus[0].story]
    later = [
        type(a)(**{**a.to_dict(), "id": a.id + "_later", "published": "2027-01-01", "removed": []})
        for a in story
    ]
    assigned = cluster_articles(story + later, TFIDF)
    assert {assigned[a.id] for a in story}.isdisjoint({assigned[a.id] for a in later})


def test_corpus_cluster_unknown_method() -> None:
    with pytest.raises(ConfigError, match="unknown story clustering method"):
        cluster_articles(
            generate(1)[0:1] and [generate(1)[0].article], ClusterOptions(method="x.v9")
        )


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("President Mirek Halas met Ilse Marant in Port Caldera.", ["mirek halas", "halas"], []),
        ("The talks ended. Officials left on Monday.", [], ["the", "officials", "monday"]),
        ("Talks ended. Mr. Halas left. Halas will return.", ["halas"], ["mr"]),
        ("Crowds met in Valdonia. Valdonia’s minister spoke.", ["valdonia"], ["minister"]),
    ],
)
def test_corpus_cluster_entity_keys(text: str, present: list[str], absent: list[str]) -> None:
    keys = entity_keys(text)
    assert all(k in keys for k in present), keys
    assert not any(k in keys for k in absent), keys


def test_corpus_cluster_incremental_build(tmp_path: Path, corpus: list) -> None:  # type: ignore[type-arg]
    first = [i for i in corpus if i.article.outlet != "Harbor Ledger"]
    second = [i for i in corpus if i.article.outlet == "Harbor Ledger"]
    with Store.open(tmp_path / "s.db") as store:
        store.add_articles(i.article for i in first)
        built = build_stories(store, TFIDF)
        assert built.clustered == len(first)
        stories_before = {r["id"] for r in store.list_stories()}
        store.add_articles(i.article for i in second)
        again = build_stories(store, ClusterOptions())  # asks for the default method...
        assert again.method == "stories.tfidf.v1"  # ...but extends with the stored one
        assert again.clustered == len(second)
        assert again.stories_extended > 0
        members = store.story_memberships()
        # the new articles joined the stories their story-mates already formed
        pred = [members[i.article.id] for i in corpus]
        gold = [i.story for i in corpus]
        assert bcubed(pred, gold)[2] >= 0.95
        assert {members[i.article.id] for i in second} <= stories_before | set(members.values())
        assert build_stories(store, TFIDF).clustered == 0  # nothing new: nothing to do


@pytest.mark.parametrize("method", ["stories.tfidf.v1", "stories.hybrid.v1"])
def test_corpus_cluster_example_story_is_one_story(examples_dir: Path, method: str) -> None:
    from storylens.ingestion import ingest
    from storylens.settings import Settings

    articles = ingest([str(examples_dir / "summit")], Settings()).articles
    assert len({a.outlet for a in articles}) == 4
    assigned = cluster_articles(articles, ClusterOptions(method=method))
    assert len(set(assigned.values())) == 1
