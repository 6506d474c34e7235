"""``storylens eval alignment``: claim groups scored against cross-document event links."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import TimeElapsedColumn

from storylens.cli.app import (
    eval_app,
    fail,
    load_settings,
    print_measures,
    progress_bar,
    write_json,
)
from storylens.errors import StorylensError


def _topics(spec: str | None) -> list[int] | None:
    """``"1-5,9"`` -> [1, 2, 3, 4, 5, 9]; None for all topics."""
    if not spec:
        return None
    out: list[int] = []
    try:
        for part in spec.split(","):
            lo, _, hi = part.strip().partition("-")
            out.extend(range(int(lo), int(hi or lo) + 1))
    except ValueError:
        fail(f"--topics {spec!r}: expected numbers and ranges such as 1-5,9")
    return out


@eval_app.command("alignment")
def eval_alignment_command(
    data: Path = typer.Argument(
        ..., help="ECB+ folder (with ECBplus_coreference_sentences.csv and ECB+/<topic>/)."
    ),
    topics: str | None = typer.Option(None, "--topics", help="Topics to run, e.g. 1-5,9."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the scores as JSON."),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Compare each ECB+ sub-topic as one story and print claim-pair precision/recall/F1
    and the share of false `unique` claims."""
    from storylens.eval.alignment import evaluate

    wanted = _topics(topics)
    try:
        settings = load_settings(config)
        with progress_bar("{task.description}", TimeElapsedColumn()) as bar:
            task = bar.add_task("sub-topics", total=None)

            def step(name: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=f"sub-topic {name}")

            scores = evaluate(data, settings, topics=wanted, progress=step)
    except StorylensError as exc:
        fail(str(exc))
    if json_out is not None:
        write_json(scores.to_dict(), json_out)
    rows = [
        ("sub-topics", str(scores.subtopics)),
        ("documents", str(scores.documents)),
        ("claims", str(scores.claims)),
        ("claims mentioning an event", str(scores.event_claims)),
        ("claim pairs sharing an event", str(scores.gold_pairs)),
        ("claim pairs in one event", str(scores.predicted_pairs)),
        ("pair precision", f"{scores.precision:.3f}"),
        ("pair recall", f"{scores.recall:.3f}"),
        ("pair F1", f"{scores.f1:.3f}"),
        (
            "in one claim group only: P / R / F1",
            f"{scores.fact_precision:.3f} / {scores.fact_recall:.3f} / {scores.fact_f1:.3f}",
        ),
        ("unique claims mentioning an event", str(scores.unique_event_claims)),
        ("false unique share", f"{scores.false_unique_share:.3f}"),
        (
            "agreed / partial / conflicting groups",
            f"{scores.agreed_groups} / {scores.partial_groups} / {scores.conflicting_groups}",
        ),
        ("seconds", f"{scores.seconds:.1f}"),
    ]
    print_measures(f"claim alignment on {data}", rows)
