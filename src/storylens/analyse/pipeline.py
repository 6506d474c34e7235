"""The analysis stage: articles in, span annotations out.

:func:`analyse_batch` is the unit of work: a plain function from a list of articles to a list
of :class:`Analysis`, which runs spaCy once over the batch (``nlp.pipe``) and then every stage
in order: mentions, descriptors, times, quotes, claims. It runs unchanged in-process, in a
process pool (:func:`analyse` with ``Settings.n_process > 1``) or as a Dask task.

With several processes each worker loads the model once and runs the whole batch, stages
included, so the parent only gathers results: cheaper than spaCy's own ``n_process``, which
sends every parsed Doc back to the parent and leaves the stages on one core.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

from spacy.tokens import Doc

from storylens.analyse import claims, dates, descriptors, entities, quotes
from storylens.analyse.forking import can_fork
from storylens.models import nlp
from storylens.settings import Settings
from storylens.types import Analysis, Article

log = logging.getLogger(__name__)

STAGES = (
    entities.STAGE,
    descriptors.STAGE,
    dates.STAGE,
    quotes.STAGE,
    claims.STAGE,
)


def analyse_doc(doc: Doc, article: Article) -> Analysis:
    """Every stage on one parsed article.

    The model reads English only: an article ingest identified as another language keeps its
    sentences but gets no mentions, quotes or claims (which would be noise), and a warning.
    """
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    if not is_english(article):
        log.warning(
            "%s: language %r is not English; entities, quotes and claims skipped",
            article.source or article.id,
            article.language,
        )
        return Analysis(article=article, sentences=sentences)
    mentions = entities.find_mentions(doc, article)
    descs = descriptors.find_descriptors(doc, article, mentions)
    times = dates.find_times(doc, article)
    found_quotes = quotes.find_quotes(doc, article, mentions)
    found_claims = claims.extract_claims(doc, article, mentions, found_quotes, times)
    return Analysis(
        article=article,
        sentences=sentences,
        mentions=mentions,
        descriptors=descs,
        quotes=found_quotes,
        claims=found_claims,
        times=times,
    )


def is_english(article: Article) -> bool:
    """True unless ingest identified another language (unknown counts as English)."""
    return not article.language or article.language.lower().split("-")[0] in {"en", "und"}


def analyse_batch(articles: Sequence[Article], settings: Settings) -> list[Analysis]:
    """Analyse ``articles`` in this process (the unit of work for pools and Dask)."""
    return [analysis for analysis, _ in analyse_parsed(articles, settings)]


def analyse_parsed(articles: Sequence[Article], settings: Settings) -> list[tuple[Analysis, Doc]]:
    """:func:`analyse_batch`, each analysis with the parse it was made from."""
    model = nlp.get_nlp()
    texts = (_capped(a) for a in articles)
    docs = model.pipe(texts, batch_size=max(1, settings.batch_size))
    return [(analyse_doc(doc, article), doc) for doc, article in zip(docs, articles, strict=True)]


def analyse(articles: Iterable[Article], settings: Settings) -> list[Analysis]:
    """Analyse ``articles`` in order, with ``settings.n_process`` processes."""
    items = list(articles)
    workers = max(1, min(settings.n_process, len(items)))
    if workers == 1 or len(items) < 2:
        return analyse_batch(items, settings)
    chunks = _chunks(items, settings.batch_size, workers)
    with worker_pool(workers) as pool:
        results = pool.map(analyse_batch, chunks, [settings] * len(chunks))
        return [analysis for batch in results for analysis in batch]


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes with one BLAS thread each.

    They are forked where the platform can (sharing a spaCy model the parent has loaded),
    else spawned (each loads its own model). Callers that may run beside other threads check
    :func:`storylens.analyse.forking.fork_is_safe` first.
    """
    context = multiprocessing.get_context("fork" if can_fork() else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker)


def _chunks(items: list[Article], batch_size: int, workers: int) -> list[list[Article]]:
    """Batches of at most ``batch_size`` articles, at least one per worker."""
    size = max(1, min(batch_size, -(-len(items) // workers)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _init_worker() -> None:
    """One BLAS thread per worker process: the workers already use every core."""
    nlp.limit_blas_threads(1)


def _capped(article: Article) -> str:
    text = article.text
    if len(text) > nlp.MAX_CHARS:
        log.warning(
            "%s: analysing the first %d of %d characters", article.id, nlp.MAX_CHARS, len(text)
        )
        return text[: nlp.MAX_CHARS]
    return text
