"""Descriptors from the dependency parse, on hand-written fictional sentences."""

from __future__ import annotations

import pytest

from storylens.analyse.descriptors import find_descriptors
from storylens.analyse.entities import find_mentions
from storylens.models.nlp import get_nlp
from storylens.types import Article, Descriptor, Mention

pytestmark = pytest.mark.slow


def _describe(text: str) -> tuple[list[Mention], list[Descriptor]]:
    article = Article(id="a_test", outlet="Ledger", text=text)
    doc = get_nlp()(text)
    mentions = find_mentions(doc, article)
    return mentions, find_descriptors(doc, article, mentions)


def _labels_of(text: str, name: str) -> set[str]:
    mentions, descriptors = _describe(text)
    return {d.text for d in descriptors if mentions[d.mention].text == name}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        (
            "Valdonian President Mirek Halas signed the accord.",
            "Mirek Halas",
            "Valdonian President",
        ),
        ("The paper called strongman Arkady Velmont a danger.", "Arkady Velmont", "strongman"),
        (
            "The government of hardline leader Arkady Velmont rejected the plan.",
            "Arkady Velmont",
            "hardline leader",
        ),
        (
            "Oskar Lindqvist, the ministry's chief spokesman, denied the report.",
            "Oskar Lindqvist",
            "ministry's chief spokesman",
        ),
        (
            "The ministry's chief spokesman, Oskar Lindqvist, denied the report.",
            "Oskar Lindqvist",
            "ministry's chief spokesman",
        ),
        ("Ecologist Lena Varga warned of falling salmon stocks.", "Lena Varga", "Ecologist"),
        (
            "Marant gave two oars, the state news agency Valpress reported.",
            "Valpress",
            "state news agency",
        ),
        (
            "The dam was safe, the Ostrenian news agency ORPA reported.",
            "ORPA",
            "Ostrenian news agency",
        ),
        (
            "Critics said Halas caved to globalist Prime Minister Ilse Marant on Saturday.",
            "Ilse Marant",
            "globalist Prime Minister",
        ),
        # a label that opens a quotation keeps its closing mark
        (
            'Foremost among critics is Mayor Ilse Marant, a self-confessed "big fan" of ferries.',
            "Ilse Marant",
            'self-confessed "big fan"',
        ),
        ("He is unlikely to meet Queen Elsa Varn during the visit.", "Elsa Varn", "Queen"),
    ],
)
def test_descriptor_found_with_exact_span(text: str, name: str, label: str) -> None:
    assert label in _labels_of(text, name)


@pytest.mark.parametrize(
    ("text", "name", "not_label"),
    [
        # the enclosing phrase is not a label
        ("The government of strongman Arkady Velmont fell.", "Arkady Velmont", "government"),
        # a list after a name is not an apposition
        (
            "Halas later met Velmont, senior officers, and other guests.",
            "Velmont",
            "senior officers",
        ),
        # a possessor is not a label
        ("Valdonia's envoy Mirek Halas spoke first.", "Mirek Halas", "Valdonia's envoy"),
        # the verb of an infinitive before a title is not part of the label
        ("He is unlikely to meet Queen Elsa Varn during the visit.", "Elsa Varn", "meet Queen"),
        # a noun the name's clause describes ("a plan Valpress had published") is no label
        (
            "It was twice the amount of money Arkady Velmont was accused of laundering.",
            "Arkady Velmont",
            "money",
        ),
        ("The harbour board sued over a plan Valpress had published.", "Valpress", "plan"),
        # the name is in apposition to the object of "by", not to the noun before it
        (
            "One question asks about a possible attempt by his son-in-law, Ivo Lund, to "
            "set up a back channel.",
            "Ivo Lund",
            "possible attempt",
        ),
        # what a name is asked or said not to be is no label it is given
        (
            "There is no indication whether Mirek Halas is now an official suspect of the probe.",
            "Mirek Halas",
            "official suspect of the probe",
        ),
        ("Mirek Halas is not the harbour master of Velm.", "Mirek Halas", "harbour master of Velm"),
        # a comparison is no label: "more bark than bite" is a charge, not a name for him
        (
            "It could fuel criticism that Mr. Halas is more bark than bite.",
            "Halas",
            "more bark",
        ),
        # an apposition after another noun phrase describes that phrase, not the name
        (
            '"We are not done," said Mira Holt of the Harbour Union, an advocacy group.',
            "Mira Holt",
            "advocacy group",
        ),
        # a party-and-state tag names a seat, not a label
        (
            '"The quota is a disgrace," said Rep. Ivo Lund, D-Ore., who chairs the panel.',
            "Ivo Lund",
            "D-Ore.",
        ),
    ],
)
def test_descriptor_rejects_non_labels(text: str, name: str, not_label: str) -> None:
    assert not_label not in _labels_of(text, name)


def test_descriptor_spans_are_exact_and_point_at_mentions() -> None:
    text = (
        "Opposition leader Petra Solvik called the deal a surrender. "
        "The Ostrenian negotiator, Jonas Brekke, denied any payment."
    )
    mentions, descriptors = _describe(text)
    assert descriptors
    for d in descriptors:
        assert text[d.start : d.end] == d.text
        assert not d.text.lower().startswith(("the ", "a ", "an "))
        assert mentions[d.mention].label in {"PERSON", "ORG"}
        assert d.kind in {"premodifier", "appositive"}


def test_descriptor_another_place_or_body_named_whole_is_no_label() -> None:
    from storylens.analyse.descriptors import _is_other_name, _MentionIndex

    # "Velmland, Orsk and the Harbour Union": a list the parser may read as an apposition
    text = "Velmland, Orsk and the Harbour Union have all insisted on quotas."
    doc = get_nlp()(text)
    union = doc.char_span(text.index("the Harbour"), text.index(" have"))
    velmland = [doc[0]]
    assert union is not None
    mentions = [
        Mention("a", 0, 8, "Velmland", "GPE"),
        Mention("a", union.start_char, union.end_char, union.text, "ORG"),
    ]
    assert _is_other_name(velmland, _MentionIndex(mentions), union)
    assert not _is_other_name(velmland, _MentionIndex(mentions[1:]), union)
