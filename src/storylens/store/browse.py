"""Browsing the stories of a store: one page at a time, searched, filtered and sorted.

:func:`find_stories` answers what the web app's story list, the REST API and
``storylens stories`` ask: stories whose title, entity keys (the names its articles share) or
article titles hold every word of ``q`` (each word may come from a different one), covered by
``outlet``, whose dates overlap ``date_from``..``date_to``, sorted by their first or last
publication date, ``per_page`` at a time. Only the page's
stories are counted (articles, outlets, saved report), so a page costs the same in a
store of 100 stories or 100,000.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from storylens.errors import ConfigError
from storylens.store import schema
from storylens.store.store import Store

SORTS = ("last", "first")  # by last or first published date
ORDERS = ("desc", "asc")
MAX_PER_PAGE = 500
MAX_WORDS = 8


@dataclass(frozen=True, kw_only=True)
class StoryQuery:
    """Which stories, in which order, which page (``page`` counts from 1)."""

    q: str = ""
    outlet: str | None = None
    date_from: str | None = None  # ISO date: stories still covered on or after it
    date_to: str | None = None  # ISO date: stories already covered on or before it
    sort: str = "last"
    order: str = "desc"
    page: int = 1
    per_page: int = 50

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ConfigError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")
        if self.order not in ORDERS:
            raise ConfigError(f"order must be one of {', '.join(ORDERS)}, not {self.order!r}")
        if self.page < 1:
            raise ConfigError("page counts from 1")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise ConfigError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None:
                parse_day(value, name.replace("date_", ""))

    @property
    def words(self) -> list[str]:
        return [w for w in self.q.casefold().split() if w][:MAX_WORDS]


@dataclass(slots=True)
class StoryPage:
    """One page of stories and how many match in all."""

    total: int
    page: int
    per_page: int
    stories: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
            "stories": self.stories,
        }


def parse_day(value: str, name: str = "date") -> date:
    """An ISO date (``YYYY-MM-DD``); ConfigError naming ``name`` otherwise."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ConfigError(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(query: StoryQuery, outlets: list[str]) -> list[ColumnElement[bool]]:
    st, sa, art = schema.stories, schema.story_articles, schema.articles
    where: list[ColumnElement[bool]] = []
    for word in query.words:
        pattern = _like(word)
        titled = (
            select(sa.c.story_id)
            .join(art, art.c.id == sa.c.article_id)
            .where(func.lower(art.c.title).like(pattern, escape="\\"))
        )
        where.append(
            or_(
                func.lower(st.c.title).like(pattern, escape="\\"),
                func.lower(st.c.terms).like(pattern, escape="\\"),
                st.c.id.in_(titled),
            )
        )
    if query.outlet:
        covered = (
            select(sa.c.story_id)
            .join(art, art.c.id == sa.c.article_id)
            .where(art.c.outlet.in_(outlets))
        )
        where.append(st.c.id.in_(covered))
    if query.date_from:
        start = parse_day(query.date_from).isoformat()
        where.append(st.c.last_published >= start)
    if query.date_to:
        end = (parse_day(query.date_to) + timedelta(days=1)).isoformat()
        where.append(st.c.first_published < end)
    return where


def _counts(conn: Connection, ids: list[str]) -> dict[str, tuple[int, int, list[str]]]:
    sa, art = schema.story_articles, schema.articles
    out: dict[str, tuple[int, int, list[str]]] = {}
    if not ids:
        return out
    rows = conn.execute(
        select(sa.c.story_id, art.c.outlet, func.count())
        .join(art, art.c.id == sa.c.article_id)
        .where(sa.c.story_id.in_(ids))
        .group_by(sa.c.story_id, art.c.outlet)
    )
    per: dict[str, dict[str, int]] = {}
    for story_id, outlet, n in rows:
        per.setdefault(story_id, {})[outlet] = int(n)
    for story_id, outlets in per.items():
        out[story_id] = (sum(outlets.values()), len(outlets), sorted(outlets))
    return out


def find_stories(store: Store, query: StoryQuery | None = None) -> StoryPage:
    """One page of the stories matching ``query`` (see the module docstring)."""
    query = query or StoryQuery()
    st, reports = schema.stories, schema.reports
    key = st.c.last_published if query.sort == "last" else st.c.first_published
    ordered = key.desc().nulls_last() if query.order == "desc" else key.asc().nulls_last()

    def run(conn: Connection) -> StoryPage:
        outlets: list[str] = []
        if query.outlet:  # exact names, so that the outlet index serves the filter
            wanted = query.outlet.strip().casefold()
            names = conn.execute(select(schema.articles.c.outlet).distinct()).scalars()
            outlets = [str(n) for n in names if str(n).casefold() == wanted]
        where = _conditions(query, outlets)
        condition = and_(*where) if where else None
        total_q = select(func.count()).select_from(st)
        page_q = select(st.c.id, st.c.title, st.c.created, st.c.updated,
                        st.c.first_published, st.c.last_published, st.c.method)  # fmt: skip
        if condition is not None:
            total_q, page_q = total_q.where(condition), page_q.where(condition)
        total = int(conn.execute(total_q).scalar_one())
        rows = conn.execute(
            page_q.order_by(ordered, st.c.id)
            .limit(query.per_page)
            .offset((query.page - 1) * query.per_page)
        ).all()
        ids = [r.id for r in rows]
        counts = _counts(conn, ids)
        reported: set[str] = set()
        if ids:
            found = select(reports.c.story_id).where(reports.c.story_id.in_(ids))
            reported = set(conn.execute(found).scalars())
        stories = []
        for r in rows:
            n_articles, n_outlets, outlet_names = counts.get(r.id, (0, 0, []))
            stories.append(
                {
                    "id": r.id,
                    "title": r.title,
                    "outlets": n_outlets,
                    "outlet_names": outlet_names,
                    "articles": n_articles,
                    "created": r.created,
                    "updated": r.updated,
                    "first_published": r.first_published,
                    "last_published": r.last_published,
                    "method": r.method,
                    "has_report": r.id in reported,
                }
            )
        return StoryPage(total=total, page=query.page, per_page=query.per_page, stories=stories)

    return store._read(run)


def list_outlets(store: Store) -> list[str]:
    """Every outlet with an article in a story, by name."""
    sa, art = schema.story_articles, schema.articles

    def run(conn: Connection) -> list[str]:
        rows = conn.execute(
            select(art.c.outlet).where(art.c.id.in_(select(sa.c.article_id))).distinct()
        ).scalars()
        return sorted(set(rows), key=str.casefold)

    return store._read(run)


def story_summary(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story's row (title, dates, terms, has_report), or None when unknown."""
    st, reports = schema.stories, schema.reports

    def run(conn: Connection) -> dict[str, Any] | None:
        row = conn.execute(select(st).where(st.c.id == story_id)).first()
        if row is None:
            return None
        has = conn.execute(select(reports.c.story_id).where(reports.c.story_id == story_id)).first()
        try:
            terms = json.loads(row.terms) if row.terms else {}
        except json.JSONDecodeError:
            terms = {}
        return {
            "id": row.id,
            "title": row.title,
            "first_published": row.first_published,
            "last_published": row.last_published,
            "size": row.size,
            "terms": list(terms)[:12] if isinstance(terms, dict) else [],
            "has_report": has is not None,
        }

    return store._read(run)


COMPARISON_KEY = "comparison:"  # + story id: a background comparison's last known state


def save_comparison_state(store: Store, story_id: str, state: dict[str, Any]) -> None:
    """Record how a story's background comparison is going (replaces the last record)."""
    key = COMPARISON_KEY + story_id
    value = json.dumps(state, ensure_ascii=False)

    def write(conn: Connection) -> None:
        conn.execute(schema.meta.delete().where(schema.meta.c.key == key))
        conn.execute(schema.meta.insert().values(key=key, value=value))

    store._write(write)


def comparison_state(store: Store, story_id: str) -> dict[str, Any] | None:
    """The last recorded state of a story's background comparison, or None."""
    key = COMPARISON_KEY + story_id

    def run(conn: Connection) -> str | None:
        found = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key))
        value = found.scalar()
        return None if value is None else str(value)

    value = store._read(run)
    if value is None:
        return None
    try:
        state = json.loads(value)
    except json.JSONDecodeError:
        return None
    return state if isinstance(state, dict) else None


__all__ = [
    "StoryPage",
    "StoryQuery",
    "comparison_state",
    "find_stories",
    "list_outlets",
    "save_comparison_state",
    "story_summary",
]
