"""Independent-source counts follow chains to their origins and name every origin they count
(fictional agencies and outlets)."""

from __future__ import annotations

import pytest

from storylens.comparison.provenance import SourceNames, group_provenance
from storylens.types import Claim, Entity

NAMES = SourceNames(
    [
        Entity(id="e_nova", name="NOVA", type="ORG", aliases=["Nova Press Agency"]),
        Entity(id="e_kask", name="Mira Kask", type="PERSON", aliases=["Kask", "Ms. Kask"]),
    ],
    outlets=["Lakeside Post", "Daily Torch", "Quay Review"],
)
OUTLETS = {"a1": "Lakeside Post", "a2": "Daily Torch", "a3": "Quay Review"}
UNITS = {"a1": "a1", "a2": "a2", "a3": "a3"}


def claim(cid: str, article: str, chain: list[str], *, hedged: bool = False) -> Claim:
    return Claim(
        id=cid, article=article, start=0, end=1, text="x", attributed_to=chain, hedged=hedged
    )


@pytest.mark.parametrize(
    ("claims", "origins"),
    [
        # outlet <- agency <- person: the person is the one origin, however it is spelled
        (
            [
                claim("c1", "a1", ["NOVA", "Mira Kask"]),
                claim("c2", "a2", ["Ms. Kask"]),
                claim("c3", "a3", ["Nova Press Agency", "Kask"]),
            ],
            ["Mira Kask"],
        ),
        # an outlet that names a source for the claim relays it: its own wording is no origin
        (
            [
                claim("c1", "a1", []),
                claim("c2", "a1", ["NOVA"]),
                claim("c3", "a2", ["NOVA"]),
                claim("c4", "a3", []),
            ],
            ["NOVA", "Quay Review"],
        ),
        # three outlets, each with its own named source: three origins
        (
            [
                claim("c1", "a1", ["NOVA"]),
                claim("c2", "a2", ["Mira Kask"]),
                claim("c3", "a3", []),
            ],
            ["NOVA", "Mira Kask", "Quay Review"],
        ),
        # a vague source and a hedged own voice relay the named one
        (
            [
                claim("c1", "a1", ["officials"]),
                claim("c2", "a2", [], hedged=True),
                claim("c3", "a3", ["NOVA"]),
            ],
            ["NOVA"],
        ),
    ],
)
def test_compare_provenance_counts_named_origins(claims: list[Claim], origins: list[str]) -> None:
    primaries, independent = group_provenance(claims, OUTLETS, UNITS, NAMES)
    assert primaries == origins
    assert independent == len(primaries)


def test_compare_provenance_never_more_than_carriers() -> None:
    """However many claims an outlet has in a group, the count stays within the distinct
    outlets and named sources that carry it."""
    claims = [claim(f"c{i}", "a1", []) for i in range(4)]
    claims += [claim("c9", "a2", ["NOVA"]), claim("c10", "a2", [])]
    primaries, independent = group_provenance(claims, OUTLETS, UNITS, NAMES)
    assert (primaries, independent) == (["Lakeside Post", "NOVA"], 2)


def test_compare_provenance_report_names_behind_each_count() -> None:
    """The Markdown and HTML reports list the names behind every independent-source count."""
    from fixtures.render_report import build_report
    from storylens.render.html import render_html
    from storylens.render.markdown import render_markdown

    report = build_report()
    groups = [g for g in report["claim_groups"] if g.get("primary_sources")]
    assert groups
    markdown, html = render_markdown(report), render_html(report)
    matrix = markdown.split("## Claims by outlet\n", 1)[1].split("\n## ", 1)[0]
    for group in groups:
        names = ", ".join(group["primary_sources"])
        assert f"{group['independent_sources']} ({names})" in matrix
        assert names in html
