"""Registered lead-vector methods for story clustering.

``stories.tfidf.v1``   feature-hashed TF-IDF of title+lead words and entity keys
``stories.minilm.v1``  MiniLM sentence embedding of title+lead
``stories.hybrid.v1``  both, concatenated so that cosine = mean of the two cosines
``stories.event.v1``   feature-hashed words, word pairs and entity keys of the first 400
                       words, squared IDF (see :func:`features.event_vectors`); an article
                       is scored against a story by its mean similarity to the members
                       (average link), and new stories that fit one another are merged

Embeddings are per article (computed wherever the articles are, e.g. on Dask
workers); TF-IDF needs corpus document frequencies and is computed centrally.
Every method yields L2-normalised float32 rows; a name never changes meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from storylens.errors import ConfigError
from storylens.stories.features import (
    EVENT_DIM,
    HASH_DIM,
    DocumentFrequencies,
    Features,
    event_vectors,
    tfidf_vectors,
)

EMBED_WORDS = 60  # MiniLM sees the title and the first sentences only
EMBED_DIM = 384


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    embedding: bool
    tfidf: bool
    event: bool = False


METHODS = {
    m.name: m
    for m in (
        Method("stories.tfidf.v1", embedding=False, tfidf=True),
        Method("stories.minilm.v1", embedding=True, tfidf=False),
        Method("stories.hybrid.v1", embedding=True, tfidf=True),
        Method("stories.event.v1", embedding=False, tfidf=False, event=True),
    )
}


def method(name: str) -> Method:
    """The registered vector method ``name``."""
    try:
        return METHODS[name]
    except KeyError:
        known = ", ".join(sorted(METHODS))
        raise ConfigError(f"unknown story clustering method {name!r} (known: {known})") from None


def dimension(spec: Method) -> int:
    """The width of the method's vectors."""
    return EMBED_DIM * spec.embedding + HASH_DIM * spec.tfidf + EVENT_DIM * spec.event


def lead_embeddings(feats: Sequence[Features]) -> npt.NDArray[np.float32]:
    """MiniLM vectors of each article's title and lead."""
    from storylens.models.embed import embed

    texts = [" ".join(f.lead.split()[:EMBED_WORDS]) for f in feats]
    return np.asarray(embed(texts), dtype=np.float32)


def combine(
    spec: Method,
    feats: Sequence[Features],
    dfs: DocumentFrequencies,
    embeddings: npt.NDArray[np.float32] | None,
) -> npt.NDArray[np.float32]:
    """The method's vectors for ``feats`` (``embeddings`` aligned with them when used)."""
    if spec.event:
        return event_vectors(feats, dfs)
    parts: list[npt.NDArray[np.float32]] = []
    if spec.embedding:
        if embeddings is None:
            embeddings = lead_embeddings(feats)
        parts.append(embeddings)
    if spec.tfidf:
        parts.append(tfidf_vectors(feats, dfs))
    out = np.hstack(parts) if len(parts) > 1 else parts[0]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    result: npt.NDArray[np.float32] = (out / np.clip(norms, 1e-9, None)).astype(np.float32)
    return result
