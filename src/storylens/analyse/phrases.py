"""Noun phrases and names: the token runs a source or a content is made of."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from storylens.analyse.columns import doc_children, doc_column, doc_ents, doc_ints, doc_text
from storylens.analyse.cues import BODIES_OF_PEOPLE, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_DEPTH = 40  # recursion bound for coordination chains in hostile text
_INNER_PUNCT = frozenset({"-", "‑", "’", "'", "&", "."})
GENERIC_SOURCES = lexicon(
    """agency agencies outlet outlets newspaper newspapers daily broadcaster channel network
    spokesman spokeswoman spokesperson official officials minister ministry office service
    station television tv radio site website paper magazine wire media"""
)


def span_of(tokens: list[Token]) -> tuple[int, int]:
    """The char span of ``tokens`` without edge punctuation (``%`` and ``$`` count) or space."""
    if not tokens:
        raise ValueError("span_of() of no tokens")
    doc = tokens[0].doc
    punct, spaces, offsets = (
        doc_ints(doc, "is_punct"),
        doc_ints(doc, "is_space"),
        doc_ints(doc, "idx"),
    )
    texts = doc_column(doc, "orth_")
    ids = [t.i for t in tokens]
    keep = {"%", "$", ")"} if "(" in {texts[i] for i in ids} else {"%", "$"}
    kept = [i for i in ids if not (punct[i] and texts[i] not in keep) and not spaces[i]]
    first, last = min(kept or ids), max(kept or ids)
    return offsets[first], offsets[last] + len(texts[last])


def noun_phrase(tok: Token, *, keep_clauses: bool = False, depth: int = 0) -> list[Token]:
    """The phrase headed by ``tok`` without relative clauses and trailing appositive clauses."""
    doc = tok.doc
    return [doc[i] for i in noun_phrase_indices(tok, keep_clauses=keep_clauses, depth=depth)]


def noun_phrase_indices(tok: Token, *, keep_clauses: bool = False, depth: int = 0) -> range:
    """The token indices of :func:`noun_phrase` (a contiguous run)."""
    lo, hi = _phrase_range(tok.doc, tok.i, keep_clauses, depth)
    return range(lo, hi + 1)


def _phrase_range(doc: Doc, head: int, keep_clauses: bool, depth: int) -> tuple[int, int]:
    """:func:`noun_phrase` as the first and last token index (it is a contiguous run)."""
    cut = {"relcl", "acl", "advcl", "cc"} if not keep_clauses else set()
    children, deps = doc_children(doc), doc_column(doc, "dep_")
    texts, lower = doc_column(doc, "orth_"), doc_column(doc, "lower_")
    out = {head}
    for child in children[head]:
        dep = deps[child]
        if dep in cut or (dep == "punct" and texts[child] not in _INNER_PUNCT):
            continue
        if dep == "appos" and child > head:
            continue
        if dep == "conj" and not keep_clauses:
            if depth < MAX_DEPTH:
                lo, hi = _phrase_range(doc, child, False, depth + 1)
                out.update(range(lo, hi + 1))
            continue
        if dep == "prep" and child > head and lower[child] not in {"of", "for", "at"}:
            continue
        out.update(subtree_indices(children, child))
    return contiguous_range(doc, out, head)


def subtree_indices(children: list[tuple[int, ...]], top: int) -> list[int]:
    """The indices of ``top`` and its descendants (``Token.subtree``, unordered)."""
    found = [top]
    stack = [top]
    while stack:
        kids = children[stack.pop()]
        found.extend(kids)
        stack.extend(kids)
    return found


def contiguous_range(doc: Doc, indices: set[int], anchor: int) -> tuple[int, int]:
    """The run of consecutive ``indices`` around ``anchor`` without edge punctuation (and
    no trailing case marker): its first and last token index."""
    lo = hi = anchor
    while lo - 1 in indices:
        lo -= 1
    while hi + 1 in indices:
        hi += 1
    punct, deps = doc_ints(doc, "is_punct"), doc_column(doc, "dep_")
    while hi > lo and (punct[hi] or deps[hi] == "case"):
        hi -= 1
    while hi > lo and punct[lo]:
        lo += 1
    return lo, hi


def source_name(tokens: list[Token]) -> str:
    """The best display name for a source phrase.

    "the Russian news agency TASS" -> "TASS"; "The Kremlin's top spokesman, Dmitry Peskov" ->
    "Dmitry Peskov"; "Russian news agencies" -> "Russian news agencies".
    """
    if not tokens:
        return ""
    doc = tokens[0].doc
    idx = {t.i for t in tokens}
    head = phrase_head(tokens)
    deps = doc_column(doc, "dep_")
    for child in doc_children(doc)[head.i]:
        if deps[child] == "appos":
            ent = entity_at(doc[child])
            if ent is not None and ent.label_ in {"PERSON", "ORG"}:
                return ent.text
    ent = entity_at(head)
    if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE", "NORP"} and ent.start >= min(idx):
        joined, k = [], head.i  # "Canada, Mexico and the EU": a chain of conjuncts
        while (c := next((c for c in doc_children(doc)[k] if deps[c] == "conj"), -1)) > k:
            if (e := entity_at(doc[c])) is None:
                break
            joined.append(e)
            k = c
        if joined:  # "Canada and Mexico have said": both speak
            both = doc_text(doc)[ent.start_char : joined[-1].end_char]
            return both[4:] if both[:4].casefold() == "the " else both
        return strip_det(ent)
    if head.lower_ in GENERIC_SOURCES or head.lemma_.lower() in GENERIC_SOURCES:
        for ent in doc_ents(doc):
            if ent.start in idx and ent.label_ in {"ORG", "PERSON"} and ent.root.i != head.i:
                if ent.label_ == "PERSON" and head.lemma_.lower() in BODIES_OF_PEOPLE:
                    continue  # "Mayor Holt's office", "the office of Mayor Holt": not Holt
                return strip_det(ent)
    propn = _proper_run(tokens, head)
    if propn:
        return propn
    clauses = {d.i for t in tokens if t.dep_ == "relcl" for d in t.subtree}
    if clauses:  # "chairmen of the committees that asked the Justice Department": no clause
        tokens = list(itertools.takewhile(lambda t: t.i not in clauses, tokens))
    words = [t for t in tokens if t.dep_ not in {"det", "punct"} or t.i != tokens[0].i]
    if words and words[0].lower_ in {"the", "a", "an"}:
        words = words[1:]
    return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)] if words else ""


def _proper_run(tokens: list[Token], head: Token) -> str:
    """A run of proper nouns naming the source when NER missed it ("the agency Nordpress")."""
    generic = head.lower_ in GENERIC_SOURCES or head.lemma_.lower() in GENERIC_SOURCES
    if head.pos_ != "PROPN" and not generic:
        return ""
    runs: list[list[Token]] = []
    for t in tokens:
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            if runs and runs[-1][-1].i == t.i - 1:
                runs[-1].append(t)
            else:
                runs.append([t])
    doc = head.doc
    # a possessor owns the source, it is not its name ("Israel's prime minister")
    runs = [
        r for r in runs if head in r or r[-1].i + 1 >= len(doc) or doc[r[-1].i + 1].dep_ != "case"
    ]
    if not runs:
        return ""
    run = next((r for r in runs if head in r), runs[-1])
    idx = {t.i for t in tokens}
    before = run[0].i - 1  # "the British Ambassador": the nation is part of the title
    if before in idx and head.doc[before].ent_type_ == "NORP" and head.doc[before].dep_ == "amod":
        run = [head.doc[before], *run]
    after = run[-1].i + 1
    if after in idx and head.doc[after].text.isdigit():  # "Number 10", "Channel 4"
        run = [*run, head.doc[after]]
    return doc_text(head.doc)[run[0].idx : run[-1].idx + len(run[-1].text)]


def strip_det(ent: Span) -> str:
    if ent[0].lower_ == "the" and len(ent) > 1:
        return ent[1:].text
    return ent.text


def phrase_head(tokens: list[Token]) -> Token:
    idx = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in idx or t.head.i == t.i:
            return t
    return tokens[-1]


def entity_at(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    doc = tok.doc
    k = _entity_index(doc)[tok.i]
    return doc_ents(doc)[k] if k >= 0 else None


def _entity_index(doc: Doc) -> list[int]:
    """For every token, the position in :func:`doc_ents` of the first entity holding it
    (-1 for none), built once."""
    index: list[int] | None = doc.user_data.get("storylens.entity_index")
    if index is None:
        index = [-1] * len(doc)
        for k, ent in enumerate(doc_ents(doc)):
            for i in range(ent.start, ent.end):
                if index[i] < 0:
                    index[i] = k
        doc.user_data["storylens.entity_index"] = index
    return index


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    doc = verb.doc
    deps = doc_column(doc, "dep_")
    subjects = [c for c in doc_children(doc)[verb.i] if deps[c] in {"nsubj", "csubj"}]
    if subjects:
        # two subjects where the parser ran a heading into the sentence ("12:15 p.m.: Jon
        # Vell says"): the one nearest before the verb
        before = [c for c in subjects if c < verb.i]
        after = [c for c in subjects if c > verb.i]
        if before and after and _quote_closes(doc, before[-1], verb.i):
            return doc[after[0]]  # '“… Full panic mode,” said Leslie Wimes': not "mode"
        return doc[before[-1] if before else subjects[0]]
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        # "voters are more likely to say …": the subject of "are"
        return subject_of(head.head, depth + 1) if depth < MAX_DEPTH else None
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        if verb.dep_ == "advcl" and not _shares_subject(verb):
            return None
        return subject_of(verb.head, depth + 1) if depth < MAX_DEPTH else None
    return None


def _quote_closes(doc: Doc, start: int, end: int) -> bool:
    """Whether a quotation mark closes between tokens ``start`` and ``end``."""
    return any(doc[k].text in {"”", '"', "''"} for k in range(start + 1, end))


def _shares_subject(verb: Token) -> bool:
    """Whether an adverbial clause takes its head's subject: a participle after it ("…,
    saying that …"), an infinitive of purpose ("stood up to say …", "tweeted to say …"), or a
    participle before it ("Having announced …, the judge …", "While saying …, he …")."""
    kids = list(verb.children)
    if verb.tag_ == "VBG" and verb.i > verb.head.i:
        # not right after a semicolon, which starts a clause of its own ("Crews were there by
        # ten; finding the cause is key, she said"): the parser hung it on the clause before
        # (a list of items the semicolons part has several of them)
        doc, sent = verb.doc, verb.sent
        return not (
            verb.left_edge.i == verb.i
            and doc[verb.i - 1].text == ";"
            and sum(t.text == ";" for t in sent) == 1
        )
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        return not any(c.dep_ == "mark" for c in kids)
    having = any(c.dep_ == "aux" and c.lower_ == "having" for c in kids)
    if (verb.tag_ == "VBG" or having) and verb.i < verb.head.i:
        # not a bare past participle: "Asked about it, Jon Vell said": Vell was asked
        marks = {c.lower_ for c in kids if c.dep_ == "mark"}
        return marks <= {"while", "after", "before"} and not any(
            c.dep_ in {"nsubjpass", "auxpass"} for c in kids
        )
    return False


def agent_of(verb: Token) -> Token | None:
    doc = verb.doc
    children, deps = doc_children(doc), doc_column(doc, "dep_")
    for child in children[verb.i]:
        if deps[child] == "agent":
            for grand in children[child]:
                if deps[grand] == "pobj":
                    return doc[grand]
    return None


def has_said(verb: Token) -> Token | None:
    """The speaker of a verb whose "'s" the parser read as a passive "is" though it is "has"
    before the clause said ("He's said the allegations are false", "She’s told reporters
    that …"): the subject the parse made passive; ``None`` for a real passive ("It's said
    that …", "he's said to be")."""
    kids = list(verb.children)
    if not any(c.dep_ == "auxpass" and c.lower_ in {"'s", "’s"} for c in kids):
        return None
    if not any(c.dep_ == "ccomp" for c in kids) or any(c.dep_ == "xcomp" for c in kids):
        return None
    return next(
        (c for c in kids if c.dep_ == "nsubjpass" and c.lower_ not in {"it", "that", "this"}),
        None,
    )


def is_passive(verb: Token) -> bool:
    deps = doc_column(verb.doc, "dep_")
    return any(deps[c] in {"auxpass", "nsubjpass"} for c in doc_children(verb.doc)[verb.i])
