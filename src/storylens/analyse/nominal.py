"""Reports named by a noun: with a possessive source, "Trump's claim that there were thousands
of shootings", "the police's earlier claim that he refused", "his promise to cut taxes".

The source is the possessor with its mark ("Trump's", "his"), only a named person,
organisation or group, a pronoun or the noun of a role or body; the cue is the noun with the
adjectives before it; the content is the "that" clause (or the infinitive of a promise, plan or
call) after it. They are their own kind (``Attribution.kind == "noun"``) and never a claim's
source (``Attribution.stance``): a claim named by a noun is often one the writer disputes.

And a poll or a view a sentence opens with: "In a CNN poll released Monday, Clinton led …".
"""

from __future__ import annotations

from spacy.tokens import Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_children, doc_column, doc_lemmas, doc_text
from storylens.analyse.content import clause_tokens, trim_tokens
from storylens.analyse.cues import lexicon
from storylens.analyse.phrases import span_of
from storylens.analyse.sourcephrase import named_actor

# nouns of what someone says or thinks, followed by what it is ("claim that …")
CLAIM_NOUNS = lexicon(
    """claim assertion suggestion contention allegation insistence argument statement warning
    prediction belief view position accusation charge denial assurance promise pledge vow
    proposal plan call demand threat"""
)
# of those, the ones an infinitive completes ("his promise to cut taxes")
_TO_NOUNS = lexicon("promise pledge vow proposal plan call demand threat")
_POSSESSIVE_PRONOUNS = lexicon("his her their its")


def possessive_claim(noun: Token, sent_index: int) -> Attribution | None:
    """The report a noun of ``CLAIM_NOUNS`` names, with its possessor as source."""
    doc = noun.doc
    i = noun.i
    lemmas = doc_lemmas(doc)
    if lemmas[i] not in CLAIM_NOUNS or doc_column(doc, "pos_")[i] != "NOUN":
        return None
    deps, lower, children = doc_column(doc, "dep_"), doc_column(doc, "lower_"), doc_children(doc)
    owner = next((doc[c] for c in children[i] if deps[c] == "poss" and c < i), None)
    if owner is None:
        return None
    if owner.lower_ not in _POSSESSIVE_PRONOUNS and not named_actor(owner):
        return None
    content: list[Token] = []
    for c in children[i]:
        if c <= i or deps[c] not in {"acl", "ccomp", "relcl"}:
            continue
        marks = [g for g in children[c] if deps[g] == "mark"]
        that = any(lower[g] == "that" for g in marks)
        to = lemmas[i] in _TO_NOUNS and any(lower[g] == "to" for g in children[c])
        if (that and deps[c] != "relcl") or (to and deps[c] == "acl"):
            content = trim_tokens(clause_tokens(doc[c]), keep_that=True)
        break
    if not content:
        return None
    source = list(doc[owner.left_edge.i : owner.right_edge.i + 1])
    cue = [doc[c] for c in children[i] if c < i and c > owner.right_edge.i and deps[c] == "amod"]
    cue = sorted([*cue, noun], key=lambda t: t.i)
    text = doc_text(doc)
    sstart, send = source[0].idx, source[-1].idx + len(source[-1].text)
    cstart, cend = span_of(content)
    return Attribution(
        cue=lemmas[i],
        cue_start=cue[0].idx,
        cue_end=noun.idx + len(noun.text),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=text[sstart:send],
        source_name=text[owner.idx : owner.idx + len(owner.text)],
        sentence=sent_index,
        cue_tokens=[t.i for t in cue],
        source_tokens=[t.i for t in source],
        source_head_tokens=[owner.i],
        stance=True,
        kind="noun",
    )


# what a sentence opening "In …," reports from: a poll or study ("In a CNN poll released
# Monday, Clinton led by four points") or someone's view ("In Forbes' words, …"); not an
# interview or statement, whose speaker the sentence names itself ("In an interview, Vell
# said …")
_FINDINGS = lexicon(
    """poll polls survey surveys study analysis view views words eyes estimation judgment
    opinion"""
)

_POLLS = lexicon("poll polls survey surveys")


def in_a_poll(tok: Token, sent_index: int) -> Attribution | None:
    """ "In a CNN poll released Monday, Clinton led …": the poll as source, "In" as cue and
    the rest of the sentence as content; a record of what it found (``kind == "noun"``)."""
    doc = tok.doc
    sent = tok.sent
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in _FINDINGS:
        return None
    end = pobj.right_edge.i
    if tok.i == sent.start:
        if end + 1 >= sent.end or doc[end + 1].text != ",":
            return None
        content = [t for t in doc[end + 2 : sent.end] if not t.is_space]
    elif pobj.lemma_.lower() in _POLLS and tok.head.dep_ == "ROOT" and end + 2 >= sent.end:
        # "Clinton held a 24-point lead among black voters in a CNN poll."
        content = [t for t in doc[sent.start : tok.i] if not t.is_space]
    else:
        return None
    source = list(doc[pobj.left_edge.i : end + 1])
    while content and content[-1].is_punct:
        content.pop()
    if len(content) < 3:
        return None
    text = doc_text(doc)
    sstart, send = span_of(source)
    cstart, cend = span_of(content)
    return Attribution(
        cue="in",
        cue_start=tok.idx,
        cue_end=tok.idx + len(tok.text),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=text[sstart:send],
        source_name=text[sstart:send],
        sentence=sent_index,
        cue_tokens=[tok.i],
        source_tokens=[t.i for t in source],
        source_head_tokens=[pobj.i],
        stance=True,
        kind="noun",
    )
