"""Which name in a source phrase that holds several is the one who speaks (see
:func:`storylens.analyse.speakers.resolve_source`): an author after "by" or "from", an owner
("the Kremlin's spokesman"), or a person a run of titles ends on ("businessman and blogger
Tomas Arvid"), but not a name only qualifying the head ("the CIA chief"), a place someone is
in ("a spokeswoman in Washington") nor a name inside what describes someone else ("Arvid, a
critic of Myrstad")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.attribution import attributions_for
from storylens.analyse.columns import doc_sents, doc_text
from storylens.analyse.cues import BODIES_OF_PEOPLE, PERSON_ROLES, SPEECH_CUES
from storylens.analyse.names import NamedSpan
from storylens.analyse.sourcekind import (
    ORG_PRONOUNS,
    ORG_ROLES,
    OWN_VOICE,
    PLURAL_PRONOUNS,
    source_head,
    titled_name,
)


def qualifies(name: NamedSpan, doc: Doc, head: Token) -> bool:
    """Whether a name only qualifies the noun ``head`` ("CIA" in "the CIA chief")."""
    span = doc.char_span(name.start, name.end, alignment_mode="expand")
    return span is not None and span.root.head.i == head.i and span.root.dep_ in _QUALIFIERS


_QUALIFIERS = frozenset({"compound", "amod", "nmod"})


def placed(name: NamedSpan, doc: Doc) -> bool:
    """Whether a name is where someone is ("in Michigan", "from Ashgabat", "at the port")."""
    before = doc_text(doc)[max(0, name.start - 8) : name.start].split()
    return bool(before) and before[-1].casefold() in {"in", "from", "at", "near"}


def is_author(name: NamedSpan, doc: Doc, head: Token) -> bool:
    """Whether a name inside a common-noun source is who the source comes from ("a report
    by the Trust", "a spokesman, Jon Vell", "the government in Seoul"), not a modifier
    ("Russian news outlets"), a place a person serves in or is sent to ("the ambassador
    to the UK", "a spokeswoman in Washington") nor a name in what describes another name of
    the phrase ("a councillor and Tomas Arvid, a critic of Myrstad")."""
    span = doc.char_span(name.start, name.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    owner = root.dep_ == "poss" or (root.dep_ == "pobj" and root.head.lower_ == "of")
    if owner and name.label == "PERSON" and head.lemma_.lower() in BODIES_OF_PEOPLE:
        return False  # "Mayor Holt's office", "the Merkel government": a body, not the person
    if root.dep_ == "pobj":
        if _describes_another(root.head, head):
            return False
        prep = root.head.lower_
        return prep in _AUTHOR_PREPOSITIONS or (
            prep == "in" and head.lemma_.lower() not in PERSON_ROLES
        )
    if root.dep_ == "poss":  # "the Kremlin's spokesman", not "Israel's prime minister"
        lemma = head.lemma_.lower()
        if lemma in _OTHERS or head.lower_ in _OTHERS:
            return False  # "Washington's allies", "Trump's critics": other parties
        if lemma in OWN_VOICE:
            return False  # "Iran's state television", "Tehran's seismologic center"
        return lemma not in PERSON_ROLES or lemma in SPEAKS_FOR
    return root.dep_ == "appos"


def several_names(start: int, end: int, names: list[NamedSpan]) -> str:
    """The names of a source phrase's several speakers joined ("Ann Lowe and Sam Bright"):
    its people, not the bodies they are named by, else its people and bodies; "" for fewer
    than two."""
    inside = [n for n in names if start <= n.start and n.end <= end]
    people = [n.text for n in inside if n.label == "PERSON"]
    named = people if len(people) > 1 else [n.text for n in inside if n.label in {"PERSON", "ORG"}]
    return " and ".join(dict.fromkeys(named)) if len(named) > 1 else ""


def _describes_another(prep: Token, head: Token) -> bool:
    """Whether the preposition ``prep`` hangs, below the phrase's ``head``, from an apposition
    or a conjunct: it tells of that other word, not whom the source speaks for."""
    tok = prep.head
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ in {"appos", "conj"}:
            return True
        tok = tok.head
    return False


def titled_person(head: Token, inside: list[NamedSpan]) -> NamedSpan | None:
    """The person a run of titles ends on ("grocer and blogger Tomas Arvid"; see
    :func:`storylens.analyse.sourcekind.titled_name`)."""
    name = titled_name(head)
    if name is None:
        return None
    return next((n for n in inside if n.label == "PERSON" and n.start <= name.idx < n.end), None)


# a person who speaks for the body that owns them ("the Kremlin's spokesman")
SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "source"})
# people and bodies a possessor names by their relation to it, not its own voice
_OTHERS = frozenset(
    {"ally", "allies", "partner", "partners", "critic", "critics", "opponent", "opponents"}
    | {"rival", "rivals", "supporter", "supporters", "enemy", "enemies", "neighbour"}
    | {"neighbours", "neighbor", "neighbors"}
)
_AUTHOR_PREPOSITIONS = frozenset({"by", "from", "for", "of", "at"})


def speakers_before(att: Attribution, doc: Doc) -> Attribution | None:
    """The report "they said" goes on with: the last one before it, in its sentence or the
    one before, when several speak there ("Lowe and her deputy Sam Bright said … ¶ “…,” they
    said")."""
    if att.cue not in SPEECH_CUES:
        return None  # "they show …": documents, as often as people
    atts = attributions_for(doc)
    before = [
        a
        for a in atts
        if a.source_start is not None
        and a.kind == "verb"
        and a.cue in SPEECH_CUES
        and a.cue_start < att.cue_start
        and att.sentence - 1 <= a.sentence <= att.sentence
        # not a report inside another's words ("said the memos show …")
        and not any(b is not a and b.content_start <= a.cue_start < b.content_end for b in atts)
    ]
    last = max(before, key=lambda a: a.cue_start, default=None)
    if last is None or (att.source_start or 0) < last.content_end:
        return None  # "officials said they …": the report the pronoun is in
    span = doc.char_span(last.source_start or 0, last.source_end or 0, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = source_head(span, last)
    several = any(c.dep_ == "conj" for c in head.children)
    if (several or is_body(last, doc, plural=True)) and head.pos_ != "PRON":
        return last
    return None


def is_body(att: Attribution, doc: Doc, *, plural: bool) -> bool:
    """Whether an attribution's source is a group ("several analysts", "few in Israel") or,
    for ``plural`` False, an organisation named by what it is ("the foreign ministry")."""
    span = doc.char_span(att.source_start or 0, att.source_end or 0, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    head = source_head(span, att)
    if plural:
        return head.tag_ in {"NNS", "NNPS"} or head.lower_ in _GROUP_WORDS
    return head.lower_ in ORG_ROLES and head.tag_ in {"NN", "NNP"}


_GROUP_WORDS = frozenset({"few", "many", "some", "most", "several", "others", "both", "all"})


_QUOTE_MARKS = frozenset("\"“”‘’'«»")


def tagged_quotation_before(att: Attribution, doc: Doc) -> Attribution | None:
    """The report of one speaker whose quotation ends the sentence right before the
    quotation a "he" or "she" tags: "“A,” Salazar said. ¶ “B,” he said." is Salazar's,
    not a name the narration gave before Salazar's quotation."""
    text = doc_text(doc)
    if att.sentence < 1 or text[att.content_start : att.content_start + 1] not in _QUOTE_MARKS:
        return None
    reports = [o for o in attributions_for(doc) if o.kind not in {"attitude", "act"}]
    before = [
        o
        for o in reports
        if o.sentence == att.sentence - 1
        and o.source_start is not None
        and o.cue_start < att.cue_start
        and not any(r.content_start <= o.cue_start < r.content_end for r in reports)
    ]
    if len(before) != 1:
        return None
    last = before[0]
    sents = doc_sents(doc)
    if text[last.content_start : last.content_start + 1] not in _QUOTE_MARKS:
        return None
    if text[sents[att.sentence].start_char : att.content_start].strip():
        return None  # the quotation does not open its sentence
    span = doc.char_span(last.source_start or 0, last.source_end or 0, alignment_mode="expand")
    if span is None or len(span) == 0 or " and " in span.text:
        return None
    head = source_head(span, last)
    if head.tag_ in {"NNS", "NNPS"} or head.lower_ in PLURAL_PRONOUNS | ORG_PRONOUNS:
        return None
    return last
