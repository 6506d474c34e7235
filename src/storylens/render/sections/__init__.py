"""The sections of the report, one module each, shown by every renderer that has a way to.

Each module here defines ``SECTION``, a :class:`Section` with up to three renderings: a
Markdown block, lines printed to a Rich console, and the context of an HTML template
(``templates/section_<name>.html.j2``). :func:`sections` imports every module here and
lists the sections in their ``order``, the order all three renderers show them in. Adding
a section is one new module here (with its template, for HTML) and a test.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from storylens.render.model import ReportView

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the report: how each renderer shows it (``None``: that one does not)."""

    name: str
    order: int
    markdown: Callable[[ReportView], str] | None = None  # "" when there is nothing to show
    terminal: Callable[[ReportView, Console], None] | None = None
    html: Callable[[ReportView], dict[str, Any]] | None = None  # the template's context

    @property
    def template(self) -> str:
        return f"section_{self.name}.html.j2"


@cache
def sections() -> tuple[Section, ...]:
    """Every section of this package, in order."""
    found = [
        importlib.import_module(f"{__name__}.{module.name}").SECTION
        for module in pkgutil.iter_modules(__path__)
    ]
    return tuple(sorted(found, key=lambda s: (s.order, s.name)))
