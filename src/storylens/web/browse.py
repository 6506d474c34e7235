"""Browsing a store in the web app: the story list, story pages, comparisons, blindspots.

Pages: ``GET /`` lists the stories a page at a time (``page``, ``per_page``, ``q``,
``outlet``, ``from``, ``to``, ``sort``, ``order``); ``GET /stories/{id}/articles`` lists
a story's articles, and is what ``/stories/{id}`` shows while the story has no saved
report; ``POST /stories/{id}/compare`` starts its comparison in the background (the page
then shows its progress and reloads itself until the report is there);
``GET``/``POST /blindspots`` lists the stories that some outlet groups miss, with the
groups file given to the app or uploaded on the page.

API: ``GET /api/stories`` takes the same filters and answers one page, with the total in
``X-Total-Count`` and the neighbouring pages in ``Link``; ``POST
/api/stories/{id}/compare`` starts a comparison (202) and ``GET
/api/stories/{id}/comparison`` tells how it is going.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from storylens.errors import ConfigError
from storylens.render.html import content_security_policy, render_page
from storylens.store.browse import StoryPage, StoryQuery, find_stories, list_outlets, story_summary
from storylens.stories.blindspots import blindspots, load_groups
from storylens.web.inputs import RequestProblem

if TYPE_CHECKING:
    from storylens.web.state import AppState

MAX_GROUPS_FILE = 1024 * 1024
BLINDSPOTS_PER_PAGE = 100
REFRESH_SECONDS = 2


def story_href(story_id: str, suffix: str = "") -> str:
    return "/stories/" + quote(story_id, safe="") + suffix


def query_of(
    *,
    q: str | None,
    outlet: str | None,
    date_from: str | None,
    date_to: str | None,
    sort: str,
    order: str,
    page: int,
    per_page: int,
) -> StoryQuery:
    """The story query from request parameters; 422 with the reason when one is wrong."""
    try:
        return StoryQuery(
            q=(q or "").strip(),
            outlet=(outlet or "").strip() or None,
            date_from=(date_from or "").strip() or None,
            date_to=(date_to or "").strip() or None,
            sort=sort,
            order=order,
            page=page,
            per_page=per_page,
        )
    except ConfigError as exc:
        raise RequestProblem(422, str(exc)) from exc


def _params(query: StoryQuery, **changes: Any) -> str:
    values = {
        "q": query.q,
        "outlet": query.outlet or "",
        "from": query.date_from or "",
        "to": query.date_to or "",
        "sort": query.sort,
        "order": query.order,
        "page": query.page,
        "per_page": query.per_page,
        **changes,
    }
    defaults = {"sort": "last", "order": "desc", "page": 1, "per_page": 50}
    kept = {k: v for k, v in values.items() if v not in ("", None) and defaults.get(k) != v}
    return urlencode(kept)


def story_rows(page: StoryPage) -> list[dict[str, Any]]:
    return [{**s, "href": story_href(str(s["id"]))} for s in page.stories]


def pager(query: StoryQuery, page: StoryPage, base: str = "/") -> dict[str, Any]:
    """Links to the first, previous, next and last pages (None where there is none)."""

    def link(number: int) -> str:
        params = _params(query, page=number)
        return f"{base}?{params}#stories" if params else f"{base}#stories"

    last = page.pages
    return {
        "page": page.page,
        "pages": last,
        "total": page.total,
        "first": link(1) if page.page > 1 else None,
        "prev": link(page.page - 1) if page.page > 1 else None,
        "next": link(page.page + 1) if page.page < last else None,
        "last": link(last) if page.page < last else None,
    }


def index_context(state: AppState, query: StoryQuery) -> dict[str, Any]:
    """What the index page's story section shows."""
    page = find_stories(state.store, query)
    return {
        "stories": story_rows(page),
        "pager": pager(query, page),
        "query": query,
        "outlets": list_outlets(state.store),
        "filtered": bool(query.q or query.outlet or query.date_from or query.date_to),
    }


def _web_link(url: str | None) -> str | None:
    """Only http(s) article URLs become links."""
    if not url:
        return None
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None


def render_story(state: AppState, story_id: str) -> str | None:
    """The page listing a story's articles, with its comparison (None: unknown story)."""
    summary = story_summary(state.store, story_id)
    if summary is None:
        return None
    articles = [
        {
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published,
            "url": _web_link(a.url),
            "words": len(a.text.split()),
        }
        for a in state.store.story_articles(story_id)
    ]
    job = state.jobs.get(story_id)
    return render_page(
        "story.html.j2",
        form_action="'self'",
        home_url="/",
        story=summary,
        articles=articles,
        job=job.to_dict() if job is not None else None,
        refresh=REFRESH_SECONDS if job is not None and job.active else None,
        compare_url=story_href(story_id, "/compare"),
        report_url=story_href(story_id) if summary["has_report"] else None,
    )


def _blindspot_rows(
    state: AppState, groups: dict[str, list[str]], min_outlets: int
) -> list[dict[str, Any]]:
    stories = state.store.list_stories()
    rows = blindspots(stories, state.store.story_outlets(), groups, min_outlets=min_outlets)
    dates = {s["id"]: (s["first_published"], s["last_published"]) for s in stories}
    return [
        {**r, "href": story_href(r["id"]), "dates": dates.get(r["id"], (None, None))} for r in rows
    ]


def render_blindspots(
    state: AppState,
    groups: dict[str, list[str]] | None,
    *,
    min_outlets: int = 2,
    page: int = 1,
    paged: bool = True,
    error: str = "",
    status: int = 200,
) -> tuple[str, int]:
    """The blindspots page (``paged=False``: every row, for groups uploaded with the form)."""
    rows = _blindspot_rows(state, groups, min_outlets) if groups else []
    per_page = BLINDSPOTS_PER_PAGE if paged else max(len(rows), 1)
    pages = max(1, -(-len(rows) // per_page))
    page = min(max(page, 1), pages)
    shown = rows[(page - 1) * per_page : page * per_page]
    body = render_page(
        "blindspots.html.j2",
        form_action="'self'",
        home_url="/",
        groups=groups,
        rows=shown,
        total=len(rows),
        page=page,
        pages=pages,
        min_outlets=min_outlets,
        error=error,
    )
    return body, status


async def _uploaded_groups(request: Request) -> tuple[dict[str, list[str]], int]:
    form = await request.form(max_files=1, max_fields=4)
    try:
        upload = form.get("groups")
        raw_min = form.get("min_outlets")
        try:
            min_outlets = int(str(raw_min)) if raw_min not in (None, "") else 2
        except ValueError:
            raise RequestProblem(
                422, "the minimum number of outlets must be a whole number"
            ) from None
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise RequestProblem(422, "choose a groups file: a JSON object {group: [outlets]}")
        data = await upload.read(MAX_GROUPS_FILE + 1)
        if len(data) > MAX_GROUPS_FILE:
            raise RequestProblem(413, "the groups file is over 1 MB")
    finally:
        await form.close()
    with tempfile.TemporaryDirectory(prefix="storylens-groups-") as tmp:
        path = Path(tmp) / "groups.json"
        path.write_bytes(data)
        try:
            groups = load_groups(path)
        except ConfigError as exc:
            message = str(exc).replace(str(path), "the groups file")
            raise RequestProblem(422, message) from exc
    return groups, min_outlets


def html_page(body: str | bytes, status: int = 200) -> HTMLResponse:
    """An HTML page with the app's content security policy."""
    csp = content_security_policy(form_action="'self'", header=True)
    return HTMLResponse(body, status_code=status, headers={"Content-Security-Policy": csp})


def index_page(
    state: AppState,
    *,
    error: str = "",
    urls: str = "",
    query: StoryQuery | None = None,
    query_error: str = "",
) -> str:
    """The index page: the compare form and the paged story list."""
    return render_page(
        "index.html.j2",
        form_action="'self'",
        home_url=None,
        compare_url="/compare",
        openapi_url="/api/openapi.json",
        error=error,
        query_error=query_error,
        urls=urls,
        max_mb=round(state.max_upload / 1024 / 1024, 1),
        blindspots_url="/blindspots",
        **index_context(state, query or StoryQuery()),
    )


def add_browse(app: FastAPI, state: AppState) -> None:
    """Register the browsing pages and API routes."""

    async def missing(story_id: str) -> HTMLResponse:
        page = await run_in_threadpool(index_page, state, error=f"no story {story_id!r}")
        return html_page(page, 404)

    @app.get("/stories/{story_id}/articles", response_class=HTMLResponse, include_in_schema=False)
    async def story_articles_page(story_id: str) -> HTMLResponse:
        page = await run_in_threadpool(render_story, state, story_id)
        if page is None:
            return await missing(story_id)
        return html_page(page)

    @app.post("/stories/{story_id}/compare", include_in_schema=False, response_model=None)
    async def story_compare(story_id: str) -> Response:
        if await run_in_threadpool(story_summary, state.store, story_id) is None:
            return await missing(story_id)
        state.jobs.start(story_id)
        return RedirectResponse(story_href(story_id, "/articles"), status_code=303)

    @app.get("/blindspots", response_class=HTMLResponse, include_in_schema=False)
    async def blindspots_page(page: int = 1, min_outlets: int = 2) -> HTMLResponse:
        body, status = await run_in_threadpool(
            render_blindspots, state, state.groups, min_outlets=min_outlets, page=page
        )
        return html_page(body, status)

    @app.post("/blindspots", response_class=HTMLResponse, include_in_schema=False)
    async def blindspots_upload(request: Request) -> HTMLResponse:
        try:
            groups, min_outlets = await _uploaded_groups(request)
        except RequestProblem as exc:
            body, _ = await run_in_threadpool(
                render_blindspots, state, None, error=exc.detail, status=exc.status
            )
            return html_page(body, exc.status)
        body, status = await run_in_threadpool(
            render_blindspots, state, groups, min_outlets=min_outlets, paged=False
        )
        return html_page(body, status)

    @app.get(
        "/api/stories",
        responses={
            200: {
                "description": "one page of stories, newest first by default",
                "headers": {
                    "X-Total-Count": {
                        "description": "stories matching the filters, on all pages",
                        "schema": {"type": "integer"},
                    },
                    "Link": {
                        "description": 'first/prev/next/last pages (rel="...")',
                        "schema": {"type": "string"},
                    },
                },
            },
            422: {"description": "a bad parameter (date, sort, order, page size)"},
        },
    )
    async def api_stories(
        q: str | None = Query(None, description="words that must all occur in the "
                              "story's title, entity keys or article titles (case-insensitive)"),
        outlet: str | None = Query(None, description="only stories this outlet covers"),
        date_from: str | None = Query(None, alias="from", description="YYYY-MM-DD: "
                                      "stories last published on or after it"),
        date_to: str | None = Query(None, alias="to", description="YYYY-MM-DD: "
                                    "stories first published on or before it"),
        sort: str = Query("last", description="last or first published date"),
        order: str = Query("desc", description="desc (newest first) or asc"),
        page: int = Query(1, ge=1, description="page number, from 1"),
        per_page: int = Query(50, ge=1, le=500, description="stories per page"),
    ) -> Response:  # fmt: skip
        """Stored stories, one page at a time: id, title, dates, outlets, articles, ..."""
        query = query_of(q=q, outlet=outlet, date_from=date_from, date_to=date_to,
                         sort=sort, order=order, page=page, per_page=per_page)  # fmt: skip
        found = await run_in_threadpool(find_stories, state.store, query)
        links = [
            f'</api/stories?{_params(query, page=number)}>; rel="{rel}"'
            for rel, number, show in (
                ("first", 1, found.page > 1),
                ("prev", found.page - 1, found.page > 1),
                ("next", found.page + 1, found.page < found.pages),
                ("last", found.pages, found.page < found.pages),
            )
            if show
        ]
        headers = {"X-Total-Count": str(found.total)}
        if links:
            headers["Link"] = ", ".join(links)
        body = json.dumps(found.stories, ensure_ascii=False).encode("utf-8")
        return Response(body, media_type="application/json", headers=headers)

    @app.post(
        "/api/stories/{story_id}/compare",
        status_code=202,
        responses={
            200: {"description": "the story already has a saved report"},
            202: {"description": "the comparison is queued or running: its state"},
            404: {"description": "unknown story"},
        },
    )
    async def api_story_compare(story_id: str) -> JSONResponse:
        """Compare a stored story's articles in the background and save the report."""
        summary = await run_in_threadpool(story_summary, state.store, story_id)
        if summary is None:
            return JSONResponse({"detail": f"no story {story_id!r}"}, status_code=404)
        if summary["has_report"]:
            return JSONResponse({"story_id": story_id, "state": "done", "progress": 1.0})
        job = state.jobs.start(story_id)
        where = story_href(story_id, "/comparison").replace("/stories/", "/api/stories/", 1)
        return JSONResponse(job.to_dict(), status_code=202, headers={"Location": where})

    @app.get(
        "/api/stories/{story_id}/comparison",
        responses={404: {"description": "unknown story"}},
    )
    async def api_story_comparison(story_id: str) -> JSONResponse:
        """How the story's comparison is going: state (queued, running, done, failed),
        stage, progress (0-1), error; recorded in the store, so it outlives a restart."""
        job = await run_in_threadpool(state.jobs.get, story_id)
        if job is not None and job.active:
            return JSONResponse(job.to_dict())
        summary = await run_in_threadpool(story_summary, state.store, story_id)
        if summary is None:
            return JSONResponse({"detail": f"no story {story_id!r}"}, status_code=404)
        if summary["has_report"]:
            return JSONResponse({"story_id": story_id, "state": "done", "progress": 1.0})
        if job is not None:
            return JSONResponse(job.to_dict())
        return JSONResponse({"story_id": story_id, "state": "none", "progress": 0.0})
