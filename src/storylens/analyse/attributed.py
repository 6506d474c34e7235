"""The attribution record: who says what, as char spans into one article text."""

from __future__ import annotations

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

    def covers(self, start: int, end: int) -> bool:
        return self.content_start <= start and end <= self.content_end
