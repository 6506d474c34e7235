"""CSV exports never hand a spreadsheet a formula taken from article text."""

from __future__ import annotations

import pytest

from storylens.store.export import _cell


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]
)
def test_export_csv_cell_defuses_formulas(text: str) -> None:
    assert _cell(text, "str", "csv") == "'" + text
    # other formats keep the text exactly
    assert _cell(text, "str", "jsonl") == text
    assert _cell(text, "str", "parquet") == text


@pytest.mark.parametrize("text", ["Plain title", "'quoted", "12 drones", ""])
def test_export_csv_cell_keeps_ordinary_text(text: str) -> None:
    assert _cell(text, "str", "csv") == text


def test_export_csv_cell_defuses_lists() -> None:
    assert _cell(["=1"], "list", "csv") == '["=1"]'  # starts with '[': not a formula
    assert _cell(-5, "int", "csv") == -5  # numbers stay numbers
