"""The benchmark's shingle metric, on hand-checkable texts, and the eval command on a tiny set."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from storylens.eval.extraction import metrics_of, score, shingle_counts, shingles, tokenize

RunCli = Callable[..., CompletedProcess[str]]


def test_eval_extraction_tokenize_and_shingles() -> None:
    assert tokenize("Tram-line, approved!") == ["Tram", "line", "approved"]
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("short text") == {("short", "text"): 1}


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        ("a b c d e f", "a b c d e f", (1.0, 0.0, 0.0)),
        ("a b c d e f", "", (0.0, 0.0, 1.0)),
        ("", "a b c d", (0.0, 1.0, 0.0)),
        # true shingles abcd bcde cdef; pred abcd bcde cdeg -> tp 2, fp 1, fn 1
        ("a b c d e f", "a b c d e g", (0.5, 0.25, 0.25)),
        # repeated shingles count as often as they occur
        ("x y z w x y z w", "x y z w", (0.2, 0.0, 0.8)),
    ],
)
def test_eval_extraction_shingle_counts(
    true: str, pred: str, expected: tuple[float, float, float]
) -> None:
    assert shingle_counts(true, pred) == pytest.approx(expected)


def test_eval_extraction_metrics_are_means_per_document() -> None:
    counts = [(0.5, 0.25, 0.25), (1.0, 0.0, 0.0), (0.0, 0.0, 1.0)]
    m = metrics_of(counts)
    # precision over documents with tp+fp > 0: (2/3 + 1) / 2; recall over all three
    assert m["precision"] == pytest.approx((2 / 3 + 1) / 2)
    assert m["recall"] == pytest.approx((2 / 3 + 1 + 0) / 3)
    assert m["f1"] == pytest.approx(
        2 * m["precision"] * m["recall"] / (m["precision"] + m["recall"])
    )


def test_eval_extraction_score_bootstrap_is_deterministic() -> None:
    truths = ["a b c d e f g", "h i j k l m", "n o p q r s"]
    preds = ["a b c d e f g", "h i j k x y", ""]
    first, second = score(truths, preds, n_bootstrap=50), score(truths, preds, n_bootstrap=50)
    assert first == second
    assert first["accuracy"] == pytest.approx(1 / 3)
    assert 0 < first["f1_std"] < 1


PARAS = [
    "The Lantern City council approved a new tram line on Tuesday after a year of debate.",
    "The line will link the harbour with the university and open in 2027, officials said.",
    "Opponents said the 300 million crown budget would crowd out spending on schools.",
]


def _tiny_benchmark(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    truth = {}
    for i in range(3):
        body = "".join(f"<p>{p}</p>" for p in PARAS[: i + 1])
        page = (
            f"<html><body><nav><a href='/'>Home</a> <a href='/x'>Sections</a></nav>"
            f"<article>{body}</article><footer>Contact us</footer></body></html>"
        )
        (root / "html" / f"page{i}.html").write_text(page)
        truth[f"page{i}"] = {"articleBody": "\n".join(PARAS[: i + 1]), "url": f"https://x/{i}"}
    (root / "ground-truth.json").write_text(json.dumps(truth))
    return root


def test_eval_extraction_cli_on_tiny_benchmark(cli: RunCli, tmp_path: Path) -> None:
    bench = _tiny_benchmark(tmp_path / "bench")
    proc = cli("eval", "extraction", str(bench), "--json", "-", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["documents"] == 3
    assert result["systems"]["storylens"]["f1"] > 0.9


def test_eval_extraction_cli_bad_directory(cli: RunCli, tmp_path: Path) -> None:
    proc = cli("eval", "extraction", str(tmp_path))
    assert proc.returncode != 0 and "ground-truth.json" in proc.stderr
