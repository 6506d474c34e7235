"""Fuzz targets for what storylens shows and serves: the terminal renderers and the web
app's upload parsing (registered in ``targets.TARGETS`` as ``terminal`` and ``upload``).

``terminal``: a report and the ingest / analyse / stories tables with Rich markup,
terminal escapes and line breaks in every string field, rendered as plain text and for a
colour terminal, plus warning lines. The contract: nothing raises, no control character
from the input reaches the output, no hyperlink (OSC 8), title (OSC 0) or blink appears,
and a warning stays on one line.

``upload``: raw request bodies (multipart with hostile boundaries, part headers, file
names and contents, truncated bodies; url-encoded forms; JSON) sent to ``/api/compare``
and ``/compare`` of an app in this process. The contract: never a 5xx, a JSON ``detail``
for API errors, and the comparison only ever sees http(s) URLs and files with safe names
directly inside the request's own upload folder.
"""

from __future__ import annotations

import copy
import io
import json
import logging
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


class ProblemFound(AssertionError):
    """A renderer or the web app broke its contract."""


# -- terminal ------------------------------------------------------------------------------

MARKUP = st.sampled_from(
    ["[/bold]", "[/]", "[bold red]", "[link=http://evil.example]CLICK[/link]", "[blink]",
     "[/link]", "[", "]", "\\[", "\\", "[@click=app.quit]", ":warning:", "[#ff0000 on red]",
     "\x1b]8;;http://evil.example\x1b\\x\x1b]8;;\x1b\\", "\x1b[2J", "\x1b]0;title\x07",
     "\x1b[5m", "\x9b31m", "\x07", "\x08", "\r", "\n", "\r\n", "\u202e", "\u2028", "\x85",
     "\x00", "\ud800", "\t", "\u200b", "\U0001f600", "中文", "Lindqvist Bay"]
)  # fmt: skip
HOSTILE_TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=10)), max_size=6).map("".join)
# what must never come out: OSC sequences (hyperlinks, titles), BEL, blink, clear screen
FORBIDDEN = ("\x1b]", "\x07", "\x1b[5m", "\x1b[2J", "\x9b", "\x08")
_INPUT_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _base_report() -> dict[str, Any]:
    from fixtures.render_report import build_report

    report: dict[str, Any] = build_report()
    return report


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))


BASE_REPORT = _base_report()
LEAVES = list(_leaves(BASE_REPORT))


@dataclass(frozen=True, slots=True)
class TerminalCase:
    """Hostile strings for the report's string fields (in order) and for the tables."""

    strings: tuple[str, ...]
    width: int


def terminal_cases() -> st.SearchStrategy[TerminalCase]:
    return st.builds(
        TerminalCase,
        st.lists(st.one_of(st.none(), HOSTILE_TEXT), min_size=len(LEAVES), max_size=len(LEAVES))
        .map(lambda items: tuple(x if x is not None else "" for x in items)),
        st.sampled_from([40, 80, 200]),
    )  # fmt: skip


def _hostile_report(case: TerminalCase) -> dict[str, Any]:
    report = copy.deepcopy(BASE_REPORT)
    for path, value in zip(LEAVES, case.strings, strict=True):
        if not value:
            continue  # keep the original: ids and outlets still join up
        holder = report
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = value
    return report


def _consoles(width: int) -> tuple[Any, Any]:
    from rich.console import Console

    plain = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)
    colour = Console(file=io.StringIO(), width=width, color_system="truecolor", force_terminal=True)
    return plain, colour


def _check_output(plain: str, colour: str) -> None:
    found = _INPUT_CONTROLS.search(plain)
    if found:
        raise ProblemFound(f"control character {found.group()!r} in plain output")
    for bad in FORBIDDEN:
        if bad in colour:
            raise ProblemFound(f"{bad!r} in terminal output")


def _tables(case: TerminalCase, console: Any) -> None:
    from storylens.cli import analyse, ingest, stories
    from storylens.types import Article

    pick = [s for s in case.strings if s] or ["[/bold]"]

    def text(i: int) -> str:
        return pick[i % len(pick)]

    articles = [
        Article(id=text(i), outlet=text(i + 1), text=text(i + 2) or "x", title=text(i + 3),
                byline=text(i + 4), published=text(i + 5), language=text(i + 6))
        for i in range(3)
    ]  # fmt: skip
    console.print(ingest._table(articles, case.width))
    data = {
        "articles": [
            {"article": a.to_dict(), **{k: [] for k in analyse_keys()}} for a in articles
        ],
        "entities": [
            {"id": text(0), "name": text(1), "type": "PERSON", "mentions": [],
             "aliases": [text(2), text(3)], "labels": {text(4): [text(5)]}}
        ],
    }  # fmt: skip
    row = {"id": text(0), "title": text(1), "outlets": 2, "articles": 3,
           "first_published": text(2), "last_published": None, "has_report": True}  # fmt: skip
    spot = {"id": text(3), "title": text(4), "covered_by": {text(5): [text(6)]},
            "missing": [text(7)]}  # fmt: skip
    saved = analyse.console, stories.console
    analyse.console = stories.console = console
    try:
        analyse.print_tables(data)
        stories._show_stories([row], False, 1)
        stories._show_blindspots([spot], False, 1)
    finally:
        analyse.console, stories.console = saved


def analyse_keys() -> tuple[str, ...]:
    return ("sentences", "mentions", "quotes", "claims", "times")


def _warning_lines(case: TerminalCase) -> None:
    import storylens.cli  # noqa: F401  (the package; its "app" attribute is the Typer app)

    cli_app = sys.modules["storylens.cli.app"]

    from rich.console import Console

    # as the real one: no wrapping, so a line on the screen is a line of the message
    plain = Console(file=io.StringIO(), width=case.width, color_system=None, soft_wrap=True)
    saved = cli_app.err_console
    cli_app.err_console = plain
    try:
        for value in case.strings[:8]:
            cli_app.warn(f"{value}: {value}")
    finally:
        cli_app.err_console = saved
    lines = plain.file.getvalue().splitlines()
    if len(lines) != min(len(case.strings), 8):
        raise ProblemFound(f"a warning took more than one line: {lines[:3]!r}")


def fuzz_terminal(case: TerminalCase) -> None:
    from storylens.render.terminal import print_report

    report = _hostile_report(case)
    plain, colour = _consoles(case.width)
    for console in (plain, colour):
        print_report(report, console)
        _tables(case, console)
    _check_output(plain.file.getvalue(), colour.file.getvalue())
    _warning_lines(case)


def terminal_from_bytes(data: bytes) -> TerminalCase:
    text = data.decode("utf-8", "surrogateescape")
    parts = text.split("\x00")
    strings = tuple(parts[i % len(parts)] if i < len(parts) else "" for i in range(len(LEAVES)))
    return TerminalCase(strings, 40 + (data[0] % 160 if data else 40))


# -- web uploads ---------------------------------------------------------------------------

FILENAMES = st.sampled_from(
    ["story.txt", "../../etc/passwd", "..", ".", "", "a/b/c.html", "C:\\x\\y.md", "a\x00b.txt",
     ".hidden.jsonl", "x" * 300 + ".txt", "many.jsonl", "feed.rss", "crawl.warc.gz",
     "page.html", "a.txt.gz", "story.meta.json", "ü.txt", '"q".txt', "a\r\nX-Evil: 1"]
)  # fmt: skip
PART_NAMES = st.sampled_from(["files", "urls", "other", "", 'fi"les', "files[]"])
URL_TEXT = st.sampled_from(
    ["http://news.example/a", "https://x.example/b c", "javascript:alert(1)", "file:///etc/x",
     "http://127.0.0.1/", "ftp://x", "http://[::1]/", "", "  ", "http://" + "a" * 5000]
)  # fmt: skip
CONTENT_TYPES = st.sampled_from(
    ["multipart/form-data; boundary={b}", "multipart/form-data", "multipart/form-data; boundary=",
     "application/x-www-form-urlencoded", "application/json", "text/plain", "",
     "multipart/form-data; boundary=\"{b}\"", "MULTIPART/FORM-DATA; boundary={b}"]
)  # fmt: skip
BOUNDARIES = st.sampled_from(["xyz", "----WebKitFormBoundary7MA4YWxk", "a" * 70, "=", "-", "b c"])


def _jsonl(n: int) -> bytes:
    lines = (json.dumps({"text": f"Record {i} about Lindqvist Bay."}) for i in range(n))
    return "\n".join(lines).encode()


CONTENTS = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.integers(0, 120).map(_jsonl),
    st.sampled_from(
        [b"The harbour board of Lindqvist Bay met on Tuesday.", b"\x1f\x8b\x08\x00",
         b"<rss><channel>" + b"<item><link>http://x.example/</link></item>" * 80,
         b"[" * 5000, b"WARC/1.0\r\n", b"\xff\xfe" + "Bay".encode("utf-16-le")]
    ),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class UploadCase:
    """One request to the web app, as raw bytes."""

    path: str
    content_type: str
    body: bytes


@st.composite
def upload_cases(draw: st.DrawFn) -> UploadCase:
    boundary = draw(BOUNDARIES)
    kind = draw(CONTENT_TYPES).replace("{b}", boundary)
    if kind == "application/json":
        value = {
            "urls": draw(st.lists(URL_TEXT, max_size=4)),
            "articles": [
                {"text": draw(st.text(max_size=80)), draw(st.sampled_from(["outlet", "url", "x"])):
                 draw(st.text(max_size=20))}
                for _ in range(draw(st.integers(0, 3)))
            ],
        }  # fmt: skip
        body = json.dumps(value if draw(st.booleans()) else value["articles"]).encode()
    elif kind == "application/x-www-form-urlencoded":
        body = b"urls=" + " ".join(draw(st.lists(URL_TEXT, max_size=3))).encode()
    else:
        parts = []
        for _ in range(draw(st.integers(0, 5))):
            disposition = f'form-data; name="{draw(PART_NAMES)}"'
            filename = draw(st.one_of(st.none(), FILENAMES, st.text(max_size=20)))
            if filename is not None:
                disposition += f'; filename="{filename}"'
            head = f"Content-Disposition: {disposition}\r\n"
            if draw(st.booleans()):
                head += f"Content-Type: {draw(st.sampled_from(['text/plain', 'x/y', '']))}\r\n"
            content = draw(st.one_of(CONTENTS, URL_TEXT.map(str.encode)))
            parts.append(head.encode("utf-8", "surrogatepass") + b"\r\n" + content)
        mark = b"--" + boundary.encode()
        body = b"".join(mark + b"\r\n" + p + b"\r\n" for p in parts) + mark + b"--\r\n"
    cut = draw(st.one_of(st.none(), st.integers(0, len(body))))
    path = draw(st.sampled_from(["/api/compare", "/compare"]))
    return UploadCase(path, kind, body if cut is None else body[:cut])


_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SEEN: list[str] = []  # contract breaks the comparer saw (the app turns them into 500s)


def _comparer(inputs: Sequence[Any], settings: Any) -> dict[str, Any]:
    """Stands in for the comparison: checks what it is given, then finds no article."""
    from storylens.errors import NoArticle
    from storylens.types import Article

    for item in inputs:
        if isinstance(item, Article):
            continue
        if item.startswith(("http://", "https://")):
            continue
        folder = Path(item)
        if not folder.name.startswith("storylens-upload-") or not folder.is_dir():
            _SEEN.append(f"the comparer was given {item!r}")
            continue
        for path in folder.rglob("*"):
            if path.parent != folder or not _SAFE_NAME.match(path.name):
                _SEEN.append(f"unsafe upload name {path.name!r} in {path.parent}")
    raise NoArticle("fuzz", "the fuzzing comparer reads nothing")


_CLIENT: list[Any] = []


def _client() -> Any:
    if not _CLIENT:
        from starlette.testclient import TestClient

        for name in ("python_multipart", "multipart"):  # one warning per malformed body
            logging.getLogger(name).setLevel(logging.ERROR)

        from storylens.web import create_app

        folder = Path(tempfile.mkdtemp(prefix="storylens-fuzz-web-"))
        app = create_app(db=str(folder / "s.db"), comparer=_comparer, max_upload=2_000_000)
        _CLIENT.append(TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=True))
    return _CLIENT[0]


def fuzz_upload(case: UploadCase) -> None:
    headers = {"Content-Type": case.content_type} if case.content_type else {}
    response = _client().post(case.path, content=case.body, headers=headers)
    if _SEEN:
        problems = list(_SEEN)
        _SEEN.clear()
        raise ProblemFound("; ".join(problems))
    if response.status_code >= 500:
        raise ProblemFound(f"{response.status_code}: {response.text[:300]}")
    if case.path.startswith("/api/") and response.status_code >= 400:
        detail = response.json().get("detail")
        if not isinstance(detail, str) or not detail.strip():
            raise ProblemFound(f"an API error without a detail: {response.text[:200]}")


def upload_from_bytes(data: bytes) -> UploadCase:
    kinds = ["multipart/form-data; boundary=xyz", "application/json", "multipart/form-data"]
    kind = kinds[data[0] % len(kinds)] if data else kinds[0]
    path = "/compare" if data[1:2] and data[1] % 2 else "/api/compare"
    return UploadCase(path, kind, data[2:])
