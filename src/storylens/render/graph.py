"""Layout of the provenance graph: outlets → relayed sources → primary sources.

Built from each claim's ``attributed_to`` chain (nearest source first): the outlet links
to the nearest source, each source to the next, and the last one is the primary source.
Outlets with no attributed claim appear alone (they speak in their own voice). The
template draws the result as inline SVG; labels stay plain strings (autoescaped there).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from storylens.render.model import ReportView

COLUMN_X = (10, 290, 570)
NODE_W, NODE_H, ROW_H, TOP = 200, 24, 34, 34
WIDTH = COLUMN_X[-1] + NODE_W + 10
COLUMNS = ("outlet", "relay", "primary")
COLUMN_TITLES = ("Outlets", "Relayed by", "Primary sources")


@dataclass(slots=True)
class Node:
    name: str
    kind: str
    x: int = 0
    y: int = 0

    @property
    def label(self) -> str:
        return self.name if len(self.name) <= 28 else self.name[:27] + "…"


@dataclass(slots=True)
class Graph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[str] = field(default_factory=list)  # SVG path data, numbers only
    height: int = 0
    width: int = WIDTH
    titles: list[tuple[int, str]] = field(default_factory=list)


def _edges(view: ReportView) -> set[tuple[str, str]]:
    edges: set[tuple[str, str]] = set()
    for outlet, chain in view.chains():
        hops = [outlet, *chain]
        edges.update(itertools.pairwise(hops))
    return {(a, b) for a, b in edges if a != b}


def provenance_graph(view: ReportView) -> Graph | None:
    """The laid-out graph, or None when no claim names a source."""
    edges = _edges(view)
    if not edges:
        return None
    outlets = set(view.outlets) | {a for a, _ in edges if a not in {b for _, b in edges}}
    targets = {b for _, b in edges}
    sources = {a for a, _ in edges} - outlets
    kinds: dict[str, str] = {}
    for name in sorted(outlets & ({a for a, _ in edges} | targets)):
        kinds[name] = "outlet"
    for name in sorted(targets | sources):
        if name in kinds:
            continue
        relays = any(a == name for a, _ in edges)
        kinds[name] = "relay" if relays else "primary"
    columns: dict[str, list[Node]] = {k: [] for k in COLUMNS}
    for name, kind in kinds.items():
        columns[kind].append(Node(name, kind))
    graph = Graph(titles=list(zip(COLUMN_X, COLUMN_TITLES, strict=True)))
    placed: dict[str, Node] = {}
    for x, kind in zip(COLUMN_X, COLUMNS, strict=True):
        for row, node in enumerate(columns[kind]):
            node.x, node.y = x, TOP + row * ROW_H
            placed[node.name] = node
            graph.nodes.append(node)
    for a, b in sorted(edges):
        graph.edges.append(_path(placed[a], placed[b]))
    graph.height = TOP + max(len(c) for c in columns.values()) * ROW_H + 6
    return graph


def _path(a: Node, b: Node) -> str:
    if b.x > a.x:
        x1, x2 = a.x + NODE_W, b.x
    else:  # a source relayed back into an earlier column: go around the right side
        x1, x2 = a.x + NODE_W, b.x + NODE_W
    y1, y2 = a.y + NODE_H // 2, b.y + NODE_H // 2
    mid = (x1 + x2) // 2 if b.x > a.x else max(x1, x2) + 40
    return f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
