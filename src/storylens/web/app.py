"""The storylens web app: compare articles in the browser and through a REST API.

Pages: ``GET /`` (compare form and stored stories), ``POST /compare`` (the form),
``GET /stories/{id}`` (the HTML report). API: ``POST /api/compare``, ``GET /api/stories``,
``GET /api/stories/{id}``; the OpenAPI spec is at ``/api/openapi.json``. Reports are the
JSON report contract plus ``story_id``. Every response carries a Content-Security-Policy.
"""

from __future__ import annotations

import json
import logging
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storylens.errors import StorylensError, TooLarge
from storylens.render.html import render_html
from storylens.settings import Settings
from storylens.store import Store
from storylens.stories.blindspots import load_groups
from storylens.web.browse import add_browse, html_page, index_page, query_of, render_story
from storylens.web.comparing import (
    TIME_LIMIT,
    WAIT_LIMIT,
    Comparer,
    OutOfTime,
    bounded_comparer,
    check_count,
    turn,
)
from storylens.web.guards import CrossSiteGuard
from storylens.web.inputs import (
    MAX_ARTICLES,
    CompareIn,
    CompareInputs,
    RequestProblem,
    from_form,
    from_json,
)
from storylens.web.jobs import Comparisons, StoryComparer, compare_story
from storylens.web.limits import IDLE_TIMEOUT, BodyLimitMiddleware, SecurityHeadersMiddleware
from storylens.web.messages import duplicates_for_web, errors_for_web, for_web
from storylens.web.state import CACHE_SECONDS, AppState, ResponseCache

log = logging.getLogger("storylens.web")
DEFAULT_MAX_UPLOAD = 25 * 1024 * 1024
LOCAL_HOSTS = ("127.0.0.1", "localhost")  # Host header names accepted by default
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(
    *,
    db: str | None = None,
    settings: Settings | None = None,
    allow_private: bool = False,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    comparer: Comparer | None = None,
    allowed_hosts: Sequence[str] = LOCAL_HOSTS,
    time_limit: float = TIME_LIMIT,
    wait_limit: float = WAIT_LIMIT,
    body_timeout: float = IDLE_TIMEOUT,
    story_comparer: StoryComparer = compare_story,
    groups_file: str | Path | None = None,
) -> FastAPI:
    """Build the app over the store at ``db`` (default: ``settings.db``).

    One comparison runs at a time, for at most ``time_limit`` seconds; a request waits at
    most ``wait_limit`` seconds for its turn (503 otherwise). A request body that stalls
    for ``body_timeout`` seconds is answered 408.

    Requests must name one of ``allowed_hosts`` in their Host header (``["*"]``: any), so
    a web page whose domain is re-bound to 127.0.0.1 (DNS rebinding) cannot use the app.

    Stored stories are compared in the background with ``story_comparer``; ``groups_file``
    (outlet groups, as for ``storylens stories --blindspots``) fills the blindspots page.
    """
    settings = settings or Settings()
    # one feed or sitemap URL must not fan out into thousands of fetches per request
    settings = settings.with_overrides(max_feed_items=min(settings.max_feed_items, MAX_ARTICLES))
    if allow_private:
        settings = settings.with_overrides(allow_private=True)
    groups = load_groups(Path(groups_file)) if groups_file is not None else None
    store = Store.open(db or settings.db)
    lock = threading.Lock()
    cache = ResponseCache(CACHE_SECONDS)
    state = AppState(
        store=store,
        settings=settings,
        comparer=comparer or bounded_comparer(time_limit),
        max_upload=max_upload,
        jobs=Comparisons(store, settings, lock, comparer=story_comparer, on_saved=cache.drop),
        lock=lock,
        wait_limit=wait_limit,
        cache=cache,
        groups=groups,
    )
    app = FastAPI(
        title="storylens",
        summary="Compare how different outlets cover the same news story.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.storylens = state
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_upload, idle_timeout=body_timeout)
    app.add_middleware(CrossSiteGuard)  # before the body is read
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(
        SecurityHeadersMiddleware,
        headers={**SECURITY_HEADERS, "Content-Security-Policy": API_CSP},
    )
    app.add_exception_handler(RequestProblem, _problem_handler)  # type: ignore[arg-type]
    _add_pages(app, state)
    add_browse(app, state)
    _add_api(app, state)
    return app


async def _problem_handler(_request: Request, exc: RequestProblem) -> JSONResponse:
    return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers=exc.headers)


# -- comparing ---------------------------------------------------------------------------


async def _read_inputs(request: Request, state: AppState, folder: Path) -> CompareInputs:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data" or kind == "application/x-www-form-urlencoded":
        form: FormData = await request.form(max_files=100, max_fields=100)
        try:
            found = await from_form(form, state.settings, folder)
        finally:
            await form.close()
    elif kind == "application/json":
        raw = await request.body()
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise RequestProblem(400, f"the request body is not valid JSON: {exc}") from exc
        found = await run_in_threadpool(from_json, data, state.settings)
    else:
        raise RequestProblem(
            415, "send multipart/form-data (files, urls) or application/json (urls, articles)"
        )
    await run_in_threadpool(check_count, found, state.settings)  # before any work starts
    return found
    raise RequestProblem(
        415, "send multipart/form-data (files, urls) or application/json (urls, articles)"
    )


def _compare_and_save(found: CompareInputs, state: AppState) -> tuple[str, dict[str, Any]]:
    if found.count() == 0:
        raise RequestProblem(422, "nothing to compare: upload files or give URLs or articles")
    try:
        with turn(state.lock, state.wait_limit):  # one at a time: the models are shared
            report = state.comparer(found.inputs(), state.settings)
    except RequestProblem:  # no turn, or too many articles once read
        raise
    except OutOfTime as exc:
        raise RequestProblem(503, str(exc), headers={"Retry-After": "30"}) from exc
    except TooLarge as exc:  # over a size cap: one file or the story as a whole
        raise RequestProblem(413, for_web(str(exc), found.folder)) from exc
    except StorylensError as exc:
        first = str(exc).splitlines()[0] if str(exc) else repr(exc)
        raise RequestProblem(422, for_web(first, found.folder)) from exc
    except Exception as exc:  # a bug, not bad input: log it, answer 500 with a clear line
        log.exception("comparison failed")
        raise RequestProblem(
            500, f"internal error while comparing the articles ({type(exc).__name__}); see the log"
        ) from exc
    if not report.get("articles"):
        raise RequestProblem(422, "no article could be read from the inputs")
    report = {
        **report,
        "errors": errors_for_web(report.get("errors"), found.folder),
        "duplicates": duplicates_for_web(report.get("duplicates"), found.folder),
    }
    try:
        story_id = state.store.save_report(report)
    except StorylensError as exc:
        raise RequestProblem(500, f"cannot store the report: {exc}") from exc
    state.cache.drop(story_id)
    return story_id, report


async def _compare(request: Request, state: AppState) -> tuple[str, dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="storylens-upload-") as tmp:
        found = await _read_inputs(request, state, Path(tmp))
        return await run_in_threadpool(_compare_and_save, found, state)


# -- pages ---------------------------------------------------------------------------------


def _add_pages(app: FastAPI, state: AppState) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(
        q: str | None = None,
        outlet: str | None = None,
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        sort: str = "last",
        order: str = "desc",
        page: int = 1,
        per_page: int = 50,
    ) -> HTMLResponse:
        try:
            query = query_of(q=q, outlet=outlet, date_from=date_from, date_to=date_to,
                             sort=sort, order=order, page=page, per_page=per_page)  # fmt: skip
        except RequestProblem as exc:
            page_html = await run_in_threadpool(index_page, state, query_error=exc.detail)
            return html_page(page_html, status=exc.status)
        return html_page(await run_in_threadpool(index_page, state, query=query))

    @app.post("/compare", include_in_schema=False, response_model=None)
    async def compare_form(request: Request) -> Response:
        try:
            story_id, _ = await _compare(request, state)
        except RequestProblem as exc:
            page = await run_in_threadpool(index_page, state, error=exc.detail)
            return html_page(page, status=exc.status)
        return RedirectResponse("/stories/" + quote(story_id, safe=""), status_code=303)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str) -> HTMLResponse:
        page = state.cache.get("page", story_id)
        if page is None:
            try:
                page = await run_in_threadpool(_render_story, state, story_id)
            except HTTPException as exc:
                articles = await run_in_threadpool(render_story, state, story_id)
                if articles is not None:  # a stored story not compared yet
                    return html_page(articles)
                text = await run_in_threadpool(index_page, state, error=str(exc.detail))
                return html_page(text, status=exc.status_code)
        return html_page(page)


def _render_story(state: AppState, story_id: str) -> bytes:
    report = _get_report(state, story_id)
    page = render_html(report, home_url="/", form_action="'self'")
    return state.cache.put("page", story_id, page.encode("utf-8"))


def _story_json(state: AppState, story_id: str) -> bytes:
    report = _get_report(state, story_id)
    data = json.dumps({**report, "story_id": story_id}, ensure_ascii=False)
    return state.cache.put("json", story_id, data.encode("utf-8"))


def _get_report(state: AppState, story_id: str) -> dict[str, Any]:
    report = state.store.get_report(story_id)
    if report is None:
        raise HTTPException(404, f"no stored report for story {story_id!r}")
    return report


# -- API -----------------------------------------------------------------------------------

COMPARE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/CompareIn"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "article files (HTML, Markdown, text, JSON Lines)",
                        },
                        "urls": {"type": "string", "description": "URLs, whitespace-separated"},
                    },
                }
            },
        },
    },
    "responses": {
        "201": {"description": "the report (JSON report contract) with its story_id"},
        "413": {"description": "the request body or a file is over the size cap"},
        "415": {"description": "unsupported content type"},
        "422": {"description": "bad input: nothing to compare, bad URL, unreadable articles"},
    },
}


def _add_api(app: FastAPI, state: AppState) -> None:
    @app.post("/api/compare", status_code=201, openapi_extra=COMPARE_BODY, response_model=None)
    async def api_compare(request: Request) -> Response:
        """Compare uploaded files, URLs and/or inline articles; store and return the report."""
        story_id, report = await _compare(request, state)
        body = json.dumps({**report, "story_id": story_id}, ensure_ascii=False)
        return Response(
            body.encode("utf-8"),
            status_code=201,
            media_type="application/json",
            headers={"Location": "/api/stories/" + quote(story_id, safe="")},
        )

    @app.get(
        "/api/stories/{story_id}",
        response_class=JSONResponse,
        responses={
            200: {"description": "the report (JSON report contract) plus story_id"},
            404: {"description": "unknown story"},
        },
    )
    async def api_story(story_id: str) -> Response:
        """The stored report of one story (the JSON report contract plus story_id)."""
        body = state.cache.get("json", story_id)
        if body is None:
            body = await run_in_threadpool(_story_json, state, story_id)
        return Response(body, media_type="application/json")

    # make the JSON body model appear in the spec's components
    app.openapi_schema = None
    _register_model(app)


def _register_model(app: FastAPI) -> None:
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = original()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in (CompareIn,):
                spec = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(spec.pop("$defs", {}))
                components[model.__name__] = spec
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
