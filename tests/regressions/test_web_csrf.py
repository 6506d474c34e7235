"""Issue 17, item 6: cross-site POSTs to the web app are refused and store nothing.

A POST with ``Origin: http://evil.example`` and ``Sec-Fetch-Site: cross-site`` to
``/compare`` or ``/api/compare`` was accepted and stored, so any page the user visited
could plant stories and make the app fetch public URLs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from fixtures.render_report import build_report
from fixtures.web_server import serving
from storylens.settings import Settings
from storylens.store import Store
from storylens.types import Article
from storylens.web import create_app

ARTICLE = {"articles": [{"text": "The harbour board of Lindqvist Bay met on Tuesday."}]}
FORM = {"files": ("story.txt", b"The harbour board of Lindqvist Bay met on Tuesday.")}


def _stub_comparer(inputs: Sequence[str | Article], settings: Settings) -> dict[str, Any]:
    return build_report()


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "s.db"
    with serving(create_app(db=str(db), comparer=_stub_comparer)) as base:
        yield base, db


CROSS_SITE = [
    {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
    {"Origin": "http://evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:3000"},
    {"Origin": "null"},
]


@pytest.mark.parametrize(
    "headers", CROSS_SITE, ids=lambda h: "+".join(f"{k}={v}" for k, v in h.items())
)
@pytest.mark.parametrize("path", ["/api/compare", "/compare"])
def test_regression_cross_site_posts_are_refused(
    served: tuple[str, Path], headers: dict[str, str], path: str
) -> None:
    base, db = served
    if path == "/api/compare":
        resp = httpx.post(base + path, json=ARTICLE, headers=headers, timeout=30)
    else:
        resp = httpx.post(base + path, files=FORM, headers=headers, timeout=30)
    assert resp.status_code == 403, resp.text
    assert "cross-site" in resp.json()["detail"]
    assert Store.open(str(db)).list_stories() == []


def test_regression_same_origin_and_non_browser_posts_still_work(
    served: tuple[str, Path],
) -> None:
    base, db = served
    own = {"Origin": base, "Sec-Fetch-Site": "same-origin"}
    page = httpx.post(base + "/compare", files=FORM, headers=own, timeout=30)
    api = httpx.post(base + "/api/compare", json=ARTICLE, timeout=30)  # curl, scripts
    assert page.status_code == 303, page.text
    assert api.status_code == 201, api.text
    assert len(Store.open(str(db)).list_stories()) >= 1
