"""``storylens ingest``: turn files, directories, stdin and URLs into clean articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from storylens.cli.app import (
    app,
    console,
    err_console,
    fail,
    load_settings,
    note,
    plain,
    progress_bar,
    warn,
    write_json,
    write_jsonl,
)
from storylens.errors import InputError, StorylensError
from storylens.types import Article

if TYPE_CHECKING:
    from storylens.settings import Settings

STORE_BATCH = 200


@app.command("ingest")
def ingest_command(
    inputs: list[str] = typer.Argument(
        ..., help="Files, directories (recursive), '-' for stdin, JSON Lines files or URLs."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the articles as a JSON array."),
    as_jsonl: bool = typer.Option(False, "--jsonl", help="Print one JSON article per line."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write JSON/JSON Lines to this file instead of stdout."
    ),
    store: bool = typer.Option(False, "--store", help="Store the articles in the default store."),
    db: str | None = typer.Option(None, "--db", help="Store the articles at this store URL/path."),
    outlets: Path | None = typer.Option(
        None, "--outlets", help="JSON file of extra domain -> outlet name mappings."
    ),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow fetching private/loopback addresses."
    ),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", min=1, help="Size cap for one input document or record, in bytes."
    ),
    timeout: float | None = typer.Option(
        None, "--timeout", min=0.001, help="Fetch timeout in seconds."
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero if any input fails."),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Ingest articles: extract and clean the text, detect metadata, report bad inputs.

    Each bad input gets one line on stderr naming it and the reason; the others are
    still ingested. The exit code is non-zero only when nothing could be ingested
    (or, with --strict, when anything failed).
    """
    try:
        settings = load_settings(
            config,
            outlets_file=outlets,
            allow_private=allow_private or None,
            max_bytes=max_bytes,
            fetch_timeout=timeout,
            db=db,
        )
    except StorylensError as exc:
        fail(str(exc))
    if (store or db) and not (as_json or as_jsonl or output is not None):
        # stream into the store batch by batch: memory stays flat and a crash keeps
        # every batch already committed (a rerun skips what is stored)
        stored, errors = _stream_to_store(inputs, settings)
        if not stored:
            fail(f"nothing ingested ({len(errors)} input(s) failed)")
        if strict and errors:
            raise typer.Exit(1)
        return
    articles, errors = _collect(inputs, settings)
    for error in errors:
        warn(f"{error.source}: {error.reason}")
    if not articles:
        fail(f"nothing ingested ({len(errors)} input(s) failed)")
    if as_json or as_jsonl or output is not None:
        records = [a.to_dict() for a in articles]
        if as_jsonl or (output is not None and output.suffix in {".jsonl", ".ndjson"}):
            write_jsonl(records, output)
        else:
            write_json(records, output)
    elif not (store or db):
        console.print(_table(articles, console.width))
    if store or db:
        _store(articles, settings)
    if strict and errors:
        raise typer.Exit(1)


def _collect(inputs: list[str], settings: Settings) -> tuple[list[Article], list[InputError]]:
    from storylens.ingestion import iter_ingest

    articles: list[Article] = []
    errors: list[InputError] = []
    try:
        for item in iter_ingest(inputs, settings):
            if isinstance(item, Article):
                articles.append(item)
            else:
                errors.append(item)
    except StorylensError as exc:  # a configuration problem (bad --outlets file, ...)
        fail(str(exc))
    return articles, errors


def _stream_to_store(inputs: list[str], settings: Settings) -> tuple[int, list[InputError]]:
    """Ingest and store in batches of ``STORE_BATCH`` as articles come; bad inputs warned."""
    from storylens.ingestion import iter_ingest
    from storylens.store import Store

    errors: list[InputError] = []
    batch: list[Article] = []
    seen = new = existing = 0
    try:
        with (
            Store.open(settings.db) as db,
            Progress(
                SpinnerColumn(),
                TextColumn("ingesting: {task.completed} article(s) stored, {task.fields[bad]} bad"),
                console=err_console,
                transient=True,
            ) as progress,
        ):
            task = progress.add_task("ingest", total=None, bad=0)

            def flush() -> None:
                nonlocal new, existing
                result = db.add_articles(batch)
                new += result.new
                existing += result.existing
                progress.advance(task, len(batch))
                batch.clear()

            for item in iter_ingest(inputs, settings):
                if isinstance(item, Article):
                    seen += 1
                    batch.append(item)
                    if len(batch) >= STORE_BATCH:
                        flush()
                else:
                    errors.append(item)
                    progress.update(task, bad=len(errors))
                    warn(f"{item.source}: {item.reason}")
            if batch:
                flush()
    except StorylensError as exc:
        fail(str(exc))
    note(f"stored {new} new article(s), {existing} already in {settings.db}")
    return seen, errors


def _table(articles: list[Article], width: int) -> Table:
    wide = width >= 120  # the id column only where it fits
    table = Table(title=f"{len(articles)} article(s)", expand=True)
    table.add_column("outlet", ratio=2)
    table.add_column("title", ratio=5)
    table.add_column("byline", ratio=2)
    table.add_column("date", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("removed", justify="right", no_wrap=True)
    if wide:
        table.add_column("id", no_wrap=True, style="dim")
    for a in articles:
        row: list[Text | str] = [
            plain(a.outlet),
            plain(a.title),
            plain(a.byline),
            plain(a.published or "—"),
            plain(a.language or "?"),
            str(len(a.text.split())),
            str(len(a.removed)),
        ]
        table.add_row(*row, *([plain(a.id)] if wide else []))
    return table


def _batches(articles: list[Article], size: int) -> Iterator[list[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start : start + size]


def _store(articles: list[Article], settings: Settings) -> None:
    from storylens.store import Store

    new = existing = 0
    try:
        with (
            Store.open(settings.db) as db,
            progress_bar("storing") as progress,
        ):
            task = progress.add_task("store", total=len(articles))
            for batch in _batches(articles, STORE_BATCH):
                result = db.add_articles(batch)
                new += result.new
                existing += result.existing
                progress.advance(task, len(batch))
    except StorylensError as exc:
        fail(str(exc))
    note(f"stored {new} new article(s), {existing} already in {settings.db}")
