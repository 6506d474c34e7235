"""The attribution record: who says what, as char spans into one article text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


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
    # words the source did not say: a negated cue ("did not assert that …"), one whose
    # subject names nothing ("nothing … indicated that …"), or one only wanted or planned
    # ("wants to tell voters that …"; see sourceless.untold)
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
