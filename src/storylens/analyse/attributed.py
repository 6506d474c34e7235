"""The attribution record: who says what, as char spans into one article text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.analyse.cues import QUESTION_CUES

if TYPE_CHECKING:
    from spacy.tokens import Token


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
    kind: str = "verb"  # verb | according | hedge | attitude | act | noun
    sentence: int = -1
    cue_tokens: list[int] = field(default_factory=list)
    verb: int = -1  # token index of the cue verb (-1 for "according to" and adverb hedges)
    source_tokens: list[int] = field(default_factory=list)
    # the source's own noun phrase, without relative clauses (those are claims of their own)
    source_head_tokens: list[int] = field(default_factory=list)
    # a stand taken on something ("criticized", "endorsed"): its content is what the source
    # spoke about, not a claim of the source's, so it never enters a claim's source chain
    stance: bool = False
    # where a relative or wh- word standing for part of what was said opens the clause before
    # the source ("which he said was unsafe"); -1 for none. PolNeAR's content spans start
    # there; the content itself stays the words after the cue
    gap_start: int = -1
    # words the source did not say: a negated cue ("did not assert that …") or one whose
    # subject is a negative pronoun ("nothing … indicated that …")
    unsaid: bool = False

    def covers(self, start: int, end: int) -> bool:
        return self.content_start <= start and end <= self.content_end


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
        and not a.stance
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


def unasserted(attributions: list[Attribution], text: str) -> list[Attribution]:
    """The reports whose words nobody asserts: what a source did not say ("did not assert
    that the files showed …", "would not predict whether …") and what is asked or weighed
    ("asked whether the pier was sold", "did not know whether …")."""
    return [
        a
        for a in attributions
        if a.unsaid
        or _WHETHER.match(text, a.content_start)
        or (a.cue in QUESTION_CUES and _IF.match(text, a.content_start))
    ]


_WHETHER = re.compile(r"whether\b", re.IGNORECASE)
_IF = re.compile(r"if\b", re.IGNORECASE)  # "asked if …" (after "said", "if" opens a condition)


def told_by_none(pred: Token, reports: list[Attribution]) -> bool:
    """Whether ``pred`` hangs under the cue verb of one of ``reports`` (see
    :func:`unasserted`) as its words: not as a clause joined to it ("would not comment … but
    confirmed that …", "have not revealed how …, although …"), nor as one the parser put in
    its content span by mistake."""
    for att in reports:
        if not att.covers(pred.idx, pred.idx) or att.verb < 0:
            continue
        tok = pred
        for _ in range(40):  # a bound for hostile text
            if tok.head.i == tok.i:
                break
            if tok.head.i == att.verb:
                if tok.dep_ not in _JOINED:
                    return True
                break
            tok = tok.head
    return False


_JOINED = frozenset({"conj", "advcl", "parataxis", "cc", "npadvmod"})


def yes_no_question(att: Attribution, text: str) -> bool:
    """ "asked whether …", "asked if …": its asker is no source of what it asks about."""
    first = text[att.content_start : att.content_start + 8].split()[:1]
    return att.cue in QUESTION_CUES and first in (["whether"], ["if"])


def cut_at_semicolons(attributions: list[Attribution], text: str) -> None:
    """End a report's words at a semicolon after which another source reports something of
    its own ("Aides said Trump has not spoken with Kim; The Washington Post reported that
    Pompeo made a visit …": the visit is the Post's report, not the aides')."""
    for a in attributions:
        if a.direct:
            continue
        for b in attributions:
            if b is a or b.source_start is None or b.cue_start < b.source_start:
                continue
            if not a.content_start < b.source_start < a.content_end:
                continue
            cut = text.rfind(";", a.content_start, b.source_start)
            if cut > a.content_start and not text[cut + 1 : b.source_start].strip(" \n"):
                a.content_end = len(text[:cut].rstrip())
