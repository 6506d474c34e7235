"""Issue 17, item 3: every upload counts against the web app's 50-article limit.

``curl -F files=@many.jsonl .../api/compare`` with 5,000 one-sentence records was accepted
and ran 157 s, and as comparisons run one at a time, a small request behind it waited.
Records in JSON Lines and JSON uploads now count before any work starts, a comparison is
stopped past its time limit, and a request waits for its turn for a bounded time.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
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

SENTENCE = "The harbour board of Lindqvist Bay met on Tuesday, record {n}."


class Recorder:
    """A stand-in comparison that remembers being called (and can take its time)."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.calls = 0
        self.seconds = seconds

    def __call__(self, inputs: Sequence[str | Article], settings: Settings) -> dict[str, Any]:
        self.calls += 1
        time.sleep(self.seconds)
        return build_report()


def _jsonl(n: int) -> bytes:
    return "\n".join(json.dumps({"text": SENTENCE.format(n=i)}) for i in range(n)).encode()


def _json(n: int) -> bytes:
    return json.dumps([{"text": SENTENCE.format(n=i)} for i in range(n)]).encode()


UPLOADS = {
    "many.jsonl": lambda: [("files", ("many.jsonl", _jsonl(5000)))],
    "array.json": lambda: [("files", ("array.json", _json(60)))],
    "articles.json": lambda: [
        ("files", ("articles.json", b'{"articles": ' + _json(60) + b"}")),
    ],
    "jsonl-without-suffix": lambda: [("files", ("records", _jsonl(51)))],
    "several-files": lambda: [("files", (f"p{i}.jsonl", _jsonl(20))) for i in range(3)],
}


@pytest.mark.parametrize("name", UPLOADS)
def test_regression_records_in_uploads_count_against_the_limit(tmp_path: Path, name: str) -> None:
    recorder = Recorder()
    db = tmp_path / "s.db"
    with serving(create_app(db=str(db), comparer=recorder)) as base:
        start = time.monotonic()
        resp = httpx.post(base + "/api/compare", files=UPLOADS[name](), timeout=60)
        took = time.monotonic() - start
    assert resp.status_code == 422, resp.text
    assert "too many articles" in resp.json()["detail"]
    assert recorder.calls == 0 and took < 10
    assert Store.open(str(db)).list_stories() == []


def test_regression_fifty_records_are_still_accepted(tmp_path: Path) -> None:
    recorder = Recorder()
    with serving(create_app(db=str(tmp_path / "s.db"), comparer=recorder)) as base:
        files = [("files", ("fifty.jsonl", _jsonl(50)))]
        resp = httpx.post(base + "/api/compare", files=files, timeout=60)
    assert resp.status_code == 201, resp.text
    assert recorder.calls == 1


def test_regression_a_comparison_past_its_time_limit_is_stopped(tmp_path: Path) -> None:
    app = create_app(db=str(tmp_path / "s.db"), time_limit=0.0)
    body = {"articles": [{"text": SENTENCE.format(n=1)}, {"text": SENTENCE.format(n=2)}]}
    with serving(app) as base:
        resp = httpx.post(base + "/api/compare", json=body, timeout=60)
    assert resp.status_code == 503, resp.text
    assert "longer than" in resp.json()["detail"]


def test_regression_a_request_waits_for_its_turn_for_a_bounded_time(tmp_path: Path) -> None:
    recorder = Recorder(seconds=4.0)
    app = create_app(db=str(tmp_path / "s.db"), comparer=recorder, wait_limit=0.5)
    body = {"articles": [{"text": SENTENCE.format(n=1)}]}
    answers: list[httpx.Response] = []
    with serving(app) as base:
        first = threading.Thread(
            target=lambda: answers.append(httpx.post(base + "/api/compare", json=body, timeout=60))
        )
        first.start()
        time.sleep(0.5)  # the first comparison holds the app
        start = time.monotonic()
        second = httpx.post(base + "/api/compare", json=body, timeout=60)
        waited = time.monotonic() - start
        first.join()
    assert answers[0].status_code == 201
    assert second.status_code == 503 and second.headers.get("retry-after")
    assert waited < 3.0
