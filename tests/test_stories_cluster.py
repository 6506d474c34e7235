"""Story clustering: fictional corpora are grouped into their stories, incrementally too."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from storylens.errors import ConfigError
from storylens.eval.clustering import adjusted_rand_index, bcubed
from storylens.store import Store
from storylens.stories.build import build_stories
from storylens.stories.cluster import Clusterer, ClusterOptions, cluster_articles
from storylens.stories.features import Features, entity_keys
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


def _unit(*weights: float) -> npt.NDArray[np.float32]:
    vec = np.zeros(8, dtype=np.float32)
    vec[: len(weights)] = weights
    return (vec / np.linalg.norm(vec)).astype(np.float32)


def _features(name: str) -> Features:
    return Features(id=name, outlet="o", day=None, lead=name)


def test_corpus_cluster_strays_join_their_clearly_closest_story() -> None:
    """A lone article moderately close to one story, and to nothing else, joins it (which
    keeps its id); one about as close to two stories stays apart."""
    clusterer = Clusterer(ClusterOptions(), 8)
    for name in ("a1", "a2", "a3"):  # story A along axis 0, B along axis 1 (cosine 0)
        clusterer.add(_features(name), _unit(1, 0.1), {})
    story_a = clusterer.assigned["a1"]
    for name in ("b1", "b2"):
        clusterer.add(_features(name), _unit(0, 1), {})
    stray = _unit(0.155, 0, 0.988)  # mean similarity ~0.15 to A, 0 to B: below the merge
    torn = _unit(0.15, 0.145, 0, 0.978)  # about as close to A as to B
    for name, vec in (("stray", stray), ("torn", torn)):
        clusterer.add(_features(name), vec, {})
        clusterer._post("h:shared", clusterer.assigned[name])  # candidates of each other
    for sid in {clusterer.assigned[n] for n in ("a1", "b1")}:
        clusterer._post("h:shared", sid)
    assert len(set(clusterer.assigned.values())) == 4  # the pass leaves both alone
    assert clusterer.merge_new() == 0
    assert clusterer.attach_strays() == 1
    assert clusterer.assigned["stray"] == story_a == clusterer.assigned["a1"]
    assert clusterer.assigned["torn"] not in (story_a, clusterer.assigned["b1"])
    assert ClusterOptions(stray_threshold=0.5).story_stray_threshold == 0.5
    assert ClusterOptions(method="stories.tfidf.v1").story_stray_threshold is None
