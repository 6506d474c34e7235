"""The project store: articles, stories and reports (SQLite by default, or PostgreSQL)."""

from __future__ import annotations

from storylens.store.store import AddResult, Store
from storylens.store.urls import canonical_url
from storylens.types import StoryRecord, story_id_for

__all__ = ["AddResult", "Store", "StoryRecord", "canonical_url", "story_id_for"]
