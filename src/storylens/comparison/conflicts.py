"""Differences between aligned claims: numbers, dates, agents and polarity.

Detectors are registered under versioned names; ``"conflicts.rules.v1"`` is the
default and needs no model. A detector sees the claims of one aligned group (as
:class:`ClaimView`) and returns the differences it is sure of plus notes such as
``reconciled`` (one article states both values and explains the gap itself).

Precision comes first: a difference is reported only when both claims state the
argument explicitly, their other arguments do not point at different events, and
no article reconciles the two values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from storylens.comparison import conflict_rules
from storylens.comparison.conflict_args import ClaimView
from storylens.comparison.conflict_rules import Findings, Rule
from storylens.errors import ConfigError
from storylens.settings import Settings

__all__ = [
    "DEFAULT_DETECTOR",
    "ConflictDetector",
    "Findings",
    "RulesDetector",
    "Similarity",
    "get_detector",
    "register",
    "registered",
]

DEFAULT_DETECTOR = "conflicts.rules.v1"


Similarity = Callable[[str, str], float]


class ConflictDetector(Protocol):
    name: str

    def detect(self, views: Sequence[ClaimView], similarity: Similarity) -> Findings: ...


_REGISTRY: dict[str, Callable[[Settings], ConflictDetector]] = {}


def register(name: str) -> Callable[[Callable[[Settings], ConflictDetector]], Any]:
    """Register a detector factory under a versioned name."""

    def deco(factory: Callable[[Settings], ConflictDetector]) -> Any:
        _REGISTRY[name] = factory
        return factory

    return deco


def get_detector(name: str, settings: Settings) -> ConflictDetector:
    try:
        factory = _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ConfigError(f"unknown conflict detector {name!r} (known: {known})") from None
    return factory(settings)


def registered() -> list[str]:
    return sorted(_REGISTRY)


@dataclass
class RulesDetector:
    """Hand-written rules over claim arguments (:mod:`storylens.comparison.conflict_rules`,
    one module per rule); no model download."""

    settings: Settings
    name: str = DEFAULT_DETECTOR
    # pair similarity floor: by default this far over the alignment threshold, since two
    # statements that are only loosely the same fact differ in their numbers by nature
    min_similarity: float = 0.0
    margin: float = 0.1
    strict_similarity: float = 0.78  # floor for the strict rules (polarity and dates)
    rules: list[Rule] = field(default_factory=conflict_rules.rules)

    def __post_init__(self) -> None:
        if not self.min_similarity:
            self.min_similarity = self.settings.align_threshold + self.margin

    def detect(self, views: Sequence[ClaimView], similarity: Similarity) -> Findings:
        found = Findings()
        seen: set[tuple[Any, ...]] = set()
        for a, b in _pairs(views):
            sim = similarity(a.claim.id, b.claim.id)
            if sim < self.min_similarity:
                continue
            for rule in self.rules:
                if rule.strict and sim < self.strict_similarity:
                    continue
                for diff in rule.find(a, b, found):
                    _add(found, diff, seen)
        return found


def _pairs(views: Sequence[ClaimView]) -> Iterator[tuple[ClaimView, ClaimView]]:
    for i, a in enumerate(views):
        for b in views[i + 1 :]:
            if a.unit != b.unit:
                yield a, b


def _add(found: Findings, diff: dict[str, Any], seen: set[tuple[Any, ...]]) -> None:
    key = (
        diff["argument"],
        diff.get("unit"),
        frozenset(str(v["value"]).casefold() for v in diff["values"]),
        frozenset(v["outlet"] for v in diff["values"]),
    )
    if key not in seen:
        seen.add(key)
        found.differences.append(diff)


@register(DEFAULT_DETECTOR)
def _rules_v1(settings: Settings) -> ConflictDetector:
    return RulesDetector(settings)
