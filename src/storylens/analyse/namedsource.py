"""Which name in a source phrase that holds several is the one who speaks (see
:func:`storylens.analyse.speakers.resolve_source`): an author after "by" or "from", an owner
("the Kremlin's spokesman"), or a person a run of titles ends on ("businessman and blogger
Tomas Arvid"), but not a name only qualifying the head ("the CIA chief"), a place someone is
in ("a spokeswoman in Washington") nor a name inside what describes someone else ("Arvid, a
critic of Myrstad")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storylens.analyse.columns import doc_text
from storylens.analyse.cues import PERSON_ROLES
from storylens.analyse.names import NamedSpan
from storylens.analyse.sourcekind import OWN_VOICE, titled_name


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
