"""Conflict rules over hand-built claims (fictional texts): numbers, givers, dates, polarity."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.comparison import conflict_rules
from storylens.comparison.conflict_args import ClaimView, giver, phrases_compatible, unit_key
from storylens.comparison.conflicts import DEFAULT_DETECTOR, get_detector, registered
from storylens.errors import ConfigError
from storylens.settings import Settings
from storylens.types import Argument, Claim


def arg(text: str, value: Any = None, unit: str | None = None) -> Argument:
    return Argument(text=text, start=0, end=len(text), value=value, unit=unit)


def view(
    cid: str,
    text: str,
    *,
    outlet: str,
    predicate: str = "",
    args: dict[str, Argument] | None = None,
    quantities: list[Argument] | None = None,
    sentence_quantities: list[Argument] | None = None,
    negated: bool = False,
    hedged: bool = False,
    places: list[str] | None = None,
) -> ClaimView:
    claim = Claim(
        id=cid,
        article=f"a_{outlet}",
        start=0,
        end=len(text),
        text=text,
        predicate=predicate,
        arguments=args or {},
        quantities=quantities or [],
        negated=negated,
        hedged=hedged,
    )
    return ClaimView(
        claim=claim,
        outlet=outlet,
        unit=f"a_{outlet}",
        sentence=text,
        sentence_quantities=sentence_quantities if sentence_quantities is not None else [],
        place_names=places or [],
    )


def detect(*views: ClaimView, sim: float = 0.9) -> tuple[list[dict[str, Any]], list[Any]]:
    detector = get_detector(DEFAULT_DETECTOR, Settings())
    found = detector.detect(list(views), lambda a, b: sim)
    return found.differences, found.notes


SHARE_40 = view(
    "c1",
    "The treaty grants Norland 40 percent of the lake's spring catch.",
    outlet="Lakeside Post",
    predicate="grant",
    args={"recipient": arg("Norland", "e_norland")},
    quantities=[arg("40 percent", 40.0, "percent")],
)
SHARE_60 = view(
    "c2",
    "The pact hands Norland 60 percent of the lake's spring catch.",
    outlet="Daily Torch",
    predicate="hand",
    args={"recipient": arg("Norland", "e_norland")},
    quantities=[arg("60 percent", 60.0, "percent")],
)
SHARE_40_AGAIN = view(
    "c3",
    "Norland gets 40 percent of the catch, officials said.",
    outlet="Quay Review",
    predicate="get",
    quantities=[arg("40 percent", 40.0, "percent")],
)


def test_conflicts_percent_shares_differ() -> None:
    diffs, _ = detect(SHARE_40, SHARE_60)
    assert len(diffs) == 1
    diff = diffs[0]
    assert diff["argument"] == "quantity" and diff["unit"] == "percent"
    assert {v["value"] for v in diff["values"]} == {40.0, 60.0}
    assert set(diff["claims"]) == {"c1", "c2"}


def test_conflicts_same_share_agrees() -> None:
    diffs, _ = detect(SHARE_40, SHARE_40_AGAIN)
    assert diffs == []


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        # a day's close and a fall at some hour of it are two figures
        ("Markets reacted as Velm shares plunged 5.4 percent.",
         "Markets reacted as Velm shares closed down 3.9 percent.", False),
        ("Markets reacted as Velm shares closed down 5.4 percent.",
         "Markets reacted as Velm shares closed down 3.9 percent.", True),
        ("Markets reacted as Velm shares plunged 5.4 percent.",
         "Markets reacted as Velm shares plunged 3.9 percent.", True),
    ],
)  # fmt: skip
def test_conflicts_a_close_and_a_fall_during_the_day(first: str, second: str, differ: bool) -> None:
    def shares(cid: str, text: str, outlet: str) -> ClaimView:
        figure = text.split()[-2]
        return view(
            cid,
            text,
            outlet=outlet,
            predicate="react",
            quantities=[arg(f"{figure} percent", float(figure), "percent")],
        )

    diffs, _ = detect(shares("c1", first, "Lakeside Post"), shares("c2", second, "Daily Torch"))
    assert bool(diffs) is differ


@pytest.mark.parametrize(("over", "compared"), [(-0.1, False), (0.05, False), (0.15, True)])
def test_conflicts_pair_compared_only_well_over_the_threshold(over: float, compared: bool) -> None:
    # pairs only loosely the same fact are grouped but never compared for conflicts
    sim = Settings().align_threshold + over
    diffs, _ = detect(SHARE_40, SHARE_60, sim=sim)
    assert bool(diffs) is compared


def test_conflicts_different_recipients_are_different_facts() -> None:
    other = view(
        "c4",
        "The pact leaves Sudmark 60 percent of the catch.",
        outlet="Daily Torch",
        predicate="leave",
        args={"recipient": arg("Sudmark", "e_sudmark")},
        quantities=[arg("60 percent", 60.0, "percent")],
    )
    diffs, _ = detect(SHARE_40, other)
    assert diffs == []


def test_conflicts_same_article_reconciles_duration() -> None:
    short = view(
        "d1",
        "The four-day tour ended on Monday.",
        outlet="Lakeside Post",
        quantities=[arg("four-day", 4.0, "day")],
    )
    six = arg("six days", 6.0, "day")
    four = arg("four-day", 4.0, "day")
    long = view(
        "d2",
        "The tour lasted six days including two days of ferry travel.",
        outlet="Daily Torch",
        quantities=[six, arg("two days", 2.0, "day")],
        sentence_quantities=[four, six, arg("two days", 2.0, "day")],
    )
    diffs, notes = detect(short, long)
    assert diffs == []
    assert len(notes) == 1
    assert notes[0]["kind"] == "reconciled" and notes[0]["claim"] == "d2"
    assert set(notes[0]["values"]) >= {4.0, 6.0}


def test_conflicts_unreconciled_duration_differs() -> None:
    short = view(
        "d1", "The four-day tour ended.", outlet="A", quantities=[arg("four-day", 4, "day")]
    )
    long = view("d2", "The six-day tour ended.", outlet="B", quantities=[arg("six-day", 6, "day")])
    diffs, notes = detect(short, long)
    assert [d["argument"] for d in diffs] == ["quantity"] and notes == []


@pytest.mark.parametrize(
    ("value_a", "text_a", "value_b", "text_b", "conflict"),
    [
        (300, "300 marchers", 300, "300 marchers", False),
        (300, "about 300 marchers", 320, "320 marchers", False),
        (300, "300 marchers", 320, "320 marchers", True),
        (12, "12 engineers", 12.0, "twelve engineers", False),
    ],
)
def test_conflicts_number_tolerance(
    value_a: float, text_a: str, value_b: float, text_b: str, conflict: bool
) -> None:
    a = view("n1", f"{text_a} gathered.", outlet="A", quantities=[arg(text_a, value_a, "marcher")])
    b = view("n2", f"{text_b} gathered.", outlet="B", quantities=[arg(text_b, value_b, "marcher")])
    b.claim.quantities[0].unit = "marchers" if "marchers" in text_b else "engineers"
    a.claim.quantities[0].unit = "marchers" if "marchers" in text_a else "engineers"
    diffs, _ = detect(a, b)
    assert bool(diffs) is conflict


def _line(cid: str, outlet: str, goals: int, saves: int, day: str = "") -> ClaimView:
    text = f"Ada Vell finished with {goals} goals and {saves} saves{day}."

    def count(words: str, value: int, unit: str) -> Argument:
        start = text.index(words)
        return Argument(words, start, start + len(words), float(value), unit)

    return view(
        cid, text, outlet=outlet, predicate="finish",
        quantities=[count(f"{goals} goals", goals, "goal"), count(f"{saves} saves", saves, "save")],
    )  # fmt: skip


def test_conflicts_every_count_differing_is_another_occasion() -> None:
    # two games' lines of one player: every count differs and nothing fixes them to one game
    diffs, _ = detect(_line("g1", "A", 5, 16), _line("g2", "B", 2, 9))
    assert diffs == []
    # a modal "may" is no month
    may = ", as strikers may"
    assert detect(_line("g1", "A", 5, 16, may), _line("g2", "B", 2, 9, may))[0] == []
    # one day named by both: one game told two ways
    diffs, _ = detect(_line("g1", "A", 5, 16, " on Tuesday"), _line("g2", "B", 2, 9, " on Tuesday"))
    assert len(diffs) == 2
    # one count in common: the other one differs
    diffs, _ = detect(_line("g1", "A", 5, 16), _line("g2", "B", 5, 9))
    assert [d["unit"] for d in diffs] == ["save"]


def test_conflicts_different_units_never_compared() -> None:
    a = view(
        "u1",
        "The convoy waited 40 minutes.",
        outlet="A",
        quantities=[arg("40 minutes", 40, "minute")],
    )
    b = view(
        "u2",
        "The fund rose 1.5 percent.",
        outlet="B",
        quantities=[arg("1.5 percent", 1.5, "percent")],
    )
    assert detect(a, b)[0] == []


GIFT_MINISTER = view(
    "g1",
    "The cabinet of strongman Oskar Brandt sent the envoy home with gifts including two falcons.",
    outlet="Lakeside Post",
    predicate="send",
    args={"agent": arg("The cabinet of strongman Oskar Brandt"), "theme": arg("gifts")},
)
GIFT_MAYOR = view(
    "g2",
    "The envoy had been given two falcons as gifts from a provincial mayor.",
    outlet="Daily Torch",
    predicate="give",
    args={"agent": arg("The envoy")},
)


def test_conflicts_different_givers() -> None:
    diffs, _ = detect(GIFT_MINISTER, GIFT_MAYOR)
    assert len(diffs) == 1
    assert diffs[0]["argument"] == "agent"
    texts = {v["text"] for v in diffs[0]["values"]}
    assert texts == {"The cabinet of strongman Oskar Brandt", "a provincial mayor"}


@pytest.mark.parametrize(
    ("text", "predicate", "agent", "expected"),
    [
        ("The envoy received two falcons.", "receive", "The envoy", None),
        (
            "The envoy was handed two falcons by the mayor of Velm.",
            "hand",
            None,
            "the mayor of Velm",
        ),
        ("Gifts from the harbour guild included a lamp.", "include", None, "the harbour guild"),
        ("The mayor gave the envoy a lamp.", "give", "The mayor", "The mayor"),
        ("The mayor praised the envoy.", "praise", "The mayor", None),
    ],
)
def test_conflicts_giver_extraction(
    text: str, predicate: str, agent: str | None, expected: str | None
) -> None:
    args = {"agent": arg(agent)} if agent else {}
    assert giver(view("x", text, outlet="A", predicate=predicate, args=args)) == expected


def test_conflicts_givers_with_shared_word_are_compatible() -> None:
    other = view(
        "g3",
        "The envoy was handed two falcons by the mayor of Velm province.",
        outlet="Quay Review",
        predicate="hand",
    )
    assert detect(GIFT_MAYOR, other)[0] == []


def test_conflicts_country_subsumes_its_officials() -> None:
    country = view(
        "g4",
        "Velmark gave the envoy two falcons.",
        outlet="Quay Review",
        predicate="give",
        args={"agent": arg("Velmark")},
        places=["Velmark"],
    )
    assert detect(GIFT_MAYOR, country)[0] == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("a provincial mayor", "the mayor of Velm", True),
        ("he", "the provincial mayor", True),
        ("", "the mayor", True),
        ("the cabinet of Oskar Brandt", "a provincial mayor", False),
        ("The administration", "the White House", True),  # may well be the same actor
        ("the government", "a provincial mayor", True),
    ],
)
def test_conflicts_phrase_compatibility(a: str, b: str, same: bool) -> None:
    assert phrases_compatible(a, b) is same


def test_conflicts_denial_versus_assertion() -> None:
    paid = view(
        "p1",
        "Norland paid compensation to the fishers.",
        outlet="A",
        predicate="pay",
        args={"agent": arg("Norland", "e_norland")},
    )
    denied = view(
        "p2",
        "Norland did not pay compensation to the fishers.",
        outlet="B",
        predicate="pay",
        args={"agent": arg("Norland", "e_norland")},
        negated=True,
    )
    diffs, _ = detect(paid, denied)
    assert [d["argument"] for d in diffs] == ["polarity"]
    # hedged claims and loosely similar pairs are not enough
    paid.claim.hedged = True
    assert detect(paid, denied)[0] == []
    paid.claim.hedged = False
    assert detect(paid, denied, sim=0.7)[0] == []


def test_conflicts_dates_differ() -> None:
    a = view(
        "t1",
        "The ministers met on 3 May.",
        outlet="A",
        predicate="meet",
        args={"time": arg("3 May", "2025-05-03")},
    )
    b = view(
        "t2",
        "The ministers met on 5 May.",
        outlet="B",
        predicate="meet",
        args={"time": arg("5 May", "2025-05-05")},
    )
    diffs, _ = detect(a, b)
    assert [d["argument"] for d in diffs] == ["time"]
    b.claim.arguments["time"] = arg("on Saturday", None)
    assert detect(a, b)[0] == []  # an ISO date and a bare weekday are not compared


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # one weekday, worked out against two publication dates a week apart
        (("on Saturday", "2025-05-03"), ("on Saturday", "2025-05-10")),
        # a statement's "this morning", quoted by outlets publishing on different days
        (("this morning", "2025-05-03"), ("this morning", "2025-05-05")),
    ],
)
def test_conflicts_dates_worked_out_from_publication_are_not_compared(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    a = view("t1", f"The cable broke {first[0]}.", outlet="A", predicate="break",
             args={"time": arg(*first)})  # fmt: skip
    b = view("t2", f"The cable broke {second[0]}.", outlet="B", predicate="break",
             args={"time": arg(*second)})  # fmt: skip
    assert detect(a, b)[0] == []


def test_conflicts_copies_of_one_article_never_conflict() -> None:
    copy = view(
        "c9",
        SHARE_60.claim.text,
        outlet="Daily Torch Syndicated",
        quantities=[arg("60 percent", 60.0, "percent")],
    )
    copy.unit = SHARE_40.unit
    assert detect(SHARE_40, copy)[0] == []


@pytest.mark.parametrize(
    ("unit", "key"),
    [
        ("days", "day"),
        ("%", "percent"),
        ("per cent", "percent"),
        ("kamikaze drones", "drone"),
        ("", None),
        (None, None),
        ("batteries", "battery"),
    ],
)
def test_conflicts_unit_key(unit: str | None, key: str | None) -> None:
    assert unit_key(unit) == key


def test_conflicts_registry() -> None:
    assert DEFAULT_DETECTOR in registered()
    with pytest.raises(ConfigError, match="unknown conflict detector"):
        get_detector("conflicts.nope.v9", Settings())


def test_conflicts_rules_are_modules_in_order() -> None:
    found = conflict_rules.rules()
    assert [r.name for r in found] == ["numbers", "givers", "dates", "denial"]
    assert [r.strict for r in found] == [False, False, True, True]
    assert {r.find.__module__.rsplit(".", 1)[-1] for r in found} == {r.name for r in found}


def test_conflicts_a_registered_rule_runs_in_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conflict_rules, "_RULES", dict(conflict_rules._RULES))

    @conflict_rules.rule("outlets", order=5, strict=True)
    def outlets(a: ClaimView, b: ClaimView, found: Any) -> Any:
        yield {
            "argument": "outlet",
            "values": [conflict_rules.side(a, a.outlet), conflict_rules.side(b, b.outlet)],
        }

    diffs, _ = detect(SHARE_40, SHARE_60)
    assert [d["argument"] for d in diffs] == ["outlet", "quantity"]
    diffs, _ = detect(SHARE_40, SHARE_60, sim=0.7)  # a strict rule skips a looser pair
    assert [d["argument"] for d in diffs] == ["quantity"]


def test_conflicts_numbers_of_different_events_are_not_compared() -> None:
    killed = view(
        "k1",
        "Five people were killed in the ferry fire",
        outlet="A",
        predicate="kill",
        quantities=[arg("Five people", 5, "people")],
    )
    injured = view(
        "k2",
        "Twenty people were injured in the ferry fire",
        outlet="B",
        predicate="injure",
        quantities=[arg("Twenty people", 20, "people")],
    )
    assert detect(killed, injured)[0] == []


def test_conflicts_numbers_must_count_the_same_thing() -> None:
    a = view(
        "m1",
        "The board gave the port 40 percent of its budget",
        outlet="A",
        predicate="give",
        quantities=[arg("40 percent", 40, "percent")],
    )
    b = view(
        "m2",
        "The board gave 60 percent approval ratings to nobody",
        outlet="B",
        predicate="give",
        quantities=[arg("60 percent", 60, "percent")],
    )
    a.claim.quantities[0].start = a.claim.text.index("40")
    b.claim.quantities[0].start = b.claim.text.index("60")
    assert detect(a, b)[0] == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # different things given: two transfers, not one told two ways
        (
            (
                "The mayor offered the envoy a seat at the harbour talks.",
                "a seat at the harbour talks",
            ),
            ("The guild offered the envoy two brass lanterns.", "two brass lanterns"),
        ),
        # a pronoun for the thing given says nothing about what it was
        (
            ("The governor offered them to the two aides.", "them"),
            ("The inspector gave a list of questions to the aides.", "a list of questions"),
        ),
    ],
)
def test_conflicts_givers_of_different_things_do_not_conflict(
    first: tuple[str, str], second: tuple[str, str]
) -> None:
    views = [
        view(
            f"t{n}",
            text,
            outlet=outlet,
            predicate="offer",
            args={"agent": arg(text.split(" offered")[0].split(" gave")[0]), "theme": arg(theme)},
        )
        for n, ((text, theme), outlet) in enumerate(
            ((first, "Lakeside Post"), (second, "Daily Torch"))
        )
    ]
    diffs, _ = detect(*views)
    assert diffs == []


def _count(cid: str, text: str, outlet: str, number: str, value: float, unit: str) -> ClaimView:
    start = text.index(number)
    quantity = Argument(text=number, start=start, end=start + len(number), value=value, unit=unit)
    return view(cid, text, outlet=outlet, predicate="stop", quantities=[quantity])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # ordinals name positions: two different rounds, not two counts of one
        (
            ("The champion stopped the challenger in the sixth round", "sixth round", 6.0, "round"),
            ("The champion stopped the challenger in the 11th round", "11th round", 11.0, "round"),
        ),
        # a relative amount adds to something else
        (
            ("The singer married three times", "three times", 3.0, "time"),
            ("The singer married two more times", "two more times", 2.0, "time"),
        ),
        # a count tied to another year is another count
        (
            ("The coach stopped the rival in four games", "four games", 4.0, "game"),
            ("In 2008 the coach stopped the rival in six games", "six games", 6.0, "game"),
        ),
        # numbers in names, scores and clock times are no amounts
        (
            ("Police stopped the boat carrying VK-47 rifles", "47 rifles", 47.0, "rifle"),
            ("Police stopped the boat carrying six rifles", "six rifles", 6.0, "rifle"),
        ),
        (
            ("The Herons stopped the Owls 88-72 points", "72 points", 72.0, "point"),
            ("The Herons stopped the Owls by 16 points", "16 points", 16.0, "point"),
        ),
        (
            ("Crews stopped the blaze at 3:30 hours", "30 hours", 30.0, "hour"),
            ("Crews stopped the blaze after two hours", "two hours", 2.0, "hour"),
        ),
        # "two other rifles" are besides the ones counted
        (
            ("Police stopped a van with nine rifles", "nine rifles", 9.0, "rifle"),
            ("Police stopped a van with two other rifles", "two", 2.0, "rifle"),
        ),
        # what is still to come is another occasion than what happened
        (
            ("The striker missed four games after surgery", "four games", 4.0, "game"),
            ("The striker will miss two games", "two games", 2.0, "game"),
        ),
        (
            ("The ferry carried 180 passengers", "180 passengers", 180.0, "passenger"),
            ("The ferry will carry 240 passengers", "240 passengers", 240.0, "passenger"),
        ),
    ],
)
def test_conflicts_numbers_that_are_not_one_count(
    first: tuple[str, str, float, str], second: tuple[str, str, float, str]
) -> None:
    a = _count("n1", first[0], "Lakeside Post", first[1], first[2], first[3])
    b = _count("n2", second[0], "Daily Torch", second[1], second[2], second[3])
    assert detect(a, b)[0] == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # one names the other's giver beside its own: a joint offer, not two givers
        (
            "The harbour guild and the fishers' union offered a reward of 500 crowns.",
            "The fishers' union and the harbour guild offer a reward of 500 crowns.",
        ),
        # different numbers: two offers, not one offer with two givers
        (
            "The Velm club offered the striker a seven-year deal.",
            "The Orsk club offered the striker an eight-year deal.",
        ),
        # a short name of the other's giver: one club, told two ways
        (
            "The Mariners offered the striker a seven-year deal.",
            "The M's offered the striker a seven-year deal.",
        ),
    ],
)
def test_conflicts_givers_of_joint_or_different_offers(first: str, second: str) -> None:
    def offer(cid: str, text: str, outlet: str) -> ClaimView:
        agent = text.split(" offer")[0]
        numbers = [
            arg(w, value, "year")
            for w, value in (("seven-year", 7.0), ("eight-year", 8.0))
            if w in text
        ]
        return view(
            cid,
            text,
            outlet=outlet,
            predicate="offer",
            args={"agent": arg(agent), "theme": arg(text.split(" offer")[1])},
            quantities=numbers,
        )

    diffs, _ = detect(offer("o1", first, "Lakeside Post"), offer("o2", second, "Daily Torch"))
    assert [d for d in diffs if d["argument"] == "agent"] == []


def _placed(text: str, number: str, value: float, unit: str) -> Argument:
    start = text.index(number)
    return Argument(text=number, start=start, end=start + len(number), value=value, unit=unit)


@pytest.mark.parametrize(
    ("a_text", "a_number", "conflict"),
    [
        ("The Velm keeper saved 7 of 11 shots on Sunday.", "11 shots", False),  # a share
        ("The Velm keeper saved 7 of the first 11 shots on Sunday.", "11 shots", False),
        ("The Velm keeper saved 11 shots on Sunday.", "11 shots", True),
    ],
)
def test_conflicts_one_side_of_a_share_is_no_amount(
    a_text: str, a_number: str, conflict: bool
) -> None:
    b_text = "The Velm keeper saved 9 shots on Sunday."
    a = view("k1", a_text, outlet="A", predicate="save",
             quantities=[_placed(a_text, a_number, 11.0, "shot")])  # fmt: skip
    b = view("k2", b_text, outlet="B", predicate="save",
             quantities=[_placed(b_text, "9 shots", 9.0, "shot")])  # fmt: skip
    diffs, _ = detect(a, b)
    assert bool(diffs) is conflict


def test_conflicts_same_words_of_denial_never_conflict() -> None:
    # one parse read the split "didn ’ t" as no negation: the texts deny alike
    a = view("n1", "Mayor Roth didn't return a call seeking comment.", outlet="A",
             predicate="return", args={"agent": arg("Roth", "e_roth")}, negated=True)  # fmt: skip
    b = view("n2", "Mayor Roth didn ’ t return a call seeking comment.", outlet="B",
             predicate="return", args={"agent": arg("Roth", "e_roth")})  # fmt: skip
    assert detect(a, b)[0] == []


@pytest.mark.parametrize(
    ("text", "number", "amount"),
    [
        ("Roth served 4 1/2 months in the Velm jail.", "4", False),  # a fraction's parts
        ("Roth served 4 1/2 months in the Velm jail.", "2 months", False),
        ("Roth scored 10 of the team ’ s first 17 points.", "17 points", False),
        ("Roth served five months in the Velm jail.", "five months", True),
    ],
)
def test_conflicts_fractions_and_shares_are_no_amounts(
    text: str, number: str, amount: bool
) -> None:
    from storylens.comparison.conflict_rules.numbers import _amount

    start = text.rindex(number)
    quantity = Argument(text=number, start=start, end=start + len(number))
    assert _amount(Claim("c", "a", 0, len(text), text), quantity) is amount


@pytest.mark.parametrize(
    ("giver_text", "conflict"),
    [
        ("a provincial mayor", True),  # someone new, against a named cabinet
        ("the harbour guild", False),  # a description that may be the cabinet itself
        ("guild members", False),
    ],
)
def test_conflicts_a_described_giver_may_be_the_named_one(giver_text: str, conflict: bool) -> None:
    text = f"The envoy had been given two falcons as gifts from {giver_text}."
    other = view("g3", text, outlet="Daily Torch", predicate="give",
                 args={"agent": arg("The envoy")})  # fmt: skip
    diffs, _ = detect(GIFT_MINISTER, other)
    assert bool(diffs) is conflict


def test_conflicts_giving_oneself_up_is_no_transfer() -> None:
    a = view("u1", "After two hours the gunman gave himself up to the harbour police.",
             outlet="A", predicate="give", args={"agent": arg("the gunman")})  # fmt: skip
    b = view("u2", "After two hours Ivo Marek gave himself up to the harbour police.",
             outlet="B", predicate="give", args={"agent": arg("Ivo Marek")})  # fmt: skip
    assert detect(a, b)[0] == []


def test_conflicts_expectations_never_conflict_on_polarity() -> None:
    a = view("m1", "The Velm ferry may not run again until March.", outlet="A",
             predicate="run", args={"agent": arg("The Velm ferry")}, negated=True)  # fmt: skip
    b = view("m2", "The Velm ferry should run again in February.", outlet="B",
             predicate="run", args={"agent": arg("The Velm ferry")})  # fmt: skip
    assert detect(a, b)[0] == []


def test_conflicts_a_sentence_naming_both_givers_is_no_conflict() -> None:
    # the part read as "The Lund Guild offered ..." sits in a sentence naming the council too
    sentence = "The Lund Guild and the Velm council offered a 500-crown reward for the nets."
    reward = arg("a 500-crown reward")
    a = view("r1", "The Lund Guild offered a 500-crown reward for the nets.", outlet="A",
             predicate="offer", args={"agent": arg("The Lund Guild"), "theme": reward})  # fmt: skip
    council = arg("the Velm council")
    b = view("r2", "The Velm council is offering a 500-crown reward for the nets.", outlet="B",
             predicate="offer", args={"agent": council, "theme": reward})  # fmt: skip
    assert detect(a, b)[0]  # each alone names another giver
    a.sentence = sentence
    assert detect(a, b)[0] == []


@pytest.mark.parametrize(
    ("text", "number", "amount"),
    [
        # the same sum in another currency, in parentheses after it
        ("The fund lent 110 billion crowns ($143 billion) to Velm.", "$143 billion", False),
        ("The fund lent 110 billion crowns ($143 billion) to Velm.", "110 billion", True),
        ("Roth fell about 60 metres (200 feet) from the ridge.", "200 feet", False),
        # a character lost in a broken encoding: "4½" read as "4"
        ("Roth served 4\ufffd months in the Velm jail.", "4", False),
        # the time elapsed when the article was written, not a count of the event
        ("Velm was calm after eight days of protests.", "eight days", False),
        ("Velm was calm after the protests, which lasted eight days.", "eight days", True),
    ],
)
def test_conflicts_conversions_broken_numbers_and_elapsed_time_are_no_amounts(
    text: str, number: str, amount: bool
) -> None:
    from storylens.comparison.conflict_rules.numbers import _amount

    start = text.index(number)
    quantity = Argument(text=number, start=start, end=start + len(number))
    assert _amount(Claim("c", "a", 0, len(text), text), quantity) is amount


@pytest.mark.parametrize(
    ("a_text", "a_number", "a_value", "conflict"),
    [
        # a bound the other figure meets: no contradiction
        ("The cable carries more than 75 percent of the traffic.", "75 percent", 75.0, False),
        ("The cable carries close to 95 percent of the traffic.", "95 percent", 95.0, False),
        ("The cable carries about 80 percent of the traffic.", "80 percent", 80.0, False),
        # a bound the other figure breaks, or plain figures: a contradiction
        ("The cable carries more than 95 percent of the traffic.", "95 percent", 95.0, True),
        ("The cable carries less than 75 percent of the traffic.", "75 percent", 75.0, True),
        ("The cable carries 75 percent of the traffic.", "75 percent", 75.0, True),
        # a total over several operations against one operation's count
        ("The crew has seized a total of 75 percent of the traffic.", "75 percent", 75.0, False),
    ],
)
def test_conflicts_bounds_estimates_and_totals(
    a_text: str, a_number: str, a_value: float, conflict: bool
) -> None:
    b_text = "The cable carries 90 percent of the traffic."
    a = view("t1", a_text, outlet="A", predicate="carry",
             quantities=[_placed(a_text, a_number, a_value, "percent")])  # fmt: skip
    b = view("t2", b_text, outlet="B", predicate="carry",
             quantities=[_placed(b_text, "90 percent", 90.0, "percent")])  # fmt: skip
    diffs, _ = detect(a, b)
    assert bool(diffs) is conflict


@pytest.mark.parametrize(
    ("denial", "assertion", "conflict"),
    [
        ("Norland has not paid the fishers.", "Norland paid the fishers.", True),
        ("Norland did not pay the fishers.", "Norland paid the fishers on Tuesday.", True),
        # a denial true until some moment, and the later news
        ("Norland has not yet paid the fishers.", "Norland paid the fishers.", False),
        ("Norland has not paid the fishers.", "Norland paid the fishers on Tuesday.", False),
        ("Norland still hasn't paid the fishers.", "Norland paid the fishers.", False),
    ],
)
def test_conflicts_a_denial_until_now_and_later_news(
    denial: str, assertion: str, conflict: bool
) -> None:
    agent = {"agent": arg("Norland", "e_norland")}
    dated = {"time": _placed(assertion, "on Tuesday", 0.0, "")} if "Tuesday" in assertion else {}
    a = view("p1", assertion, outlet="A", predicate="pay", args={**agent, **dated})
    b = view("p2", denial, outlet="B", predicate="pay", args=agent, negated=True)
    assert bool(detect(a, b)[0]) is conflict


@pytest.mark.parametrize(
    ("opening", "conflict"),
    [
        ("During the deciding run of the final, ", False),  # a stretch of the game
        ("In the second half, ", False),
        ("On Sunday, ", True),  # a day is the whole event's
    ],
)
def test_conflicts_a_count_over_a_stretch_of_the_event(opening: str, conflict: bool) -> None:
    import dataclasses

    part = "Roth blocked two shots"
    a = view("s1", part, outlet="A", predicate="block",
             quantities=[_placed(part, "two shots", 2.0, "shot")])  # fmt: skip
    a = dataclasses.replace(a, sentence=f"{opening}{part}.")
    whole = "Roth blocked six shots"
    b = view("s2", whole, outlet="B", predicate="block",
             quantities=[_placed(whole, "six shots", 6.0, "shot")])  # fmt: skip
    assert bool(detect(a, b)[0]) is conflict


@pytest.mark.parametrize(
    ("a_text", "conflict"),
    [
        # the villages are where the share was measured, which two officials draw differently
        ("Half the houses in the 12 villages nearest the fault were destroyed", False),
        # the same count as the claim's only number is what it states
        ("The quake destroyed houses in 12 villages", True),
    ],
)
def test_conflicts_a_count_of_places_measured_over_is_scope(a_text: str, conflict: bool) -> None:
    b_text = "Half the houses in seven villages were destroyed"
    a_q = [_placed(a_text, "12 villages", 12.0, "village")]
    if "Half" in a_text:
        a_q.append(_placed(a_text, "Half", 50.0, "percent"))
    b_q = [_placed(b_text, "seven villages", 7.0, "village")]
    if "Half" in a_text:
        b_q.append(_placed(b_text, "Half", 50.0, "percent"))
    a = view("v1", a_text, outlet="A", predicate="destroy", quantities=a_q)
    b = view("v2", b_text, outlet="B", predicate="destroy", quantities=b_q)
    assert bool(detect(a, b)[0]) is conflict
