"""``storylens eval attribution``: source/cue/content span scores on PolNeAR-style data."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import TimeElapsedColumn
from rich.table import Table

from storylens.cli.app import console, eval_app, fail, progress_bar, write_json
from storylens.errors import StorylensError


@eval_app.command("attribution")
def eval_attribution_command(
    directory: Path = typer.Argument(
        ..., help="Data set directory with <split>/text/*.txt and <split>/attributions/*.ann."
    ),
    split: str = typer.Option("dev", "--split", help="Which split to score (train, dev, test)."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents."),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the scores as JSON to this file ('-' for stdout)."
    ),
) -> None:
    """Score attribution: span F1 of sources, cues and contents, exact and overlap."""
    from storylens.eval.attribution import ROLES, evaluate, load_split
    from storylens.models.nlp import get_nlp

    if not directory.is_dir():
        fail(f"{directory}: not a directory (expected a PolNeAR-style data set)")
    if limit is not None and limit < 1:
        fail(f"--limit {limit}: must be at least 1")
    try:
        docs = load_split(directory, split)[:limit]
        nlp = get_nlp()
        with progress_bar("attributing", TimeElapsedColumn()) as progress:
            task = progress.add_task("attribution", total=len(docs))
            scores = evaluate(docs, nlp, progress=lambda n: progress.advance(task, n))
    except StorylensError as exc:
        fail(str(exc))
    scores["split"] = split
    if json_out is not None:
        write_json(scores, json_out)
        if str(json_out) == "-":
            return
    table = Table(title=f"attribution spans on {directory.name}/{split} ({len(docs)} documents)")
    table.add_column("role")
    for match in ("exact", "overlap"):
        for metric in ("P", "R", "F1"):
            table.add_column(f"{match} {metric}", justify="right")
    for role in ROLES:
        cells = [
            f"{scores[match][role][key]:.1f}"
            for match in ("exact", "overlap")
            for key in ("precision", "recall", "f1")
        ]
        table.add_row(role, *cells)
    console.print(table)
    words_per_s = scores["words"] / scores["seconds"] if scores["seconds"] else 0.0
    console.print(
        f"{scores['words']} words in {scores['seconds']:.1f} s ({words_per_s:.0f} words/s)"
    )
