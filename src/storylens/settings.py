"""One keyword-only options object handed to every stage.

Built from defaults, then an optional TOML config file, then CLI flags
(:func:`Settings.with_overrides`). Stages read what they need and ignore the rest.
"""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError

MAX_SETTINGS_FILE = 4 * 1024 * 1024  # config, outlets, aliases, lexicon and groups files


def read_settings_file(path: Path, what: str) -> str:
    """The text of a small user-given file (``what``: "config", "outlets file", ...).

    Refused with a :class:`ConfigError` naming the file unless it is a regular file of at
    most :data:`MAX_SETTINGS_FILE` bytes (checked before opening it, and again while
    reading, so ``/dev/zero``, a named pipe or a growing file cannot fill the memory).
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path}: cannot read {what}: not a regular file")
        if info.st_size > MAX_SETTINGS_FILE:
            raise ConfigError(_too_large(path, what))
        with path.open("rb") as fh:
            data = fh.read(MAX_SETTINGS_FILE + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what}: {exc.strerror or exc}") from exc
    if len(data) > MAX_SETTINGS_FILE:
        raise ConfigError(_too_large(path, what))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read {what}: not UTF-8 text ({exc.reason})") from exc


def read_settings_json(path: Path, what: str) -> Any:
    """The JSON value of a small user-given file (see :func:`read_settings_file`); invalid or
    too deeply nested JSON is a :class:`ConfigError` naming the file."""
    text = read_settings_file(path, what)
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ConfigError(f"{path}: cannot read {what}: JSON nested too deeply") from exc
    except ValueError as exc:
        raise ConfigError(f"{path}: cannot read {what}: not valid JSON ({exc})") from exc


def _too_large(path: Path, what: str) -> str:
    return f"{path}: cannot read {what}: larger than {MAX_SETTINGS_FILE // (1024 * 1024)} MiB"


def default_store_path() -> Path:
    """The embedded store file: $STORYLENS_DB, else ~/.local/share/storylens/storylens.db."""
    env = os.environ.get("STORYLENS_DB")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "storylens" / "storylens.db"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Options for every stage. Immutable: derive a changed copy with ``with_overrides``."""

    # ingest
    max_bytes: int = 10 * 1024 * 1024  # size cap for one input (file, URL body, record)
    fetch_timeout: float = 15.0
    max_redirects: int = 5
    user_agent: str = "storylens/0.1 (+https://github.com/storylens/storylens; news comparison)"
    allow_private: bool = False  # allow fetching loopback/private addresses (tests, intranets)
    max_story_chars: int = 400_000  # total article text one comparison takes (memory grows with it)
    max_feed_items: int = 50_000  # items/URLs followed per feed, sitemap or OPML list
    outlets_file: Path | None = None  # extra domain -> display name mappings (JSON)
    # analysis
    # articles per nlp.pipe batch (and per analysis task): the model's arrays grow with the
    # batch's tokens, and past a few articles a bigger batch is no faster, only larger
    batch_size: int = 8
    # processes that analyse (storylens.analyse.parallel): 0 = one per core, up to four;
    # 1 = in the calling process
    n_process: int = 0
    aliases_file: Path | None = None  # extra entity aliases (JSON)
    # compare
    align_threshold: float = 0.48  # statement pair score (compare.align) to join a group
    # a lone statement joins its best match's group (on part of its fact) at this much less
    align_support_margin: float = 0.04
    # ...and only when the two statements' meanings are this close as wholes (embedding
    # cosine): a clause match alone joins a story's many sentences on one topic
    align_support_similarity: float = 0.6
    # an article's first statement left alone joins the group of another outlet's statement
    # this close to it in meaning (embedding cosine; compare.headline_join); 0 = never
    align_headline_similarity: float = 0.65
    # fact groups that report one event join when their statements' average event affinity
    # (compare.event_groups) reaches this share one `event`; 0 finds no events
    event_threshold: float = 0.41
    dedup_threshold: float = 0.8
    conflict_detector: str = "conflicts.rules.v1"  # registered name (compare.conflicts)
    lexicon_file: Path | None = None  # extra loaded-term lexicon (JSON)
    llm_url: str | None = None  # OpenAI-compatible endpoint for summary rewriting; off by default
    llm_model: str = "default"
    # store
    db: str = field(default_factory=lambda: str(default_store_path()))

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_story_chars", "batch_size", "n_process"):
            value = getattr(self, name)
            least = 0 if name == "n_process" else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < least:
                raise ConfigError(
                    f"{name} must be a whole number of at least {least}, not {value!r}"
                )
        if not isinstance(self.fetch_timeout, int | float) or self.fetch_timeout <= 0:
            raise ConfigError("fetch_timeout must be a positive number of seconds")
        if self.max_redirects < 0 or self.max_feed_items < 0:
            raise ConfigError("max_redirects and max_feed_items cannot be negative")

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with the non-None ``changes`` applied."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_file(cls, path: Path) -> Settings:
        """Read a TOML config file (keys as the field names, under ``[storylens]`` or top level)."""
        text = read_settings_file(path, "config")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: cannot read config: {exc}") from exc
        data = data.get("storylens", data)
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: the [storylens] section must be a table of settings")
        defaults = cls()
        known = {f.name for f in dataclasses.fields(defaults)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s): {', '.join(unknown)}")
        values = {k: _checked(path, k, v, getattr(defaults, k)) for k, v in data.items()}
        return defaults.with_overrides(**values)


_PATHS = frozenset({"outlets_file", "aliases_file", "lexicon_file"})


def _checked(path: Path, key: str, value: Any, default: Any) -> Any:
    """``value`` for setting ``key`` if it has the setting's type; ConfigError otherwise."""
    if key in _PATHS or key in {"llm_url"}:
        expected: tuple[type, ...] = (str,)
    elif isinstance(default, bool):
        expected = (bool,)
    elif isinstance(default, int):
        expected = (int,)
    elif isinstance(default, float):
        expected = (int, float)
    else:
        expected = (str,)
    if (isinstance(value, bool) and bool not in expected) or not isinstance(value, expected):
        kind = " or ".join(t.__name__ for t in expected)
        raise ConfigError(f"{path}: setting {key!r} must be {kind}, not {value!r:.60}")
    return Path(str(value)) if key in _PATHS else value


DEFAULT = Settings()
