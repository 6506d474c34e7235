"""Story clustering: single-pass, incremental, with blocking so cost grows linearly.

Articles are visited in publication order. Each is compared only with the stories
that share a *blocking key* with it — one of its most telling entity keys, or a
random-hyperplane LSH bucket of its lead vector — and lie within the time window.
The score against a story is

    (1 - w) * cosine(lead vector, story centroid) + w * entity overlap - gap penalty

and the article joins the best story scoring at least ``threshold``, else it opens
a new story. Near-duplicates (wire copies) join the story of their original.
Story centroids and entity-key counts are kept, so later runs extend existing
stories instead of starting over.

Two stories never merge when they are about different people: when most articles of one
are about a name (their protagonist, see :func:`features.protagonist`) that no article of
the other mentions, they report two events of one kind (two players arrested, two deaths
of one affair's figures), however alike their words (:meth:`Clusterer.other_people`); nor
when one is anchored in a year that the other, whose articles name only earlier years,
never mentions (:meth:`Clusterer.years_apart`): the same kind of event, years apart.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from storylens.stories.dedup import near_duplicates_from_signatures, signatures
from storylens.stories.features import DocumentFrequencies, Features, extract, top_keys
from storylens.stories.vectors import combine, dimension, method
from storylens.types import Article, StoryRecord, story_id_for

BLOCK_KEYS = 8  # entity keys per article used for blocking
# tuned on NewsWCL50 (see README, `storylens eval clustering`)
DEFAULT_THRESHOLDS = {
    "stories.tfidf.v1": 0.2,
    "stories.minilm.v1": 0.4,
    "stories.hybrid.v1": 0.3,
    "stories.event.v1": 0.24,
}
MERGE_THRESHOLDS = {"stories.event.v1": 0.17}  # new stories this similar are merged
# a new story of one or two articles this similar to one story, and clearly closer to it
# than to any other (STRAY_RATIO), joins it
STRAY_THRESHOLDS = {"stories.event.v1": 0.14}
SEED = 1405


@dataclass(frozen=True, kw_only=True)
class ClusterOptions:
    """Story clustering knobs (defaults tuned on NewsWCL50 and synthetic corpora)."""

    method: str = "stories.event.v1"
    threshold: float | None = None  # None: the method's tuned default (see DEFAULT_THRESHOLDS)
    entity_weight: float = 0.5
    window_days: int = 2
    gap_penalty: float = 0.02  # per day outside the story's date range
    dedup_threshold: float = 0.8
    max_candidates: int = 64
    lsh_tables: int = 6
    lsh_bits: int = 12
    postings: int = 256  # most recent stories remembered per blocking key
    merge_threshold: float | None = None  # None: the method's default (MERGE_THRESHOLDS)
    stray_threshold: float | None = None  # None: the method's default (STRAY_THRESHOLDS)
    stray_ratio: float = 1.5  # a stray's best story must be this much closer than the next
    stray_size: int = 2  # new stories up to this size may be strays
    # stories of at least protagonist_size articles, most (protagonist_share) about a name
    # that at most protagonist_absent of the other story's articles mention, never merge
    protagonist_size: int = 3
    protagonist_share: float = 0.5
    protagonist_absent: float = 0.1
    # nor stories of that size when year_share of one's articles mention a year later than
    # every year that at least year_articles articles of the other mention
    year_share: float = 0.67
    year_articles: int = 2

    @property
    def join_threshold(self) -> float:
        if self.threshold is not None:
            return self.threshold
        return DEFAULT_THRESHOLDS.get(self.method, 0.3)

    @property
    def story_merge_threshold(self) -> float | None:
        """Mean similarity at which two stories opened in one run are merged (None: never)."""
        if self.merge_threshold is not None:
            return self.merge_threshold
        return MERGE_THRESHOLDS.get(self.method)

    @property
    def story_stray_threshold(self) -> float | None:
        """Mean similarity at which a small new story joins its clearly best story."""
        if self.stray_threshold is not None:
            return self.stray_threshold
        return STRAY_THRESHOLDS.get(self.method)


@dataclass(slots=True)
class StoryState:
    """A story as the clusterer tracks it."""

    id: str
    vsum: npt.NDArray[np.float32]
    size: int
    keys: Counter[str]
    first_day: int | None
    last_day: int | None
    title: str | None = None
    fallback_title: str | None = None
    members: list[str] = field(default_factory=list)
    similarities: dict[str, float] = field(default_factory=dict)
    duplicates: dict[str, str] = field(default_factory=dict)
    changed: bool = False
    stored: bool = False
    posted: set[str] = field(default_factory=set)
    protagonists: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)  # articles mentioning each year
    dated: int = 0  # articles mentioning any year

    def centroid(self) -> npt.NDArray[np.float32]:
        norm = float(np.linalg.norm(self.vsum))
        return self.vsum / (norm if norm > 0 else 1.0)

    def mean(self) -> npt.NDArray[np.float32]:
        return self.vsum / np.float32(max(self.size, 1))


def _fallback_title(lead: str, words: int = 14) -> str | None:
    """The first words of the lead, for stories whose articles have no title."""
    tokens = lead.split()
    if not tokens:
        return None
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


def _days(value: str | None) -> int | None:
    from storylens.stories.features import day_number

    return day_number(value)


class Clusterer:
    """Assigns articles to stories one at a time (see the module docstring)."""

    def __init__(self, options: ClusterOptions, dim: int) -> None:
        self.options = options
        self.dim = dim
        self.stories: dict[str, StoryState] = {}
        self.assigned: dict[str, str] = {}
        self.index: dict[str, deque[str]] = {}
        planes = np.random.RandomState(SEED).standard_normal(
            (options.lsh_tables * options.lsh_bits, dim)
        )
        self.planes = planes.astype(np.float32)
        self.powers = (1 << np.arange(options.lsh_bits)).astype(np.int64)
        self.average_link = method(options.method).event

    # -- state -------------------------------------------------------------------
    def load(self, states: Iterable[dict[str, Any]], members: dict[str, str]) -> int:
        """Resume from stored stories (``Store.story_states``); returns how many were usable."""
        loaded = 0
        for s in states:
            blob = s.get("centroid")
            if not blob or s.get("method") != self.options.method:
                continue
            vec = np.frombuffer(blob, dtype=np.float32)
            if vec.shape[0] != self.dim:
                continue
            size = max(int(s.get("size") or 1), 1)
            keys = Counter({k: int(v) for k, v in (s.get("terms") or {}).items()})
            state = StoryState(
                id=s["id"],
                vsum=vec * np.float32(size),
                size=size,
                keys=keys,
                first_day=_days(s.get("first_published")),
                last_day=_days(s.get("last_published")),
                title=s.get("title"),
                stored=True,
            )
            self.stories[state.id] = state
            for key in [f"k:{k}" for k, _ in keys.most_common(BLOCK_KEYS * 2)]:
                self._post(key, state.id)
            for key in self._hash_keys(state.centroid()):
                self._post(key, state.id)
            loaded += 1
        self.assigned.update({a: s for a, s in members.items() if s in self.stories})
        return loaded

    def _post(self, key: str, story_id: str) -> None:
        story = self.stories.get(story_id)
        if story is not None:
            story.posted.add(key)
        posting = self.index.get(key)
        if posting is None:
            posting = self.index[key] = deque(maxlen=self.options.postings)
        if story_id in posting:
            return
        posting.append(story_id)

    def _hash_keys(self, vector: npt.NDArray[np.float32]) -> list[str]:
        bits = (self.planes @ vector > 0).reshape(self.options.lsh_tables, self.options.lsh_bits)
        codes = bits.astype(np.int64) @ self.powers
        return [f"h{t}:{int(c)}" for t, c in enumerate(codes)]

    # -- assignment --------------------------------------------------------------
    def _candidates(self, block: list[str], day: int | None) -> list[StoryState]:
        counts: Counter[str] = Counter()
        for key in block:
            counts.update(self.index.get(key, ()))
        out: list[StoryState] = []
        for sid, _ in counts.most_common(self.options.max_candidates):
            story = self.stories.get(sid)
            if story is not None and self._gap(story, day) <= self.options.window_days:
                out.append(story)
        return out

    @staticmethod
    def _gap(story: StoryState, day: int | None) -> int:
        if day is None or story.first_day is None or story.last_day is None:
            return 0
        return max(0, story.first_day - day, day - story.last_day)

    def score(
        self,
        story: StoryState,
        vector: npt.NDArray[np.float32],
        keys: dict[str, float],
        day: int | None,
    ) -> float:
        """How well an article fits a story (higher is better)."""
        if self.average_link:  # mean similarity to the members; the keys are in the vector
            mean = float(story.vsum @ vector) / max(story.size, 1)
            return mean - self.options.gap_penalty * self._gap(story, day)
        cos = float(story.centroid() @ vector)
        total = sum(keys.values())
        ent = 0.0
        if total > 0:
            ent = sum(
                w * min(1.0, 2.0 * story.keys.get(k, 0) / story.size) for k, w in keys.items()
            )
            ent /= total
        w = self.options.entity_weight
        return (1 - w) * cos + w * ent - self.options.gap_penalty * self._gap(story, day)

    def add(
        self,
        feat: Features,
        vector: npt.NDArray[np.float32],
        keys: dict[str, float],
        *,
        title: str | None = None,
        duplicate_of: str | None = None,
    ) -> str:
        """Assign one article; returns its story id."""
        if feat.id in self.assigned:
            return self.assigned[feat.id]
        block = [f"k:{k}" for k in list(keys)[:BLOCK_KEYS]] + self._hash_keys(vector)
        story: StoryState | None = None
        similarity = 1.0
        original = self.stories.get(self.assigned.get(duplicate_of or "", ""))
        if original is not None and self._gap(original, feat.day) <= self.options.window_days:
            story = original
        else:
            duplicate_of = None
            best = max(
                (
                    (self.score(s, vector, keys, feat.day), s)
                    for s in self._candidates(block, feat.day)
                ),
                key=lambda pair: (pair[0], pair[1].id),
                default=None,
            )
            if best is not None and best[0] >= self.options.join_threshold:
                similarity, story = best
        if story is None:
            story = self._open(feat, title)
        if not story.title and title:
            story.title = title
        self._join(story, feat, vector, similarity, duplicate_of)
        for key in block:
            self._post(key, story.id)
        return story.id

    def _open(self, feat: Features, title: str | None) -> StoryState:
        sid = story_id_for([feat.id])
        state = StoryState(
            id=sid,
            vsum=np.zeros(self.dim, dtype=np.float32),
            size=0,
            keys=Counter(),
            first_day=feat.day,
            last_day=feat.day,
            title=title,
            fallback_title=_fallback_title(feat.lead),
        )
        self.stories[sid] = state
        return state

    def _join(
        self,
        story: StoryState,
        feat: Features,
        vector: npt.NDArray[np.float32],
        similarity: float,
        duplicate_of: str | None,
    ) -> None:
        story.vsum = story.vsum + vector
        story.size += 1
        story.keys.update(feat.keys.keys())
        if feat.protagonist:
            story.protagonists[feat.protagonist] += 1
        story.years.update(feat.years)
        story.dated += bool(feat.years)
        if feat.day is not None:
            story.first_day = (
                feat.day if story.first_day is None else min(story.first_day, feat.day)
            )
            story.last_day = feat.day if story.last_day is None else max(story.last_day, feat.day)
        story.members.append(feat.id)
        story.similarities[feat.id] = round(similarity, 4)
        if duplicate_of is not None:
            story.duplicates[feat.id] = duplicate_of
        story.changed = True
        self.assigned[feat.id] = story.id

    # -- merging -----------------------------------------------------------------
    @staticmethod
    def _range_gap(a: StoryState, b: StoryState) -> int:
        if None in (a.first_day, a.last_day, b.first_day, b.last_day):
            return 0
        assert a.first_day is not None and a.last_day is not None
        assert b.first_day is not None and b.last_day is not None
        return max(0, a.first_day - b.last_day, b.first_day - a.last_day)

    def merge_new(self, max_rounds: int = 4) -> int:
        """Merge stories opened in this run into a story they fit (average link).

        A single pass sees an event's first articles before its later ones, so one event
        told from two angles can open two stories; once all articles are in, each new story
        joins the candidate story (found through the blocking index) whose members are on
        average most similar to its own, if that reaches the merge threshold. Stored stories
        never merge with each other and keep their ids; a new story is absorbed by the story
        it joins. Returns how many stories were absorbed.
        """
        threshold = self.options.story_merge_threshold
        if threshold is None:
            return 0
        absorbed = 0
        for _ in range(max_rounds):
            fresh = sorted(
                (s for s in self.stories.values() if not s.stored),
                key=lambda s: (s.size, s.id),
            )
            merged = 0
            for story in fresh:
                if story.id not in self.stories:
                    continue
                target = self._merge_target(story, threshold)
                if target is not None:
                    self._absorb(target, story)
                    merged += 1
            absorbed += merged
            if not merged:
                break
        return absorbed

    def _neighbours(self, story: StoryState) -> list[tuple[float, str]]:
        """(mean similarity, id) of the candidate stories of ``story``, best first."""
        counts: Counter[str] = Counter()
        for key in story.posted:
            counts.update(self.index.get(key, ()))
        out: list[tuple[float, str]] = []
        for sid, _ in counts.most_common(self.options.max_candidates + 1):
            other = self.stories.get(sid)
            if other is None or sid == story.id:
                continue
            if self._range_gap(story, other) > self.options.window_days:
                continue
            out.append((float(story.vsum @ other.vsum) / (story.size * other.size), sid))
        return sorted(out, reverse=True)

    def _merge_target(self, story: StoryState, threshold: float) -> StoryState | None:
        """The most similar candidate reaching ``threshold``, unless about other people or years."""
        for similarity, sid in self._neighbours(story):
            if similarity < threshold:
                return None
            other = self.stories[sid]
            if not self.other_people(story, other) and not self.years_apart(story, other):
                return other
        return None

    def other_people(self, a: StoryState, b: StoryState) -> bool:
        """Whether two stories are about different people (see the module docstring).

        So when most articles of one story are about a name that (nearly) no article of the
        other mentions, and the other's own main name is the protagonist of (nearly) none of
        the first one's articles: a later event that recalls an earlier one ("the team's
        second arrest this month") still has a main person of its own.
        """
        opts = self.options
        if min(a.size, b.size) < opts.protagonist_size:
            return False

        def main(x: StoryState) -> list[str]:
            return [p for p, n in x.protagonists.items() if n >= opts.protagonist_share * x.size]

        def rare(count: int, story: StoryState) -> bool:
            return count <= opts.protagonist_absent * story.size

        for x, y in ((a, b), (b, a)):
            if any(rare(y.keys.get(p, 0), y) for p in main(x)) and all(
                rare(x.protagonists.get(q, 0), x) for q in main(y)
            ):
                return True
        return False

    def years_apart(self, a: StoryState, b: StoryState) -> bool:
        """Whether one story is anchored in a year after every year the other mentions.

        Most articles of one mention year Y (a dateline, "in March 2009", the publication
        year); at least ``year_articles`` articles of the other mention years, all before Y.
        So the other was written before Y and reports an earlier event of the same kind.
        """
        opts = self.options
        if min(a.size, b.size) < opts.protagonist_size:
            return False
        for x, y in ((a, b), (b, a)):
            anchors = [year for year, n in x.years.items() if n >= opts.year_share * x.size]
            if anchors and y.dated >= opts.year_articles and max(y.years) < max(anchors):
                return True
        return False

    def attach_strays(self) -> int:
        """Join each small story opened in this run to its story when it clearly has one.

        An article the pass left alone (or with one other) often belongs to a story it is
        only moderately similar to, told with other words; an article of an event of its
        own is about as close to its nearest story as to the next. A new story of at most
        ``stray_size`` articles joins its most similar larger candidate story when the mean
        similarity reaches the stray threshold and is ``stray_ratio`` times that of the
        second best. Returns how many stories joined another.
        """
        threshold = self.options.story_stray_threshold
        if threshold is None:
            return 0
        small = sorted(
            (
                s
                for s in self.stories.values()
                if not s.stored and s.size <= self.options.stray_size
            ),
            key=lambda s: (s.size, s.id),
        )
        joined = 0
        for story in small:
            if story.id not in self.stories:
                continue
            found = [(sim, sid) for sim, sid in self._neighbours(story)
                     if self.stories[sid].size > story.size]  # fmt: skip
            if not found or found[0][0] < threshold:
                continue
            second = found[1][0] if len(found) > 1 else 0.0
            if found[0][0] >= self.options.stray_ratio * max(second, 0.0):
                self._absorb(self.stories[found[0][1]], story)
                joined += 1
        return joined

    def _absorb(self, target: StoryState, story: StoryState) -> None:
        target.vsum = target.vsum + story.vsum
        target.size += story.size
        target.keys.update(story.keys)
        target.protagonists.update(story.protagonists)
        target.years.update(story.years)
        target.dated += story.dated
        for day in (story.first_day, story.last_day):
            if day is not None:
                target.first_day = day if target.first_day is None else min(target.first_day, day)
                target.last_day = day if target.last_day is None else max(target.last_day, day)
        target.members.extend(story.members)
        target.similarities.update(story.similarities)
        target.duplicates.update(story.duplicates)
        target.title = target.title or story.title
        target.changed = True
        for member in story.members:
            self.assigned[member] = target.id
        del self.stories[story.id]
        for key in story.posted:
            self._post(key, target.id)

    def records(self) -> list[StoryRecord]:
        """Stories changed in this run, ready for :meth:`Store.write_stories`."""
        return [
            StoryRecord(
                id=s.id,
                article_ids=list(s.members),
                title=s.title or s.fallback_title,
                centroid=(s.mean() if self.average_link else s.centroid())
                .astype(np.float32)
                .tobytes(),
                terms=dict(s.keys.most_common(64)),
                method=self.options.method,
                similarities=dict(s.similarities),
                duplicates=dict(s.duplicates),
            )
            for s in self.stories.values()
            if s.changed
        ]


@dataclass(slots=True)
class Prepared:
    """The per-article work that parallelises: features, MinHash, embeddings."""

    feats: list[Features]
    titles: list[str | None]
    sigs: npt.NDArray[np.uint64]
    embeddings: npt.NDArray[np.float32] | None


def prepare(articles: Sequence[Article], options: ClusterOptions) -> Prepared:
    """Features, MinHash signatures and (when the method uses them) embeddings."""
    from storylens.stories.vectors import lead_embeddings

    feats = [extract(a) for a in articles]
    emb = lead_embeddings(feats) if method(options.method).embedding and feats else None
    return Prepared(feats, [a.title for a in articles], signatures(articles), emb)


def merge_prepared(parts: Sequence[Prepared]) -> Prepared:
    """Concatenate prepared partitions."""
    feats = [f for p in parts for f in p.feats]
    titles = [t for p in parts for t in p.titles]
    sigs = np.vstack([p.sigs for p in parts]) if parts else np.zeros((0, 0), dtype=np.uint64)
    embs = [p.embeddings for p in parts if p.embeddings is not None]
    emb = np.vstack(embs) if embs and len(embs) == len([p for p in parts if p.feats]) else None
    return Prepared(feats, titles, sigs, emb)


def cluster_prepared(
    prepared: Prepared,
    options: ClusterOptions,
    *,
    dfs: DocumentFrequencies | None = None,
    clusterer: Clusterer | None = None,
) -> Clusterer:
    """Dedup and cluster prepared articles (central, sequential, linear time)."""
    feats = prepared.feats
    if dfs is None:
        dfs = DocumentFrequencies()
        dfs.update(feats)
    spec = method(options.method)
    vectors = combine(spec, feats, dfs, prepared.embeddings) if feats else None
    order = sorted(
        range(len(feats)), key=lambda i: (feats[i].day is None, feats[i].day or 0, feats[i].id)
    )
    ids = [feats[i].id for i in order]
    dups = (
        near_duplicates_from_signatures(ids, prepared.sigs[order], options.dedup_threshold)
        if feats
        else {}
    )
    if clusterer is None:
        clusterer = Clusterer(options, dimension(spec))
    for i in order:
        f = feats[i]
        assert vectors is not None
        clusterer.add(
            f,
            vectors[i],
            top_keys(f, dfs),
            title=prepared.titles[i],
            duplicate_of=dups.get(f.id, (None, 0.0))[0],
        )
    clusterer.merge_new()
    clusterer.attach_strays()
    return clusterer


def cluster_articles(
    articles: Sequence[Article], options: ClusterOptions | None = None
) -> dict[str, str]:
    """Article id -> story id for a batch of articles (fresh clustering)."""
    opts = options or ClusterOptions()
    clusterer = cluster_prepared(prepare(articles, opts), opts)
    return dict(clusterer.assigned)
