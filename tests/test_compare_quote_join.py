"""Two outlets quoting the same words report one remark: their statements join one group."""

from __future__ import annotations

from storylens.comparison.conflict_args import ClaimView
from storylens.comparison.quote_join import attach_quoted
from storylens.types import Claim


def view(cid: str, unit: str, text: str, speaker: str = "", negated: bool = False) -> ClaimView:
    claim = Claim(cid, unit, 0, len(text), text, negated=negated)
    return ClaimView(claim=claim, outlet=unit, unit=unit, speaker=frozenset({speaker} - {""}))


REMARK = "“The harbour will reopen before the first autumn storm,” Mayor Ilse Brandt said."
FRAMED = (
    "Brandt spoke after touring the pier. “The harbour will reopen before the first autumn storm.”"
)


def test_quote_join_a_lone_statement_joins_the_group_quoting_its_words() -> None:
    views = [
        view("a1", "A", REMARK, "brandt"),
        view("b1", "B", FRAMED, "brandt"),
        view("c1", "C", "The harbour board met on Monday to discuss the pier."),
        view("b2", "B", "The harbour board met on Monday."),
    ]
    clusters = [["a1"], ["b1"], ["c1", "b2"]]
    joined: dict[str, str] = {}
    out = attach_quoted(views, clusters, joined)
    assert sorted(sorted(m) for m in out) == [["a1", "b1"], ["b2", "c1"]]


def test_quote_join_a_partly_joined_statement_moves_to_the_remark() -> None:
    views = [
        view("a1", "A", REMARK, "brandt"),
        view("b1", "B", FRAMED, "brandt"),
        view("b2", "B", "Brandt toured the pier with engineers on Monday."),
    ]
    clusters = [["a1", "b2"], ["b1"]]
    joined = {"a1": "b2"}  # a1 had joined b2's group only as partly stating it
    out = attach_quoted(views, clusters, joined)
    assert sorted(sorted(m) for m in out) == [["a1", "b1"], ["b2"]]
    assert "a1" not in joined


def test_quote_join_keeps_apart_short_quotes_two_speakers_and_a_denial() -> None:
    short = "“We will see,” Brandt said of the harbour."
    views = [
        view("a1", "A", short, "brandt"),
        view("b1", "B", "Asked about the pier, Brandt replied: “We will see.”", "brandt"),
        # the same words given to two different people
        view("a2", "A", REMARK, "brandt"),
        view("b2", "B", REMARK.replace("Mayor Ilse Brandt", "Councillor Ivo Reiner"), "reiner"),
        # one side reports the words as denied
        view("c1", "C", REMARK, "brandt"),
        view("d1", "D", "Brandt denied saying " + REMARK.split(",")[0] + "”.", "brandt", True),
    ]
    clusters = [[v.claim.id] for v in views]
    out = attach_quoted(views, clusters, {})
    together = [sorted(m) for m in out if len(m) > 1]
    # only a2 and c1 (two outlets, one speaker, one polarity) quote one remark
    assert together == [["a2", "c1"]]
