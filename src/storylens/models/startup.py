"""Start-up shortcuts for spaCy, apart from the pipeline recipes (:mod:`.nlp`).

None of them changes what the model predicts; each only saves start-up time, and each
leaves things as they are when spaCy is not laid out as it expects.

**A deferred ``spacy.cli``.**
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

**A bare tokenizer** (:func:`make_bare_tokenizer`) for a model loaded from disk, and
**entry points grouped once** (:func:`group_entry_points`) for catalogue: see each.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

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


def make_bare_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer with no exceptions or affix patterns yet, for a model loaded from disk.

    ``Tokenizer.from_disk`` first resets every rule and pattern and then restores all of
    them from the model's files, so building the language defaults' tokenizer beforehand
    (2,700 special cases validated and compiled, ~0.2 s) is wasted work.
    """

    def create(nlp: Language) -> Tokenizer:
        from spacy.tokenizer import Tokenizer

        return Tokenizer(nlp.vocab)

    return create


def group_entry_points() -> None:
    """Give catalogue the installed entry points grouped once, instead of scanned per lookup.

    While a model loads, spaCy's registries ask catalogue for the entry points of a group
    about 200 times, and each ask filters every installed package's entry points (~0.08 s
    in all). catalogue accepts a plain ``{group: [entry points]}`` mapping as well, with the
    same entries.
    """
    import catalogue

    found: Any = catalogue.AVAILABLE_ENTRY_POINTS
    if isinstance(found, dict) and not hasattr(found, "select"):
        return  # already grouped
    grouped: dict[str, list[Any]] = {}
    if isinstance(found, dict):  # Python 3.11: a dict of group -> entry points
        for group, items in dict.items(found):
            grouped.setdefault(group, []).extend(items)
    else:
        for entry_point in found:
            grouped.setdefault(entry_point.group, []).append(entry_point)
    catalogue.AVAILABLE_ENTRY_POINTS = grouped


def register_bare_tokenizer() -> None:
    """Register :func:`make_bare_tokenizer` as ``storylens.bare_tokenizer.v1`` (once)."""
    from spacy.util import registry

    if "storylens.bare_tokenizer.v1" not in registry.tokenizers:
        registry.tokenizers.register("storylens.bare_tokenizer.v1", func=make_bare_tokenizer)
