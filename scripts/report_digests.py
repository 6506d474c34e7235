"""Fingerprints of the reports for the reference stories (``tests/report_digests.json``).

``tests/test_report_unchanged.py`` compares every new run against them, field by field, so
a change that alters a report (on purpose or not) shows which fields it altered. After an
intended change, write them anew: ``python scripts/report_digests.py`` (needs ``../shared``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLENS_SHARED", REPO.parent / "shared"))
DIGESTS = REPO / "tests" / "report_digests.json"
NEWSWCL50 = Path("data/newswcl50/fulltext_luisgarchi/1-raw-articles")


def stories(shared: Path = SHARED) -> dict[str, Path]:
    """Name → input of each reference story: the example story, the shared samples and the
    ten NewsWCL50 events (the last two only where ``shared`` has them)."""
    found = {"examples/summit": REPO / "examples" / "summit", "samples": shared / "samples"}
    found.update({f"newswcl50/event_{n}": shared / NEWSWCL50 / f"event_{n}" for n in range(10)})
    return found


def digest(report: dict[str, Any]) -> dict[str, str]:
    """A short hash of each top-level field (article ``source`` paths left out: they name
    where the checkout is)."""
    fields = dict(report)
    fields["articles"] = [{k: v for k, v in a.items() if k != "source"} for a in report["articles"]]
    return {
        key: hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]
        for key, value in sorted(fields.items())
    }


def main() -> int:
    from storylens.comparison import compare

    missing = [name for name, path in stories().items() if not path.exists()]
    if missing:
        print(f"missing inputs: {', '.join(missing)}", file=sys.stderr)
        return 1
    out = {name: digest(compare([str(path)]).to_dict()) for name, path in stories().items()}
    DIGESTS.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {DIGESTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
