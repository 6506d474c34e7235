"""Write ``docs/report-contract.md`` from the report types (``storylens.report_types``).

Run after changing the types: ``python scripts/report_contract.py``.
"""

from __future__ import annotations

from pathlib import Path

from storylens.report_types import contract_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "report-contract.md"

if __name__ == "__main__":
    DOC.write_text(contract_markdown(), encoding="utf-8")
    print(f"wrote {DOC}")
