"""``storylens serve``: the web app (compare form, stored stories, REST API)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import typer

from storylens.cli.app import app, err_console, fail, load_settings, note, plain
from storylens.errors import StorylensError

# Host header names a loopback-bound app answers to (DNS rebinding protection)
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the app on this machine (any loopback form)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def host_names(host: str) -> list[str]:
    """The Host headers the app accepts when bound to ``host``: the loopback names plus the
    bound address itself for a loopback bind, any (``*``) otherwise."""
    if not is_loopback(host):
        return ["*"]
    name = host.strip().strip("[]").lower()
    own = f"[{name}]" if ":" in name else name
    return list(dict.fromkeys([*LOOPBACK_NAMES, own]))


def url_host(host: str) -> str:
    """``host`` as it is written in a URL (IPv6 addresses in brackets)."""
    name = host.strip()
    return f"[{name.strip('[]')}]" if ":" in name else name


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port (0: any free)."),
    db: str | None = typer.Option(
        None, "--db", help="Store: a SQLite file path or database URL (default: the user store)."
    ),
    max_upload_mb: float = typer.Option(
        25.0, "--max-upload-mb", min=0.001, help="Largest accepted request body, in MB."
    ),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow fetching URLs on private/loopback addresses."
    ),
    groups: Path | None = typer.Option(
        None,
        "--groups",
        help="Outlet groups for the blindspots page: a JSON file {group: [outlets]}, "
        "as for `storylens stories --blindspots`.",
    ),
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Serve the web app: paste URLs or upload files, browse stored stories, REST API.

    On a loopback address (the default) the app answers only requests that name this
    machine in their Host header. Any other --host makes it reachable from elsewhere.
    With --groups, /blindspots lists the stories some outlet groups miss.
    """
    try:
        settings = load_settings(config, db=db)
        import uvicorn

        from storylens.web import create_app

        web = create_app(
            settings=settings,
            allow_private=allow_private,
            max_upload=int(max_upload_mb * 1024 * 1024),
            allowed_hosts=host_names(host),
            groups_file=groups,
        )
    except StorylensError as exc:
        fail(str(exc))
    if not is_loopback(host):
        _warn_exposed(host)
    note(f"storylens serving on http://{url_host(host)}:{port}/ (store: {settings.db})")
    uvicorn.run(
        web, host=host, port=port, log_level="warning", access_log=False, server_header=False
    )


def _warn_exposed(host: str) -> None:
    lines = (
        f"serving on {host}, which is not a loopback address: the app is REACHABLE FROM "
        "OTHER MACHINES on every network this host is on.",
        "Anyone who can reach it can read the stored stories, store new ones and make this "
        "server fetch public URLs; there is no login. Use --host 127.0.0.1 unless a firewall "
        "or proxy in front of it decides who gets in.",
    )
    for line in lines:
        err_console.print("[bold red]WARNING:[/] ", end="", markup=True)
        err_console.print(plain(line), highlight=False)
