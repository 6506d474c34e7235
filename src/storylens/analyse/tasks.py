"""The analysis of one story's articles as tasks for the shared executor (see
:mod:`.parallel`): each article analysed and segmented in a worker, merged in input order.

The calling process imports only this module and :mod:`.parallel`; the analysis stages
(and spaCy) are imported by the process that runs a task.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from storylens.analyse.parallel import broken, processes, result, shared_executor
from storylens.settings import Settings
from storylens.types import Article

if TYPE_CHECKING:
    from storylens.analyse.segment import Segmented


def analyse_and_segment(articles: Sequence[Article], settings: Settings) -> Segmented:
    """Analyse the articles and split their claims into clauses (see
    :mod:`storylens.analyse.segment`), on the shared executor when ``settings`` asks for
    more than one process.

    Each article is one task, longest first, so the workers finish at about the same
    time; the results are merged in input order. Both stages work article by article, so
    the result is the same whichever process analysed which article.
    """
    from storylens.analyse.segment import merge_segmented

    items = list(articles)
    workers = processes(settings, len(items))
    if workers == 1:
        return merge_segmented([segment_one(article, settings) for article in items])
    order = sorted(range(len(items)), key=lambda i: (-len(items[i].text), i))
    try:
        pool = shared_executor(workers)
        futures = {i: pool.submit(segment_one, items[i], settings) for i in order}
        return merge_segmented([result(futures[i]) for i in range(len(items))])
    except BrokenProcessPool as exc:
        broken(exc)
        return merge_segmented([segment_one(article, settings) for article in items])


def segment_one(article: Article, settings: Settings) -> Segmented:
    """Analyse and segment one article in this process (one task of
    :func:`analyse_and_segment`)."""
    from storylens.analyse.pipeline import analyse_parsed
    from storylens.analyse.segment import segment_claims

    [(analysis, doc)] = analyse_parsed([article], settings)
    return segment_claims([analysis], [doc])
