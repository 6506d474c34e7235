"""Outlet names: registered domain -> display name, from a data file users can extend.

The mapping ships in ``storylens/data/outlets.json``; ``Settings.outlets_file``
(CLI ``--outlets FILE``) adds or overrides entries with a file of the same shape
(``{"domains": {"example.com": "Example News"}, "agencies": [...]}``; a flat
``{"domain": "name"}`` object is accepted too).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storylens.errors import ConfigError
from storylens.settings import read_settings_json

# Second-level labels under which registrations happen one level deeper (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset(
    {"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go", "gob", "gv", "nic", "info"}
)


@dataclass(frozen=True, slots=True)
class OutletTable:
    """Domain -> display name, plus names of news agencies (which are outlets too)."""

    domains: dict[str, str]
    agencies: frozenset[str]

    def name_for_domain(self, host: str) -> str | None:
        """The display name for ``host`` or any parent domain of it."""
        labels = host.lower().rstrip(".").split(".")
        for i in range(len(labels) - 1):
            name = self.domains.get(".".join(labels[i:]))
            if name:
                return name
        return None

    def known_name(self, name: str) -> str | None:
        """``name`` spelled as the table spells it, when it is a known outlet or agency."""
        key = name.strip().casefold()
        for candidate in (*self.domains.values(), *self.agencies):
            if candidate.casefold() == key:
                return candidate
        return None


def _parse(data: Any, source: str) -> tuple[dict[str, str], list[str]]:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: outlets file must hold a JSON object")
    domains = data.get("domains", data if "agencies" not in data else {})
    agencies = data.get("agencies", [])
    if not isinstance(domains, dict) or not isinstance(agencies, list):
        raise ConfigError(f"{source}: 'domains' must be an object and 'agencies' a list")
    clean = {
        str(k).lower().removeprefix("www."): str(v)
        for k, v in domains.items()
        if not str(k).startswith("_") and isinstance(v, str)
    }
    return clean, [str(a) for a in agencies]


@lru_cache(maxsize=8)
def load_outlets(extra: Path | None = None) -> OutletTable:
    """The shipped table, extended by ``extra`` when given."""
    text = resources.files("storylens").joinpath("data", "outlets.json").read_text(encoding="utf-8")
    domains, agencies = _parse(json.loads(text), "outlets.json")
    if extra is not None:
        try:
            more = read_settings_json(Path(extra), "outlets file")
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{extra}: cannot read outlets file: {exc}") from exc
        extra_domains, extra_agencies = _parse(more, str(extra))
        domains.update(extra_domains)
        agencies.extend(extra_agencies)
    return OutletTable(domains, frozenset(agencies))


def url_host(url: str) -> str | None:
    """The lower-cased host of ``url`` without a leading ``www.``, or None."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().rstrip(".").removeprefix("www.")


def registered_domain(host: str) -> str:
    """Best-effort registered domain: ``news.bbc.co.uk`` -> ``bbc.co.uk``."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) <= 2:
        return ".".join(labels)
    if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def outlet_from_url(url: str, table: OutletTable) -> str | None:
    """Display name for the outlet behind ``url``; the registered domain when unknown."""
    host = url_host(url)
    if host is None:
        return None
    return table.name_for_domain(host) or registered_domain(host)
