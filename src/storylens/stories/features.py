"""What story clustering looks at in an article: its lead, its names, its date.

* ``lead``: the title plus the first words of the text, where news puts the who/what.
* ``keys``: cheap entity keys — runs of capitalised words, lower-cased, weighted by
  how often the article repeats them. No model is needed, so this runs anywhere.
* ``protagonist``: the name the article is most about (its most repeated name word,
  e.g. the surname of the person the lead is about), or None.
* ``years``: the years the article mentions (datelines, "in March 2009") and its
  publication year: when its event happened, roughly, even without a publication date.
* ``day``: the publication date as a day number, or None when undated.
* ``tfidf``: a signed feature-hashed TF-IDF vector of the lead's words (dense, fixed
  width, so it needs no shared vocabulary across processes or runs).
* ``terms``: content words and word pairs of the first ``BODY_WORDS`` words, for the
  event-level vectors (``stories.event.v1``): word pairs ("ins sukanya", "foils attack")
  tell one event from another of the same kind far better than single words.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from storylens.types import Article
from storylens.words import FUNCTION_WORDS, SAY

LEAD_WORDS = 80
BODY_WORDS = 400
HASH_DIM = 1024
EVENT_DIM = 2048
MAX_KEYS = 16

_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_NAME = re.compile(r"(?:[A-Z][\w’'\-.]*|[A-Z]\.)(?:\s+(?:[A-Z][\w’'\-.]*|of|de|van|von|al|bin))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“]\s+|\n\s*)$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# function words, and words of saying, titles and fillers that tell no story apart
STOPWORDS = (
    FUNCTION_WORDS
    | SAY
    | _words("mr mrs ms dr new one also then there here up out so such very own same just")
    | _words("only yes once further again why how")
)
CAPITAL_STOP = _words(
    """
    the a an in on at for but and or if as he she it they we i this that these those there
    his her its their our mr mrs ms dr prof sir monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december today yesterday tomorrow after before when while however meanwhile
    also according read more photo image video watch advertisement
    """
)
TITLES = _words(
    """
    president prime minister chancellor senator governor mayor king queen prince princess
    general judge chief secretary spokesman spokeswoman spokesperson ambassador director
    chairman chairwoman leader rep sen gov gen former acting deputy vice
    """
)


@dataclass(slots=True)
class Features:
    """The clustering view of one article."""

    id: str
    outlet: str
    day: int | None
    lead: str
    keys: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    protagonist: str | None = None
    years: frozenset[int] = frozenset()


def lead_text(article: Article, words: int = LEAD_WORDS) -> str:
    """Title plus the first ``words`` words of the body."""
    body = " ".join(article.text.split()[:words])
    title = (article.title or "").strip()
    if title and body.startswith(title):
        return body
    return f"{title}. {body}" if title else body


def day_number(published: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date, or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal() - 719163
    except ValueError:
        return None


_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_JOINERS = frozenset({"of", "de", "van", "von", "al", "bin"})
_SKIP_START = CAPITAL_STOP | _JOINERS | TITLES


def _runs(match: str) -> list[list[str]]:
    """Split a capitalised run at sentence ends and possessives ("Korea’s", "Tuesday.")."""
    runs: list[list[str]] = [[]]
    for token in match.split():
        breaks = (token.endswith(".") and not _INITIALS.match(token)) or bool(
            re.search(r"[’']s$", token)
        )
        word = re.sub(r"[’']s$", "", token).strip(".’'-")
        if word:
            runs[-1].append(word)
        if breaks:
            runs.append([])
    return [r for r in runs if r]


def _clean_run(words: list[str]) -> list[str]:
    while words and words[0].lower() in _SKIP_START:
        words = words[1:]
    while words and words[-1].lower() in _JOINERS:
        words = words[:-1]
    return words


def _split_titles(words: list[str]) -> list[list[str]]:
    """Split a run at title words and inner "of": "Valdonian President Mirek Halas" →
    ["Valdonian"], ["Mirek", "Halas"]; "Ilse Marant of Ostrena" → ["Ilse", "Marant"], ["Ostrena"].
    """
    parts: list[list[str]] = [[]]
    for word in words:
        if word.lower() in TITLES or word.lower() == "of":
            parts.append([])
        else:
            parts[-1].append(word)
    return [p for p in (_clean_run(part) for part in parts) if p]


def entity_keys(text: str) -> Counter[str]:
    """Counts of capitalised name runs ("Mirek Halas", "Port Caldera"), lower-cased.

    A single capitalised word at the start of a sentence only counts when the
    same word also appears capitalised elsewhere. Runs are split at titles
    ("President") and "of"; each word of a multi-word name also counts on its own
    ("Halas"), which is how other mentions and other outlets often refer to it.
    """
    counts: Counter[str] = Counter()
    starts: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        first = True
        for run in _runs(match.group(0)):
            at_start = first and bool(_SENTENCE_START.search(text[: match.start()][-3:] or "\n"))
            first = False
            for words in _split_titles(_clean_run(run)):
                if len(words) == 1 and len(words[0]) < 2:
                    continue
                key = " ".join(words).lower()
                if key in STOPWORDS or key in CAPITAL_STOP:
                    continue
                if len(words) == 1 and at_start and words == run:
                    starts[key] += 1
                    continue
                counts[key] += 1
                if len(words) > 1:
                    counts.update(
                        w.lower() for w in words if len(w) > 2 and w.lower() not in STOPWORDS
                    )
    for key, n in starts.items():
        if key in counts:
            counts[key] += n
    return counts


def protagonist(keys: Counter[str]) -> str | None:
    """The name an article is most about: its most repeated one-word name key.

    Each word of a multi-word name also counts on its own (see :func:`entity_keys`), so
    "Jamal Williams ... Williams ... Williams" makes "williams" the protagonist. A name
    must be repeated to count; of names repeated as often, the one written first wins.
    """
    best = min(
        (
            (-n, i, k)
            for i, (k, n) in enumerate(keys.items())
            if n >= 2 and len(k) > 2 and " " not in k
        ),
        default=None,
    )
    return best[2] if best else None


_YEAR = re.compile(r"(?<![\w$£€.,])(19\d\d|20\d\d)(?!\w|[.,]\d)")


def years(text: str, published: str | None = None) -> frozenset[int]:
    """Years from 1900 to 2099 written in ``text``, plus the year of ``published``."""
    found = {int(m.group(1)) for m in _YEAR.finditer(text)}
    if published and day_number(published) is not None:
        found.add(int(published[:4]))
    return frozenset(found)


def lead_words(text: str) -> Counter[str]:
    """Content-word counts of a lead (lower-cased, stopwords removed)."""
    return Counter(
        w
        for w in (m.group(0).lower().strip("’'-") for m in _WORD.finditer(text))
        if len(w) > 2 and w not in STOPWORDS
    )


def body_terms(text: str) -> Counter[str]:
    """Content words and adjacent word pairs (lower-cased, pairs skip no stopword)."""
    tokens = [m.group(0).lower().strip("’'-") for m in _WORD.finditer(text)]
    terms: Counter[str] = Counter()
    prev = ""
    for word in tokens:
        if len(word) > 2 and word not in STOPWORDS:
            terms[word] += 1
            if prev:
                terms[f"{prev} {word}"] += 1
            prev = word
        else:
            prev = ""
    return terms


def extract(article: Article) -> Features:
    """The clustering features of one article."""
    lead = lead_text(article)
    head = " ".join(article.text.split()[:BODY_WORDS])
    keys = entity_keys(f"{article.title or ''}.\n{head}")
    return Features(
        id=article.id,
        outlet=article.outlet,
        day=day_number(article.published),
        lead=lead,
        keys=keys,
        words=lead_words(lead),
        terms=body_terms(f"{article.title or ''}\n{head}"),
        protagonist=protagonist(keys),
        years=years(f"{article.title or ''}\n{head}", article.published),
    )


def _bucket(token: str, dim: int = HASH_DIM) -> tuple[int, float]:
    h = zlib.crc32(token.encode("utf-8"))
    return h % dim, 1.0 if (h >> 16) & 1 else -1.0


class DocumentFrequencies:
    """Document frequencies of words and entity keys, for IDF weights."""

    def __init__(self) -> None:
        self.docs = 0
        self.words: Counter[str] = Counter()
        self.keys: Counter[str] = Counter()
        self.terms: Counter[str] = Counter()

    def update(self, feats: Iterable[Features]) -> None:
        for f in feats:
            self.docs += 1
            self.words.update(f.words.keys())
            self.keys.update(f.keys.keys())
            self.terms.update(f.terms.keys())

    def idf(self, df: int) -> float:
        return math.log((1 + self.docs) / (1 + df)) + 1.0

    def key_weight(self, key: str) -> float:
        return self.idf(self.keys.get(key, 0))


def top_keys(f: Features, dfs: DocumentFrequencies, k: int = MAX_KEYS) -> dict[str, float]:
    """The article's ``k`` most telling entity keys with tf-idf weights."""
    scored = {
        key: (1 + math.log(n)) * dfs.key_weight(key)
        for key, n in f.keys.items()
        # names in half of a sizeable corpus tell nothing; in a small one they are the story
        if dfs.keys.get(key, 0) < max(20, 0.5 * dfs.docs)
    }
    best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
    return dict(best)


def tfidf_vectors(feats: Sequence[Features], dfs: DocumentFrequencies) -> npt.NDArray[np.float32]:
    """Feature-hashed TF-IDF of each lead (words and entity keys), L2-normalised."""
    out = np.zeros((len(feats), HASH_DIM), dtype=np.float32)
    for row, f in enumerate(feats):
        for word, n in f.words.items():
            col, sign = _bucket(word)
            out[row, col] += sign * (1 + math.log(n)) * dfs.idf(dfs.words.get(word, 0))
        for key, n in f.keys.items():
            col, sign = _bucket("#" + key)
            out[row, col] += sign * (1 + math.log(n)) * dfs.key_weight(key)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    result: npt.NDArray[np.float32] = (out / np.clip(norms, 1e-9, None)).astype(np.float32)
    return result


def event_vectors(feats: Sequence[Features], dfs: DocumentFrequencies) -> npt.NDArray[np.float32]:
    """Feature-hashed vectors of body terms and entity keys, for ``stories.event.v1``.

    Weights are ``(1 + log tf) * idf**2``: the squared IDF lets the rare words and word
    pairs that name one event (a ship, a town, a verdict) outweigh the words shared by
    every event of its kind. Terms seen in only one document of the corpus are left out
    (they can match nothing). Terms and keys are normalised apart and then joined, so each
    counts for half. Rows are L2-normalised.
    """
    out = np.zeros((len(feats), EVENT_DIM), dtype=np.float32)
    keys = np.zeros((len(feats), EVENT_DIM), dtype=np.float32)
    for target, counts, frequencies, prefix in (
        (out, [f.terms for f in feats], dfs.terms, ""),
        (keys, [f.keys for f in feats], dfs.keys, "#"),
    ):
        slots: dict[str, tuple[int, float]] = {}  # term -> (column, signed idf²)
        for row, counted in enumerate(counts):
            for term, n in counted.items():
                slot = slots.get(term)
                if slot is None:
                    df = frequencies.get(term, 0)
                    col, sign = _bucket(prefix + term, EVENT_DIM)
                    slot = slots[term] = (col, sign * dfs.idf(df) ** 2 if df >= 2 else 0.0)
                if slot[1]:
                    target[row, slot[0]] += (1 + math.log(n)) * slot[1]
    out /= np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-9, None)
    keys /= np.clip(np.linalg.norm(keys, axis=1, keepdims=True), 1e-9, None)
    both = out + keys
    result: npt.NDArray[np.float32] = (
        both / np.clip(np.linalg.norm(both, axis=1, keepdims=True), 1e-9, None)
    ).astype(np.float32)
    return result
