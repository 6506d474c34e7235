"""Blindspots: stories that some outlets or outlet groups cover and others do not.

Groups come from a JSON file the user supplies: ``{"group name": ["Outlet", ...]}``.
Outlet names are matched case-insensitively. A story is a blindspot for a group
when no outlet of that group covers it while at least ``min_outlets`` outlets of
other groups do.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError
from storylens.settings import read_settings_json


def load_groups(path: Path) -> dict[str, list[str]]:
    """Read and check a groups file."""
    try:
        data = read_settings_json(path, "outlet groups")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read outlet groups: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: outlet groups are not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or not data:
        raise ConfigError(f"{path}: outlet groups must be a JSON object {{group: [outlets]}}")
    groups: dict[str, list[str]] = {}
    for name, outlets in data.items():
        if not isinstance(outlets, list) or not all(isinstance(o, str) for o in outlets):
            raise ConfigError(f"{path}: group {name!r} must list outlet names as strings")
        if not outlets:
            raise ConfigError(f"{path}: group {name!r} lists no outlets")
        groups[str(name)] = list(outlets)
    return groups


def blindspots(
    stories: list[dict[str, Any]],
    coverage: Mapping[str, set[str]],
    groups: Mapping[str, list[str]],
    *,
    min_outlets: int = 2,
) -> list[dict[str, Any]]:
    """Stories that at least one group misses, with who covers and who misses them.

    ``stories`` are :meth:`Store.list_stories` rows; ``coverage`` maps story id to the
    outlets covering it (:meth:`Store.story_outlets`).
    """
    lookup = {o.casefold(): g for g, outlets in groups.items() for o in outlets}
    out: list[dict[str, Any]] = []
    for story in stories:
        outlets = coverage.get(story["id"], set())
        by_group: dict[str, list[str]] = {g: [] for g in groups}
        for outlet in sorted(outlets):
            group = lookup.get(outlet.casefold())
            if group is not None:
                by_group[group].append(outlet)
        covered = [g for g, o in by_group.items() if o]
        missing = [g for g, o in by_group.items() if not o]
        grouped_outlets = sum(len(o) for o in by_group.values())
        if not covered or not missing or grouped_outlets < min_outlets:
            continue
        out.append(
            {
                "id": story["id"],
                "title": story.get("title"),
                "articles": story.get("articles", 0),
                "covered_by": {g: by_group[g] for g in covered},
                "missing": missing,
            }
        )
    out.sort(key=lambda r: (-sum(len(v) for v in r["covered_by"].values()), r["id"]))
    return out
