"""Comparisons of stored stories, run in the background from the web app.

A story that corpus mode grouped has no report until someone compares it. The story page
(and ``POST /api/stories/{id}/compare``) starts :meth:`Comparisons.start`: the story's
articles are read from the store and compared by
:func:`storylens.comparison.compare_articles` on one background thread, holding the app's
comparison slot (one comparison at a time, as for uploads), and the report is saved under
the story's own id. The job's state, its current stage and how many stages are done are
kept in memory for the pages to show and recorded in the store at every change
(:func:`storylens.store.browse.save_comparison_state`), so that a reloaded page, another
server on the same store, or a server started again after a crash sees how far it got: a job
recorded as queued or running by a process of this machine that no longer runs is reported
as interrupted. A finished job's report is then in the store.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from storylens.errors import StorylensError
from storylens.settings import Settings
from storylens.store import Store
from storylens.store.browse import comparison_state, save_comparison_state
from storylens.types import Article

log = logging.getLogger("storylens.web")

StoryComparer = Callable[[Sequence[Article], Settings, Callable[[str], None]], dict[str, Any]]
STATES = ("queued", "running", "done", "failed")
EXPECTED_STAGES = 8  # stages a comparison reports, for a rough share done
INTERRUPTED = "interrupted: the server stopped before the comparison finished; start it again"
HOST = socket.gethostname()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists (another user's) or cannot be told: assume it runs
    return True


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
    owner: str = field(default_factory=lambda: f"{HOST}:{os.getpid()}")

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

    def record(self) -> dict[str, Any]:
        """What the store keeps of the job."""
        return {**self.to_dict(), "owner": self.owner, "updated": time.time()}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Job | None:
        """A job from its stored record (None when the record is not one)."""
        try:
            job = cls(
                story_id=str(record["story_id"]),
                state=str(record["state"]),
                stage=str(record.get("stage") or ""),
                stages_done=int(record.get("stages_done") or 0),
                error=None if record.get("error") is None else str(record["error"]),
                owner=str(record.get("owner") or ""),
            )
        except (KeyError, TypeError, ValueError):
            return None
        if job.state not in STATES:
            return None
        host, _, pid = job.owner.rpartition(":")
        if job.active and host == HOST and pid.isdigit() and not _alive(int(pid)):
            job.state, job.error = "failed", INTERRUPTED
        return job


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
        """The story's job: this server's, else the one the store records (reads the store)."""
        with self._guard:
            job = self._jobs.get(story_id)
        if job is not None:
            return job
        record = comparison_state(self.store, story_id)
        return None if record is None else Job.from_record(record)

    def start(self, story_id: str) -> Job:
        """Queue the comparison of ``story_id`` (the running job if one is under way)."""
        with self._guard:
            job = self._jobs.get(story_id)
            if job is not None and job.active:
                return job
            job = self._jobs[story_id] = Job(story_id)
        self._save(job)
        self._pool.submit(self._run, job)
        return job

    def _save(self, job: Job) -> None:
        """Record the job in the store; a failed write is logged, never fatal to the job."""
        try:
            save_comparison_state(self.store, job.story_id, job.record())
        except StorylensError as exc:
            log.warning("could not record the comparison of story %s: %s", job.story_id, exc)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job) -> None:
        def progress(stage: str) -> None:
            job.stage = stage
            job.stages_done += 1
            self._save(job)

        try:
            with self.slot:  # the models are shared with uploads: one comparison at a time
                job.state = "running"
                job.stage = "reading the story's articles"
                self._save(job)
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
            self._save(job)
