"""A background comparison's progress is recorded in the store: a reloaded page, another
server on the same store, or a server started again sees how far it got."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

from fixtures.render_report import build_report
from fixtures.web_server import serving
from storylens.settings import Settings
from storylens.store import Store, StoryRecord
from storylens.store.browse import comparison_state, save_comparison_state
from storylens.types import Article, content_id
from storylens.web import create_app
from storylens.web.jobs import HOST, Comparisons

TEXT = "The Tollen Bridge in Averholt reopened on Monday after two years of repairs."


def _story(store: Store, story_id: str = "bridge") -> str:
    text = f"{TEXT} ({story_id})"
    article = Article(id=content_id(text), outlet="Coastal Voice", url=None, text=text,
                      title="Tollen Bridge reopens", published="2026-04-01")  # fmt: skip
    store.add_articles([article])
    store.write_stories([StoryRecord(id=story_id, article_ids=[article.id], title="Bridge")])
    return story_id


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(proc.stdout)


def test_comparison_state_round_trip(store: Store) -> None:
    sid = _story(store)
    assert comparison_state(store, sid) is None
    save_comparison_state(store, sid, {"story_id": sid, "state": "queued"})
    save_comparison_state(store, sid, {"story_id": sid, "state": "running", "stage": "é"})
    assert comparison_state(store, sid) == {"story_id": sid, "state": "running", "stage": "é"}


def test_progress_is_visible_to_another_server_on_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "jobs.db")
    release, reached = threading.Event(), threading.Event()

    def comparer(
        articles: Sequence[Article], settings: Settings, progress: Callable[[str], None]
    ) -> dict[str, Any]:
        progress("analysing")
        progress("aligning claims")
        reached.set()
        release.wait(20)
        return build_report()

    with Store.open(db) as running, Store.open(db) as other:
        sid = _story(running)
        jobs = Comparisons(running, Settings(), threading.Lock(), comparer=comparer)
        onlooker = Comparisons(other, Settings(), threading.Lock())
        try:
            assert onlooker.get(sid) is None
            jobs.start(sid)
            assert reached.wait(20)
            seen = onlooker.get(sid)
            assert seen is not None and seen.state == "running"
            assert seen.stage == "aligning claims" and seen.stages_done == 2
            assert 0 < seen.to_dict()["progress"] < 1
            release.set()
            deadline = time.monotonic() + 20
            while (job := onlooker.get(sid)) is None or job.state != "done":
                assert time.monotonic() < deadline
                time.sleep(0.05)
            assert job.to_dict()["progress"] == 1.0 and other.get_report(sid) is not None
        finally:
            release.set()
            jobs.shutdown()


def test_a_reloaded_page_shows_recorded_progress_and_interruptions(tmp_path: Path) -> None:
    db = tmp_path / "restart.db"
    with Store.open(str(db)) as store:
        live = _story(store, "live")
        gone = _story(store, "gone")
        record = {"state": "running", "stage": "aligning claims", "stages_done": 3}
        save_comparison_state(
            store, live, {**record, "story_id": live, "owner": f"{HOST}:{os.getpid()}"}
        )
        save_comparison_state(
            store, gone, {**record, "story_id": gone, "owner": f"{HOST}:{_dead_pid()}"}
        )
    app = create_app(db=str(db))  # a fresh server: none of these jobs is its own
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        page = client.get(f"/stories/{live}/articles").text
        assert 'id="job-state"' in page and "aligning claims" in page
        assert client.get(f"/api/stories/{live}/comparison").json()["state"] == "running"
        page = client.get(f"/stories/{gone}/articles").text
        assert 'id="job-error"' in page and "interrupted" in page
        assert 'id="compare-story"' in page  # it can be started again
        status = client.get(f"/api/stories/{gone}/comparison").json()
        assert status["state"] == "failed" and "interrupted" in status["error"]
