"""Story grouping (corpus mode): near-duplicate detection, story clustering and coverage blindspots.

Stage functions work on plain lists of articles so that the same code runs
in-process and on a Dask cluster (:mod:`storylens.stories.engine`).
"""

from __future__ import annotations

from storylens.stories.blindspots import blindspots, load_groups
from storylens.stories.cluster import Clusterer, ClusterOptions, cluster_articles
from storylens.stories.dedup import near_duplicates

__all__ = [
    "ClusterOptions",
    "Clusterer",
    "blindspots",
    "cluster_articles",
    "load_groups",
    "near_duplicates",
]
