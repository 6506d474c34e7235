"""``storylens serve``: the web app (compare form, stored stories, REST API)."""

from __future__ import annotations

from pathlib import Path

import typer

from storylens.cli.app import app, err_console, fail, load_settings
from storylens.errors import StorylensError


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
    config: Path | None = typer.Option(None, "--config", help="TOML settings file."),
) -> None:
    """Serve the web app: paste URLs or upload files, browse stored stories, REST API."""
    try:
        settings = load_settings(config, db=db)
        import uvicorn

        from storylens.web import create_app

        web = create_app(
            settings=settings,
            allow_private=allow_private,
            max_upload=int(max_upload_mb * 1024 * 1024),
            allowed_hosts=["127.0.0.1", "localhost"]
            if host in ("127.0.0.1", "localhost")
            else ["*"],
        )
    except StorylensError as exc:
        fail(str(exc))
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(
            f"[yellow]warning:[/] serving on {host}: anyone who can reach it can use the app",
            markup=True,
        )
    err_console.print(f"storylens serving on http://{host}:{port}/ (store: {settings.db})")
    uvicorn.run(
        web, host=host, port=port, log_level="warning", access_log=False, server_header=False
    )
