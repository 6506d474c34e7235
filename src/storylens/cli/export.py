"""``storylens export``: the store as Parquet, JSON Lines or CSV tables."""

from __future__ import annotations

from pathlib import Path

import typer

from storylens.cli.app import app, fail, load_settings, note
from storylens.errors import StorylensError


@app.command("export")
def export_command(
    out: Path = typer.Option(..., "--out", help="Folder to write the tables into."),
    fmt: str = typer.Option("parquet", "--format", help="parquet, jsonl or csv."),
    db: str | None = typer.Option(None, "--db", help="Store URL or path (default: settings)."),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Export articles, stories, claims, claim groups and framing tables for analysis.

    The files (articles, stories, claims, claim_groups, framing) load directly into
    DuckDB, pandas or polars. Claims, claim groups and framing come from saved reports.
    """
    from storylens.store import Store
    from storylens.store.export import export_store

    try:
        settings = load_settings(config, db=db)
        with Store.open(settings.db) as store:
            counts = export_store(store, out, fmt.lower())
    except StorylensError as exc:
        fail(str(exc))
    summary = ", ".join(f"{n} {table}" for table, n in counts.items())
    note(f"wrote {summary} to {out}")
