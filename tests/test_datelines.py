"""The dateline that opens a story's first paragraph (storylens.datelines)."""

from __future__ import annotations

import pytest

from storylens.datelines import DATELINE


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("WASHINGTON – The council voted.", "WASHINGTON – "),
        (
            "WASHINGTON, April 30 (Reuters) - The council voted.",
            "WASHINGTON, April 30 (Reuters) - ",
        ),
        ("Washington (AFP) – The council voted.", "Washington (AFP) – "),
        # a place not in capitals, with the day of the report
        ("Mumbai, Nov 11 - The navy foiled an attack.", "Mumbai, Nov 11 - "),
        ("New Delhi, Nov. 11, 2024 - The navy foiled an attack.", "New Delhi, Nov. 11, 2024 - "),
        # a dateline on a line of its own
        ("Mumbai, Nov 11 -", "Mumbai, Nov 11 -"),
    ],
)
def test_datelines_a_dateline_opening_a_line_is_found(line: str, dateline: str) -> None:
    found = DATELINE.match(line)
    assert found is not None and found.group() == dateline


@pytest.mark.parametrize(
    "line",
    [
        "The 11 - year old girl was found.",
        "Kim met Putin on Sept 12 - a Tuesday.",
        "Lund, the mayor - who had resigned - spoke.",
        "Mumbai, the port city, reopened - slowly.",
    ],
)
def test_datelines_a_sentence_is_no_dateline(line: str) -> None:
    assert DATELINE.match(line) is None
