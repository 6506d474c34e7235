"""Descriptors: the labels an article attaches to a person or organisation.

Two constructions carry most of the naming in news copy, and both are read off the
dependency parse:

* **Premodifiers**: the noun phrase run right before a name whose words hang off the name
  (``compound``/``amod``/``nmod``): "North Korean leader Kim Jong Un", "Communist dictator
  Kim Jong-un", "strongman Vladimir Putin", "Defense Minister Sergei Shoigu".
* **Appositions**: a noun phrase set off by commas next to the name: "Dmitry Peskov, the
  Kremlin's spokesman", "The Kremlin's top spokesman, Dmitry Peskov".
* **Predicate nominals**: the noun phrase after "is"/"was" with the name as subject: "Mirek
  Halas is a former boxer", "Ona Dell was the committee's chairwoman".

Only words that describe the named actor count. When the name itself modifies a noun that
follows ("a landmark Supreme Court decision"), the words before it describe that noun (the
decision), not the actor, and give no descriptor.

A party-and-state tag ("D-W.Va.", "(R-Texas)") names a seat, not a label, and an
apposition set off after another noun phrase ("X of the Harbour Union, an advocacy group")
describes that phrase, not the name.

Spans are exact: no leading determiner ("the"), no trailing punctuation, no enclosing
phrase ("the government of strongman Vladimir Putin" gives "strongman").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from storylens.analyse.columns import doc_sents
from storylens.analyse.cues import NAME_TITLES
from storylens.analyse.entities import is_title_case_line
from storylens.types import Article, Descriptor, Mention

STAGE = "descriptors.deps.v5"

DESCRIBED_LABELS = frozenset({"PERSON", "ORG"})
_PREMOD_DEPS = frozenset({"compound", "amod", "nmod", "nn", "npadvmod", "advmod", "poss", "case"})
_PREMOD_POS = frozenset({"ADJ", "NOUN", "PROPN", "ADV", "PART", "VERB", "PUNCT"})
_HEAD_POS = frozenset({"NOUN", "PROPN"})
_LEADING_DROP = frozenset({"DET", "PRON", "CCONJ", "ADP", "PUNCT"})
MAX_WORDS = 8
# a party-and-state tag after a legislator's name: "D-W.Va.", "(R - Texas)", "I-Vt."
_PARTY_TAG = re.compile(r"\(?\s*[DRI]\s*[-–—]\s*[A-Z][A-Za-z]*\.?(?:\s*[A-Z][A-Za-z]*\.?)?\s*\)?")


def find_descriptors(doc: Doc, article: Article, mentions: list[Mention]) -> list[Descriptor]:
    """Descriptors of the PERSON and ORG ``mentions`` (indices into that list)."""
    found: list[Descriptor] = []
    seen: set[tuple[int, int, int]] = set()
    names = _MentionIndex(mentions)
    for index, mention in enumerate(mentions):
        if mention.label not in DESCRIBED_LABELS:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for kind, tokens in (
            ("premodifier", _premodifier(doc, article.text, span, names)),
            ("premodifier", _org_premodifier(doc, article.text, span, names, mention.label)),
            ("appositive", _apposition(doc, span, names)),
            ("predicate", _predicate_nominal(doc, span, names)),
        ):
            if not tokens:
                continue
            start = tokens[0].idx
            if _PARTY_TAG.fullmatch(article.text[start : tokens[-1].idx + len(tokens[-1].text)]):
                continue
            end = _closed(article.text, start, tokens[-1].idx + len(tokens[-1].text))
            key = (start, end, index)
            if key in seen:
                continue
            seen.add(key)
            found.append(
                Descriptor(article.id, start, end, article.text[start:end], index, kind=kind)
            )
    return found


def _premodifier(doc: Doc, text: str, span: Span, mentions: _MentionIndex) -> list[Token]:
    """The run of modifiers right before the name that attach to it in the parse."""
    if is_title_case_line(text, span.start_char) or _modifies_next_noun(doc, span):
        return []
    members = set(range(span.start, span.end))
    i = span.start - 1
    run: list[Token] = []
    sent_start = _sentence_start(span)
    while i >= sent_start and len(run) < MAX_WORDS:
        tok = doc[i]
        unfit = tok.is_space or tok.pos_ not in _PREMOD_POS or tok.dep_ not in _PREMOD_DEPS
        if unfit and not (tok.text == "-" and run):
            break
        if tok.pos_ == "PUNCT" and tok.text != "-":
            break
        if tok.dep_ in {"poss", "case"}:
            break  # a possessor ("North Korea's leader") is not part of the label
        if tok.head.i not in members and tok.text != "-":
            break
        run.insert(0, tok)
        members.add(tok.i)
        i -= 1
    while run and (run[0].pos_ in _LEADING_DROP or run[0].text == "-"):
        run.pop(0)
    run = _lexical_extension(doc, span, run)
    if not run or run[-1].pos_ not in _HEAD_POS or run[-1].tag_ in {"NNS", "NNPS"}:
        return []
    last = run[-1]
    if last.pos_ == "PROPN" and last.ent_type_ in _NAME_PARTS and last.lower_ not in NAME_TITLES:
        return []  # "Sadiq" read as a place before "Khan": part of the name, not a label
    if _is_other_name(run, mentions, span):
        return []
    return run


# a proper noun of these kinds right before a person's name is a piece of a name (or a
# place), never the label an outlet gives the person
_NAME_PARTS = frozenset({"GPE", "PERSON", "NORP", "LOC"})


def _closed(text: str, start: int, end: int) -> int:
    """``end`` moved past the closing quotation mark a label leaves open right after it
    ('a self-confessed "big fan" of …' gives 'self-confessed "big fan"')."""
    inside = text[start:end]
    open_straight = inside.count('"') % 2 == 1
    if (open_straight and text[end : end + 1] == '"') or (
        inside.count("“") > inside.count("”") and text[end : end + 1] == "”"
    ):
        return end + 1
    return end


_ORG_RUN_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNP", "NNPS", "VBN", "HYPH"})


def _org_premodifier(
    doc: Doc, text: str, span: Span, mentions: _MentionIndex, label: str
) -> list[Token]:
    """A common-noun phrase right before an organisation: "the state news agency Valpress".

    The small parser often attaches such names as subjects of the next verb, so this reads
    the words: a run of adjectives and nouns ending in a lowercase common noun.
    """
    if label != "ORG" or is_title_case_line(text, span.start_char):
        return []
    if _modifies_next_noun(doc, span) or _in_contact_clause(span):
        return []
    run: list[Token] = []
    i = span.start - 1
    sent_start = _sentence_start(span)
    while i >= sent_start and len(run) < MAX_WORDS and doc[i].tag_ in _ORG_RUN_TAGS:
        run.insert(0, doc[i])
        i -= 1
    while run and run[0].tag_ == "HYPH":
        run.pop(0)
    if not run or run[-1].tag_ != "NN" or not run[-1].is_lower:
        return []
    if _is_other_name(run, mentions, span):
        return []
    return run


def _modifies_next_noun(doc: Doc, span: Span) -> bool:
    """Whether the name is itself a modifier of a common noun right after it.

    In "a landmark Supreme Court decision" the parser hangs "Court" off "decision"; either
    way, a lowercase common noun right after the name is what the words before describe.
    """
    root = span.root
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.i >= span.end:
        return True
    if span.end < len(doc):
        nxt = doc[span.end]
        return nxt.tag_ in {"NN", "NNS"} and nxt.is_lower and nxt.is_alpha
    return False


_COPULA_DEPS = frozenset({"attr"})
_OPEN = frozenset({"whether", "if"})
# prepositions inside a label ("chairman of the committee", "spokesman for the Kremlin")
_LABEL_PREPS = frozenset({"of", "at", "for", "in", "to"})


def _predicate_nominal(doc: Doc, span: Span, mentions: _MentionIndex) -> list[Token]:
    """The noun phrase after a form of "be" whose subject is the name: "X is a former boxer"."""
    root = span.root
    verb = root.head
    if root.dep_ not in {"nsubj", "nsubjpass"} or verb.lemma_ != "be" or verb.i < span.end:
        return []
    if any(c.dep_ == "neg" or (c.dep_ == "mark" and c.lower_ in _OPEN) for c in verb.children):
        return []  # "X is not a suspect", "whether X is a suspect": no label it is given
    for child in verb.children:
        if child.dep_ in _COPULA_DEPS and child.i > verb.i and child.pos_ in _HEAD_POS:
            if child.tag_ in {"NNS", "NNPS"} or child.pos_ == "PROPN":
                return []  # "X and Y are rivals" or "X is Y": no label of one actor
            if any(t.lower_ == "than" for t in child.subtree):
                return []  # "Trump is more bark than bite": a comparison, not a label
            tokens = _phrase(doc, child, exclude=span)
            if tokens and len(tokens) <= MAX_WORDS and not _is_other_name(tokens, mentions, span):
                return tokens
    return []


def _in_contact_clause(span: Span) -> bool:
    """Whether the name is the subject of a relative clause with no pronoun that describes a
    noun before it ("a decision Trump has criticized", "the amount of money Manafort was
    accused of laundering"): the words before the name are that noun's, not a label."""
    root = span.root
    return (
        root.dep_ in {"nsubj", "nsubjpass"}
        and root.head.dep_ == "relcl"
        and root.head.head.i < span.start
    )


def _lexical_extension(doc: Doc, span: Span, run: list[Token]) -> list[Token]:
    """Recover a label word the parser tore off a title: "caved to globalist Prime Minister X".

    After a preposition or determiner, one lowercase content word right before a title run
    that starts with a capital is a modifier, whatever the (small) parser made of it.
    """
    first = run[0] if run else doc[span.start]
    if not first.text[:1].isupper():
        return run
    i = first.i - 1
    if i < _sentence_start(span) + 1:
        return run
    word, before = doc[i], doc[i - 1]
    if _in_contact_clause(span):
        return run  # "an invite Putin accepted": the word is what the name's clause describes
    if word.tag_ == "VB" and before.tag_ == "TO" and not word.lower_.endswith(_LABEL_ENDINGS):
        return run  # "to meet Queen Elsa Varn": an infinitive ("to globalist X" is a misparse)
    if (
        word.is_alpha
        and word.is_lower
        and not word.is_stop
        and word.tag_ in {"JJ", "NN", "VB", "VBN"}
        and before.pos_ in {"ADP", "DET", "PART"}
        and before.dep_ in {"prep", "det", "aux", "dative"}
    ):
        return [word, *run]
    return run


# endings of adjectives and agent nouns the parser tags as verbs after "to"
_LABEL_ENDINGS = ("ist", "ic", "al", "ive", "ous", "ary", "ian", "ite", "ish", "ful", "less")


def _sentence_start(span: Span) -> int:
    """``span.sent.start``: the start of the last sentence starting at or before the span."""
    doc = span.doc
    if doc.user_span_hooks or doc.user_hooks:
        return int(span.sent.start)
    starts: list[int] | None = doc.user_data.get("storylens.sentence_starts")
    if starts is None:  # Span.sent scans the doc's tokens on every call
        starts = [sent.start for sent in doc_sents(doc)]
        doc.user_data["storylens.sentence_starts"] = starts
    return starts[bisect_right(starts, span.start) - 1]


def _apposition(doc: Doc, span: Span, mentions: _MentionIndex) -> list[Token]:
    """A comma-delimited noun phrase in apposition to the name (either side)."""
    root = span.root
    # "Dmitry Peskov, the Kremlin's spokesman": the phrase hangs off the name as appos
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and _comma_between(doc, span.end, child.i):
            tokens = _phrase(doc, child, exclude=span)
            if _right_after(doc, span.end, tokens) and _good_apposition(
                doc, child, tokens, mentions, span
            ):
                return tokens
    # "The Kremlin's top spokesman, Dmitry Peskov, denied": the name is appos of the phrase
    head = root.head
    if root.dep_ == "appos" and head.i < span.start and _comma_between(doc, head.i + 1, span.start):
        if any(
            c.dep_ == "prep" and c.lower_ not in _LABEL_PREPS and head.i < c.i < span.start
            for c in head.children
        ):
            return []  # "an attempt by his son-in-law, Jared Kushner": the name is the son-in-law
        tokens = _phrase(doc, head, exclude=span)
        if _good_apposition(doc, head, tokens, mentions, span):
            return tokens
    return []


def _right_after(doc: Doc, end: int, tokens: list[Token]) -> bool:
    """Whether the phrase follows the name with only a comma, articles or an age between.

    In "Mira Holt of the Harbour Union, an advocacy group" (or "Mira Holt, director of the
    Harbour Union, an advocacy group") the phrase after the second comma describes the noun
    phrase right before it, however the parser attached it.
    """
    return bool(tokens) and all(
        t.is_space or t.pos_ in {"PUNCT", "DET", "NUM"} for t in doc[end : tokens[0].i]
    )


def _comma_between(doc: Doc, start: int, end: int) -> bool:
    between = doc[start:end]
    return any(t.text == "," for t in between) and not any(
        t.text in {".", ";", ":", "\n"} or t.is_space for t in between
    )


def _phrase(doc: Doc, head: Token, *, exclude: Span) -> list[Token]:
    """The noun phrase headed by ``head``: its left modifiers and ``of``/``at`` attachments."""
    left = [t for t in head.lefts if t.i < head.i]
    start = min((t.left_edge.i for t in left), default=head.i)
    tokens = [doc[i] for i in range(start, head.i + 1)]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _LABEL_PREPS:
            sub = [doc[i] for i in range(child.i, child.right_edge.i + 1)]
            if not any(exclude.start <= t.i < exclude.end for t in sub):
                tokens.extend(sub)
            break
    tokens = [t for t in tokens if not (exclude.start <= t.i < exclude.end)]
    while tokens and (tokens[0].pos_ in _LEADING_DROP and tokens[0].dep_ != "poss"):
        tokens.pop(0)
    while tokens and tokens[-1].pos_ == "PUNCT":
        tokens.pop()
    # keep a contiguous run only
    contiguous: list[Token] = []
    for tok in tokens:
        if contiguous and tok.i != contiguous[-1].i + 1:
            break
        contiguous.append(tok)
    return contiguous


def _good_apposition(
    doc: Doc, head: Token, tokens: list[Token], mentions: _MentionIndex, span: Span
) -> bool:
    """Reject list items and clauses mistaken for appositions."""
    if not tokens or len(tokens) > MAX_WORDS or head.pos_ not in _HEAD_POS:
        return False
    if head.tag_ in {"NNS", "NNPS"}:
        return False  # "with Shoigu, Russian soldiers, and ..." is a list, not a label
    if any(
        c.dep_ in {"appos", "conj"}
        for c in head.children
        if c.i > head.i and not span.start <= c.i < span.end
    ):
        return False  # "X, a show, a fleet facility, ...": an enumeration
    if sum(1 for c in span.root.children if c.dep_ == "appos") > 1:
        return False
    if any(t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"amod", "compound"} for t in tokens):
        return False
    after = tokens[-1].i + 1
    while after < len(doc) and doc[after].text == ",":
        after += 1
    if after < len(doc) and doc[after].lower_ in {"and", "or", "nor"}:
        return False
    return not _is_other_name(tokens, mentions, span)


class _MentionIndex:
    """Mentions sorted by start, for the mentions starting in a char range."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions with ``start <= m.start <= end``."""
        return self.items[bisect_left(self.starts, start) : bisect_right(self.starts, end)]


def _is_other_name(tokens: list[Token], mentions: _MentionIndex, span: Span) -> bool:
    """True when the phrase contains another person's full mention, or is another
    organisation's or place's."""
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    for m in mentions.starting_in(start, end):  # a mention inside the phrase starts in it
        if m.start >= span.start_char and m.end <= span.end_char:
            continue
        if m.label == "PERSON" and start <= m.start and m.end <= end:
            return True
        if m.label in {"ORG", "GPE", "LOC", "NORP"} and (m.start, m.end) == (start, end):
            return True  # "Canada, Mexico and the European Union": "Canada" is no label
    return False
