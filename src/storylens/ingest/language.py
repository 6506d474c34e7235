"""Language identification with py3langid (model loaded once per process, lazily)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Below this many letters an identification is too unreliable to report.
MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text."""
    sample = text[:4000]  # plenty for identification; longer only costs time
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang, _prob = _identifier().classify(sample)
    return str(lang)
