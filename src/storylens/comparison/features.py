"""Features of a claim that alignment compares: words, verbatim runs, speakers, amounts,
dates, places and objects, and the pairwise tables built from them.

Each ``*_differ`` says whether two values clearly disagree; :func:`differ` turns a list of
values into the matrix of pairs that do.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from storylens.comparison.conflict_args import (
    ORDINAL,
    ClaimView,
    claim_quantities,
    phrases_compatible,
)
from storylens.comparison.events import event_class
from storylens.types import Claim, Mention
from storylens.words import FUNCTION_WORDS, SAY

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class Words:
    """A text's words for :func:`shared_run`, split once per claim."""

    folded: list[str]  # case-folded, in text order
    ordinary: list[bool]  # not a stop word, not capitalised
    positions: dict[str, list[int]]  # folded word -> its 1-based positions
    ordinary_counts: Counter[str]  # folded word -> its ordinary occurrences


def words_of(text: str) -> Words:
    words = WORD.findall(text)
    folded = [w.casefold() for w in words]
    ordinary = [f not in _STOP and not w[0].isupper() for w, f in zip(words, folded, strict=True)]
    positions: dict[str, list[int]] = {}
    for k, word in enumerate(folded, 1):
        positions.setdefault(word, []).append(k)
    counts = Counter(f for f, plain in zip(folded, ordinary, strict=True) if plain)
    return Words(folded, ordinary, positions, counts)


def shared_run(a: str, b: str) -> int:
    """Ordinary words (not stop words, not capitalised) in the longest shared word run."""
    return shared_run_of(words_of(a), words_of(b))


def shared_run_of(a: Words, b: Words) -> int:
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


def run_bound(a: Words, b: Words) -> int:
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
    for word in WORD.findall(text.casefold().replace("’", "'")):
        word = word.strip("'-").removesuffix("'s")
        if len(word) < 2 or word in _STOP or word.endswith("n't"):
            continue  # "didn't" is "did not": no content word
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        terms.append(word)
    return terms


def speaker_of(claim: Claim, people: Sequence[Mention]) -> frozenset[str]:
    """Who the claim is attributed to, as the names that identify that person: the story's
    entity of the name when it is linked to one and the surname ("Mayor Ilse Brandt" ->
    "brandt"). Two claims have one speaker when these share a name: linking joins "Kim"
    and "Kim Jong-un" across outlets, the surname "Rodney Scott" and "Patrol Agent Rodney
    S. Scott" where linking keeps a title apart. Empty when the nearest source is no person
    named in the article."""
    if not claim.attributed_to:
        return frozenset()
    source = claim.attributed_to[0]
    # the fullest name that matches: "Tara" and "Reid" are both Tara Reid's; a title or a
    # place the tagger took for a name ("Sgt.", "Bloomington") loses to the whole name
    names = [m for m in people if m.text and (m.text in source or source in m.text)]
    if not names:
        return frozenset()
    name = max(names, key=lambda m: len(m.text))
    words = _NAME_WORD.findall(name.text)
    return frozenset(k for k in (name.entity, _folded(words[-1]) if words else "") if k)


def compared_text(view: ClaimView) -> str:
    """The text a claim is compared by: its focus, or its own words when it has none."""
    return view.focus or view.claim.text


def two_voices(a: ClaimView, b: ClaimView) -> bool:
    """Two statements that give two people's words in words of their own ("Macron said he
    sensed a convergence of views" / "Trump said the two had substantive talks"): being on
    one topic makes neither a part of the other's fact. Nearly the same words are one remark
    whoever attribution credits them to ("Greeks must also understand that without these
    measures ...", credited to two men by two readings of "he said")."""
    if not (a.speaker and b.speaker) or not a.speaker.isdisjoint(b.speaker):
        return False
    x, y = set(content_terms(compared_text(a))), set(content_terms(compared_text(b)))
    return len(x & y) < SAME_WORDS * min(len(x), len(y))


def with_country(
    view: ClaimView, parts: Sequence[Claim], part_view_of: Mapping[str, ClaimView]
) -> ClaimView:
    """A statement told of no country as a whole is told of its first clause's country
    ("Canada is the largest steel exporter, and its industry is integrated ...")."""
    if view.country:
        return view
    found = next((part_view_of[p.id].country for p in parts if part_view_of[p.id].country), "")
    return dataclasses.replace(view, country=found) if found else view


def is_country(claim: Claim, mention: Mention) -> bool:
    """Whether the mention, a country, is the claim's whole agent ("Canada is the largest")."""
    agent = claim.arguments.get("agent")
    text = agent.text.removeprefix("the ") if agent is not None else ""
    return mention.label == "GPE" and text == mention.text and text.casefold() in countries()


@functools.cache
def countries() -> frozenset[str]:
    """The country names of ``data/countries.txt``, folded."""
    text = resources.files("storylens").joinpath("data", "countries.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _folded(word: str) -> str:
    """A name word folded, without a possessive ending ("Shoigu's" -> "shoigu")."""
    return word.casefold().removesuffix("'s").removesuffix("’s")


def name_words(mentions: Iterable[Mention]) -> tuple[frozenset[str], ...]:
    """Each person's name as its capitalised words, folded ("Kim Jong Un's" -> kim, jong,
    un), one set per distinct name: two names sharing a word may name one person."""
    out: dict[frozenset[str], None] = {}
    for mention in mentions:
        words = frozenset(_folded(w) for w in _NAME_WORD.findall(mention.text) if w[:1].isupper())
        if words:
            out[words] = None
    return tuple(out)


def amounts(claim: Claim) -> set[str]:
    """'6 day', '40 percent': each number with its unit."""
    return {f"{q.value} {unit}" for unit, qs in claim_quantities(claim).items() for q in qs}


WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
SAME_WORDS = 0.8  # two texts sharing this share of the shorter's content words: one remark
# function words, and words of saying and of place or degree that carry no fact
_STOP = (
    FUNCTION_WORDS
    | SAY
    | frozenset({"told", "tell", "also", "there", "here", "then", "up", "down", "out", "off"})
    | frozenset({"so", "such", "very", "one", "own", "same", "just", "only", "even", "still"})
    | frozenset({"yet"})
)

# predicates that say nothing about the fact itself
REPORTING = frozenset(
    {"say", "tell", "report", "describe", "call", "claim", "note", "add", "state", "write"}
    | {"announce", "be", "have", "do"}
)


_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\.?\s+(\d{1,2})\b", re.IGNORECASE)


def date_of(claim: Claim) -> str:
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


def dates_differ(a: str, b: str) -> bool:
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


def place_words(claim: Claim) -> frozenset[str]:
    arg = claim.arguments.get("place")
    if arg is None:
        return frozenset()
    return frozenset(content_terms(str(arg.value or arg.text)))


def places_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a & b


def object_of(claim: Claim) -> tuple[str, ...]:
    """The predicate's kind with its theme and recipient (empty when it has neither)."""
    theme, recipient = claim.arguments.get("theme"), claim.arguments.get("recipient")
    if theme is None and recipient is None:
        return ()
    kind = event_class(claim.predicate)
    return (kind, theme.text if theme else "", recipient.text if recipient else "")


def objects_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same kind of predicate whose theme or recipient clearly names something else."""
    if a[0] != b[0]:
        return False
    return any(x and y and not phrases_compatible(x, y) for x, y in zip(a[1:], b[1:], strict=True))


def differ(
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


def same_keys(keys: Sequence[str]) -> npt.NDArray[np.bool_]:
    """``m[i, j]``: both keys are set and equal."""
    import numpy as np

    codes: dict[str, int] = {}
    ids = np.array([codes.setdefault(k, len(codes)) if k else -1 for k in keys])
    same: npt.NDArray[np.bool_] = (ids[:, None] == ids[None, :]) & (ids[:, None] >= 0)
    return same


def overlap(sets: Sequence[Set[str]]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
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


def statement_vectors(
    n: int,
    owner: Sequence[int],
    bare: npt.NDArray[np.float32],
    part_vectors: npt.NDArray[np.float32],
) -> npt.NDArray[np.float32]:
    """One unit vector per statement: its own for a statement without parts (``bare``, in
    statement order), else the mean of its parts' vectors (embedding each sentence again
    would cost as much as its parts and add little)."""
    import numpy as np

    dim = part_vectors.shape[1] if len(part_vectors) else bare.shape[1] if len(bare) else 1
    out = np.zeros((n, dim), dtype=np.float32)
    np.add.at(out, np.asarray(owner, dtype=int), part_vectors)
    has_parts = np.zeros(n, dtype=bool)
    has_parts[np.asarray(owner, dtype=int)] = True
    out[~has_parts] = bare
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    result: npt.NDArray[np.float32] = out / np.clip(norms, 1e-12, None)
    return result


def best_part_scores(
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


_ORDINAL = re.compile(rf"\b({ORDINAL})\s+([a-z]+)", re.IGNORECASE)


def ordinals(text: str) -> frozenset[str]:
    """'round 11th', 'term second': each ordinal with the word after it."""
    return frozenset(f"{m[2].casefold()} {m[1].casefold()}" for m in _ORDINAL.finditer(text))


def ordinals_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same thing counted with a different ordinal ("the 11th round" / "the 6th round")
    and no ordinal of it in common."""
    things_a = {o.split()[0] for o in a}
    things_b = {o.split()[0] for o in b}
    return bool(things_a & things_b) and not (a & b)
