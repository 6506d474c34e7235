"""Event-level story grouping: two events of one kind stay apart, one event's angles join."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from storylens.eval.clustering import bcubed, evaluate
from storylens.settings import Settings
from storylens.store import Store
from storylens.stories.build import build_stories
from storylens.stories.cluster import Clusterer, ClusterOptions, cluster_articles
from storylens.stories.features import Features, entity_keys, protagonist, years
from storylens.stories.synthetic import generate
from storylens.types import Article, content_id

EVENT = ClusterOptions(method="stories.event.v1")

# Two harbour fires in one week in the same country: same kind, different events.
FIRE_A = [
    "Fire crews in Port Veland fought a blaze at the Kessin grain terminal on Tuesday after "
    "a conveyor belt caught fire; harbour master Oda Brenn said two silos were lost and the "
    "terminal would stay shut until the insurers of the Kessin terminal had inspected it.",
    "A conveyor belt fire destroyed two silos at the Kessin grain terminal in Port Veland. "
    "Oda Brenn, the harbour master, told reporters the Kessin terminal will stay shut while "
    "insurers inspect the damage and grain ships wait outside Port Veland.",
    "Grain ships are queuing outside Port Veland after the Kessin terminal fire. Harbour "
    "master Oda Brenn said the conveyor belt that caught fire had been inspected in May and "
    "that the two silos lost held wheat bound for export.",
]
FIRE_B = [
    "Fire crews in Lorsk battled a blaze aboard the ferry Marit Sol at the Lorsk ferry quay on "
    "Thursday; captain Ivo Randa said all 212 passengers were taken off the Marit Sol before "
    "the fire reached the car deck, and the ferry line cancelled crossings to Tarn Island.",
    "All 212 passengers left the burning ferry Marit Sol safely at Lorsk, captain Ivo Randa "
    "told reporters. Crossings to Tarn Island are cancelled while the car deck of the Marit "
    "Sol is inspected at the Lorsk ferry quay.",
    "The ferry line cancelled Tarn Island crossings after the Marit Sol fire at Lorsk. Captain "
    "Ivo Randa said the fire started on the car deck; the 212 passengers were unhurt and "
    "reached the Lorsk ferry quay.",
]


def _articles(texts: list[str], story: str) -> list[tuple[Article, str]]:
    return [
        (
            Article(
                id=content_id(text),
                outlet=f"outlet{n}",
                url=None,
                title=None,
                text=text,
                published="2026-03-0" + str(3 + n),
            ),
            story,
        )
        for n, text in enumerate(texts)
    ]


def test_stories_events_same_kind_other_event_apart() -> None:
    items = _articles(FIRE_A, "a") + _articles(FIRE_B, "b")
    # background: other stories so that document frequencies mean something
    background = [(i.article, i.story) for i in generate(30, outlets=3, seed=4)]
    items += background
    assigned = cluster_articles([a for a, _ in items], EVENT)
    stories_a = {assigned[a.id] for a, s in items if s == "a"}
    stories_b = {assigned[a.id] for a, s in items if s == "b"}
    assert len(stories_a) == 1 and len(stories_b) == 1
    assert stories_a.isdisjoint(stories_b)


@pytest.mark.parametrize("seed", [2, 9])
def test_stories_events_generated_corpus(seed: int) -> None:
    items = generate(40, outlets=4, seed=seed)
    assigned = cluster_articles([i.article for i in items], EVENT)
    _, _, f1 = bcubed([assigned[i.article.id] for i in items], [i.story for i in items])
    assert f1 >= 0.95


def test_stories_events_stored_story_keeps_id_when_it_grows(tmp_path: Path) -> None:
    items = generate(30, outlets=4, seed=21)
    last_outlet = items[-1].article.outlet
    first = [i for i in items if i.article.outlet != last_outlet]
    later = [i for i in items if i.article.outlet == last_outlet]
    with Store.open(tmp_path / "s.db") as store:
        store.add_articles(i.article for i in first)
        build_stories(store, EVENT)
        before = store.story_memberships()
        store.add_articles(i.article for i in later)
        build_stories(store, EVENT)
        after = store.story_memberships()
    # every article keeps its story, and the later ones join the stories of their event
    assert all(after[a] == s for a, s in before.items())
    story_of = {i.story: before[i.article.id] for i in first}
    joined = sum(after[i.article.id] == story_of.get(i.story) for i in later)
    assert joined >= 0.9 * len(later)


def _ecb_file(path: Path, sentences: list[str], url: str | None = None) -> None:
    tokens = []
    number = 1
    rows = ([url.replace("/", " / ").split()] if url else []) + [s.split() for s in sentences]
    for sentence, words in enumerate(rows):
        for word in words:
            tokens.append(f'<token t_id="{number}" sentence="{sentence}">{word}</token>')
            number += 1
    path.write_text(
        f'<Document doc_name="{path.name}">{"".join(tokens)}<Markables/><Relations/></Document>',
        encoding="utf-8",
    )


def test_stories_events_ecbplus_layout(tmp_path: Path) -> None:
    topic = tmp_path / "ECB+" / "3"
    topic.mkdir(parents=True)
    for n, text in enumerate(FIRE_A, 1):
        _ecb_file(topic / f"3_{n}ecb.xml", text.split("; "))
    for n, text in enumerate(FIRE_B, 1):
        _ecb_file(topic / f"3_{n}ecbplus.xml", text.split("; "), url="http: example.org news")
    scores = evaluate(tmp_path, Settings(), EVENT)
    assert scores.articles == 6 and scores.gold_stories == 2
    assert scores.bcubed_f1 == 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Coach Ana Sorel resigned. Sorel had led Vinta FC since May. Vinta FC thanked Sorel.",
            "sorel",
        ),
        ("Lars Okke arrived. Okke met Ruth Amsel.", "okke"),  # Okke 2, Amsel 1
        ("Ruth Amsel spoke to Lars Okke.", None),  # nobody named twice
    ],
)
def test_stories_events_protagonist_is_the_most_repeated_name(
    text: str, expected: str | None
) -> None:
    assert protagonist(entity_keys(text)) == expected


def _person_story(
    clusterer: Clusterer,
    prefix: str,
    axis: int,
    names: dict[str, int],
    mains: list[str],
    years: list[set[int]] | None = None,
) -> str:
    """Articles whose protagonists are ``mains`` and which mention ``years`` (vectors along
    ``axis`` plus a shared direction, so two such stories are 0.2 similar: below the join,
    above the merge threshold)."""
    vector = np.zeros(8, dtype=np.float32)
    vector[axis], vector[7] = 1.0, 0.5
    vector /= np.linalg.norm(vector)
    for n, main in enumerate(mains):
        feat = Features(
            id=f"{prefix}{n}",
            outlet=f"o{n}",
            day=None,
            lead=prefix,
            keys=Counter(names),
            protagonist=main,
            years=frozenset(years[n] if years else ()),
        )
        clusterer.add(feat, vector, {"rovers": 1.0})  # one blocking key: candidates
    return clusterer.assigned[f"{prefix}0"]


@pytest.mark.parametrize("recalls", [False, True])
def test_stories_events_stories_about_other_people_never_merge(recalls: bool) -> None:
    """Two arrests of two players of one team: the later one may recall the earlier player,
    but its articles are about someone the earlier ones never name, so the two stay apart."""
    clusterer = Clusterer(EVENT, 8)
    first = _person_story(
        clusterer, "a", 0, {"rovers": 1, "tomas brek": 1, "brek": 3}, ["brek"] * 3
    )
    later_names = {"rovers": 1, "ivo dansk": 1, "dansk": 3} | ({"brek": 1} if recalls else {})
    later = _person_story(clusterer, "b", 1, later_names, ["dansk"] * 3)
    assert first != later  # the single pass leaves them apart
    assert clusterer.other_people(clusterer.stories[first], clusterer.stories[later])
    assert clusterer.merge_new() == 0


def test_stories_events_one_person_at_two_places_merges() -> None:
    """One actress's rehab told as "checks into the Sendra clinic" and, a day later, as
    "checks into the Halm Centre": the later articles are mostly about the centre, which the
    first never name, but she is still the protagonist of one of them: one story."""
    clusterer = Clusterer(EVENT, 8)
    first = _person_story(clusterer, "a", 0, {"mira vale": 1, "vale": 3, "sendra": 2}, ["vale"] * 3)
    later = _person_story(
        clusterer, "b", 1, {"mira vale": 1, "vale": 2, "halm": 3}, ["halm", "vale", "halm"]
    )
    assert not clusterer.other_people(clusterer.stories[first], clusterer.stories[later])
    assert clusterer.merge_new() == 1
    assert clusterer.assigned["b0"] == clusterer.assigned["a0"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Posted 2 / 3 / 2009. Voters went to the polls in March 2013.", None, {2009, 2013}),
        ("Over 2,000 people, 1500 troops and $2010 in cash; the 1990s.", None, set()),
        (
            "A flaw (CVE-2013-3893) in a browser first sold in 1995.",
            "2021-08-15",
            {1995, 2013, 2021},
        ),
    ],
)
def test_stories_events_years_mentioned(
    text: str, published: str | None, expected: set[int]
) -> None:
    assert years(text, published) == expected


@pytest.mark.parametrize(("recent", "apart"), [(set(), True), ({2011}, False)])
def test_stories_events_stories_years_apart_never_merge(recent: set[int], apart: bool) -> None:
    """The same club puts a player on injured reserve twice: articles dated 2011 and undated
    ones that name only earlier years (2006, 2007) report two events. When one of the undated
    articles names 2011 too, nothing says they are apart."""
    clusterer = Clusterer(EVENT, 8)
    names = {"rovers": 2, "ivo dansk": 1, "dansk": 3}
    later = _person_story(clusterer, "a", 0, names, ["dansk"] * 3, [{2011}, {2011, 2009}, {2011}])
    earlier = _person_story(
        clusterer, "b", 1, names, ["dansk"] * 3, [{2006}, set(), {2007} | recent]
    )
    stories = clusterer.stories[later], clusterer.stories[earlier]
    assert not clusterer.other_people(*stories)  # same names: only the years tell them apart
    assert clusterer.years_apart(*stories) is apart
    assert clusterer.merge_new() == (0 if apart else 1)
