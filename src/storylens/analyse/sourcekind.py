"""What kind of source a source phrase is: a name, a pronoun, a role ("the fire chief"), a
real but unnamed source ("a relative", "the report") or none ("the rules", "Tuesday"); the
words and labels each kind is read by (see :mod:`storylens.analyse.speakers`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storylens.analyse.attributed import Attribution
from storylens.analyse.cues import PERSON_ROLES, RELATIVE_PRONOUNS, lexicon

if TYPE_CHECKING:  # the word lists are read where spaCy is never loaded (provenance)
    from spacy.tokens import Span, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we"})
ORG_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
# People a story may quote without naming ("a relative", "the neighbour"): one of them can
# be who "she" continues (see :func:`storylens.analyse.speakers.resolve_source`).
PERSON_NOUNS = PERSON_ROLES | lexicon(
    """friend relative neighbour neighbor resident colleague classmate teacher student
    worker employee owner survivor passenger bystander onlooker mother father wife husband
    son daughter brother sister campaigner protester protestor demonstrator organiser
    organizer marcher girlfriend boyfriend fiance fiancee partner cousin uncle aunt
    grandmother grandfather grandson granddaughter nephew niece cop player teammate driver
    pilot guard soldier veteran customer patient victim suspect defendant juror inmate
    rescuer villager local fan user commenter blogger viewer caller listener reader
    eyewitness mourner parishioner shopper shopkeeper tourist visitor motorist homeowner
    tenant parent"""
)
# Bodies that speak in their own voice ("state media said", "the army said"): a possessor
# owns them ("Iran's state television"), the words are theirs.
OWN_VOICE = lexicon(
    """media television tv radio broadcaster army navy military embassy consulate university
    hospital center centre authority service services observatory brigade coastguard force
    forces fleet command"""
)
# Common nouns that can head a real source phrase: people, groups and bodies, documents and
# publications with an author ("the report", "a statement from", "the poll").
SOURCE_NOUNS = (
    PERSON_NOUNS
    | lexicon(
        """people person official officials spokesmen spokespeople aides advisers advisors
    analysts economists experts scientists witnesses sources critics supporters opponents
    voters residents citizens americans members leaders lawmakers senators democrats
    republicans conservatives liberals observers diplomats investigators officers police
    authorities administration campaign agency agencies ministry government kremlin
    news newspaper newspapers paper outlet outlets broadcaster network channel station company
    firm office department party committee council group organisation organization bank
    court panel commission board union association institute foundation team staff
    report reports statement statements poll polls survey surveys study studies document
    documents letter memo filing complaint lawsuit suit petition motion ruling indictment
    release transcript analysis
    review audit data figures records record census estimate estimates article editorial
    website site magazine journal blog post tweet video ad advertisement book account
    someone anyone everyone nobody many some others most few all both majority minority
    percent audience crowd public family friend friends spokeswoman mother father wife
    husband son daughter brother sister children parents side camp summary translation
    text copy version readout communique draft allies partners assessment assessments
    count counts tally tallies"""
    )
    | OWN_VOICE
)
SOURCE_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "WORK_OF_ART", "FAC"})
# A company named by its trade ("the software giant", "the chip maker", "the carmaker"): the
# organisation the story is about, as "the company" is.
TRADE_ROLES = lexicon(
    """giant maker manufacturer carmaker automaker retailer insurer airline lender
    conglomerate chipmaker drugmaker"""
)
ORG_ROLES = TRADE_ROLES | lexicon(
    """agency ministry government kremlin newspaper outlet broadcaster company firm
    office department party committee council group organisation organization bank"""
)
SOURCE_NOUNS |= TRADE_ROLES


def unnamed_before(head: Token, sentences: int = 2) -> bool:
    """Whether the role ``head`` names ("the adviser said") was brought in without a name in
    its sentence or the ``sentences`` before ("One Republican adviser close to the White House
    said ..."): the same unnamed person, not whoever the paragraph was about. A body
    ("the company", "the committee") is the one the story names, whatever it wrote before."""
    doc = head.doc
    if head.lemma_.lower() in ORG_ROLES:
        return False
    first = head.sent
    for _ in range(sentences):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    lemma = head.lemma_.lower()
    return any(
        t.lemma_.lower() == lemma
        and t.pos_ == "NOUN"
        and not t.ent_type_
        and not any(c.ent_type_ == "PERSON" for c in t.children)
        and t.head.ent_type_ != "PERSON"
        for t in doc[first.start : head.i]
    )


def source_head(span: Span, att: Attribution) -> Token:
    """The head word of a source phrase: of its own noun phrase, when attribution marked one."""
    doc = span.doc
    heads = [doc[i] for i in att.source_head_tokens if span.start <= i < span.end]
    if heads:
        inside = {t.i for t in heads}
        for t in heads:
            if t.head.i not in inside or t.head.i == t.i:
                return t
    return span.root


def source_kind(span: Span, head: Token) -> str:
    """named | pronoun | role | plain (a real but unnamed source) | none (no source)."""
    low, lemma = head.lower_, head.lemma_.lower()
    if low in RELATIVE_PRONOUNS:
        return "plain"  # the antecedent is already the source's name
    if head.pos_ == "PRON":
        if low in {"i", "we", "you", "me", "us"}:
            return "none"  # the writer or the reader: the outlet's own voice
        if low in PERSON_PRONOUNS | ORG_PRONOUNS | PLURAL_PRONOUNS:
            return "pronoun"
        return "plain" if lemma in SOURCE_NOUNS else "none"
    if head.pos_ != "PROPN" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in {"you", "us"} for g in c.children)
        for c in head.children
    ):
        return "none"  # "As many of you know", "some of us": the reader or the writer
    if _one_of_sources(head):
        return "plain"  # "One of the officials said", "two of the witnesses"
    if head.ent_type_ and head.ent_type_ not in SOURCE_LABELS:
        return "none"  # "the June decision", "Tuesday"
    if head.ent_type_ in SOURCE_LABELS or (head.pos_ == "PROPN" and not _sentence_initial(head)):
        return "named"
    if missed_name(head):
        return "named"
    if lemma in SOURCE_NOUNS or low in SOURCE_NOUNS or people_by_trade(head):
        # "the prime minister", and "Israel's prime minister": a nation's office-holder
        owner = lemma in PERSON_ROLES and _national_owner(span, head)
        definite = span[0].lower_ in {"the", "this", "that"} or owner
        roles = PERSON_ROLES | ORG_ROLES
        named = any(t.ent_type_ in SOURCE_LABELS for t in span if not (owner and t.i < head.i))
        if definite and lemma in roles and not named:
            return "role"
        return "named" if _has_name(span) else "plain"
    if any(c.dep_ == "appos" and c.ent_type_ in {"PERSON", "ORG"} for c in head.children):
        return "named"  # "The auditor, Piet Harrow, wrote": the name set beside the noun
    if titled_name(head) is not None:
        return "named"  # "grocer and blogger Tomas Arvid said"
    return "none"


# plural nouns in -er/-or/-ist that name things, not people who could speak
_THINGS_IN_AGENT_FORM = lexicon(
    """number matter letter paper center centre chapter quarter computer container border
    filter poster banner sticker trailer weather layer sector factor motor mirror sensor
    reactor monitor error color colour floor door corridor indicator meter barrier order
    power river water corner finger feather tower sweater charter register headquarter
    counter character computer cluster monster marker folder odor vapor interior exterior
    playlist checklist shortlist blacklist wishlist"""
)


def people_by_trade(head: Token) -> bool:
    """A plural common noun that names people by what they do or stand for
    ("environmentalists", "developers", "ranchers", "historians", "investors"): a group
    of people that can speak, like the listed "critics" or "residents"."""
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or head.tag_ != "NNS" or len(lemma) < 6:
        return False
    if lemma in _THINGS_IN_AGENT_FORM or not lemma.isalpha():
        return False
    return lemma.endswith(("ist", "ian", "er", "or"))


def _one_of_sources(head: Token) -> bool:
    """A number of a group that speaks ("One of the officials", "two of the jurors")."""
    return (head.pos_ == "NUM" or head.lower_ == "one") and any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in SOURCE_NOUNS for g in c.children)
        for c in head.children
    )


def titled_name(head: Token) -> Token | None:
    """The person's name a run of titles ends on, which the parser read as two conjuncts
    ("Harwick grocer and blogger Tomas Arvid" with "grocer" the head): a singular common noun
    with no article cannot be a subject of its own, so the titles and the name are one
    person."""
    if head.pos_ != "NOUN" or head.tag_ != "NN":
        return None
    if any(c.dep_ in {"det", "poss"} for c in head.children):
        return None
    return next((c for c in head.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"), None)


def missed_name(tok: Token) -> bool:
    """A capitalised noun the tagger took for a common one ('"…," Cummings said', tagged a
    plural noun): inside a sentence, and not where a sentence may open (after an opening
    quotation mark, a colon or a dash), a common noun is written in lower case."""
    if tok.pos_ != "NOUN" or not tok.text[:1].isupper() or tok.text.isupper():
        return False
    if tok.is_sent_start is not False or tok.i < 2:
        return False
    if any(t.pos_ == "PROPN" or t.ent_type_ for t in tok.subtree if t.i != tok.i):
        return False  # "Colts interim coach Bruce Arians": the name is another word's
    before = tok.nbor(-1).text
    if before in {'"', "'"}:  # a straight mark closes a quotation after its comma
        return tok.nbor(-2).text in {",", "?", "!"}
    return before not in _OPENERS


_OPENERS = frozenset({"“", "‘", "``", ":", "—", "–", "-", "(", "["})


def _sentence_initial(tok: Token) -> bool:
    """A capitalised common word opening a sentence ("Records show"): tagged PROPN at times."""
    if tok.is_sent_start is not True or tok.ent_type_:
        return False
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or nxt.pos_ != "PROPN"


def _national_owner(span: Span, head: Token) -> bool:
    """Whether the phrase opens on a country owning the role ("Israel's prime minister")."""
    first = span[0]
    return first.ent_type_ in {"GPE", "NORP"} and any(
        t.dep_ == "poss" and t.head.i == head.i and t.ent_type_ in {"GPE", "NORP"} for t in span
    )


def _has_name(span: Span) -> bool:
    return any(t.ent_type_ in SOURCE_LABELS for t in span)


def wanted_labels(head: Token, span: Span) -> set[str] | None:
    """Labels a pronoun or role source may refer to."""
    low, lemma = head.lower_, head.lemma_.lower()
    if head.pos_ == "PRON":
        if low in PERSON_PRONOUNS:
            return {"PERSON"}
        if low in ORG_PRONOUNS:
            return {"ORG"}
        if low in PLURAL_PRONOUNS:  # not one person: "they" of "150 migrants" is no name
            return {"ORG", "NORP"}
        return None
    if lemma in PERSON_ROLES:
        return {"PERSON"}
    if lemma in ORG_ROLES:
        return {"ORG"}
    return None
