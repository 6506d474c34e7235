"""Which people an article calls "he" and which "she", read from the article itself.

A "she said" cannot continue a man's words, nor "he" a woman's. The evidence is the
article's own: a courtesy title before a name ("Mr. Farmer", "Ms. Hiller"), a word for a
man or a woman that names or describes the person ("actress Ellen DeGeneres", "Benjamin, a
mother of two", "his widow, Joan"), and the pronouns of a sentence whose subject is the
only person it names ("Benjamin said her clinic …", and "She …" opening the sentence
after it). Nothing is guessed from the name itself: a person the article gives no clear
evidence for has no gender here, and every pronoun may stand for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from storylens.analyse.columns import doc_sents, doc_text, sentence_at
from storylens.analyse.cues import SPEECH_CUES, lexicon
from storylens.analyse.quotemarks import doc_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

HE = frozenset({"he", "him", "his", "himself"})
SHE = frozenset({"she", "her", "hers", "herself"})

_MEN = lexicon(
    "man boy father son husband brother uncle nephew grandfather grandson king prince "
    "actor businessman spokesman congressman councilman policeman fireman sportsman "
    "gentleman widower stepfather dad boyfriend monk"
)
_WOMEN = lexicon(
    "woman girl mother daughter wife sister aunt niece grandmother granddaughter queen "
    "princess actress businesswoman spokeswoman congresswoman councilwoman policewoman "
    "chairwoman sportswoman lady widow stepmother mom mum girlfriend nun"
)
_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Msgr|Fr|Sr)\.?\s*$")
_TITLE_GENDER = {
    **dict.fromkeys(("mr", "sir", "msgr", "fr"), "he"),
    **dict.fromkeys(("mrs", "ms", "miss", "dame", "lady", "sr"), "she"),
}

_STRONG = 3  # a title or a noun outweighs a sentence's pronouns


def person_key(name: Any) -> str:
    """What the article's mentions of one person share: the linked entity, else the last
    word of the name ("Ramon Lopez", "Lopez")."""
    if getattr(name, "entity", None):
        return str(name.entity)
    words = str(name.text).split()
    return words[-1].casefold().removesuffix("'s") if words else ""


def genders(doc: Doc, people: Sequence[Any]) -> dict[str, str]:
    """Person key (:func:`person_key`) -> "he" or "she", for the people among ``people``
    (the article's mentions or names, with ``start``, ``end``, ``text`` and ``label``; only
    PERSON ones are read) the article shows clearly to be one or the other; computed once
    per doc and list."""
    people = [p for p in people if p.label == "PERSON"]
    key = f"storylens.gender.{hash(tuple((p.start, p.end) for p in people))}"
    cached: dict[str, str] | None = doc.user_data.get(key)
    if cached is not None:
        return cached
    text = doc_text(doc)
    sents = doc_sents(doc)
    score: dict[str, dict[str, int]] = {}
    by_sentence: dict[int, list[tuple[Any, Span]]] = {}
    for p in people:
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        counts = score.setdefault(person_key(p), {"he": 0, "she": 0})
        title = _TITLE.search(text, max(0, p.start - 6), p.start)
        first = p.text.split()[0].rstrip(".").casefold() if p.text.split() else ""
        word = title.group(1).casefold() if title else first
        if word in _TITLE_GENDER:
            counts[_TITLE_GENDER[word]] += _STRONG
        noun = _described_as(span)
        if noun:
            counts[noun] += _STRONG
        by_sentence.setdefault(sentence_at(doc, span.start), []).append((p, span))
    quotes = doc_quotes(doc)
    for i, found in by_sentence.items():
        keys = {person_key(p) for p, _ in found}
        if i < 0 or len(keys) != 1:
            continue  # two people in one sentence: its pronouns may be either's
        verbs = [_subject_of(s) for _, s in found]
        verb = next((v for v in verbs if v is not None), None)
        if verb is None:
            continue
        counts = score[keys.pop()]
        for pronoun in _own_pronouns(verb, quotes):
            counts[pronoun] += 1
        said = _said_of_self(verb, quotes)
        if said:
            counts[said] += 1
        if i + 1 < len(sents) and i + 1 not in by_sentence:
            opener = sents[i + 1][0].lower_
            if opener in {"he", "she"}:
                counts[opener] += 1
    out = {}
    for person, counts in score.items():
        he, she = counts["he"], counts["she"]
        if max(he, she) >= 2 and 4 * min(he, she) <= max(he, she):
            out[person] = "he" if he > she else "she"
    doc.user_data[key] = out
    return out


def fits(said: tuple[str, str | None], sex: str, doc: Doc, names: Sequence[Any]) -> bool:
    """Whether a "he" or "she" (``sex``) can stand for the person ``said`` (name, entity)
    names: no mention of that person among ``names`` is of someone the article calls the
    other."""
    known = genders(doc, names)
    match = [
        n
        for n in names
        if n.label == "PERSON" and ((n.entity and n.entity == said[1]) or n.text == said[0])
    ]
    return all(known.get(person_key(n), sex) == sex for n in match)


def _described_as(span: Span) -> str | None:
    """ "he" or "she" when a word for a man or a woman names or describes the person: a
    title word before the name, or an apposition either way."""
    root = span.root
    words = [c for c in root.children if c.dep_ in {"compound", "appos"} and c.i < span.start]
    words += [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        words.append(root.head)
    for w in words:
        lemma = w.lemma_.lower()
        if lemma in _MEN or w.lower_ in _MEN:
            return "he"
        if lemma in _WOMEN or w.lower_ in _WOMEN:
            return "she"
    return None


def _subject_of(span: Span) -> Token | None:
    """The verb whose subject the name is, or None."""
    tok = span.root
    while tok.dep_ in {"compound", "appos", "conj"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.head if tok.dep_ in {"nsubj", "nsubjpass"} else None


# clauses of their own under a verb: what someone said, a condition, another verb's subject
_OTHER_CLAUSES = frozenset({"ccomp", "parataxis", "advcl", "relcl", "conj", "csubj", "acl"})


def _said_of_self(verb: Token, quotes: Sequence[tuple[int, int]]) -> str | None:
    """ "he" or "she" when the name reports something whose subject is that pronoun ("Armstead
    said she ran", "Woodward, who said he would reveal …"): mostly the speaker themself."""
    if verb.lemma_.lower() not in SPEECH_CUES:
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        for subj in clause.children:
            if (
                subj.dep_ == "nsubj"
                and subj.lower_ in {"he", "she"}
                and subj.i < clause.i
                and not any(a <= subj.idx < b for a, b in quotes)
            ):
                return subj.lower_
    return None


def _own(tok: Token) -> bool:
    """Whether a pronoun can only be the subject's own: a possessive or a reflexive ("Page
    continued her modeling work"; "Roesler described her" is someone else)."""
    return tok.tag_ == "PRP$" or tok.lower_ in {"his", "himself", "herself"}


def _own_pronouns(verb: Token, quotes: Sequence[tuple[int, int]]) -> list[str]:
    """ "he" or "she" for each third-person singular pronoun in ``verb``'s own clause (not
    in what it reports, "Perlo said her son …", nor in a quotation), at most two."""
    out = []
    stack = [verb]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ not in _OTHER_CLAUSES:
                stack.append(child)
        if any(a <= tok.idx < b for a, b in quotes) or not _own(tok):
            continue
        if tok.lower_ in HE:
            out.append("he")
        elif tok.lower_ in SHE:
            out.append("she")
    return out[:2]
