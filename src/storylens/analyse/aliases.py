"""The alias table: names that general knowledge makes one entity (official country names,
agency names), from ``data/aliases.json`` and the user's ``Settings.aliases_file``."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError
from storylens.settings import Settings, read_settings_json

DASHES = re.compile(r"[-‐‑‒–—]")  # the hyphens and dashes a name may be written with
_NON_WORD = re.compile(r"[^\w' ]+")


def normalise_name(name: str) -> str:
    """A matching key: NFKC, casefolded, no dots/hyphens/possessive/leading "the", "&"
    read as "and"."""
    s = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    s = re.sub(r"'s$|'$", "", s.strip())
    s = s.replace(".", "").replace("&", " and ")
    s = DASHES.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    s = " ".join(s.casefold().split())
    if s.startswith("the ") and len(s) > 4:
        s = s[4:]
    return s


@dataclass(frozen=True, slots=True)
class AliasEntry:
    name: str
    type: str


@dataclass(slots=True)
class AliasTable:
    """Normalised alias → canonical entry."""

    entries: dict[str, AliasEntry] = field(default_factory=dict)

    def add_file_data(self, data: Any, source: str) -> None:
        items = data.get("entities") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ConfigError(f"{source}: aliases file needs an 'entities' list")
        for n, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise ConfigError(f"{source}: entities[{n}] needs a 'name' string")
            aliases = item.get("aliases", [])
            etype = item.get("type", "ORG")
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise ConfigError(f"{source}: entities[{n}].aliases must be a list of strings")
            if not isinstance(etype, str):
                raise ConfigError(f"{source}: entities[{n}].type must be a string")
            entry = AliasEntry(item["name"], etype)
            for alias in [item["name"], *aliases]:
                key = normalise_name(alias)
                if key:
                    self.entries[key] = entry

    def get(self, key: str) -> AliasEntry | None:
        return self.entries.get(key)


@cache
def _load_aliases(extra: Path | None) -> AliasTable:
    table = AliasTable()
    builtin = resources.files("storylens") / "data" / "aliases.json"
    table.add_file_data(json.loads(builtin.read_text(encoding="utf-8")), "data/aliases.json")
    if extra is not None:
        try:
            data = read_settings_json(Path(extra), "aliases file")
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(f"{extra}: cannot read aliases file: {exc}") from exc
        table.add_file_data(data, str(extra))
    return table


def load_aliases(settings: Settings) -> AliasTable:
    """The built-in alias table extended with ``settings.aliases_file``."""
    return _load_aliases(settings.aliases_file)
