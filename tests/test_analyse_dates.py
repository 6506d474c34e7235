"""Time expressions and their resolution against the publication date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from storylens.analyse.dates import find_times, resolve_expression, resolve_weekday
from storylens.types import Article

SUNDAY = "2023-09-17"


@pytest.mark.parametrize(
    ("text", "published", "resolved"),
    [
        ("on Sunday", SUNDAY, "2023-09-17"),
        ("on Saturday", SUNDAY, "2023-09-16"),
        ("last Sunday", SUNDAY, "2023-09-10"),
        ("next Monday", SUNDAY, "2023-09-18"),
        ("last week", SUNDAY, "2023-W36"),
        ("this week", SUNDAY, "2023-W37"),
        ("this weekend", SUNDAY, "2023-09-16"),
        ("last month", SUNDAY, "2023-08"),
        ("last year", SUNDAY, "2022"),
        ("yesterday", SUNDAY, "2023-09-16"),
        ("three days ago", SUNDAY, "2023-09-14"),
        ("in June 2019", SUNDAY, "2019-06"),
        ("in July", SUNDAY, "2023-07"),
        ("in November", SUNDAY, "2022-11"),
        ("September 13, 2023", SUNDAY, "2023-09-13"),
        ("14 March 2026", None, "2026-03-14"),
        ("September 13", SUNDAY, "2023-09-13"),
        ("1 June", "2026-03-14", "2026-06-01"),
        ("on Sunday", None, None),
        ("last week", None, None),
        ("September 13", None, None),
        ("February 30, 2023", SUNDAY, None),
        ("on Sunday", "not a date", None),
        ("June 2019", "2023-02-30", "2019-06"),
    ],
)
def test_dates_resolve_expression(text: str, published: str | None, resolved: str | None) -> None:
    assert resolve_expression(text, published) == resolved


@pytest.mark.parametrize(
    ("weekday", "mod", "expected"),
    [(6, "", 17), (5, "", 16), (0, "", 11), (6, "last", 10), (0, "next", 18), (6, "next", 24)],
)
def test_dates_resolve_weekday(weekday: int, mod: str, expected: int) -> None:
    assert resolve_weekday(weekday, dt.date(2023, 9, 17), mod) == dt.date(2023, 9, expected)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (
            "2024-05-12",
            [("Friday", "2024-05-10"), ("June 2019", "2019-06"), ("May 3, 2024", "2024-05-03")],
        ),
        (None, [("Friday", None), ("June 2019", "2019-06"), ("May 3, 2024", "2024-05-03")]),
    ],
)
def test_dates_find_times(nlp: Any, published: str | None, expected: list[Any]) -> None:
    text = (
        "The mayor of Lindholm opened the bridge on Friday. It was first proposed in June 2019 "
        "and approved on May 3, 2024. The works may cost more. Builders worked for two days."
    )
    article = Article(id="a_test", outlet="Test", text=text, published=published)
    times = find_times(nlp(text), article)
    assert [(t.text, t.resolved) for t in times] == expected
    for t in times:
        assert text[t.start : t.end] == t.text
        assert t.article == "a_test"
