"""A story over the comparison cap is refused with one clear line, before any analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import run_cli
from storylens.comparison import compare_articles
from storylens.errors import TooLarge
from storylens.settings import Settings
from storylens.types import Article

PARAGRAPH = (
    "The lighthouse keepers of Skarra voted on Monday to keep the old lamp running for "
    "another winter, the island council said.\n\n"
)


def test_compare_size_cap_library() -> None:
    articles = [Article(id=f"a_{n}", outlet=f"Outlet {n}", text=PARAGRAPH * 40) for n in range(3)]
    settings = Settings(max_story_chars=len(PARAGRAPH) * 100)
    with pytest.raises(TooLarge, match="over the comparison cap"):
        compare_articles(articles, settings, embed=lambda texts: [[0.0]] * len(texts))  # type: ignore[arg-type,return-value]


def test_compare_size_cap_cli(tmp_path: Path) -> None:
    for n, day in enumerate(("Monday", "Tuesday")):  # two texts: one text in two files is one
        text = PARAGRAPH.replace("Monday", day) * 30
        (tmp_path / f"outlet{n}.txt").write_text(text, encoding="utf-8")
    config = tmp_path / "settings.toml"
    config.write_text(f"max_story_chars = {len(PARAGRAPH) * 20}\n", encoding="utf-8")
    result = run_cli("compare", str(tmp_path), "--config", str(config), "-q")
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert "comparison cap" in lines[0]
