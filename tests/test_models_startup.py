"""spaCy's command line (and langcodes) are imported only when something uses them (faster
cold starts)."""

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


def test_loading_the_model_does_not_import_the_spacy_command_line() -> None:
    out = _run(
        """
        import sys
        import storylens
        from storylens.models.nlp import get_nlp
        doc = get_nlp()("Ilse Marant met Tomas Holm in Seva on Monday.")
        print(len(doc.ents) > 0, "spacy.cli.train" in sys.modules, "weasel" in sys.modules)
        """
    )
    assert out == "True False False"


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


def test_langcodes_is_imported_only_when_a_language_code_needs_matching() -> None:
    out = _run(
        """
        import sys
        import storylens
        from storylens.models.nlp import get_nlp
        get_nlp()("Ilse Marant met Tomas Holm in Seva on Monday.")
        before = type(sys.modules["langcodes"]).__name__
        import spacy.util, langcodes
        match = spacy.util.find_matching_language("en-US")
        print(before, match, type(sys.modules["langcodes"]).__name__, langcodes.tag_is_valid("de"))
        """
    )
    assert out == "_DeferredModule en module True"
