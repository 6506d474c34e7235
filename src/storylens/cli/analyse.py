"""``storylens analyse``: entities, descriptors, quotes, claims and times per article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from storylens.cli.app import (
    app,
    console,
    err_console,
    fail,
    load_settings,
    plain,
    warn,
    write_json,
)
from storylens.errors import StorylensError
from storylens.settings import Settings
from storylens.types import Analysis, Entity


@app.command("analyse")
def analyse_command(
    inputs: list[str] = typer.Argument(..., help="Article files, directories or URLs."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the JSON to this file (implies --json)."
    ),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
    aliases: Path | None = typer.Option(
        None, "--aliases", help="Extra entity aliases (JSON, same format as data/aliases.json)."
    ),
    batch_size: int | None = typer.Option(None, "--batch-size", min=1, help="spaCy batch size."),
    n_process: int | None = typer.Option(
        None, "--n-process", min=0, help="Analysis processes (0: one per core, up to four)."
    ),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", min=1, help="Size cap for one input document or record, in bytes."
    ),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow fetching private/loopback addresses."
    ),
) -> None:
    """Analyse articles: entity mentions, linked entities, descriptors, quotes, claims, times."""
    if aliases is not None and not aliases.is_file():
        fail(f"{aliases}: aliases file not found")
    try:
        settings = load_settings(
            config,
            aliases_file=aliases,
            batch_size=batch_size,
            n_process=n_process,
            allow_private=allow_private or None,
            max_bytes=max_bytes,
        )
        data = run(inputs, settings)
    except StorylensError as exc:
        fail(str(exc))
    if json_out or output is not None:
        write_json(data, output)
    else:
        print_tables(data)


def run(inputs: list[str], settings: Settings) -> dict[str, Any]:
    """Ingest, analyse and link ``inputs``; the JSON-ready result."""
    from storylens.analyse import parallel
    from storylens.ingestion import ingest

    parallel.start(settings)  # the model loads while the inputs are read
    result = ingest(inputs, settings)
    for error in result.errors:
        warn(str(error))
    if not result.articles:
        fail("analyse: no readable articles in the inputs")
    from storylens.analyse import analyse, link_entities

    status = err_console.status("analysing…") if err_console.is_terminal else None
    if status:
        status.start()
    try:
        analyses: list[Analysis] = analyse(result.articles, settings)
        entities: list[Entity] = link_entities(analyses, settings)
    finally:
        if status:
            status.stop()
    return {
        "articles": [a.to_dict() for a in analyses],
        "entities": [e.to_dict() for e in entities],
    }


def print_tables(data: dict[str, Any]) -> None:
    """Rich tables: one row per article, then the linked entities."""
    articles = Table(title="Articles", show_lines=False)
    for col in ("outlet", "title", "sentences", "mentions", "quotes", "claims", "times"):
        articles.add_column(col, overflow="fold")
    for item in data["articles"]:
        art = item["article"]
        articles.add_row(
            plain(art.get("outlet")),
            plain(art.get("title") or art.get("source") or art.get("id")),
            *(str(len(item[k])) for k in ("sentences", "mentions", "quotes", "claims", "times")),
        )
    console.print(articles)
    ents = Table(title="Entities")
    for col in ("id", "name", "type", "mentions", "aliases", "labels"):
        ents.add_column(col, overflow="fold")
    for ent in data["entities"]:
        if ent["type"] not in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}:
            continue
        labels = "; ".join(
            f"{outlet}: {', '.join(values)}" for outlet, values in ent["labels"].items()
        )
        ents.add_row(
            plain(ent["id"]),
            plain(ent["name"]),
            plain(ent["type"]),
            str(len(ent["mentions"])),
            plain(", ".join(ent["aliases"])),
            plain(labels),
        )
    console.print(ents)
