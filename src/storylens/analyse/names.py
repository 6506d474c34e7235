"""Names in an article's text that a source phrase, a pronoun or a role can stand for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from storylens.analyse.columns import doc_ents, doc_text
from storylens.analyse.cues import PERSON_ROLES
from storylens.analyse.phrases import strip_det
from storylens.analyse.sourcekind import PERSON_NOUNS
from storylens.datelines import dateline_spans


@dataclass(slots=True)
class NamedSpan:
    """A name in the text (an entity mention, or a named-entity span)."""

    start: int
    end: int
    text: str
    label: str
    entity: str | None = None


def names_from(doc: Doc, mentions: list[Any]) -> list[NamedSpan]:
    """Names to resolve against: the article's mentions, or the doc's own entities; never
    a dateline's ("TEL AVIV (Reuters) - Israel presented what it said was evidence": "it" is
    Israel, not the agency that filed the story)."""
    datelines = dateline_spans(doc_text(doc))

    def kept(start: int) -> bool:
        return not any(a <= start < b for a, b in datelines)

    if mentions:
        return [
            NamedSpan(m.start, m.end, m.text, m.label, m.entity) for m in mentions if kept(m.start)
        ]
    out = [
        NamedSpan(e.start_char, e.end_char, strip_det(e), e.label_)
        for e in doc_ents(doc)
        if kept(e.start_char)
    ]
    # unlinked: a surname on its own takes the type of the full name seen before it
    surnames: dict[str, str] = {}
    for n in out:
        parts = n.text.split()
        if n.label == "PERSON" and len(parts) > 1:
            surnames.setdefault(parts[-1], "PERSON")
        elif n.text in surnames:
            n.label = surnames[n.text]
    return out


def qualified_role(lead: str, titles: tuple[str, ...]) -> bool:
    """Whether the role word before a name is qualified by a capitalised word, a country
    or a nationality ("French President Emmanuel Macron", "U.S. President Donald Trump")."""
    words = lead.split()
    at = [k for k, w in enumerate(words) if w.casefold().strip(",;:()") in titles]
    if not at or at[-1] == 0:
        return False
    before = words[at[-1] - 1]  # a sentence's last word is none ("in Washington. President")
    return before[:1].isupper() and (not before.endswith(".") or before.count(".") > 1)


APPOSITION_WORDS = 5  # "Fox, a former Mexican president": the role within a few words


def describing_words(text: str, name: NamedSpan, lo: int, hi: int) -> list[str]:
    """The words that describe ``name`` where the text names it (its paragraph is ``lo`` to
    ``hi``): up to four before it, its own words but the last, and an apposition set off by a
    comma after it ("Fox, a former president"), not the rest of its sentence ("his lawyer,
    Michael Cohen, about a deal; whether the president")."""
    before = text[max(lo, name.start - 40) : name.start].lower()
    after = text[name.end : min(hi, name.end + 60)].lower()
    apposition = re.split(r"[,;:(.]", after[1:])[0] if after.startswith(",") else ""
    own = name.text.lower().split()[:-1]  # a title the name was read with ("Coroner Gary Hargrove")
    return before.split()[-4:] + own + apposition.split()[:APPOSITION_WORDS]


def plain_person(words: list[str], titles: tuple[str, ...]) -> bool:
    """Whether the words that describe a name (:func:`describing_words`) make them a person
    who holds no office ("Mara Lind, a resident", "protester Ana Diaz"), none of ``titles``."""
    said = {w.strip(",;:()") for w in words}
    return bool(said & _PLAIN_PEOPLE) and not said & set(titles)


# people the text may describe who speak for no office: a resident, a witness's cousin
_PLAIN_PEOPLE = frozenset(PERSON_NOUNS - PERSON_ROLES)
