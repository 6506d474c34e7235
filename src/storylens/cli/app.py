"""The Typer application object and the helpers every command shares."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from storylens import __version__
from storylens.settings import Settings

if TYPE_CHECKING:
    from storylens.stories.cluster import ClusterOptions

app = typer.Typer(
    name="storylens",
    help="Compare how different outlets cover the same news story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Evaluate storylens components on labelled data sets.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

console = Console()
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storylens {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """storylens: how outlets agree, differ, source and frame one news story."""


def progress_bar(label: str, *extra: ProgressColumn) -> Progress:
    """The progress bar every long command shows on stderr: label, bar, done/total, extras."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        *extra,
        console=err_console,
        transient=True,
    )


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear error line to stderr and exit non-zero (``message`` is not markup)."""
    err_console.print("[bold red]error:[/] ", end="", markup=True)
    err_console.print(printable(message), markup=False, highlight=False)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """Print one warning line to stderr (markup in ``message`` is not interpreted)."""
    err_console.print("[yellow]warning:[/] ", end="", markup=True)
    err_console.print(printable(message), markup=False, highlight=False)


def printable(message: str) -> str:
    """``message`` on one line: control characters (terminal escapes, and line breaks in
    input names that would forge a line of output) shown as ``\\xNN``, ``\\n``, ``\\r``."""
    return message.translate(_VISIBLE)


_NAMED = {"\n": "\\n", "\r": "\\r"}
_VISIBLE = {
    code: _NAMED.get(chr(code), f"\\x{code:02x}")
    for code in (*range(32), *range(127, 160))
    if chr(code) != "\t"
} | {0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\x85"}


def plain(value: object) -> Text:
    """``value`` as inert text for a table cell or a status line: Rich markup in it (a title
    ``[link=...]``, ``[/bold]``) is shown as written, control characters as ``\\xNN``."""
    return Text(printable("" if value is None else str(value)))


def note(message: str) -> None:
    """Print one status line to stderr; nothing in ``message`` is markup."""
    err_console.print(plain(message), highlight=False)


def print_measures(title: str, rows: Iterable[tuple[str, str]]) -> None:
    """An evaluation's figures as a two-column table (the title is text, never markup)."""
    table = Table(title=plain(title))
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)


def load_settings(config: Path | None, **overrides: Any) -> Settings:
    """Defaults, then the config file, then CLI overrides."""
    base = Settings.from_file(config) if config else Settings()
    return base.with_overrides(**overrides)


def cluster_options(
    method: str, threshold: float | None = None, window: int | None = None
) -> ClusterOptions:
    """Story clustering options from the command line (the method checked first); values
    not given keep their defaults."""
    from storylens.stories.cluster import ClusterOptions
    from storylens.stories.vectors import method as check_method

    check_method(method)
    changes: dict[str, Any] = {"method": method}
    if threshold is not None:
        changes["threshold"] = threshold
    if window is not None:
        changes["window_days"] = window
    return ClusterOptions(**changes)


def write_json(data: Any, dest: Path | None) -> None:
    """Write ``data`` as pretty JSON to ``dest`` ('-' or None: stdout)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if dest is None or str(dest) == "-":
        sys.stdout.write(text + "\n")
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text + "\n", encoding="utf-8")


def write_jsonl(records: Iterable[Any], dest: Path | None) -> None:
    """Write one JSON object per line to ``dest`` ('-' or None: stdout)."""
    lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if dest is None or str(dest) == "-":
        sys.stdout.writelines(lines)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("w", encoding="utf-8") as fh:
            fh.writelines(lines)
