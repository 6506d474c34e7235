"""What the web app's request handlers share: the store, the settings, the comparison
queue and a short-lived cache of rendered pages."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from storylens.settings import Settings
from storylens.store import Store
from storylens.web.comparing import WAIT_LIMIT, Comparer
from storylens.web.jobs import Comparisons

CACHE_SECONDS = 2.0


class ResponseCache:
    """Rendered pages and report JSON by (kind, story id), kept for ``ttl`` seconds.

    Reports saved through the app drop their entries at once; a report rewritten in the
    store by another process is served fresh after at most ``ttl`` seconds.
    """

    def __init__(self, ttl: float, size: int = 256) -> None:
        self.ttl = ttl
        self.size = size
        self._items: dict[tuple[str, str], tuple[float, bytes]] = {}

    def get(self, kind: str, key: str) -> bytes | None:
        hit = self._items.get((kind, key))
        if hit is None or time.monotonic() - hit[0] > self.ttl:
            return None
        return hit[1]

    def put(self, kind: str, key: str, value: bytes) -> bytes:
        if len(self._items) >= self.size:
            self._items.clear()
        self._items[(kind, key)] = (time.monotonic(), value)
        return value

    def drop(self, key: str) -> None:
        for kind in ("page", "json"):
            self._items.pop((kind, key), None)


@dataclass(slots=True)
class AppState:
    """What the request handlers share."""

    store: Store
    settings: Settings
    comparer: Comparer
    max_upload: int
    jobs: Comparisons
    lock: threading.Lock
    wait_limit: float = WAIT_LIMIT
    cache: ResponseCache = field(default_factory=lambda: ResponseCache(CACHE_SECONDS))
    groups: dict[str, list[str]] | None = None  # outlet groups for the blindspots page
