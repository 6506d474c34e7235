"""The analysis stage: articles in, span annotations out.

:func:`analyse_batch` is the unit of work: a plain function from a list of articles to a list
of :class:`Analysis`, which runs spaCy once over the batch (``nlp.pipe``) and then every stage
in order: mentions, descriptors, times, quotes, claims. It runs unchanged in-process, on the
analysis executor (:mod:`.parallel`; :func:`analyse` with ``Settings.n_process`` other than
1) or as a Dask task.

With several processes each worker holds the model and runs the whole batch, stages
included, so the parent only gathers results: cheaper than spaCy's own ``n_process``, which
sends every parsed Doc back to the parent and leaves the stages on one core.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool

from spacy.tokens import Doc

from storylens.analyse import claims, dates, descriptors, entities, parallel, quotes
from storylens.analyse.columns import seed_text
from storylens.analyse.headlines import parse_text
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
    seed_text(doc, article.text)  # spans read the article's text, not the parsed one
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
    """Analyse ``articles`` in this process (the unit of work for pools and Dask), on one
    core: NumPy's BLAS keeps to one thread here too, as in the workers (a second BLAS thread
    doubles the CPU the model's products take for at most a tenth less wall time)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return [analysis for analysis, _ in analyse_parsed(articles, settings)]


def analyse_parsed(articles: Sequence[Article], settings: Settings) -> list[tuple[Analysis, Doc]]:
    """:func:`analyse_batch`, each analysis with the parse it was made from."""
    model = nlp.get_nlp()
    texts = (parse_text(_capped(a)) for a in articles)
    docs = model.pipe(texts, batch_size=max(1, settings.batch_size))
    return [(analyse_doc(doc, article), doc) for doc, article in zip(docs, articles, strict=True)]


def analyse(articles: Iterable[Article], settings: Settings) -> list[Analysis]:
    """Analyse ``articles`` in order, in ``settings.n_process`` processes (see :mod:`.parallel`)."""
    items = list(articles)
    workers = parallel.processes(settings, len(items))
    if workers == 1:
        return analyse_batch(items, settings)
    chunks = _chunks(items, settings.batch_size, workers)
    try:
        pool = parallel.shared_executor(workers)
        results = list(pool.map(analyse_batch, chunks, [settings] * len(chunks)))
    except BrokenProcessPool as exc:
        parallel.broken(exc)
        return analyse_batch(items, settings)
    return [analysis for batch in results for analysis in batch]


def _chunks(items: list[Article], batch_size: int, workers: int) -> list[list[Article]]:
    """Batches of at most ``batch_size`` articles, at least one per worker."""
    size = max(1, min(batch_size, -(-len(items) // workers)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _capped(article: Article) -> str:
    text = article.text
    if len(text) > nlp.MAX_CHARS:
        log.warning(
            "%s: analysing the first %d of %d characters", article.id, nlp.MAX_CHARS, len(text)
        )
        return text[: nlp.MAX_CHARS]
    return text
