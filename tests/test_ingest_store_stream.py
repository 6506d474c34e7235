"""`storylens ingest --db` streams into the store: bad records warned, reruns add nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from builders import run_cli


def _record(n: int) -> str:
    text = (
        f"The ferry service to Lummen island resumed on day {n} after the storm, the port "
        f"office said. Crews cleared {n + 3} fallen trees from the pier road overnight.\n\n"
        f"Passengers waited up to {n + 1} hours at the terminal before the first crossing."
    )
    return json.dumps(
        {"text": text, "outlet": f"Island Gazette {n}", "url": f"https://gazette.example/{n}"}
    )


def test_ingest_store_stream_counts_and_reruns(tmp_path: Path) -> None:
    source = tmp_path / "feed.jsonl"
    lines = [_record(n) for n in range(5)]
    lines.insert(2, "{not json")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "store.db"

    first = run_cli("ingest", str(source), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "feed.jsonl:3" in first.stderr  # the bad record, named by file and line
    assert "stored 5 new article(s), 0 already" in first.stderr

    second = run_cli("ingest", str(source), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "stored 0 new article(s), 5 already" in second.stderr

    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        table = next(t for t in tables if "article" in t)
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 5


def test_ingest_store_stream_nothing_ingested_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = run_cli("ingest", str(empty), "--db", str(tmp_path / "s.db"))
    assert result.returncode != 0
    assert "empty.txt" in result.stderr
