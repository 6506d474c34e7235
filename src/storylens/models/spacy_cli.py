"""Defer the import of ``spacy.cli`` until something actually uses it.

``import spacy`` runs ``from .cli.info import info``, which imports the whole spaCy command
line: training, project and packaging commands, Jinja2 and weasel. None of it is needed to
load a model and parse text, and it costs about 0.13 s of every cold start.

:func:`defer` (called when ``storylens`` is imported, before anything imports spaCy)
registers a stand-in ``spacy.cli`` package. It keeps the real package's ``__path__``, so
``import spacy.cli.download`` and friends still work, and on the first attribute lookup
(``spacy.cli.download``, ``from spacy.cli import app``) it imports the real package and
hands over to it. ``spacy.info`` likewise loads the real function when first called.
Nothing changes when spaCy was imported before storylens.

``langcodes`` gets a plainer stand-in (:class:`_DeferredModule`): ``spacy.util`` imports it
(~0.04 s, mostly building one large regular expression) but uses it only to match a
language code that no spaCy language is registered under, which loading the English model
never does.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

_NAME = "spacy.cli"


class _DeferredModule(types.ModuleType):
    """Stand-in for a module that is imported for real on first attribute use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return getattr(self._load(), name)

    def _load(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)


class _DeferredCli(_DeferredModule):
    """Stand-in for ``spacy.cli``."""

    def _load(self) -> types.ModuleType:
        return _real_cli()


class _DeferredInfo(_DeferredModule):
    """Stand-in for ``spacy.cli.info`` (the real one needs the real ``spacy.cli``)."""

    def _load(self) -> types.ModuleType:
        _real_cli()
        return importlib.import_module(_NAME + ".info")


def _real_cli() -> types.ModuleType:
    current = sys.modules.get(_NAME)
    if current is not None and not isinstance(current, _DeferredCli):
        return current
    sys.modules.pop(_NAME, None)
    if isinstance(sys.modules.get(_NAME + ".info"), _DeferredInfo):
        del sys.modules[_NAME + ".info"]
    real = importlib.import_module(_NAME)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = real  # type: ignore[attr-defined]
    return real


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real function, imported on first call."""
    _real_cli()
    real = importlib.import_module(_NAME + ".info")
    return real.info(*args, **kwargs)


def _defer_module(name: str) -> None:
    """Let ``import name`` succeed now and import the module on first attribute use; nothing
    when it is already imported or not installed."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is None:
        return
    stand_in = _DeferredModule(name)
    stand_in.__spec__ = spec
    if spec.submodule_search_locations is not None:
        stand_in.__path__ = list(spec.submodule_search_locations)
    sys.modules[name] = stand_in


def defer() -> bool:
    """Register the stand-ins; False when spaCy is already imported or not installed.

    ``langcodes`` (~0.04 s to import) is also made lazy: ``spacy.util`` imports it, but uses
    it only to match a language code no spaCy language is registered under.
    """
    if "spacy" in sys.modules or _NAME in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec("spacy")
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    root = next(iter(spec.submodule_search_locations))
    cli = _DeferredCli(_NAME)
    cli.__path__ = [f"{root}/cli"]
    cli.__package__ = _NAME
    info = _DeferredInfo(_NAME + ".info")
    info.__package__ = _NAME
    info.info = _info  # type: ignore[attr-defined]
    sys.modules[_NAME] = cli
    sys.modules[_NAME + ".info"] = info
    _defer_module("langcodes")
    return True
