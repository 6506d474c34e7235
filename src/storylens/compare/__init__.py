"""Compare the articles of one story: alignment, conflicts, provenance, duplicates.

:func:`compare` runs the whole chain (ingest when given paths/URLs, analysis, entity
linking, duplicate detection, claim alignment, conflict detection, provenance,
framing and summary) and returns a :class:`Report` whose ``to_dict()`` is the JSON
report contract. Heavy modules (spaCy, onnxruntime) are imported on first use.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storylens.errors import InputError, TooLarge
from storylens.settings import Settings
from storylens.types import Article

if TYPE_CHECKING:
    from storylens.analyse.segment import Segmented
    from storylens.compare.align import EmbedFn
    from storylens.compare.report import Report
    from storylens.compare.workers import AnalysisServer

__all__ = ["Report", "compare", "compare_articles"]

Progress = Callable[[str], None]


def __getattr__(name: str) -> Any:
    # imported on first use, so that the command line's model loader forks early (see
    # storylens._main)
    if name == "Report":
        from storylens.compare.report import Report

        return Report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    one_shot: bool = False,
) -> Report:
    """Compare the articles of one story (paths, URLs, directories or :class:`Article`s).

    Inputs that cannot be read are listed in ``Report.errors``; :class:`InputError` is
    raised when none can be read. ``one_shot`` says this process compares one story and
    exits, as the command line does: the spaCy model is then loaded in a forked worker
    process while the inputs are read (see :mod:`.workers`), and never in this one. By
    default the model is loaded here once and kept for later calls.
    """
    settings = settings or Settings()
    with _session(settings, one_shot, embed) as server:
        return _compare_inputs(list(inputs_or_articles), settings, progress, embed, server)


def _compare_inputs(
    inputs: list[str | Path | Article],
    settings: Settings,
    progress: Progress | None,
    embed: EmbedFn | None,
    server: AnalysisServer | None,
) -> Report:
    articles, errors = _read_inputs(inputs, settings)
    if not articles:
        if len(errors) == 1:
            raise errors[0]
        names = ", ".join(str(i) for i in inputs[:3]) or "(no inputs)"
        reasons = "; ".join(str(e) for e in errors[:3])
        raise InputError(names, f"no readable article{': ' + reasons if reasons else ''}")
    report = _compare(articles, settings, progress, embed, server)
    report.errors = [{"source": e.source, "reason": e.reason} for e in errors]
    from storylens.compare.dedup import exact_copies

    report.duplicates.extend(exact_copies(articles))  # one article read from several inputs
    return report


def compare_articles(
    articles: Sequence[Article],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    embed: EmbedFn | None = None,
    one_shot: bool = False,
) -> Report:
    """Compare already-ingested articles (``one_shot`` as for :func:`compare`)."""
    settings = settings or Settings()
    with _session(settings, one_shot, embed) as server:
        return _compare(articles, settings, progress, embed, server)


@contextlib.contextmanager
def _session(
    settings: Settings, one_shot: bool, embed: EmbedFn | None
) -> Iterator[AnalysisServer | None]:
    """What a comparison starts before reading anything: the model loader of a one-shot
    run (see :func:`_early_server`), and the ONNX session build when the default embedder
    is used, in a thread that is always waited for."""
    with _early_server(settings, one_shot) as server:
        if embed is not None:
            yield server
            return
        from storylens.models import embed as embed_module

        embed_module.preload()
        try:
            yield server
        finally:
            embed_module.wait()  # never leave the loader thread running at exit


def _early_server(
    settings: Settings, one_shot: bool
) -> contextlib.AbstractContextManager[AnalysisServer | None]:
    """For a one-shot comparison, the :class:`AnalysisServer` the command line started
    (see :func:`.workers.start_early`) or a new one, when this process has no model loaded
    yet, may fork and has more than one core to use; else nothing."""
    from storylens.compare import workers

    server = workers.take_early()
    if server is not None and (not one_shot or workers.processes(settings) < 2):
        server.close()  # the settings say: analyse here
        server = None
    if server is None and one_shot and workers.usable(settings):
        server = workers.AnalysisServer()
    return server if server is not None else contextlib.nullcontext()


def _compare(
    articles: Sequence[Article],
    settings: Settings,
    progress: Progress | None,
    embed: EmbedFn | None,
    server: AnalysisServer | None = None,
) -> Report:
    from storylens.analyse.linking import link_entities
    from storylens.analyse.segment import STAGE as SEGMENT_STAGE
    from storylens.compare.align import STAGE as ALIGN_STAGE
    from storylens.compare.align import align_claims
    from storylens.compare.dedup import find_duplicates, units
    from storylens.compare.lexicon import load_lexicon
    from storylens.compare.provenance import SourceNames
    from storylens.compare.report import add_provenance, build_report, resolve_conflicts
    from storylens.compare.workers import story_processes

    note = progress or (lambda _stage: None)
    articles = _unique_ids(articles)
    _check_size(articles, settings)
    note("duplicates")
    duplicates = find_duplicates(articles, settings.dedup_threshold)
    unit_of = units(articles, duplicates)
    outlet_of = {a.id: a.outlet for a in articles}
    note("analysis")
    processes = story_processes(articles, settings)
    if server is not None:
        server.submit(articles, processes, settings)
        load_lexicon(settings)  # read and compiled here while the workers analyse
        # a one-shot process keeps what it holds now to the end: left out of the full
        # collections the results and the alignment set off, each ~0.02 s otherwise
        gc.freeze()
        segmented = server.result()
    else:
        segmented = analyse_and_segment(articles, settings, processes)
    analyses = segmented.analyses
    if embed is None:  # embedded in the background while entities are linked and scored
        from storylens.compare.align import alignment_texts
        from storylens.models.embed import Background

        embed = Background(alignment_texts(analyses, segmented.focus, segmented.parts))
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
        parts=segmented.parts,
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
        parts=segmented.parts,
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

    ``workers`` > 1 forks an analysis server (see :mod:`.workers`) that shares this
    process's model, where forking is safe; else everything runs here. Both stages work
    article by article, so the result is the same either way.
    """
    from storylens.analyse.forking import fork_is_safe
    from storylens.compare.workers import AnalysisServer, complete
    from storylens.models import embed as embed_module

    items = list(articles)
    if workers >= 2 and len(items) >= 2:
        embed_module.wait()  # the model loader thread must be done before the process forks
        if fork_is_safe():
            from storylens.models.nlp import get_nlp

            get_nlp()  # loaded once here, inherited by the forked processes
            with AnalysisServer() as forked:
                return forked.analyse(items, workers, settings)
    return complete(items, settings, {})


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
