"""The words a part is compared by (its *focus*), when its own text lacks who or what it is
about: a relative clause with its antecedent in front ("who had not left his country" ->
"Kim had not left his country"), a clause the claim extractor did not read with its subject
in front, and a leading "he" or "she" replaced by the article's main person. A part's span
and text stay as they are; the focus is for matching (see :mod:`.segment`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.analyse.cues import SPEECH_CUES
from storylens.analyse.gender import genders, person_key
from storylens.types import Claim, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


_RELATIVE_WORDS = frozenset({"who", "whom", "which", "that", "whose"})


def antecedent_text(noun: Token) -> str:
    """The noun phrase a relative clause hangs on, without the clause itself: the noun's
    words up to it, and the name parts right after it ("Shoigu", "Sergei Shoigu")."""
    doc = noun.doc
    end = noun.i + 1
    while end < len(doc) and doc[end].dep_ in {"flat", "compound"} and doc[end].head.i == noun.i:
        end += 1
    words = [t for t in doc[noun.left_edge.i : end] if t.dep_ not in {"relcl", "appos"}]
    return "".join(t.text_with_ws for t in words).strip(" ,")


def resolved(tokens: list[Token], head: Token) -> str:
    """The clause's text for matching, with a leading relative pronoun replaced by what it
    stands for ("who had not left his country" -> "Kim had not left his country")."""
    text = "".join(t.text_with_ws for t in tokens).strip()
    first = tokens[0]
    if head.dep_ == "relcl" and first.lower_ in _RELATIVE_WORDS and head.head.i != head.i:
        rest = "".join(t.text_with_ws for t in tokens[1:]).strip()
        return with_antecedent(head, first, rest) or text
    return text


def with_antecedent(clause: Token, pronoun: Token, rest: str) -> str | None:
    """``rest`` of a relative clause headed by ``clause`` after its antecedent, standing in
    for the relative ``pronoun`` ("whose visit" -> "the envoy's visit"); None without one,
    or when the pronoun is not the clause's subject: "which Trump pulled out of" does not
    become "the pact Trump pulled out of", a phrase and no sentence."""
    noun = antecedent_text(clause.head)
    if not noun:
        return None
    if pronoun.lower_ == "whose":
        return f"{noun}'s {rest}"
    if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    return f"{noun} {rest}"


# a leading "he" or "she", for which matching puts the story's main person
LEADING_PRONOUN = re.compile(r"^(He|She|he|she)\b")


def named_subject(
    text: str, start: int, people: Sequence[Mention], doc: Doc | None = None
) -> str | None:
    """``text`` with a leading "he"/"she" replaced by the person the article has named most
    often before it, the last named of those on a tie ("She checked in on Friday" ->
    "Lindsay Lohan checked in on Friday"), for matching; None when it does not start so or
    no person was named before. A story's pronouns mostly mean its main person: the last
    name before the pronoun is often a victim or witness named once ("He faces up to 75
    years" after "an 11-year-old girl, Cheanne McKnight, was grazed"). Never a person
    ``doc`` shows the pronoun cannot stand for (:func:`storylens.analyse.gender.genders`)."""
    lead = LEADING_PRONOUN.match(text)
    if not lead:
        return None
    sex = lead.group(1).lower()
    sexes = genders(doc, people) if doc is not None else {}
    named: dict[str, list[Mention]] = {}
    for m in people:
        if m.end <= start and sexes.get(person_key(m), sex) == sex:
            words = m.text.split()  # "Ramon Lopez", "Lopez": one person
            named.setdefault(words[-1].casefold().removesuffix("'s") if words else "", []).append(m)
    if not named:
        return None
    main = max(named.values(), key=lambda ms: (len(ms), max(m.end for m in ms)))
    name = max(main, key=lambda m: (len(m.text), m.end)).text
    return LEADING_PRONOUN.sub(name, text, count=1)


def read_gap(part: Claim, doc: Doc, focus: dict[str, str]) -> Claim | None:
    """A clause the claim extractor did not read, with its verb as predicate and, for
    matching, its subject put in front ("departed from Russia on Sunday" -> "Kim departed
    from Russia on Sunday"); None when it only names who said the rest ("the Russian news
    agency TASS reported", "while TASS said that"): a source and a reporting verb state
    no fact of their own."""
    span = doc.char_span(part.start, part.end, alignment_mode="expand")
    if span is None:
        return part
    verbs = [
        t
        for t in span
        if t.pos_ in {"VERB", "AUX"} and not (span.start <= t.head.i < span.end and t.head.i != t.i)
    ]
    if not verbs:
        return part
    verb = verbs[0]
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.lemma_.lower() in SPEECH_CUES and not _beyond_source(span, verb, subjects):
        return None
    if subjects and not span.start <= subjects[0].i < span.end:
        focus[part.id] = f"{antecedent_text(subjects[0])} {part.text}"
    return dataclasses.replace(part, predicate=verb.lemma_.lower())


def name_antecedent(part: Claim, doc: Doc, focus: dict[str, str]) -> None:
    """Compare a relative clause the claim extractor found by what it says of its
    antecedent ("who had not left his country" -> "Kim had not left his country"); the
    part's span stays as it is."""
    text = focus.get(part.id, part.text)
    first, _, rest = text.partition(" ")
    if first.casefold() not in _RELATIVE_WORDS or not rest:
        return
    span = doc.char_span(part.start, part.end, alignment_mode="expand")
    if span is None or span[0].lower_ != first.casefold():
        return
    heads = [t for t in span if t.dep_ == "relcl" and not span.start <= t.head.i < span.end]
    resolved = with_antecedent(heads[0], span[0], rest) if heads else None
    if resolved:
        focus[part.id] = resolved


_FRAME_POS = frozenset({"AUX", "PUNCT", "SCONJ", "CCONJ", "ADV", "PART", "DET", "SPACE"})


def _beyond_source(span: Span, verb: Token, subjects: Sequence[Token]) -> bool:
    """Whether ``span`` says more than its reporting ``verb`` and the verb's subject."""
    source = {t.i for s in subjects for t in s.subtree}
    return any(
        t.i != verb.i and t.i not in source and t.pos_ not in _FRAME_POS and t.lower_ != "that"
        for t in span
    )


def relative_parts(parts: Sequence[Claim], doc: Doc) -> set[str]:
    """The parts whose verb the parse hangs on a noun as a relative clause ("reviews of
    projects that might harm wildlife"), or joins to such a verb."""
    out = set()
    for part in parts:
        verb = part.arguments.get("predicate")
        span = doc.char_span(verb.start, verb.end, alignment_mode="expand") if verb else None
        if span is None or not len(span):
            continue
        token = span.root
        if token.dep_ == "conj":
            token = token.head
        if token.dep_ == "relcl":
            out.add(part.id)
    return out
