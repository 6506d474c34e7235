"""Claim alignment: group claims from different articles that state the same thing.

Claims are scored pair by pair (:mod:`.scoring`) and merged greedily, best pair first,
with an average-linkage check so that one loose pair cannot chain two different facts
together. A group's status is ``agreed`` when two or more independent outlets (wire
copies count once) carry it, ``unique`` otherwise; a group whose shared wording only one
of them states becomes ``partial`` (:func:`.describe.describe_groups`), and the conflict
detector may then mark a group ``conflicting``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storylens.comparison.backing import same_figures
from storylens.comparison.conflict_args import ClaimView, claim_quantities
from storylens.comparison.event_groups import find_events
from storylens.comparison.events import denied, event_class
from storylens.comparison.features import (
    WORD,
    best_part_scores,
    is_country,
    name_words,
    speaker_of,
    statement_vectors,
    two_voices,
    with_country,
)
from storylens.comparison.headline_join import attach_headlines
from storylens.comparison.nations import as_compared, nation_ids
from storylens.comparison.quote_join import attach_quoted
from storylens.comparison.scoring import EmbedFn, PairScores, score_matrices
from storylens.comparison.support import attach_supported, loose_joins, one_event, rejoin
from storylens.settings import Settings
from storylens.types import Analysis, Claim, Mention, asdict, content_id

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


STAGE = "align.statements.v12"
LINKAGE_SLACK = 0.08  # average cross-article score may sit this far under the threshold
TWO_FACTS = 0.35  # two statements of one article scoring under this tell two facts
LEAD_WORDS = 3  # a name this near the start of a claim with no agent read is its subject
MIN_REPEAT_WORDS = 4  # a repeated sentence this long is one statement told twice


@dataclass(slots=True)
class ClaimGroup:
    """Claims from one or more articles that state the same thing."""

    id: str
    claims: list[str]
    outlets: list[str]
    articles: list[str]
    status: str = "unique"  # agreed | partial | unique | conflicting
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
    event: str = ""  # the event it reports, shared with the other groups of that event

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    # a person's name -> the roles that make them speak for a body (backing.speaks_for)
    speaks_for: Mapping[str, Sequence[str]] = field(default_factory=dict)
    people_words: frozenset[str] = frozenset()  # the name words of every person in the story

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
    compared = nation_ids(m for a in analyses for m in a.mentions)
    for analysis in analyses:
        art = analysis.article
        people = [m for m in analysis.mentions if m.label == "PERSON"]
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
                    entities=as_compared((m.entity for m in inside if m.entity), compared),
                    focus=focus_text(claim, focus),
                    whole_sentence=claim.id in whole_sentences,
                    speaker=speaker_of(claim, people),
                    actors=name_words(
                        m for m in inside if m.label == "PERSON" and _in_agent(claim, m)
                    ),
                    people=name_words(m for m in inside if m.label == "PERSON"),
                    country=next((m.entity or "" for m in inside if is_country(claim, m)), ""),
                )
            )
    return views


def _in_agent(claim: Claim, mention: Mention) -> bool:
    """Whether the mention names who acts in the claim: it lies in the claim's agent, or,
    for a claim read without arguments, it opens the claim ("Kim's first visit abroad has
    fanned fears")."""
    agent = claim.arguments.get("agent")
    if agent is not None:
        return agent.start <= mention.start and mention.end <= agent.end
    return (
        not claim.arguments
        and len(claim.text[: max(0, mention.start - claim.start)].split()) < LEAD_WORDS
    )


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


def cluster(
    views: Sequence[ClaimView], scores: Mapping[tuple[str, str], float], threshold: float
) -> list[list[str]]:
    """Greedy average-linkage clustering over cross-article pairs above ``threshold``.

    Only a pair whose statements are each other's best match in the other's article can
    join two clusters (see :func:`_mutual_best`). Pairs are taken best first (equal scores
    by claim ids); two clusters merge only when the mean score over all their cross-article
    pairs stays within ``LINKAGE_SLACK`` of the threshold: two facts that share a story's
    background are joined by a few close pairs, one fact by most of them (a story's main
    fact, told in many words, averages under the threshold itself). The cluster-to-cluster
    score sums and pair counts are two matrices indexed by each cluster's root claim; a merge
    adds the dropped cluster's row and column into the kept one's, so it costs one pass over
    the claims, and only the pairs at or above the threshold are sorted.
    """
    ids = [v.claim.id for v in views]
    index = {cid: k for k, cid in enumerate(ids)}
    total, count, above = _links(ids, index, scores, threshold)
    mutual = _mutual_best(total, [v.claim.article for v in views])
    above = [pair for pair in above if mutual[index[pair[1]], index[pair[2]]]]
    above.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    members = {k: [k] for k in range(len(ids))}
    root = list(range(len(ids)))
    apart, same = _two_facts(views, scores)
    for _, a, b in above:
        ra, rb = root[index[a]], root[index[b]]
        if ra == rb:
            continue
        pairs = float(count[ra, rb])
        if pairs and float(total[ra, rb]) / pairs < threshold - LINKAGE_SLACK:
            continue
        if apart[ra, rb] and 2 * apart[ra, rb] >= same[ra, rb]:
            continue  # half their statements of one article or more tell two facts
        keep, drop = (ra, rb) if len(members[ra]) >= len(members[rb]) else (rb, ra)
        for k in members[drop]:
            root[k] = keep
        members[keep].extend(members.pop(drop))
        for links in (total, count):
            links[keep] += links[drop]
            links[:, keep] = links[keep]
            links[drop] = 0.0
            links[:, drop] = 0.0
        for pairs_of in (apart, same):
            pairs_of[keep] += pairs_of[drop]
            pairs_of[:, keep] = pairs_of[keep]
    groups = sorted(sorted(m) for m in members.values())
    return [[ids[k] for k in group] for group in groups]


def _two_facts(
    views: Sequence[ClaimView], scores: Mapping[tuple[str, str], float]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Pairs of statements of one article: ``(apart, same)``, ``apart[i, j]`` 1 when ``i``
    and ``j`` tell two facts, ``same[i, j]`` 1 for any two of one article.

    Two statements of one article tell two facts when their own pair score is under
    ``TWO_FACTS`` and their predicates name different events ("Williams gave a blood
    sample" / "Williams was booked into county jail and released on bail"): a chain of close
    pairs through other articles had made one group of the two, and the bail, which nine
    outlets report, had no row. Two clusters stay apart when half or more of their pairs of
    one article tell two facts: an article that tells its main fact in several sentences
    ("Ellen DeGeneres to host Oscars" over "She will make her second appearance as the
    show's emcee") has one loose pair among close ones and keeps them together."""
    import numpy as np

    n = len(views)
    if not isinstance(scores, PairScores) or scores.ids != [v.claim.id for v in views]:
        return np.zeros((n, n), dtype=np.int64), np.zeros((n, n), dtype=np.int64)
    codes: dict[str, int] = {}
    article = np.array([codes.setdefault(v.claim.article, len(codes)) for v in views])
    one = (article[:, None] == article[None, :]) & ~np.eye(n, dtype=bool)
    matrix = scores.matrix
    low = one & (np.minimum(matrix, matrix.T) < TWO_FACTS)
    kinds = np.array([event_class(v.claim.predicate) for v in views], dtype=object)
    one_event = (kinds[:, None] == kinds[None, :]) & (kinds[:, None] != "")
    return (low & ~one_event).astype(np.int64), one.astype(np.int64)


def _mutual_best(total: npt.NDArray[np.float64], articles: Sequence[str]) -> npt.NDArray[np.bool_]:
    """``m[i, j]``: statement ``j`` scores highest with ``i`` of all statements of ``j``'s
    article, and ``i`` highest with ``j`` of all of ``i``'s (ties count for both).

    A story's articles share their subject, so a statement's best partner in an article
    that does not report its fact is often a sentence about something near it ("Mueller led
    the FBI through the 2001 attacks" / "the talks led to Mueller providing his list"); two
    statements that state one fact are nearly always each other's best match. Pairs that
    are not may still join a group as a lone statement's support (:func:`attach_supported`).
    """
    import numpy as np

    codes: dict[str, int] = {}
    article = np.array([codes.setdefault(a, len(codes)) for a in articles], dtype=int)
    best = np.full((len(articles), len(codes)), -np.inf)
    for code in range(len(codes)):
        columns = article == code
        if columns.any():
            best[:, code] = total[:, columns].max(axis=1)
    top: npt.NDArray[np.bool_] = total >= best[:, article]
    return top & top.T


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
    lemmas: Mapping[str, Set[str]] | None = None,
) -> Alignment:
    """Group the statements of a story's articles; statuses are ``agreed`` or ``unique``.

    Two statements score the better of their own pair score and the best pair score of
    their parts (``parts`` maps statement ids to part claims, compared by their ``focus``
    text; see :mod:`storylens.analyse.segment`). With ``lemmas`` (statement id -> its
    content lemmas), fact groups that report one event are then joined (see
    :mod:`.event_groups`).
    """
    import numpy as np

    if embed is None:
        from storylens.models.embed import embed as default_embed

        embed = default_embed
    if parts is None:  # claims compared as they are: each its own only part
        parts = {c.id: [c] for a in analyses for c in a.claims}
    views = claim_views(analyses, outlet_of, unit_of, focus, whole_sentences)
    part_views = claim_views(_part_analyses(analyses, parts), outlet_of, unit_of, focus)
    part_view_of = {v.claim.id: v for v in part_views}
    views = [with_country(v, parts.get(v.claim.id, ()), part_view_of) for v in views]
    texts = alignment_texts(analyses, focus, parts)
    vectors = embed(texts) if len(texts) else np.zeros((0, 1), dtype=np.float32)
    n = len(views)
    by_id = {v.claim.id: v for v in views}
    ids = [v.claim.id for v in views]
    articles = [v.claim.article for v in views]
    part_ids = [v.claim.id for v in part_views]
    part_articles = [v.claim.article for v in part_views]
    index = {cid: k for k, cid in enumerate(ids)}
    whole_vectors = np.zeros((n, 1), dtype=np.float32)
    if n < 2:
        scores = PairScores(ids, articles, np.zeros((n, n), dtype=np.float32))
        seeds = event_scores = scores
        whole_scores = scores
        part_scores = PairScores(
            part_ids, part_articles, np.zeros((len(part_views),) * 2, dtype=np.float32)
        )
    else:
        owner = [index[sid] for sid, p in _owners(analyses, parts)]
        bare = len(texts) - len(part_views)
        whole_vectors = statement_vectors(n, owner, vectors[:bare], vectors[bare:])
        whole, whole_voices = score_matrices(views, lambda _texts: whole_vectors)
        part_matrix, part_voices = score_matrices(part_views, lambda _texts: vectors[bare:])
        best = best_part_scores(n, owner, part_matrix)
        scores = PairScores(ids, articles, np.maximum(whole, best))
        # events are read without the two-speaker penalty: two people tell one happening
        told = np.maximum(whole_voices, best_part_scores(n, owner, part_voices))
        event_scores = PairScores(ids, articles, told)
        whole_scores = PairScores(ids, articles, whole)
        part_scores = PairScores(part_ids, part_articles, part_matrix)
        # a group is seeded by what the statements' read clauses share: words no claim
        # covers ("when Mr. Kim announced the suspension, said") often tell the events around
        # the fact; they still let a lone statement join as partly stating it
        gap = np.array([v.claim.id.endswith(".g") for v in part_views], dtype=bool)
        read = np.where(gap[:, None] | gap[None, :], -np.inf, part_matrix)
        seeds = PairScores(ids, articles, np.maximum(whole, best_part_scores(n, owner, read)))
    all_outlets = ordered(outlet_of[a.article.id] for a in analyses)
    clusters = cluster(views, seeds, settings.align_threshold)
    support = settings.align_threshold - settings.align_support_margin
    clusters, joined = attach_supported(views, scores, clusters, support)
    clusters = attach_headlines(
        views, whole_vectors, clusters, joined, settings.align_headline_similarity
    )
    clusters = _with_repeats(attach_quoted(views, clusters, joined), by_id)
    # the events are read with every lone statement beside the fact it shares part of: one
    # that turns out to share only the event is a fact of its own, in that event
    events = (
        find_events(views, event_scores, clusters, lemmas, settings.event_threshold)
        if lemmas is not None and isinstance(scores, PairScores)
        else [[n] for n in range(len(clusters))]
    )

    def close(a: str, b: str) -> bool:
        """Whether joined statement ``a`` is close to its match ``b`` (see
        :func:`.support.loose_joins`): their whole-statement score within the margin, their
        meanings close as wholes, a clause of each telling one event, or the same two figures
        in both; never when one denies what the other asserts ("has not formally overturned
        the rule" states no part of "overturned the rule")."""
        i, j = index[a], index[b]
        x, y = by_id[a].claim, by_id[b].claim
        if denied(x.negated, x.predicate) != denied(y.negated, y.predicate):
            return False
        return (
            float(whole_scores.matrix[i, j]) >= support
            or (
                float(whole_vectors[i] @ whole_vectors[j]) >= settings.align_support_similarity
                and not two_voices(by_id[a], by_id[b])
            )
            or one_event(parts.get(a, ()), parts.get(b, ()), part_scores, part_view_of)
            or same_figures(by_id[a].claim, by_id[b].claim)
        )

    loose = loose_joins(joined, close)
    clusters, joined = rejoin(clusters, joined, loose, scores, by_id, support, close)
    kept = [[c for c in members if c not in loose] for members in clusters]
    placed = [_group(k, by_id, scores, all_outlets, joined) if k else None for k in kept]
    groups = [g for g in placed if g is not None]
    for event in events:
        members = [g for n in event if (g := placed[n]) is not None]
        first = len(members)
        members += [
            _group([c], by_id, scores, all_outlets, {})
            for n in event
            for c in clusters[n]
            if c in loose
        ]
        groups += members[first:]
        if len(members) > 1:
            name = content_id(" ".join(sorted(g.id for g in members)), prefix="e")
            for group in members:
                group.event = name
    alignment = Alignment(
        groups=groups,
        views=by_id,
        scores=scores,
        parts={sid: [p.id for p in ps] for sid, ps in parts.items()},
        part_views={v.claim.id: v for v in part_views},
        part_scores=part_scores,
        children=_children(part_views),
        whole_scores=whole_scores,
        people_words=frozenset().union(*(w for v in views for w in v.people)),
    )
    return alignment


def _group(
    members: list[str],
    by_id: Mapping[str, ClaimView],
    scores: PairScores,
    all_outlets: Sequence[str],
    joined: Mapping[str, str],
) -> ClaimGroup:
    gviews = [by_id[c] for c in members]
    outlets = ordered(v.outlet for v in gviews)
    inner = [
        scores.get((x, y), scores.get((y, x)))
        for i, x in enumerate(members)
        for y in members[i + 1 :]
    ]
    inner_scores = [s for s in inner if s is not None]
    return ClaimGroup(
        id=content_id(" ".join(sorted(members)), prefix="g"),
        claims=members,
        outlets=outlets,
        articles=ordered(v.claim.article for v in gviews),
        status="agreed" if len({v.unit for v in gviews}) > 1 else "unique",
        text=gviews[0].claim.text,
        score=round(sum(inner_scores) / len(inner_scores), 3) if inner_scores else 1.0,
        missing_from=[o for o in all_outlets if o not in outlets],
        # joined as partly stating another outlet's fact; one outlet's group states its own
        partial=[c for c in members if c in joined] if len({v.unit for v in gviews}) > 1 else [],
    )


def _with_repeats(clusters: list[list[str]], by_id: Mapping[str, ClaimView]) -> list[list[str]]:
    """``clusters`` with a statement that stands alone joined to the group of the same
    sentence earlier in its article (a scraped page that repeats its lead): one sentence is
    never one row's agreed fact and another row's unique one."""
    first: dict[tuple[str, str], int] = {}
    for n, members in enumerate(clusters):
        for cid in members:
            claim = by_id[cid].claim
            words = WORD.findall(claim.text.casefold())
            if len(words) < MIN_REPEAT_WORDS:
                continue
            home = first.setdefault((claim.article, " ".join(words)), n)
            if home != n and len(members) == 1:
                clusters[home] = [*clusters[home], cid]
                clusters[n] = []
    return [m for m in clusters if m]


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


def best_elsewhere(alignment: Alignment) -> dict[str, float]:
    """Each part's best score with a part of another outlet's statement (copies of one
    article are one outlet), anywhere in the story: a detail is "only" one outlet's when no
    other outlet states it at all, not only when the others in its group do not."""
    import numpy as np

    scores = alignment.part_scores
    if not isinstance(scores, PairScores) or not scores.ids:
        return {}
    parts = [alignment.part_views[p].unit for p in scores.ids]
    codes = {u: k for k, u in enumerate(dict.fromkeys(parts))}
    unit = np.array([codes[u] for u in parts])
    upper = np.triu(scores.matrix, k=1)  # a pair's score is read above the diagonal
    matrix = np.where(unit[:, None] != unit[None, :], upper + upper.T, -np.inf)
    return dict(zip(scores.ids, matrix.max(axis=1).tolist(), strict=True))
