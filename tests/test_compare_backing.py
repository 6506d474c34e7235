"""When a statement states a group's wording: content words, each clause, each figure."""

from __future__ import annotations

import pytest

from storylens.comparison.backing import (
    apposition,
    counts_held,
    covers,
    details_held,
    figures,
    gives_source,
    named_details,
    quoted_passages,
    quotes_held,
    relays_source,
    speaks_for,
    unquoted,
)
from storylens.comparison.summary import _headline_only
from storylens.types import Argument, Claim, Entity


def _claim(text: str, quantities: list[Argument] | None = None, verb: str = "") -> Claim:
    args = {}
    if verb:
        start = text.index(verb)
        args["predicate"] = Argument(verb, start, start + len(verb), verb)
    return Claim("c", "a", 0, len(text), text, predicate=verb, arguments=args,
                 quantities=quantities or [])  # fmt: skip


@pytest.mark.parametrize(
    ("wording", "text", "held"),
    [
        # each clause the wording joins must be held, not only the words of all of them
        (
            "The Velm harbour reopened on Monday, and the first ferry left for Lund at dawn",
            "The Velm harbour reopened on Monday after engineers rebuilt the storm wall",
            False,
        ),
        (
            "The Velm harbour reopened on Monday",
            "The Velm harbour reopened on Monday after engineers rebuilt the storm wall",
            True,
        ),
        ("The ferry sank off Velm", "A storm hit the coast of Lund", False),
        # the same words with other endings: a headline's present, a report's past
        (
            "Lund stopped, searched, fined and released the trawler",
            "Lund stops, searches, fines and releases trawlers",
            True,
        ),
        ("Coast guard stops Velm ferry", "Harbour police inspected a barge near Lund", False),
    ],
)
def test_backing_covers_each_clause(wording: str, text: str, held: bool) -> None:
    assert covers(wording, text) is held


@pytest.mark.parametrize(
    ("wording", "detail"),
    [
        # a phrase after the last comma that describes the clause: a detail of its own
        (
            "The skipper was arrested for drunk sailing, the club's second such arrest in a month",
            "the club's second such arrest in a month",
        ),
        # who said it, or a clause that opens on a name, is no such detail
        ("The ferry left Velm on Monday, the harbour master said", ""),
        ("The ferry left Velm on Monday, Lund's harbour master told reporters", ""),
        ("The ferry left Velm on Monday, ending a week of strikes", ""),
    ],
)
def test_backing_a_describing_phrase_is_a_detail_a_backer_holds(wording: str, detail: str) -> None:
    assert apposition(wording) == detail
    # a backer that tells the arrest but not that it was the second holds no such detail
    if detail:
        assert not covers(apposition(wording), "Police arrested the skipper for drunk sailing")


def test_backing_figures_in_digits_and_in_words() -> None:
    text = "The court sentenced Orm Vell to eight years in October 2011."
    eight = Argument("eight years", text.index("eight"), text.index("eight") + 11, 8.0, "year")
    assert figures(_claim(text, [eight])) == {"8", "2011"}
    # a figure after the end of the wording is not the wording's
    assert figures(_claim(text, [eight]), end=text.index(" in October")) == {"8"}
    assert figures(_claim("About 1,500 people fled.")) == {"1500"}


def _count(text: str, written: str, value: float, unit: str | None) -> Argument:
    at = text.index(written)
    return Argument(written, at, at + len(written), value, unit)


def test_backing_counts_of_one_thing_must_agree() -> None:
    wording = "Police said 12 people were hurt in the Velm riots."
    own = _claim(wording, [_count(wording, "12 people", 12.0, "person")])
    other = "Police said 18 people were hurt in the Velm riots and 12 were detained."
    # the backer's 12 counts detentions: its count of the people hurt is 18
    backer = _claim(
        other, [_count(other, "18 people", 18.0, "person"), _count(other, "12", 12.0, None)]
    )
    assert figures(own) <= figures(backer)  # the figure alone is in both
    assert not counts_held(own, backer)
    same = "In the Velm riots 12 people were hurt, police said."
    assert counts_held(own, _claim(same, [_count(same, "12 people", 12.0, "person")]))
    # a backer that counts no people says nothing against the wording's count
    other_thing = "Police said the Velm riots left 12 cars burnt."
    assert counts_held(own, _claim(other_thing, [_count(other_thing, "12 cars", 12.0, "car")]))


@pytest.mark.parametrize(
    ("text", "verb", "caption"),
    [
        ("Migrants and supporters looking south into Mexico on April 29", "looking", True),
        ("Trump will visit the capital in July, ending a year of suspense.", "ending", False),
    ],
)
def test_backing_a_participle_after_a_sentence_is_no_caption(
    text: str, verb: str, caption: bool
) -> None:
    assert _headline_only(_claim(text, verb=verb)) is caption


@pytest.mark.parametrize(
    ("wording", "text", "held"),
    [
        # the person who acts in the wording must be named: another one acting is no backing
        (
            "Orm Vell is now cooperating with the investigators",
            "The charges were dropped, suggesting that Ada Brekke is cooperating",
            False,
        ),
        ("Orm Vell is now cooperating with the investigators", "Vell cooperates now", True),
        # a wording that names no one asks for no name
        ("The ferry sank off Velm", "The old ferry sank near Velm", True),
    ],
)
def test_backing_names_who_acts(wording: str, text: str, held: bool) -> None:
    from storylens.comparison.backing import names_held

    actors = (frozenset({"orm", "vell"}),)
    assert names_held(actors, wording, (), text) is held


@pytest.mark.parametrize(
    ("wording", "statement", "held"),
    [
        # the same words, other marks and commas
        (
            "“At the time, I thought it was a brick,” Ada Voss said.",
            "``At the time I thought it was a brick,'' Voss testified.",
            True,
        ),
        # a shorter quotation does not back the longer one
        (
            "'At the time, I thought it was a brick, but it was a bullet,' Voss said.",
            '"I thought it was a brick but it was a bullet," Voss said.',
            False,
        ),
        # a paraphrase does not back a quotation
        (
            "Voss said the ferry “will not sail again this year.”",
            "Voss said the ferry would not sail again before next year.",
            False,
        ),
        # two quotations: both must be there
        (
            "“We will rebuild,” the mayor said, “and we will do it fast.”",
            "“We will rebuild,” she said. Later: “and we will do it fast.”",
            True,
        ),
        # apostrophes stay inside a single-quoted passage
        (
            "Voss called it 'the harbour's worst week' on Monday.",
            "It was the harbour's worst week, Voss said.",
            True,
        ),
    ],
)
def test_backing_quotation_held_word_for_word(wording: str, statement: str, held: bool) -> None:
    passages = quoted_passages(wording)
    assert passages
    assert quotes_held(passages, statement) is held


def test_backing_whole_wording_quoted() -> None:
    # a wording that is all a speaker's words, with no marks of its own
    passages = quoted_passages("the dam will hold through the winter", whole=True)
    assert passages == [["the", "dam", "will", "hold", "through", "the", "winter"]]
    assert not quotes_held(passages, "the dam will hold, the engineer said")


def test_backing_a_spokesman_gives_the_body_he_speaks_for() -> None:
    roles = speaks_for(
        [
            Entity("e_peskov", "Dmitry Peskov", "PERSON", aliases=["Peskov"],
                   labels={"Courier": ["the Kremlin's top spokesman"]}),
            Entity("e_comey", "James Comey", "PERSON",
                   labels={"Courier": ["former FBI director"]}),
            Entity("e_kremlin", "Kremlin", "ORG", labels={"Courier": ["official"]}),
        ]
    )  # fmt: skip
    assert roles == {
        "dmitry peskov": ["the Kremlin's top spokesman"],
        "peskov": ["the Kremlin's top spokesman"],
    }
    text = "No agreements were signed, Peskov said."
    said = Claim("c1", "a", 0, len(text), text, attributed_to=["Peskov"])
    assert gives_source(said, "Kremlin", roles) and relays_source(said, "Kremlin", roles)
    assert not gives_source(said, "Kremlin") and not relays_source(said, "Kremlin")
    text = "The memos were accurate, Comey said."
    former = Claim("c2", "a", 0, len(text), text, attributed_to=["James Comey"])
    assert not gives_source(former, "FBI", roles)


def test_backing_unquoted_keeps_the_writers_words() -> None:
    text = 'The authority wrote that "we will reopen soon" and added: “No delays.”'
    assert unquoted(text).split() == ["The", "authority", "wrote", "that", "and", "added:"]


@pytest.mark.parametrize(
    ("wording", "details"),
    [
        # a place, a body, a team: each run of capitalised words is one name
        ("Police arrested Tomas Rell at Kessow Pier after the fire", {"kessow pier"}),
        ("Rell led the Velm Rovers to a third title", {"velm rovers"}),
        ("The patch protects users of IE on older machines", {"IE"}),
        # the story's people, titles and days are no details of their own; nor is a word
        # opening the wording, a sentence or a quotation
        ('The skipper told Sgt. Rell on Friday: "We saw smoke." Nobody was hurt', set()),
        # a people's name before a noun: outlets name them by their city or not at all
        ("An Osterian fisherman was arrested in the marina", set()),
        # a headline capitalises every word: only its places count
        ("Fisherman Arrested After Boat Fire In Kessow Marina", {"kessow marina"}),
    ],
)
def test_backing_named_details(wording: str, details: set[str]) -> None:
    people = {"tomas", "rell"}
    assert named_details(wording, people, ["Kessow Marina"]) == details


@pytest.mark.parametrize(
    ("details", "text", "held"),
    [
        ({"kessow pier"}, "Police arrested Rell at Kessow Pier on Saturday", True),
        ({"kessow pier"}, "Police arrested Rell in Kessow on Saturday", False),
        ({"kessow pier"}, "Police arrested Rell on Saturday", False),
        # a word of the same stem, the initials, the last word as a name
        ({"osteria"}, "the Osterian coastguard said", True),
        ({"IE"}, "a flaw in Internet Explorer", True),
        ({"internet explorer"}, "a flaw in IE", True),
        ({"velm rovers"}, "a third title for the Rovers", True),
        ({"RBI"}, "with 121 RBIs", True),
    ],
)
def test_backing_details_held(details: set[str], text: str, held: bool) -> None:
    assert details_held(details, text) is held
