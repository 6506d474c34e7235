"""The rules of the rule-based conflict detector (``conflicts.rules.v1``), one module each.

A rule reads two aligned claims (:class:`~storylens.comparison.conflict_args.ClaimView`)
and yields the differences it is sure of; it may add notes to the :class:`Findings`. Each
module in this package registers its rules with :func:`rule`; :func:`rules` imports every
module here and lists the rules in their ``order`` (the order their differences are
reported in). Adding a rule is one new module here and a test.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from storylens.comparison.conflict_args import ClaimView
from storylens.types import Argument


@dataclass(slots=True)
class Findings:
    differences: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)


Find = Callable[[ClaimView, ClaimView, Findings], Iterable[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: ``find`` yields its differences for a pair of claims."""

    name: str
    order: int  # rules run, and their differences are listed, in this order
    strict: bool  # only for pairs at the detector's strict similarity (dates, denials)
    find: Find


_RULES: dict[str, Rule] = {}


def rule(name: str, *, order: int, strict: bool = False) -> Callable[[Find], Find]:
    """Register ``find`` as the rule ``name``."""

    def deco(find: Find) -> Find:
        _RULES[name] = Rule(name, order, strict, find)
        return find

    return deco


def rules() -> list[Rule]:
    """Every rule of this package, in order."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return sorted(_RULES.values(), key=lambda r: (r.order, r.name))


def side(view: ClaimView, value: Any, text: str | None = None) -> dict[str, Any]:
    """One claim's value in a difference."""
    return {
        "claim": view.claim.id,
        "article": view.claim.article,
        "outlet": view.outlet,
        "value": value,
        "text": text if text is not None else str(value),
    }


def difference(
    argument: str, a: ClaimView, x: Argument, b: ClaimView, y: Argument, **extra: Any
) -> dict[str, Any]:
    """A difference between two claims' values of one argument."""
    return {
        "argument": argument,
        **extra,
        "values": [side(a, x.value, x.text), side(b, y.value, y.text)],
        "claims": [a.claim.id, b.claim.id],
    }
