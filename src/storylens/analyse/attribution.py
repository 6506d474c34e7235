"""Attribution: who says what. Source, cue and content spans found by dependency walks.

Patterns handled (all on the parse of one sentence, plus quotation marks across sentences):

- ``SOURCE CUE [that] CONTENT``: "TASS said Kim had been given ...", "Peskov denied that ..."
- ``CONTENT, SOURCE CUE``: "Kim left on Sunday, Russian news agencies reported"
- ``CUE``-verbs with a noun content: "Reuters listed other gifts ...", "called the accord ...",
  "a poll showed Trump with a lead"
- stances (``Attribution.stance``): "criticized the plan", "called for a ban"; never a source of
  a claim's chain
- ``SOURCE CUE:`` and the next paragraph: "Her adviser said:" / "The pier is unsafe."
- ``according to SOURCE`` and ``SOURCE: CONTENT`` (:mod:`storylens.analyse.according`)
- hedges with no source (:mod:`storylens.analyse.hedges`): "reportedly", "is believed to"

Attitudes ("wants", "supports", "plans") are found as their own kind and kept out of quotes,
claims' source chains and speakers on purpose; "hopes to", "expects to" are left out
altogether (see :mod:`storylens.analyse.cues`). The name behind a source ("he", "the
congressman") is found by :mod:`storylens.analyse.speakers`.

Each :class:`Attribution` carries char spans into the doc text. Source chains for claims
(nearest first) come from :func:`storylens.analyse.attributed.chain_for`: the attributions
whose content covers a position, outermost first ("X, TASS reported, according to the
Moscow Times" -> Moscow Times, TASS).

Pure token walks over an already parsed ``Doc``: no extra model passes.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from storylens.analyse.according import (
    SIGNATURE_DASHES,
    according_to,
    colon_attribution,
    signature_dash,
    signed_line,
)
from storylens.analyse.attributed import Attribution, cut_at_semicolons
from storylens.analyse.columns import (
    doc_column,
    doc_lemmas,
    doc_sents,
    doc_text,
    paragraph_breaks,
)
from storylens.analyse.content import (
    ALL_QUOTES,
    adjacent_quote,
    clause_head,
    clause_tokens,
    content_around,
    counted_object,
    denied_noun,
    ends_in_colon,
    expressed,
    inside_quote,
    next_paragraph,
    noun_content,
    parenthetical,
    quote_aware,
    quote_beside,
    relative_gap,
    reports_nothing_around,
    single_marked,
    small_clause,
    trim_tokens,
    what_about,
    without_trailing_asides,
    words,
)
from storylens.analyse.cues import (
    ACT_CUES,
    ADDRESSEE_CUES,
    ATTITUDE_CUES,
    CLAUSE_ONLY_CUES,
    COGNITIVE_CUES,
    CUE_LEMMAS,
    DEED_CUES,
    EVIDENCE_CUES,
    EVIDENCE_NOUNS,
    FEELING_CUES,
    FREE_RELATIVES,
    LAW_CUES,
    LAW_NOUNS,
    NEGATIVE_CUES,
    NOT_SAID_PARTICLES,
    NOUN_STANCE_CUES,
    PARTICLE_CUES,
    QUOTE_ONLY_CUES,
    RELATIVE_PRONOUNS,
    RELAYS,
    SPEECH_CUES,
    STANCE_CUES,
    WEAK_CUES,
    lexicon,
)
from storylens.analyse.cuespans import cue_span, cue_tokens, governed_prep
from storylens.analyse.hedges import hedges
from storylens.analyse.nominal import CLAIM_NOUNS, in_a_poll, possessive_claim
from storylens.analyse.phrases import (
    agent_of,
    has_said,
    is_passive,
    noun_phrase,
    source_name,
    span_of,
    subject_of,
)
from storylens.analyse.predicates import SIDE_NOUNS, VIEW_ADJECTIVES, view_attribution
from storylens.analyse.quotemarks import balance_marks, close_bracket, doc_quotes
from storylens.analyse.sourceless import asked, untold
from storylens.analyse.sourcephrase import (
    adjacent_speaker,
    by_saying,
    clause_stance,
    controller,
    gerund_subject,
    holds_report,
    named_actor,
    phrase_cue,
    phrase_word,
    reporter,
    saying,
    source_marks,
    source_phrase,
)
from storylens.analyse.splitquotes import extend_split_quotes
from storylens.analyse.splitquotes import paragraph_bounds as paragraph_bounds
from storylens.analyse.titlelines import with_title_line

STAGE = "attribution.rules.v50"
_CUE_LEMMAS = CUE_LEMMAS
# what someone issues, sends or posts ("the board issued a statement saying …")
_ISSUED = lexicon(
    """statement letter message release memo email tweet post note report ad video text
    notice advisory"""
)
_WEAK_BY_ACTORS = frozenset({"write", "agree", "post", "point"})
_AIMS = frozenset({"hope", "expect"})  # "hopes to win": an attitude
_CONTROLLED = SPEECH_CUES | STANCE_CUES | ACT_CUES | ATTITUDE_CUES
_ANSWERS = frozenset({"yes", "no", "so", "same"})
_NOUN_CONTENT_CUES = (
    SPEECH_CUES | STANCE_CUES | ATTITUDE_CUES | ACT_CUES | LAW_CUES
) - CLAUSE_ONLY_CUES


# finding attributions ------------------------------------------------------------------------


def is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in {"VERB", "AUX"} or (tok.pos_ == "AUX" and lemma != "say"):
        return False
    return lemma in _CUE_LEMMAS


def _verb_attribution(
    verb: Token,
    sent: Span,
    sent_index: int,
    quotes: list[tuple[int, int]],
    *,
    generic: bool = False,
) -> Attribution | None:
    lemma = verb.lemma_.lower()
    if verb.dep_ == "xcomp" and verb.head.i < verb.i and verb.head.lemma_ in {"decline", "refuse"}:
        return None  # "declined to comment", "refused to say": one report, at the first verb
    if lemma in RELAYS and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children)
        for c in verb.children
    ):
        return None  # "was quoted by the Gazette as saying": one report, found at "saying"
    subj = reporter(verb) or subject_of(verb)
    passive = is_passive(verb)
    if passive and lemma in SPEECH_CUES and (perfect := has_said(verb)) is not None:
        subj, passive = perfect, False  # "He's said the allegations are false"
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and lemma in ACT_CUES | ATTITUDE_CUES:
        return None  # "the report released by the ministry", "a group backed by X": no report
    if passive or (verb.tag_ == "VBN" and verb.dep_ == "acl"):
        subj = agent_of(verb)
    elif verb.tag_ == "VBN" and verb.dep_ == "advcl" and agent_of(verb) is not None:
        subj = agent_of(verb)  # "Asked by a reporter whether …": the reporter asked
    if subj is None and not passive and lemma in SPEECH_CUES | STANCE_CUES:
        subj = adjacent_speaker(verb)
    if subj is None and verb.dep_ == "pcomp":
        subj = gerund_subject(verb)  # "Bolton distanced himself by saying …"
    if subj is None and not passive and lemma in _CONTROLLED:
        subj = controller(verb)  # "pivoted to arguing …", "found ways to cast herself as …"
    issued = -1  # the verb that issued the statement a participle describes
    if subj is None and saying(verb):
        subj = verb.head  # "a statement saying ...", "911 calls saying shots were fired"
        if subj.dep_ == "dobj" and subj.lemma_.lower() in _ISSUED:
            issuer = subject_of(subj.head)  # "the board issued a statement saying": the board
            if issuer is not None and issuer.lower_ not in RELATIVE_PRONOUNS:
                subj, issued = issuer, subj.head.i
    if subj is None:
        return asked(verb, sent, sent_index)
    if subj.lower_ in {"there", "this", "you"} or (
        subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ != "relcl"
    ):
        return None
    # "Bush, who signed the bill": "who" stands for the person before it
    actor = verb.head if subj.lower_ == "who" and verb.dep_ == "relcl" else subj
    if (lemma in ACT_CUES | FEELING_CUES or generic) and not named_actor(actor):
        return None
    if lemma in LAW_CUES and subj.lemma_.lower() not in LAW_NOUNS:
        return None  # "the law requires …", not "the job requires …"
    if any(c.dep_ == "dobj" and any(saying(g) for g in c.children) for c in verb.children):
        return None  # "issued a statement saying …": one report, found at "saying"
    name_tokens, source = source_phrase(verb, subj, quotes)
    if not source:
        return None  # the subject is all words of a quotation: a misparse, no speaker
    doc = verb.doc
    if subj.lower_ in RELATIVE_PRONOUNS:
        name_tokens = noun_phrase(verb.head)  # "Peskov, who told ...": the antecedent
    cue_toks = cue_tokens(verb, subj)
    clause = clause_head(verb)
    if clause is not None and not sent.start <= clause.i < sent.end:
        clause = None  # a clause in another paragraph: the parser ran two sentences together
    evidence = lemma in EVIDENCE_CUES and subj.lemma_.lower() in EVIDENCE_NOUNS  # "a poll showed"
    if lemma in COGNITIVE_CUES and not evidence and small_clause(clause):
        return None  # "found him hiding in a bathtub": what was seen, not a view
    # "hopes to win", "expects to be chosen": an attitude, not a report, and only with a named
    # person, organisation or group as subject
    aim = clause is not None and clause.dep_ == "xcomp" and lemma not in _NOUN_CONTENT_CUES
    if aim and (lemma not in _AIMS or not named_actor(subj)):
        return None
    content: list[Token] | None = None
    # "he will do what he claims": the content is "what", a thing the sentence talks about
    free = [c for c in verb.children if c.lower_ in FREE_RELATIVES and c.i < verb.i]
    if free:
        content = free
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}:
        content = noun_phrase(verb.head)  # "a practice criticized by the mayor"
    elif clause is not None:
        content = trim_tokens(clause_tokens(clause), keep_that=True)
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if clause.dep_ == "advcl" and subject is not None and clause.i > verb.i:
            # "said after the convention he would …": the time is the saying's
            content = [t for t in content if t.i >= subject.left_edge.i] or content
        if clause.dep_ == "xcomp":
            # "urged the industry to do more": who is urged belongs to what is urged
            obj = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
            obj = obj or [  # "called on Congress to act": who is called on
                g
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "on" and verb.i < c.i < clause.i
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if obj and content:
                content = [*(doc[k] for k in range(obj[0].left_edge.i, content[0].i)), *content]
        content = without_trailing_asides(content, quotes)
    elif (
        generic
        or lemma in _NOUN_CONTENT_CUES
        or evidence
        # "…, as many researchers believe", "The pier, Vell thinks, is unsafe"; with a named
        # actor, what they think of ("Birchers viewed communists as terrorists")
        or (lemma in COGNITIVE_CUES and (_set_off(verb, subj) or named_actor(subj)))
    ):
        content = noun_content(verb)
        prep = governed_prep(verb)
        if content is None and prep is not None and prep.dep_ == "mark":
            # "called for the United States to act": the clause "for" opens
            content = [t for t in prep.head.subtree if t.i > prep.i] or None
        elif content is None and prep is not None:
            # "called for a ban", and "called for banning …": a gerund is what is called for
            content = [t for c in prep.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
            if lemma in SPEECH_CUES:  # “It's unanimous,” she said of the vote: the quotation
                skip = {t.i for t in source} | {verb.i} | {t.i for t in prep.subtree}
                around = parenthetical(sent, skip) or content_around(sent, skip)
                if len(words(around)) >= 2 and (
                    any(t.text in ALL_QUOTES for t in around) or single_marked(around)
                ):
                    content = around
        if content:
            content = without_trailing_asides(trim_tokens(content), quotes)
        if content is None and not reports_nothing_around(verb):
            exclude = {t.i for t in source} | {verb.i}
            exclude |= {
                t.i
                for c in verb.children
                if c.dep_ in {"dobj", "prep", "npadvmod"}
                and c.i > verb.i  # "told reporters", "said in a statement"
                and lemma in ADDRESSEE_CUES | _WEAK_BY_ACTORS | {"say", "report", "tweet"}
                for t in c.subtree
            }
            # "Asked whether ..., she said", "he said, adding that ...": reports of their own
            exclude |= {
                t.i
                for c in verb.children
                if c.dep_ == "advcl" and c.lemma_.lower() in _CUE_LEMMAS
                for t in c.subtree
            }
            scope = sent
            if (
                verb.dep_ == "conj"
                and verb.head.lemma_.lower() in _CUE_LEMMAS
                and any(c.dep_ == "nsubj" for c in verb.children)
            ):
                # "Cook said A, but Cook did not say when": the second report's content is
                # in its own clause, never the first report
                scope = doc[
                    max(sent.start, verb.left_edge.i) : min(sent.end, verb.right_edge.i + 1)
                ]
            around = parenthetical(scope, exclude) or content_around(scope, exclude)
            report_start = min([t.i for t in source] + [verb.i])
            if holds_report(around):
                # "A, Vell said, but the staff did not ask": what comes before the cue alone;
                # "Lashing out, Vell said the …": the words are Vell's report
                before = [t for t in around if t.i < report_start]
                around = before if len(words(before)) >= 3 and not holds_report(before) else []
            if len(words(around)) < 3 and not (lemma == "ask" and verb.tag_ == "VBN"):
                # not "when asked by reporters": the quotation beside it is the answer
                around = adjacent_quote(sent, quotes) or quote_beside(verb, source, quotes)
            content = around
    if not content:
        answer = [c for c in verb.children if c.i > verb.i and c.lower_ in _ANSWERS]
        # "72 percent said yes", "half said so", "26 percent said the same"
        content = list(answer[0].subtree) if answer else content
    below = ends_in_colon(sent, verb) and (not content or what_about(content, verb))
    if below:
        content = next_paragraph(sent)  # "He said:" and the statement below it
    if not content:
        return None
    # set out below its cue ("Limbaugh added:", "He continued:"), it is words given
    quoted = below or any(t.text in ALL_QUOTES for t in content) or inside_quote(content, quotes)
    if lemma in QUOTE_ONLY_CUES and not quoted:
        return None  # "he continued" reports speech only next to a quotation
    if (
        lemma in WEAK_CUES
        and not quoted
        and (
            counted_object(verb)
            or (clause is None and not _weak_ok(verb, subj) and not _set_off(verb, subj))
        )
    ):
        return None  # not "Hillis added 101 yards, … the first time that's happened"
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if lemma in PARTICLE_CUES and PARTICLE_CUES[lemma] not in particles and not generic:
        return None
    if particles & NOT_SAID_PARTICLES.get(lemma, frozenset()):
        return None  # "write off", "call off", "call up", "was called in to help"
    src_idx = {t.i for t in source}
    last = phrase_word(doc, verb.i) if generic else None
    felt = expressed(verb) if lemma in {"express", "voice"} | NEGATIVE_CUES else None
    if felt is not None and lemma in NEGATIVE_CUES and not denied_noun(doc[felt[0]]):
        felt = None
    if felt is not None:  # "expressed concern that …", "voiced doubts about …", "denied
        # rumours that …": the clause is what is felt or denied
        last, content = felt
    if last is not None:  # "took aim at Trump": the content is what follows the phrase
        content = [t for t in content if t.i > last] or content
    content = [t for t in content if t.i not in src_idx and t.i != verb.i]
    if not content:
        return None
    cstart, cend, direct = quote_aware(span_of(content), quotes)
    sstart, send = span_of(source)
    around_quote = next(((qs, qe) for qs, qe in quotes if qs < verb.idx < qe), None)
    if around_quote is not None and not (around_quote[0] <= cstart and cend <= around_quote[1]):
        return None  # a cue inside a quotation reports nothing outside it
    wraps = cstart <= sstart < cend and cstart <= verb.idx < cend
    if wraps and not parenthetical(sent, {t.i for t in source} | {verb.i}):
        return None
    gap = relative_gap(verb, subj, source)  # "which he said was unsafe"
    thought = clause is None and lemma in COGNITIVE_CUES and not evidence
    thought = thought and not _set_off(verb, subj)
    # "the DNC could be hoping that …": the writer's guess at a view, no report of one
    guessed = lemma in COGNITIVE_CUES and any(
        c.dep_ == "aux" and c.lower_ in {"could", "may", "might"} for c in verb.children
    )
    cue_start, cue_end = cue_span(verb, cue_toks)
    if issued >= 0:  # "released a statement saying"
        cue_start = min(cue_start, doc[issued].idx)
    if (
        last is not None and doc[last].idx < cstart and (generic or felt is not None)
    ):  # "took aim at", "made it clear"
        cue_end = max(cue_end, doc[last].idx + len(doc[last].text))
    unsaid = untold(verb, subj)  # "did not assert that …", "wants to tell voters that …"
    return Attribution(
        cue=lemma,
        cue_start=cue_start,
        cue_end=cue_end,
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=doc_text(verb.doc)[sstart:send],
        source_name=source_name(name_tokens),
        direct=direct,
        negative=lemma in NEGATIVE_CUES and not unsaid,
        sentence=sent_index,
        cue_tokens=[verb.i, *[t.i for t in cue_toks if t.i != verb.i]],
        source_tokens=sorted(src_idx),
        source_head_tokens=sorted(t.i for t in name_tokens if t.i in src_idx),
        verb=verb.i,
        stance=generic
        or (
            lemma in STANCE_CUES | ATTITUDE_CUES | ACT_CUES | LAW_CUES
            and lemma not in SPEECH_CUES
            and not by_saying(verb)
        )
        or (clause is None and felt is None and lemma in NOUN_STANCE_CUES)
        # "Brandel fears a long winter": what someone thinks of, not a claim of theirs
        or thought
        or guessed
        or aim
        # "Investigators didn't say why she was suspended", "Lund did not deny it": words not
        # said (nor denied) are no one's claim
        or unsaid,
        unsaid=unsaid,
        kind=_kind(lemma, aim or thought),
        gap_start=gap.idx if gap is not None and gap.idx < cstart else -1,
    )


def _kind(lemma: str, attitude: bool) -> str:
    """An attitude (wanting, hoping to, thinking of something), a deed (voting, signing) or a
    report."""
    if attitude or lemma in ATTITUDE_CUES:
        return "attitude"
    return "act" if lemma in DEED_CUES | LAW_CUES else "verb"


def _weak_ok(verb: Token, subj: Token) -> bool:
    """A weak cue that still reports without a quotation: a named actor responding to
    something ("Trump has not yet responded to the remarks"), or writing, posting, pointing
    out or agreeing ("Brandel wrote the pilots were right")."""
    if not named_actor(subj) or verb.dep_ == "acl":
        return False  # "memos written by Comey": the memos are no words of his to report
    if verb.lemma_.lower() in _WEAK_BY_ACTORS:
        return True
    prep = governed_prep(verb)
    return prep is not None and prep.lower_ == "to"


def _set_off(verb: Token, subj: Token) -> bool:
    """A report set off from the words it reports: "The pier, Vell wrote, is unsafe", "as
    the pilots point out": a weak cue reports there without a quotation."""
    doc = verb.doc
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return subj.i < verb.i
    first, last = min(subj.left_edge.i, verb.i), verb.i
    while last + 1 < len(doc) and doc[last + 1].dep_ in {"prt", "advmod"}:
        last += 1
    return (
        first > 0
        and last + 1 < len(doc)
        and doc[first - 1].text == ","
        and doc[last + 1].text == ","
        and verb.dep_ in {"parataxis", "ccomp", "advcl"}
    )


# a connective left at the end of a content taken around the cue, joining it to the words
# the cue interrupts
_DANGLING = re.compile(r"(?:[\s,;:—–-]+(?:and|but|or|as|which|while|because))+[\s,;:—–-]*$", re.I)


def _clip(att: Attribution, text: str) -> Attribution | None:
    """Keep an attribution inside the paragraph of its cue (sentence splits miss captions);
    a content introduced by a colon stays in the paragraph that follows."""
    lo, hi = paragraph_bounds(text, att.cue_start)
    if att.content_start >= hi:
        hi = paragraph_bounds(text, att.content_start)[1]
    if att.source_start is not None and att.source_end is not None:
        if att.source_end <= lo or att.source_start >= hi:
            return None
        att.source_start, att.source_end = max(att.source_start, lo), min(att.source_end, hi)
        raw = text[att.source_start : att.source_end]
        att.source_start += len(raw) - len(raw.lstrip())
        att.source_end -= len(raw) - len(raw.rstrip())
        # "host of MSNBC’s “Morning Joe,”": the closing mark of a title the source opens
        att.source_start, att.source_end = balance_marks(text, att.source_start, att.source_end)
        att.source_start, att.source_end = source_marks(text, att.source_start, att.source_end)
        att.source_text = text[att.source_start : att.source_end]
        att.source_name = " ".join(att.source_name.split("\n\n")[-1].split())
    att.content_start, att.content_end = max(att.content_start, lo), min(att.content_end, hi)
    raw = text[att.content_start : att.content_end]
    att.content_start += len(raw) - len(raw.lstrip())
    att.content_end -= len(raw) - len(raw.rstrip())
    dangling = _DANGLING.search(text, att.content_start, att.content_end)
    if dangling is not None and dangling.start() > att.content_start:
        att.content_end = dangling.start()  # "the pier is unsafe, and [she said …]"
    if att.content_end <= att.content_start:
        return None
    att.content_end = close_bracket(text, att.content_start, att.content_end, hi)
    att.content_start, att.content_end = balance_marks(text, att.content_start, att.content_end)
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
    found = with_title_line(doc, found)
    found.sort(key=lambda a: (a.cue_start, a.kind))
    extend_split_quotes(doc, found, quotes)
    cut_at_semicolons(found, doc_text(doc))
    return found


def _paragraph_pieces(sent: Span) -> list[Span]:
    """A sentence cut at blank lines (the parser's sentences can run across paragraphs)."""
    doc = sent.doc
    breaks = paragraph_breaks(doc)
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


def _within_its_quotation(
    att: Attribution | None, quotes: list[tuple[int, int]]
) -> Attribution | None:
    """A cue inside a quotation reports nothing outside it: “… according to its website.”"""
    if att is None:
        return None
    around = next(((qs, qe) for qs, qe in quotes if qs < att.cue_start < qe), None)
    if around is None or (around[0] <= att.content_start and att.content_end <= around[1]):
        return att
    return None


_TRIGGERS = frozenset({"according", ":", *SIGNATURE_DASHES})


def _sentence_attributions(
    sent: Span, s_index: int, quotes: list[tuple[int, int]], found: list[Attribution]
) -> None:
    doc = sent.doc
    lower, lemmas = doc_column(doc, "lower_"), doc_lemmas(doc)
    for i in range(sent.start, sent.end):
        generic = clause_stance(doc, i) or phrase_cue(doc, i)
        if (
            lemmas[i] not in _CUE_LEMMAS
            and lower[i] not in _TRIGGERS
            and lower[i] not in VIEW_ADJECTIVES
            and lemmas[i] not in SIDE_NOUNS
            and lemmas[i] not in CLAIM_NOUNS
            and lower[i] != "in"
            and not generic
            and not signature_dash(lower[i])
        ):
            continue  # neither a cue verb nor "according" nor a colon
        tok = doc[i]
        att: Attribution | None = None
        if (lower[i] in VIEW_ADJECTIVES or lemmas[i] in SIDE_NOUNS) and not is_cue(tok):
            att = view_attribution(tok, s_index, quotes)
        elif lemmas[i] in CLAIM_NOUNS and tok.pos_ == "NOUN":
            att = possessive_claim(tok, s_index)
        elif lower[i] == "in":
            att = in_a_poll(tok, s_index)
        elif is_cue(tok) or generic:
            att = _verb_attribution(tok, sent, s_index, quotes, generic=generic)
        elif tok.lower_ == "according":
            att = _within_its_quotation(according_to(tok, sent, s_index), quotes)
        elif tok.text == ":":
            att = colon_attribution(tok, sent, s_index, quotes)
        elif signature_dash(tok.text):
            att = signed_line(tok, s_index, quotes)
        if att is not None:
            att = _clip(att, doc_text(doc))
        if att is not None:
            found.append(att)
    found.extend(h for h in hedges(sent, s_index) if _clip(h, doc_text(doc)) is not None)
