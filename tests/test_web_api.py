"""The REST API through a real uvicorn server on 127.0.0.1: stories, errors, caps, headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from fixtures.render_report import build_report
from fixtures.web_server import serving
from storylens.store import Store
from storylens.web import create_app

CAP = 64 * 1024


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("web") / "stories.db"
    story_id = Store.open(str(db)).save_report(build_report())
    return db, story_id


@pytest.fixture(scope="module")
def base_url(seeded: tuple[Path, str]) -> Iterator[str]:
    with serving(create_app(db=str(seeded[0]), max_upload=CAP)) as url:
        yield url


@pytest.fixture()
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def test_web_api_lists_stored_stories(client: httpx.Client, seeded: tuple[Path, str]) -> None:
    resp = client.get("/api/stories")
    assert resp.status_code == 200
    stories = resp.json()
    assert [s["id"] for s in stories] == [seeded[1]]
    assert stories[0]["has_report"] is True and stories[0]["outlets"] == 3


def test_web_api_returns_the_report_contract(
    client: httpx.Client, seeded: tuple[Path, str]
) -> None:
    resp = client.get(f"/api/stories/{seeded[1]}")
    assert resp.status_code == 200
    report = resp.json()
    expected = build_report()
    assert report["story_id"] == seeded[1]
    for key in ("articles", "claims", "claim_groups", "framing", "summary", "quotes"):
        assert report[key] == expected[key], key


def test_web_api_unknown_story_is_404_json(client: httpx.Client) -> None:
    resp = client.get("/api/stories/s_missing")
    assert resp.status_code == 404
    assert "s_missing" in resp.json()["detail"]


def test_web_report_page_has_csp_header_and_meta(
    client: httpx.Client, seeded: tuple[Path, str]
) -> None:
    resp = client.get(f"/stories/{seeded[1]}")
    assert resp.status_code == 200
    csp = resp.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert '<meta http-equiv="Content-Security-Policy"' in resp.text
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert "Tollen Bridge" in resp.text


@pytest.mark.parametrize("path", ["/", "/api/stories", "/api/openapi.json", "/api/stories/x"])
def test_web_every_response_has_a_csp(client: httpx.Client, path: str) -> None:
    assert "default-src 'none'" in client.get(path).headers["content-security-policy"]


def test_web_unknown_story_page_is_a_404_page(client: httpx.Client) -> None:
    resp = client.get("/stories/s_missing")
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("text/html")
    assert 'id="error"' in resp.text and "s_missing" in resp.text


def test_web_index_lists_stories_and_form(client: httpx.Client, seeded: tuple[Path, str]) -> None:
    page = client.get("/").text
    assert f'href="/stories/{seeded[1]}"' in page
    assert 'enctype="multipart/form-data"' in page and 'name="files"' in page


def test_web_openapi_documents_the_api(client: httpx.Client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/compare", "/api/stories", "/api/stories/{story_id}"} <= set(spec["paths"])
    body = spec["paths"]["/api/compare"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert "CompareIn" in spec["components"]["schemas"]


BAD_REQUESTS: list[tuple[str, dict[str, Any], int, str]] = [
    (
        "wrong content type",
        {"content": b"hello", "headers": {"content-type": "text/plain"}},
        415,
        "multipart/form-data",
    ),
    (
        "broken json",
        {"content": b"{nope", "headers": {"content-type": "application/json"}},
        400,
        "not valid JSON",
    ),
    ("json not an object", {"json": [1, 2]}, 422, "must be an object"),
    ("nothing to compare", {"json": {"urls": [], "articles": []}}, 422, "nothing to compare"),
    ("javascript url", {"json": {"urls": ["javascript:alert(1)"]}}, 422, "not an http(s) URL"),
    ("file url", {"json": {"urls": ["file:///etc/passwd"]}}, 422, "not an http(s) URL"),
    ("article without text", {"json": {"articles": [{"title": "t"}]}}, 422, "articles.0.text"),
    (
        "article javascript url",
        {"json": {"articles": [{"text": "x", "url": "javascript:x"}]}},
        422,
        "articles.0.url",
    ),
    (
        "article bad date",
        {"json": {"articles": [{"text": "x", "published": "last week"}]}},
        422,
        "articles.0.published",
    ),
    (
        "article huge outlet",
        {"json": {"articles": [{"text": "x", "outlet": "o" * 300}]}},
        422,
        "articles.0.outlet",
    ),
    (
        "too many urls",
        {"json": {"urls": [f"https://e.example/{i}" for i in range(60)]}},
        422,
        "urls",
    ),
    ("empty form", {"files": {"urls": (None, "")}}, 422, "nothing to compare"),
    ("empty file", {"files": {"files": ("a.txt", b"")}}, 422, "the file is empty"),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "status", "detail"), BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS]
)
def test_web_api_compare_rejects_bad_input(
    client: httpx.Client, name: str, kwargs: dict[str, Any], status: int, detail: str
) -> None:
    resp = client.post("/api/compare", **kwargs)
    assert resp.status_code == status, resp.text
    assert detail in resp.json()["detail"]


def test_web_api_rejects_oversized_body_by_content_length(client: httpx.Client) -> None:
    resp = client.post("/api/compare", files={"files": ("big.txt", b"x" * (CAP + 1), "text/plain")})
    assert resp.status_code == 413
    assert "too large" in resp.json()["detail"]


def test_web_api_rejects_oversized_chunked_body_while_streaming(client: httpx.Client) -> None:
    sent = {"bytes": 0}

    def body() -> Iterator[bytes]:
        for _ in range(64):  # 4 MB offered against a 64 KB cap, without a Content-Length
            sent["bytes"] += 64 * 1024
            yield b"y" * (64 * 1024)

    resp = client.post("/api/compare", content=body(), headers={"content-type": "application/json"})
    assert resp.status_code == 413
    assert "too large" in resp.json()["detail"]


def test_web_form_error_is_shown_on_the_page(client: httpx.Client) -> None:
    resp = client.post("/compare", files={"urls": (None, "javascript:alert(1)")})
    assert resp.status_code == 422
    assert 'id="error"' in resp.text and "not an http(s) URL" in resp.text
    assert "<script>alert" not in resp.text


def _broken_comparer(inputs: Any, settings: Any) -> dict[str, Any]:
    raise RuntimeError("analysis exploded")


def test_web_api_internal_failure_is_a_clear_500(tmp_path: Path) -> None:
    app = create_app(db=str(tmp_path / "s.db"), comparer=_broken_comparer)
    with serving(app) as base:
        resp = httpx.post(base + "/api/compare", json={"articles": [{"text": "Some text."}]})
        page = httpx.post(base + "/compare", files={"files": ("a.txt", b"Some text.")})
    assert resp.status_code == 500
    assert resp.json()["detail"].startswith("internal error while comparing")
    assert "analysis exploded" not in resp.text  # internals stay in the server log
    assert page.status_code == 500 and 'id="error"' in page.text
