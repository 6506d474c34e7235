"""Compare the articles of one story: alignment, conflicts, provenance, duplicates.

:func:`compare` runs the whole chain (ingest when given paths/URLs, analysis, entity
linking, duplicate detection, claim alignment, conflict detection, provenance,
framing and summary) and returns a :class:`Report` whose ``to_dict()`` is the JSON
report contract (typed in :mod:`storylens.report_types`). Heavy modules (spaCy,
onnxruntime) are imported on first use; the articles are analysed on the shared analysis
executor (see :mod:`storylens.analyse.parallel`), whose workers load the model while this
process reads the inputs and builds the embedding session.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storylens.errors import InputError, TooLarge
from storylens.settings import Settings
from storylens.types import Article

if TYPE_CHECKING:
    from storylens.comparison.report import Report
    from storylens.comparison.scoring import EmbedFn

__all__ = ["Report", "compare", "compare_articles"]

Progress = Callable[[str], None]


def __getattr__(name: str) -> Any:
    # imported on first use: a comparison starts its analysis workers before it imports
    # the rest of the chain
    if name == "Report":
        from storylens.comparison.report import Report

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
        from storylens.ingestion import ingest

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
    with _session(settings, embed):
        return _compare_inputs(list(inputs_or_articles), settings, progress, embed)


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
    report = _compare(articles, settings, progress, embed)
    report.errors = [{"source": e.source, "reason": e.reason} for e in errors]
    from storylens.comparison.dedup import exact_copies

    report.duplicates.extend(exact_copies(articles))  # one article read from several inputs
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
    with _session(settings, embed):
        return _compare(articles, settings, progress, embed)


@contextlib.contextmanager
def _session(settings: Settings, embed: EmbedFn | None) -> Iterator[None]:
    """What a comparison starts before reading anything: the analysis workers (see
    :func:`storylens.analyse.parallel.start`), and the ONNX session build when the default
    embedder is used, in a thread that is always waited for."""
    from storylens.analyse import parallel

    parallel.start(settings)
    if embed is not None:
        yield
        return
    from storylens.models import embed as embed_module

    embed_module.preload()
    try:
        yield
    finally:
        embed_module.wait()  # never leave the loader thread running at exit


def _compare(
    articles: Sequence[Article],
    settings: Settings,
    progress: Progress | None,
    embed: EmbedFn | None,
) -> Report:
    from storylens.analyse.linking import link_entities
    from storylens.analyse.segment import STAGE as SEGMENT_STAGE
    from storylens.analyse.tasks import analyse_and_segment
    from storylens.comparison.align import STAGE as ALIGN_STAGE
    from storylens.comparison.align import align_claims, best_elsewhere, ordered
    from storylens.comparison.dedup import find_duplicates, units
    from storylens.comparison.describe import describe_groups, split_facts
    from storylens.comparison.event_groups import STAGE as EVENTS_STAGE
    from storylens.comparison.lexicon import load_lexicon
    from storylens.comparison.partly import split_other_counts, split_unstated
    from storylens.comparison.provenance import SourceNames
    from storylens.comparison.report import add_provenance, build_report, resolve_conflicts

    note = progress or (lambda _stage: None)
    articles = _unique_ids(articles)
    _check_size(articles, settings)
    note("duplicates")
    duplicates = find_duplicates(articles, settings.dedup_threshold)
    unit_of = units(articles, duplicates)
    outlet_of = {a.id: a.outlet for a in articles}
    load_lexicon(settings)  # read and compiled while the workers load the model
    note("analysis")
    segmented = analyse_and_segment(articles, settings)
    analyses = segmented.analyses
    if embed is None:  # embedded in the background while entities are linked and scored
        from storylens.comparison.align import alignment_texts
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
        lemmas=segmented.lemmas,
    )
    names = SourceNames(
        entities, outlet_of.values(), {a.article.id: a.article.text for a in analyses}
    )
    alignment.speaks_for = names.roles  # "Peskov said" gives "the Kremlin"
    elsewhere = best_elsewhere(alignment)  # one pass over the story's part scores
    describe_groups(alignment, settings, elsewhere)  # each group's wording and outlet details
    all_outlets = ordered(outlet_of[a.article.id] for a in analyses)
    name_words = {w for e in entities for name in (e.name, *e.aliases) for w in name.split()}
    # a "partly" member that says nothing of the wording is a fact apart
    split_unstated(alignment, all_outlets, name_words)
    detector = resolve_conflicts(alignment, settings)
    # one fact a group, once the conflicts are read
    split_facts(alignment, settings, name_words, all_outlets, elsewhere)
    split_other_counts(alignment, all_outlets)
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
            "events": EVENTS_STAGE,
            "conflicts": detector,
        },
    )


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
