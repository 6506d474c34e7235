"""``storylens stories``: list the store's stories, build them, find blindspots."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from storylens.cli.app import (
    app,
    cluster_options,
    console,
    fail,
    load_settings,
    note,
    plain,
    progress_bar,
    write_json,
)
from storylens.errors import StorylensError
from storylens.settings import Settings

stories_app = typer.Typer(
    help="Stories in the store: list them (with outlet counts), build them, find blindspots.",
    invoke_without_command=True,
)
app.add_typer(stories_app, name="stories")


def _settings(config: Path | None, db: str | None) -> Settings:
    try:
        return load_settings(config, db=db)
    except StorylensError as exc:
        fail(str(exc))


@stories_app.callback(invoke_without_command=True)
def stories_command(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help="Store URL or path (default: settings)."),
    blindspots: Path | None = typer.Option(
        None,
        "--blindspots",
        help="JSON file mapping group names to outlet lists: stories some groups miss.",
    ),
    min_outlets: int = typer.Option(
        2, "--min-outlets", help="With --blindspots: grouped outlets a story needs to count."
    ),
    limit: int = typer.Option(50, "--limit", help="Show at most this many stories (0: all)."),
    search: str | None = typer.Option(
        None,
        "--search",
        "-q",
        help="Only stories whose title, names or article titles hold all these words.",
    ),
    outlet: str | None = typer.Option(None, "--outlet", help="Only stories this outlet covers."),
    date_from: str | None = typer.Option(
        None, "--from", help="Only stories last published on or after this date (YYYY-MM-DD)."
    ),
    date_to: str | None = typer.Option(
        None, "--to", help="Only stories first published on or before this date (YYYY-MM-DD)."
    ),
    sort: str = typer.Option("last", "--sort", help="Sort by the last or first published date."),
    oldest_first: bool = typer.Option(False, "--oldest-first", help="Oldest stories first."),
    page: int = typer.Option(1, "--page", help="Page of --limit stories to show (from 1)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """List the stories in the store, newest first, with outlet and article counts.

    Search, filter by outlet and date range, sort and page with the options. Run
    `storylens stories build` first to group stored articles into stories.
    """
    if ctx.invoked_subcommand is not None:
        return
    from storylens.store import Store
    from storylens.store.browse import MAX_PER_PAGE, StoryQuery, find_stories

    settings = _settings(config, db)
    try:
        with Store.open(settings.db) as store:
            if blindspots is None:
                query = StoryQuery(
                    q=search or "",
                    outlet=outlet,
                    date_from=date_from,
                    date_to=date_to,
                    sort=sort,
                    order="asc" if oldest_first else "desc",
                    page=page,
                    per_page=min(limit, MAX_PER_PAGE) if limit > 0 else MAX_PER_PAGE,
                )
                listed = find_stories(store, query)
                rows, total = listed.stories, listed.total
                while limit <= 0 and len(rows) < total and listed.stories:
                    query = replace(query, page=query.page + 1)
                    listed = find_stories(store, query)
                    rows += listed.stories
                _show_stories(rows[: limit or None], as_json, total)
                return
            rows = store.list_stories()
            if blindspots is not None:
                from storylens.stories.blindspots import blindspots as find
                from storylens.stories.blindspots import load_groups

                groups = load_groups(blindspots)
                found = find(rows, store.story_outlets(), groups, min_outlets=min_outlets)
                _show_blindspots(found[: limit or None], as_json, len(found))
                return
    except StorylensError as exc:
        fail(str(exc))


def _show_stories(rows: list[dict[str, Any]], as_json: bool, total: int) -> None:
    if as_json:
        write_json(rows, None)
        return
    table = Table(title=f"{total} stor{'y' if total == 1 else 'ies'}")
    for name in ("id", "title", "outlets", "articles", "first", "last", "report"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(
            plain(r["id"]),
            plain((r["title"] or "")[:80]),
            str(r["outlets"]),
            str(r["articles"]),
            plain(r["first_published"] or "—"),
            plain(r["last_published"] or "—"),
            "yes" if r["has_report"] else "",
        )
    console.print(table)


def _show_blindspots(rows: list[dict[str, Any]], as_json: bool, total: int) -> None:
    if as_json:
        write_json(rows, None)
        return
    table = Table(title=f"{total} blindspot stor{'y' if total == 1 else 'ies'}")
    for name in ("id", "title", "covered by", "missed by"):
        table.add_column(name, overflow="fold")
    for r in rows:
        covered = "; ".join(f"{g}: {', '.join(o)}" for g, o in r["covered_by"].items())
        table.add_row(
            plain(r["id"]),
            plain((r["title"] or "")[:70]),
            plain(covered),
            plain(", ".join(r["missing"])),
        )
    console.print(table)


@stories_app.command("build")
def build_command(
    db: str | None = typer.Option(None, "--db", help="Store URL or path (default: settings)."),
    rebuild: bool = typer.Option(
        False, "--rebuild", help="Start over instead of extending the existing stories."
    ),
    method: str = typer.Option(
        "stories.event.v1",
        "--method",
        help="Story vectors: stories.event.v1, stories.tfidf.v1, stories.hybrid.v1 or "
        "stories.minilm.v1.",
    ),
    threshold: float | None = typer.Option(
        None, "--threshold", help="Minimum score for an article to join a story."
    ),
    window: int | None = typer.Option(
        None, "--window", help="Days an article may lie outside a story's date range."
    ),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Group the stored articles into stories (near-duplicates, then clustering).

    Incremental: articles already in a story stay there; new ones join the best
    matching story or open a new one.
    """
    from storylens.store import Store
    from storylens.stories.build import build_stories

    settings = _settings(config, db)
    try:
        options = cluster_options(method, threshold, window)
        with (
            Store.open(settings.db) as store,
            progress_bar("reading articles") as progress,
        ):
            task = progress.add_task("read", total=store.count_articles())
            result = build_stories(
                store, options, rebuild=rebuild, progress=lambda n: progress.advance(task, n)
            )
    except StorylensError as exc:
        fail(str(exc))
    if result.method != method:
        note(f"extending stories built with {result.method} (--rebuild to switch)")
    note(
        f"clustered {result.clustered} article(s): {result.stories_new} new stor"
        f"{'y' if result.stories_new == 1 else 'ies'}, {result.stories_extended} extended, "
        f"{result.duplicates} near-duplicate(s)"
    )
