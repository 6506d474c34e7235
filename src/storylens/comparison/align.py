"""Claim alignment: group claims from different articles that state the same thing.

Each claim is embedded (MiniLM sentence vectors) and compared with every claim of
the other articles. Within one story every sentence is "about" the same actors, so
the embedding alone rates unrelated sentences of the story as similar; the pair
score therefore blends the embedding cosine with a TF-IDF cosine over the claims'
content words (IDF taken over the story, so the story's ubiquitous names weigh
little and specific words such as "reconnaissance" weigh much), plus bonuses for
shared linked entities and numbers, for the same predicate (or the same kind: give /
hand / receive), and for a verbatim run of ordinary words both claims share (the
same wire or agency wording: "special clothing not detectable by thermal cameras").
A fragment with a single content word ("you know", "I replied") says too little for
any of that to mean much: it matches only a claim with the same wording.

Claims are merged greedily, best pair first, with an average-linkage check so that
one loose pair cannot chain two different facts together. A group's status is
``agreed`` when two or more independent outlets (wire copies count once) carry it,
``unique`` otherwise; the conflict detector may then mark it ``conflicting``.

The pair scores stay in the score matrix: :class:`PairScores` reads them off it on
lookup and the clustering works on matrices, so a story of 600 claims never builds
its 150,000 cross-article pairs one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storylens.comparison.conflict_args import ClaimView, claim_quantities
from storylens.comparison.events import event_class, event_family
from storylens.comparison.features import (
    REPORTING,
    WORD,
    amounts,
    best_part_scores,
    content_terms,
    date_of,
    dates_differ,
    differ,
    object_of,
    objects_differ,
    ordinals,
    ordinals_differ,
    overlap,
    place_words,
    places_differ,
    run_bound,
    same_keys,
    shared_run_of,
    speaker_of,
    statement_vectors,
    tfidf_matrix,
    words_of,
)
from storylens.settings import Settings
from storylens.types import Analysis, Claim, asdict, content_id

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

EmbedFn = Callable[[Sequence[str]], "npt.NDArray[np.float32]"]

STAGE = "align.statements.v1"
EMBED_WEIGHT = 0.5
LEXICAL_WEIGHT = 0.5
ENTITY_WEIGHT = 0.08
NUMBER_WEIGHT = 0.04
AMOUNT_WEIGHT = 0.08  # the same number of the same thing ("six-day visit", "six-day trip")
PREDICATE_WEIGHT = 0.08
EVENT_WEIGHT = 0.1  # the same kind of event (see .events) with a participant in common
DATE_PENALTY = 0.12  # both claims give a resolved date, and the dates differ
PLACE_PENALTY = 0.08  # both claims give a place, and the places share no word
AMOUNT_PENALTY = 0.1  # the same unit, no value in common ("23 pirates" / "eight pirates")
ORDINAL_PENALTY = 0.1  # the same thing, another ordinal ("the 11th round" / "the sixth round")
CLASS_PENALTY = 0.15  # events of different families ("was charged" / "was convicted")
SPEAKER_PENALTY = 1.0  # two people's words: two statements, never one fact told twice
OBJECT_PENALTY = 0.1  # same kind of predicate, clearly different objects ("met Putin" / "students")
RUN_WEIGHT = 0.04  # per ordinary word of a shared verbatim run of three or more
RUN_CAP = 0.16
RUN_MIN_LEXICAL = 0.1  # pairs sharing less than this never share a three-word run worth it
SENTENCE_PENALTY = 0.1  # a whole-sentence claim has no predicate or arguments to support it
SHORT_TERMS = 3  # a claim with fewer content words than this ("Comey also recounted")...
SHORT_PENALTY = 0.1  # ...says too little to be matched on a loose score
TINY_TERMS = 2  # a claim with fewer content words than this ("you know", "I replied")...
TINY_PENALTY = 1.0  # ...matches only a claim with the same wording
POLARITY_PENALTY = 0.15  # one side denies what the other asserts: not "agreed" on a loose match
LINKAGE_SLACK = 0.08  # average cross-article score may sit this far under the threshold


@dataclass(slots=True)
class ClaimGroup:
    """Claims from one or more articles that state the same thing."""

    id: str
    claims: list[str]
    outlets: list[str]
    articles: list[str]
    status: str = "unique"  # agreed | unique | conflicting
    text: str = ""  # the first claim's text, for display
    score: float = 1.0  # mean pair score inside the group
    differences: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    primary_sources: list[str] = field(default_factory=list)
    independent_sources: int = 0
    missing_from: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)  # joined on part of their fact
    shared: dict[str, Any] = field(default_factory=dict)  # the wording that carries the fact
    extra: list[dict[str, Any]] = field(default_factory=list)  # what one outlet alone adds

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class PairScores(Mapping[tuple[str, str], float]):
    """Scores of every pair of claims from different articles, read off the score matrix.

    A read-only mapping keyed ``(a, b)``, ``a`` before ``b`` in claim order, with the
    matrix entries as Python floats; nothing is stored per pair.
    """

    __slots__ = ("_article", "_index", "ids", "matrix")

    def __init__(
        self, ids: Sequence[str], articles: Sequence[str], matrix: npt.NDArray[np.float32]
    ) -> None:
        import numpy as np

        self.ids = list(ids)
        self.matrix = matrix
        self._index = {cid: k for k, cid in enumerate(self.ids)}
        codes: dict[str, int] = {}
        self._article = np.array([codes.setdefault(a, len(codes)) for a in articles], dtype=int)

    def cross(self) -> npt.NDArray[np.bool_]:
        """``m[i, j]``: ``i < j`` and the claims come from different articles (the keys)."""
        import numpy as np

        art = self._article
        upper: npt.NDArray[np.bool_] = np.triu(art[:, None] != art[None, :], k=1)
        return upper

    def __getitem__(self, key: tuple[str, str]) -> float:
        i, j = self._index.get(key[0], -1), self._index.get(key[1], -1)
        if i < 0 or j <= i or self._article[i] == self._article[j]:
            raise KeyError(key)
        return float(self.matrix[i, j])

    def __iter__(self) -> Iterator[tuple[str, str]]:
        ids = self.ids
        rows, cols = self.cross().nonzero()
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            yield ids[i], ids[j]

    def __len__(self) -> int:
        return int(self.cross().sum())


@dataclass(slots=True)
class Alignment:
    groups: list[ClaimGroup]
    views: dict[str, ClaimView]  # statement id -> view
    scores: Mapping[tuple[str, str], float]  # statement pairs
    parts: dict[str, list[str]] = field(default_factory=dict)  # statement id -> part ids
    part_views: dict[str, ClaimView] = field(default_factory=dict)
    part_scores: Mapping[tuple[str, str], float] = field(default_factory=dict)
    children: dict[str, list[Claim]] = field(default_factory=dict)  # part -> split-off clauses
    whole_scores: Mapping[tuple[str, str], float] = field(default_factory=dict)  # as wholes

    def similarity(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        return self.scores.get((a, b), self.scores.get((b, a), 0.0))

    def whole_similarity(self, a: str, b: str) -> float:
        """Two statements' score as wholes, leaving out what single parts of them share."""
        if a == b:
            return 1.0
        return self.whole_scores.get((a, b), self.whole_scores.get((b, a), 0.0))

    def part_similarity(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        return self.part_scores.get((a, b), self.part_scores.get((b, a), 0.0))


def claim_views(
    analyses: Sequence[Analysis],
    outlet_of: Mapping[str, str],
    unit_of: Mapping[str, str],
    focus: Mapping[str, str] | None = None,
    whole_sentences: Set[str] = frozenset(),
) -> list[ClaimView]:
    """Every claim with its sentence, sentence numbers, places and linked entities."""
    views = []
    for analysis in analyses:
        art = analysis.article
        people = [m.text for m in analysis.mentions if m.label == "PERSON"]
        by_sentence: dict[int, list[Claim]] = {}
        for claim in analysis.claims:
            by_sentence.setdefault(claim.sentence, []).append(claim)
        for claim in analysis.claims:
            start, end = _sentence_span(analysis, claim)
            inside = [m for m in analysis.mentions if m.start >= claim.start and m.end <= claim.end]
            sentence_claims = by_sentence.get(claim.sentence, []) if claim.sentence >= 0 else []
            quantities = [q for c in sentence_claims or [claim] for q in _all_numbers(c)]
            views.append(
                ClaimView(
                    claim=claim,
                    outlet=outlet_of.get(art.id, art.outlet),
                    unit=unit_of.get(art.id, art.id),
                    sentence=art.text[start:end],
                    sentence_quantities=quantities,
                    place_names=[m.text for m in inside if m.label in {"GPE", "NORP", "LOC"}],
                    entities=frozenset(m.entity for m in inside if m.entity),
                    focus=focus_text(claim, focus),
                    whole_sentence=claim.id in whole_sentences,
                    speaker=speaker_of(claim, people),
                )
            )
    return views


def _all_numbers(claim: Claim) -> list[Any]:
    return [q for qs in claim_quantities(claim).values() for q in qs]


def _sentence_span(analysis: Analysis, claim: Claim) -> tuple[int, int]:
    if 0 <= claim.sentence < len(analysis.sentences):
        return analysis.sentences[claim.sentence]
    for start, end in analysis.sentences:
        if start <= claim.start < end:
            return start, end
    return claim.start, claim.end


def focus_text(claim: Claim, focus: Mapping[str, str] | None) -> str:
    """The text a claim is compared by: its ``focus`` entry (see :mod:`.segment`), else its
    own text."""
    return (focus or {}).get(claim.id) or claim.text


def claim_texts(views: Sequence[ClaimView]) -> list[str]:
    """The text each claim is compared by, in ``views`` order (a view built without a
    focus text is compared by its claim's text)."""
    return [v.focus or v.claim.text for v in views]


# the pair score is the sum of these weights times the features of the same name (see
# :func:`pair_features`); a negative weight is a penalty
WEIGHTS = {
    "embedding": EMBED_WEIGHT,
    "lexical": LEXICAL_WEIGHT,
    "predicate": PREDICATE_WEIGHT,
    "entities": ENTITY_WEIGHT,
    "numbers": NUMBER_WEIGHT,
    "amount": AMOUNT_WEIGHT,
    "amount_differs": -AMOUNT_PENALTY,
    "event": EVENT_WEIGHT,
    "date_differs": -DATE_PENALTY,
    "place_differs": -PLACE_PENALTY,
    "object_differs": -OBJECT_PENALTY,
    "speaker_differs": -SPEAKER_PENALTY,
    "ordinal_differs": -ORDINAL_PENALTY,
    "family_differs": -CLASS_PENALTY,
    "polarity_differs": -POLARITY_PENALTY,
    "short": -SHORT_PENALTY,
    "tiny": -TINY_PENALTY,
    "sentence": -SENTENCE_PENALTY,
    "run": 1.0,
}


def pair_features(views: Sequence[ClaimView], embed: EmbedFn) -> dict[str, npt.NDArray[np.float64]]:
    """Each feature of :data:`WEIGHTS` for all pairs of claims (rows and columns in
    ``views`` order): similarities in [0, 1], flags 0 or 1, and the verbatim-run bonus.

    Everything but the embeddings is prepared first, so that vectors computed in the
    background (see :class:`.embed.Background`) are waited for as late as possible.
    """
    import numpy as np

    texts = claim_texts(views)
    lexical = tfidf_matrix(texts)
    lex = lexical @ lexical.T
    classes = [event_class(v.claim.predicate) for v in views]
    pred = same_keys([c if c not in REPORTING else "" for c in classes])
    inter, union = overlap([v.entities for v in views])
    dates = [date_of(v.claim) for v in views]
    places = [place_words(v.claim) for v in views]
    objects = [object_of(v.claim) for v in views]
    speakers = [v.speaker for v in views]
    units, _ = overlap([set(claim_quantities(v.claim)) for v in views])
    shared_amounts, _ = overlap([amounts(v.claim) for v in views])
    negated = np.array([v.claim.negated for v in views], dtype=bool)
    sizes = np.array([len(set(content_terms(t))) for t in texts], dtype=int)
    short, tiny = sizes < SHORT_TERMS, sizes < TINY_TERMS
    same_wording = same_keys([" ".join(WORD.findall(t.casefold())) for t in texts])
    whole = np.array([v.whole_sentence for v in views], dtype=bool)
    families = [event_family(v.claim.predicate) for v in views]
    # a verbatim run needs shared content words (three ordinary ones to count): only
    # look where there are some
    words = [words_of(t) for t in texts]
    run = np.zeros((len(views), len(views)))
    for i, j in zip(*np.nonzero(np.triu(lex >= RUN_MIN_LEXICAL, k=1)), strict=True):
        if run_bound(words[i], words[j]) < 3:
            continue
        shared = shared_run_of(words[i], words[j])
        if shared >= 3:
            run[i, j] = run[j, i] = min(RUN_CAP, RUN_WEIGHT * shared)
    vectors = embed(texts)
    return {
        "embedding": vectors @ vectors.T,
        "lexical": lex,
        "predicate": pred,
        "entities": np.divide(inter, union, out=np.zeros_like(inter), where=union > 0),
        "numbers": units > 0,
        "amount": shared_amounts > 0,
        # different numbers of the same thing: a conflict when the rest is the same, else
        # two facts ("the Indian navy captured 23 pirates" / "the Royal Navy captured eight")
        "amount_differs": (units > 0) & (shared_amounts == 0) & (inter == 0),
        "event": pred & (inter > 0),
        "date_differs": differ(dates, dates_differ),
        "place_differs": differ(places, places_differ),
        "object_differs": differ(objects, objects_differ, block=lambda o: o[0]),
        "speaker_differs": differ(speakers, str.__ne__),
        "ordinal_differs": differ([ordinals(t) for t in texts], ordinals_differ),
        "family_differs": differ(families, str.__ne__),
        "polarity_differs": negated[:, None] != negated[None, :],
        "short": short[:, None] | short[None, :],
        "tiny": (tiny[:, None] | tiny[None, :]) & ~same_wording,
        "sentence": whole[:, None] | whole[None, :],
        "run": run,
    }


def score_matrix(views: Sequence[ClaimView], embed: EmbedFn) -> npt.NDArray[np.float32]:
    """Pair scores of all claims (rows and columns in ``views`` order): the features of
    :func:`pair_features` weighed by :data:`WEIGHTS`, summed in a fixed order."""
    import numpy as np

    features = pair_features(views, embed)
    score = np.zeros((len(views), len(views)))
    for name, weight in WEIGHTS.items():
        score += weight * features[name]
    result: npt.NDArray[np.float32] = score.astype(np.float32)
    return result


def pair_scores(views: Sequence[ClaimView], embed: EmbedFn) -> PairScores:
    """Scores of every pair of claims from different articles."""
    import numpy as np

    ids = [v.claim.id for v in views]
    articles = [v.claim.article for v in views]
    if len(views) < 2:
        return PairScores(ids, articles, np.zeros((len(views), len(views)), dtype=np.float32))
    return PairScores(ids, articles, score_matrix(views, embed))


def cluster(
    views: Sequence[ClaimView], scores: Mapping[tuple[str, str], float], threshold: float
) -> list[list[str]]:
    """Greedy average-linkage clustering over cross-article pairs above ``threshold``.

    Pairs are taken best first (equal scores by claim ids); two clusters merge only
    when the mean score over all their cross-article pairs stays within
    ``LINKAGE_SLACK`` of the threshold. The cluster-to-cluster score sums and pair
    counts are two matrices indexed by each cluster's root claim; a merge adds the
    dropped cluster's row and column into the kept one's, so it costs one pass over the
    claims, and only the pairs at or above the threshold are sorted.
    """
    ids = [v.claim.id for v in views]
    index = {cid: k for k, cid in enumerate(ids)}
    total, count, above = _links(ids, index, scores, threshold)
    above.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    members = {k: [k] for k in range(len(ids))}
    root = list(range(len(ids)))
    for _, a, b in above:
        ra, rb = root[index[a]], root[index[b]]
        if ra == rb:
            continue
        pairs = float(count[ra, rb])
        if pairs and float(total[ra, rb]) / pairs < threshold - LINKAGE_SLACK:
            continue
        keep, drop = (ra, rb) if len(members[ra]) >= len(members[rb]) else (rb, ra)
        for k in members[drop]:
            root[k] = keep
        members[keep].extend(members.pop(drop))
        for links in (total, count):
            links[keep] += links[drop]
            links[:, keep] = links[keep]
            links[drop] = 0.0
            links[:, drop] = 0.0
    groups = sorted(sorted(m) for m in members.values())
    return [[ids[k] for k in group] for group in groups]


def _links(
    ids: Sequence[str],
    index: Mapping[str, int],
    scores: Mapping[tuple[str, str], float],
    threshold: float,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], list[tuple[float, str, str]]]:
    """Claim-to-claim score and pair-count matrices, and the pairs at or above ``threshold``.

    Both matrices are symmetric and 0 where ``scores`` has no pair; the pairs come as
    ``(score, a, b)`` with ``(a, b)`` the key in ``scores``.
    """
    import numpy as np

    if isinstance(scores, PairScores) and scores.ids == list(ids):
        cross = scores.cross()
        value = scores.matrix.astype(np.float64)  # the floats the mapping returns
        upper = np.where(cross, value, 0.0)
        rows, cols = np.nonzero(cross & (value >= threshold))
        above = [
            (s, ids[i], ids[j])
            for s, i, j in zip(
                value[rows, cols].tolist(), rows.tolist(), cols.tolist(), strict=True
            )
        ]
        return upper + upper.T, (cross | cross.T).astype(np.float64), above
    total = np.zeros((len(ids), len(ids)))
    count = np.zeros((len(ids), len(ids)))
    above = []
    for (a, b), s in scores.items():
        i, j = index[a], index[b]
        total[i, j] = total[j, i] = s
        count[i, j] = count[j, i] = 1.0
        if s >= threshold:
            above.append((s, a, b))
    return total, count, above


def alignment_texts(
    analyses: Sequence[Analysis],
    focus: Mapping[str, str] | None,
    parts: Mapping[str, Sequence[Claim]] | None,
) -> list[str]:
    """Every text :func:`align_claims` embeds, in its order: the statements that have no
    parts, then all parts (by their focus text). A statement with parts is embedded as the
    mean of its parts' vectors (see :func:`.features.statement_vectors`)."""
    statements = [
        focus_text(c, focus) for a in analyses for c in a.claims if not (parts or {}).get(c.id)
    ]
    pieces = [
        focus_text(p, focus)
        for a in analyses
        for c in a.claims
        for p in (parts or {}).get(c.id, ())
    ]
    return statements + pieces


def _part_analyses(
    analyses: Sequence[Analysis], parts: Mapping[str, Sequence[Claim]]
) -> list[Analysis]:
    import dataclasses

    return [
        dataclasses.replace(a, claims=[p for c in a.claims for p in parts.get(c.id, ())])
        for a in analyses
    ]


def align_claims(
    analyses: Sequence[Analysis],
    outlet_of: Mapping[str, str],
    unit_of: Mapping[str, str],
    settings: Settings,
    *,
    embed: EmbedFn | None = None,
    focus: Mapping[str, str] | None = None,
    whole_sentences: Set[str] = frozenset(),
    parts: Mapping[str, Sequence[Claim]] | None = None,
) -> Alignment:
    """Group the statements of a story's articles; statuses are ``agreed`` or ``unique``.

    Two statements score the better of their own pair score and the best pair score of
    their parts (``parts`` maps statement ids to part claims, compared by their ``focus``
    text; see :mod:`storylens.analyse.segment`).
    """
    import numpy as np

    if embed is None:
        from storylens.models.embed import embed as default_embed

        embed = default_embed
    if parts is None:  # claims compared as they are: each its own only part
        parts = {c.id: [c] for a in analyses for c in a.claims}
    views = claim_views(analyses, outlet_of, unit_of, focus, whole_sentences)
    part_views = claim_views(_part_analyses(analyses, parts), outlet_of, unit_of, focus)
    texts = alignment_texts(analyses, focus, parts)
    vectors = embed(texts) if len(texts) else np.zeros((0, 1), dtype=np.float32)
    n = len(views)
    by_id = {v.claim.id: v for v in views}
    ids = [v.claim.id for v in views]
    articles = [v.claim.article for v in views]
    part_ids = [v.claim.id for v in part_views]
    part_articles = [v.claim.article for v in part_views]
    if n < 2:
        scores = PairScores(ids, articles, np.zeros((n, n), dtype=np.float32))
        whole_scores = scores
        part_scores = PairScores(
            part_ids, part_articles, np.zeros((len(part_views),) * 2, dtype=np.float32)
        )
    else:
        index = {cid: k for k, cid in enumerate(ids)}
        owner = [index[sid] for sid, p in _owners(analyses, parts)]
        bare = len(texts) - len(part_views)
        whole_vectors = statement_vectors(n, owner, vectors[:bare], vectors[bare:])
        whole = score_matrix(views, lambda _texts: whole_vectors)
        part_matrix = score_matrix(part_views, lambda _texts: vectors[bare:])
        best = best_part_scores(n, owner, part_matrix)
        scores = PairScores(ids, articles, np.maximum(whole, best))
        whole_scores = PairScores(ids, articles, whole)
        part_scores = PairScores(part_ids, part_articles, part_matrix)
    all_outlets = ordered(outlet_of[a.article.id] for a in analyses)
    clusters = cluster(views, scores, settings.align_threshold)
    support = settings.align_threshold - settings.align_support_margin
    clusters, partial = attach_supported(views, scores, clusters, support)
    groups = []
    for members in clusters:
        gviews = [by_id[c] for c in members]
        outlets = ordered(v.outlet for v in gviews)
        inner = [
            scores.get((x, y), scores.get((y, x)))
            for i, x in enumerate(members)
            for y in members[i + 1 :]
        ]
        inner_scores = [s for s in inner if s is not None]
        groups.append(
            ClaimGroup(
                id=content_id(" ".join(sorted(members)), prefix="g"),
                claims=members,
                outlets=outlets,
                articles=ordered(v.claim.article for v in gviews),
                status="agreed" if len({v.unit for v in gviews}) > 1 else "unique",
                text=gviews[0].claim.text,
                score=round(sum(inner_scores) / len(inner_scores), 3) if inner_scores else 1.0,
                missing_from=[o for o in all_outlets if o not in outlets],
                partial=[c for c in members if c in partial],
            )
        )
    alignment = Alignment(
        groups=groups,
        views=by_id,
        scores=scores,
        parts={sid: [p.id for p in ps] for sid, ps in parts.items()},
        part_views={v.claim.id: v for v in part_views},
        part_scores=part_scores,
        children=_children(part_views),
        whole_scores=whole_scores,
    )
    return alignment


def attach_supported(
    views: Sequence[ClaimView],
    scores: PairScores,
    clusters: list[list[str]],
    support: float,
) -> tuple[list[list[str]], set[str]]:
    """Join each statement no other outlet was grouped with to the group of its best match
    in another outlet's text, when that match scores at least ``support``.

    A statement is ``unique`` only when no other outlet's text supports it; one that shares
    part of its fact (the event, with details of its own) joins that fact's group and is
    listed in the group's ``partial``. Returns the new clusters and the joined ids.
    """
    import numpy as np

    if support <= 0 or len(views) < 2:
        return clusters, set()
    unit = [v.unit for v in views]
    index = {cid: k for k, cid in enumerate(scores.ids)}
    cluster_of = {cid: n for n, members in enumerate(clusters) for cid in members}
    units_of = [{unit[index[c]] for c in members} for members in clusters]
    matrix = scores.matrix
    units = np.array([hash(u) for u in unit])
    joined: set[str] = set()
    for n, members in enumerate(clusters):
        if len(units_of[n]) > 1 or len(members) != 1:
            continue
        i = index[members[0]]
        row = np.where(units != units[i], matrix[i], -np.inf)
        j = int(np.argmax(row))
        if row[j] < support:
            continue
        target = cluster_of[scores.ids[j]]
        clusters[target].extend(members)
        units_of[target] |= units_of[n]
        for cid in members:
            cluster_of[cid] = target
        clusters[n] = []
        joined.update(members)
    return [sorted(m, key=index.__getitem__) for m in clusters if m], joined


def _children(part_views: Sequence[ClaimView]) -> dict[str, list[Claim]]:
    """Each part's clauses split off it (``<id>.<k>``), in text order."""
    ids = {v.claim.id for v in part_views}
    out: dict[str, list[Claim]] = {}
    for view in part_views:
        parent, _, k = view.claim.id.rpartition(".")
        if k.isdigit() and parent in ids:
            out.setdefault(parent, []).append(view.claim)
    for clauses in out.values():
        clauses.sort(key=lambda c: c.start)
    return out


def _owners(
    analyses: Sequence[Analysis], parts: Mapping[str, Sequence[Claim]]
) -> list[tuple[str, Claim]]:
    """(statement id, part) for every part, in the order of the part views."""
    return [(c.id, p) for a in analyses for c in a.claims for p in parts.get(c.id, ())]


def ordered(items: Any) -> list[str]:
    """``items`` without repeats, in first-seen order."""
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
