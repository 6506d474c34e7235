"""Opening a store's database: a file path or URL made into a SQLAlchemy URL, SQLite's
settings on every connection, and which errors are worth retrying."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from storylens.errors import StoreError

RETRIES = 8  # attempts of a write that meets a lock conflict
_TRANSIENT = ("database is locked", "deadlock", "could not serialize", "busy")


def resolve_url(url_or_path: str | Path) -> tuple[str, str | None]:
    """The SQLAlchemy URL and the PostgreSQL schema (if any) for a path or URL."""
    raw = str(url_or_path)
    if "://" not in raw:
        path = Path(raw).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{raw}: cannot create the store folder: {exc}") from exc
        return f"sqlite:///{path.resolve()}", None
    scheme, rest = raw.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        parts = urlsplit(f"postgresql+psycopg://{rest}")
        query = dict(parse_qsl(parts.query))
        schema_name = query.pop("schema", None)
        if schema_name is not None and not schema_name.replace("_", "").isalnum():
            raise StoreError(f"{raw}: schema name must be letters, digits and underscores")
        return urlunsplit(parts._replace(query=urlencode(query))), schema_name
    if scheme.startswith("sqlite"):
        return raw, None
    raise StoreError(f"{raw}: unsupported store URL (use a file path, sqlite:/// or postgresql://)")


def sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are issued below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 60000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the lock up front so concurrent writers wait (busy_timeout)
        # instead of failing on a lock upgrade.
        mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def transient(exc: SQLAlchemyError) -> bool:
    message = str(exc).lower()
    return isinstance(exc, OperationalError | DBAPIError) and any(t in message for t in _TRANSIENT)


def short_error(exc: BaseException) -> str:
    first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return first[0] if first else type(exc).__name__
