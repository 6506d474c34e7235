"""Entity mentions: spaCy NER plus the rule layer, on hand-written fictional sentences."""

from __future__ import annotations

import pytest

from storylens.analyse.entities import find_mentions, is_title_case_line
from storylens.models.nlp import get_nlp
from storylens.types import Article, Mention

pytestmark = pytest.mark.slow


def _mentions(text: str) -> list[Mention]:
    article = Article(id="a_test", outlet="Ledger", text=text)
    return find_mentions(get_nlp()(text), article)


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        # a name after a title or role noun is a person
        ("Defense Minister Arkady Velmont inspected the new radar.", "Arkady Velmont", "PERSON"),
        (
            "The ministry's spokesman, Oskar Lindqvist, denied the report.",
            "Oskar Lindqvist",
            "PERSON",
        ),
        ("Ecologist Lena Varga warned of falling salmon stocks.", "Lena Varga", "PERSON"),
        # a one-line paragraph dense with names is not a headline
        (
            "Defense Minister Arkady Velmont visited Port Caldera on Monday, Valpress reported.",
            "Arkady Velmont",
            "PERSON",
        ),
        # a full name the model misses, set off before the role that describes it
        (
            "Ines Varda, co-director of Shelter for Every Family, one of several groups, "
            "travelled to Velm.",
            "Ines Varda",
            "PERSON",
        ),
        # a full name the model read as an organisation, set off after the role it names
        (
            "The company's chief executive, Arno Velmont, said the plant would close.",
            "Arno Velmont",
            "PERSON",
        ),
        # a title is not part of the name
        ("President Mirek Halas signed the accord on Saturday.", "Mirek Halas", "PERSON"),
        # nor a title written the British way, with no full stop
        ("Insp Dave Garrow said the climbers were well equipped.", "Dave Garrow", "PERSON"),
        ("Cllr Ann Lerwick said the pier would reopen.", "Ann Lerwick", "PERSON"),
        # all-caps agencies used as sources
        ("The rail link will reopen in May, VALNEWS reported on Monday.", "VALNEWS", "ORG"),
        ("According to the state news agency ORPA, the dam is safe.", "ORPA", "ORG"),
        # a lone capitalised outlet that "reported"
        ("The minister handed over two oars, Valpress reported, citing aides.", "Valpress", "ORG"),
        # a name joined over a hyphen keeps its last piece, though "in" is also a word
        (
            "Harbour President Moon Jae-in said on Friday that the ferry talks went well.",
            "Moon Jae-in",
            "PERSON",
        ),
        # a ship named with its prefix or as a ship is no person
        (
            "Warship INS Varuna on Thursday foiled a piracy attempt off the coast.",
            "Warship INS Varuna",
            "PRODUCT",
        ),
        (
            "The frigate HMS Kestrel Lane escorted three tankers, the navy said.",
            "Kestrel Lane",
            "PRODUCT",
        ),
        ("The officer said that INS Varuna has seized six rifles.", "INS Varuna", "PRODUCT"),
        # possessives and leading articles are trimmed
        ("The Seva Delta Trust's board met the Port Caldera council.", "Seva Delta Trust", "ORG"),
    ],
)
def test_rule_layer_finds_and_labels_names(text: str, surface: str, label: str) -> None:
    mentions = _mentions(text)
    assert (surface, label) in {(m.text, m.label) for m in mentions}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the portfolio word of a title is not an organisation
        ("Defense Minister Arkady Velmont inspected the new radar.", "Defense"),
        # a lowercase common noun is never a name
        ("The krona rose against the euro after the accord.", "krona"),
        # one-off capitalised words in a title-case headline are not people
        (
            "Halas Hands Marant Gift as Summit Closes in Triumph\n\nMirek Halas met Ilse Marant.",
            "Gift",
        ),
        # a clock's time zone is no organisation (nor, later, anyone's source)
        ("The fire service was called at 06:00 BST to the depot in High Street, Velm.", "BST"),
    ],
)
def test_rule_layer_drops_false_names(text: str, absent: str) -> None:
    assert absent not in {m.text for m in _mentions(text)}


def test_surname_mislabelled_elsewhere_becomes_person_and_is_propagated() -> None:
    text = (
        "Defense Minister Arkady Velmont visited the shipyard. Reporters followed Velmont "
        "to the quay, where Velmont praised the welders."
    )
    mentions = _mentions(text)
    bare = [m for m in mentions if m.text == "Velmont"]
    assert len(bare) == 2
    assert {m.label for m in bare} == {"PERSON"}


def test_mentions_are_exact_spans_in_text_order() -> None:
    text = (
        "North Korea’s envoy met “Ilse Marant” in Port Caldera on 14 March 2026, "
        "and the Seva Basin Authority (SBA) said 40 percent of the flow would go south."
    )
    mentions = _mentions(text)
    assert mentions, "expected some mentions"
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.text == m.text.strip()
        assert not m.text.endswith(("’s", "'s"))
    assert "North Korea" in {m.text for m in mentions}
    assert any(m.label == "DATE" for m in mentions)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Weak-Kneed Halas Caves to Globalist Marant in Seva Accord", True),
        ("President Mirek Halas signed the accord in Port Caldera on Saturday.", False),
        (
            "Defense Minister Arkady Velmont visited Port Caldera on Monday, Valpress reported.",
            False,
        ),
        ("Short Line", False),
    ],
)
def test_title_case_lines_are_detected(line: str, expected: bool) -> None:
    assert is_title_case_line(line, 0) is expected


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        # both names are given apart in the article: two people
        ("Brandt and Varga", [("Brandt", "PERSON"), ("Varga", "PERSON")]),
        # "Health" is no name of the article: one body
        ("Health and Human Services", [("Health and Human Services", "ORG")]),
    ],
)
def test_two_names_joined_by_and_are_two_mentions(
    pair: str, expected: list[tuple[str, str]]
) -> None:
    from storylens.analyse.entities import _Cand, _split_pairs

    text = f"Mayor Ilse Brandt met Tomas Varga and the Human Services office. {pair} said so."
    spans = [("Ilse Brandt", "PERSON"), ("Tomas Varga", "PERSON"), ("Human Services", "ORG")]
    cands = [_Cand(text.index(s), text.index(s) + len(s), label) for s, label in spans]
    at = text.rindex(pair)
    cands.append(_Cand(at, at + len(pair), "ORG"))
    found = _split_pairs(cands, text)[3:]
    assert [(text[c.start : c.end], c.label) for c in found] == expected
