"""Attribution: who says what. Source, cue and content spans found by dependency walks.

Patterns handled (all on the parse of one sentence, plus quotation marks across sentences):

- ``SOURCE CUE [that] CONTENT``: "TASS said Kim had been given ...", "Peskov denied that ..."
- ``CONTENT, SOURCE CUE``: "Kim left on Sunday, Russian news agencies reported"
- ``CUE``-verbs with a noun content: "Reuters listed other gifts ...", "called the accord ..."
- ``according to SOURCE``: "according to a translation by the Moscow Times"
- hedges with no source: "reportedly", "allegedly", "apparently", "is believed to"

Each :class:`Attribution` carries char spans into the doc text. Source chains for claims
(nearest first) come from :func:`chain_for`: the attributions whose content covers a position,
outermost first ("X, TASS reported, according to the Moscow Times" -> Moscow Times, TASS).

Pure token walks over an already parsed ``Doc``: no extra model passes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    TAG,
)
from spacy.tokens import Doc, Span, Token

STAGE = "attribution.rules.v1"


def _lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verbs of saying: content may be a clause, a quote, or a noun phrase.
SPEECH_CUES = _lexicon(
    """say tell deny report state claim describe add insist warn call announce confirm explain
    note write argue accuse suggest acknowledge admit allege assert declare predict promise
    reveal stress urge ask reply respond tweet post testify indicate estimate complain contend
    maintain remark recall publish specify list continue emphasize emphasise mention comment
    concede vow pledge threaten charge dismiss reject refute brief inform assure repeat
    announce disclose detail quote cite agree boast caution demand insist laud hail joke
    acknowledge counter retort conclude signal underline highlight point"""
)
# Verbs of thinking: content must be a clause.
COGNITIVE_CUES = _lexicon(
    """believe think feel hope expect fear doubt worry suspect assume understand estimate
    consider reckon guess anticipate predict observe find show see know view question"""
)
CLAUSE_ONLY_EXTRA = _lexicon("""find show see know view question charge demand""")
NEGATIVE_CUES = frozenset({"deny", "reject", "refute", "dismiss", "dispute"})
CLAUSE_ONLY_CUES = frozenset({"reject", "refute", "dismiss", "dispute", "observe", "know"})
CLAUSE_ONLY_CUES |= CLAUSE_ONLY_EXTRA
QUOTE_ONLY_CUES = frozenset({"continue"})
# cues whose non-clause content must hold a quotation ("added to her lead" is no speech)
WEAK_CUES = frozenset({"add", "agree", "ask", "respond", "reply", "write", "point", "post"})
_PARTICLE_CUES = {"point": "out"}  # "pointed out" reports, "pointed to" does not
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
ADDRESSEE_CUES = frozenset({"tell", "inform", "assure", "brief", "warn", "remind", "ask", "urge"})
HEDGE_WORDS = _lexicon(
    """reportedly allegedly apparently purportedly supposedly seemingly ostensibly
    rumoredly rumouredly"""
)
HEDGE_PASSIVES = frozenset({"believe", "say", "think", "report", "understand", "rumor", "rumour"})
HEDGE_RAISING = frozenset({"appear", "seem"})

_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "‹": "›"}
MAX_DEPTH = 40  # recursion bound for coordination chains in hostile text
_INNER_PUNCT = frozenset({"-", "‑", "’", "'", "&", "."})
_ALL_QUOTES = {*'“”«»„‘’"‹›', "''", "``"}
_NP_DEPS = {"det", "amod", "compound", "poss", "case", "nummod", "nmod", "punct", "quantmod"}
GENERIC_SOURCES = _lexicon(
    """agency agencies outlet outlets newspaper newspapers daily broadcaster channel network
    spokesman spokeswoman spokesperson official officials minister ministry office service
    station television tv radio site website paper magazine wire media"""
)


@dataclass(slots=True)
class Attribution:
    """One act of attribution in a doc. All offsets are char offsets into ``doc_text(doc)``."""

    cue: str  # the cue lemma ("say", "deny", "according to", "reportedly")
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    source_start: int | None = None
    source_end: int | None = None
    source_text: str = ""
    source_name: str = ""  # the best name for the source ("TASS" in "the agency TASS")
    direct: bool = False
    negative: bool = False
    kind: str = "verb"  # verb | according | hedge | quote
    sentence: int = -1
    cue_tokens: list[int] = field(default_factory=list)
    verb: int = -1  # token index of the cue verb (-1 for "according to" and adverb hedges)
    source_tokens: list[int] = field(default_factory=list)
    # the source's own noun phrase, without relative clauses (those are claims of their own)
    source_head_tokens: list[int] = field(default_factory=list)

    def covers(self, start: int, end: int) -> bool:
        return self.content_start <= start and end <= self.content_end


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


def doc_quotes(doc: Doc) -> list[tuple[int, int]]:
    """:func:`quote_spans` of the doc's text, computed once."""
    spans = doc.user_data.get("storylens.quotes")
    if spans is None:
        spans = quote_spans(doc_text(doc))
        doc.user_data["storylens.quotes"] = spans
    return list(spans)


def doc_sents(doc: Doc) -> tuple[Span, ...]:
    """``tuple(doc.sents)``, built once (attributions and claims both walk the sentences)."""
    sents: tuple[Span, ...] | None = doc.user_data.get("storylens.sents")
    if sents is None:
        sents = tuple(doc.sents)
        doc.user_data["storylens.sents"] = sents
    return sents


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once (spaCy rebuilds the spans on every access)."""
    ents = doc.user_data.get("storylens.ents")
    if ents is None:
        ents = tuple(doc.ents)
        doc.user_data["storylens.ents"] = ents
    return tuple(ents)


_COLUMNS = {
    "orth_": ORTH,
    "lower_": LOWER,
    "lemma_": LEMMA,
    "pos_": POS,
    "tag_": TAG,
    "dep_": DEP,
    "ent_type_": ENT_TYPE,
}
_COLUMN_NAMES: dict[str, dict[int, str]] = {attr: {} for attr in _COLUMNS}
_INT_COLUMNS = {"idx": IDX, "is_space": IS_SPACE, "is_punct": IS_PUNCT}
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
        offsets = doc.to_array(HEAD).astype("int64").tolist() if len(doc) else []
        found: dict[int, list[int]] = {}
        for i, offset in enumerate(offsets):
            if offset:
                found.setdefault(i + offset, []).append(i)
        children = [()] * len(doc)
        for head, kids in found.items():
            children[head] = tuple(kids)
        doc.user_data["storylens.children"] = children
    return children


# ---------------------------------------------------------------------------------------------
# quotation marks


_OPENING = re.compile("[“«„‘\"‹']")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quotations as (start, end) char spans including the marks.

    Curly, guillemet and straight quotes; single curly quotes only where the opening mark
    starts a word and the closing one ends one (so apostrophes are not mistaken for quotes).
    Straight double quotes are paired within a paragraph.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        m = _OPENING.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if (
            text.startswith("''", i)
            and _opens(text, i + 1)
            and (i == 0 or not text[i - 1].isalnum())
        ):
            k = text.find("''", i + 2, i + 3000)
            if k > 0 and "\n\n" not in text[i:k]:
                spans.append((i, k + 2))  # typewriter quotes: ''...''
                i = k + 2
                continue
        close = _QUOTE_PAIRS.get(ch)
        if close is None or not _opens(text, i):
            i += 1
            continue
        j = _find_close(text, i, close)
        if j is None:
            i += 1
            continue
        spans.append((i, j + 1))
        i = j + 1
    return spans


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if ch in {"‘", '"'}:
        return not before.isalnum()
    return True


def _find_close(text: str, i: int, close: str) -> int | None:
    limit = min(len(text), i + 3000)
    j = i + 1
    while j < limit:
        ch = text[j]
        if ch == "\n" and text[j - 1 : j + 1] == "\n\n" and close in {'"', "’"}:
            return None
        if ch == close:
            after = text[j + 1] if j + 1 < len(text) else " "
            if close == "’" and after.isalpha():
                j += 1
                continue  # an apostrophe inside the quote
            return j
        if ch == text[i] and close != text[i]:
            return None  # a new opening before this one closed: unbalanced
        j += 1
    return None


# ---------------------------------------------------------------------------------------------
# noun phrases and names


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    """The char span of ``tokens`` without edge punctuation (``%`` and ``$`` count) or space."""
    if not tokens:
        raise ValueError("_span_of() of no tokens")
    doc = tokens[0].doc
    punct, spaces, offsets = (
        doc_ints(doc, "is_punct"),
        doc_ints(doc, "is_space"),
        doc_ints(doc, "idx"),
    )
    texts = doc_column(doc, "orth_")
    ids = [t.i for t in tokens]
    kept = [i for i in ids if not (punct[i] and texts[i] not in {"%", "$"}) and not spaces[i]]
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
        out.update(_subtree(children, child))
    return _contiguous_range(doc, out, head)


def _subtree(children: list[tuple[int, ...]], top: int) -> list[int]:
    """The indices of ``top`` and its descendants (``Token.subtree``, unordered)."""
    found = [top]
    stack = [top]
    while stack:
        kids = children[stack.pop()]
        found.extend(kids)
        stack.extend(kids)
    return found


def _contiguous_range(doc: Doc, indices: set[int], anchor: int) -> tuple[int, int]:
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
    head = _phrase_head(tokens)
    deps = doc_column(doc, "dep_")
    for child in doc_children(doc)[head.i]:
        if deps[child] == "appos":
            ent = _entity_at(doc[child])
            if ent is not None and ent.label_ in {"PERSON", "ORG"}:
                return ent.text
    ent = _entity_at(head)
    if ent is not None and ent.label_ in {"PERSON", "ORG", "GPE", "NORP"} and ent.start >= min(idx):
        return _strip_det(ent)
    if head.lower_ in GENERIC_SOURCES or head.lemma_.lower() in GENERIC_SOURCES:
        for ent in doc_ents(doc):
            if ent.start in idx and ent.label_ in {"ORG", "PERSON"} and ent.root.i != head.i:
                return _strip_det(ent)
    propn = _proper_run(tokens, head)
    if propn:
        return propn
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
    if not runs:
        return ""
    run = next((r for r in runs if head in r), runs[-1])
    return doc_text(head.doc)[run[0].idx : run[-1].idx + len(run[-1].text)]


def _strip_det(ent: Span) -> str:
    if ent[0].lower_ == "the" and len(ent) > 1:
        return ent[1:].text
    return ent.text


def _phrase_head(tokens: list[Token]) -> Token:
    idx = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in idx or t.head.i == t.i:
            return t
    return tokens[-1]


def _entity_at(tok: Token) -> Span | None:
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


# ---------------------------------------------------------------------------------------------
# finding attributions


def is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in {"VERB", "AUX"} or (tok.pos_ == "AUX" and lemma != "say"):
        return False
    return lemma in SPEECH_CUES or lemma in COGNITIVE_CUES


def _subject(verb: Token, depth: int = 0) -> Token | None:
    doc = verb.doc
    deps = doc_column(doc, "dep_")
    for child in doc_children(doc)[verb.i]:
        if deps[child] in {"nsubj", "csubj"}:
            return doc[child]
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        if verb.dep_ == "advcl" and (verb.tag_ != "VBG" or verb.i < verb.head.i):
            return None
        return _subject(verb.head, depth + 1) if depth < MAX_DEPTH else None
    return None


def _agent(verb: Token) -> Token | None:
    doc = verb.doc
    children, deps = doc_children(doc), doc_column(doc, "dep_")
    for child in children[verb.i]:
        if deps[child] == "agent":
            for grand in children[child]:
                if deps[grand] == "pobj":
                    return doc[grand]
    return None


def _is_passive(verb: Token) -> bool:
    deps = doc_column(verb.doc, "dep_")
    return any(deps[c] in {"auxpass", "nsubjpass"} for c in doc_children(verb.doc)[verb.i])


def _source_tokens(verb: Token, subj: Token) -> list[Token]:
    doc = verb.doc
    children, deps = doc_children(doc), doc_column(doc, "dep_")
    toks = noun_phrase(subj)
    for app in children[subj.i]:
        if (
            deps[app] == "appos"
            and app > subj.i
            and (doc[app].pos_ == "PROPN" or doc[app].ent_type_)
        ):
            toks = sorted(
                {t.i: t for t in [*toks, *noun_phrase(doc[app])]}.values(), key=lambda t: t.i
            )
            break  # "the state news agency Valpress" / "the spokesman, Jonas Brekke"
    for other in children[verb.i]:
        if deps[other] == "nsubj" and other != subj.i and doc[other].left_edge.i == toks[-1].i + 1:
            toks = [*toks, *noun_phrase(doc[other])]  # "the agency Nordpress": two subjects
    relative = subj.lower_ in RELATIVE_PRONOUNS
    if not relative and verb.dep_ == "relcl" and verb.head.i == toks[0].i - 1:
        # "the Russian news agency TASS reported": the parser hangs TASS off "agency"
        toks = [*noun_phrase(verb.head), *toks]
        toks = sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)
    return toks


_TIME_LABELS = frozenset({"DATE", "TIME"})


def _cue_tokens(verb: Token, subj: Token) -> list[Token]:
    """The cue: the verb with its negation, auxiliaries and particle, adjacent adverbs
    ("also said", "later said") and a time right after it ("said Thursday", "said on Monday").
    """
    doc = verb.doc
    deps = doc_column(doc, "dep_")
    toks = [verb]
    toks += [
        doc[c] for c in doc_children(doc)[verb.i] if deps[c] in {"neg", "aux", "prt"} and c > subj.i
    ]
    k = verb.i - 1
    while k > subj.i and deps[k] in {"advmod", "neg", "aux"} and doc[k].head.i == verb.i:
        toks.append(doc[k])
        k -= 1
    k = verb.i + 1
    while k < len(doc) and doc[k].head.i == verb.i:
        tok = doc[k]
        if tok.dep_ == "npadvmod" and tok.ent_type_ in _TIME_LABELS:
            toks.extend(tok.subtree)
        elif tok.dep_ == "prep" and tok.lower_ in {"on", "in"}:
            pobj = next((g for g in tok.children if g.dep_ == "pobj"), None)
            if pobj is None:
                break
            if pobj.ent_type_ not in _TIME_LABELS and pobj.lemma_ not in _CUE_SETTINGS:
                break
            toks.extend([tok, *noun_phrase(pobj)])
        else:
            break
        k = max(t.i for t in toks) + 1
    return sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)


_CUE_SETTINGS = frozenset({"interview", "statement", "speech", "email", "tweet", "conference"})


def _clause_content(verb: Token) -> Token | None:
    doc = verb.doc
    children, deps, lower = doc_children(doc), doc_column(doc, "dep_"), doc_column(doc, "lower_")
    for child in children[verb.i]:
        if deps[child] in {"ccomp", "xcomp"} and child > verb.i:
            return doc[child]
    k = verb.i + 1
    while k < len(doc) and deps[k] in {"advmod", "neg"} and k - verb.i <= 2:
        k += 1
    if k < len(doc) and lower[k] == "that" and deps[k] == "mark":
        return doc[k].head  # "stated only that ...": the parser hung the clause elsewhere
    after = [c for c in children[verb.i] if c > verb.i and deps[c] in {"prep", "npadvmod"}]
    if after:
        # "said in a statement that ...": the clause hangs off "statement"
        first = after[0]
        k = noun_phrase_indices(doc[first], keep_clauses=False)[-1] + 1
        if deps[first] == "prep":
            pobj = next((g for g in children[first] if deps[g] == "pobj"), None)
            if pobj is not None:
                k = noun_phrase_indices(doc[pobj])[-1] + 1
        if k < len(doc) and lower[k] == "that" and deps[k] == "mark":
            return doc[k].head
    subj = _subject(verb)
    for child in children[verb.i]:
        before = deps[child] in {"ccomp", "parataxis"} and child < verb.i
        if before and (subj is None or child < subj.i):
            return doc[child]
    return None


_NOT_CONTENT = {"conj", "cc", "punct", "advcl", "parataxis", "ccomp"}


def _clause_tokens(clause: Token) -> list[Token]:
    """A reported clause without trailing contrastive clauses ("..., while TASS said ...")."""
    doc = clause.doc
    children, deps, lower = doc_children(doc), doc_column(doc, "dep_"), doc_column(doc, "lower_")
    subtree = _subtree(children, clause.i)
    drop: set[int] = set()
    for i in subtree:
        if deps[i] == "advcl" and any(
            deps[c] == "mark" and lower[c] in {"while", "whereas", "although", "but"}
            for c in children[i]
        ):
            drop.update(_subtree(children, i))
    kept = set(subtree) - drop
    if not kept:
        return [clause]
    lo, hi = _contiguous_range(doc, kept, clause.i)
    return [doc[i] for i in range(lo, hi + 1)]


def _noun_content(verb: Token) -> list[Token] | None:
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in {"dobj", "oprd"} and child.i > verb.i:
            if lemma in ADDRESSEE_CUES and child.dep_ == "dobj":
                continue
            keep = [c for c in verb.children if c.i >= child.i and c.dep_ not in _NOT_CONTENT]
            toks = [t for c in keep for t in c.subtree]
            toks = [t for t in toks if not (t.dep_ == "punct" and t.head.i == verb.i)]
            return sorted(toks, key=lambda t: t.i) if toks else None
    return None


def _trim(tokens: list[Token], *, keep_that: bool = False) -> list[Token]:
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (
        (toks[0].is_punct and toks[0].text not in _ALL_QUOTES)
        or (toks[0].dep_ == "mark" and not (keep_that and toks[0].lower_ == "that"))
    ):
        toks.pop(0)
    while toks and toks[-1].is_punct and toks[-1].text not in _ALL_QUOTES:
        toks.pop()
    return toks


def _content_around(sent: Span, exclude: set[int]) -> list[Token]:
    """The sentence minus the attribution clause: everything before (or after) it."""
    lo, hi = min(exclude), max(exclude)
    doc = sent.doc
    before = [doc[i] for i in range(sent.start, min(lo, sent.end))]
    after = [doc[i] for i in range(max(hi + 1, sent.start), sent.end)]
    before_t, after_t = _trim(before), _trim(after)
    if len(_words(before_t)) >= len(_words(after_t)):
        return before_t
    return after_t


def _parenthetical(sent: Span, exclude: set[int]) -> list[Token] | None:
    """ "The question, she said, is not so simple": the content is both sides of the clause."""
    lo, hi = min(exclude), max(exclude)
    doc = sent.doc
    if lo - 1 < sent.start or hi + 1 >= sent.end:
        return None
    if doc[lo - 1].text != "," or doc[hi + 1].text != ",":
        return None
    before = _trim([doc[i] for i in range(sent.start, lo - 1)])
    after = _trim([doc[i] for i in range(hi + 2, sent.end)])
    if len(_words(before)) < 2 or len(_words(after)) < 2:
        return None
    if any(t.text in _ALL_QUOTES for t in before[-1:]) and not any(
        t.text in _ALL_QUOTES for t in after
    ):
        return None  # “A,” he said, adding ... : the quotation alone is the content
    return before + after


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct]


def _adjacent_quote(sent: Span, quotes: list[tuple[int, int]]) -> list[Token] | None:
    """A quotation ending just before or starting just after a short attribution sentence."""
    text = doc_text(sent.doc)
    for qs, qe in quotes:
        gap_before = text[qe : sent.start_char]
        gap_after = text[sent.end_char : qs]
        if (qe <= sent.start_char and len(gap_before) <= 2 and not gap_before.strip()) or (
            qs >= sent.end_char and len(gap_after) <= 2 and not gap_after.strip()
        ):
            span = sent.doc.char_span(qs, qe, alignment_mode="expand")
            if span is not None and len(span) > 2:
                return list(span)
    return None


def _quote_aware(span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int, bool]:
    """Grow a content span to whole quotations it overlaps; report whether it is a quote."""
    start, end = span
    direct = False
    for qs, qe in quotes:
        if qs < end and start < qe:
            if qs <= start + 2 and qe >= end - 2:
                direct = True
            start, end = min(start, qs), max(end, qe)
    return start, end, direct


def _verb_attribution(
    verb: Token, sent: Span, sent_index: int, quotes: list[tuple[int, int]]
) -> Attribution | None:
    lemma = verb.lemma_.lower()
    subj = _subject(verb)
    passive = _is_passive(verb)
    if passive:
        subj = _agent(verb)
    if subj is None:
        return None
    if subj.lower_ in {"there", "this"} or (
        subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ != "relcl"
    ):
        return None
    name_tokens = _source_tokens(verb, subj)
    # the source span is the whole subject phrase (appositions, relative clauses included)
    doc = verb.doc
    lo, hi = _contiguous_range(doc, set(_subtree(doc_children(doc), subj.i)), subj.i)
    whole = {t.i: t for t in [*name_tokens, *(doc[i] for i in range(lo, hi + 1))]}
    source = sorted(whole.values(), key=lambda t: t.i)
    if subj.lower_ in RELATIVE_PRONOUNS:
        name_tokens = noun_phrase(verb.head)  # "Peskov, who told ...": the antecedent
    cue_toks = _cue_tokens(verb, subj)
    clause = _clause_content(verb)
    if clause is not None and not sent.start <= clause.i < sent.end:
        clause = None  # a clause in another paragraph: the parser ran two sentences together
    content: list[Token] | None = None
    if clause is not None:
        content = _trim(_clause_tokens(clause), keep_that=True)
    elif lemma in SPEECH_CUES and lemma not in CLAUSE_ONLY_CUES:
        content = _noun_content(verb)
        if content is None:
            exclude = {t.i for t in source} | {verb.i}
            exclude |= {
                t.i
                for c in verb.children
                if c.dep_ in {"dobj", "prep", "npadvmod"}
                and lemma in ADDRESSEE_CUES | {"say", "report"}
                for t in c.subtree
            }
            around = _parenthetical(sent, exclude) or _content_around(sent, exclude)
            content = around if len(_words(around)) >= 3 else _adjacent_quote(sent, quotes)
    if not content:
        return None
    quoted = any(t.text in _ALL_QUOTES for t in content)
    if lemma in QUOTE_ONLY_CUES and not quoted:
        return None  # "he continued" reports speech only next to a quotation
    if lemma in WEAK_CUES and clause is None and not quoted:
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if lemma in _PARTICLE_CUES and _PARTICLE_CUES[lemma] not in particles:
        return None
    if particles & {"off", "up", "down"} and lemma in {"write", "call", "post"}:
        return None  # "write off", "call off", "call up"
    src_idx = {t.i for t in source}
    content = [t for t in content if t.i not in src_idx and t.i != verb.i]
    if not content:
        return None
    cstart, cend, direct = _quote_aware(_span_of(content), quotes)
    sstart, send = _span_of(source)
    wraps = cstart <= sstart < cend and cstart <= verb.idx < cend
    if wraps and not _parenthetical(sent, {t.i for t in source} | {verb.i}):
        return None
    return Attribution(
        cue=lemma,
        cue_start=min(t.idx for t in cue_toks),
        cue_end=max(t.idx + len(t.text) for t in cue_toks),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=doc_text(verb.doc)[sstart:send],
        source_name=source_name(name_tokens),
        direct=direct,
        negative=lemma in NEGATIVE_CUES,
        sentence=sent_index,
        cue_tokens=[verb.i, *[t.i for t in cue_toks if t.i != verb.i]],
        source_tokens=sorted(src_idx),
        source_head_tokens=sorted(t.i for t in name_tokens if t.i in src_idx),
        verb=verb.i,
    )


def _according(tok: Token, sent: Span, sent_index: int) -> Attribution | None:
    """ "according to X": the source is the nearest name inside X."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        to = nxt if nxt is not None and nxt.lower_ == "to" else None
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase = sorted(pobj.subtree, key=lambda t: t.i)
    name_toks = _innermost_name(pobj)
    exclude = {tok.i, to.i} | {t.i for t in phrase}
    around = _content_around(sent, exclude)
    if not _words(around):
        return None
    cstart, cend = _span_of(around)
    sstart, send = _span_of(phrase)
    return Attribution(
        cue="according to",
        cue_start=tok.idx,
        cue_end=to.idx + len(to.text),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=doc_text(tok.doc)[sstart:send],
        source_name=source_name(name_toks),
        kind="according",
        sentence=sent_index,
        cue_tokens=[tok.i, to.i],
        source_tokens=sorted(exclude - {tok.i, to.i}),
    )


_DOCUMENT_NOUNS = _lexicon(
    """text translation statement report copy summary version transcript document draft
    account readout communique release letter"""
)


def _innermost_name(pobj: Token) -> list[Token]:
    """ "a translation by the Moscow Times" -> the tokens of "the Moscow Times"."""
    tok = pobj
    while not tok.ent_type_ or tok.lemma_.lower() in _DOCUMENT_NOUNS:
        nxt = None
        for child in tok.children:
            by = child
            if child.dep_ == "acl":  # "the text released by the ministry"
                by = next((g for g in child.children if g.dep_ in {"agent", "prep"}), child)
            if by.dep_ in {"prep", "agent"} and by.lower_ in {"by", "from", "of"}:
                nxt = next((g for g in by.children if g.dep_ == "pobj"), None)
                if nxt is not None:
                    break
        if nxt is None:
            return noun_phrase(tok)
        tok = nxt
    return noun_phrase(tok)


_HEDGE_LEMMAS = HEDGE_PASSIVES | HEDGE_RAISING


def _hedges(sent: Span, sent_index: int) -> list[Attribution]:
    out: list[Attribution] = []
    doc = sent.doc
    lower, lemmas = doc_column(doc, "lower_"), doc_lemmas(doc)
    for i in range(sent.start, sent.end):
        if lower[i] not in HEDGE_WORDS and lemmas[i] not in _HEDGE_LEMMAS:
            continue  # neither a hedge word nor a hedging verb
        tok = doc[i]
        lemma = tok.lemma_.lower()
        hedge = tok.lower_ in HEDGE_WORDS
        if not hedge and lemma in HEDGE_PASSIVES and _is_passive(tok) and _agent(tok) is None:
            hedge = any(c.dep_ == "xcomp" or c.dep_ == "ccomp" for c in tok.children) or any(
                c.dep_ == "expl" or c.lower_ == "it" for c in tok.children
            )
        if not hedge and lemma in HEDGE_RAISING and any(c.dep_ == "xcomp" for c in tok.children):
            hedge = True
        if not hedge:
            continue
        scope = tok.head if tok.dep_ == "advmod" else tok
        toks = [t for t in scope.subtree if t.i != tok.i]
        if not toks:
            continue
        cstart, cend = _span_of(toks)
        out.append(
            Attribution(
                cue=tok.lower_ if tok.lower_ in HEDGE_WORDS else lemma,
                cue_start=tok.idx,
                cue_end=tok.idx + len(tok.text),
                content_start=cstart,
                content_end=cend,
                kind="hedge",
                sentence=sent_index,
                cue_tokens=[tok.i],
            )
        )
    return out


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the paragraph (blank-line separated block) holding ``pos``."""
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def _clip(att: Attribution, text: str) -> Attribution | None:
    """Keep an attribution inside the paragraph of its cue (sentence splits miss captions)."""
    lo, hi = paragraph_bounds(text, att.cue_start)
    if att.source_start is not None and att.source_end is not None:
        if att.source_end <= lo or att.source_start >= hi:
            return None
        att.source_start, att.source_end = max(att.source_start, lo), min(att.source_end, hi)
        raw = text[att.source_start : att.source_end]
        att.source_start += len(raw) - len(raw.lstrip())
        att.source_end -= len(raw) - len(raw.rstrip())
        att.source_text = text[att.source_start : att.source_end]
        att.source_name = " ".join(att.source_name.split("\n\n")[-1].split())
    att.content_start, att.content_end = max(att.content_start, lo), min(att.content_end, hi)
    raw = text[att.content_start : att.content_end]
    att.content_start += len(raw) - len(raw.lstrip())
    att.content_end -= len(raw) - len(raw.rstrip())
    if att.content_end <= att.content_start:
        return None
    return att


_CACHE_KEY = "storylens.attributions"


def attributions_for(doc: Doc) -> list[Attribution]:
    """:func:`find_attributions`, computed once per doc (quotes and claims both need it)."""
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is None:
        cached = find_attributions(doc)
        doc.user_data[_CACHE_KEY] = cached
    return list(cached)


def find_attributions(doc: Doc, quotes: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """Every attribution in ``doc``: verb cues, "according to" and hedges, in text order."""
    if quotes is None:
        quotes = doc_quotes(doc)
    found: list[Attribution] = []
    for s_index, whole in enumerate(doc_sents(doc)):
        for sent in _paragraph_pieces(whole):
            _sentence_attributions(sent, s_index, quotes, found)
    found.sort(key=lambda a: (a.cue_start, a.kind))
    _extend_split_quotes(doc, found, quotes)
    return found


def _paragraph_pieces(sent: Span) -> list[Span]:
    """A sentence cut at blank lines (the parser's sentences can run across paragraphs)."""
    doc = sent.doc
    breaks = _paragraph_breaks(doc)
    cuts = breaks[bisect_left(breaks, sent.start) : bisect_left(breaks, sent.end)]
    if not cuts:
        return [sent]
    pieces: list[Span] = []
    start = sent.start
    for cut in cuts:
        if cut > start:
            pieces.append(doc[start:cut])
        start = cut + 1
    if start < sent.end:
        pieces.append(doc[start : sent.end])
    return pieces


def _paragraph_breaks(doc: Doc) -> list[int]:
    """Indices (ascending) of the whitespace tokens of ``doc`` holding a blank line."""
    breaks: list[int] | None = doc.user_data.get("storylens.paragraph_breaks")
    if breaks is None:
        spaces = doc.to_array(IS_SPACE).nonzero()[0].tolist() if len(doc) else []
        breaks = [i for i in spaces if "\n\n" in doc[i].text]
        doc.user_data["storylens.paragraph_breaks"] = breaks
    return breaks


_CUE_LEMMAS = SPEECH_CUES | COGNITIVE_CUES


def _sentence_attributions(
    sent: Span, s_index: int, quotes: list[tuple[int, int]], found: list[Attribution]
) -> None:
    doc = sent.doc
    lower, lemmas = doc_column(doc, "lower_"), doc_lemmas(doc)
    for i in range(sent.start, sent.end):
        if lemmas[i] not in _CUE_LEMMAS and lower[i] != "according":
            continue  # neither a cue verb nor "according"
        tok = doc[i]
        att: Attribution | None = None
        if is_cue(tok):
            att = _verb_attribution(tok, sent, s_index, quotes)
        elif tok.lower_ == "according":
            att = _according(tok, sent, s_index)
        if att is not None:
            att = _clip(att, doc_text(doc))
        if att is not None:
            found.append(att)
    found.extend(h for h in _hedges(sent, s_index) if _clip(h, doc_text(doc)) is not None)


def _attribution_gap(gap: str, *, first: bool) -> bool:
    """Whether text between two quotations is only the end of an attribution sentence."""
    if not gap.strip():
        return True
    if first or any(c in gap for c in '“”"«»') or "''" in gap or "\n\n" in gap:
        return False
    return gap.rstrip().endswith((".", ":", ",")) and len(gap.split()) <= 40


def _extend_split_quotes(doc: Doc, found: list[Attribution], quotes: list[tuple[int, int]]) -> None:
    """“A,” he said. “B.” — the second quotation continues the first speaker's content.

    A direct attribution's content grows over the quotations that follow it in the same
    paragraph with nothing but the rest of the attribution sentence in between, as long as no
    other attribution claims them.
    """
    text = doc_text(doc)
    owned = [(a.content_start, a.content_end) for a in found if a.kind != "hedge"]
    for att in found:
        if att.kind != "verb" or not att.direct:
            continue
        mine = (att.content_start, att.content_end)
        end = max(att.content_end, att.cue_end, att.source_end or 0)
        para_end = paragraph_bounds(text, att.cue_start)[1]
        for qs, qe in quotes:
            if qs < end:
                continue
            if qe > para_end or not _attribution_gap(text[end:qs], first=end == att.content_end):
                break
            if any(s <= qs < e for s, e in owned if (s, e) != mine):
                break
            att.content_end = qe
            end = qe


def chain_for(
    start: int, end: int, attributions: list[Attribution], *, exclude_cue: int | None = None
) -> list[Attribution]:
    """Attributions (with a source) whose content covers [start, end), outermost first.

    The outermost attribution is the one the outlet itself relies on, so this is the source
    chain "nearest first": in "X, TASS reported, according to the Moscow Times" it is
    [Moscow Times, TASS].
    """
    covering = [
        a
        for a in attributions
        if a.content_start <= start  # a.covers(start, end), inlined: this runs per claim
        and end <= a.content_end
        and a.source_start is not None
        and a.cue_start != exclude_cue
        and not (a.cue_start >= start and a.cue_end <= end)
    ]
    covering.sort(key=lambda a: (-(a.content_end - a.content_start), a.cue_start))
    out: list[Attribution] = []
    for a in covering:
        if not any(_same_name(a.source_name, b.source_name) for b in out):
            out.append(a)
    return out


def _same_name(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    return bool(na) and (na == nb or na in nb.split() or nb in na.split())


def _norm(name: str) -> str:
    return re.sub(r"[^\w ]+", "", name).casefold().strip()


def is_hedged(start: int, end: int, attributions: list[Attribution]) -> bool:
    """Whether a hedge ("reportedly", "is believed to") scopes over [start, end)."""
    return any(
        a.kind == "hedge" and a.content_start <= start and end <= a.content_end + 1
        for a in attributions
    )


# ---------------------------------------------------------------------------------------------
# resolving pronoun and role sources

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we"})
ORG_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
PERSON_ROLES = _lexicon(
    """spokesman spokeswoman spokesperson official minister president leader premier
    chancellor secretary governor mayor ambassador diplomat lawmaker senator aide adviser
    advisor analyst economist expert ecologist scientist witness man woman source"""
)
ORG_ROLES = _lexicon(
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
    return [NamedSpan(e.start_char, e.end_char, _strip_det(e), e.label_) for e in doc_ents(doc)]
