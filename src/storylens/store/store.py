"""The project store: articles, stories and saved reports in SQLite or PostgreSQL.

``Store.open(path)`` opens (and creates) an embedded SQLite file in WAL mode;
``Store.open("postgresql://user:pw@host/db")`` a PostgreSQL database through
psycopg 3. A ``?schema=NAME`` query parameter on a PostgreSQL URL keeps the
tables in their own schema (created when missing).

Writes are idempotent and crash safe: every call that writes runs in one
transaction, articles are keyed by their content-derived id and by their
canonical URL (both unique), and inserts use ``ON CONFLICT DO NOTHING``, so
re-running an interrupted or concurrent ingest stores each article once.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from storylens.errors import StoreError
from storylens.store import schema
from storylens.store.connect import RETRIES, resolve_url, short_error, sqlite_pragmas, transient
from storylens.store.legacy import without_old_copies
from storylens.store.rows import article_row, row_article
from storylens.store.urls import canonical_url
from storylens.types import Article, StoryRecord, story_id_for

T = TypeVar("T")


@dataclass(slots=True)
class AddResult:
    """What :meth:`Store.add_articles` did: how many were new, how many already stored."""

    new: int = 0
    existing: int = 0
    new_ids: list[str] = field(default_factory=list)

    def __iadd__(self, other: AddResult) -> AddResult:
        self.new += other.new
        self.existing += other.existing
        self.new_ids.extend(other.new_ids)
        return self


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Articles, stories and reports in one database (see the module docstring)."""

    def __init__(self, engine: Engine, *, schema_name: str | None, label: str) -> None:
        self.engine = engine
        self.schema_name = schema_name
        self.label = label

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, url_or_path: str | Path) -> Store:
        """Open (creating when missing) the store at a file path or database URL."""
        sa_url, schema_name = resolve_url(url_or_path)
        label = str(url_or_path).split("@")[-1]  # never echo a password
        try:
            engine = create_engine(sa_url, future=True, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"{label}: cannot open the store: {exc}") from exc
        if engine.dialect.name == "sqlite":
            sqlite_pragmas(engine)
        elif schema_name:
            engine = engine.execution_options(schema_translate_map={None: schema_name})
        store = cls(engine, schema_name=schema_name, label=label)
        store._create()
        return store

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _create(self) -> None:
        def create(conn: Connection) -> None:
            if self.dialect == "postgresql":
                # one creator at a time: concurrent CREATE TABLE races on the catalog
                conn.execute(text("SELECT pg_advisory_xact_lock(7262514)"))
                if self.schema_name:
                    conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema_name}"'))
            schema.metadata.create_all(conn, checkfirst=True)
            found = conn.execute(
                select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
            ).scalar()
            if found is None:
                conn.execute(
                    self._insert(schema.meta)
                    .values(key="schema_version", value=schema.SCHEMA_VERSION)
                    .on_conflict_do_nothing()
                )
            elif found != schema.SCHEMA_VERSION:
                raise StoreError(
                    f"{self.label}: store schema version {found} is not supported "
                    f"(this storylens writes version {schema.SCHEMA_VERSION})"
                )

        self._write(create)

    # -- transactions ------------------------------------------------------------
    def _insert(self, table: Any) -> Any:
        dialect = postgresql if self.dialect == "postgresql" else sqlite
        return dialect.insert(table)

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction, retrying transient lock conflicts."""
        for attempt in range(RETRIES):
            try:
                with self.engine.connect() as conn:
                    conn = conn.execution_options(write=True)
                    with conn.begin():
                        return work(conn)
            except StoreError:
                raise
            except SQLAlchemyError as exc:
                if transient(exc) and attempt < RETRIES - 1:
                    time.sleep(0.05 * 2**attempt * (1 + random.random()))
                    continue
                raise StoreError(f"{self.label}: write failed: {short_error(exc)}") from exc
        raise AssertionError("unreachable")

    def _read(self, work: Callable[[Connection], T]) -> T:
        try:
            with self.engine.connect() as conn, conn.begin():
                return work(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.label}: read failed: {short_error(exc)}") from exc

    # -- articles ----------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store articles once each, in one transaction; report new vs already stored.

        An article is already stored when its id (content-derived) or its
        canonical URL is.
        """
        added = _now()
        rows: list[dict[str, Any]] = []
        seen_ids: set[str] = set()
        seen_urls: set[str] = set()
        duplicates = 0
        for article in articles:
            row = article_row(article, added)
            if row["id"] in seen_ids or (row["url_key"] and row["url_key"] in seen_urls):
                duplicates += 1
                continue
            seen_ids.add(row["id"])
            if row["url_key"]:
                seen_urls.add(row["url_key"])
            rows.append(row)
        if not rows:
            return AddResult(0, duplicates)
        rows.sort(key=lambda r: r["id"])  # a fixed lock order avoids deadlocks

        def insert(conn: Connection) -> list[str]:
            stmt = (
                self._insert(schema.articles)
                .on_conflict_do_nothing()
                .returning(schema.articles.c.id)
            )
            new: list[str] = []
            fresh = without_old_copies(conn, rows)  # stored by an earlier version: not new
            for start in range(0, len(fresh), 500):
                new.extend(conn.execute(stmt, fresh[start : start + 500]).scalars().all())
            return new

        new_ids = self._write(insert)
        return AddResult(len(new_ids), len(rows) - len(new_ids) + duplicates, sorted(new_ids))

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""

        def get(conn: Connection) -> Article | None:
            row = conn.execute(
                select(schema.articles).where(schema.articles.c.id == article_id)
            ).first()
            return row_article(row) if row else None

        return self._read(get)

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in the given order (missing ids skipped)."""
        found: dict[str, Article] = {}
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]

            def get(conn: Connection, chunk: list[str] = chunk) -> list[Article]:
                query = select(schema.articles).where(schema.articles.c.id.in_(chunk))
                return [row_article(r) for r in conn.execute(query)]

            found.update((a.id, a) for a in self._read(get))
        return [found[i] for i in ids if i in found]

    def iter_articles(self, *, batch_size: int = 1000) -> Iterator[Article]:
        """Every stored article, in id order, read in batches (no long-held cursor)."""
        after = ""
        while True:

            def page(conn: Connection, after: str = after) -> list[Article]:
                query = (
                    select(schema.articles)
                    .where(schema.articles.c.id > after)
                    .order_by(schema.articles.c.id)
                    .limit(batch_size)
                )
                return [row_article(r) for r in conn.execute(query)]

            batch = self._read(page)
            if not batch:
                return
            yield from batch
            after = batch[-1].id

    def count_articles(self) -> int:
        """How many articles are stored."""
        return int(
            self._read(
                lambda c: c.execute(select(func.count()).select_from(schema.articles))
            ).scalar_one()
        )

    # -- stories -----------------------------------------------------------------
    def list_stories(self) -> list[dict[str, Any]]:
        """Every story: id, title, outlets (count), articles (count), created, ... newest first."""
        sa, art, st = schema.story_articles, schema.articles, schema.stories

        def query(conn: Connection) -> list[dict[str, Any]]:
            counts = (
                select(
                    sa.c.story_id,
                    func.count(sa.c.article_id).label("articles"),
                    func.count(func.distinct(art.c.outlet)).label("outlets"),
                )
                .join(art, art.c.id == sa.c.article_id)
                .group_by(sa.c.story_id)
                .subquery()
            )
            has_report = (
                select(schema.reports.c.story_id)
                .where(schema.reports.c.story_id == st.c.id)
                .exists()
            )
            rows = conn.execute(
                select(
                    st,
                    func.coalesce(counts.c.articles, 0).label("articles"),
                    func.coalesce(counts.c.outlets, 0).label("outlets"),
                    has_report.label("has_report"),
                )
                .outerjoin(counts, counts.c.story_id == st.c.id)
                .order_by(st.c.last_published.desc().nulls_last(), st.c.created.desc(), st.c.id)
            )
            return [
                {
                    "id": r.id,
                    "title": r.title,
                    "outlets": int(r.outlets),
                    "articles": int(r.articles),
                    "created": r.created,
                    "updated": r.updated,
                    "first_published": r.first_published,
                    "last_published": r.last_published,
                    "method": r.method,
                    "has_report": bool(r.has_report),
                }
                for r in rows
            ]

        return self._read(query)

    def story_outlets(self) -> dict[str, set[str]]:
        """Story id -> the outlets that cover it."""
        sa, art = schema.story_articles, schema.articles

        def query(conn: Connection) -> dict[str, set[str]]:
            out: dict[str, set[str]] = {}
            rows = conn.execute(
                select(sa.c.story_id, art.c.outlet).join(art, art.c.id == sa.c.article_id)
            )
            for story_id, outlet in rows:
                out.setdefault(story_id, set()).add(outlet)
            return out

        return self._read(query)

    def story_article_ids(self, story_id: str) -> list[str]:
        """The ids of a story's articles (empty for an unknown story)."""
        sa = schema.story_articles
        return list(
            self._read(
                lambda c: (
                    c.execute(
                        select(sa.c.article_id)
                        .where(sa.c.story_id == story_id)
                        .order_by(sa.c.article_id)
                    )
                    .scalars()
                    .all()
                )
            )
        )

    def story_articles(self, story_id: str) -> list[Article]:
        """A story's articles, oldest first; StoreError for an unknown story."""
        if not self._story_exists(story_id):
            raise StoreError(f"{self.label}: no story {story_id!r} (see `storylens stories`)")
        sa, art = schema.story_articles, schema.articles

        def query(conn: Connection) -> list[Article]:
            rows = conn.execute(
                select(art)
                .join(sa, sa.c.article_id == art.c.id)
                .where(sa.c.story_id == story_id)
                .order_by(art.c.published.asc().nulls_last(), art.c.outlet, art.c.id)
            )
            return [row_article(r) for r in rows]

        return self._read(query)

    def _story_exists(self, story_id: str) -> bool:
        st = schema.stories
        return self._read(
            lambda c: c.execute(select(st.c.id).where(st.c.id == story_id)).first() is not None
        )

    def story_memberships(self) -> dict[str, str]:
        """Article id -> story id, for every article in a story."""
        sa = schema.story_articles
        return dict(
            self._read(
                lambda c: [(a, s) for a, s in c.execute(select(sa.c.article_id, sa.c.story_id))]
            )
        )

    def story_links(self) -> dict[str, tuple[str, float | None, str | None]]:
        """Article id -> (story id, similarity, near-duplicate of) for every story member."""
        sa = schema.story_articles

        def query(conn: Connection) -> dict[str, tuple[str, float | None, str | None]]:
            rows = conn.execute(
                select(sa.c.article_id, sa.c.story_id, sa.c.similarity, sa.c.duplicate_of)
            )
            return {a: (s, sim, dup) for a, s, sim, dup in rows}

        return self._read(query)

    def story_states(self) -> list[dict[str, Any]]:
        """What incremental clustering needs of each story: centroid, terms, size, dates."""
        st = schema.stories

        def query(conn: Connection) -> list[dict[str, Any]]:
            rows = conn.execute(select(st).order_by(st.c.id))
            return [
                {
                    "id": r.id,
                    "title": r.title,
                    "centroid": r.centroid,
                    "terms": json.loads(r.terms or "{}"),
                    "size": r.size,
                    "first_published": r.first_published,
                    "last_published": r.last_published,
                    "method": r.method,
                }
                for r in rows
            ]

        return self._read(query)

    def write_stories(self, records: Sequence[StoryRecord], *, replace: bool = False) -> int:
        """Create or extend stories in one transaction.

        ``replace`` first clears every story that has no saved report.

        Articles move to the story that lists them. Returns the number of stories written.
        """
        now = _now()

        def write(conn: Connection) -> int:
            if replace:  # stories with a saved report are kept, with their articles
                reported = select(schema.reports.c.story_id)
                conn.execute(
                    delete(schema.story_articles).where(
                        ~schema.story_articles.c.story_id.in_(reported)
                    )
                )
                conn.execute(delete(schema.stories).where(~schema.stories.c.id.in_(reported)))
            for rec in records:
                self._upsert_story(conn, rec, now)
            self._refresh_stories(conn, [r.id for r in records], now)
            return len(records)

        return self._write(write)

    def _upsert_story(self, conn: Connection, rec: StoryRecord, now: str) -> None:
        st, sa = schema.stories, schema.story_articles
        values = {
            "title": rec.title,
            "centroid": rec.centroid,
            "terms": json.dumps(dict(list(rec.terms.items())[:64]), ensure_ascii=False),
            "method": rec.method,
            "updated": now,
        }
        stmt = self._insert(st).values(id=rec.id, created=now, size=0, **values)
        conn.execute(stmt.on_conflict_do_update(index_elements=[st.c.id], set_=values))
        present = self._present(conn, rec.article_ids)
        if not present:
            return
        rows = [
            {
                "story_id": rec.id,
                "article_id": a,
                "similarity": rec.similarities.get(a),
                "duplicate_of": rec.duplicates.get(a),
            }
            for a in sorted(present)
        ]
        ins = self._insert(sa)
        ins = ins.on_conflict_do_update(
            index_elements=[sa.c.article_id],
            set_={
                "story_id": ins.excluded.story_id,
                "similarity": ins.excluded.similarity,
                "duplicate_of": ins.excluded.duplicate_of,
            },
        )
        for start in range(0, len(rows), 500):
            conn.execute(ins, rows[start : start + 500])

    def _present(self, conn: Connection, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` that are stored articles."""
        art = schema.articles
        wanted = sorted(set(ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(conn.execute(select(art.c.id).where(art.c.id.in_(chunk))).scalars())
        return found

    def _refresh_stories(self, conn: Connection, story_ids: Sequence[str], now: str) -> None:
        """Recompute size and date range; drop stories left without articles or report."""
        st, sa, art = schema.stories, schema.story_articles, schema.articles
        stats = {
            sid: (n, lo, hi)
            for sid, n, lo, hi in conn.execute(
                select(
                    sa.c.story_id,
                    func.count(),
                    func.min(art.c.published),
                    func.max(art.c.published),
                )
                .join(art, art.c.id == sa.c.article_id)
                .group_by(sa.c.story_id)
            )
        }
        current = {
            sid: (n, lo, hi)
            for sid, n, lo, hi in conn.execute(
                select(st.c.id, st.c.size, st.c.first_published, st.c.last_published)
            )
        }
        changed = [
            (sid, stats.get(sid, (0, None, None)))
            for sid in current
            if stats.get(sid, (0, None, None)) != current[sid]
        ]
        for sid, (n, lo, hi) in changed:  # only stories whose figures moved
            conn.execute(
                update(st)
                .where(st.c.id == sid)
                .values(size=n, first_published=lo, last_published=hi)
            )
        empty = select(st.c.id).where(
            st.c.size == 0, ~st.c.id.in_(select(schema.reports.c.story_id))
        )
        conn.execute(delete(st).where(st.c.id.in_(empty.scalar_subquery())))

    # -- reports -----------------------------------------------------------------
    def save_report(self, report: dict[str, Any], story_id: str | None = None) -> str:
        """Store a compare report (and its articles) under a story; return the story id.

        Without ``story_id`` the story is identified by the report's article ids.
        """
        articles = [Article.from_dict(a) for a in report.get("articles") or []]
        ids = [a.id for a in articles]
        if story_id is None:
            if not ids:
                raise StoreError(f"{self.label}: cannot save a report without articles")
            story_id = story_id_for(ids)
        if articles:
            self.add_articles(articles)
        title = report.get("title") or next((a.title for a in articles if a.title), None)
        payload = json.dumps(report, ensure_ascii=False)
        now = _now()
        sid = story_id

        def write(conn: Connection) -> str:
            exists = conn.execute(
                select(schema.stories.c.id).where(schema.stories.c.id == sid)
            ).first()
            # articles keep the id the store knows them by (their URL may have matched)
            stored = self._stored_ids(conn, articles)
            if exists is None:
                self._upsert_story(
                    conn, StoryRecord(sid, stored, title=title, method="report"), now
                )
            elif stored:
                rec = StoryRecord(sid, stored, title=title, method=None)
                self._add_members(conn, rec)
            ins = self._insert(schema.reports).values(story_id=sid, report=payload, created=now)
            conn.execute(
                ins.on_conflict_do_update(
                    index_elements=[schema.reports.c.story_id],
                    set_={"report": payload, "created": now},
                )
            )
            self._refresh_stories(conn, [sid], now)
            return sid

        return self._write(write)

    def _add_members(self, conn: Connection, rec: StoryRecord) -> None:
        sa = schema.story_articles
        ins = self._insert(sa)
        ins = ins.on_conflict_do_update(
            index_elements=[sa.c.article_id], set_={"story_id": ins.excluded.story_id}
        )
        conn.execute(ins, [{"story_id": rec.id, "article_id": a} for a in rec.article_ids])

    def _stored_ids(self, conn: Connection, articles: Sequence[Article]) -> list[str]:
        art = schema.articles
        out: list[str] = []
        for a in articles:
            key = canonical_url(a.url)
            cond = art.c.id == a.id if key is None else (art.c.id == a.id) | (art.c.url_key == key)
            found = conn.execute(select(art.c.id).where(cond)).scalars().first()
            if found:
                out.append(found)
        return out

    def get_report(self, story_id: str) -> dict[str, Any] | None:
        """The saved report of a story, or None."""
        rep = schema.reports
        payload = self._read(
            lambda c: c.execute(select(rep.c.report).where(rep.c.story_id == story_id)).scalar()
        )
        return json.loads(payload) if payload else None

    def iter_reports(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(story id, report) for every saved report."""
        rep = schema.reports
        ids = self._read(
            lambda c: c.execute(select(rep.c.story_id).order_by(rep.c.story_id)).scalars().all()
        )
        for sid in ids:
            report = self.get_report(sid)
            if report is not None:
                yield sid, report
