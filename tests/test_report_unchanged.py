"""The reports of the reference stories (the example story, the shared samples, the ten
NewsWCL50 events) stay what they were: each top-level field is compared with its recorded
fingerprint (``tests/report_digests.json``, written by ``scripts/report_digests.py`` after an
intended change)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def _digests_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "report_digests", REPO / "scripts" / "report_digests.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DIGESTS = _digests_module()
RECORDED: dict[str, dict[str, str]] = json.loads(
    (REPO / "tests" / "report_digests.json").read_text()
)


def test_report_unchanged_every_reference_story_is_recorded() -> None:
    assert set(RECORDED) == set(DIGESTS.stories())
    assert all(len(fields) == 11 for fields in RECORDED.values())


def test_report_unchanged_digest_sees_a_changed_field() -> None:
    report = {"articles": [{"id": "a", "source": "/x"}], "claims": [{"id": "a:c1"}]}
    moved = {"articles": [{"id": "a", "source": "/y"}], "claims": [{"id": "a:c1"}]}
    changed = {"articles": [{"id": "a", "source": "/x"}], "claims": [{"id": "a:c2"}]}
    base = DIGESTS.digest(report)
    assert DIGESTS.digest(moved) == base  # where the checkout is does not matter
    assert [k for k in base if DIGESTS.digest(changed)[k] != base[k]] == ["claims"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RECORDED))
def test_report_unchanged(name: str, shared_dir: Path) -> None:
    from storylens.comparison import compare

    path = DIGESTS.stories(shared_dir)[name]
    if not path.exists():
        pytest.skip(f"{path} not found")
    got = DIGESTS.digest(compare([str(path)]).to_dict())
    changed = sorted(key for key in RECORDED[name] if got.get(key) != RECORDED[name][key])
    assert changed == [], f"{name}: these report fields changed: {changed}"
