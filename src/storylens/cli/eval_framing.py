"""``storylens eval framing``: loaded-term detection scored on NewsWCL50 annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from storylens.cli.app import console, eval_app, fail, load_settings, write_json
from storylens.errors import StorylensError


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}"


@eval_app.command("framing")
def eval_framing_command(
    directory: Path = typer.Argument(
        ..., help="NewsWCL50 directory (with fulltext_luisgarchi/2-matched)."
    ),
    lexicon: Path | None = typer.Option(
        None, "--lexicon", help="Extra lexicon JSON whose entries add to the built-in ones."
    ),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the scores as JSON to this file ('-' for stdout)."
    ),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Score loaded-term detection (lexicon and cues) against NewsWCL50 framing annotations."""
    from storylens.eval.framing import evaluate_dir

    if not directory.is_dir():
        fail(f"{directory}: not a directory (expected the NewsWCL50 data set)")
    try:
        settings = load_settings(config, lexicon_file=lexicon)
        report = evaluate_dir(directory, settings)
    except StorylensError as exc:
        fail(str(exc))
    if json_out is not None:
        write_json(report, json_out)
        if str(json_out) == "-":
            return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    table = Table(
        title=(
            f"Loaded terms vs NewsWCL50 framing phrases: {report['articles']} articles, "
            f"{report['lexicon_entries']} lexicon entries plus cues"
        )
    )
    for name in ("events", "flagged", "P", "P any", "R", "F1", "ρ articles", "ρ in event"):
        table.add_column(name, justify="left" if name == "events" else "right")
    rows = [("all", report)]
    if "held_out" in report:
        held = report["held_out"]["events"]
        rows.append((f"held out {held[0]}-{held[-1]}", report["held_out"]))
    for label, part in rows:
        phrase, corr = part["phrase"], part["correlation"]
        table.add_row(
            label,
            str(phrase["predicted"]),
            _fmt(phrase["precision"]),
            _fmt(phrase["precision_any"]),
            _fmt(phrase["recall"]),
            _fmt(phrase["f1"]),
            _fmt(corr["articles"]),
            _fmt(corr["within_event"]),
        )
    console.print(table)
    console.print(
        "P: flagged spans overlapping an annotated framing phrase (PROPERTY); P any: overlapping"
        " any coded phrase; R: framing phrases hit; ρ: Spearman of per-article rates."
    )
    orient = Table(title="Per 1000 words, by outlet orientation (LL far left ... RR far right)")
    for name in ("orientation", "loaded terms (ours, narration)", "framing phrases (annotated)"):
        orient.add_column(name, justify="left" if name == "orientation" else "right")
    for name, row in report["by_orientation"].items():
        orient.add_row(name, _fmt(row["loaded_per_1000"]), _fmt(row["properties_per_1000"]))
    console.print(orient)
    kinds = Table(title="By kind of cue (all 50 articles)")
    for name in ("kind", "flagged", "P"):
        kinds.add_column(name, justify="left" if name == "kind" else "right")
    for name, row in report.get("by_category", {}).items():
        kinds.add_row(name, str(row["flagged"]), _fmt(row["precision"]))
    console.print(kinds)
