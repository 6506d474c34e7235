"""Error messages as a web user reads them.

The library's messages are written for the command line: they name the file as given
(for an upload, a path in the server's private temporary folder) and suggest command-line
options. :func:`for_web` names uploads by their file name and replaces each such hint by
what a user of the web app can do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# (what the command line suggests, what the web user can do instead)
WEB_HINTS: tuple[tuple[str, str], ...] = (
    ("(raise --max-bytes)", "(the server's limit for one file: send a smaller file)"),
    (
        "(use --allow-private to fetch from private networks)",
        "(this server does not fetch from private networks)",
    ),
    (
        "or group a corpus into stories first with `storylens corpus`",
        "or split them into several requests",
    ),
)


def for_web(message: str, folder: Path | None = None) -> str:
    """``message`` without the upload ``folder``'s path and without command-line hints."""
    if folder is not None:
        for prefix in {str(folder), str(folder.resolve())}:
            message = message.replace(prefix + "/", "").replace(prefix, "the upload")
    for cli, web in WEB_HINTS:
        message = message.replace(cli, web)
    return message


def errors_for_web(errors: object, folder: Path | None) -> list[dict[str, str]]:
    """A report's ``errors`` (``source``, ``reason``) with :func:`for_web` applied."""
    if not isinstance(errors, list):
        return []
    return [
        {
            "source": for_web(str(e.get("source", "")), folder),
            "reason": for_web(str(e.get("reason", "")), folder),
        }
        for e in errors
        if isinstance(e, dict)
    ]


def duplicates_for_web(duplicates: object, folder: Path | None) -> list[Any]:
    """A report's ``duplicates`` with the ``sources`` of exact copies named for the web."""
    if not isinstance(duplicates, list):
        return []
    return [
        {**d, "sources": [for_web(str(s), folder) for s in d["sources"]]}
        if isinstance(d, dict) and isinstance(d.get("sources"), list)
        else d
        for d in duplicates
    ]
