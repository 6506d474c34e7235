"""Number parsing and quantity finding."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.analyse.numbers import find_quantities, normalise_unit, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("five", 5.0),
        ("twenty-one", 21.0),
        ("a dozen", 12.0),
        ("four dozen", 48.0),  # times twelve, not plus
        ("two dozen", 24.0),
        ("1,200", 1200.0),
        ("1.2", 1.2),
        ("70th", 70.0),
        ("1.2 million", 1_200_000.0),
        ("one hundred and five", 105.0),
        ("3bn", 3e9),
        ("two thousand", 2000.0),
        ("four and a half", 4.5),
        ("banana", None),
        ("", None),
    ],
)
def test_numbers_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("word", "unit"),
    [("kilometers", "km"), ("kilometres", "km"), ("percent", "percent"), ("drones", "drones")],
)
def test_numbers_normalise_unit(word: str, unit: str) -> None:
    assert normalise_unit(word) == unit


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ferry carried five wooden canoes across the bay.", [(5.0, "canoe")]),
        ("The convoy drove 250 kilometers to the coast.", [(250.0, "km")]),
        ("The six-day festival drew crowds.", [(6.0, "day")]),
        ("Exports fell 40 percent and imports 1.2 percent.", [(40.0, "percent"), (1.2, "percent")]),
        ("The delegates rested for two days.", [(2.0, "day")]),
        ("Officials counted twenty-one boats and a dozen rafts.", [(21.0, "boat"), (12.0, "raft")]),
        ("The bridge cost $3.5 million.", [(3_500_000.0, "USD")]),
        # a scale joined by a hyphen is the amount's ("$3.5 million", not "$3.5")
        ("The bridge cost a $3.5-million loan.", [(3_500_000.0, "USD")]),
        (
            "Some 1,200 volunteers came, about 15% of the town.",
            [(1200.0, "volunteer"), (15.0, "percent")],
        ),
        ("The town marked its 70th anniversary on June 4, 2021.", [(70.0, "anniversary")]),
        ("The market opened in 1998.", []),
        # a parent of so many: that many children, whatever follows
        ("Ferry captain Ada Roth, a mother of three, retired.", [(3.0, "child")]),
        ("A father of 12 Jon Vell was hurt.", [(12.0, "child")]),
        # an "m" joined to a number is metres, unless money or a count of things follows
        ("The guide fell 600m down the ridge.", [(600.0, "m")]),
        ("They were found within 80m of the hut.", [(80.0, "m")]),
        ("The hall measured 50m by 50m.", [(50.0, "m"), (50.0, "m")]),
        ("The port cost $80m to build.", [(80_000_000.0, "USD")]),
        ("The final drew 80m viewers.", [(80_000_000.0, "viewer")]),
        ("The flaw hit 2m Windows users.", [(2_000_000.0, "user")]),
        # "and a half" is part of the number
        ("He served four and a half months in jail.", [(4.5, "month")]),
        ("The dam cost one and a half million dollars.", [(1_500_000.0, "USD")]),
        # a figure that names a model, a flight or a road counts nothing
        (
            "The raid found six AK - 47 rifles and 12 magazines.",
            [(6.0, "rifle"), (12.0, "magazine")],
        ),
        ("Six AK 47 rifles were seized.", [(6.0, "rifle")]),
        ("The Boeing 737 jet carried 150 passengers.", [(150.0, "passenger")]),
        ("Flight 370 vanished with 239 people on board.", [(239.0, "person")]),
        ("They drove Route 66 for 300 miles.", [(300.0, "mile")]),
        ("The Colts beat the Chiefs 20 - 13.", [(20.0, None), (13.0, None)]),
        ("The Rams won 52 seats.", [(52.0, "seat")]),
        # a score after a team's name and a count after a word in capitals still count
        ("Harbor State beat Evansville 51 - 50 on Friday.", [(51.0, None), (50.0, None)]),
        ("LATE NEWS - 3 HURT in a crash on the bridge", [(3.0, "hurt")]),
        # pounds weighed are a weight, pounds paid money
        ("The suspect, weighing 130 pounds, fled.", [(130.0, "lb")]),
        ("A 300-pound bomb fell on the pier.", [(300.0, "lb")]),
        ("Police seized 5 pounds of cocaine.", [(5.0, "lb")]),
        ("The fine was 500 pounds.", [(500.0, "GBP")]),
        # yards and feet however they are spelt
        ("Vale broke off an 86 - yd run and gained 120 yds.", [(86.0, "yard"), (120.0, "yard")]),
        ("The wave was 30 feet high, a 30-foot wall.", [(30.0, "foot"), (30.0, "foot")]),
    ],
)
def test_numbers_find_quantities(
    nlp: Any, sentence: str, expected: list[tuple[float, str]]
) -> None:
    found = find_quantities(nlp(sentence))
    assert [(q.value, q.unit) for q in found] == expected
    for q in found:
        assert sentence[q.start : q.end] == q.text
