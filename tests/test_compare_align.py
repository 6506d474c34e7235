"""Claim alignment, statuses, omissions and report assembly on hand-built analyses.

The embedder is replaced by a deterministic bag-of-words vector so the grouping logic
is tested without the model; the real model is exercised in test_compare_embed.py.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from storylens.comparison.align import align_claims, cluster
from storylens.comparison.dedup import DuplicateGroup
from storylens.comparison.provenance import SourceNames
from storylens.comparison.report import (
    REPORT_KEYS,
    add_provenance,
    build_report,
    resolve_conflicts,
)
from storylens.settings import Settings
from storylens.types import Analysis, Argument, Article, Claim

STOP = {"the", "a", "of", "on", "in", "to", "and", "said", "with"}


def bow_embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    out = np.zeros((len(texts), 512), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in re.findall(r"[a-z0-9]+", text.casefold()):
            if word not in STOP:
                out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % 512] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-9, None)


def make_analysis(aid: str, outlet: str, claims: list[dict[str, Any]]) -> Analysis:
    text = " ".join(c["text"] for c in claims)
    article = Article(id=aid, outlet=outlet, text=text)
    built, sentences, pos = [], [], 0
    for i, spec in enumerate(claims):
        start, end = pos, pos + len(spec["text"])
        sentences.append((start, end))
        built.append(
            Claim(
                id=f"{aid}_c{i}",
                article=aid,
                start=start,
                end=end,
                text=spec["text"],
                predicate=spec.get("predicate", ""),
                attributed_to=spec.get("chain", []),
                quantities=spec.get("quantities", []),
                arguments=spec.get("arguments", {}),
                sentence=i,
            )
        )
        pos = end + 1
    return Analysis(article=article, sentences=sentences, claims=built)


def pct(value: float) -> Argument:
    return Argument(text=f"{value:g} percent", start=0, end=5, value=value, unit="percent")


ANALYSES = [
    make_analysis(
        "a1",
        "Lakeside Post",
        [
            {"text": "Norland and Sudmark signed the lake fishing treaty in Velm on Friday."},
            {
                "text": "The treaty grants Norland 40 percent of the spring catch.",
                "quantities": [pct(40)],
                "predicate": "grant",
            },
            {
                "text": "The ferry guild gave the delegates two brass lanterns, NOVA reported.",
                "chain": ["NOVA"],
            },
            {"text": "The treaty takes effect in the first week of August."},
        ],
    ),
    make_analysis(
        "a2",
        "Daily Torch",
        [
            {"text": "Norland and Sudmark signed the lake fishing treaty in Velm."},
            {
                "text": "The treaty grants Norland 60 percent of the spring catch.",
                "quantities": [pct(60)],
                "predicate": "grant",
            },
            {
                "text": "The ferry guild gave delegates two brass lanterns, NOVA agency reported.",
                "chain": ["NOVA agency"],
            },
            {"text": "Hecklers delayed the convoy of the Sudmark premier by half an hour."},
        ],
    ),
    make_analysis(
        "a3",
        "Quay Review",
        [
            {"text": "Norland and Sudmark signed the lake fishing treaty in Velm on Friday."},
            {"text": "Biologists warned that pike numbers in the lake have fallen sharply."},
        ],
    ),
]
OUTLETS = {a.article.id: a.article.outlet for a in ANALYSES}
UNITS = {aid: aid for aid in OUTLETS}


def groups_by_text(alignment: Any) -> dict[str, Any]:
    return {g.text: g for g in alignment.groups}


@pytest.fixture()
def aligned() -> Any:
    settings = Settings()
    alignment = align_claims(ANALYSES, OUTLETS, UNITS, settings, embed=bow_embed)
    resolve_conflicts(alignment, settings)
    add_provenance(alignment.groups, alignment, OUTLETS, UNITS, SourceNames([], OUTLETS.values()))
    return alignment


def find(alignment: Any, word: str) -> Any:
    hits = [
        g for g in alignment.groups if any(word in alignment.views[c].claim.text for c in g.claims)
    ]
    assert len(hits) == 1, [g.text for g in hits]
    return hits[0]


def test_align_agreed_across_three_outlets(aligned: Any) -> None:
    group = find(aligned, "signed")
    assert group.status == "agreed"
    assert group.outlets == ["Lakeside Post", "Daily Torch", "Quay Review"]
    assert group.missing_from == []
    assert group.independent_sources == 3


def test_align_conflicting_share(aligned: Any) -> None:
    group = find(aligned, "percent")
    assert group.status == "conflicting"
    assert group.differences[0]["argument"] == "quantity"
    assert set(group.differences[0]["claims"]) == {"a1_c1", "a2_c1"}


def test_align_relayed_agency_is_one_source(aligned: Any) -> None:
    group = find(aligned, "lanterns")
    assert group.status == "agreed"
    assert group.primary_sources == ["NOVA"]
    assert group.independent_sources == 1


@pytest.mark.parametrize(
    ("word", "outlet"),
    [("August", "Lakeside Post"), ("Hecklers", "Daily Torch"), ("pike", "Quay Review")],
)
def test_align_unique_claims_list_omitting_outlets(aligned: Any, word: str, outlet: str) -> None:
    group = find(aligned, word)
    assert group.status == "unique"
    assert group.outlets == [outlet]
    assert sorted(group.missing_from) == sorted(set(OUTLETS.values()) - {outlet})


def test_align_wire_copies_count_once() -> None:
    units = {"a1": "a1", "a2": "a1", "a3": "a3"}  # pretend a2 copies a1
    alignment = align_claims(ANALYSES[:2], OUTLETS, units, Settings(), embed=bow_embed)
    group = next(g for g in alignment.groups if "signed" in g.text)
    assert group.outlets == ["Lakeside Post", "Daily Torch"]
    assert group.status == "unique"  # one story from one wire, however many copies


def test_align_high_threshold_keeps_everything_apart() -> None:
    alignment = align_claims(
        ANALYSES,
        OUTLETS,
        UNITS,
        Settings(align_threshold=1.5, align_headline_similarity=0.0),
        embed=bow_embed,
    )
    assert all(len(g.claims) == 1 and g.status == "unique" for g in alignment.groups)
    assert sum(len(g.claims) for g in alignment.groups) == 10


def test_align_average_linkage_blocks_chaining() -> None:
    # x~y and y~z are strong, x~z is weak: average linkage keeps z out of {x, y}
    from storylens.comparison.conflict_args import ClaimView

    views = [
        ClaimView(Claim(id=i, article=a, start=0, end=1, text=i), outlet=a, unit=a)
        for i, a in (("x", "A"), ("y", "B"), ("z", "C"))
    ]
    scores = {("x", "y"): 0.95, ("y", "z"): 0.7, ("x", "z"): 0.2}
    assert cluster(views, scores, 0.62) == [["x", "y"], ["z"]]


def test_align_two_facts_join_only_when_their_pairs_average_near_the_threshold() -> None:
    # {x, y} and {z, w} are two facts; one bridge (y~z) clears the threshold, but over all
    # their cross pairs the two groups average far under it: they stay two groups
    from storylens.comparison.conflict_args import ClaimView

    views = [
        ClaimView(Claim(id=i, article=a, start=0, end=1, text=i), outlet=a, unit=a)
        for i, a in (("x", "A"), ("y", "B"), ("z", "C"), ("w", "D"))
    ]
    scores = {
        ("x", "y"): 0.9,
        ("z", "w"): 0.9,
        ("y", "z"): 0.6,
        ("x", "z"): 0.1,
        ("x", "w"): 0.2,
        ("y", "w"): 0.3,
    }
    assert cluster(views, scores, 0.48) == [["x", "y"], ["z", "w"]]
    scores[("x", "z")] = 0.55  # the pairs now average near the threshold: one fact
    assert cluster(views, scores, 0.48) == [["x", "y", "z", "w"]]


@pytest.mark.parametrize(
    ("second_predicate", "together"),
    [("book", False), ("arrest", True)],
)
def test_align_two_facts_of_one_article_never_share_a_group(
    second_predicate: str, together: bool
) -> None:
    # a1 ("gave a blood sample") and a2 ("was booked and released on bail") are two facts of
    # article A, each told by B too; C's statement is close to both and would chain the two
    # pairs into one group. Two statements of one article that score low together and name
    # different events stay apart; told as one event ("arrest" twice), they may join.
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import PairScores

    specs = [
        ("a1", "A", "arrest"),
        ("a2", "A", second_predicate),
        ("b1", "B", "arrest"),
        ("b2", "B", second_predicate),
        ("c1", "C", "take"),
    ]
    views = [
        ClaimView(Claim(id=i, article=a, start=0, end=1, text=i, predicate=p), outlet=a, unit=a)
        for i, a, p in specs
    ]
    pairs = {
        ("a1", "a2"): 0.2,
        ("b1", "b2"): 0.2,
        ("a1", "b1"): 0.9,
        ("a2", "b2"): 0.9,
        ("a1", "b2"): 0.6,
        ("a2", "b1"): 0.6,
        ("a1", "c1"): 0.8,
        ("a2", "c1"): 0.8,
        ("b1", "c1"): 0.7,
        ("b2", "c1"): 0.7,
    }
    ids = [i for i, _, _ in specs]
    matrix = np.zeros((5, 5), dtype=np.float32)
    for (x, y), value in pairs.items():
        matrix[ids.index(x), ids.index(y)] = matrix[ids.index(y), ids.index(x)] = value
    scores = PairScores(ids, [a for _, a, _ in specs], matrix)
    found = cluster(views, scores, 0.48)
    if together:
        assert found == [["a1", "a2", "b1", "b2", "c1"]]
    else:
        assert ["a2", "b2"] in found and not any({"a1", "a2"} <= set(g) for g in found)


@pytest.mark.parametrize(("loose", "together"), [(1, True), (3, False)])
def test_align_one_loose_pair_of_an_article_does_not_split_a_fact(
    loose: int, together: bool
) -> None:
    # three articles tell a fact in two sentences each (x: "to host the Oscars", y: "will make
    # her second appearance as host"); D's statement chains the x and y sentences. When only
    # one article's own pair is loose, the sentences stay one fact; when all three are, two.
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import PairScores

    specs = [(f"{k}{a}", a, "host" if k == "x" else "make") for a in "ABC" for k in "xy"]
    specs.append(("d1", "D", "take"))
    views = [
        ClaimView(Claim(id=i, article=a, start=0, end=1, text=i, predicate=p), outlet=a, unit=a)
        for i, a, p in specs
    ]
    ids = [i for i, _, _ in specs]
    matrix = np.zeros((len(ids), len(ids)), dtype=np.float32)

    def put(x: str, y: str, value: float) -> None:
        matrix[ids.index(x), ids.index(y)] = matrix[ids.index(y), ids.index(x)] = value

    for a in "ABC":
        put(f"x{a}", f"y{a}", 0.2 if "ABC".index(a) < loose else 0.6)
        put(f"x{a}", "d1", 0.8)
        put(f"y{a}", "d1", 0.8)
        for b in "ABC":
            if a < b:
                put(f"x{a}", f"x{b}", 0.9)
                put(f"y{a}", f"y{b}", 0.9)
                put(f"x{a}", f"y{b}", 0.55)
                put(f"y{a}", f"x{b}", 0.55)
    scores = PairScores(ids, [a for _, a, _ in specs], matrix)
    found = cluster(views, scores, 0.48)
    assert (len(found) == 1) is together, found


def test_align_a_link_needs_each_statement_the_others_best_match() -> None:
    # b2 scores over the threshold with a1, but a1 states b1's fact: b2 is not pulled in
    from storylens.comparison.conflict_args import ClaimView

    views = [
        ClaimView(Claim(id=i, article=a, start=0, end=1, text=i), outlet=a, unit=a)
        for i, a in (("a1", "A"), ("b1", "B"), ("b2", "B"))
    ]
    scores = {("a1", "b1"): 0.8, ("a1", "b2"): 0.6}
    assert cluster(views, scores, 0.48) == [["a1", "b1"], ["b2"]]
    # ... unless it is a1's best match too (a tie)
    scores[("a1", "b2")] = 0.8
    assert cluster(views, scores, 0.48) == [["a1", "b1", "b2"]]


def test_align_report_contract(aligned: Any) -> None:
    report = build_report(
        ANALYSES,
        [],
        aligned,
        [DuplicateGroup(["a1", "a9"], ["Lakeside Post", "Lakeside Wire"], 0.9, "a1")],
        OUTLETS,
        Settings(),
    )
    data = report.to_dict()
    assert set(REPORT_KEYS) <= set(data)
    assert data["schema_version"]
    group_ids = {g["id"] for g in data["claim_groups"]}
    assert {c["group"] for c in data["claims"]} == group_ids
    for group in data["claim_groups"]:
        assert group["status"] in {"agreed", "unique", "conflicting"}
        assert {
            "claims",
            "outlets",
            "differences",
            "primary_sources",
            "independent_sources",
        } <= set(group)
    assert data["duplicates"][0]["articles"] == ["a1", "a9"]
    assert [g["id"] for g in report.group("conflicting")] == [
        g.id for g in aligned.groups if g.status == "conflicting"
    ]


def test_align_opposite_polarity_scores_lower() -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import POLARITY_PENALTY, score_matrices

    def views(negated: bool) -> list[ClaimView]:
        texts = [
            ("A", "the guild paid the fishers for the lost nets"),
            ("B", "the guild paid the fishers"),
        ]
        return [
            ClaimView(
                Claim(id=a, article=a, start=0, end=len(t), text=t, negated=(negated and a == "B")),
                outlet=a,
                unit=a,
            )
            for a, t in texts
        ]

    same = score_matrices(views(False), bow_embed)[0][0, 1]
    opposite = score_matrices(views(True), bow_embed)[0][0, 1]
    assert same - opposite == pytest.approx(POLARITY_PENALTY, abs=1e-5)


@pytest.mark.parametrize(
    ("predicate", "negated", "penalised"),
    [
        ("be unlikely", False, True),  # "is unlikely to meet" against "will meet"
        ("fail", False, True),  # "failed to pass" against "passed"
        ("be unlikely", True, False),  # "is not unlikely to meet": a yes
        ("refuse", False, False),  # "was refused permission" is no denial of the meeting
    ],
)
def test_align_a_predicate_that_denies_its_event_has_the_opposite_polarity(
    predicate: str, negated: bool, penalised: bool
) -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import POLARITY_PENALTY, score_matrices

    def views(pred: str, neg: bool) -> list[ClaimView]:
        texts = [
            ("A", "the envoy will meet the guild at the harbour", "meet", False),
            ("B", "the envoy will meet the guild at the harbour", pred, neg),
        ]
        return [
            ClaimView(
                Claim(id=a, article=a, start=0, end=len(t), text=t, predicate=p, negated=n),
                outlet=a,
                unit=a,
            )
            for a, t, p, n in texts
        ]

    plain = float(score_matrices(views("meet", False), bow_embed)[0][0, 1])
    scored = float(score_matrices(views(predicate, negated), bow_embed)[0][0, 1])
    drop = plain - scored
    assert drop >= POLARITY_PENALTY - 1e-5 if penalised else drop < POLARITY_PENALTY, drop


@pytest.mark.parametrize(
    ("predicate", "negated", "opposite"),
    [
        ("resume", False, True),  # "will suspend the tolls" / "will resume the tolls"
        ("restart", True, False),  # "will not restart the tolls": the same as suspending
        ("halt", False, False),  # one kind of event
        ("collect", False, False),  # no opposite listed
    ],
)
def test_align_opposite_events_of_one_subject_are_two_facts(
    predicate: str, negated: bool, opposite: bool
) -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import pair_features

    texts = [
        ("A", "the council will suspend the ferry tolls", "suspend", False),
        ("B", "the council will change the ferry tolls", predicate, negated),
    ]
    views = [
        ClaimView(
            Claim(id=a, article=a, start=0, end=len(t), text=t, predicate=p, negated=n),
            outlet=a,
            unit=a,
        )
        for a, t, p, n in texts
    ]
    assert bool(pair_features(views, bow_embed)["opposite"][0, 1]) is opposite


def test_align_short_fragments_score_lower() -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import SHORT_PENALTY, score_matrices

    def pair(a_text: str, b_text: str) -> float:
        views = [
            ClaimView(Claim(id=a, article=a, start=0, end=len(t), text=t), outlet=a, unit=a)
            for a, t in (("A", a_text), ("B", b_text))
        ]
        return float(score_matrices(views, bow_embed)[0][0, 1])

    # identical texts: cosine 1 and TF-IDF 1, no other evidence; the fragment loses the penalty
    assert pair("the mayor recounted", "the mayor recounted") == pytest.approx(
        1.0 - SHORT_PENALTY, abs=1e-4
    )
    assert pair("the mayor recounted the storm", "the mayor recounted the storm") > 1.0


def test_align_a_claim_of_one_content_word_matches_only_its_own_wording(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storylens.comparison import scoring
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import SHORT_PENALTY, TINY_PENALTY, score_matrices

    def pair(a_text: str, b_text: str) -> float:
        views = [
            ClaimView(Claim(id=a, article=a, start=0, end=len(t), text=t), outlet=a, unit=a)
            for a, t in (("A", a_text), ("B", b_text))
        ]
        return float(score_matrices(views, bow_embed)[0][0, 1])

    # the same words (case and punctuation aside): only the fragment penalty
    assert pair("I replied,", "i replied") == pytest.approx(1.0 - SHORT_PENALTY, abs=1e-4)
    # "you know" shares its one word with a whole fact: never a match
    loose = pair("you know", "the mayor did not know when the ferry left")
    assert loose < 0.0
    monkeypatch.setitem(scoring.WEIGHTS, "tiny", 0.0)
    assert pair("you know", "the mayor did not know when the ferry left") == pytest.approx(
        loose + TINY_PENALTY, abs=1e-5
    )


@pytest.mark.parametrize(
    ("other", "penalised"),
    [
        ("convict", True),  # a charge and a verdict: two stages, two facts
        ("indict", False),  # one class
        ("kill", False),  # shot / killed: one family, often one fact
        ("stroll", False),  # no event class: nothing to compare
    ],
)
def test_align_events_of_different_families_score_lower(other: str, penalised: bool) -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import CLASS_PENALTY, score_matrices

    def pair(predicate_a: str, predicate_b: str) -> float:
        text = "the harbour pilot was named in the case"
        views = [
            ClaimView(Claim(id=a, article=a, start=0, end=len(text), text=text, predicate=p),
                      outlet=a, unit=a)
            for a, p in (("A", predicate_a), ("B", predicate_b))
        ]  # fmt: skip
        return float(score_matrices(views, bow_embed)[0][0, 1])

    first = "shoot" if other == "kill" else "charge"
    drop = pair(first, first) - pair(first, other)
    # any other predicate loses the same-predicate bonus; only another family costs more
    if penalised:
        assert drop >= CLASS_PENALTY - 1e-5
    else:
        assert drop < CLASS_PENALTY - 1e-5


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        ("stopped him in the 11th round", "stopped him in the sixth round", True),
        ("stopped him in the sixth round", "won in the sixth round of the bout", False),
        ("his second term in office", "the first round of talks", False),  # other things
        ("his second term", "a landslide win", False),  # only one side counts
    ],
)
def test_align_ordinals_of_the_same_thing_differ(a: str, b: str, differ: bool) -> None:
    from storylens.comparison.features import ordinals, ordinals_differ

    assert ordinals_differ(ordinals(a), ordinals(b)) is differ


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("pass away", "die", True),  # a phrasal verb names its own event
        ("be dead", "die", True),  # "is dead": the complement's event
        ("gun down", "kill", True),
        ("step down", "resign", True),
        ("pass", "die", False),  # a law that passed did not die
        ("be able", "be likely", False),  # no event: nothing in common
        ("postpone", "suspend", True),  # a plan put off is one kind of event however told
        ("welcome", "praise", True),
        ("rescind", "overturn", True),
        ("praise", "condemn", False),
    ],
)
def test_align_event_class_reads_phrasal_and_copular_predicates(a: str, b: str, same: bool) -> None:
    from storylens.comparison.events import event_class

    assert (event_class(a) == event_class(b) and event_class(a).startswith("event")) is same


def test_align_speaker_is_the_fullest_matching_name() -> None:
    from storylens.comparison.features import speaker_of
    from storylens.types import Mention

    people = [
        Mention("a", 0, 1, name, "PERSON") for name in ("Tara", "Tara Reid", "Sgt.", "Marty Earley")
    ]
    said = [Claim(id=str(k), article="a", start=0, end=1, text="x", attributed_to=[s])
            for k, s in enumerate(("Tara", "Reid", "Sgt. Marty Earley", "Earley"))]  # fmt: skip
    assert [speaker_of(c, people) for c in said] == [{"reid"}, {"reid"}, {"earley"}, {"earley"}]
    linked = [Mention("a", 0, 1, "Kim Jong Un", "PERSON", entity="e_kim-jong-un")]
    said_by_kim = Claim(
        id="k", article="a", start=0, end=1, text="x", attributed_to=["Kim Jong Un"]
    )
    assert speaker_of(said_by_kim, linked) == {"e_kim-jong-un", "un"}


@pytest.mark.parametrize(
    ("speaker_a", "speaker_b", "penalised"),
    [
        ({"e_kim-jong-un", "kim"}, {"e_kim-jong-un", "un"}, False),  # one person, linked
        ({"e_rodney-s-scott", "scott"}, {"e_rodney-scott", "scott"}, False),  # one surname
        ({"e_john-kelly", "kelly"}, {"e_john-bolton", "bolton"}, True),  # two people
    ],
)
def test_align_statements_of_one_speaker_are_not_penalised_as_two(
    speaker_a: set[str], speaker_b: set[str], penalised: bool
) -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import SPEAKER_PENALTY, score_matrices

    text = "the talks with the neighbours went well and will go on next month"

    def pair(a: set[str], b: set[str]) -> float:
        views = [
            ClaimView(Claim(id=k, article=k, start=0, end=len(text), text=text),
                      outlet=k, unit=k, speaker=frozenset(s))
            for k, s in (("A", a), ("B", b))
        ]  # fmt: skip
        return float(score_matrices(views, bow_embed)[0][0, 1])

    drop = pair(speaker_a, speaker_a) - pair(speaker_a, speaker_b)
    assert drop == pytest.approx(SPEAKER_PENALTY if penalised else 0.0, abs=1e-5)


def test_align_two_speakers_may_tell_one_event() -> None:
    # two people's words are two facts, but the scores events are read by carry no
    # two-speaker penalty: two people can tell one happening
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import score_matrices

    text = "the bridge over the Kessel collapsed on Monday after the flood"
    views = [
        ClaimView(Claim(id=k, article=k, start=0, end=len(text), text=text),
                  outlet=k, unit=k, speaker=frozenset({k.casefold()}))
        for k in ("Brandt", "Veit")
    ]  # fmt: skip
    facts, events = score_matrices(views, bow_embed)
    assert float(facts[0, 1]) < 0.48 <= float(events[0, 1])


@pytest.mark.parametrize(
    ("actors_b", "people_b", "penalised"),
    [
        (["amsel"], ["amsel"], True),  # two people, neither named by the other claim
        (["amsel"], ["amsel", "ilse brandt"], False),  # B names A's actor too (meet / host)
        ([], ["amsel"], False),  # B names nobody as acting ("the visit was brief")
    ],
)
def test_align_claims_of_two_different_actors_score_lower(
    actors_b: list[str], people_b: list[str], penalised: bool
) -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import ACTOR_PENALTY, score_matrices

    text = "the first official visit to the port since the floods"

    def names(people: list[str]) -> tuple[frozenset[str], ...]:
        return tuple(frozenset(p.split()) for p in people)

    def pair(actors: list[str], people: list[str]) -> float:
        views = [
            ClaimView(Claim(id="A", article="A", start=0, end=len(text), text=text),
                      outlet="A", unit="A", actors=names(["brandt"]), people=names(["brandt"])),
            ClaimView(Claim(id="B", article="B", start=0, end=len(text), text=text),
                      outlet="B", unit="B", actors=names(actors), people=names(people)),
        ]  # fmt: skip
        return float(score_matrices(views, bow_embed)[0][0, 1])

    drop = pair(["brandt"], ["brandt"]) - pair(actors_b, people_b)
    assert drop == pytest.approx(ACTOR_PENALTY if penalised else 0.0, abs=1e-5)


def test_align_views_read_who_acts_from_the_agent_or_the_opening_name() -> None:
    from storylens.comparison.align import claim_views
    from storylens.types import Argument, Mention

    text = "Mayor Ilse Brandt met Amsel in Velm. Amsel's first visit to Velm was brief."
    second = text.index("Amsel's")
    article = Article(id="a1", outlet="Lakeside Post", text=text)
    agent = Argument(text="Mayor Ilse Brandt", start=0, end=17)
    claims = [
        Claim("a1:c0", "a1", 0, second - 1, text[: second - 1], arguments={"agent": agent}),
        Claim("a1:c1", "a1", second, len(text), text[second:]),
    ]
    mentions = [
        Mention("a1", 6, 17, "Ilse Brandt", "PERSON"),
        Mention("a1", 22, 27, "Amsel", "PERSON"),
        Mention("a1", second, second + 7, "Amsel's", "PERSON"),
    ]
    analysis = Analysis(article=article, claims=claims, mentions=mentions)
    met, visit = claim_views([analysis], {}, {})
    assert met.actors == ({"ilse", "brandt"},)
    assert set(met.people) == {frozenset({"ilse", "brandt"}), frozenset({"amsel"})}
    assert visit.actors == ({"amsel"},)


def test_align_words_no_claim_covers_seed_no_group() -> None:
    # the two statements share only a clause no claim was read from ("when the storm hit
    # Velm"): the ferry's sinking is not the council's vote, nor close to it as a whole; two
    # facts of one event
    a = make_analysis(
        "a", "Ledger", [{"text": "The council approved the budget when the storm hit Velm"}]
    )
    b = make_analysis("b", "Courier", [{"text": "The old ferry sank when the storm hit Velm"}])

    def parts_of(analysis: Analysis, read: str) -> list[Claim]:
        statement = analysis.claims[0]
        text = analysis.article.text
        cut = text.index(" when")
        return [
            dataclasses.replace(statement, id=f"{statement.id}.1", end=cut, text=read),
            dataclasses.replace(
                statement, id=f"{statement.id}.g", start=cut + 1, text=text[cut + 1 :]
            ),
        ]

    parts = {
        "a_c0": parts_of(a, "The council approved the budget"),
        "b_c0": parts_of(b, "The old ferry sank"),
    }
    alignment = align_claims(
        [a, b], {"a": "Ledger", "b": "Courier"}, {"a": "a", "b": "b"},
        Settings(align_threshold=0.48), embed=bow_embed, parts=parts,
    )  # fmt: skip
    assert [len(g.claims) for g in alignment.groups] == [1, 1]
    assert all(g.status == "unique" and not g.partial for g in alignment.groups)
    assert alignment.groups[0].event and alignment.groups[0].event == alignment.groups[1].event


def test_align_a_clause_telling_one_event_of_one_participant_keeps_a_partly_join() -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import PairScores
    from storylens.comparison.support import loose_joins, one_event

    def part(pid: str, article: str, text: str, predicate: str, *entities: str) -> ClaimView:
        claim = Claim(id=pid, article=article, start=0, end=len(text), text=text)
        claim.predicate = predicate
        return ClaimView(claim, outlet=article, unit=article, entities=frozenset(entities))

    views = [
        part("a.1", "a", "the mayor departed from Velm on Sunday", "depart", "Q_velm"),
        part("a.2", "a", "after touring the new pier", "tour", "Q_pier"),
        part("b.1", "b", "Mayor Amsel left Velm on Sunday", "leave", "Q_velm"),
        part("c.1", "c", "Mayor Amsel left the council on Sunday", "leave", "Q_council"),
    ]
    view_of = {v.claim.id: v for v in views}
    scores = PairScores(
        [v.claim.id for v in views],
        [v.claim.article for v in views],
        np.array(
            [[0, 0, 0.46, 0.45], [0, 0, 0.2, 0.2], [0.46, 0.2, 0, 0], [0.45, 0.2, 0, 0]],
            dtype=np.float32,
        ),
    )
    a_parts = [view_of["a.1"].claim, view_of["a.2"].claim]
    # "departed" and "left" tell one kind of event, of one place: a part of the fact
    assert one_event(a_parts, [view_of["b.1"].claim], scores, view_of)
    # the same kind of event of another participant is another fact
    assert not one_event(a_parts, [view_of["c.1"].claim], scores, view_of)
    # a statement that joined by a loose one goes with it
    joined = {"a": "b", "c": "a", "d": "b"}
    assert loose_joins(joined, lambda x, y: x != "a") == {"a", "c"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Gunman kills 1, wounds 2 at Velm mill", "Mill shooting kills 1, injures 2", True),
        ("The Rovers won 20 - 13 on Sunday.", "A 20-13 loss ended the Lions' season.", True),
        # one figure in common is common by chance: points, ages, hours
        ("Okafor finished with 20 points.", "Lund scored 20 points and had 9 rebounds.", False),
        # years and the zeros after a thousands comma are no figures of their own
        ("In 2019, 20, 000 people marched in Velm.", "In 2019 about 20, 000 rallied.", False),
    ],
)
def test_align_two_figures_in_common_keep_a_partly_join(a: str, b: str, same: bool) -> None:
    from storylens.comparison.backing import same_figures

    def claim(cid: str, text: str) -> Claim:
        return Claim(id=cid, article=cid, start=0, end=len(text), text=text)

    assert same_figures(claim("a", a), claim("b", b)) is same


def test_align_a_sentence_repeated_in_its_article_is_one_row() -> None:
    lead = "The harbour office closed the old pier on Friday after the storm."
    a = make_analysis(
        "a", "Ledger", [{"text": lead}, {"text": "Fishers moved to Orvel."}, {"text": lead}]
    )
    b = make_analysis("b", "Courier", [{"text": "A new ferry line opens in Velm next spring."}])
    alignment = align_claims(
        [a, b], {"a": "Ledger", "b": "Courier"}, {"a": "a", "b": "b"},
        Settings(align_threshold=0.48), embed=bow_embed,
    )  # fmt: skip
    [group] = [g for g in alignment.groups if "a_c0" in g.claims]
    assert group.claims == ["a_c0", "a_c2"]
    assert group.status == "unique"


@pytest.mark.parametrize(
    ("text_b", "speaker_b", "two"),
    [
        ("the two leaders had more substantive talks than on any other issue", {"amsel"}, True),
        ("the two leaders had more substantive talks than on any other issue", {"brandt"}, False),
        ("the two leaders had more substantive talks than on any other issue", set(), False),
        # the same words credited to another man by a misread "he said" are one remark
        ("he said the leaders sensed a convergence of views they could build on", {"amsel"}, False),
    ],
)
def test_align_two_voices_on_one_topic_are_two_facts(
    text_b: str, speaker_b: set[str], two: bool
) -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.features import two_voices

    text_a = "Brandt said the leaders sensed a convergence of views they could build on"

    def view(cid: str, text: str, speaker: set[str]) -> ClaimView:
        claim = Claim(id=cid, article=cid, start=0, end=len(text), text=text)
        return ClaimView(claim, outlet=cid, unit=cid, speaker=frozenset(speaker))

    assert two_voices(view("A", text_a, {"brandt"}), view("B", text_b, speaker_b)) is two


@pytest.mark.parametrize(
    ("country_b", "entities_b", "penalised"),
    [
        ("e_velmland", frozenset(), True),  # one thing said of two countries: two facts
        ("e_velmland", frozenset({"e_orvelia"}), False),  # B names A's country too
        ("e_orvelia", frozenset(), False),  # one country
        ("", frozenset(), False),  # B is told of no country
    ],
)
def test_align_claims_told_of_two_countries_score_lower(
    country_b: str, entities_b: frozenset[str], penalised: bool
) -> None:
    from storylens.comparison.conflict_args import ClaimView
    from storylens.comparison.scoring import COUNTRY_PENALTY, score_matrices

    text = "is the largest steel exporter to the islands"

    def pair(country: str, entities: frozenset[str]) -> float:
        views = [
            ClaimView(Claim(id="A", article="A", start=0, end=len(text), text=text),
                      outlet="A", unit="A", country="e_orvelia"),
            ClaimView(Claim(id="B", article="B", start=0, end=len(text), text=text),
                      outlet="B", unit="B", country=country, entities=entities),
        ]  # fmt: skip
        return float(score_matrices(views, bow_embed)[0][0, 1])

    drop = pair("e_orvelia", frozenset()) - pair(country_b, entities_b)
    assert drop == pytest.approx(COUNTRY_PENALTY if penalised else 0.0, abs=1e-5)


def test_align_a_country_is_a_listed_country_that_is_the_whole_agent() -> None:
    from storylens.comparison.features import is_country
    from storylens.types import Argument, Mention

    def told(text: str, agent: str, label: str = "GPE") -> bool:
        claim = Claim("c", "a", 0, len(text), text, arguments={
            "agent": Argument(agent, 0, len(agent))})  # fmt: skip
        return is_country(claim, Mention("a", 0, len(agent), agent.removeprefix("the "), label))

    assert told("Canada is the largest exporter", "Canada")
    assert told("the United States imported more steel", "the United States")
    assert not told("Paris was hit by a heist", "Paris")  # a city is no country
    assert not told("Canada's industry is integrated", "Canada's industry")


def test_align_a_denial_never_joins_what_it_denies_as_partly_stating_it() -> None:
    # every text is one meaning to this embedding, so the pair scores just over the support
    # margin: a lone statement would join its match as partly stating it, but one side says
    # the budget was not approved
    def flat(texts: Sequence[str]) -> npt.NDArray[np.float32]:
        vectors = np.ones((len(texts), 8), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    text_a = "The council approved the harbour budget after a long night of debate"
    text_b = "Velm councillors have still not approved any budget for the quay"
    a = make_analysis("a", "Ledger", [{"text": text_a, "predicate": "approve"}])
    b = make_analysis("b", "Courier", [{"text": text_b, "predicate": "approve"}])
    b.claims[0].negated = True
    alignment = align_claims(
        [a, b], {"a": "Ledger", "b": "Courier"}, {"a": "a", "b": "b"},
        Settings(align_threshold=0.48, align_headline_similarity=0.0), embed=flat,
    )  # fmt: skip
    score = float(alignment.scores.matrix[0, 1])
    assert 0.48 - Settings().align_support_margin <= score < 0.48, score
    assert sorted(g.status for g in alignment.groups) == ["unique", "unique"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The mayor didn't return a call", "The mayor did not return a call"),
        ("The mayor didn’t return a call", "The mayor did not return a call"),
        ("The ferry’s crew won’t sail", "The ferry's crew will not sail"),
    ],
)
def test_align_a_contraction_and_its_spelled_out_words_share_their_content(a: str, b: str) -> None:
    # a negative contraction is a function word, as "did not" is; a curly apostrophe is one
    from storylens.comparison.features import content_terms

    assert content_terms(a) == content_terms(b)
