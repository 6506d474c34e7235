"""Pair scores of claims: how alike two claims of a story are, as one number.

Each claim is embedded (MiniLM sentence vectors) and compared with every claim of the
other articles. Within one story every sentence is "about" the same actors, so the
embedding alone rates unrelated sentences of the story as similar; the pair score
therefore blends the embedding cosine with a TF-IDF cosine over the claims' content words
(IDF taken over the story, so the story's ubiquitous names weigh little and specific words
such as "reconnaissance" weigh much), plus bonuses for shared linked entities and numbers,
for the same predicate (or the same kind: give / hand / receive), and for a verbatim run of
ordinary words both claims share (the same wire or agency wording: "special clothing not
detectable by thermal cameras"), minus penalties for what shows two facts (other dates,
places, objects, speakers, event families, polarity). A fragment with a single content
word ("you know", "I replied") says too little for any of that to mean much: it matches
only a claim with the same wording.

The pair scores stay in the score matrix: :class:`PairScores` reads them off it on lookup
and the clustering (:mod:`.align`) works on matrices, so a story of 600 claims never builds
its 150,000 cross-article pairs one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from storylens.comparison.conflict_args import ClaimView, claim_quantities, is_transfer
from storylens.comparison.events import denied, event_class, event_family, opposite_events
from storylens.comparison.features import (
    REPORTING,
    WORD,
    amounts,
    compared_text,
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
    tfidf_matrix,
    words_of,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

EmbedFn = Callable[[Sequence[str]], "npt.NDArray[np.float32]"]

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
ACTOR_PENALTY = 0.15  # two people act, neither named by the other claim
COUNTRY_PENALTY = 0.25  # two countries act, neither named by the other claim
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
OPPOSITE_PENALTY = 0.15  # the same polarity, opposite events ("will suspend" / "can resume")


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


def claim_texts(views: Sequence[ClaimView]) -> list[str]:
    """The text each claim is compared by, in ``views`` order (see :func:`compared_text`)."""
    return [compared_text(v) for v in views]


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
    "actor_differs": -ACTOR_PENALTY,
    "country_differs": -COUNTRY_PENALTY,
    "ordinal_differs": -ORDINAL_PENALTY,
    "family_differs": -CLASS_PENALTY,
    "polarity_differs": -POLARITY_PENALTY,
    "opposite": -OPPOSITE_PENALTY,
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
    negated = np.array([denied(v.claim.negated, v.claim.predicate) for v in views], dtype=bool)
    transfer = np.array([is_transfer(v.claim) for v in views], dtype=bool)
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
        "speaker_differs": differ(speakers, frozenset.isdisjoint),
        # one transfer with two givers is a question of who gave it (see .conflicts)
        "actor_differs": _actors_differ(views) & ~(transfer[:, None] & transfer[None, :]),
        "country_differs": _countries_differ(views),
        "ordinal_differs": differ([ordinals(t) for t in texts], ordinals_differ),
        "family_differs": differ(families, str.__ne__),
        "polarity_differs": negated[:, None] != negated[None, :],
        # not for a denied opposite ("will not resume" / "will suspend"), whose polarity
        # and event class still differ
        "opposite": differ(classes, opposite_events) & (negated[:, None] == negated[None, :]),
        "short": short[:, None] | short[None, :],
        "tiny": (tiny[:, None] | tiny[None, :]) & ~same_wording,
        "sentence": whole[:, None] | whole[None, :],
        "run": run,
    }


def score_matrices(
    views: Sequence[ClaimView], embed: EmbedFn
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Pair scores of all claims (rows and columns in ``views`` order): the features of
    :func:`pair_features` weighed by :data:`WEIGHTS`, summed in a fixed order; and the same
    scores without the penalty for two speakers: two people's words are two facts, but they
    may tell one event (see .event_groups)."""
    import numpy as np

    features = pair_features(views, embed)
    score = np.zeros((len(views), len(views)))
    for name, weight in WEIGHTS.items():
        score += weight * features[name]
    speakerless = score + SPEAKER_PENALTY * features["speaker_differs"]
    return score.astype(np.float32), speakerless.astype(np.float32)


def _countries_differ(views: Sequence[ClaimView]) -> npt.NDArray[np.bool_]:
    """Both claims are told of a place as their whole agent, two different ones, and neither
    claim mentions the other's ("Canada is the largest steel exporter" / "Germany, the EU's
    largest steel exporter, accounted for 5 percent"; "China has long favored a peace treaty"
    / "North Korea has long sought a peace treaty"): one thing said of two countries is two
    facts."""
    import numpy as np

    n = len(views)
    out = np.zeros((n, n), dtype=bool)
    told = [k for k, v in enumerate(views) if v.country]
    for x, i in enumerate(told):
        a = views[i]
        for j in told[x + 1 :]:
            b = views[j]
            if a.country != b.country and a.country not in b.entities:
                out[i, j] = out[j, i] = b.country not in a.entities
    return out


def _actors_differ(views: Sequence[ClaimView]) -> npt.NDArray[np.bool_]:
    """Both claims name who acts, and each names someone the other never mentions
    ("Shoigu was the first official to visit Pyongyang" / "Kim's first visit abroad"): an
    actor is unnamed by the other claim when it shares no name word with its people."""
    import numpy as np

    n = len(views)
    out = np.zeros((n, n), dtype=bool)
    acting = [k for k, v in enumerate(views) if v.actors]
    words = {k: frozenset().union(*views[k].people) for k in acting}
    for x, i in enumerate(acting):
        for j in acting[x + 1 :]:
            if any(not (p & words[j]) for p in views[i].actors) and any(
                not (p & words[i]) for p in views[j].actors
            ):
                out[i, j] = out[j, i] = True
    return out
