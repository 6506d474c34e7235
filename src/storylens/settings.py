"""One keyword-only options object handed to every stage.

Built from defaults, then an optional TOML config file, then CLI flags
(:func:`Settings.with_overrides`). Stages read what they need and ignore the rest.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError


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
    batch_size: int = 32
    n_process: int = 1
    aliases_file: Path | None = None  # extra entity aliases (JSON)
    # compare
    # processes that analyse a story's articles (at most one per core; see compare.workers);
    # 0 = automatic: every core up to four for stories over ``compare_split_words`` words,
    # else one; 1 = always in the calling process
    compare_processes: int = 0
    compare_split_words: int = 1_200
    align_threshold: float = 0.48  # statement pair score (compare.align) to join a group
    # a lone statement joins its best match's group (on part of its fact) at this much less
    align_support_margin: float = 0.08
    dedup_threshold: float = 0.8
    conflict_detector: str = "conflicts.rules.v1"  # registered name (compare.conflicts)
    lexicon_file: Path | None = None  # extra loaded-term lexicon (JSON)
    llm_url: str | None = None  # OpenAI-compatible endpoint for summary rewriting; off by default
    llm_model: str = "default"
    # store
    db: str = field(default_factory=lambda: str(default_store_path()))

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
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read config: {exc}") from exc
        data = data.get("storylens", data)
        paths = {"outlets_file", "aliases_file", "lexicon_file"}
        values = {k: Path(v) if k in paths else v for k, v in data.items()}
        return cls().with_overrides(**values)


DEFAULT = Settings()
