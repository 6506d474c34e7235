"""Analysis stages: entities, quotes, attribution, claims and times on one article text.

:func:`analyse` runs every stage over a batch of articles; :func:`link_entities` then merges
the mentions of a story into canonical entities. The names are imported on first use, so
that code needing only the linking (or :mod:`.parallel`) does not import spaCy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["analyse", "analyse_batch", "link_entities"]


def __getattr__(name: str) -> Any:
    if name == "link_entities":
        from storylens.analyse.linking import link_entities

        return link_entities
    if name in ("analyse", "analyse_batch"):
        from storylens.analyse import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
