"""``storylens eval extraction``: body-text extraction scores on the Zyte benchmark."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import TimeElapsedColumn
from rich.table import Table

from storylens.cli.app import (
    console,
    eval_app,
    fail,
    load_settings,
    progress_bar,
    write_json,
)
from storylens.errors import StorylensError


@eval_app.command("extraction")
def eval_extraction_command(
    directory: Path = typer.Argument(
        ..., help="Benchmark directory with ground-truth.json and html/<id>.html(.gz)."
    ),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N pages."),
    jobs: int = typer.Option(2, "--jobs", "-j", help="Worker processes for extraction."),
    baseline: bool = typer.Option(
        False, "--baseline", help="Also score plain trafilatura.extract for comparison."
    ),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the scores as JSON to this file ('-' for stdout)."
    ),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Score body-text extraction: precision/recall/F1 of 4-gram shingles, as the benchmark does."""
    from storylens.eval.extraction import evaluate, load_cases

    if not directory.is_dir():
        fail(f"{directory}: not a directory (expected the extraction benchmark)")
    systems = ("storylens", "trafilatura") if baseline else ("storylens",)
    try:
        settings = load_settings(config)
        total = len(load_cases(directory, limit=limit)) * len(systems)
        with progress_bar("extracting", TimeElapsedColumn()) as progress:
            task = progress.add_task("extract", total=total)
            report = evaluate(
                directory,
                settings,
                systems=systems,
                limit=limit,
                jobs=max(1, jobs),
                progress=lambda n: progress.advance(task, n),
            )
    except StorylensError as exc:
        fail(str(exc))
    if json_out is not None:
        write_json(report.to_dict(), json_out)
        if str(json_out) == "-":
            return
    table = Table(title=f"Body-text extraction, {len(report.case_ids)} pages (4-gram shingles)")
    for name in ("system", "precision", "recall", "F1", "exact"):
        table.add_column(name, justify="left" if name == "system" else "right")
    for name, m in report.systems.items():
        table.add_row(
            name,
            f"{m['precision']:.3f} ± {m.get('precision_std', 0):.3f}",
            f"{m['recall']:.3f} ± {m.get('recall_std', 0):.3f}",
            f"{m['f1']:.3f} ± {m.get('f1_std', 0):.3f}",
            f"{m['accuracy']:.3f}",
        )
    console.print(table)
