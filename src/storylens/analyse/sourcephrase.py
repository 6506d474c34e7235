"""Source phrases: who a cue's subject is, and which words of the sentence name them.

The subject of a report (or the noun a participle of saying describes), the phrase around it
without asides and datelines, and the tests that decide whether a verb outside the cue lists
reports anything ("made clear that …") and whether a stretch of words holds a report of its
own. Used by :mod:`storylens.analyse.attribution`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storylens.analyse.columns import doc_children, doc_column, doc_lemmas
from storylens.analyse.content import ALL_QUOTES, hung_speaker
from storylens.analyse.cues import (
    ATTITUDE_CUES,
    CUE_LEMMAS,
    EVIDENCE_CUES,
    EVIDENCE_NOUNS,
    FREE_RELATIVES,
    PHRASE_CUES,
    RELATIVE_PRONOUNS,
    RELAYS,
    SPEECH_CUES,
    STANCE_CUES,
    lexicon,
)
from storylens.analyse.phrases import (
    GENERIC_SOURCES,
    contiguous_range,
    noun_phrase,
    subject_of,
    subtree_indices,
)


def source_tokens(verb: Token, subj: Token) -> list[Token]:
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
        elif deps[other] == "nsubj" and other < toks[0].i and _owner_before(doc, other, toks[0].i):
            toks = [*noun_phrase(doc[other]), *doc[other + 1 : toks[0].i], *toks]
    relative = subj.lower_ in RELATIVE_PRONOUNS
    if (
        not relative
        and verb.dep_ == "relcl"
        and verb.head.i == toks[0].i - 1
        and subj.pos_ == "PROPN"  # not "the kind Trump described", "something she opposed"
        # a name after a source noun ("the agency TASS"), not "the pier Vell says is unsafe"
        and (verb.head.pos_ == "PROPN" or verb.head.lemma_.lower() in GENERIC_SOURCES)
    ):
        # "the Russian news agency TASS reported": the parser hangs TASS off "agency"
        toks = [*noun_phrase(verb.head), *toks]
        toks = sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)
    return toks


def _owner_before(doc: Doc, other: int, first: int) -> bool:
    """Whether a second subject the parser found is the owner of the first ("Fox News’ Bret
    Baier": "Fox News" and "Bret Baier" both subjects): it ends in a possessive mark right
    before it."""
    end = doc[other].right_edge.i
    if end + 1 == first:
        # "Fox News’ Bret Baier"; "Democratic presidential contender Hillary Clinton"
        return doc[end].text in _POSSESSIVE or (doc[other].pos_ == "NOUN" and end == other)
    return end + 2 == first and doc[end + 1].text in _POSSESSIVE


_POSSESSIVE = frozenset({"’", "'", "’s", "'s"})


def reporter(verb: Token) -> Token | None:
    """The subject of a report the parser joined to the reported clause instead of to the
    first report ("He said A had given him momentum and said ..."): the first reporter."""
    if verb.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    tok = verb.head
    for _ in range(4):
        if tok.dep_ not in {"ccomp", "conj", "xcomp"} or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in CUE_LEMMAS:
            return subject_of(tok)
    return None


# verbs whose finite clause is seldom anyone's view ("have it that", "make sure" is kept)
_NOT_CLAUSE_STANCES = lexicon(
    """have do get become go win let meet watch help hire leave begin keep speak lose
    campaign be come seem appear need take give turn start look lead join open"""
)


def clause_stance(doc: Doc, i: int) -> bool:
    """A verb outside the cue lists with a reported clause after it and a named actor as
    subject ("Trump made clear that …", "she maintained that …"): on `train` about half of
    these are attributions, so they are found as stances (never in a claim's source chain)."""
    lemmas = doc_lemmas(doc)
    if lemmas[i] in CUE_LEMMAS or lemmas[i] in _NOT_CLAUSE_STANCES or not lemmas[i].isalpha():
        return False
    if doc_column(doc, "pos_")[i] != "VERB" or doc_column(doc, "dep_")[i] not in {"ROOT", "conj"}:
        return False
    kids = doc_children(doc)[i]
    deps = doc_column(doc, "dep_")
    if not any(deps[c] == "ccomp" and c > i for c in kids):
        return False
    return any(deps[c] == "nsubj" and named_actor(doc[c]) for c in kids)


def holds_report(tokens: list[Token]) -> bool:
    """Whether a stretch of words holds a report of its own: a verb of saying with its own
    subject ("said Cruz", "Clinton said"), outside quotation marks."""
    if not tokens or tokens[0].text in ALL_QUOTES:
        return False
    inside = {t.i for t in tokens}
    for tok in tokens:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_CUES:
            continue
        if any(c.lower_ in FREE_RELATIVES and c.i < tok.i for c in tok.children):
            continue  # "infected with what he called tribalism": a name for a thing in it
        if any(c.dep_ == "nsubj" and c.i in inside for c in tok.children):
            return True
    return False


def named_actor(subj: Token) -> bool:
    """A person, organisation or group named, referred to by a pronoun, or by the noun of a
    role or body ("the governor", "the Bush campaign", "her aides")."""
    if subj.lower_ in _SPEAKER_PRONOUNS or subj.ent_type_ in {"PERSON", "ORG", "NORP"}:
        return True
    return subj.pos_ == "NOUN" and subj.lemma_.lower() in ACTOR_NOUNS


_SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
# nouns of roles and bodies that act and speak
ACTOR_NOUNS = lexicon(
    """campaign committee party administration government department agency court judge
    president governor senator congressman congresswoman lawmaker legislator official
    spokesman spokeswoman spokesperson aide adviser advisor candidate nominee leader chairman
    chairwoman director secretary minister mayor council board company union coalition
    newspaper magazine reporter journalist columnist editor analyst expert critic supporter
    opponent activist prosecutor attorney lawyer governor-elect senate house pope bishop
    lobbyist economist strategist pollster organizer organiser member staffer delegate donor
    group organization organisation firm network outlet website police officer chief sheriff
    commissioner representative justice legislature parliament ministry bureau office
    commission panel voter resident protester demonstrator worker teacher doctor scientist
    researcher professor historian author writer blogger host anchor moderator commentator
    pundit insider ally rival challenger incumbent executive founder owner manager envoy
    ambassador diplomat general veteran republican democrat conservative liberal progressive
    liberal independent caucus delegation senator-elect"""
)


def adjacent_speaker(verb: Token) -> Token | None:
    """The name or pronoun right before a verb of saying the parser gave no subject
    ("“…,” Trump said", where the parser hung Trump elsewhere)."""
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and doc[k].dep_ in {"advmod", "aux", "neg"} and doc[k].head.i == verb.i:
        k -= 1
    if k < 0 or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    if doc[k].text in ALL_QUOTES and verb.i + 1 < len(doc):
        # "“…,” said Jon Vell", "“…,” tweeted another": the parser lost the speaker
        return _name_after(doc[verb.i + 1]) or _object_after(verb)
    if doc[k].text == "," and k > 0:
        hung = _speaker_hung_after(verb)
        if hung is not None:
            return hung
        k = _before_aside(doc, k)  # "Murphy, the head of the group, tweeted"
        if k < 0:
            return None
    tok = doc[k]
    if tok.lower_ in _SPEAKER_PRONOUNS or (
        tok.pos_ == "PROPN" and tok.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
    ):
        while tok.dep_ in {"compound", "flat"} and tok.head.i == tok.i + 1 and tok.head.i < verb.i:
            tok = tok.head
        return tok
    # "About 4 in 10 say …": a count the parser hung on the verb as a modifier
    while tok.head.i != verb.i and tok.head.i < verb.i and tok.head.i != tok.i:
        tok = tok.head
    counted = tok.pos_ in {"NUM", "NOUN"} and tok.left_edge.i < tok.i
    if tok.head.i == verb.i and tok.dep_ in {"nummod", "npadvmod", "dep"} and counted:
        return tok
    return None


def _speaker_hung_after(verb: Token) -> Token | None:
    """The name right after an inverted verb of saying that follows what was said, which the
    parser made the subject of the words set off after it ("…, said yard manager Dale Finch,
    ready to drive the buses out": Finch, not the subject of "ready")."""
    doc = verb.doc
    kids = list(verb.children)
    if not any(c.dep_ == "ccomp" and c.i < verb.i for c in kids):
        return None
    for clause in kids:
        if clause.i < verb.i or clause.dep_ not in {"ccomp", "advcl", "xcomp", "acomp"}:
            continue
        subj = hung_speaker(verb, clause)
        if (
            subj is not None
            and subj.i + 1 < clause.i
            and all(doc[j].is_punct for j in range(subj.i + 1, clause.i))
        ):
            return subj
    return None


def _object_after(verb: Token) -> Token | None:
    """The noun phrase right after an inverted verb of saying that closes its sentence, which
    the parser took for an object ("“…,” wrote a reader from Harwick.")."""
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.left_edge.i != verb.i + 1 or obj.pos_ not in {"NOUN", "PRON", "PROPN"}:
        return None
    end = obj.right_edge.i + 1
    return obj if end >= len(doc) or doc[end].text in {".", "!", "?"} else None


def _name_after(tok: Token) -> Token | None:
    """The last word of the person or organisation named from ``tok`` on."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in {"PERSON", "ORG"} or tok.ent_iob_ != "B":
        return None
    doc = tok.doc
    end = tok.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[end]


def _before_aside(doc: Doc, comma: int) -> int:
    """The last word before an aside set off by commas that ends at ``comma`` ("Trump, in
    Kentucky, said"), or -1 when the words before the comma are no short aside."""
    k = comma - 1
    while k >= 0 and comma - k <= 12:
        tok = doc[k]
        if tok.text == ",":
            return k - 1 if k > 0 and doc[k - 1].pos_ in {"PROPN", "PRON"} else -1
        if tok.is_space or tok.text in {".", ";", ":", "?", "!"} or tok.pos_ in {"AUX"}:
            return -1
        if tok.pos_ == "VERB" and tok.tag_ in {"VBD", "VBZ", "VBP"}:
            return -1  # a clause of its own, not an aside
        k -= 1
    return -1


def saying(verb: Token) -> bool:
    """A participle of saying, of a stance or of what a record shows, describing a noun ("a
    statement saying", "pastors supporting Cruz", "a poll showing"): the noun is the
    source."""
    if not (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and verb.head.i < verb.i
        and verb.head.pos_ in {"NOUN", "PROPN"}
    ):
        return False
    lemma = verb.lemma_.lower()
    if lemma in SPEECH_CUES | STANCE_CUES | ATTITUDE_CUES:
        return True  # "pastors supporting Cruz", "a super PAC backing her"
    # "a new poll showing Trump ahead", "ledgers showing he was paid"
    return lemma in EVIDENCE_CUES and verb.head.lemma_.lower() in EVIDENCE_NOUNS


_ANONYMITY = frozenset({"request", "speak", "insist", "decline", "ask"})
_DASHES = frozenset({"—", "–", "--"})
_FOCUS = frozenset({"even", "also", "just"})
_ASIDES = frozenset({"acl", "advcl"})  # relative clauses stay: they say who the source is


def source_indices(doc: Doc, subj: int) -> set[int]:
    """The subject's subtree without participle and adverbial clauses set off by a comma or
    dash."""
    children, deps = doc_children(doc), doc_column(doc, "dep_")
    lemmas = doc_lemmas(doc)
    found = set(subtree_indices(children, subj))
    for i in list(found):
        # an age stays ("Jon Vell, 53, a harbour pilot"): it says who the source is
        aside = deps[i] in _ASIDES
        if deps[i] == "relcl" and i != subj and lemmas[i] in CUE_LEMMAS | _ANONYMITY:
            aside = True  # "who said he left", "who requested anonymity": an attribution
        if aside and i != subj and i in found:
            clause = subtree_indices(children, i)
            first = min(clause)
            if first > subj and doc[first - 1].text in {",", "—", "–", "("}:
                found -= set(clause)
    return found


def source_edges(source: list[Token]) -> list[Token]:
    """A source phrase without a dateline or a line before it ("RENO, Nev. (AP) — the senator") and
    with the closing bracket of a label it opens ("Sen. Bernie Sanders (I-Vt.)")."""
    breaks = [k for k, t in enumerate(source) if "\n" in t.text or "\n" in t.whitespace_]
    if breaks and breaks[-1] + 1 < len(source):
        source = source[breaks[-1] + 1 :]  # a heading or list number on the line before
    dashes = [k for k, t in enumerate(source) if t.text in _DASHES or _spaced_hyphen(t)]
    if dashes and any(t.text == "(" or (t.is_upper and len(t) > 1) for t in source[: dashes[0]]):
        source = source[dashes[0] + 1 :] or source
    if len(source) > 1 and source[0].lower_ in _FOCUS and source[0].dep_ == "advmod":
        source = source[1:]  # "Even his allies say": the allies are the source
    if len(source) > 1 and source[-1].lower_ in {"both", "all", "each"}:
        source = source[:-1]  # "Richards and Menendez both said": the quantifier floats
    source = _without_setting(source)
    doc = source[0].doc
    if any(t.text == "(" for t in source) and not any(t.text == ")" for t in source):
        for k in range(source[-1].i + 1, min(source[-1].i + 3, len(doc))):
            if doc[k].text == ")":
                source = [*source, *doc[source[-1].i + 1 : k + 1]]
                break
            if not doc[k].is_punct:
                break
    return source


_SETTING_PREPS = frozenset({"on", "in", "at", "during"})
# where or when a source spoke, which the parser sometimes hangs on the source's noun
_SETTINGS = lexicon(
    """interview statement speech post tweet filing appearance conference hearing debate
    rally letter email op-ed column memo video broadcast remarks event"""
)


def _without_setting(source: list[Token]) -> list[Token]:
    """A source phrase without the time or setting after it ("Trump on Tuesday", "Durbin in
    an interview", "Vell in his speech"): when and where the report was made, not who made
    it."""
    inside = {t.i for t in source}
    heads = {t.i for t in source if t.head.i not in inside or t.head.i == t.i}
    for k, tok in enumerate(source):
        if k == 0 or tok.dep_ != "prep" or tok.lower_ not in _SETTING_PREPS:
            continue
        if tok.head.i not in heads or any(t.i > tok.right_edge.i for t in source):
            continue  # "a strategist who worked for Bush in 2012": the clause's own time
        if source[k - 1].pos_ == "ADV":
            continue  # "Rubio, particularly in the closing days,": an aside
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is not None and (
            pobj.ent_type_ in {"DATE", "TIME"} or pobj.lemma_.lower() in _SETTINGS
        ):
            return source[:k]
    return source


def _spaced_hyphen(tok: Token) -> bool:
    """A hyphen standing for a dash ("(Reuters) - Sen. Jane Roe"), not inside "(D-Vt.)"."""
    doc = tok.doc
    return (
        tok.text == "-" and bool(tok.whitespace_) and tok.i > 0 and bool(doc[tok.i - 1].whitespace_)
    )


_GERUND_PREPS = frozenset({"by", "after", "before", "in", "while", "upon", "on"})


def gerund_subject(verb: Token) -> Token | None:
    """The subject of the clause a gerund after a preposition belongs to ("Bolton distanced
    himself by saying …", "After saying he was nervous, the man …", "… before insisting")."""
    prep = verb.head
    if verb.tag_ == "VBG" and prep.lower_ == "as" and prep.head.lemma_.lower() in RELAYS:
        # "Vell was quoted as saying …": Vell said it, whoever quoted him
        return next((c for c in prep.head.children if c.dep_ == "nsubjpass"), None)
    if verb.tag_ != "VBG" or prep.lower_ not in _GERUND_PREPS or prep.dep_ != "prep":
        return None
    if prep.head.pos_ not in {"VERB", "AUX"}:
        return None
    return subject_of(prep.head)


# links a nonfinite verb hangs from on its way up to the clause whose subject it shares: a
# preposition ("by criticizing", "devoted to praising"), a conjoined verb ("… and calling"),
# the noun an infinitive completes ("a chance to show", "nothing to say") and its verb
_CONTROL_LINKS = frozenset(
    {"pcomp", "prep", "conj", "xcomp", "advcl", "acl", "relcl", "dobj", "attr", "pobj", "acomp"}
)
MAX_CONTROL_HOPS = 6


def controller(verb: Token) -> Token | None:
    """The subject a gerund or infinitive cue with no subject of its own shares with the clause
    it hangs from ("Cruz pivoted to arguing …", "Trump responded by calling X dopey and
    accusing him …", "Clinton found ways to cast herself as …", "the first to endorse …"):
    the first subject up the tree, when it is a person or body that acts (not "the filings
    are expected to show"). None for a participle describing a noun ("a statement saying …",
    :func:`saying`)."""
    if verb.tag_ not in {"VBG", "VB"} or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return None
    tok = verb
    for _ in range(MAX_CONTROL_HOPS):
        if tok.dep_ not in _CONTROL_LINKS or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            subj = next((c for c in tok.children if c.dep_ in _SUBJECTS and c.i < tok.i), None)
            if subj is not None:
                ok = subj.dep_ == "nsubj" and named_actor(subj)
                return subj if ok and subj.lower_ not in RELATIVE_PRONOUNS else None
    return None


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def phrase_cue(doc: Doc, i: int) -> bool:
    """A verb that reports a view with its particle, preposition or object ("pointed to",
    "spoke of", "took aim at", "made the case"), with a named actor as subject."""
    if doc_lemmas(doc)[i] not in PHRASE_CUES or doc_column(doc, "pos_")[i] != "VERB":
        return False
    if phrase_word(doc, i) is None:
        return False
    deps = doc_column(doc, "dep_")
    return any(deps[c] == "nsubj" and named_actor(doc[c]) for c in doc_children(doc)[i])


def phrase_word(doc: Doc, i: int) -> int | None:
    """The last word of a phrase cue after its verb ("aim at" in "took aim at", "clear" in
    "made it clear", "to" in "pointed to"), or None when the verb has none."""
    words = PHRASE_CUES.get(doc_lemmas(doc)[i], frozenset())
    deps, lemmas = doc_column(doc, "dep_"), doc_lemmas(doc)
    for c in doc_children(doc)[i]:
        if c > i and deps[c] in {"prt", "prep", "dobj", "acomp", "ccomp"} and lemmas[c] in words:
            if deps[c] == "dobj" and c + 1 < len(doc) and deps[c + 1] == "prep":
                return c + 1  # "took aim at"
            return c
    return None


_ASIDE_DASH = re.compile(r"\s(?:—|–|--|-)\s")
_CLOSING_DASH = re.compile(r"\s*(?:—|–|--|-)(?=\s|$)")


def source_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A source span with the marks that belong to it: not a list bullet before it ("-Nate
    Cohn"), with the percent sign after a share ("49%") and the dash closing an aside it
    opens ("economists - including some at the Fed -")."""
    if end - start > 1 and text[start] == "-" and text[start + 1].isalnum():
        start += 1
    if text[end : end + 1] == "%":
        end += 1
    if len(_ASIDE_DASH.findall(text[start:end])) % 2 == 1:
        closing = _CLOSING_DASH.match(text, end)
        if closing is not None:
            end = closing.end()
    return start, end


def source_phrase(
    verb: Token, subj: Token, quotes: Sequence[tuple[int, int]] = ()
) -> tuple[list[Token], list[Token]]:
    """The source's name words and its whole phrase: the subject phrase with its appositions
    and relative clauses, without the participle or adverbial clauses set off after it (",
    surrounded by his siblings,"), and without the words of a quotation (``quotes``, character
    spans) that the subject was read in but the verb is not: the parse may run a quotation's
    last words into the subject ("... the Vell servers and documents," Ivers wrote), but who
    speaks stands outside it."""
    name_tokens = source_tokens(verb, subj)
    doc = verb.doc
    lo, hi = contiguous_range(doc, source_indices(doc, subj.i), subj.i)
    if subj.i == verb.head.i and verb.dep_ == "acl":
        hi = min(hi, verb.left_edge.i - 1)
    whole = {t.i: t for t in [*name_tokens, *(doc[i] for i in range(lo, hi + 1))]}
    phrase = sorted(whole.values(), key=lambda t: t.i)
    # the subject read inside a quotation the verb is not in: only words after it speak
    # (a title quoted inside the phrase, "host of the show “Harbour Talk,”", stays)
    home = next((qe for qs, qe in quotes if qs <= subj.idx < qe and not qs <= verb.idx < qe), None)
    if home is not None:
        name_tokens = [t for t in name_tokens if t.idx >= home]
        phrase = [t for t in phrase if t.idx >= home]
        phrase = phrase[1:] if phrase and phrase[0].text in ALL_QUOTES else phrase
        if not name_tokens:  # the name read was the quotation's: the phrase's own names
            lead = list(itertools.takewhile(lambda t: t.text != ",", phrase))
            name_tokens = [t for t in lead if t.pos_ == "PROPN"] or lead
    return name_tokens, source_edges(phrase) if phrase else []


def by_saying(verb: Token) -> bool:
    """A deed done in words ("justified the levy by saying it was needed", "defended it by
    pointing out …"): the saying is what the subject did, so the deed is a report of theirs."""
    return any(
        c.dep_ == "prep" and c.lower_ == "by" and c.i > verb.i
        for c in verb.children
        if any(
            g.dep_ == "pcomp" and g.tag_ == "VBG" and g.lemma_.lower() in SPEECH_CUES
            for g in c.children
        )
    )
