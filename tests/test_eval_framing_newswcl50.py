"""The framing evaluation: loader, metric on a hand-made set, and a gate on NewsWCL50."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from storylens.comparison.lexicon import load_lexicon
from storylens.errors import ConfigError
from storylens.eval.framing import evaluate, load_newswcl50, spearman

HEADER = "id,code_type,code_name,code_mention,target_concept,event_id,publisher_id,paragraph,sentence,start,end,orientation\n"  # noqa: E501

# Fictional sentence-split articles in the NewsWCL50 layout, with our own annotations.
DOCS = {
    ("0", "R"): (
        ["The so-called reform was passed by Mayor Ona Dell .", "Critics called it a sham ."],
        [
            ("ACTOR", "Dell", "Mayor Ona Dell", 0, 7),
            ("PROPERTY", "Unreason", "so-called reform", 0, 1),
            ("PROPERTY", "Unlawfulness", "passed", 0, 4),
        ],
    ),
    ("0", "L"): (
        ["Mayor Ona Dell signed the reform .", "The dictator of Varn was not there ."],
        [
            ("ACTOR", "Dell", "Mayor Ona Dell", 0, 0),
            ("ACTOR", "Varn", "The dictator of Varn", 1, 0),
        ],
    ),
}


def _write(root: Path) -> Path:
    base = root / "fulltext_luisgarchi" / "2-matched"
    for (event, orient), (sentences, anns) in DOCS.items():
        folder = base / f"event_{event}" / f"orientation_{orient}"
        folder.mkdir(parents=True)
        name = f"{event}_{orient}"
        (folder / f"{name}_sent.txt").write_text("\n".join(sentences), encoding="utf-8")
        rows = [
            f"{name}_{i:04d},{t},{c},{m},,{event},{orient},0,{s},{tok},{tok},{orient}\n"
            for i, (t, c, m, s, tok) in enumerate(anns)
        ]
        (folder / f"{name}_annotations.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return root


def test_eval_framing_loader_locates_phrases(tmp_path: Path) -> None:
    docs = {d.id: d for d in load_newswcl50(_write(tmp_path))}
    assert set(docs) == {"0_R", "0_L"}
    for doc in docs.values():
        assert doc.unlocated == 0
        for gold in doc.gold:
            assert doc.text[gold.start : gold.end].lower() == gold.text.lower()
    assert docs["0_R"].orientation == "R"


def test_eval_framing_metric_on_hand_made_set(tmp_path: Path) -> None:
    report = evaluate(load_newswcl50(_write(tmp_path)), load_lexicon())
    phrase = report["phrase"]
    # flagged: "so-called" (a framing phrase), "sham" (not annotated), "dictator" (actor label)
    assert phrase["predicted"] == 3
    assert phrase["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert phrase["precision_any"] == pytest.approx(2 / 3, abs=1e-3)
    assert phrase["recall"] == pytest.approx(1 / 2, abs=1e-3)
    assert set(report["by_orientation"]) == {"L", "R"}


@pytest.mark.parametrize(
    ("xs", "ys", "expected"),
    [
        ([1, 2, 3, 4], [10, 20, 30, 40], 1.0),
        ([1, 2, 3, 4], [4, 3, 2, 1], -1.0),
        ([1, 1, 2, 3], [1, 1, 2, 3], 1.0),
        ([1, 2], [1, 2], math.nan),
        ([1, 1, 1], [1, 2, 3], math.nan),
    ],
)
def test_eval_framing_spearman(xs: list[float], ys: list[float], expected: float) -> None:
    got = spearman(xs, ys)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


def test_eval_framing_missing_data(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no NewsWCL50 articles"):
        load_newswcl50(tmp_path)


Run = Callable[..., CompletedProcess[str]]


def test_eval_framing_cli_gate(shared_dir: Path, cli: Run) -> None:
    """Regression gate on NewsWCL50: floors pinned a little under the measured figures."""
    result = cli("eval", "framing", str(shared_dir / "data" / "newswcl50"), "--json", "-")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] == 50
    assert report["unlocated_annotations"] <= 30
    assert report["phrase"]["precision"] >= 0.70
    assert report["phrase"]["recall"] >= 0.15
    assert report["held_out"]["phrase"]["precision"] >= 0.70
    assert report["held_out"]["phrase"]["recall"] >= 0.13
    orient = report["by_orientation"]
    for far in ("LL", "RR"):
        assert orient[far]["loaded_per_1000"] > orient["M"]["loaded_per_1000"]
    assert {"evaluative", "intensifier", "loaded_verb"} <= set(report["by_category"])


def test_eval_framing_cli_table(shared_dir: Path, cli: Run) -> None:
    result = cli("eval", "framing", str(shared_dir / "data" / "newswcl50"))
    assert result.returncode == 0, result.stderr
    assert "held out 5-9" in result.stdout and "RR" in result.stdout


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_eval_framing_cli_bad_dir(tmp_path: Path, cli: Run, make: str) -> None:
    target = tmp_path / "nowhere" if make == "missing" else tmp_path
    result = cli("eval", "framing", str(target))
    assert result.returncode != 0
    assert str(target) in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_eval_framing_cli_extra_lexicon(tmp_path: Path, cli: Run) -> None:
    data = _write(tmp_path / "data")
    extra = tmp_path / "extra.json"
    extra.write_text(
        json.dumps([{"term": "passed", "pos": "verb", "category": "c", "why": "w"}]),
        encoding="utf-8",
    )
    base = json.loads(cli("eval", "framing", str(data), "--json", "-").stdout)
    more = json.loads(
        cli("eval", "framing", str(data), "--lexicon", str(extra), "--json", "-").stdout
    )
    assert more["phrase"]["predicted"] == base["phrase"]["predicted"] + 1
    assert more["phrase"]["recall"] > base["phrase"]["recall"]


def test_eval_framing_cli_bad_lexicon(tmp_path: Path, cli: Run) -> None:
    data = _write(tmp_path / "data")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    result = cli("eval", "framing", str(data), "--lexicon", str(bad))
    assert result.returncode != 0
    assert str(bad) in result.stderr and len(result.stderr.strip().splitlines()) == 1
