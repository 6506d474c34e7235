"""Content spans: what an attribution reports (a clause, an object, the rest of a sentence,
or an adjacent quotation)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storylens.analyse.columns import doc_children, doc_column, doc_lemmas, doc_text
from storylens.analyse.cues import (
    ADDRESSEE_CUES,
    DENIED_NOUNS,
    NEGATIVE_CUES,
    SPEECH_CUES,
    STANCE_CUES,
)
from storylens.analyse.cuespans import governed_prep
from storylens.analyse.phrases import (
    contiguous_range,
    noun_phrase_indices,
    span_of,
    subject_of,
    subtree_indices,
)
from storylens.words import MODALS

REPORT_VERBS = SPEECH_CUES | STANCE_CUES
ALL_QUOTES = {*'“”«»„‘’"‹›', "''", "``"}


_SAYING = frozenset({"say", "tell", "add", "write", "report", "announce", "state", "claim"})


def clause_head(verb: Token) -> Token | None:
    doc = verb.doc
    children, deps, lower = doc_children(doc), doc_column(doc, "dep_"), doc_column(doc, "lower_")
    before = any(deps[c] == "ccomp" and c < verb.i for c in children[verb.i])
    for child in children[verb.i]:
        if deps[child] in {"ccomp", "xcomp"} and child > verb.i:
            if before and deps[child] == "xcomp" and doc[child].tag_ == "VBG":
                continue  # '"…," she said ― once again repeating her claims': the quotation
            if before and _speaker_hung_on(doc, verb, doc[child]):
                continue  # "…, said Dale Finch, ready to drive …": what describes the speaker
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
    for child in children[verb.i]:
        # "said last week, as Pyongyang confirmed the visit, that Seoul was ...": the parser
        # hung the reported clause on the aside set off by commas
        if deps[child] != "advcl" or child < verb.i or doc[child].left_edge.i < 1:
            continue
        if lower[doc[child].left_edge.i - 1] != ",":
            continue
        for k in subtree_indices(children, child):
            if lower[k] == "that" and deps[k] == "mark" and k > child and lower[k - 1] == ",":
                return doc[k].head
    if verb.lemma_.lower() in _SAYING and not any(deps[c] == "dobj" for c in children[verb.i]):
        for child in children[verb.i]:
            # "said after the convention he would not accept it": the parser hung the
            # reported clause, with its own subject and no subordinator, as an adverbial one
            kids = {deps[g] for g in children[child]}
            # not a clause a subordinator opens: "when the car hit her"
            wh = "mark" in kids or any(doc[g].tag_ == "WRB" for g in children[child])
            if deps[child] == "advcl" and child > verb.i and "nsubj" in kids and not wh:
                return doc[child]
    subj = subject_of(verb)
    for child in children[verb.i]:
        before = deps[child] in {"ccomp", "parataxis"} and child < verb.i
        # a semicolon ends the clause before it: "X has denounced the practice; he dismissed
        # it as ..." does not report the first clause
        ended = ";" in lower[doc[child].right_edge.i + 1 : verb.i]
        if before and not ended and (subj is None or child < subj.i):
            return doc[child]
    return None


def _speaker_hung_on(doc: Doc, verb: Token, clause: Token) -> bool:
    """Whether the parser made the name right after an inverted verb with no subject of its
    own the subject of the words set off after it ("…, said Dale Finch, ready to …")."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    return hung_speaker(verb, clause) is not None


def hung_speaker(verb: Token, clause: Token) -> Token | None:
    """The name right after ``verb``, set off by a comma, that the parser made the subject of
    ``clause`` instead ("…, said Dale Finch, ready to …": Finch, as "ready"'s subject)."""
    doc = verb.doc
    return next(
        (
            g
            for g in clause.children
            if g.dep_ == "nsubj"
            and g.left_edge.i == verb.i + 1
            and g.ent_type_ in {"PERSON", "ORG"}
            and doc[g.i + 1].text == ","
        ),
        None,
    )


_NOT_CONTENT = {"conj", "cc", "punct", "advcl", "parataxis", "ccomp"}


def clause_tokens(clause: Token) -> list[Token]:
    """A reported clause without trailing contrastive clauses that report someone else
    ("..., while TASS said ...")."""
    doc = clause.doc
    children, deps, lower = doc_children(doc), doc_column(doc, "dep_"), doc_column(doc, "lower_")
    lemmas = doc_lemmas(doc)
    subtree = subtree_indices(children, clause.i)
    if deps[clause.i] == "ccomp":
        # "said that quotas are necessary so imports don't replace ...": the parser hangs
        # the clause of purpose or cause on the verb of saying, but it is what was said; so
        # is a clause it hangs there right after the reported one ("said he was "delighted"
        # Trump would hold talks")
        for k in children[clause.head.i]:
            marks = {lower[c] for c in children[k] if deps[c] == "mark"}
            next_to = doc[k].left_edge.i == max(subtree) + 1
            if deps[k] == "ccomp" and (not marks or marks & {"so", "because"}) and next_to:
                subtree = [*subtree, *subtree_indices(children, k)]
    drop: set[int] = set()
    for i in subtree:
        if deps[i] == "advcl" and any(
            deps[c] == "mark" and lower[c] in {"while", "whereas", "although", "but"}
            for c in children[i]
        ):
            inner = subtree_indices(children, i)
            if any(lemmas[k] in SPEECH_CUES for k in inner):
                drop.update(inner)
    for i in children[clause.i]:
        # "... have given him momentum and said that ...", "..., claiming that ...": a second
        # report coordinated with the reported clause is an attribution of its own
        if i > clause.i and _reports(doc, i):
            drop.update(k for k in subtree_indices(children, i) if k >= i)
            cc = [k for k in children[clause.i] if i - 3 < k < i and deps[k] in {"cc", "punct"}]
            drop.update(cc)
    that = [k for k in children[clause.i] if deps[k] == "mark" and lower[k] == "that"]
    if that:  # "said, as X confirmed Y, that Z": an aside before "that" is not what was said
        drop.update(k for k in subtree if k < that[0])
    kept = set(subtree) - drop
    if not kept:
        return [clause]
    lo, hi = contiguous_range(doc, kept, clause.i)
    return [doc[i] for i in range(lo, hi + 1)]


def small_clause(clause: Token | None) -> bool:
    """A clause of a participle or bare verb with no "that" and no tense of its own ("him
    hiding", "her leave"): what a verb of perceiving takes, never a view."""
    return (
        clause is not None
        and clause.dep_ == "ccomp"
        and clause.tag_ in {"VBG", "VB"}
        and not any(c.dep_ in {"mark", "aux", "auxpass"} for c in clause.children)
    )


def counted_object(verb: Token) -> bool:
    """Whether "add" has a direct object that counts something ("Hillis added 101 yards",
    "the index added 40 points"): it adds to a tally, it reports no words. Other weak cues
    with such an object still report ("wrote a $500,000 check", "posted the image of the
    3-year-old"; PolNeAR counts both)."""
    return verb.lemma_.lower() == "add" and any(
        c.dep_ == "dobj" and any(t.tag_ == "CD" for t in c.subtree if t.i > verb.i)
        for c in verb.children
    )


def _reports(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a verb of saying joined to a clause ("and said ...", ", adding")."""
    deps = doc_column(doc, "dep_")
    if deps[i] not in {"conj", "advcl"} or doc_lemmas(doc)[i] not in REPORT_VERBS:
        return False
    tok = doc[i]
    if deps[i] == "advcl" and tok.tag_ != "VBG":
        return False
    return tok.pos_ == "VERB" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def noun_content(verb: Token) -> list[Token] | None:
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ in {"dobj", "oprd"} and child.i > verb.i:
            if lemma in ADDRESSEE_CUES and child.dep_ == "dobj":
                continue
            keep = [
                c
                for c in verb.children
                if c.i >= child.i
                and c.dep_ not in _NOT_CONTENT
                and not (c.i > child.i and _setting(c))
            ]
            toks = [t for c in keep for t in c.subtree]
            toks = [t for t in toks if not (t.dep_ == "punct" and t.head.i == verb.i)]
            return sorted(toks, key=lambda t: t.i) if toks else None
    return None


_TIME_LABELS = frozenset({"DATE", "TIME"})
_SETTING_PREPS = frozenset({"in", "on", "at", "during", "after", "before"})


def _setting(tok: Token) -> bool:
    """A time or setting after a cue's object ("endorsed Cruz last week", "criticized the
    plan on Monday", "… in a speech"): when and where the source spoke, not what about."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ in _TIME_LABELS
    return tok.dep_ == "prep" and tok.lower_ in _SETTING_PREPS


_KEPT_MARKS = frozenset({"that", "whether", "if"})


def trim_tokens(
    tokens: list[Token], *, keep_that: bool = False, keep_marks: bool = False
) -> list[Token]:
    toks = sorted(tokens, key=lambda t: t.i)
    while toks and (
        (toks[0].is_punct and toks[0].text not in ALL_QUOTES)
        or (
            toks[0].dep_ == "mark"
            and not keep_marks
            and not (keep_that and toks[0].lower_ in _KEPT_MARKS)
        )
    ):
        toks.pop(0)
    while toks and toks[-1].is_punct and toks[-1].text not in ALL_QUOTES:
        toks.pop()
    return toks


_CLOSING_MARKS = frozenset({'"', "”", "''", "’"})
_ABILITY = MODALS - {"would"}  # "A, he would later say" still reports A


def reports_nothing_around(verb: Token) -> bool:
    """No words around this cue are its report: a verb before it governs it ("the judge
    ruled he testified"), or it says what someone can or may say ("he can testify")."""
    if any(c.dep_ == "aux" and c.lower_ in _ABILITY for c in verb.children):
        return True
    governed = verb.dep_ in {"ccomp", "xcomp"} and verb.head.i < verb.i
    return governed and verb.head.pos_ == "VERB" and not _tag_after_quotation(verb)


def _tag_after_quotation(verb: Token) -> bool:
    """A verb of saying whose subject follows a quotation's closing mark ('"… Will the Witch
    Hunt continue?" Trump tweeted'): the tag of that quotation, which the parser hung on the
    quotation's last verb, not a clause that verb governs."""
    if verb.lemma_.lower() not in SPEECH_CUES:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    k = subject.left_edge.i - 1 if subject is not None else -1
    return k > 0 and verb.doc[k].text in _CLOSING_MARKS


def content_around(sent: Span, exclude: set[int]) -> list[Token]:
    """The sentence minus the attribution clause: everything before (or after) it."""
    lo, hi = min(exclude), max(exclude)
    doc = sent.doc
    before = [doc[i] for i in range(sent.start, min(lo, sent.end))]
    after = [doc[i] for i in range(max(hi + 1, sent.start), sent.end)]
    before_t, after_t = trim_tokens(before), trim_tokens(after)
    if len(words(before_t)) >= len(words(after_t)):
        return without_connective(before_t)
    return without_connective(after_t)


def without_connective(tokens: list[Token]) -> list[Token]:
    """A content without the connective that opens its sentence ("And", "But", "Still,",
    "Meanwhile,"): it links the writer's sentences, it is not what the source said."""
    if len(tokens) < 4:
        return tokens
    first = tokens[0]
    if first.text in ALL_QUOTES or first.head.i == first.i or first.head.head.i != first.head.i:
        return tokens  # only a word hanging off the sentence's main verb
    if first.dep_ == "cc" or (first.dep_ == "advmod" and first.pos_ == "ADV"):
        rest = tokens[1:]
        if rest and rest[0].text == ",":
            rest = rest[1:]
        return rest if len(words(rest)) >= 3 else tokens
    return tokens


def parenthetical(sent: Span, exclude: set[int]) -> list[Token] | None:
    """ "The question, she said, is not so simple": the content is both sides of the clause."""
    lo, hi = min(exclude), max(exclude)
    doc = sent.doc
    if lo - 1 < sent.start or hi + 1 >= sent.end:
        return None
    if doc[lo - 1].text != "," or doc[hi + 1].text != ",":
        return None
    # "If the law conflicts, he said, the church must …": the conjunction opens the content
    before = trim_tokens([doc[i] for i in range(sent.start, lo - 1)], keep_marks=True)
    after = trim_tokens([doc[i] for i in range(hi + 2, sent.end)])
    if not words(before) or len(words(after)) < 2:
        return None
    if len(words(before)) == 1 and words(before)[0].pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None  # "But, she said, …": a connective, not part of what was said
    if any(t.text in ALL_QUOTES for t in before[-1:]) and not any(
        t.text in ALL_QUOTES for t in after
    ):
        return None  # “A,” he said, adding ... : the quotation alone is the content
    return before + after


def words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct]


def adjacent_quote(sent: Span, quotes: list[tuple[int, int]]) -> list[Token] | None:
    """A quotation ending just before or starting just after a short attribution sentence, or
    one the sentence splitter cut that ends inside it (“… [in 2012],” Vell said.)."""
    text = doc_text(sent.doc)
    for qs, qe in quotes:
        if qs < sent.start_char < qe < sent.end_char and qe - qs > sent.end_char - qe:
            span = sent.doc.char_span(qs, qe, alignment_mode="expand")
            if span is not None and len(span) > 2:
                return list(span)
        gap_before = text[qe : sent.start_char]
        gap_after = text[sent.end_char : qs]
        # a blank line between them is a paragraph break: the next paragraph's quotation is
        # its own speaker's ("…, the Daily News reported." / "“We are …,” Steele told it.")
        if (qe <= sent.start_char and len(gap_before) <= 2 and not gap_before.strip()) or (
            qs >= sent.end_char
            and len(gap_after) <= 2
            and not gap_after.strip()
            and "\n\n" not in gap_after
        ):
            span = sent.doc.char_span(qs, qe, alignment_mode="expand")
            if span is not None and len(span) > 2:
                return list(span)
    return None


def quote_aware(span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int, bool]:
    """Grow a content span to whole quotations it overlaps; report whether it is a quote."""
    start, end = span
    direct = False
    for qs, qe in quotes:
        if qs < end and start < qe:
            if qs <= start + 2 and qe >= end - 2:
                direct = True
            start, end = min(start, qs), max(end, qe)
    return start, end, direct


_ASIDE_DEPS = frozenset({"relcl", "acl"})
_SET_OFF = frozenset({",", "—", "–", "--", ";"})


def without_trailing_asides(tokens: list[Token], quotes: list[tuple[int, int]]) -> list[Token]:
    """A content without a trailing relative or participial clause or apposition the writer
    adds about its last noun, set off by a comma or dash (", which was passed in 2010", ",
    the law that closed the pier"); never inside a quotation."""
    if len(tokens) < 3:
        return tokens
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    cut = last + 1
    for tok in tokens:
        appos = tok.dep_ == "appos" and tok.pos_ == "NOUN"  # ", a far higher figure than …"
        if (tok.dep_ not in _ASIDE_DEPS and not appos) or tok.head.i < first:
            continue
        left = min(tok.left_edge.i, tok.i)
        if left <= first or tok.right_edge.i < last - 1 or _quoted(doc[left].idx, quotes):
            continue
        if doc[left - 1].text in _SET_OFF:
            cut = min(cut, left - 1)
    kept = [t for t in tokens if t.i < cut]
    while kept and kept[-1].is_punct and kept[-1].text not in ALL_QUOTES:
        kept.pop()
    return kept if len(words(kept)) >= 2 else tokens


def _quoted(char: int, quotes: list[tuple[int, int]]) -> bool:
    return any(qs < char < qe for qs, qe in quotes)


_FELT_PREPS = frozenset({"about", "over", "for", "at", "with", "in", "that"})


def denied_noun(tok: Token) -> bool:
    """A noun naming what a denial denies before its clause ("rumours", "reports")."""
    return tok.lemma_.lower() in DENIED_NOUNS or tok.lower_ in DENIED_NOUNS


def denied_clause(tok: Token) -> bool:
    """The clause a denial denies through a noun ("denied rumours that she leaked the
    budget"): what "denied that she leaked the budget" denies."""
    head = tok.head
    return (
        tok.dep_ in {"acl", "ccomp"}
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
        and head.dep_ == "dobj"
        and denied_noun(head)
        and head.head.lemma_.lower() in NEGATIVE_CUES
    )


def expressed(verb: Token) -> tuple[int, list[Token]] | None:
    """For "expressed concern that …" / "voiced doubts about …": the last word of the cue
    ("concern", "about") and the content (the clause or what the doubts are about)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    for c in obj.children:
        if c.i <= obj.i:
            continue
        if c.dep_ in {"acl", "ccomp"} and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in c.children
        ):
            return obj.i, list(c.subtree)
        if c.dep_ == "prep" and c.lower_ in _FELT_PREPS and c.i == obj.i + 1:
            pobj = [t for g in c.children if g.dep_ == "pobj" for t in g.subtree]
            if pobj:
                return c.i, pobj
    return None


_GAP_WORDS = frozenset({"which", "what", "that", "whom"})


def relative_gap(verb: Token, subj: Token, source: list[Token]) -> Token | None:
    """The relative or wh- word that stands for part of what was said, before the source
    ("a plan which he said was unsafe", "what he calls a cartel")."""
    first = verb.doc[verb.left_edge.i]
    if first.lower_ not in _GAP_WORDS or first.i == subj.i or not source:
        return None
    if first.i >= source[0].i or first.dep_ in {"mark", "det"}:
        return None
    return first


def quote_beside(verb: Token, source: list[Token], quotes: list[tuple[int, int]]) -> list[Token]:
    """A quotation right after the cue (‘he said, “Sure.’ where the sentence splitter cut
    the quotation) or right before the source and cue (‘“Denver,” he answered.’)."""
    doc = verb.doc
    text = doc_text(doc)
    after = verb.idx + len(verb.text)
    before = min(verb.idx, source[0].idx) if source else verb.idx
    for qs, qe in quotes:
        next_to = (qs >= after and qs - after <= 3 and not text[after:qs].strip(" ,:")) or (
            qe <= before and before - qe <= 2 and not text[qe:before].strip(" ,")
        )
        if next_to:
            span = doc.char_span(qs, qe, alignment_mode="expand")
            return list(span) if span is not None else []
    return []


def inside_quote(content: list[Token], quotes: list[tuple[int, int]]) -> bool:
    """Whether a content lies inside a quotation whose marks the parser hung elsewhere."""
    start, end = span_of(content)
    return any(qs <= start and end <= qe for qs, qe in quotes)


def ends_in_colon(sent: Span, verb: Token) -> bool:
    """Whether the cue closes its paragraph with a colon ("Her adviser said:")."""
    doc = sent.doc
    k = sent.end - 1
    while k > verb.i and doc[k].is_space:
        k -= 1
    if doc[k].text != ":" or k > verb.i + 6:
        return False
    return k + 1 >= len(doc) or "\n" in doc[k].whitespace_ or doc[k + 1].is_space


def next_paragraph(sent: Span) -> list[Token] | None:
    """The tokens of the paragraph after ``sent`` (a statement introduced by a colon)."""
    doc = sent.doc
    text = doc_text(doc)
    start = sent.end_char
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text):
        return None
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 3:
        return None
    return list(span)


_SINGLE_MARKS = frozenset({"'", "‘", "’"})


def single_marked(words: list[Token]) -> bool:
    """Whether ``words`` stand between straight single marks ("'At first I thought it was
    thunder,' she said of the noise"), which are no quotation marks by themselves, since
    they are apostrophes too: a mark right before the first word and one after the last,
    past a comma or full stop."""
    if not words:
        return False
    doc = words[0].doc
    lo, hi = min(t.i for t in words), max(t.i for t in words) + 1
    while hi < len(doc) and doc[hi].text in {",", "."}:
        hi += 1
    return (
        lo > 0
        and doc[lo - 1].text in _SINGLE_MARKS
        and hi < len(doc)
        and doc[hi].text in _SINGLE_MARKS
    )


def what_about(content: list[Token], verb: Token) -> bool:
    """Whether ``content`` is only what a cue ending its paragraph in a colon is about ("Ray
    Vell commented on the verdict in a briefing:", "she said of the plan:"): the object of
    the preposition it governs, while its words are the paragraph below."""
    prep = governed_prep(verb)
    if prep is None:
        return False
    about = {t.i for t in prep.subtree}
    return all(t.i in about for t in content)
