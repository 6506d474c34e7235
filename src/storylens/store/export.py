"""Export the store as analysis tables: Parquet, JSON Lines or CSV.

Tables (one file each, ``<table>.<ext>``):

* ``articles``      one row per article, with its story id and near-duplicate link
* ``stories``       one row per story: title, outlet and article counts, date range
* ``claims``        every claim of every saved report, with its story id
* ``claim_groups``  every claim group of every saved report (agreed/unique/conflicting)
* ``framing``       per story and outlet: loaded-term count, the terms, scalar scores

List columns stay lists in Parquet and JSON Lines and become JSON text in CSV;
nested objects (claim arguments, group differences) are JSON text in Parquet and
CSV. Articles are written in batches, so exports of large stores stay in bounded memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError, StoreError
from storylens.store.store import Store

FORMATS = ("parquet", "jsonl", "csv")
BATCH = 5000

# column name -> kind: str | int | float | bool | list (of strings) | json (nested value)
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "id": "str",
        "story_id": "str",
        "outlet": "str",
        "url": "str",
        "title": "str",
        "byline": "str",
        "published": "str",
        "language": "str",
        "words": "int",
        "similarity": "float",
        "duplicate_of": "str",
        "source": "str",
        "text": "str",
    },
    "stories": {
        "id": "str",
        "title": "str",
        "outlets": "int",
        "articles": "int",
        "first_published": "str",
        "last_published": "str",
        "created": "str",
        "method": "str",
        "has_report": "bool",
    },
    "claims": {
        "story_id": "str",
        "id": "str",
        "article": "str",
        "outlet": "str",
        "start": "int",
        "end": "int",
        "text": "str",
        "predicate": "str",
        "attributed_to": "list",
        "hedged": "bool",
        "negated": "bool",
        "arguments": "json",
    },
    "claim_groups": {
        "story_id": "str",
        "id": "str",
        "status": "str",
        "claims": "list",
        "outlets": "list",
        "primary_sources": "list",
        "independent_sources": "int",
        "differences": "json",
    },
    "framing": {
        "story_id": "str",
        "outlet": "str",
        "loaded_terms": "int",
        "terms": "list",
        "scores": "json",
    },
}


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }[kind]


# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any, kind: str, fmt: str) -> Any:
    """``value`` as written to a ``fmt`` file; CSV text cells are defused against formulas."""
    cell = _plain_cell(value, kind, fmt)
    if fmt == "csv" and isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _plain_cell(value: Any, kind: str, fmt: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return value if fmt == "jsonl" else json.dumps(value, ensure_ascii=False)
    if kind == "list":
        items = [str(v) for v in value]
        return json.dumps(items, ensure_ascii=False) if fmt == "csv" else items
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    return str(value)


class _Writer:
    """Streams rows of one table to one file in the chosen format."""

    def __init__(self, out: Path, table: str, fmt: str) -> None:
        self.columns = COLUMNS[table]
        self.fmt = fmt
        self.path = out / f"{table}.{fmt}"
        self.rows = 0
        self._fh: Any = None
        self._writer: Any = None
        if fmt == "jsonl":
            self._fh = self.path.open("w", encoding="utf-8")

    def _schema(self) -> Any:
        import pyarrow as pa

        kinds = self.columns.items()
        if self.fmt == "csv":
            return pa.schema(
                [(n, pa.string() if k in ("list", "json") else _arrow_type(k)) for n, k in kinds]
            )
        return pa.schema([(n, _arrow_type(k)) for n, k in kinds])

    def write(self, rows: list[dict[str, Any]]) -> None:
        cleaned = [{n: _cell(r.get(n), k, self.fmt) for n, k in self.columns.items()} for r in rows]
        self.rows += len(cleaned)
        if self.fmt == "jsonl":
            self._fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in cleaned)
            return
        import pyarrow as pa

        batch = pa.Table.from_pylist(cleaned, schema=self._schema())
        if self._writer is None:
            self._writer = self._open_writer(batch.schema)
        self._writer.write_table(batch)

    def _open_writer(self, schema: Any) -> Any:
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetWriter(self.path, schema, compression="zstd")
        import pyarrow.csv as pacsv

        return pacsv.CSVWriter(self.path, schema)

    def close(self) -> None:
        if self.fmt == "jsonl":
            self._fh.close()
            return
        if self._writer is None:  # an empty table still gets its header/schema
            import pyarrow as pa

            self._writer = self._open_writer(self._schema())
            self._writer.write_table(pa.Table.from_pylist([], schema=self._schema()))
        self._writer.close()


def _chunks(rows: Iterable[dict[str, Any]], size: int = BATCH) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def article_rows(store: Store) -> Iterator[dict[str, Any]]:
    links = store.story_links()
    for article in store.iter_articles():
        story_id, similarity, duplicate_of = links.get(article.id, (None, None, None))
        yield {
            **article.to_dict(),
            "story_id": story_id,
            "similarity": similarity,
            "duplicate_of": duplicate_of,
            "words": len(article.text.split()),
        }


def report_rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Claims, claim groups and framing rows from every saved report."""
    out: dict[str, list[dict[str, Any]]] = {"claims": [], "claim_groups": [], "framing": []}
    for story_id, report in store.iter_reports():
        outlets = {a.get("id"): a.get("outlet") for a in report.get("articles") or []}
        for claim in report.get("claims") or []:
            out["claims"].append(
                {**claim, "story_id": story_id, "outlet": outlets.get(claim.get("article"))}
            )
        for group in report.get("claim_groups") or []:
            out["claim_groups"].append({**group, "story_id": story_id})
        for frame in report.get("framing") or []:
            terms = frame.get("loaded_terms") or []
            scores = {
                k: v
                for k, v in frame.items()
                if k not in ("outlet", "loaded_terms") and isinstance(v, int | float | str | bool)
            }
            out["framing"].append(
                {
                    "story_id": story_id,
                    "outlet": frame.get("outlet"),
                    "loaded_terms": len(terms),
                    "terms": [t.get("text", "") for t in terms if isinstance(t, dict)],
                    "scores": scores,
                }
            )
    return out


def export_store(store: Store, out: Path, fmt: str) -> dict[str, int]:
    """Write every table to ``out``; returns rows written per table."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{out}: cannot create the export folder: {exc}") from exc
    counts: dict[str, int] = {}
    sources: dict[str, Iterable[dict[str, Any]]] = {
        "articles": article_rows(store),
        "stories": store.list_stories(),
        **report_rows(store),
    }
    for table, rows in sources.items():
        writer = _Writer(out, table, fmt)
        try:
            for chunk in _chunks(rows):
                writer.write(chunk)
        finally:
            writer.close()
        counts[table] = writer.rows
    return counts
