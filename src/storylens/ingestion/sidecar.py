"""Metadata from mappings: ``<name>.meta.json`` sidecar files and JSON records.

A sidecar next to an input file (``story.txt`` -> ``story.meta.json`` or
``story.txt.meta.json``) overrides what was found in the file itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from storylens.errors import BadRecord
from storylens.ingestion.build import META_FIELDS, Meta, scrub

SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 1024 * 1024


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is a sidecar metadata file rather than an article."""
    return path.name.endswith(SIDECAR_SUFFIX)


def sidecar_for(path: Path) -> Path | None:
    """The sidecar of ``path``, if one exists."""
    stem = path.name.split(".", 1)[0] if "." in path.name else path.name
    for candidate in (
        path.with_name(path.name + SIDECAR_SUFFIX),
        path.with_name(stem + SIDECAR_SUFFIX),
    ):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def normalise_date(value: str, source: str) -> str:
    """An ISO date (``YYYY-MM-DD``) from an ISO date or date-time string."""
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise BadRecord(
            source, f"'published' must be an ISO date (YYYY-MM-DD), got {value!r}"
        ) from None


def meta_from_mapping(data: Mapping[str, Any], source: str) -> Meta:
    """Validated metadata from a JSON object; unknown keys are ignored."""
    values: dict[str, str | None] = {}
    for key in META_FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise BadRecord(source, f"'{key}' must be a string, got {type(value).__name__}")
        value = " ".join(scrub(value).split())
        if value:
            values[key] = normalise_date(value, source) if key == "published" else value
    return Meta(**values)


def read_sidecar(path: Path) -> Meta:
    """Metadata from a sidecar file; :class:`BadRecord` when it is not a valid JSON object."""
    source = str(path)
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise BadRecord(source, f"sidecar over {MAX_SIDECAR_BYTES} bytes")
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadRecord(source, f"unreadable sidecar metadata: {exc}") from exc
    if not isinstance(data, dict):
        raise BadRecord(source, "sidecar metadata must be a JSON object")
    return meta_from_mapping(data, source)
