"""Analysis stages: entities, quotes, attribution, claims and times on one article text.

:func:`analyse` runs every stage over a batch of articles; :func:`link_entities` then merges
the mentions of a story into canonical entities.
"""

from __future__ import annotations

from storylens.analyse.linking import link_entities
from storylens.analyse.pipeline import analyse, analyse_batch

__all__ = ["analyse", "analyse_batch", "link_entities"]
