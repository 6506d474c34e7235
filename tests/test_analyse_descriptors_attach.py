"""Descriptors attach to the named actor only: premodifiers, appositions, predicate nominals."""

from __future__ import annotations

import pytest

from storylens.analyse.descriptors import find_descriptors
from storylens.analyse.entities import find_mentions
from storylens.models.nlp import get_nlp
from storylens.types import Article

pytestmark = pytest.mark.slow


def _labels(text: str) -> dict[str, set[tuple[str, str]]]:
    article = Article(id="a_attach", outlet="Ledger", text=text)
    doc = get_nlp()(text)
    mentions = find_mentions(doc, article)
    found: dict[str, set[tuple[str, str]]] = {}
    for desc in find_descriptors(doc, article, mentions):
        found.setdefault(mentions[desc.mention].text, set()).add((desc.text, desc.kind))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "The ruling came in a landmark Supreme Court decision on Friday.",
        "Farmers welcomed the historic Valdor Court ruling on water rights.",
        "A controversial Tervia Port Authority plan was shelved on Monday.",
    ],
)
def test_analyse_descriptors_word_describing_another_noun_is_no_label(text: str) -> None:
    # the adjective describes the decision, ruling or plan that the name modifies
    assert _labels(text) == {}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Mirek Halas is a former boxer from the coast.", "Mirek Halas", "former boxer"),
        (
            "Ona Dell was the committee's chairwoman until May.",
            "Ona Dell",
            "committee's chairwoman",
        ),
    ],
)
def test_analyse_descriptors_predicate_nominal(text: str, name: str, label: str) -> None:
    assert (label, "predicate") in _labels(text).get(name, set())


@pytest.mark.parametrize(
    "text",
    [
        "Mirek Halas and Ona Dell are rivals in the vote.",  # two actors, no label of one
        "Mirek Halas was in Velm on Monday.",  # a place, not a noun phrase label
    ],
)
def test_analyse_descriptors_no_predicate_label(text: str) -> None:
    kinds = {kind for labels in _labels(text).values() for _, kind in labels}
    assert "predicate" not in kinds


def test_analyse_descriptors_premodifier_still_found_before_a_verb() -> None:
    text = "Veteran senator Ona Dell voted against the canal plan."
    assert ("Veteran senator", "premodifier") in _labels(text).get("Ona Dell", set())


def test_analyse_descriptors_noun_before_a_relative_clause_is_no_label() -> None:
    text = "Ona Dell sent an offer, and it was an offer Mirek Halas quickly accepted."
    assert "offer" not in {label for label, _ in _labels(text).get("Mirek Halas", set())}
