"""Browsing a store in the web app: paged story list, filters, story pages, background
comparisons with progress, blindspots, and the same through the REST API."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from fixtures.render_report import build_report
from fixtures.web_server import serving
from storylens.settings import Settings
from storylens.store import Store, StoryRecord
from storylens.stories.synthetic import fill_store
from storylens.types import Article, content_id
from storylens.web import create_app

HOSTILE_TITLE = '<script>window.__pwned = 1</script>Harbour "fire" & <b>smoke</b>'
RELEASE = threading.Event()


def slow_comparer(
    articles: Sequence[Article], settings: Settings, progress: Callable[[str], None]
) -> dict[str, Any]:
    progress("analysing")
    RELEASE.wait(20)
    progress("aligning claims")
    return build_report()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    folder = tmp_path_factory.mktemp("browse")
    db = folder / "stories.db"
    with Store.open(str(db)) as store:
        fill_store(store, 120, seed=5, days=90)
        text = "Smoke rose over the Lorsk harbour on Monday. Crews fought the fire all night."
        hostile = Article(id=content_id(text), outlet="Evil <i>Outlet</i>", url="javascript:x()",
                          title=HOSTILE_TITLE, text=text, published="2026-12-30")  # fmt: skip
        store.add_articles([hostile])
        store.write_stories([StoryRecord(id="hostile", article_ids=[hostile.id],
                                         title=HOSTILE_TITLE)])  # fmt: skip
    groups = folder / "groups.json"
    groups.write_text(
        json.dumps({"left": ["Coastal Voice", "Meridian Times"], "right": ["Harbor Ledger"]})
    )
    return db, "hostile", groups


@pytest.fixture(scope="module")
def base_url(seeded: tuple[Path, str, Path]) -> Iterator[str]:
    app = create_app(db=str(seeded[0]), story_comparer=slow_comparer, groups_file=seeded[2])
    with serving(app) as url:
        yield url


@pytest.fixture()
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def test_web_browse_api_pages(client: httpx.Client) -> None:
    resp = client.get("/api/stories", params={"per_page": 50, "page": 2})
    assert resp.status_code == 200
    assert resp.headers["X-Total-Count"] == "121"
    assert 'rel="next"' in resp.headers["Link"] and 'rel="prev"' in resp.headers["Link"]
    page2 = resp.json()
    page1 = client.get("/api/stories", params={"per_page": 50}).json()
    assert len(page1) == len(page2) == 50
    assert not {s["id"] for s in page1} & {s["id"] for s in page2}
    lasts = [s["last_published"] for s in page1 + page2]
    assert lasts == sorted(lasts, reverse=True)  # newest story first, across pages


def test_web_browse_api_filters(client: httpx.Client) -> None:
    every = client.get("/api/stories", params={"per_page": 500}).json()
    title_word = every[5]["title"].split()[-1]
    found = client.get("/api/stories", params={"q": title_word, "per_page": 500}).json()
    assert every[5]["id"] in [s["id"] for s in found]
    assert len(found) < len(every)
    coastal = client.get("/api/stories", params={"outlet": "coastal voice", "per_page": 500})
    assert all("Coastal Voice" in s["outlet_names"] for s in coastal.json())
    assert 0 < int(coastal.headers["X-Total-Count"]) < len(every)
    window = {"from": "2026-01-20", "to": "2026-01-31", "per_page": 500}
    dated = client.get("/api/stories", params=window).json()
    assert dated and all(
        s["last_published"] >= "2026-01-20" and s["first_published"] <= "2026-01-31" for s in dated
    )


@pytest.mark.parametrize(
    "params", [{"from": "yesterday"}, {"sort": "size"}, {"per_page": 0}, {"page": 0}]
)
def test_web_browse_api_bad_parameters(client: httpx.Client, params: dict[str, Any]) -> None:
    resp = client.get("/api/stories", params=params)
    assert resp.status_code == 422
    assert "detail" in resp.json()


def test_web_browse_openapi_documents_filters(client: httpx.Client) -> None:
    spec = client.get("/api/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/stories"]["get"]["parameters"]}
    assert {"q", "outlet", "from", "to", "page", "per_page", "sort", "order"} <= names
    assert "post" in spec["paths"]["/api/stories/{story_id}/compare"]
    assert "get" in spec["paths"]["/api/stories/{story_id}/comparison"]


def test_web_browse_index_pages_and_filters(client: httpx.Client) -> None:
    page = client.get("/", params={"page": 2}).text
    assert "page 2 of 3" in page and 'id="page-prev"' in page
    filtered = client.get("/", params={"outlet": "Harbor Ledger", "from": "2026-02-01"}).text
    assert 'id="clear"' in filtered and '<option value="Harbor Ledger" selected>' in filtered
    bad = client.get("/", params={"to": "31/12/2026"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text


def test_web_browse_escapes_article_fields(client: httpx.Client) -> None:
    for url in ("/", "/stories/hostile", "/stories/hostile/articles"):
        text = client.get(url).text
        assert "<script>window.__pwned" not in text and "<b>smoke</b>" not in text
        assert "&lt;script&gt;window.__pwned" in text
    story = client.get("/stories/hostile").text
    assert 'href="javascript:' not in story and "Evil &lt;i&gt;Outlet&lt;/i&gt;" in story


def test_web_browse_unknown_story(client: httpx.Client) -> None:
    assert client.get("/stories/nope/articles").status_code == 404
    assert client.post("/api/stories/nope/compare").status_code == 404
    assert client.get("/api/stories/nope/comparison").status_code == 404


def test_web_browse_compare_in_background(client: httpx.Client) -> None:
    story = client.get("/api/stories", params={"per_page": 1, "page": 7}).json()[0]
    sid = story["id"]
    page = client.get(f"/stories/{sid}").text
    assert 'id="compare-story"' in page and page.count('class="article"') == story["articles"]
    assert client.get(f"/api/stories/{sid}/comparison").json()["state"] == "none"
    RELEASE.clear()
    started = client.post(f"/stories/{sid}/compare", follow_redirects=True)  # the form
    assert started.status_code == 200 and 'id="job-state"' in started.text
    assert 'http-equiv="refresh"' in started.text  # the page reloads itself meanwhile
    status = client.get(f"/api/stories/{sid}/comparison").json()
    assert status["state"] in ("queued", "running") and status["progress"] < 1
    again = client.post(f"/api/stories/{sid}/compare")  # the same job, not a second one
    assert again.status_code == 202 and again.json()["state"] in ("queued", "running")
    RELEASE.set()
    deadline = time.monotonic() + 20
    while client.get(f"/api/stories/{sid}/comparison").json()["state"] != "done":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    report_page = client.get(f"/stories/{sid}").text
    assert "Tollen Bridge" in report_page  # the saved report is what the story shows now
    assert client.get(f"/api/stories/{sid}").json()["story_id"] == sid
    listed = {s["id"]: s for s in client.get("/api/stories", params={"per_page": 500}).json()}
    assert listed[sid]["has_report"] is True
    articles = client.get(f"/stories/{sid}/articles").text
    assert 'id="open-report"' in articles


def test_web_browse_blindspots(client: httpx.Client) -> None:
    page = client.get("/blindspots").text
    assert "missed by some group" in page and 'class="blindspot"' in page
    upload = client.post(
        "/blindspots",
        files={"groups": ("g.json", b'{"a": ["Meridian Times"], "b": ["Coastal Voice"]}')},
        data={"min_outlets": "1"},
    )
    assert upload.status_code == 200 and "Meridian Times" in upload.text
    bad = client.post("/blindspots", files={"groups": ("g.json", b"[1, 2]")})
    assert bad.status_code == 422 and "JSON object" in bad.text
