"""Hostile numbers, dates and characters in article text still give a valid JSON report.

Numbers too large for a float once turned into ``Infinity`` in the report, which is not
JSON (browsers and most parsers refuse it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.analyse.numbers import parse_number

HUGE = "9" * 400


@pytest.mark.parametrize(
    "text", [HUGE, "9" * 300 + " billion", HUGE + " thousand", "1" + "0" * 309]
)
def test_hostile_number_too_large_for_a_float_is_not_a_quantity(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("1,200", 1200.0), ("9" * 20, 1e20)])
def test_hostile_large_but_finite_numbers_still_parse(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


A = f"""Port Caldera council approves ferry plan

The council of Port Caldera approved the ferry plan on Tuesday, mayor Anna Berg said. The plan
will cost {HUGE} crowns, she said. The ferry will carry 1e309 passengers a day.
Officials said turnout rose by {HUGE}-fold to 1,000,000,000,000,000,000,000,000 people on
31 February 2026 and on 45/13/2026.
"We will \u202eopen\u202c the crossing on 99999-01-01," Berg told reporters. The deal was signed on
the 0th of March in the year 10000. Prices fell by -0 percent, NaN percent and infinity percent.
Leif Holm said "unbalanced quote. Z\u0351\u0351\u0351algo and zero\u200bwidth. The share was 40 %
or ٤٠ percent or 四十 percent.
"""
B = f"""Ferry plan approved in Port Caldera

Port Caldera's council backed the ferry plan on Tuesday, Anna Berg said. It will cost 12
million crowns over -5 years, she said. The ferry will carry 60 percent of commuters, Leif Holm
said on Tuesday, 14 March 2026. Berg said the plan cost {HUGE} crowns. Critics said the plan,
worth 1e308 crowns, was rushed. Turnout fell {HUGE}% on 31/02/2026, and 0 percent of 0 voters.
"""


@pytest.mark.slow
def test_hostile_numbers_and_dates_give_a_strict_json_report(tmp_path: Path) -> None:
    from storylens.comparison import compare
    from storylens.render.html import render_html
    from storylens.render.markdown import render_markdown
    from storylens.settings import Settings

    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    report = compare([str(tmp_path)], Settings()).to_dict()
    assert len(report["articles"]) == 2
    text = json.dumps(report, allow_nan=False, ensure_ascii=False)  # raises on inf/nan
    assert json.loads(text) == json.loads(json.dumps(report))
    assert "<html" in render_html(report).lower()
    assert render_markdown(report)
