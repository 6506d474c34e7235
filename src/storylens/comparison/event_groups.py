"""Events: the claim groups that report one happening.

Outlets rarely tell an event by the same facts: one gives the toll of a quake, another
where it struck, a third who felt it. Alignment groups statements that state the same
fact (:mod:`.align`), each group with its own status; this step then finds the groups
that, across articles, report the same event, and gives them one ``event`` id, so a
reader (and the reports' "same event as #3" line) sees that the outlets tell one
happening by different facts. A group's status never changes here, and only groups more
than one outlet carries are linked: a fact one outlet alone reports keeps its row and no
event (on stories of one theme such rows share words with everything).

Two statements of different articles are scored by their pair score (without the penalty
for two speakers: two people's words are two facts, but may tell one happening) plus a bonus for
naming the same event: a verb, noun or adjective they share, read through the event
classes of :mod:`.events` ("quake" = "earthquake", "arrest" = "detain"; ordinary words
such as "year" or "people" do not count), a smaller one for event classes of one family
("shot" / "died"), and one for a shared linked entity. Groups join one event best average
first, as long as the average over all their statement pairs from different articles
reaches the threshold (``Settings.event_threshold``), so that one close pair cannot chain
two events together.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence, Set
from typing import TYPE_CHECKING

from storylens.comparison.conflict_args import ClaimView
from storylens.comparison.events import event_class, event_family
from storylens.comparison.features import REPORTING, overlap
from storylens.comparison.scoring import PairScores
from storylens.words import QUANTIFIERS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float64]

STAGE = "events.average.v3"
SAME_EVENT_WORD = 0.2  # bonus for a shared event word (or class)
SAME_FAMILY = 0.05  # bonus, instead, for event classes of one family
SAME_ENTITY = 0.05  # bonus for a shared linked entity
# words too common in news to say two statements tell one event
ORDINARY = QUANTIFIERS | frozenset(
    {"time", "year", "day", "week", "month", "hour", "people", "man", "woman", "thing"}
    | {"way", "part", "number", "lot", "new", "old", "last", "first", "many", "much"}
    | {"good", "own", "same", "such", "able"}
    # verbs of knowing, wanting and the light verbs name no happening ("Nobody knows what I'm
    # going to do" / "Nobody knew that health care could be so complicated")
    | {"know", "think", "believe", "want", "need", "feel", "hope", "make", "take", "get", "go"}
    | {"come", "do", "put", "keep", "let"}
)


def event_words(lemmas: Set[str]) -> frozenset[str]:
    """The events a statement names: its content lemmas, each as its event class where it
    has one, without verbs of saying and ordinary words."""
    out = set()
    for lemma in lemmas:
        kind = event_class(lemma)
        if kind and kind not in REPORTING and kind not in ORDINARY:
            out.add(kind)
    return frozenset(out)


def affinity(
    views: Sequence[ClaimView], scores: PairScores, lemmas: Mapping[str, Set[str]]
) -> tuple[Matrix, Matrix]:
    """Statement-to-statement event affinity and pair counts (symmetric; 0 where the
    articles are the same)."""
    import numpy as np

    words = [event_words(lemmas.get(v.claim.id, frozenset())) for v in views]
    families = [frozenset(f for w in ws if (f := event_family(w))) for ws in words]
    shared_word, _ = overlap(words)
    shared_family, _ = overlap(families)
    shared_entity, _ = overlap([v.entities for v in views])
    bonus = np.where(shared_word > 0, SAME_EVENT_WORD, np.where(shared_family > 0, SAME_FAMILY, 0))
    bonus = bonus + np.where(shared_entity > 0, SAME_ENTITY, 0.0)
    cross = scores.cross()
    upper = np.where(cross, scores.matrix.astype(np.float64) + bonus, 0.0)
    return upper + upper.T, (cross | cross.T).astype(np.float64)


def find_events(
    views: Sequence[ClaimView],
    scores: PairScores,
    clusters: Sequence[Sequence[str]],
    lemmas: Mapping[str, Set[str]],
    threshold: float,
) -> list[list[int]]:
    """The events the fact groups ``clusters`` (statement ids) report: lists of indices into
    ``clusters``, each group in exactly one, in order of their first group."""
    import numpy as np

    k = len(clusters)
    alone = [[n] for n in range(k)]
    if threshold <= 0 or k < 2 or list(scores.ids) != [v.claim.id for v in views]:
        return alone
    index = {cid: n for n, cid in enumerate(scores.ids)}
    order = [index[c] for members in clusters for c in members]
    if sorted(order) != list(range(len(views))):
        return alone  # the groups must hold every statement once
    pair_total, pair_count = affinity(views, scores, lemmas)
    starts = np.cumsum([0] + [len(m) for m in clusters[:-1]])

    def by_group(matrix: Matrix) -> Matrix:
        rows = np.add.reduceat(matrix[np.ix_(order, order)], starts, axis=0)
        summed: Matrix = np.add.reduceat(rows, starts, axis=1)
        return summed

    total, count = by_group(pair_total), by_group(pair_count)
    np.fill_diagonal(count, 0.0)
    version = [0] * k
    alive = [True] * k
    heap: list[tuple[float, int, int, int, int]] = []

    def push(i: int) -> None:
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count[i] > 0, total[i] / np.maximum(count[i], 1.0), -1.0)
        for j in np.nonzero(mean >= threshold)[0].tolist():
            if j != i and alive[j]:
                a, b = min(i, j), max(i, j)
                heapq.heappush(heap, (-float(mean[j]), a, b, version[a], version[b]))

    # a fact only one outlet reports is linked to no event: its row stays what one outlet
    # alone says, and on stories of one theme such rows share words with everything
    for n, members in enumerate(clusters):
        alive[n] = len({views[index[c]].unit for c in members}) > 1
    for i in range(k):
        if alive[i]:
            push(i)
    events = [[n] for n in range(k)]
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if not (alive[i] and alive[j]) or (vi, vj) != (version[i], version[j]):
            continue  # one of the two has changed since: its new averages are queued
        total[i] += total[j]
        total[:, i] = total[i]
        count[i] += count[j]
        count[:, i] = count[i]
        count[i, i] = 0.0
        total[j] = total[:, j] = count[j] = count[:, j] = 0.0
        alive[j] = False
        events[i].extend(events[j])
        events[j] = []
        version[i] += 1
        push(i)
    return sorted(sorted(event) for event in events if event)
