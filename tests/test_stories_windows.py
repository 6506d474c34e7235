"""Story grouping by time windows: agrees with the central grouping, joins stories across
window boundaries, keeps the client's open stories bounded, extends stored stories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from storylens.eval.clustering import bcubed
from storylens.settings import Settings
from storylens.stories.engine import partitions, run_corpus
from storylens.stories.synthetic import generate, write_jsonl
from storylens.stories.windows import Merger, StoryPart, Window, WindowResult, plan_windows
from storylens.types import StoryRecord


def _write(path: Path, stories: int, seed: int, *, days: int = 30) -> dict[str, str]:
    """A generated corpus in one JSON Lines file; returns url -> gold story."""
    return write_jsonl(path, generate(stories, outlets=4, seed=seed, days=days))


def _stories(out: Path) -> dict[str, str]:
    """url -> story id, from a run's tables."""
    urls = {r["id"]: r["url"] for r in pq.read_table(out / "articles").to_pylist()}
    rows = pq.read_table(out / "story_articles.parquet").to_pylist()
    return {urls[r["article_id"]]: r["story_id"] for r in rows}


def test_stories_windows_plan_whole_days_with_overlap() -> None:
    counts = {10: 50, 11: 50, 12: 50, 13: 50, 14: 50, None: 3}
    windows = plan_windows(counts, overlap=1, target=200)
    assert [(w.first, w.end) for w in windows[:-1]] == [(10, 13), (13, 15)]
    assert windows[1].days == (12, 13, 14)  # its days, one before (and one after, none here)
    assert all(sum(counts[d] for d in w.days) <= 200 for w in windows)
    assert windows[-1].days == (None,) and windows[-1].owns(None)
    # a day over the target is still a window of its own
    assert [w.days for w in plan_windows({1: 500, 2: 10}, overlap=1, target=100)] == [
        (1, 2),
        (1, 2),
    ]
    assert plan_windows(counts, overlap=1, target=None)[0].owns(12)  # central: one window


def test_stories_windows_a_small_last_window_joins_the_one_before() -> None:
    # 100 articles a day, windows of 1,000 with two days of overlap: a last window of one
    # day of its own would read 300 articles, 200 of them the overlap the window before
    # already grouped: it joins that window instead (which then reads 1,100)
    def plan(days: int) -> list[tuple[int | None, int | None]]:
        counts: dict[int | None, int] = dict.fromkeys(range(days), 100)
        windows = plan_windows(counts, overlap=2, target=1000, after=0)
        owned = sorted(d for w in windows for d in range(days) if w.owns(d))
        assert owned == list(range(days))  # every day owned by one window
        return [(w.first, w.end) for w in windows]

    assert plan(20) == [(0, 10), (10, 18), (18, 20)]  # two days left: a window of 400
    assert plan(19) == [(0, 10), (10, 19)]


def _part(sid: str, owned: list[str], left: list[str], day: int) -> StoryPart:
    record = StoryRecord(id=sid, article_ids=owned, title=sid)
    return StoryPart(sid, owned, left, dict.fromkeys(owned, day), {"X"}, record)


def test_stories_windows_merger_joins_a_story_across_the_boundary() -> None:
    first, second = Window(0, (1, 2, 3, 4, 5), 1, 4), Window(1, (2, 3, 4, 5, 6), 4, 7)
    merger = Merger(overlap=2)
    closed = merger.add(first, WindowResult(0, [_part("s_a", ["a1", "a2"], [], 3),
                                               _part("s_b", ["b1"], [], 1)], 3))  # fmt: skip
    assert [s.id for s in closed] == ["s_b"]  # ended before the overlap: final
    # the second window sees a2 (owned by the first) in its story s_c: s_c continues s_a
    closed = merger.add(second, WindowResult(1, [_part("s_c", ["c1"], ["a2"], 4),
                                                 _part("s_d", ["d1"], [], 6)], 2))  # fmt: skip
    assert {s.id: s.members for s in closed} == {"s_a": ["a1", "a2", "c1"]}
    assert {s.id: s.members for s in merger.rest()} == {"s_d": ["d1"]}  # d1 is near the end


def test_stories_windows_client_holds_only_stories_open_at_the_boundary() -> None:
    merger, widest, closed = Merger(overlap=2), 0, 0
    for k in range(50):  # windows of 5 days, a story a day, each crossing into the next day
        first = 5 * k
        window = Window(k, tuple(range(first - 2, first + 6)), first, first + 5)
        parts = [
            _part(f"s_{k}_{d}", [f"a{first + d}", f"b{first + d}"],
                  [f"b{first + d - 1}"] if d == 0 and k else [], first + d)
            for d in range(5)
        ]  # fmt: skip
        closed += len(merger.add(window, WindowResult(k, parts, 10)))
        widest = max(widest, len(merger.open))
    assert widest <= 2  # the stories near the boundary, not the 200 of the corpus
    assert closed + len(merger.rest()) == 50 * 5 - 49  # a story per day, joined at boundaries


@pytest.mark.slow
def test_stories_windows_agree_with_central_grouping(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    gold = _write(corpus, 120, seed=31, days=20)
    settings = Settings(n_process=1)
    central = run_corpus([str(corpus)], tmp_path / "c", settings, analyse=False,
                         workers=1, window_articles=None, records_per_partition=100)  # fmt: skip
    windowed = run_corpus([str(corpus)], tmp_path / "w", settings, analyse=False,
                          workers=1, window_articles=60, records_per_partition=100)  # fmt: skip
    assert central.stage_seconds["windows"] == 1 and windowed.stage_seconds["windows"] >= 5
    assert central.partitions == windowed.partitions >= 4  # one file, split by records
    a, b = _stories(tmp_path / "c"), _stories(tmp_path / "w")
    assert set(a) == set(b) == set(gold)
    urls = sorted(a)
    assert bcubed([b[u] for u in urls], [a[u] for u in urls])[2] >= 0.98
    assert bcubed([b[u] for u in urls], [gold[u] for u in urls])[2] >= 0.95
    assert not (tmp_path / "w" / "_features").exists()


def test_stories_windows_partitions_split_big_files_batch_small(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    with big.open("w") as fh:
        for i in range(2500):
            fh.write(json.dumps({"text": f"Item {i} " + "word " * 100}) + "\n")
    small = [tmp_path / f"page{i}.txt" for i in range(5)]
    for path in small:
        path.write_text("A short page.")
    parts = partitions([str(big), *map(str, small)], per_partition=4, records=1000)
    assert [len(p) for p in parts] == [1, 1, 1, 4, 1]
    assert [p[0][1:] for p in parts[:3]] == [
        (0, parts[1][0][1], 1), (parts[1][0][1], parts[2][0][1], 1001), (parts[2][0][1], None, 2001)
    ]  # fmt: skip


def test_stories_windows_partitions_only_big_files_are_split_on_the_executor(
    tmp_path: Path,
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from storylens.stories.engine import SPLIT_BYTES

    record = json.dumps({"text": "word " * 200}) + "\n"
    big, small = tmp_path / "big.jsonl", tmp_path / "small.jsonl"
    big.write_text(record * (SPLIT_BYTES // len(record) + 1))
    small.write_text(record * 30)
    sent: list[str] = []

    class Recording(ThreadPoolExecutor):
        def map(self, fn: Any, *iterables: Any, **kwargs: Any) -> Any:
            items = [list(i) for i in iterables]
            sent.extend(p.name for p in items[0])
            return super().map(fn, *items, **kwargs)

    with Recording(1) as executor:
        parts = partitions([str(big), str(small)], records=1000, executor=executor)
    assert sent == ["big.jsonl"]  # the small file's pass is made here, without a round trip
    assert parts == partitions([str(big), str(small)], records=1000)


@pytest.mark.slow
def test_stories_windows_incremental_run_extends_stored_stories(tmp_path: Path) -> None:
    from functools import partial

    from storylens.store import Store
    from storylens.store.corpus import save_corpus, stored_stories

    items = generate(40, outlets=4, seed=8, days=8)
    cut = sorted({i.article.published or "" for i in items})[4]  # day 1 ends here
    before = [i for i in items if (i.article.published or "") <= cut]
    write_jsonl(tmp_path / "day1.jsonl", before)
    write_jsonl(tmp_path / "day2.jsonl", [i for i in items if i not in before])
    db = str(tmp_path / "store.db")
    for day in ("day1", "day2"):
        run_corpus([str(tmp_path / f"{day}.jsonl")], tmp_path / day, Settings(n_process=1),
                   analyse=False, workers=1, save=partial(save_corpus, db),
                   stored=stored_stories(db))  # fmt: skip
    with Store.open(db) as store:
        members = store.story_memberships()
        urls = {a.id: a.url for a in store.iter_articles()}
    gold = {i.article.url: i.story for i in items}
    assert set(urls.values()) == set(gold)
    first = _stories(tmp_path / "day1")
    crossing = {gold[u] for u in first} & {gold[u] for u in _stories(tmp_path / "day2")}
    assert crossing  # stories covered on both days
    for story in crossing:  # each keeps the id it got on day 1
        ids = {members[a] for a, u in urls.items() if gold[u] == story}
        assert ids == {first[next(u for u in first if gold[u] == story)]}
    pred = [members[a] for a in urls]
    assert bcubed(pred, [gold[urls[a]] for a in urls])[2] >= 0.95


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "window"),
    [("newswcl50", 5), ("newswcl50", 12), ("ecbplus-dev", None), ("newswcl50", None)],
)
def test_stories_windows_real_news_scores_hold(
    shared_dir: Path, tmp_path: Path, name: str, window: int | None
) -> None:
    """The windowed grouping scores as the central one on real news: with windows of a
    few articles over NewsWCL50's dated articles, and with the default window size (these
    corpora fit one window, undated articles with the rest) on the whole sets."""
    from storylens.eval.clustering import load_labelled
    from storylens.stories.cluster import ClusterOptions, cluster_articles
    from storylens.stories.windows import group_articles

    data = shared_dir / "data" / name
    if not data.is_dir():
        pytest.skip(f"{name} not found")
    items = load_labelled(data, Settings())
    if window is not None:
        items = [(a, g) for a, g in items if a.published]
    articles, gold = [a for a, _ in items], [g for _, g in items]
    central = cluster_articles(articles, ClusterOptions())
    if window is None:
        grouped = group_articles(articles, ClusterOptions(), tmp_path)
    else:
        grouped = group_articles(articles, ClusterOptions(), tmp_path, window_articles=window)
    pred, base = [grouped[a.id] for a in articles], [central[a.id] for a in articles]
    assert bcubed(pred, base)[2] >= 0.98
    assert bcubed(pred, gold)[2] >= bcubed(base, gold)[2] - 0.005


@pytest.mark.slow
def test_stories_windows_corpus_cli_caps_each_record(tmp_path: Path, cli: Any) -> None:
    """A corpus file far over --max-bytes is read; only the record over it is refused."""
    corpus = tmp_path / "corpus.jsonl"
    gold = _write(corpus, 12, seed=3)
    with corpus.open("a") as fh:
        fh.write(json.dumps({"text": "word " * 5000}) + "\n")
    assert corpus.stat().st_size > 20 * 8000
    done = cli("corpus", str(corpus), "--out", str(tmp_path / "out"), "--no-analyse",
               "--workers", "1", "--max-bytes", "8000")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{corpus}:{len(gold) + 1}: record over the size cap of 8000 bytes" in done.stderr
    assert set(_stories(tmp_path / "out")) == set(gold)
