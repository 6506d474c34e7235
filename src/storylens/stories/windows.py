"""Story grouping that scales out: time windows grouped on workers, merged at the boundaries.

Stories are local in time, so the corpus is cut into windows of consecutive days reading
about ``window_articles`` articles each. Every window is grouped on a worker by the ordinary
clustering (:func:`storylens.stories.cluster.cluster_prepared`, used as a black box) over
its own days plus ``overlap`` days before them and one day after. Each article is *owned* by
the window whose own days hold it, and takes the story that window gave it. A story crossing
a boundary is joined through the overlap: the articles a window sees in its left overlap
were owned, and given a story, by the window before, so a story of this window that holds
such articles continues the story most of them are in. Windows are merged in time order, and
a story is written out once no later window can reach it, so the client holds only the
stories open at the current boundary: its memory does not grow with the corpus.

The partitions hand their prepared articles over as one file per partition
(``<out>/_features/part-<P>-<first day>-<last day>.pkl``: an index, then the articles of
each day), from which each window reads the days it needs. Undated
articles form a window of their own, so in a corpus bigger than one window they never
join a dated story. A corpus that fits one window (or ``central``) is grouped in one
window: the central grouping.
"""

from __future__ import annotations

import dataclasses
import pickle
import re
import shutil
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from storylens.stories.cluster import (
    Clusterer,
    ClusterOptions,
    Prepared,
    cluster_prepared,
    merge_prepared,
    prepare,
)
from storylens.stories.features import day_number
from storylens.stories.vectors import dimension, method
from storylens.types import Article, StoryRecord, story_id_for

FEATURES = "_features"
CONTEXT = 2000  # stored articles a window reads along with its own (incremental runs)
WINDOW_ARTICLES = 5000  # articles a window reads, its own and the overlaps (at least a day)
TAIL = 1 / 3  # a last window reading less than this share of them joins the one before
AHEAD = 1  # days a window reads after its own: later articles only matter to its merges
Day = int | None
# stored stories near a window: (states, article -> story, some of their articles)
Near = tuple[list[dict[str, Any]], dict[str, str], list[Article]]


_PART = re.compile(r"part-(\d+)(?:-(-?\d+)-(-?\d+))?(-undated)?\.pkl")
_HEAD = 8  # bytes of the index's length, at the start of a partition's file


def _part_name(index: int, days: Iterable[Day]) -> str:
    """``part-<P>-<first day>-<last day>[-undated].pkl``: the days a partition holds, so that
    a window opens only the files that can hold its days."""
    dated = [d for d in days if d is not None]
    span = f"-{min(dated)}-{max(dated)}" if dated else ""
    return f"part-{index:05d}{span}{'-undated' if None in days else ''}.pkl"


def take(prepared: Prepared, rows: Sequence[int], n: int) -> Prepared:
    """The ``rows`` of a prepared batch of ``n`` articles (every per-article field sliced)."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(prepared):
        value = getattr(prepared, f.name)
        if isinstance(value, list) and len(value) == n:
            value = [value[i] for i in rows]
        elif isinstance(value, np.ndarray) and value.shape[:1] == (n,):
            value = value[list(rows)]
        values[f.name] = value
    return Prepared(**values)


def write_days(
    index: int, articles: Sequence[Article], prepared: Prepared, out: Path
) -> dict[Day, int]:
    """Hand a partition's prepared articles to the windows: one file, the articles of each
    day a piece of it that the index at its start locates."""
    by_day: dict[Day, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        by_day[day_number(article.published)].append(i)
    pieces: list[bytes] = []
    spans: dict[Day, tuple[int, int]] = {}  # day -> (offset after the index, length)
    offset = 0
    for day, rows in by_day.items():
        part = {
            "ids": [articles[i].id for i in rows],
            "outlets": [articles[i].outlet for i in rows],
            "prepared": take(prepared, rows, len(articles)),
        }
        pieces.append(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
        spans[day] = (offset, len(pieces[-1]))
        offset += len(pieces[-1])
    head = pickle.dumps(spans, protocol=pickle.HIGHEST_PROTOCOL)
    path = out / FEATURES / _part_name(index, by_day)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(b"".join([len(head).to_bytes(_HEAD, "little"), head, *pieces]))
    tmp.replace(path)  # a crashed worker never leaves half a file
    return {day: len(rows) for day, rows in by_day.items()}


def read_days(out: Path, days: Sequence[Day]) -> list[tuple[Day, dict[str, Any]]]:
    """The partitions' pieces for ``days`` with their day, in the order of ``days``, each
    day's pieces in partition order (the order the grouping sees its articles in)."""
    wanted = set(days)
    dated = [d for d in days if d is not None]
    found: dict[tuple[Day, int], dict[str, Any]] = {}
    for path in (out / FEATURES).glob("part-*.pkl"):
        match = _PART.fullmatch(path.name)
        if match is None:
            continue
        index, first, last, undated = match.groups()
        near = dated and first is not None and int(first) <= max(dated) and int(last) >= min(dated)
        if not near and not (undated and None in wanted):
            continue
        with path.open("rb") as fh:
            head = int.from_bytes(fh.read(_HEAD), "little")
            spans: dict[Day, tuple[int, int]] = pickle.loads(fh.read(head))
            for day, (offset, length) in spans.items():
                if day in wanted:
                    fh.seek(_HEAD + head + offset)
                    found[(day, int(index))] = pickle.loads(fh.read(length))
    order = {day: i for i, day in enumerate(days)}
    return [(key[0], found[key]) for key in sorted(found, key=lambda k: (order[k[0]], k[1]))]


def clear_days(out: Path) -> None:
    shutil.rmtree(out / FEATURES, ignore_errors=True)


@dataclass(frozen=True, slots=True)
class Window:
    """Days a window reads (``days``) and owns (``first`` ≤ day < ``end``; None: all)."""

    index: int
    days: tuple[Day, ...]
    first: int | None = None
    end: int | None = None

    def owns(self, day: Day) -> bool:
        if self.first is None or self.end is None:
            return True
        return day is not None and self.first <= day < self.end

    def before(self, day: Day) -> bool:
        """In the left overlap (owned by the window before)."""
        return self.first is not None and day is not None and day < self.first


def plan_windows(
    counts: dict[Day, int],
    *,
    overlap: int,
    target: int | None = WINDOW_ARTICLES,
    after: int = AHEAD,
) -> list[Window]:
    """Windows of whole days, each reading about ``target`` articles: its own days and
    ``overlap`` days before them (to join the stories that cross into it) and ``after``
    days after; at least one day of its own. A last window that would read less than
    :data:`TAIL` of ``target`` (mostly the overlap it repeats) joins the one before, which
    then reads up to a third more. The undated articles last, alone.
    ``target=None``: one window for everything (the central grouping), as for a corpus that
    fits one window: there the undated articles can join the dated stories."""
    if target is None or sum(counts.values()) <= target:
        return [Window(0, tuple(counts))]
    dated = sorted(d for d in counts if d is not None)
    total = [0]
    for day in dated:
        total.append(total[-1] + counts[day])

    def read(first: int, end: int) -> int:  # articles on the days a window [first, end) reads
        return total[bisect_left(dated, end + after)] - total[bisect_left(dated, first - overlap)]

    cores: list[tuple[int, int]] = []
    start = dated[0] if dated else None
    for day in dated[1:]:
        assert start is not None
        if read(start, day + 1) > target:
            cores.append((start, day))
            start = day
    if start is not None:
        cores.append((start, dated[-1] + 1))
    if len(cores) > 1 and read(*cores[-1]) < target * TAIL:  # mostly overlap: joins the last
        cores[-2:] = [(cores[-2][0], cores[-1][1])]
    windows = [
        Window(i, tuple(d for d in dated if first - overlap <= d < end + after), first, end)
        for i, (first, end) in enumerate(cores)
    ]
    if None in counts:
        windows.append(Window(len(windows), (None,)))
    return windows


@dataclass(slots=True)
class StoryPart:
    """One story as one window grouped it (only what the merge needs)."""

    id: str
    owned: list[str]  # members this window owns, in order
    left: list[str]  # members in the left overlap (owned by the window before)
    days: dict[str, int]  # owned member -> day
    outlets: set[str]
    record: StoryRecord  # title, centroid, terms, similarities/duplicates of owned members
    stored: bool = False


@dataclass(slots=True)
class WindowResult:
    index: int
    parts: list[StoryPart]
    articles: int


def _unique(parts: list[Prepared], ids: list[str]) -> tuple[Prepared, list[str]]:
    """Merged, each article id once (a file repeated across partitions)."""
    merged = merge_prepared(parts)
    first: dict[str, int] = {}
    for i, a in enumerate(ids):
        first.setdefault(a, i)
    keep = sorted(first.values())
    if len(keep) == len(ids):
        return merged, ids
    return take(merged, keep, len(ids)), [ids[i] for i in keep]


def group_window(
    window: Window,
    out: str,
    options: ClusterOptions,
    stored: Near | None = None,
) -> WindowResult:
    """Group one window's articles into stories (runs on a worker).

    ``stored``: stories of the store near this window, which its articles may extend
    (see :meth:`StoredStories.near`). Their articles go through the grouping too, already
    placed in their stories: they weigh the words and can be the originals of copies.
    """
    parts: list[Prepared] = []
    ids: list[str] = []
    day_of: dict[str, Day] = {}
    outlet_of: dict[str, str] = {}
    for day, part in read_days(Path(out), window.days):
        parts.append(part["prepared"])
        ids.extend(part["ids"])
        for a, outlet in zip(part["ids"], part["outlets"], strict=True):
            day_of[a], outlet_of[a] = day, outlet
    if not ids:
        return WindowResult(window.index, [], 0)
    own = sum(1 for a in set(ids) if window.owns(day_of[a]))
    if stored is not None and stored[2]:
        parts.append(prepare(stored[2], options))
        ids.extend(a.id for a in stored[2])
    prepared, ids = _unique(parts, ids)
    clusterer = None
    if stored is not None:
        clusterer = Clusterer(options, dimension(method(options.method)))
        clusterer.load(stored[0], stored[1])
    clusterer = cluster_prepared(prepared, options, clusterer=clusterer)
    stored_ids = {s["id"] for s in stored[0]} if stored else set()
    result = WindowResult(window.index, [], own)
    for rec in clusterer.records():
        owned = [a for a in rec.article_ids if window.owns(day_of.get(a))]
        left = [a for a in rec.article_ids if window.before(day_of.get(a))]
        if not owned:
            continue
        keep = set(owned)
        rec.similarities = {a: s for a, s in rec.similarities.items() if a in keep}
        rec.duplicates = {a: d for a, d in rec.duplicates.items() if a in keep}
        rec.article_ids = owned
        days = {a: d for a in owned if (d := day_of.get(a)) is not None}
        result.parts.append(
            StoryPart(rec.id, owned, left, days, {outlet_of[a] for a in owned}, rec,
                      stored=rec.id in stored_ids)
        )  # fmt: skip
    return result


@dataclass(slots=True)
class Story:
    """A story being put together from its windows' parts."""

    id: str
    members: list[str] = field(default_factory=list)
    similarities: dict[str, float] = field(default_factory=dict)
    duplicates: dict[str, str] = field(default_factory=dict)
    outlets: set[str] = field(default_factory=set)
    terms: Counter[str] = field(default_factory=Counter)
    title: str | None = None
    method: str | None = None
    first_day: int | None = None
    last_day: int | None = None
    vsum: Any = None  # centroid x members, summed over parts
    stored: bool = False

    def add(self, part: StoryPart) -> None:
        rec = part.record
        self.members.extend(part.owned)
        self.similarities.update(rec.similarities)
        self.duplicates.update(rec.duplicates)
        self.outlets |= part.outlets
        self.terms.update(rec.terms)
        self.title = self.title or rec.title
        self.method = self.method or rec.method
        self.stored = self.stored or part.stored
        for day in part.days.values():
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)
        if rec.centroid:
            vec = np.frombuffer(rec.centroid, dtype=np.float32) * np.float32(len(part.owned))
            self.vsum = vec if self.vsum is None else self.vsum + vec

    def record(self) -> StoryRecord:
        centroid = None
        if self.vsum is not None:
            centroid = (self.vsum / np.float32(max(len(self.members), 1))).astype(np.float32)
        return StoryRecord(
            id=self.id,
            article_ids=list(self.members),
            title=self.title,
            centroid=None if centroid is None else centroid.tobytes(),
            terms=dict(self.terms.most_common(64)),
            method=self.method,
            similarities=dict(self.similarities),
            duplicates=dict(self.duplicates),
        )


class Merger:
    """Joins the windows' stories at their boundaries, window by window in time order."""

    def __init__(self, overlap: int) -> None:
        self.overlap = overlap
        self.open: dict[str, Story] = {}
        self.carry: dict[str, str] = {}  # article near the last window's end -> story id

    def add(self, window: Window, result: WindowResult) -> list[Story]:
        """Merge the next window; returns the stories no later window can reach."""
        carry: dict[str, str] = {}
        for part in result.parts:
            votes = Counter(self.carry[a] for a in part.left if a in self.carry)
            if part.stored:
                sid = part.id
            elif votes:  # continues the story most of its earlier articles are in
                sid = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            elif part.id in self.open:  # a new story whose seed id is taken
                sid = story_id_for(part.owned[:1])
            else:
                sid = part.id
            story = self.open.setdefault(sid, Story(sid))
            story.add(part)
            for a in part.owned:
                day = part.days.get(a)
                if window.end is None or (day is not None and day >= window.end - self.overlap):
                    carry[a] = sid
        self.carry = carry
        if window.end is None:  # the undated window (or everything) comes last
            return []
        reachable = set(carry.values())
        closed = [s for sid, s in self.open.items() if sid not in reachable and not s.stored]
        for story in closed:
            del self.open[story.id]
        return closed

    def rest(self) -> list[Story]:
        """The stories still open once every window is merged."""
        rest = list(self.open.values())
        self.open.clear()
        return rest


Submit = Callable[[Window], Any]  # a window -> a future (or a finished WindowResult)


def merge_windows(
    windows: Sequence[Window],
    results: Iterable[WindowResult],
    overlap: int,
) -> Iterator[list[Story]]:
    """Closed stories in batches, as the windows' results (in window order) are merged."""
    merger = Merger(overlap)
    for window, result in zip(windows, results, strict=True):
        closed = merger.add(window, result)
        if closed:
            yield closed
    rest = merger.rest()
    if rest:
        yield rest


@dataclass(slots=True)
class StoredStories:
    """Stories of a store that a run extends: their states (``Store.story_states`` rows),
    members, and a way to read stored articles (for the words the windows weigh)."""

    states: list[dict[str, Any]]
    members: dict[str, list[str]]
    articles: Callable[[list[str]], list[Article]]

    def near(self, window: Window, reach: int, context: int = CONTEXT) -> Near:
        """The stories a window's articles could join (dated within ``reach`` days of
        it; all of them for the undated window), their members, and up to ``context`` of
        their articles."""
        dated = [d for d in window.days if d is not None]
        near = []
        for s in self.states:
            first, last = day_number(s.get("first_published")), day_number(s.get("last_published"))
            known = dated and first is not None and last is not None
            if known and (last < min(dated) - reach or first > max(dated) + reach):  # type: ignore[operator]
                continue
            near.append(s)
        links = {a: s["id"] for s in near for a in self.members.get(s["id"], ())}
        sample = sorted(links)[:: max(1, len(links) // context + 1)][:context]
        return near, links, self.articles(sample) if sample else []


def group_articles(
    articles: Sequence[Article],
    options: ClusterOptions,
    workdir: Path,
    *,
    window_articles: int | None = WINDOW_ARTICLES,
) -> dict[str, str]:
    """Article id -> story id by time windows, all in this process (``workdir`` holds the
    day files meanwhile): the corpus engines' grouping for articles already in memory."""
    counts = write_days(0, articles, prepare(articles, options), workdir)
    overlap = options.window_days + 1
    windows = plan_windows(counts, overlap=overlap, target=window_articles)
    results = (group_window(w, str(workdir), options) for w in windows)
    try:
        return {
            a: story.id
            for batch in merge_windows(windows, results, overlap)
            for story in batch
            for a in story.members
        }
    finally:
        clear_days(workdir)
