"""Articles stored under the ids of earlier versions.

In earlier versions an article's id hashed its outlet with its text even when the outlet was
only the input's file name, so the same text in two differently named files was stored twice.
Now such an article's id comes from its text alone (see
:func:`storylens.ingestion.build.article_id`). A store filled before keeps the old ids; an
article whose old id is already stored is the same article and is not stored again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from storylens.store import schema
from storylens.types import content_id

BATCH = 500


def old_id(row: dict[str, Any]) -> str:
    """The id an article row had before ids left out outlets taken from file names."""
    return content_id(f"{row['outlet']}\n{row['text']}")


def without_old_copies(conn: Connection, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` less those stored already under their old id."""
    old = {old_id(r): r["id"] for r in rows}
    old = {k: v for k, v in old.items() if k != v}
    if not old:
        return list(rows)
    keys = sorted(old)
    stored: set[str] = set()
    column = schema.articles.c.id
    for start in range(0, len(keys), BATCH):
        found = conn.execute(select(column).where(column.in_(keys[start : start + BATCH])))
        stored.update(found.scalars().all())
    stale = {old[k] for k in stored}
    return [r for r in rows if r["id"] not in stale]
