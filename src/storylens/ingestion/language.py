"""Language identification with py3langid (model loaded once per process, lazily).

Loading the py3langid model costs about half a second, more than everything else
ingest does for a handful of articles. Most input is English news, so a cheap
test runs first: running English prose is dense in a small set of function words
that other languages (including other Latin-script ones) rarely use. Only text
that does not pass that test is handed to py3langid.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Below this many letters an identification is too unreliable to report.
MIN_LETTERS = 20

# English function words that are rare as words in other languages. Words that
# other languages share ("a", "an", "in", "on", "die", "was", "will") are left out.
_EN_MARKERS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "that",
        "is",
        "with",
        "for",
        "from",
        "by",
        "have",
        "has",
        "were",
        "which",
        "this",
        "it",
        "its",
        "said",
        "they",
        "their",
        "who",
        "would",
        "been",
        "be",
        "are",
        "not",
        "his",
        "her",
        "he",
        "she",
        "we",
        "our",
        "at",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Share of words that must be markers, and of "the" alone, for the fast path.
_MARKER_SHARE = 0.12
_THE_SHARE = 0.02
_MIN_WORDS = 40


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def looks_english(sample: str) -> bool:
    """True when ``sample`` is clearly running English prose (cheap, no model)."""
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < _MIN_WORDS:
        return False
    if sum(not w.isascii() for w in words) > len(words) * 0.02:
        return False
    markers = sum(w in _EN_MARKERS for w in words)
    the = sum(w == "the" for w in words)
    return markers >= len(words) * _MARKER_SHARE and the >= len(words) * _THE_SHARE


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text."""
    sample = text[:4000]  # plenty for identification; longer only costs time
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    if looks_english(sample):
        return "en"
    lang, _prob = _identifier().classify(sample)
    return str(lang)
