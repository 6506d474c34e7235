"""The project store: articles, stories and reports (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

from storylens.store.store import AddResult, Store, StoryRecord, story_id_for
from storylens.store.urls import canonical_url

__all__ = ["AddResult", "Store", "StoryRecord", "canonical_url", "story_id_for"]
