"""The per-outlet framing summary: rate over narration, strongest examples, naming of actors."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.comparison.framing import analyse_framing
from storylens.comparison.framing_summary import strongest
from storylens.types import Analysis, Article, Descriptor, Entity, Mention

SLANTED = (
    "Tyrant Varn Oskel opened the dam. His adoring fans cheered the brilliant, lavish show. "
    '"It is a fine dam," an engineer said.'
)
PLAIN = (
    'Tervian leader Varn Oskel opened the dam on Monday. "It is a disgraceful dam," a rival said.'
)


def _analysis(art: str, outlet: str, text: str, label: str) -> Analysis:
    start = text.index("Varn Oskel")
    mention = Mention(art, start, start + 10, "Varn Oskel", "PERSON", entity="e_oskel")
    ls = text.index(label)
    desc = Descriptor(art, ls, ls + len(label), label, mention=0, entity="e_oskel")
    return Analysis(
        article=Article(id=art, outlet=outlet, text=text), mentions=[mention], descriptors=[desc]
    )


@pytest.fixture()
def records() -> dict[str, dict[str, Any]]:
    analyses = [
        _analysis("a1", "Daily Axe", SLANTED, "Tyrant"),
        _analysis("b1", "Plain News", PLAIN, "Tervian leader"),
    ]
    oskel = Entity(
        "e_oskel",
        "Varn Oskel",
        "PERSON",
        mentions=[
            {"article": "a1", "start": 7, "end": 17},
            {"article": "b1", "start": 15, "end": 25},
        ],
    )
    return {r["outlet"]: r for r in analyse_framing(analyses, [oskel])}


def test_compare_framing_summary_rate_counts_narration_only(
    records: dict[str, dict[str, Any]],
) -> None:
    plain = records["Plain News"]
    # "disgraceful" is inside a quotation: the rival's word, not the outlet's
    assert plain["summary"]["loaded_terms"] == 0
    assert plain["summary"]["quoted_loaded_terms"] >= 1
    quoted_words = len(["It", "is", "a", "disgraceful", "dam,"])
    assert plain["summary"]["narration_words"] == len(PLAIN.split()) - quoted_words


def test_compare_framing_summary_slanted_outlet_above_others(
    records: dict[str, dict[str, Any]],
) -> None:
    axe = records["Daily Axe"]["summary"]
    assert axe["loaded_per_1000_narration_words"] > 0
    assert axe["others_loaded_per_1000_narration_words"] == 0
    assert axe["ratio_to_others"] is None  # nothing to divide by
    texts = [t["text"] for t in axe["strongest"]]
    assert texts[0] == "Tyrant"  # a curated label outranks an evaluative adjective
    assert {"adoring", "brilliant", "lavish"} <= set(texts)


def test_compare_framing_summary_main_actor_naming(records: dict[str, dict[str, Any]]) -> None:
    actors = records["Daily Axe"]["summary"]["main_actors"]
    assert actors[0]["name"] == "Varn Oskel"
    assert actors[0]["labels"] == ["Tyrant"]
    assert actors[0]["only_here"] == ["Tyrant"]
    assert actors[0]["others"] == {"Plain News": ["Tervian leader"]}


def test_compare_framing_summary_strongest_one_per_wording() -> None:
    terms = [
        {"text": "brave", "category": "evaluative", "strength": 0.5},
        {"text": "Brave", "category": "evaluative", "strength": 0.5},
        {"text": "thug", "category": "derogatory", "strength": 1.0},
        {"text": "very", "category": "intensifier", "strength": 1.0},
    ]
    assert [t["text"] for t in strongest(terms)] == ["thug", "very", "brave"]


def test_compare_framing_summary_shown_at_a_glance_in_html(
    records: dict[str, dict[str, Any]],
) -> None:
    from storylens.render.html import render_html

    page = render_html({"schema_version": "1", "articles": [], "framing": list(records.values())})
    section = page[page.index('<section id="framing">') : page.index('<section id="naming">')]
    assert "Framing at a glance" in section
    axe_row = section[section.index("Daily Axe") : section.index("Plain News")]
    assert "Tyrant" in axe_row and "adoring" in axe_row
    assert "Varn Oskel: Tyrant" in axe_row
    assert 'value="100"' in axe_row  # the longest bar: the highest rate
    assert "style=" not in section  # inline styles are refused by the page's security policy
