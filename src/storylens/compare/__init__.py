"""Compare the articles of one story: alignment, conflicts, provenance, duplicates.

:func:`compare` runs the whole chain (ingest when given paths/URLs, analysis, entity
linking, duplicate detection, claim alignment, conflict detection, provenance,
framing and summary) and returns a :class:`Report` whose ``to_dict()`` is the JSON
report contract. Heavy modules (spaCy, onnxruntime) are imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storylens.compare.report import Report
from storylens.errors import InputError, TooLarge
from storylens.settings import Settings
from storylens.types import Article

if TYPE_CHECKING:
    from storylens.compare.align import EmbedFn
    from storylens.compare.segment import Segmented

__all__ = ["Report", "compare", "compare_articles"]

Progress = Callable[[str], None]


def _read_inputs(
    inputs: Iterable[str | Path | Article], settings: Settings
) -> tuple[list[Article], list[InputError]]:
    articles: list[Article] = []
    paths: list[str] = []
    for item in inputs:
        if isinstance(item, Article):
            articles.append(item)
        else:
            paths.append(str(item))
    errors: list[InputError] = []
    if paths:
        from storylens.ingest import ingest

        result = ingest(paths, settings)
        articles.extend(result.articles)
        errors.extend(result.errors)
    return articles, errors


def compare(
    inputs_or_articles: Iterable[str | Path | Article],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    embed: EmbedFn | None = None,
) -> Report:
    """Compare the articles of one story (paths, URLs, directories or :class:`Article`s).

    Inputs that cannot be read are listed in ``Report.errors``; :class:`InputError` is
    raised when none can be read.
    """
    settings = settings or Settings()
    if embed is not None:
        return _compare_inputs(list(inputs_or_articles), settings, progress, embed)
    from storylens.compare import embed as embed_module

    embed_module.preload()  # build the ONNX session while the inputs are read and parsed
    try:
        return _compare_inputs(list(inputs_or_articles), settings, progress, embed)
    finally:
        embed_module.wait()  # never leave the loader thread running at exit


def _compare_inputs(
    inputs: list[str | Path | Article],
    settings: Settings,
    progress: Progress | None,
    embed: EmbedFn | None,
) -> Report:
    articles, errors = _read_inputs(inputs, settings)
    if not articles:
        if len(errors) == 1:
            raise errors[0]
        names = ", ".join(str(i) for i in inputs[:3]) or "(no inputs)"
        reasons = "; ".join(str(e) for e in errors[:3])
        raise InputError(names, f"no readable article{': ' + reasons if reasons else ''}")
    report = compare_articles(articles, settings, progress=progress, embed=embed)
    report.errors = [{"source": e.source, "reason": e.reason} for e in errors]
    return report


def compare_articles(
    articles: Sequence[Article],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    embed: EmbedFn | None = None,
) -> Report:
    """Compare already-ingested articles."""
    settings = settings or Settings()
    if embed is None:
        from storylens.compare import embed as embed_module

        embed_module.preload()  # build the ONNX session while spaCy loads and parses
        try:
            return _compare(articles, settings, progress, embed)
        finally:
            embed_module.wait()  # never leave the loader thread running at exit
    return _compare(articles, settings, progress, embed)


def _compare(
    articles: Sequence[Article],
    settings: Settings,
    progress: Progress | None,
    embed: EmbedFn | None,
) -> Report:
    from storylens.analyse.linking import link_entities
    from storylens.compare.align import STAGE as ALIGN_STAGE
    from storylens.compare.align import align_claims
    from storylens.compare.dedup import find_duplicates, units
    from storylens.compare.provenance import SourceNames
    from storylens.compare.report import add_provenance, build_report, resolve_conflicts
    from storylens.compare.segment import STAGE as SEGMENT_STAGE

    note = progress or (lambda _stage: None)
    articles = _unique_ids(articles)
    _check_size(articles, settings)
    note("duplicates")
    duplicates = find_duplicates(articles, settings.dedup_threshold)
    unit_of = units(articles, duplicates)
    outlet_of = {a.id: a.outlet for a in articles}
    note("analysis")
    segmented = analyse_and_segment(articles, settings, _workers(articles, settings))
    analyses = segmented.analyses
    entities = link_entities(analyses, settings)
    note("alignment")
    alignment = align_claims(
        analyses,
        outlet_of,
        unit_of,
        settings,
        embed=embed,
        focus=segmented.focus,
        whole_sentences=segmented.sentence_claims,
    )
    detector = resolve_conflicts(alignment, settings)
    names = SourceNames(entities, outlet_of.values())
    add_provenance(alignment.groups, alignment, outlet_of, unit_of, names)
    note("report")
    return build_report(
        analyses,
        entities,
        alignment,
        duplicates,
        outlet_of,
        settings,
        parents=segmented.parent,
        sentence_claims=segmented.sentence_claims,
        stages={
            "segment": SEGMENT_STAGE,
            "alignment": ALIGN_STAGE,
            "conflicts": detector,
        },
    )


def analyse_and_segment(
    articles: Sequence[Article], settings: Settings, workers: int = 1
) -> Segmented:
    """Analyse the articles and split their claims into clauses (see :mod:`.segment`).

    With ``workers`` > 1 the articles are cut into that many runs of consecutive articles of
    about equal length, each analysed and segmented in a forked worker process that shares
    the already loaded spaCy model. Both stages work article by article, so the result is
    the same as in one process.
    """
    from storylens.analyse.nlp import get_nlp
    from storylens.analyse.pipeline import fork_is_safe, worker_pool
    from storylens.compare import embed as embed_module
    from storylens.compare.segment import merge_segmented

    items = list(articles)
    workers = min(workers, len(items))
    if workers >= 2:
        embed_module.wait()  # the model loader thread must be done before the process forks
    if workers < 2 or not fork_is_safe():  # spawned workers would each load the model again
        return _analyse_segment_chunk(items, settings)
    get_nlp()  # loaded once here, inherited by the forked workers
    chunks = _balanced_runs(items, workers)
    with worker_pool(len(chunks)) as pool:
        parts = list(pool.map(_analyse_segment_chunk, chunks, [settings] * len(chunks)))
    return merge_segmented(parts)


def _analyse_segment_chunk(articles: list[Article], settings: Settings) -> Segmented:
    from storylens.analyse.pipeline import analyse_batch
    from storylens.compare.segment import segment_claims

    return segment_claims(analyse_batch(articles, settings))


def _balanced_runs(items: list[Article], parts: int) -> list[list[Article]]:
    """``parts`` runs of consecutive articles with about the same amount of text."""
    total = sum(len(a.text) for a in items) or 1
    runs: list[list[Article]] = [[]]
    seen = 0
    for article in items:
        boundary = total * len(runs) / parts
        if runs[-1] and len(runs) < parts and seen + len(article.text) / 2 > boundary:
            runs.append([])
        runs[-1].append(article)
        seen += len(article.text)
    return runs


def _workers(articles: Sequence[Article], settings: Settings) -> int:
    """Worker processes for a story: ``settings.compare_processes`` (at most one per core),
    or chosen by size."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    if settings.compare_processes > 0:
        return min(settings.compare_processes, cores)
    words = sum(a.text.count(" ") + 1 for a in articles)
    return 2 if cores >= 2 and words >= settings.compare_split_words else 1


def _check_size(articles: Sequence[Article], settings: Settings) -> None:
    """Refuse a story whose text is over ``settings.max_story_chars`` (TooLarge)."""
    total = sum(len(a.text) for a in articles)
    if total > settings.max_story_chars:
        raise TooLarge(
            f"{len(articles)} article(s)",
            f"{total:,} characters of article text is over the comparison cap of "
            f"{settings.max_story_chars:,}; compare fewer or shorter articles, or group a "
            "corpus into stories first with `storylens corpus`",
        )


def _unique_ids(articles: Sequence[Article]) -> list[Article]:
    """Drop exact re-reads of the same article (same content id), keeping the first."""
    seen: set[str] = set()
    out = []
    for art in articles:
        if art.id not in seen:
            seen.add(art.id)
            out.append(art)
    return out
