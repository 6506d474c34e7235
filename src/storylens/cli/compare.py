"""``storylens compare``: compare how the articles of one story cover it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from storylens.cli.app import app, console, err_console, fail, load_settings, warn, write_json
from storylens.errors import StorylensError

if TYPE_CHECKING:
    from storylens.comparison import Report
    from storylens.settings import Settings


@app.command("compare")
def compare_command(
    inputs: list[str] = typer.Argument(
        None, help="Files, directories, URLs or feeds holding the articles of ONE story."
    ),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the JSON report to this file ('-' for stdout)."
    ),
    html_out: Path | None = typer.Option(None, "--html", help="Write an HTML report."),
    md_out: Path | None = typer.Option(None, "--md", help="Write a Markdown report."),
    story: str | None = typer.Option(
        None, "--story", help="Compare a stored story's articles (with --db)."
    ),
    db: str | None = typer.Option(
        None, "--db", help="Store URL or path for --story and --save (default: the local store)."
    ),
    save: bool = typer.Option(
        False, "--save", help="Also save the report (and its articles) in the store."
    ),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
    threshold: float | None = typer.Option(
        None, "--threshold", help="Claim alignment threshold (cosine-based score, 0-1)."
    ),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", min=1, help="Size cap for one input document or record, in bytes."
    ),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow fetching private/loopback addresses."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No terminal report."),
) -> None:
    """Compare the articles of one story: agreement, omissions, conflicts, sources, framing."""
    if not inputs and not story:
        fail("compare: give input files, directories or URLs, or --story ID")
    if inputs and story:
        fail("compare: give either inputs or --story, not both")
    try:
        settings = load_settings(
            config,
            align_threshold=threshold,
            allow_private=allow_private or None,
            max_bytes=max_bytes,
            db=db,
        )
        report = _run(inputs or [], story, settings)
    except StorylensError as exc:
        fail(str(exc))
    for error in report.errors:
        warn(f"{error['source']}: {error['reason']}")
    data = report.to_dict()
    _write_outputs(data, json_out, html_out, md_out)
    if save:
        _save(data, settings.db, story)
    if not quiet and str(json_out) != "-":
        _print_terminal(data)


def _run(inputs: list[str], story: str | None, settings: Settings) -> Report:
    from rich.live import Live
    from rich.spinner import Spinner

    from storylens.comparison import compare, compare_articles

    status = (
        Live(Spinner("dots", "comparing…"), console=err_console, transient=True)
        if err_console.is_terminal
        else None
    )

    progress = (
        (lambda stage: status.update(Spinner("dots", f"comparing: {stage}…"))) if status else None
    )
    if status:
        status.start()

    try:
        if story:
            from storylens.store import Store

            articles = Store.open(settings.db).story_articles(story)
            if not articles:
                fail(f"story {story}: no articles in the store at {settings.db}")
            return compare_articles(articles, settings, progress=progress)
        return compare(inputs, settings, progress=progress)
    finally:
        if status:
            status.stop()


def _save(data: dict[str, Any], db: str, story: str | None) -> None:
    from storylens.store import Store

    try:
        store = Store.open(db)
        try:
            story_id = store.save_report(data, story_id=story)
        finally:
            store.close()
    except StorylensError as exc:
        fail(str(exc))
    err_console.print(f"saved as story {story_id}", markup=False, highlight=False)


def _write_outputs(
    data: dict[str, Any], json_out: Path | None, html_out: Path | None, md_out: Path | None
) -> None:
    try:
        if json_out is not None:
            write_json(data, json_out)
        if html_out is not None:
            from storylens.render.html import render_html

            _write_text(html_out, render_html(data))
        if md_out is not None:
            from storylens.render.markdown import render_markdown

            _write_text(md_out, render_markdown(data))
    except OSError as exc:
        fail(f"{exc.filename or 'output'}: cannot write report: {exc.strerror or exc}")


def _write_text(dest: Path, text: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")


def _print_terminal(data: dict[str, Any]) -> None:
    from storylens.render.terminal import print_report

    print_report(data, console)
