"""``storylens eval clustering``: story clustering scored against gold story labels."""

from __future__ import annotations

from pathlib import Path

import typer

from storylens.cli.app import (
    cluster_options,
    eval_app,
    fail,
    load_settings,
    print_measures,
    write_json,
)
from storylens.errors import StorylensError


@eval_app.command("clustering")
def eval_clustering_command(
    corpus: Path = typer.Argument(
        ...,
        help="Labelled corpus: NewsWCL50 folder, one folder per story, or JSON Lines "
        "with a story field.",
    ),
    method: str = typer.Option("stories.event.v1", "--method", help="Story vector method."),
    threshold: float | None = typer.Option(None, "--threshold", help="Join threshold."),
    window: int | None = typer.Option(None, "--window", help="Time window in days."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the scores as JSON."),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Cluster a labelled corpus and print B-cubed precision/recall/F1 and ARI."""
    from storylens.eval.clustering import evaluate

    try:
        settings = load_settings(config)
        scores = evaluate(corpus, settings, cluster_options(method, threshold, window))
    except StorylensError as exc:
        fail(str(exc))
    if json_out is not None:
        write_json(scores.to_dict(), json_out)
    rows = [
        ("articles", str(scores.articles)),
        ("gold stories", str(scores.gold_stories)),
        ("predicted stories", str(scores.predicted_stories)),
        ("B-cubed precision", f"{scores.bcubed_precision:.3f}"),
        ("B-cubed recall", f"{scores.bcubed_recall:.3f}"),
        ("B-cubed F1", f"{scores.bcubed_f1:.3f}"),
        ("ARI", f"{scores.ari:.3f}"),
        ("seconds", f"{scores.seconds:.2f}"),
    ]
    print_measures(f"story clustering on {corpus} ({method})", rows)
