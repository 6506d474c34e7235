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

from storylens.analyse.segment import tidy
from storylens.comparison.conflicts import ClaimView, claim_quantities, phrases_compatible
from storylens.comparison.events import event_class
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

    def similarity(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        return self.scores.get((a, b), self.scores.get((b, a), 0.0))

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
                    speaker=_speaker(claim, people),
                )
            )
    return views


def _speaker(claim: Claim, people: Sequence[str]) -> str:
    """The surname of the person the claim is attributed to ("Mayor Ilse Brandt" ->
    "brandt"), or "" when its nearest source is no person named in the article."""
    if not claim.attributed_to:
        return ""
    source = claim.attributed_to[0]
    for name in people:
        if name and (name in source or source in name):
            words = re.findall(r"[^\W\d_][\w'’-]*", name)
            return words[-1].casefold().removesuffix("'s").removesuffix("’s") if words else ""
    return ""


def _amounts(claim: Claim) -> set[str]:
    """'6 day', '40 percent': each number with its unit."""
    return {f"{q.value} {unit}" for unit, qs in claim_quantities(claim).items() for q in qs}


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
    classes = [event_class(v.claim.predicate) for v in views]
    pred = _same([c if c not in _REPORTING else "" for c in classes])
    inter, union = _overlap([v.entities for v in views])
    same_event = pred & (inter > 0)
    dates = [_date(v.claim) for v in views]
    places = [_place_words(v.claim) for v in views]
    objects = [_object(v.claim) for v in views]
    speakers = [v.speaker for v in views]
    units, _ = _overlap([set(claim_quantities(v.claim)) for v in views])
    amounts, _ = _overlap([_amounts(v.claim) for v in views])
    negated = np.array([v.claim.negated for v in views], dtype=bool)
    sizes = np.array([len(set(content_terms(t))) for t in texts], dtype=int)
    short, tiny = sizes < SHORT_TERMS, sizes < TINY_TERMS
    same_wording = _same([" ".join(_WORD.findall(t.casefold())) for t in texts])
    whole = np.array([v.whole_sentence for v in views], dtype=bool)
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
    score += AMOUNT_WEIGHT * (amounts > 0)
    score += EVENT_WEIGHT * same_event
    score -= DATE_PENALTY * _differ(dates, _dates_differ)
    score -= PLACE_PENALTY * _differ(places, _places_differ)
    score -= OBJECT_PENALTY * _differ(objects, _objects_differ, block=lambda o: o[0])
    score -= SPEAKER_PENALTY * _differ(speakers, str.__ne__)
    score -= POLARITY_PENALTY * (negated[:, None] != negated[None, :])
    score -= SHORT_PENALTY * (short[:, None] | short[None, :])
    score -= TINY_PENALTY * ((tiny[:, None] | tiny[None, :]) & ~same_wording)
    score -= SENTENCE_PENALTY * (whole[:, None] | whole[None, :])
    for i, j, bonus in bonuses:
        score[i, j] += bonus
        score[j, i] += bonus
    result: npt.NDArray[np.float32] = score.astype(np.float32)
    return result


_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\.?\s+(\d{1,2})\b", re.IGNORECASE)


def _date(claim: Claim) -> str:
    """The claim's resolved date ('2023-09-16'), or its month and day when the year is not
    known ('--09-13' for "September 13"); '' when it has neither."""
    arg = claim.arguments.get("time")
    if arg is None:
        return ""
    value = arg.value
    if isinstance(value, str) and value[:4].isdigit():
        return value
    m = _MONTH_DAY.search(arg.text)
    if m and 1 <= int(m.group(2)) <= 31:
        return f"--{_MONTHS.index(m.group(1).casefold()) + 1:02d}-{int(m.group(2)):02d}"
    return ""


def _dates_differ(a: str, b: str) -> bool:
    """'2023-09-16' vs '2023-09-17' differ, and '--09-13' vs '2023-09-17'; '2023' vs
    '2023-09-17' do not (one is vaguer)."""
    if a.startswith("--") or b.startswith("--"):
        ma, mb = a[-6:] if len(a) >= 10 else "", b[-6:] if len(b) >= 10 else ""
        if a.startswith("--"):
            ma = a[1:]
        if b.startswith("--"):
            mb = b[1:]
        return bool(ma and mb) and ma != mb
    n = min(len(a), len(b))
    return a[:n] != b[:n]


def _place_words(claim: Claim) -> frozenset[str]:
    arg = claim.arguments.get("place")
    if arg is None:
        return frozenset()
    return frozenset(content_terms(str(arg.value or arg.text)))


def _places_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a & b


def _object(claim: Claim) -> tuple[str, ...]:
    """The predicate's kind with its theme and recipient (empty when it has neither)."""
    theme, recipient = claim.arguments.get("theme"), claim.arguments.get("recipient")
    if theme is None and recipient is None:
        return ()
    kind = event_class(claim.predicate)
    return (kind, theme.text if theme else "", recipient.text if recipient else "")


def _objects_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same kind of predicate whose theme or recipient clearly names something else."""
    if a[0] != b[0]:
        return False
    return any(x and y and not phrases_compatible(x, y) for x, y in zip(a[1:], b[1:], strict=True))


def _differ(
    values: Sequence[Any],
    differ: Callable[[Any, Any], bool],
    block: Callable[[Any], Any] = lambda _v: None,
) -> npt.NDArray[np.bool_]:
    """``m[i, j]``: both values are set and ``differ`` says they disagree.

    ``differ`` is asked once per pair of distinct values, and only for values in the same
    ``block`` (values of different blocks never differ)."""
    import numpy as np

    distinct: dict[Any, int] = {}
    codes = np.array([distinct.setdefault(v, len(distinct)) if v else -1 for v in values])
    kinds = list(distinct)
    table = np.zeros((len(kinds) + 1, len(kinds) + 1), dtype=bool)  # last row: unset
    blocks: dict[Any, list[int]] = {}
    for k, value in enumerate(kinds):
        blocks.setdefault(block(value), []).append(k)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if differ(kinds[i], kinds[j]):
                    table[i, j] = table[j, i] = True
    out: npt.NDArray[np.bool_] = table[codes][:, codes]
    return out


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
    """Every text :func:`align_claims` embeds, in its order: the statements, then their
    parts (by their focus text)."""
    statements = [focus_text(c, focus) for a in analyses for c in a.claims]
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


def _best_part_scores(
    n: int, owner: Sequence[int], part_matrix: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """``m[i, j]``: the best score between a part of statement ``i`` and one of ``j``
    (-inf where either has no part); ``owner`` gives each part's statement, ascending."""
    import numpy as np

    out = np.full((n, n), -np.inf, dtype=np.float32)
    if not len(owner):
        return out
    owners = np.asarray(owner)
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    rows = np.maximum.reduceat(part_matrix, starts, axis=0)
    both = np.maximum.reduceat(rows, starts, axis=1)
    present = owners[starts]
    out[np.ix_(present, present)] = both
    return out


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
        part_scores = PairScores(
            part_ids, part_articles, np.zeros((len(part_views),) * 2, dtype=np.float32)
        )
    else:
        whole = score_matrix(views, lambda _texts: vectors[:n])
        part_matrix = score_matrix(part_views, lambda _texts: vectors[n:])
        index = {cid: k for k, cid in enumerate(ids)}
        owner = [index[sid] for sid, p in _owners(analyses, parts)]
        best = _best_part_scores(n, owner, part_matrix)
        scores = PairScores(ids, articles, np.maximum(whole, best))
        part_scores = PairScores(part_ids, part_articles, part_matrix)
    all_outlets = _ordered(outlet_of[a.article.id] for a in analyses)
    clusters = cluster(views, scores, settings.align_threshold)
    support = settings.align_threshold - settings.align_support_margin
    clusters, partial = attach_supported(views, scores, clusters, support)
    groups = []
    for members in clusters:
        gviews = [by_id[c] for c in members]
        outlets = _ordered(v.outlet for v in gviews)
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
                articles=_ordered(v.claim.article for v in gviews),
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
    )
    for group in groups:
        if group.status != "unique":
            group.shared = shared_fact(group.claims, alignment, support)
            group.extra = [
                d
                for d in outlet_details(group.claims, alignment, settings.align_threshold)
                if d["part"] != group.shared.get("part")
            ]
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


def _readable(text: str) -> bool:
    """A part that can stand as a sentence: four words or more, starting with neither a
    small letter, a closing quotation mark nor a word that opens a clause, and not ending
    on a word that needs more ("KCNA has")."""
    words = text.split()
    if len(words) < 4 or text[:1].islower() or text[:1] in "”’»),;:.":
        return False
    first = words[0].strip("“\"‘'(").casefold()
    last = words[-1].strip("”\"’'.,;:").casefold()
    return first not in _FRAGMENT_START and last not in _DANGLING


_DANGLING = frozenset(
    {"has", "have", "had", "is", "was", "were", "are", "be", "been", "will", "would", "can"}
    | {"could", "should", "may", "might", "must", "did", "does", "do", "the", "a", "an", "of"}
    | {"to", "and", "or", "but", "that", "with", "by", "for", "from", "in", "on", "at", "as"}
    | {"not", "never", "also", "n't"}
)
_FRAGMENT_START = frozenset(
    {"who", "whom", "whose", "which", "that", "and", "but", "or", "while", "as", "when"}
    | {"where", "after", "before", "because", "although", "since", "if", "with"}
)


def shared_fact(
    members: Sequence[str],
    alignment: Alignment,
    threshold: float,
    among: Set[str] = frozenset(),
) -> dict[str, Any]:
    """The wording of a group's fact that the most outlets state, and who states it.

    Each whole statement is a candidate, and each part that can stand as a sentence (see
    :func:`_readable`): a statement of another outlet backs it when one of its parts (or
    the whole statement) scores at least ``threshold`` with it. The candidate backed by
    the most outlets wins, then the shortest, then the best backed. Returns its
    statement, part (``None`` for a whole statement), span, wording and attribution, the
    spans its wording leaves out (``holes``: clauses split off the part), and the statements
    that back it (its own first).
    """
    views = alignment.views
    unit = {c: views[c].unit for c in members}
    best: tuple[Any, ...] | None = None
    found: dict[str, Any] = {}
    for sid in members:
        own = views[sid].claim
        candidates: list[tuple[str | None, Claim, str]] = [] if among else [(None, own, own.text)]
        for p in alignment.parts.get(sid, ()):
            if p.endswith(".g") or (among and p not in among):
                continue  # a clause the extractor did not read: no subject of its own
            view = alignment.part_views[p]
            wording = _without(view.claim, _holes(view.claim, p, alignment))
            if view.claim.predicate and _readable(wording) and len(wording.split()) >= 6:
                candidates.append((p, view.claim, wording))
        for part_id, claim, wording in candidates:
            backers, total = [sid], 0.0
            for other in members:
                if unit[other] == unit[sid] or other == sid:
                    continue
                if part_id is None:
                    top = alignment.similarity(sid, other)
                else:
                    top = max(
                        (
                            alignment.part_similarity(part_id, q)
                            for q in alignment.parts.get(other, ())
                        ),
                        default=0.0,
                    )
                if top >= threshold:
                    backers.append(other)
                    total += top
            outlets = {unit[b] for b in backers}
            key = (len(outlets), -len(wording), round(total, 2))
            if best is None or key > best:
                best = key
                found = {
                    "claim": sid,
                    "part": part_id,
                    "start": claim.start,
                    "end": claim.end,
                    "text": wording,
                    "holes": _holes(claim, part_id, alignment) if wording != claim.text else [],
                    "attributed_to": list(claim.attributed_to),
                    "claims": backers,
                    "outlets": _ordered(views[b].outlet for b in backers),
                }
    return found


def outlet_details(
    members: Sequence[str], alignment: Alignment, threshold: float
) -> list[dict[str, Any]]:
    """The parts of a group's statements that no other outlet's statement in the group
    states: each outlet's own detail beside the shared fact ("the krona rose 1.2 percent"
    in "the krona rose 1.2 percent after the two leaders signed the accord")."""
    views = alignment.views
    out = []
    for sid in members:
        others = [o for o in members if views[o].unit != views[sid].unit]
        other_parts = [q for o in others for q in alignment.parts.get(o, ())]
        for p in alignment.parts.get(sid, ()):
            view = alignment.part_views[p]
            wording = view.focus or view.claim.text
            if not view.claim.predicate or not _readable(wording) or len(wording.split()) < 5:
                continue
            if any(alignment.part_similarity(p, q) >= threshold for q in other_parts):
                continue
            if any(alignment.similarity(sid, o) >= threshold for o in others) and not other_parts:
                continue
            out.append(
                {
                    "claim": sid,
                    "part": p,
                    "outlet": views[sid].outlet,
                    "start": view.claim.start,
                    "end": view.claim.end,
                    "text": wording,
                }
            )
    return out


def _without(claim: Claim, holes: Sequence[Sequence[int]]) -> str:
    """The claim's text with the ``holes`` (spans of split-off clauses) left out, unless that
    would cut into a quotation."""
    if not holes or _cuts_quote(claim, holes):
        return claim.text
    pieces, pos = [], claim.start
    for start, end in holes:
        pieces.append(claim.text[pos - claim.start : start - claim.start])
        pos = max(pos, end)
    pieces.append(claim.text[pos - claim.start :])
    return tidy(" ".join(p.strip() for p in pieces if p.strip()))


def _cuts_quote(claim: Claim, holes: Sequence[Sequence[int]]) -> bool:
    """Whether leaving a hole out would cut into a quotation of the claim's text."""
    for start, _ in holes:
        before = claim.text[: max(0, start - claim.start)]
        if before.count("“") > before.count("”") or before.count('"') % 2:
            return True
    return False


def _holes(claim: Claim, part_id: str | None, alignment: Alignment) -> list[list[int]]:
    """The spans of the clauses split off a part (its wording leaves them out)."""
    if part_id is None:
        return []
    return [
        [c.start, c.end]
        for c in alignment.children.get(part_id, ())
        if claim.start <= c.start and c.end <= claim.end
    ]


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


def _ordered(items: Any) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
