"""Export: every table is written in every format and reads back with the stored values."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storylens.errors import ConfigError
from storylens.store import Store, StoryRecord
from storylens.store.export import COLUMNS, export_store
from storylens.types import Article, content_id

TEXTS = {
    "Harbor Ledger": "The Tarn dam breach was sealed overnight, engineers said.",
    "Coastal Voice": "Engineers sealed the Tarn dam breach, but “questions remain”.",
}


def _articles() -> list[Article]:
    return [
        Article(id=content_id(t), outlet=o, text=t, published="2026-03-02", title=f"Dam ({o})")
        for o, t in TEXTS.items()
    ]


def _report(arts: list[Article]) -> dict[str, object]:
    return {
        "articles": [a.to_dict() for a in arts],
        "claims": [
            {
                "id": "c1",
                "article": arts[0].id,
                "start": 4,
                "end": 20,
                "text": arts[0].text[4:20],
                "predicate": "seal",
                "attributed_to": ["engineers"],
                "hedged": False,
                "negated": False,
                "arguments": {"theme": {"text": "breach", "start": 14, "end": 20}},
            }
        ],
        "claim_groups": [
            {
                "id": "g1",
                "claims": ["c1"],
                "outlets": ["Harbor Ledger"],
                "status": "unique",
                "differences": [],
                "primary_sources": ["engineers"],
                "independent_sources": 1,
            }
        ],
        "framing": [
            {
                "outlet": "Coastal Voice",
                "loaded_terms": [
                    {"article": arts[1].id, "start": 0, "end": 5, "text": "x", "why": "y"}
                ],
                "loaded_per_1000": 12.5,
            }
        ],
    }


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "s.db")
    arts = _articles()
    sid = s.save_report(_report(arts))
    s.add_articles([Article(id="a_lonely", outlet="Meridian Times", text="Markets were calm.")])
    s.write_stories([StoryRecord("s_calm", ["a_lonely"], title="Calm markets")])
    assert sid
    return s


def _read(path: Path, fmt: str) -> list[dict[str, object]]:
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export_tables_roundtrip(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    counts = export_store(store, out, fmt)
    assert counts == {"articles": 3, "stories": 2, "claims": 1, "claim_groups": 1, "framing": 1}
    for table in COLUMNS:
        rows = _read(out / f"{table}.{fmt}", fmt)
        assert len(rows) == counts[table]
        assert all(set(r) == set(COLUMNS[table]) for r in rows)
    articles = {r["id"]: r for r in _read(out / f"articles.{fmt}", fmt)}
    dam = _articles()[1]
    assert articles[dam.id]["text"] == dam.text  # typographic quotes survive
    assert articles["a_lonely"]["story_id"] == "s_calm"
    claim = _read(out / f"claims.{fmt}", fmt)[0]
    attributed = claim["attributed_to"]
    assert (json.loads(attributed) if fmt == "csv" else attributed) == ["engineers"]  # type: ignore[arg-type]
    assert claim["outlet"] == "Harbor Ledger"
    frame = _read(out / f"framing.{fmt}", fmt)[0]
    assert str(frame["loaded_terms"]) == "1"


def test_export_empty_store(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as s:
        counts = export_store(s, tmp_path / "out", "parquet")
    assert set(counts.values()) == {0}
    assert pq.read_table(tmp_path / "out" / "claims.parquet").num_rows == 0


def test_export_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xlsx'"):
        export_store(store, tmp_path, "xlsx")
