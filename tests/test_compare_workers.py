"""A story analysed in two worker processes gives the same report as in one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.compare import _balanced_runs, _workers, compare  # type: ignore[attr-defined]
from storylens.settings import Settings
from storylens.types import Article


@pytest.mark.slow
def test_two_worker_processes_give_the_same_report(examples_dir: Path) -> None:
    one = compare([examples_dir / "summit"], Settings(compare_processes=1)).to_dict()
    two = compare([examples_dir / "summit"], Settings(compare_processes=2)).to_dict()
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert len(one["articles"]) == 4


def _article(n: int, words: int) -> Article:
    return Article(id=f"a{n}", outlet=f"Outlet {n}", text=" ".join(["word"] * words))


def test_runs_keep_article_order_and_balance_text() -> None:
    articles = [_article(n, w) for n, w in enumerate([900, 100, 100, 700, 200])]
    runs = _balanced_runs(articles, 2)
    assert [a.id for run in runs for a in run] == [a.id for a in articles]
    assert [[a.id for a in run] for run in runs] == [["a0", "a1"], ["a2", "a3", "a4"]]


def test_short_stories_stay_in_one_process() -> None:
    short = [_article(n, 300) for n in range(4)]
    long = [_article(n, 800) for n in range(4)]
    assert _workers(short, Settings()) == 1
    assert _workers(long, Settings()) in {1, 2}  # 2 on a multi-core machine
    assert _workers(short, Settings(compare_processes=3)) == 3
