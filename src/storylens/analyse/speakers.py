"""Speakers: the name (and linked entity) behind an attribution's source phrase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from storylens.analyse.attribution import Attribution
from storylens.analyse.columns import doc_ents
from storylens.analyse.cues import RELATIVE_PRONOUNS, lexicon
from storylens.analyse.phrases import strip_det

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we"})
ORG_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
PERSON_ROLES = lexicon(
    """spokesman spokeswoman spokesperson official minister president leader premier
    chancellor secretary governor mayor ambassador diplomat lawmaker senator aide adviser
    advisor analyst economist expert ecologist scientist witness man woman source"""
)
ORG_ROLES = lexicon(
    """agency ministry government kremlin newspaper outlet broadcaster company firm
    office department party committee council group organisation organization bank"""
)


@dataclass(slots=True)
class NamedSpan:
    """A name in the text (an entity mention, or a named-entity span)."""

    start: int
    end: int
    text: str
    label: str
    entity: str | None = None


def resolve_source(att: Attribution, doc: Doc, names: list[NamedSpan]) -> tuple[str, str | None]:
    """The name (and entity id, when linked) of an attribution's source.

    Pronouns ("he", "it") and bare roles ("the spokesman", "the agency") resolve to the nearest
    compatible preceding PERSON/ORG name; named sources keep their own name.
    """
    if att.source_start is None or att.source_end is None:
        return "", None
    labels = _wanted_labels(att, doc)
    if labels is None:
        for n in names:
            if (
                n.start >= att.source_start
                and n.end <= att.source_end
                and (n.text == att.source_name or att.source_name.endswith(n.text))
            ):
                return att.source_name, n.entity
        return att.source_name, None
    for n in sorted(names, key=lambda x: -x.start):
        if n.end <= att.source_start and n.label in labels:
            return n.text, n.entity
    return att.source_name, None


def _wanted_labels(att: Attribution, doc: Doc) -> set[str] | None:
    """Labels a pronoun/role source may refer to, or None for a named source."""
    span = doc.char_span(att.source_start or 0, att.source_end or 0, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or t.pos_ == "PROPN" for t in span):
        return None
    head = span.root
    if head.lower_ in RELATIVE_PRONOUNS:
        return None  # already resolved to the antecedent
    low = head.lower_
    lemma = head.lemma_.lower()
    if head.pos_ == "PRON":
        if low in PERSON_PRONOUNS:
            return {"PERSON"}
        if low in ORG_PRONOUNS:
            return {"ORG"}
        if low in PLURAL_PRONOUNS:
            return {"ORG", "NORP", "PERSON"}
        return None
    definite = span[0].lower_ in {"the", "this", "that"}
    if definite and lemma in PERSON_ROLES:
        return {"PERSON"}
    if definite and lemma in ORG_ROLES:
        return {"ORG"}
    return None


def names_from(doc: Doc, mentions: list[Any]) -> list[NamedSpan]:
    """Names to resolve against: the article's mentions, or the doc's own entities."""
    if mentions:
        return [NamedSpan(m.start, m.end, m.text, m.label, m.entity) for m in mentions]
    return [NamedSpan(e.start_char, e.end_char, strip_det(e), e.label_) for e in doc_ents(doc)]
