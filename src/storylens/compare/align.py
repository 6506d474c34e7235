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

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storylens.compare.conflicts import ClaimView, claim_quantities, predicate_class
from storylens.settings import Settings
from storylens.types import Analysis, Claim, asdict, content_id

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

EmbedFn = Callable[[Sequence[str]], "npt.NDArray[np.float32]"]

STAGE = "align.minilm-tfidf.v2"
EMBED_WEIGHT = 0.5
LEXICAL_WEIGHT = 0.5
ENTITY_WEIGHT = 0.08
NUMBER_WEIGHT = 0.04
PREDICATE_WEIGHT = 0.08
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
    views: dict[str, ClaimView]
    scores: Mapping[tuple[str, str], float]

    def similarity(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        return self.scores.get((a, b), self.scores.get((b, a), 0.0))


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


_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_STOP_WORDS = """a an the of and or in on at to for by from with as is was were be been being
    has have
    had that this these those it its his her their them he she they we i you who whom which
    what said says say told tell after before about into than also but not no nor will would
    could should can may might did do does there here then when where while during over under
    up down out off so such very more most some any all each both other another one own same
    just only even still yet per via upon"""
_STOP = frozenset(_STOP_WORDS.split())

# predicates that say nothing about the fact itself
_REPORTING = frozenset(
    {"say", "tell", "report", "describe", "call", "claim", "note", "add", "state", "write"}
    | {"announce", "be", "have", "do"}
)


@dataclass(frozen=True, slots=True)
class _Words:
    """A text's words for :func:`shared_run`, split once per claim."""

    folded: list[str]  # case-folded, in text order
    ordinary: list[bool]  # not a stop word, not capitalised
    positions: dict[str, list[int]]  # folded word -> its 1-based positions
    ordinary_counts: Counter[str]  # folded word -> its ordinary occurrences


def _words(text: str) -> _Words:
    words = _WORD.findall(text)
    folded = [w.casefold() for w in words]
    ordinary = [f not in _STOP and not w[0].isupper() for w, f in zip(words, folded, strict=True)]
    positions: dict[str, list[int]] = {}
    for k, word in enumerate(folded, 1):
        positions.setdefault(word, []).append(k)
    counts = Counter(f for f, plain in zip(folded, ordinary, strict=True) if plain)
    return _Words(folded, ordinary, positions, counts)


def shared_run(a: str, b: str) -> int:
    """Ordinary words (not stop words, not capitalised) in the longest shared word run."""
    return _shared_run(_words(a), _words(b))


def _shared_run(a: _Words, b: _Words) -> int:
    """:func:`shared_run` on split texts; of equally long runs the first in ``a`` counts.

    The longest-common-substring table keeps only the cells where the words match:
    ``cur[j]`` is the length of the shared run ending at word ``i`` of ``a`` and word
    ``j`` of ``b``.
    """
    best = end = 0
    prev: dict[int, int] = {}
    for i, word in enumerate(a.folded, 1):
        cur: dict[int, int] = {}
        for j in b.positions.get(word, ()):
            length = cur[j] = prev.get(j - 1, 0) + 1
            if length > best:
                best, end = length, i
        prev = cur
    return sum(a.ordinary[end - best : end])


def _run_bound(a: _Words, b: _Words) -> int:
    """An upper bound of :func:`_shared_run`: ordinary words of ``a`` that ``b`` also has.

    Each ordinary word of the run is one occurrence of the word in each text, so a word
    counts at most as often as it is ordinary in ``a`` and as often as it occurs in ``b``.
    """
    shared = 0
    for word, count in a.ordinary_counts.items():
        found = b.positions.get(word)
        if found:
            shared += min(count, len(found))
    return shared


def content_terms(text: str) -> list[str]:
    """Lower-cased content words, crude plural folding ("drones" -> "drone")."""
    terms = []
    for word in _WORD.findall(text.casefold()):
        word = word.strip("'’-").removesuffix("'s").removesuffix("’s")
        if len(word) < 2 or word in _STOP:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        terms.append(word)
    return terms


def tfidf_matrix(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Unit-length TF-IDF rows with IDF over ``texts`` (the story's claims)."""
    import numpy as np

    bags = [Counter(content_terms(t)) for t in texts]
    df = Counter(term for bag in bags for term in bag)
    column = {term: k for k, term in enumerate(df)}
    n = len(texts)
    out = np.zeros((n, max(1, len(column))), dtype=np.float32)
    for i, bag in enumerate(bags):
        for term, count in bag.items():
            out[i, column[term]] = (1 + math.log(count)) * math.log((n + 1) / (df[term] + 0.5))
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    result: npt.NDArray[np.float32] = out / np.clip(norms, 1e-12, None)
    return result


def _same(keys: Sequence[str]) -> npt.NDArray[np.bool_]:
    """``m[i, j]``: both keys are set and equal."""
    import numpy as np

    codes: dict[str, int] = {}
    ids = np.array([codes.setdefault(k, len(codes)) if k else -1 for k in keys])
    same: npt.NDArray[np.bool_] = (ids[:, None] == ids[None, :]) & (ids[:, None] >= 0)
    return same


def _overlap(sets: Sequence[Set[str]]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Intersection and union sizes of every pair of sets."""
    import numpy as np

    index: dict[str, int] = {}
    rows = [[index.setdefault(x, len(index)) for x in items] for items in sets]
    m = np.zeros((len(sets), max(1, len(index))), dtype=np.float32)
    for i, cols in enumerate(rows):
        m[i, cols] = 1.0
    inter = m @ m.T
    size = m.sum(axis=1)
    union = size[:, None] + size[None, :] - inter
    return inter, union


def focus_text(claim: Claim, focus: Mapping[str, str] | None) -> str:
    """The text a claim is compared by: its ``focus`` entry (see :mod:`.segment`), else its
    own text."""
    return (focus or {}).get(claim.id) or claim.text


def claim_texts(views: Sequence[ClaimView]) -> list[str]:
    """The text each claim is compared by, in ``views`` order (a view built without a
    focus text is compared by its claim's text)."""
    return [v.focus or v.claim.text for v in views]


def focus_texts(analyses: Sequence[Analysis], focus: Mapping[str, str] | None) -> list[str]:
    """:func:`claim_texts` of the views :func:`claim_views` will build, before linking."""
    return [focus_text(c, focus) for a in analyses for c in a.claims]


def score_matrix(views: Sequence[ClaimView], embed: EmbedFn) -> npt.NDArray[np.float32]:
    """Pair scores of all claims (rows and columns in ``views`` order).

    Everything but the embeddings is prepared first, so that vectors computed in the
    background (see :class:`.embed.Background`) are waited for as late as possible; the
    terms are then summed in a fixed order.
    """
    import numpy as np

    texts = claim_texts(views)
    lexical = tfidf_matrix(texts)
    lex = lexical @ lexical.T
    classes = [predicate_class(v.claim.predicate) for v in views]
    pred = _same([c if c not in _REPORTING else "" for c in classes])
    inter, union = _overlap([v.entities for v in views])
    units, _ = _overlap([set(claim_quantities(v.claim)) for v in views])
    negated = np.array([v.claim.negated for v in views])
    sizes = np.array([len(set(content_terms(t))) for t in texts])
    short, tiny = sizes < SHORT_TERMS, sizes < TINY_TERMS
    same_wording = _same([" ".join(_WORD.findall(t.casefold())) for t in texts])
    whole = np.array([v.whole_sentence for v in views])
    # a verbatim run needs shared content words (three ordinary ones to count): only
    # look where there are some
    words = [_words(t) for t in texts]
    bonuses = []
    for i, j in zip(*np.nonzero(np.triu(lex >= RUN_MIN_LEXICAL, k=1)), strict=True):
        if _run_bound(words[i], words[j]) < 3:
            continue
        run = _shared_run(words[i], words[j])
        if run >= 3:
            bonuses.append((i, j, min(RUN_CAP, RUN_WEIGHT * run)))
    vectors = embed(texts)
    score = EMBED_WEIGHT * (vectors @ vectors.T) + LEXICAL_WEIGHT * lex
    score += PREDICATE_WEIGHT * pred
    score += ENTITY_WEIGHT * np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    score += NUMBER_WEIGHT * (units > 0)
    score -= POLARITY_PENALTY * (negated[:, None] != negated[None, :])
    score -= SHORT_PENALTY * (short[:, None] | short[None, :])
    score -= TINY_PENALTY * ((tiny[:, None] | tiny[None, :]) & ~same_wording)
    score -= SENTENCE_PENALTY * (whole[:, None] | whole[None, :])
    for i, j, bonus in bonuses:
        score[i, j] += bonus
        score[j, i] += bonus
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


def align_claims(
    analyses: Sequence[Analysis],
    outlet_of: Mapping[str, str],
    unit_of: Mapping[str, str],
    settings: Settings,
    *,
    embed: EmbedFn | None = None,
    focus: Mapping[str, str] | None = None,
    whole_sentences: Set[str] = frozenset(),
) -> Alignment:
    """Group the claims of a story's articles; statuses are ``agreed`` or ``unique``.

    ``focus`` maps claim ids to the text to compare them by (see :mod:`.segment`).
    """
    if embed is None:
        from storylens.models.embed import embed as default_embed

        embed = default_embed
    views = claim_views(analyses, outlet_of, unit_of, focus, whole_sentences)
    by_id = {v.claim.id: v for v in views}
    scores = pair_scores(views, embed)
    all_outlets = _ordered(outlet_of[a.article.id] for a in analyses)
    groups = []
    for ids in cluster(views, scores, settings.align_threshold):
        gviews = [by_id[c] for c in ids]
        outlets = _ordered(v.outlet for v in gviews)
        inner = [
            scores.get((x, y), scores.get((y, x))) for i, x in enumerate(ids) for y in ids[i + 1 :]
        ]
        inner_scores = [s for s in inner if s is not None]
        groups.append(
            ClaimGroup(
                id=content_id(" ".join(sorted(ids)), prefix="g"),
                claims=ids,
                outlets=outlets,
                articles=_ordered(v.claim.article for v in gviews),
                status="agreed" if len({v.unit for v in gviews}) > 1 else "unique",
                text=gviews[0].claim.text,
                score=round(sum(inner_scores) / len(inner_scores), 3) if inner_scores else 1.0,
                missing_from=[o for o in all_outlets if o not in outlets],
            )
        )
    return Alignment(groups=groups, views=by_id, scores=scores)


def _ordered(items: Any) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
