"""Attribution scoring on brat standoff data, and the PolNeAR regression gate."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storylens.analyse.attributed import Attribution
from storylens.errors import InputError
from storylens.eval.attribution import Counts, _count, load_split, parse_ann, predicted_spans

# Pinned floors for the first 30 dev documents (measured scores sit a few points above).
GATE_DOCS = 30
GATE_FLOORS = {
    ("exact", "source"): 68.5,
    ("exact", "cue"): 64.5,
    ("exact", "content"): 52.0,
    ("overlap", "source"): 71.5,
    ("overlap", "content"): 72.0,
}

ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 30;32 40\tthe pier opened again\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tDiscuss 0 4\tThe \n"
    "#1\tAnnotatorNotes T1\tfree text\n"
)


def test_eval_attribution_parse_ann() -> None:
    spans = parse_ann(ANN)
    assert spans == {"source": [(0, 9)], "cue": [(10, 14)], "content": [(15, 40)]}


@pytest.mark.parametrize(
    ("pred", "gold", "exact_tp", "overlap_tp"),
    [
        ([(0, 9)], [(0, 9)], 1, 1),
        ([(0, 10)], [(0, 9)], 1, 1),  # trailing space/punctuation is trimmed
        ([(0, 4)], [(0, 9)], 0, 1),
        ([(20, 30)], [(0, 9)], 0, 0),
        ([(0, 4), (4, 9)], [(0, 9)], 0, 1),  # one gold span matches one prediction only
    ],
)
def test_eval_attribution_counts(
    pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact_tp: int, overlap_tp: int
) -> None:
    text = "The mayor said the pier opened again today."
    exact, loose = Counts(), Counts()
    _count(text, pred, gold, exact, loose)
    assert exact.tp_pred == exact_tp
    assert loose.tp_pred == overlap_tp
    assert exact.pred == len(set(pred)) and exact.gold == len(gold)


def test_eval_attribution_load_split(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir(parents=True)
    (tmp_path / "dev" / "text" / "doc1.txt").write_text("The mayor said the pier opened.")
    (tmp_path / "dev" / "attributions" / "doc1_b2.ann").write_text("T1\tCue 10 14\tsaid\n")
    (tmp_path / "dev" / "attributions" / "doc1_a1.ann").write_text(ANN)
    docs = load_split(tmp_path, "dev")
    assert [d.name for d in docs] == ["doc1"]
    assert docs[0].spans["source"] == [(0, 9)]  # the first annotator in sorted order


def test_eval_attribution_load_split_bad_bytes(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir(parents=True)
    (tmp_path / "dev" / "text" / "doc1.txt").write_bytes(b"\xff\xfe\x00bad")
    (tmp_path / "dev" / "attributions" / "doc1_a1.ann").write_text(ANN)
    with pytest.raises(InputError, match=r"doc1\.txt"):
        load_split(tmp_path, "dev")


def test_eval_attribution_load_split_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="dev/text"):
        load_split(tmp_path, "dev")


def test_eval_attribution_cli_bad_dir(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("eval", "attribution", str(tmp_path / "nope"))
    assert result.returncode != 0
    assert "not a directory" in result.stderr


@pytest.mark.slow
def test_eval_attribution_polnear_gate(cli: Callable[..., Any], shared_dir: Path) -> None:
    data = shared_dir / "data" / "polnear"
    if not data.is_dir():
        pytest.skip("polnear not present")
    result = cli("eval", "attribution", str(data), "--limit", str(GATE_DOCS), "--json", "-")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["documents"] == GATE_DOCS
    for (match, role), floor in GATE_FLOORS.items():
        assert scores[match][role]["f1"] >= floor, (match, role, scores[match][role])


def test_eval_attribution_counts_trim_no_break_space() -> None:
    text = "The mayor\xa0said the pier opened again today."
    exact, loose = Counts(), Counts()
    _count(text, [(0, 9)], [(0, 10)], exact, loose)
    assert exact.tp_pred == 1


def test_eval_attribution_hedge_inside_a_report_cue_is_not_scored() -> None:
    text = "Vell seemed to mock the plan."
    hedge = Attribution(
        cue="seem", cue_start=5, cue_end=11, content_start=0, content_end=28, kind="hedge", verb=1
    )
    report = Attribution(
        cue="mock",
        cue_start=5,
        cue_end=19,
        content_start=20,
        content_end=28,
        source_start=0,
        source_end=4,
    )
    spans = predicted_spans([hedge, report], text)
    assert spans["cue"] == [(5, 19)]
