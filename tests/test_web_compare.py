"""Comparing through the API of a real uvicorn server: uploads, inline articles, guarded URLs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from fixtures.web_server import serving
from storylens.web import create_app

pytestmark = pytest.mark.slow

LEDGER = (
    "Averholt reopened the Tollen Bridge on Friday after two years of repairs, Mayor Ana Ruskin "
    "said. The repairs cost 12 million euros, according to the regional audit office. Traffic "
    "will be limited to 30 vehicles at a time until the autumn."
)
BEACON = (
    "Mayor Ana Ruskin reopened the Tollen Bridge in Averholt on Friday. The repairs cost 19 "
    "million euros, the Valley Beacon has learned. Residents queued for hours to walk across."
)
PAGE = (
    "<html><head><title>Tollen Bridge reopens</title></head><body><article>"
    "<h1>Tollen Bridge reopens</h1><p>{}</p></article></body></html>"
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("compare") / "stories.db"
    with serving(create_app(db=str(db))) as url:
        yield url


def _post(base: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(base + "/api/compare", timeout=600, **kwargs)


def test_web_compare_uploads_the_example_story(base_url: str, examples_dir: Path) -> None:
    folder = examples_dir / "summit"
    files = [("files", (p.name, p.read_bytes())) for p in sorted(folder.iterdir()) if p.is_file()]
    resp = _post(base_url, files=files)
    assert resp.status_code == 201, resp.text
    report = resp.json()
    assert resp.headers["location"] == f"/api/stories/{report['story_id']}"
    outlets = {a["outlet"] for a in report["articles"]}
    assert len(report["articles"]) == 4 and "Coastal Voice" in outlets  # sidecar was read
    for key in ("entities", "quotes", "claims", "claim_groups", "framing", "summary"):
        assert report[key], key
    stored = httpx.get(f"{base_url}/api/stories/{report['story_id']}").json()
    assert stored["claim_groups"] == report["claim_groups"]
    listed = httpx.get(base_url + "/api/stories").json()
    assert report["story_id"] in {s["id"] for s in listed}


def test_web_compare_inline_articles(base_url: str) -> None:
    body = {
        "articles": [
            {"text": LEDGER, "outlet": "Averholt Ledger", "url": "https://ledger.example/a"},
            {"text": BEACON, "outlet": "Valley Beacon", "title": "Bridge open"},
        ]
    }
    resp = _post(base_url, json=body)
    assert resp.status_code == 201, resp.text
    report = resp.json()
    assert [a["outlet"] for a in report["articles"]] == ["Averholt Ledger", "Valley Beacon"]
    assert report["articles"][1]["title"] == "Bridge open"
    page = httpx.get(f"{base_url}/stories/{report['story_id']}")
    assert page.status_code == 200 and "Tollen Bridge" in page.text


def test_web_compare_refuses_private_urls_by_default(base_url: str, http_server: Any) -> None:
    url = http_server.add("/bridge.html", PAGE.format(LEDGER))
    resp = _post(base_url, json={"urls": [url]})
    assert resp.status_code == 422
    assert "127.0.0.1" in resp.json()["detail"]
    assert http_server.hits == []  # never fetched


def test_web_compare_fetches_urls_when_private_allowed(tmp_path: Path, http_server: Any) -> None:
    first = http_server.add("/ledger.html", PAGE.format(LEDGER))
    second = http_server.add("/beacon.html", PAGE.format(BEACON))
    with serving(create_app(db=str(tmp_path / "s.db"), allow_private=True)) as base:
        resp = _post(base, data={"urls": f"{first}\n{second}"})
    assert resp.status_code == 201, resp.text
    assert {a["url"] for a in resp.json()["articles"]} == {first, second}
