"""Primary sources and independent-source counts (fictional agencies and outlets)."""

from __future__ import annotations

import pytest

from storylens.comparison.provenance import SourceNames, group_provenance, primary_source
from storylens.types import Argument, Claim, Entity

NAMES = SourceNames(
    [
        Entity(id="e_nova", name="NOVA", type="ORG", aliases=["Nova Press Agency", "NOVA agency"]),
        Entity(id="e_ivo-berg", name="Ivo Berg", type="PERSON", aliases=["Berg"]),
        Entity(id="e_harbour-board", name="Harbour Board", type="ORG"),
        Entity(id="e_velmish", name="Velmish", type="NORP"),
    ],
    outlets=["Lakeside Post", "Daily Torch"],
)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("NOVA", "NOVA"),
        ("the Nova Press Agency", "NOVA"),
        ("the Velmish news agency NOVA", "NOVA"),
        ("NOVA news agency", "NOVA"),
        ("Lakeside Post's", "Lakeside Post"),
        ("the state news agency Valnet", "Valnet"),
        ("police", "police"),
        # a title before a known name is the same person; a function word stops it
        ("Undersheriff Ivo Berg", "Ivo Berg"),
        ("harbour police spokesman Berg", "Ivo Berg"),
        ("a spokesman for Ivo Berg", "spokesman for Ivo Berg"),
        ("Berg's lawyer", "Berg's lawyer"),
        # what a body speaks through is the body; officials of a nation are not the nation
        ("Harbour Board statement", "Harbour Board"),
        ("the Harbour Board officials", "Harbour Board"),
        ("Velmish officials", "Velmish officials"),
    ],
)
def test_provenance_canonical_source_names(raw: str, canonical: str) -> None:
    assert NAMES.canonical(raw) == canonical


def claim(cid: str, article: str, chain: list[str]) -> Claim:
    return Claim(id=cid, article=article, start=0, end=1, text="x", attributed_to=chain)


OUTLETS = {"a1": "Lakeside Post", "a2": "Daily Torch", "a3": "Quay Review", "a4": "Quay Wire"}
UNITS = {"a1": "a1", "a2": "a2", "a3": "a3", "a4": "a3"}  # a4 is a wire copy of a3


@pytest.mark.parametrize(
    ("claims", "primaries", "independent"),
    [
        # two outlets both relaying one agency are one source
        (
            [claim("c1", "a1", ["NOVA"]), claim("c2", "a2", ["Daily Torch", "Nova Press Agency"])],
            ["NOVA"],
            1,
        ),
        # two outlets reporting what they saw themselves are two sources
        ([claim("c1", "a1", []), claim("c2", "a2", [])], ["Lakeside Post", "Daily Torch"], 2),
        # own voice plus an agency
        ([claim("c1", "a1", []), claim("c2", "a2", ["NOVA"])], ["Lakeside Post", "NOVA"], 2),
        # wire copies count once
        ([claim("c1", "a3", []), claim("c2", "a4", [])], ["Quay Review"], 1),
        # an outlet cited by another is the same source as its own voice
        ([claim("c1", "a1", []), claim("c2", "a2", ["Lakeside Post"])], ["Lakeside Post"], 1),
        # one person with and without a middle initial, and after a title
        (
            [
                claim("c1", "a1", ["Chief Patrol Agent Ivo Grest"]),
                claim("c2", "a2", ["Ivo K. Grest"]),
            ],
            ["Chief Patrol Agent Ivo Grest"],
            1,
        ),
        # two bodies that end on the same words are two sources
        (
            [
                claim("c1", "a1", ["Velm Harbour Council"]),
                claim("c2", "a2", ["Orsk Harbour Council"]),
            ],
            ["Velm Harbour Council", "Orsk Harbour Council"],
            2,
        ),
    ],
)
def test_provenance_group_counts(
    claims: list[Claim], primaries: list[str], independent: int
) -> None:
    got_primaries, got_independent = group_provenance(claims, OUTLETS, UNITS, NAMES)
    assert got_primaries == primaries
    assert got_independent == independent


def test_provenance_primary_is_last_link() -> None:
    c = claim("c1", "a1", ["Daily Torch", "the ministry", "NOVA"])
    assert primary_source(c, "Lakeside Post", NAMES) == "NOVA"
    assert primary_source(claim("c2", "a1", []), "Lakeside Post", NAMES) == "Lakeside Post"


@pytest.mark.parametrize(
    ("chains", "independent"),
    [
        ([["NOVA"], ["Velmish news outlets"]], 1),  # the vague source relays the named one
        ([["Velmish news outlets"], ["officials"]], 2),  # nothing named: count them
        ([[], ["officials"]], 2),
        # "a police source" is no one in particular either
        ([["NOVA"], ["police source"]], 1),
    ],
)
def test_provenance_vague_sources(chains: list[list[str]], independent: int) -> None:
    claims = [claim(f"c{i}", f"a{i + 1}", chain) for i, chain in enumerate(chains)]
    assert group_provenance(claims, OUTLETS, UNITS, NAMES)[1] == independent


@pytest.mark.parametrize(
    ("chains", "primaries"),
    [
        # one body named short and long is one origin, named long
        ([["police"], ["Velm police"]], ["Velm police"]),
        ([["the administration"], ["the Lund administration"]], ["Lund administration"]),
        # two bodies of one kind are two
        ([["Velm police"], ["Lund police"]], ["Velm police", "Lund police"]),
        # a name that only ends like a body is no body
        ([["Berg"], ["Ivo Berg"]], ["Ivo Berg"]),
    ],
)
def test_provenance_one_body_named_short_and_long(
    chains: list[list[str]], primaries: list[str]
) -> None:
    claims = [claim(f"c{i}", f"a{i + 1}", chain) for i, chain in enumerate(chains)]
    assert group_provenance(claims, OUTLETS, UNITS, NAMES)[0] == primaries


def test_provenance_hedged_own_voice_relays_the_named_source() -> None:
    relayed = claim("c1", "a1", ["NOVA"])
    reportedly = claim("c2", "a2", [])
    reportedly.hedged = True  # "the lanterns were reportedly a gift"
    assert group_provenance([relayed, reportedly], OUTLETS, UNITS, NAMES)[1] == 1
    reportedly.hedged = False  # the outlet saw it itself
    assert group_provenance([relayed, reportedly], OUTLETS, UNITS, NAMES)[1] == 2


def test_provenance_a_body_and_its_spokesman_are_one_origin() -> None:
    names = SourceNames(
        [
            Entity(id="e_harbour-board", name="Harbour Board", type="ORG"),
            Entity(
                id="e_lena-voss",
                name="Lena Voss",
                type="PERSON",
                aliases=["Voss"],
                labels={"Lakeside Post": ["Harbour Board spokeswoman"]},
            ),
            Entity(
                id="e_ivo-berg",
                name="Ivo Berg",
                type="PERSON",
                labels={"Daily Torch": ["former Harbour Board spokesman"]},
            ),
        ],
        outlets=["Lakeside Post", "Daily Torch"],
    )
    board, voss = claim("c1", "a1", ["Harbour Board"]), claim("c2", "a2", ["Voss"])
    assert group_provenance([board, voss], OUTLETS, UNITS, names) == (["Harbour Board"], 1)
    # a former spokesman speaks for no one
    berg = claim("c3", "a2", ["Ivo Berg"])
    assert group_provenance([board, berg], OUTLETS, UNITS, names)[1] == 2


@pytest.mark.parametrize(
    ("doer", "independent"),
    [
        # what a body did, told in an outlet's own voice, is what the body announced: one
        # origin with another outlet that credits the body
        ("the Harbour Board", 1),
        ("Harbour police", 1),
        # what a person did (scored, launched, met) is no word of theirs: two
        ("Ivo Berg", 2),
    ],
)
def test_provenance_a_body_s_own_act_in_an_outlet_s_voice_is_the_body_s_word(
    doer: str, independent: int
) -> None:
    credited = claim("c1", "a1", [doer.removeprefix("the ")])
    told = claim("c2", "a2", [])
    told.arguments["agent"] = Argument(doer, 0, len(doer), doer)
    assert group_provenance([credited, told], OUTLETS, UNITS, NAMES)[1] == independent
    # with no outlet crediting it, the outlet's own voice is its own origin
    other = claim("c3", "a3", ["Lakeside Post"])
    assert group_provenance([other, told], OUTLETS, UNITS, NAMES)[1] == 2


COPIED = (
    "The ferry left the harbour at dawn with forty passengers and two crew members on board, "
    "the first crossing since the storm."
)


@pytest.mark.parametrize(
    ("second", "independent"),
    [
        # the same sentence word for word in two outlets' own voice: one origin
        (COPIED, 1),
        # all but a word of it: one origin
        (COPIED.replace("forty", "40"), 1),
        # the same fact in the outlet's own words: two
        ("Forty passengers and a crew of two were aboard when the ferry sailed at dawn.", 2),
        # a sentence of a few words two outlets may well write alike: two
        ("The ferry left the harbour at dawn with forty passengers on board.", 2),
        # a short sentence two outlets may well write alike: two
        ("The ferry left at dawn.", 2),
    ],
)
def test_provenance_a_sentence_two_outlets_print_alike_is_one_origin(
    second: str, independent: int
) -> None:
    claims = [
        Claim(id="c1", article="a1", start=0, end=len(COPIED), text=COPIED),
        Claim(id="c2", article="a2", start=0, end=len(second), text=second),
    ]
    primaries, count = group_provenance(claims, OUTLETS, UNITS, NAMES)
    assert count == independent
    assert primaries[0] == "Lakeside Post"
    short = [
        Claim(id=c.id, article=c.article, start=0, end=14, text="The ferry left.") for c in claims
    ]
    assert group_provenance(short, OUTLETS, UNITS, NAMES)[1] == 2


@pytest.mark.parametrize(
    ("second", "independent"),
    [
        # the words one outlet credits, printed by another in its own voice: one origin
        (COPIED, 1),
        # the same fact in the outlet's own words: its own origin too
        ("Forty passengers and a crew of two were aboard when the ferry sailed at dawn.", 2),
    ],
)
def test_provenance_a_copy_of_credited_words_is_their_source_s(
    second: str, independent: int
) -> None:
    credited = Claim(
        id="c1", article="a1", start=0, end=len(COPIED), text=COPIED, attributed_to=["NOVA"]
    )
    copy = Claim(id="c2", article="a2", start=0, end=len(second), text=second)
    primaries, count = group_provenance([credited, copy], OUTLETS, UNITS, NAMES)
    assert count == independent
    assert primaries[0] == "NOVA"


def test_provenance_a_person_written_as_an_organisation_s_speaks_for_it() -> None:
    text = "Skyline's Ada Roth said the patch is ready. Ada Roth also said more would follow."
    roth = Entity(
        id="e_ada-roth",
        name="Ada Roth",
        type="PERSON",
        mentions=[{"article": "a1", "start": text.index("Ada"), "end": text.index(" said")}],
    )
    skyline = Entity(id="e_skyline", name="Skyline", type="ORG")
    names = SourceNames(
        [roth, skyline], outlets=["Lakeside Post", "Daily Torch"], texts={"a1": text}
    )
    body, person = claim("c1", "a1", ["Skyline"]), claim("c2", "a2", ["Ada Roth"])
    assert group_provenance([body, person], OUTLETS, UNITS, names) == (["Skyline"], 1)
    # without the possessor (or the texts) the two are two origins
    plain = SourceNames([roth, skyline], outlets=["Lakeside Post", "Daily Torch"])
    assert group_provenance([body, person], OUTLETS, UNITS, plain)[1] == 2


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        # the executive by the word news uses for it is the White House the story names
        ("the Brandt administration", "White House"),
        ("the administration", "White House"),
        ("Brandt administration officials", "White House"),
        # an agency of that name is an agency of its own
        ("the Federal Aviation Administration", "Federal Aviation Administration"),
    ],
)
def test_provenance_the_administration_is_the_white_house(raw: str, canonical: str) -> None:
    names = SourceNames([Entity(id="e_white-house", name="White House", type="ORG")])
    assert names.canonical(raw) == canonical
    # a story that names no White House keeps the name as written
    assert SourceNames([]).canonical("the Brandt administration") == "Brandt administration"
