"""Comparisons of stored stories, run in the background from the web app.

A story that corpus mode grouped has no report until someone compares it. The story page
(and ``POST /api/stories/{id}/compare``) starts :meth:`Comparisons.start`: the story's
articles are read from the store and compared by
:func:`storylens.comparison.compare_articles` on one background thread, holding the app's
comparison slot (one comparison at a time, as for uploads), and the report is saved under
the story's own id. The job's state, its current stage and how many stages are done are
kept in memory for the pages to show; a finished job's report is then in the store.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from storylens.errors import StorylensError
from storylens.settings import Settings
from storylens.store import Store
from storylens.types import Article

log = logging.getLogger("storylens.web")

StoryComparer = Callable[[Sequence[Article], Settings, Callable[[str], None]], dict[str, Any]]
STATES = ("queued", "running", "done", "failed")
EXPECTED_STAGES = 8  # stages a comparison reports, for a rough share done


def compare_story(
    articles: Sequence[Article], settings: Settings, progress: Callable[[str], None]
) -> dict[str, Any]:
    """The library comparison of a story's articles, as a report contract dict."""
    from storylens.comparison import compare_articles

    report: dict[str, Any] = compare_articles(articles, settings, progress=progress).to_dict()
    return report


@dataclass(slots=True)
class Job:
    """One background comparison of a stored story."""

    story_id: str
    state: str = "queued"
    stage: str = ""
    stages_done: int = 0
    error: str | None = None
    queued_at: float = field(default_factory=time.time)
    finished_at: float | None = None

    @property
    def active(self) -> bool:
        return self.state in ("queued", "running")

    def to_dict(self) -> dict[str, Any]:
        share = 1.0 if self.state == "done" else min(0.95, self.stages_done / EXPECTED_STAGES)
        return {
            "story_id": self.story_id,
            "state": self.state,
            "stage": self.stage,
            "stages_done": self.stages_done,
            "progress": round(share, 2),
            "error": self.error,
        }


class Comparisons:
    """Background comparisons, one at a time, each saved to the store when done."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        slot: threading.Lock,
        *,
        comparer: StoryComparer = compare_story,
        on_saved: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.slot = slot
        self.comparer = comparer
        self.on_saved = on_saved
        self._jobs: dict[str, Job] = {}
        self._guard = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storylens-compare")

    def get(self, story_id: str) -> Job | None:
        with self._guard:
            return self._jobs.get(story_id)

    def start(self, story_id: str) -> Job:
        """Queue the comparison of ``story_id`` (the running job if one is under way)."""
        with self._guard:
            job = self._jobs.get(story_id)
            if job is not None and job.active:
                return job
            job = self._jobs[story_id] = Job(story_id)
        self._pool.submit(self._run, job)
        return job

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job) -> None:
        def progress(stage: str) -> None:
            job.stage = stage
            job.stages_done += 1

        try:
            with self.slot:  # the models are shared with uploads: one comparison at a time
                job.state = "running"
                job.stage = "reading the story's articles"
                articles = self.store.story_articles(job.story_id)
                if not articles:
                    raise StorylensError("this story has no articles left in the store")
                report = self.comparer(articles, self.settings, progress)
                job.stage = "saving the report"
                self.store.save_report(report, story_id=job.story_id)
        except StorylensError as exc:
            job.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            job.state = "failed"
        except Exception as exc:  # a bug, not bad input: log it and say so on the page
            log.exception("comparison of story %s failed", job.story_id)
            job.error = f"internal error while comparing ({type(exc).__name__}); see the log"
            job.state = "failed"
        else:
            job.state = "done"
            job.stage = "done"
            if self.on_saved is not None:
                self.on_saved(job.story_id)
        finally:
            job.finished_at = time.time()
