"""Per-doc caches of token columns: text, sentences, entities, string and int attributes.

spaCy rebuilds ``doc.text``, ``doc.sents`` and ``doc.ents`` on every access and reads token
attributes one Python object at a time; the analysis stages walk the same doc many times, so
each column is built once (from :meth:`Doc.to_array` where it can be) and kept in
``doc.user_data``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


_TEXT_KEY = "storylens.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return str(text)


def seed_text(doc: Doc, text: str) -> None:
    """Give :func:`doc_text` the article text the doc was parsed from (saves rebuilding it)."""
    if _TEXT_KEY in doc.user_data:
        return
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        doc.user_data[_TEXT_KEY] = text


def doc_sents(doc: Doc) -> tuple[Span, ...]:
    """``tuple(doc.sents)``, built once (attributions and claims both walk the sentences)."""
    sents: tuple[Span, ...] | None = doc.user_data.get("storylens.sents")
    if sents is None:
        sents = tuple(doc.sents)
        doc.user_data["storylens.sents"] = sents
    return sents


def sentence_at(doc: Doc, token: int, *, char: bool = False) -> int:
    """The index in :func:`doc_sents` of the sentence holding token ``token`` (the token
    at character ``token`` with ``char``), or -1."""
    if char:
        span = doc.char_span(token, token + 1, alignment_mode="expand")
        if span is None:
            return -1
        token = span.start
    sents = doc_sents(doc)
    lo, hi = 0, len(sents) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if sents[mid].end <= token:
            lo = mid + 1
        elif sents[mid].start > token:
            hi = mid - 1
        else:
            return mid
    return -1


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once (spaCy rebuilds the spans on every access)."""
    ents = doc.user_data.get("storylens.ents")
    if ents is None:
        ents = tuple(doc.ents)
        doc.user_data["storylens.ents"] = ents
    return tuple(ents)


# spaCy attribute names (``Doc.to_array`` takes them as strings: no spaCy import here, so a
# process that only reads analyses never loads spaCy)
_COLUMNS = {
    "orth_": "ORTH",
    "lower_": "LOWER",
    "lemma_": "LEMMA",
    "pos_": "POS",
    "tag_": "TAG",
    "dep_": "DEP",
    "ent_type_": "ENT_TYPE",
}
_COLUMN_NAMES: dict[str, dict[int, str]] = {attr: {} for attr in _COLUMNS}
_INT_COLUMNS = {"idx": "IDX", "is_space": "IS_SPACE", "is_punct": "IS_PUNCT"}
_COLUMN_KEYS = {attr: f"storylens.column.{attr}" for attr in [*_COLUMNS, *_INT_COLUMNS]}


def doc_column(doc: Doc, attr: str) -> list[str]:
    """``[getattr(t, attr) for t in doc]`` for a string attribute in ``_COLUMNS``, built once.

    The ids come from :meth:`Doc.to_array`; the attribute (a string-store lookup of the id)
    is read from a token only for ids not seen before.
    """
    key = _COLUMN_KEYS[attr]
    column: list[str] | None = doc.user_data.get(key)
    if column is None:
        ids: list[int] = doc.to_array(_COLUMNS[attr]).tolist() if len(doc) else []
        names = _COLUMN_NAMES[attr]
        if len(names) > 500_000:
            names.clear()
        for i, value in enumerate(ids):
            if value not in names:
                names[value] = str(getattr(doc[i], attr))
        column = list(map(names.__getitem__, ids))
        doc.user_data[key] = column
    return column


def doc_ints(doc: Doc, attr: str) -> list[int]:
    """``[int(getattr(t, attr)) for t in doc]`` for ``"idx"``, ``"is_space"`` or ``"is_punct"``,
    built once."""
    key = _COLUMN_KEYS[attr]
    column: list[int] | None = doc.user_data.get(key)
    if column is None:
        column = doc.to_array(_INT_COLUMNS[attr]).tolist() if len(doc) else []
        doc.user_data[key] = column
    return column


def doc_lemmas(doc: Doc) -> list[str]:
    """The lower-cased lemma of every token (``t.lemma_.lower()``), built once."""
    lemmas: list[str] | None = doc.user_data.get("storylens.lemmas")
    if lemmas is None:
        lemmas = [lemma.lower() for lemma in doc_column(doc, "lemma_")]
        doc.user_data["storylens.lemmas"] = lemmas
    return lemmas


def doc_children(doc: Doc) -> list[tuple[int, ...]]:
    """The children of every token as ascending token indices (``Token.children``), built once.

    Tuples of ints: the garbage collector stops tracking them, so a doc's cache costs no
    collector time.
    """
    children: list[tuple[int, ...]] | None = doc.user_data.get("storylens.children")
    if children is None:
        offsets = doc.to_array("HEAD").astype("int64").tolist() if len(doc) else []
        found: dict[int, list[int]] = {}
        for i, offset in enumerate(offsets):
            if offset:
                found.setdefault(i + offset, []).append(i)
        children = [()] * len(doc)
        for head, kids in found.items():
            children[head] = tuple(kids)
        doc.user_data["storylens.children"] = children
    return children


def paragraph_breaks(doc: Doc) -> list[int]:
    """Indices (ascending) of the whitespace tokens of ``doc`` holding a blank line."""
    breaks: list[int] | None = doc.user_data.get("storylens.paragraph_breaks")
    if breaks is None:
        spaces = doc.to_array("IS_SPACE").nonzero()[0].tolist() if len(doc) else []
        breaks = [i for i in spaces if "\n\n" in doc[i].text]
        doc.user_data["storylens.paragraph_breaks"] = breaks
    return breaks
