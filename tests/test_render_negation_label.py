"""A denial never reads as an assertion in the claim matrix, nor someone's words as the
outlet's fact."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.render.markdown import render_markdown
from storylens.render.model import ReportView

TEXT = (
    "Officials denied that the ministry had sold the island ferry. "
    "No tickets were refunded. The ferry sails on Monday. "
    "A harbour rule says ferries cannot sail in a gale. The pier isn’t open."
)


def _report(claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema_version": "1.0",
        "articles": [{"id": "a1", "outlet": "Isle Herald", "text": TEXT}],
        "claims": claims,
        "claim_groups": [
            {"id": f"g{n}", "claims": [c["id"]], "outlets": ["Isle Herald"], "status": "unique"}
            for n, c in enumerate(claims)
        ],
    }


def _claim(cid: str, phrase: str, negated: bool, chain: list[str]) -> dict[str, Any]:
    start = TEXT.index(phrase)
    return {
        "id": cid,
        "article": "a1",
        "start": start,
        "end": start + len(phrase),
        "text": phrase,
        "negated": negated,
        "attributed_to": chain,
    }


@pytest.mark.parametrize(
    ("phrase", "negated", "chain", "label"),
    [
        (
            "the ministry had sold the island ferry",
            True,
            ["Officials"],
            "(denied) Officials: The ministry had sold the island ferry",
        ),
        (
            "the ministry had sold the island ferry",
            True,
            [],
            "(negated) The ministry had sold the island ferry",
        ),
        ("No tickets were refunded", True, [], "No tickets were refunded"),
        # the words say no themselves: "cannot", a typographic apostrophe
        (
            "A harbour rule says ferries cannot sail in a gale",
            True,
            [],
            "A harbour rule says ferries cannot sail in a gale",
        ),
        ("The pier isn’t open", True, [], "The pier isn’t open"),
        ("The ferry sails on Monday", False, [], "The ferry sails on Monday"),
        # words someone said, shown without them: who said them goes first ("Merkel
        # threatened that European nations would retaliate" is no forecast of the outlet's)
        (
            "The ferry sails on Monday",
            False,
            ["Harbour master Ada Roth"],
            "Harbour master Ada Roth: The ferry sails on Monday",
        ),
        # ... unless the words name them already
        (
            "A harbour rule says ferries cannot sail in a gale",
            False,
            ["harbour rule"],
            "A harbour rule says ferries cannot sail in a gale",
        ),
    ],
)
def test_render_negation_label(phrase: str, negated: bool, chain: list[str], label: str) -> None:
    view = ReportView.of(_report([_claim("a1:c0", phrase, negated, chain)]))
    assert [g.label for g in view.ordered_groups()] == [label]


def test_render_label_knows_a_source_by_its_initials() -> None:
    text = "The ferry sails on Monday, the VPA said."
    report = _report([])
    report["articles"][0]["text"] = text
    claim = {"id": "a1:c0", "article": "a1", "start": 0, "end": len(text), "text": text}
    claim["attributed_to"] = ["Velm Port Authority"]
    report["claims"] = [claim]
    report["claim_groups"] = [
        {"id": "g0", "claims": ["a1:c0"], "outlets": ["Isle Herald"], "status": "unique"}
    ]
    assert [g.label for g in ReportView.of(report).ordered_groups()] == [text]


def test_render_negation_label_in_markdown() -> None:
    claim = _claim("a1:c0", "the ministry had sold the island ferry", True, ["Officials"])
    markdown = render_markdown(_report([claim])).replace("\\", "")  # drop Markdown escapes
    assert "(denied) Officials: The ministry had sold" in markdown


@pytest.mark.parametrize(
    ("phrase", "hedged", "label"),
    [
        # "Reports suggest the ferry sails on Monday": the row shows the content, marked
        ("The ferry sails on Monday", True, "(reportedly) The ferry sails on Monday"),
        ("The ferry sails on Monday", False, "The ferry sails on Monday"),
    ],
)
def test_render_a_hedged_claim_never_reads_as_a_fact(phrase: str, hedged: bool, label: str) -> None:
    claim = {**_claim("a1:c0", phrase, False, []), "hedged": hedged}
    view = ReportView.of(_report([claim]))
    assert [g.label for g in view.ordered_groups()] == [label]


def test_render_a_wording_that_keeps_its_hedge_is_not_marked_twice() -> None:
    text = "The ferry reportedly sails on Monday."
    claim = {
        "id": "a1:c0",
        "article": "a1",
        "start": 0,
        "end": len(text) - 1,
        "text": text[:-1],
        "hedged": True,
    }
    report = _report([claim])
    report["articles"][0]["text"] = text
    assert [g.label for g in ReportView.of(report).ordered_groups()] == [text[:-1]]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a statement that left its leading "But" out reads as a sentence
        ("the ferry sails on Monday", "The ferry sails on Monday"),
        # a word with a capital inside is written as the outlet wrote it
        ("eFerry tickets sell out", "eFerry tickets sell out"),
    ],
)
def test_render_a_row_starts_with_a_capital(text: str, label: str) -> None:
    article = f"But {text}."
    claim = {"id": "a1:c0", "article": "a1", "start": 4, "end": 4 + len(text), "text": text}
    report = _report([claim])
    report["articles"][0]["text"] = article
    assert [g.label for g in ReportView.of(report).ordered_groups()] == [label]


def test_render_negation_label_reads_the_part_the_row_shows() -> None:
    # the statement is negated by its second clause; the row shows its first, asserted one
    text = "Officials consulted the harbour board and denied that the ferry had sailed."
    first = "Officials consulted the harbour board"
    second = "the ferry had sailed"
    statement = {
        "id": "a1:s0",
        "article": "a1",
        "start": 0,
        "end": len(text),
        "text": text,
        "negated": True,
        "attributed_to": ["Officials"],
        "parts": [
            {"id": "a1:c0", "start": 0, "end": len(first), "text": first, "negated": False,
             "attributed_to": []},
            {"id": "a1:c1", "start": text.index(second), "end": len(text) - 1, "text": second,
             "negated": True, "attributed_to": ["Officials"]},
        ],
    }  # fmt: skip
    report = {
        "schema_version": "1.0",
        "articles": [{"id": "a1", "outlet": "Isle Herald", "text": text}],
        "claims": [statement],
        "claim_groups": [
            {
                "id": "g0",
                "claims": ["a1:s0"],
                "outlets": ["Isle Herald"],
                "status": "agreed",
                "shared": {"claim": "a1:s0", "part": "a1:c0", "text": first},
            }
        ],
    }
    assert [g.label for g in ReportView.of(report).ordered_groups()] == [first]
    # the same row showing the denied part is marked
    report["claim_groups"][0]["shared"] = {"claim": "a1:s0", "part": "a1:c1", "text": second}
    labels = [g.label for g in ReportView.of(report).ordered_groups()]
    assert labels == ["(denied) The ferry had sailed"]
