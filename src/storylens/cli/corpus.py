"""``storylens corpus``: a whole crawl to stories, in-process or on a Dask cluster."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import typer
from rich.progress import TextColumn

from storylens.cli.app import (
    app,
    cluster_options,
    fail,
    load_settings,
    note,
    progress_bar,
    warn,
    write_json,
)
from storylens.errors import StorylensError


@app.command("corpus")
def corpus_command(
    inputs: list[str] = typer.Argument(
        ..., help="WARC files, JSON Lines, feeds, pages or directories of them."
    ),
    out: Path = typer.Option(..., "--out", help="Folder for the Parquet tables."),
    engine: str = typer.Option(
        "local", "--engine", help="local (processes on this machine) or dask."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (default: start a LocalCluster)."
    ),
    workers: int = typer.Option(
        2, "--workers", help="Worker processes (on this machine, or of a Dask LocalCluster)."
    ),
    analyse: bool = typer.Option(
        True, "--analyse/--no-analyse", help="Run the analysis stages (claims table)."
    ),
    db: str | None = typer.Option(
        None, "--db", help="Also load the articles and stories into this store."
    ),
    method: str = typer.Option(
        "stories.event.v1",
        "--method",
        help="Story vectors (event: words, word pairs, names; tfidf: lead only; "
        "hybrid adds MiniLM).",
    ),
    threshold: float | None = typer.Option(None, "--threshold", help="Story join threshold."),
    partition_files: int = typer.Option(
        16, "--partition-files", help="Small input files per partition."
    ),
    summary: Path | None = typer.Option(None, "--json", help="Write the run's figures as JSON."),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", min=1, help="Size cap for one input document or record, in bytes."
    ),
    window_articles: int = typer.Option(
        5000,
        "--window-articles",
        min=0,
        help="Articles a time window of the story grouping reads, with its overlaps "
        "(0: one window, central).",
    ),
    partition_records: int = typer.Option(
        500,
        "--partition-records",
        min=1,
        help="Records per partition of a big JSON Lines or WARC file.",
    ),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow fetching private/loopback addresses."
    ),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Ingest, analyse, de-duplicate and cluster a corpus into stories; write Parquet.

    Writes articles/, claims/ (Parquet parts, one per partition), stories.parquet and
    story_articles.parquet to --out. With --engine dask the partitions run on a Dask
    cluster (--scheduler ADDRESS, or a LocalCluster of --workers processes).
    """
    from storylens.stories.engine import run_corpus

    if db:  # the store (SQLAlchemy) only for a run that loads into one
        from storylens.store.corpus import save_corpus, stored_stories

    try:
        settings = load_settings(
            config, allow_private=allow_private or None, n_process=1, max_bytes=max_bytes
        )
        options = cluster_options(method, threshold)
        with progress_bar("partitions", TextColumn("{task.fields[articles]} articles")) as progress:
            task = progress.add_task("corpus", total=None, articles=0)

            def tick(done: int, articles: int) -> None:
                progress.update(task, completed=done, articles=articles)

            result = run_corpus(
                inputs,
                out,
                settings,
                options,
                engine=engine,
                scheduler=scheduler,
                workers=workers,
                analyse=analyse,
                save=partial(save_corpus, db) if db else None,
                stored=stored_stories(db) if db else None,
                files_per_partition=partition_files,
                records_per_partition=partition_records,
                window_articles=window_articles or None,
                progress=tick,
            )
    except StorylensError as exc:
        fail(str(exc))
    except OSError as exc:  # e.g. an unreachable Dask scheduler
        fail(f"{scheduler or engine}: {exc}")
    for error in result.errors[:20]:
        warn(error)
    if len(result.errors) > 20:
        warn(f"... and {len(result.errors) - 20} more input error(s)")
    if summary is not None:
        write_json(
            {
                "articles": result.articles,
                "stories": result.stories,
                "duplicates": result.duplicates,
                "claims": result.claims,
                "partitions": result.partitions,
                "windows": int(result.stage_seconds.get("windows", 0)),
                "partition_phase_seconds": round(result.stage_seconds.get("partitions", 0), 2),
                "partition_task_seconds": round(result.stage_seconds.get("partition_cpu", 0), 2),
                "workers": result.workers,
                "errors": len(result.errors),
                "seconds": round(result.seconds, 2),
                "articles_per_second": round(result.rate, 2),
            },
            summary,
        )
    if not result.articles:
        fail(f"no articles found in the inputs ({len(result.errors)} input error(s))")
    note(
        f"{result.articles} article(s) → {result.stories} stories "
        f"({result.duplicates} near-duplicate(s), {result.claims} claims) in "
        f"{result.seconds:.1f} s ({result.rate:.1f} articles/s); tables in {out}"
    )
