"""When this process may fork (kept apart from the pipeline, so asking needs no spaCy)."""

from __future__ import annotations

import multiprocessing
import threading


def can_fork() -> bool:
    """True where the platform offers the ``fork`` start method."""
    return "fork" in multiprocessing.get_all_start_methods()


def fork_is_safe() -> bool:
    """True when this process can fork and runs no other thread.

    A forked child gets only the forking thread; a lock another thread held at that moment
    (a web server's pool, a progress display) stays locked in the child for ever.
    """
    return can_fork() and threading.active_count() == 1
