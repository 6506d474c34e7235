"""Views stated by an adjective after "be": "Vell is confident that …", "the pilots were
critical of the plan", "she was eager to leave".

The cue is the verb "be" with its auxiliaries and negation, the adjective and the preposition
it governs ("were critical of"); the content is the clause, infinitive or object after it; the
source is the subject, only a named person, organisation or group (or a pronoun, or the noun of
a role or body). These are attitudes (``Attribution.kind == "attitude"``): found as PolNeAR
labels them, but what someone feels or is sure of is not a claim they made, so they never
become quotes or enter a claim's source chain.
"""

from __future__ import annotations

from spacy.tokens import Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_children, doc_column, doc_lemmas, doc_text
from storylens.analyse.content import (
    clause_tokens,
    quote_aware,
    trim_tokens,
    without_trailing_asides,
)
from storylens.analyse.cues import RELATIVE_PRONOUNS, lexicon
from storylens.analyse.phrases import source_name, span_of
from storylens.analyse.sourcephrase import named_actor, source_phrase

# adjectives (and participles used as adjectives) that state a view of, a feeling about or a
# readiness for something
VIEW_ADJECTIVES = lexicon(
    """confident sure certain convinced positive doubtful skeptical sceptical unsure uncertain
    aware unaware adamant insistent emphatic unequivocal firm optimistic pessimistic hopeful
    critical supportive opposed favorable favourable unfavorable sympathetic hostile receptive
    resistant reluctant willing unwilling eager keen determined worried concerned afraid
    fearful scared nervous anxious wary leery suspicious happy glad pleased delighted thrilled
    proud grateful thankful satisfied dissatisfied unhappy disappointed upset angry furious
    outraged frustrated annoyed irritated dismayed shocked surprised alarmed troubled
    disturbed appalled disgusted embarrassed ashamed sorry fond tired sick weary enthusiastic
    excited passionate comfortable uncomfortable divided unanimous undecided clear open
    committed intent loath hesitant inclined prepared ready mindful desperate hungry
    enamored impressed interested uninterested obsessed fixated confused unclear split
    united unified torn ambivalent indifferent responsive friendly lukewarm dismissive
    contemptuous scornful respectful appreciative outspoken vocal silent coy frank candid
    blunt explicit resolute steadfast unapologetic defiant incensed enraged infuriated livid
    irate"""
)
# nouns for someone who takes a side, after "be" ("is a staunch opponent of", "has been an
# outspoken supporter of")
SIDE_NOUNS = lexicon(
    """opponent supporter critic proponent advocate backer champion fan skeptic sceptic
    defender foe detractor admirer"""
)
# prepositions such an adjective governs: part of the cue, their object is the content
_PREPOSITIONS = lexicon("of about with at over on to in for by")
_SIDE_PREPOSITIONS = lexicon("of")
_CUE_DEPS = frozenset({"aux", "neg", "auxpass"})


def predicate_view(tok: Token) -> tuple[Token, Token, list[Token], list[Token]] | None:
    """For an adjective of ``VIEW_ADJECTIVES`` after "be" with a named actor as subject: the
    verb "be", the subject, the cue's words and the content's words."""
    doc = tok.doc
    i = tok.i
    words = doc_column(doc, "lower_")
    deps, children, lemmas = doc_column(doc, "dep_"), doc_children(doc), doc_lemmas(doc)
    side = lemmas[i] in SIDE_NOUNS and deps[i] == "attr"
    if not side and (
        words[i] not in VIEW_ADJECTIVES or doc_column(doc, "pos_")[i] not in {"ADJ", "VERB"}
    ):
        return None
    be: Token | None = None
    if (side or deps[i] == "acomp") and lemmas[tok.head.i] == "be":
        be = tok.head
        subjects = [c for c in children[be.i] if deps[c] == "nsubj" and c < be.i]
    elif deps[i] in {"ROOT", "conj", "ccomp"} and doc_column(doc, "tag_")[i] == "VBN":
        # "the pilots were worried about …": a passive participle
        be = next((doc[c] for c in children[i] if deps[c] == "auxpass" and c < i), None)
        subjects = [c for c in children[i] if deps[c] == "nsubjpass" and c < i]
    else:
        return None
    if be is None or not subjects or not named_actor(doc[subjects[0]]):
        return None
    subj = doc[subjects[0]]
    content: list[Token] = []
    prep: Token | None = None
    # what the adjective is about, hung on it or on "be" ("were adamant that …")
    after = sorted({*children[i], *(children[be.i] if be.i != i else [])})
    for c in after:
        if c <= i:
            continue
        if deps[c] in {"ccomp", "xcomp"} and not side:
            content = trim_tokens(clause_tokens(doc[c]), keep_that=True)
            break
        if (
            deps[c] == "prep"
            and words[c] in (_SIDE_PREPOSITIONS if side else _PREPOSITIONS)
            and c == i + 1
        ):
            objects = [g for g in children[c] if deps[g] in {"pobj", "pcomp"}]
            if objects:
                prep = doc[c]
                content = [t for g in objects for t in doc[g].subtree]
            break
    if not content:
        return None
    cue = [be, tok, *([prep] if prep is not None else [])]
    cue += [doc[c] for c in children[be.i] if deps[c] in _CUE_DEPS and subj.i < c < i]
    cue += [doc[c] for c in children[i] if deps[c] in _CUE_DEPS and subj.i < c < i]
    cue += [doc[k] for k in range(be.i + 1, i) if deps[k] in {"advmod", "neg"}]
    return be, subj, sorted({t.i: t for t in cue}.values(), key=lambda t: t.i), content


def view_attribution(
    tok: Token, sent_index: int, quotes: list[tuple[int, int]]
) -> Attribution | None:
    """ "Vell is confident that …", "the pilots were critical of the plan": an attitude."""
    found = predicate_view(tok)
    if found is None:
        return None
    be, subj, cue, content = found
    if subj.lower_ in RELATIVE_PRONOUNS | {"i", "we"}:
        return None  # "I'm sure": a speaker's own feeling, inside their quotation
    if any(qs < tok.idx < qe for qs, qe in quotes):
        return None
    name_tokens, source = source_phrase(be, subj)
    src_idx = {t.i for t in source}
    content = without_trailing_asides([t for t in content if t.i not in src_idx], quotes)
    if not content:
        return None
    cstart, cend, direct = quote_aware(span_of(content), quotes)
    sstart, send = span_of(source)
    doc = tok.doc
    return Attribution(
        cue=tok.lower_,
        cue_start=cue[0].idx,
        cue_end=cue[-1].idx + len(cue[-1].text),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=doc_text(doc)[sstart:send],
        source_name=source_name(name_tokens),
        direct=direct,
        sentence=sent_index,
        cue_tokens=[tok.i, *(t.i for t in cue if t.i != tok.i)],
        source_tokens=sorted(src_idx),
        source_head_tokens=sorted(t.i for t in name_tokens if t.i in src_idx),
        verb=tok.i,
        stance=True,
        kind="attitude",
    )
