"""spaCy's start-up shortcuts change nothing that uses spaCy: its command line and langcodes
still work after storylens is imported (what they save is a ``make bench`` figure)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_spacy_command_line_still_works_after_storylens_is_imported() -> None:
    out = _run(
        """
        import storylens, spacy
        import spacy.cli.download as download
        from spacy.cli import app, setup_cli
        info = spacy.info(markdown=False)
        print(download.__name__, callable(setup_cli), type(info).__name__, spacy.cli.app is app)
        """
    )
    assert out == "spacy.cli.download True dict True"


def test_nothing_is_deferred_when_spacy_came_first() -> None:
    out = _run(
        """
        import spacy, sys
        import storylens
        print(type(sys.modules["spacy.cli"]).__name__)
        """
    )
    assert out == "module"


def test_langcodes_still_matches_language_codes_after_storylens_is_imported() -> None:
    out = _run(
        """
        import storylens
        from storylens.models.nlp import get_nlp
        get_nlp()("Ilse Marant met Tomas Holm in Seva on Monday.")
        import spacy.util, langcodes
        print(spacy.util.find_matching_language("en-US"), langcodes.tag_is_valid("de"))
        """
    )
    assert out == "en True"
