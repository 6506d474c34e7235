"""Properties of alignment and the report over generated stories (Hypothesis)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.comparison.align import align_claims
from storylens.comparison.dedup import find_duplicates
from storylens.comparison.provenance import SourceNames
from storylens.comparison.report import add_provenance, build_report, resolve_conflicts
from storylens.settings import Settings
from storylens.types import Analysis, Argument, Article, Claim

WORDS = [
    "harbour",
    "bridge",
    "mayor",
    "ferry",
    "guild",
    "lantern",
    "treaty",
    "pike",
    "lake",
    "toll",
]


def word_embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    out = np.zeros((len(texts), 64), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in text.split():
            out[i, zlib.crc32(word.encode()) % 64] += 1.0
    return out / np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-9, None)


claim_spec = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=6),
    st.one_of(st.none(), st.integers(min_value=1, max_value=90)),
    st.lists(st.sampled_from(["NOVA", "Velm Wire", "officials"]), max_size=2),
    st.booleans(),
)
story = st.lists(st.lists(claim_spec, min_size=1, max_size=5), min_size=1, max_size=4)


def build(spec: list[list[tuple[list[str], int | None, list[str], bool]]]) -> list[Analysis]:
    analyses = []
    for n, claims in enumerate(spec):
        texts = [
            " ".join(words) + (f" {number} percent" if number else "")
            for words, number, *_ in claims
        ]
        text = ". ".join(texts)
        aid = f"a{n}"
        built, pos = [], 0
        for k, (body, (_, number, chain, negated)) in enumerate(zip(texts, claims, strict=True)):
            quantities = []
            if number:
                at = pos + body.index(f"{number} percent")
                quantities = [
                    Argument(
                        f"{number} percent",
                        at,
                        at + len(f"{number} percent"),
                        float(number),
                        "percent",
                    )
                ]
            built.append(
                Claim(
                    id=f"{aid}:c{k}",
                    article=aid,
                    start=pos,
                    end=pos + len(body),
                    text=body,
                    predicate="give",
                    attributed_to=chain,
                    negated=negated,
                    quantities=quantities,
                    sentence=k,
                )
            )
            pos += len(body) + 2
        article = Article(id=aid, outlet=f"Outlet {n}", text=text)
        analyses.append(Analysis(article=article, claims=built))
    return analyses


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story)
def test_compare_properties_every_claim_in_one_group(
    spec: list[list[tuple[list[str], int | None, list[str], bool]]],
) -> None:
    analyses = build(spec)
    outlets = {a.article.id: a.article.outlet for a in analyses}
    units = {aid: aid for aid in outlets}
    cfg = Settings()
    alignment = align_claims(analyses, outlets, units, cfg, embed=word_embed)
    resolve_conflicts(alignment, cfg)
    add_provenance(alignment.groups, alignment, outlets, units, SourceNames([], outlets.values()))
    report = build_report(
        analyses, [], alignment, find_duplicates([a.article for a in analyses]), outlets, cfg
    )
    data = json.loads(json.dumps(report.to_dict()))
    ids = [c for g in data["claim_groups"] for c in g["claims"]]
    assert sorted(ids) == sorted(c.id for a in analyses for c in a.claims)
    for group in data["claim_groups"]:
        assert set(group["outlets"]) | set(group["missing_from"]) == set(outlets.values())
        assert not set(group["outlets"]) & set(group["missing_from"])
        assert 1 <= group["independent_sources"] <= len(group["claims"])
        assert (group["status"] == "unique") == (len(group["outlets"]) == 1)
        if group["status"] == "conflicting":
            assert group["differences"]
        for diff in group["differences"]:
            sides = {v["claim"] for v in diff["values"]}
            assert sides <= set(group["claims"]) and len(sides) == 2
