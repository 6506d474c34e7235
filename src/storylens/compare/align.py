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

Claims are merged greedily, best pair first, with an average-linkage check so that
one loose pair cannot chain two different facts together. A group's status is
``agreed`` when two or more independent outlets (wire copies count once) carry it,
``unique`` otherwise; the conflict detector may then mark it ``conflicting``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from storylens.compare.conflicts import ClaimView, claim_quantities, predicate_class
from storylens.settings import Settings
from storylens.types import Analysis, Claim, content_id

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

EmbedFn = Callable[[Sequence[str]], "npt.NDArray[np.float32]"]

STAGE = "align.minilm-tfidf.v1"
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


@dataclass(slots=True)
class Alignment:
    groups: list[ClaimGroup]
    views: dict[str, ClaimView]
    scores: dict[tuple[str, str], float]

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
                    focus=(focus or {}).get(claim.id, claim.text),
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


def shared_run(a: str, b: str) -> int:
    """Ordinary words (not stop words, not capitalised) in the longest shared word run."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    la, lb = [w.casefold() for w in wa], [w.casefold() for w in wb]
    best = end = 0
    prev = [0] * (len(lb) + 1)
    for i in range(1, len(la) + 1):
        cur = [0] * (len(lb) + 1)
        for j in range(1, len(lb) + 1):
            if la[i - 1] == lb[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, end = cur[j], i
        prev = cur
    run = wa[end - best : end]
    return sum(1 for w in run if w.casefold() not in _STOP and not w[0].isupper())


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


def score_matrix(views: Sequence[ClaimView], embed: EmbedFn) -> npt.NDArray[np.float32]:
    """Pair scores of all claims (rows and columns in ``views`` order)."""
    import numpy as np

    texts = [v.focus or v.claim.text for v in views]
    vectors = embed(texts)
    lexical = tfidf_matrix(texts)
    lex = lexical @ lexical.T
    score = EMBED_WEIGHT * (vectors @ vectors.T) + LEXICAL_WEIGHT * lex
    classes = [predicate_class(v.claim.predicate) for v in views]
    pred = _same([c if c not in _REPORTING else "" for c in classes])
    score += PREDICATE_WEIGHT * pred
    inter, union = _overlap([v.entities for v in views])
    score += ENTITY_WEIGHT * np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    units, _ = _overlap([set(claim_quantities(v.claim)) for v in views])
    score += NUMBER_WEIGHT * (units > 0)
    negated = np.array([v.claim.negated for v in views])
    score -= POLARITY_PENALTY * (negated[:, None] != negated[None, :])
    short = np.array([len(set(content_terms(t))) < SHORT_TERMS for t in texts])
    score -= SHORT_PENALTY * (short[:, None] | short[None, :])
    whole = np.array([v.whole_sentence for v in views])
    score -= SENTENCE_PENALTY * (whole[:, None] | whole[None, :])
    # a verbatim run needs shared content words: only look where there are some
    for i, j in zip(*np.nonzero(np.triu(lex >= RUN_MIN_LEXICAL, k=1)), strict=True):
        run = shared_run(texts[i], texts[j])
        if run >= 3:
            bonus = min(RUN_CAP, RUN_WEIGHT * run)
            score[i, j] += bonus
            score[j, i] += bonus
    result: npt.NDArray[np.float32] = score.astype(np.float32)
    return result


def pair_scores(views: Sequence[ClaimView], embed: EmbedFn) -> dict[tuple[str, str], float]:
    """Scores of every pair of claims from different articles."""
    import numpy as np

    if len(views) < 2:
        return {}
    score = score_matrix(views, embed)
    articles = np.array([v.claim.article for v in views], dtype=object)
    cross = np.triu(articles[:, None] != articles[None, :], k=1)
    ids = [v.claim.id for v in views]
    return {(ids[i], ids[j]): float(score[i, j]) for i, j in zip(*np.nonzero(cross), strict=True)}


def cluster(
    views: Sequence[ClaimView], scores: Mapping[tuple[str, str], float], threshold: float
) -> list[list[str]]:
    """Greedy average-linkage clustering over cross-article pairs above ``threshold``.

    Pairs are taken best first; two clusters merge only when the mean score over all
    their cross-article pairs stays within ``LINKAGE_SLACK`` of the threshold. The
    cluster-to-cluster sums are updated on each merge, so the cost stays near-linear
    in the number of pairs.
    """
    members: dict[str, list[str]] = {v.claim.id: [v.claim.id] for v in views}
    root = {v.claim.id: v.claim.id for v in views}
    links: dict[str, dict[str, list[float]]] = {v.claim.id: {} for v in views}
    for (a, b), s in scores.items():
        links[a][b] = [s, 1.0]
        links[b][a] = [s, 1.0]
    for (a, b), s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < threshold:
            break
        ra, rb = root[a], root[b]
        if ra == rb:
            continue
        total, count = links[ra].get(rb, (0.0, 0.0))
        if count and total / count < threshold - LINKAGE_SLACK:
            continue
        keep, drop = (ra, rb) if len(members[ra]) >= len(members[rb]) else (rb, ra)
        for cid in members[drop]:
            root[cid] = keep
        members[keep].extend(members.pop(drop))
        for other, (t, c) in links.pop(drop).items():
            del links[other][drop]
            if other == keep:
                continue
            merged = links[keep].setdefault(other, [0.0, 0.0])
            merged[0] += t
            merged[1] += c
            links[other][keep] = merged
    order = {v.claim.id: i for i, v in enumerate(views)}
    groups = [sorted(m, key=order.__getitem__) for m in members.values()]
    return sorted(groups, key=lambda g: order[g[0]])


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
        from storylens.compare.embed import embed as default_embed

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
