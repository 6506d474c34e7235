"""The clause a sentence asserts, and what the sentence takes from it.

A sentence's statement shows the predicate of its longest clause (:mod:`.segment`), but it
is denied, hedged and spoken by the clause its main verb asserts: "He made no commitment,
leaving it unclear whether ..." denies; "Holt said she hid in a shop, but when ..." is
Holt's. A sentence that only says no one knows whether something is so hedges it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.analyse.cues import SPEECH_CUES, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storylens.types import Claim, Quote


# "It is not clear whether …", "it was unclear if …", "it is not yet known how long …": the
# sentence tells that no one knows, which hedges what follows and denies nothing
_NOT_KNOWN = re.compile(
    r"^\W*it\s+(?:is|was|['’]s|remains|remained|seems|seemed|has\s+been|had\s+been)\s+"
    r"(?:(?:not|still|yet|also|immediately|entirely|completely|n['’]t)\s+)*"
    r"(?:clear|unclear|known|unknown|certain|uncertain)\b[^.;:]{0,40}?"
    r"\b(?:whether|if|what|who|whom|whose|which|when|where|why|how)\b",
    re.IGNORECASE,
)


def clause_flags(part: Claim, text: str) -> tuple[bool, bool]:
    """The denial and hedge a sentence takes from the clause it asserts (``part``; ``text``:
    the sentence from that clause on): that clause's own, but a sentence that says it is not
    known whether something is so ("It is not clear whether the fire was set on purpose")
    hedges it and denies nothing."""
    if _NOT_KNOWN.match(text):
        return False, True
    return part.negated, part.hedged


def main_clause_part(start: int, parts: Sequence[Claim], doc: Doc) -> Claim | None:
    """The part of a sentence (opening at character ``start``) that its main clause asserts:
    the one whose predicate is the sentence's root verb, or when that verb only reports
    ("“Nobody knew that …,” he said"), the clause it reports, through reports of reports
    ("a spokesman said the witness told detectives she couldn't see …"). A sentence is
    denied or hedged when that clause is ("He made no commitment, however, leaving it unclear
    whether …"), whatever its longer clauses say, and it is the speaker's of that clause ("Holt
    said she hid in a shop, but when …, she walked back out"). None when no part is that
    clause."""
    at = {
        p.arguments["predicate"].start: p
        for p in parts
        if "predicate" in p.arguments and not p.id.endswith(".g")
    }
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None or not at:
        return None
    root = token[0].sent.root
    for _ in range(3):  # "a spokesman said the witness told detectives she couldn't see …"
        if root.lemma_.lower() not in SPEECH_CUES:
            break
        inner = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if inner is None or (root.idx in at and inner.idx not in at):
            break
        root = inner
    return at.get(root.idx)


def take_main_clause(
    statement: Claim, inside: Sequence[Claim], doc: Doc, quotes: Sequence[Quote] = ()
) -> None:
    """Give ``statement`` (with its parts ``inside``) the denial and hedge of the clause it
    asserts (:func:`main_clause_part`, read by :func:`clause_flags`), and that clause's
    source when it has none of its own, else the speaker who opens it (:func:`_opener`)."""
    asserted = main_clause_part(statement.start, inside, doc)
    if asserted is not None:
        statement.negated, statement.hedged = clause_flags(asserted, doc.text[asserted.start :])
        statement.attributed_to = statement.attributed_to or list(asserted.attributed_to)
    if not statement.attributed_to and (speaker := _opener(statement, quotes, doc.text)):
        statement.attributed_to = [speaker]
    if not statement.attributed_to and (speaker := _turn(statement, quotes, doc.text)):
        statement.attributed_to = [speaker]
    if (
        not inside
        and not statement.attributed_to
        and (speaker := _reporter(statement, quotes, doc))
    ):
        statement.attributed_to = [speaker]


def _reporter(statement: Claim, quotes: Sequence[Quote], doc: Doc) -> str:
    """The speaker of a report that is most of a statement no claim was read in ("Part of
    the effort was to benefit Trump over Clinton, the agencies said"; "Trump has denied
    colluding with the Russians"): the words are still theirs."""
    reports = [
        q
        for q in quotes
        if q.speaker
        and q.speaker_start is not None
        and _reports_words(q, doc)
        and not _BIDDING.match(q.text)  # "told her to get out", "said to have been"
        and statement.start <= q.speaker_start < statement.end
        and statement.start <= q.start < q.end <= statement.end
        and 3 * (q.end - q.start) >= statement.end - statement.start
        and not (q.speaker == q.speaker_text and q.speaker_text.casefold() in _PRONOUNS)
    ]
    if not reports:
        return ""
    # the outermost report: "Dorsey says the woman accused of killing two co-workers ..."
    q = max(reports, key=lambda q: q.end - q.start)
    words = q.speaker_text.split()
    if q.speaker in q.speaker_text and words[-1].islower():
        # a name that only modifies who speaks: "Several U.S. intelligence agencies"
        while len(words) > 1 and words[0].casefold() in _DETERMINERS:
            words = words[1:]
        return " ".join(words)
    return q.speaker


def _reports_words(quote: Quote, doc: Doc) -> bool:
    """Whether a report's cue is a verb that reports words, not deeds ("called his mom",
    "accused of murder" report none)."""
    if quote.cue_start is None or quote.cue_end is None:
        return False
    cue = doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
    return cue is not None and cue.root.lemma_.lower() in _REPORTING


_REPORTING = lexicon(
    "say tell deny conclude add state announce argue insist claim write warn admit confirm explain"
)
_BIDDING = re.compile(r"\s*(?:(?:him|her|them|me|us|you|it)\s+)?to\s", re.IGNORECASE)
_DETERMINERS = frozenset({"the", "a", "an", "several", "some", "many", "most", "all", "both"})


def _turn(statement: Claim, quotes: Sequence[Quote], text: str) -> str:
    """The speaker whose turn of a transcript ``statement`` stands in: a paragraph that opens
    on a name and a colon, with the words unquoted ("President Barack Obama: Before I
    introduce …"), gives the paragraphs after it that speak as someone does (I, we, you) to
    that speaker, up to the next such label or the next report of someone else ("Here is the
    transcript." ¶ "Obama: …" ¶ "We are now closer to the goal …"); never after a headline's
    tag ("REPORT: Red Sox make huge offer")."""
    before = [q for q in quotes if q.end <= statement.start]
    if not before:
        return ""
    last = max(before, key=lambda q: q.end)
    start = text.rfind("\n", 0, last.speaker_start or 0) + 1
    if (
        last.cue != ":"
        or last.direct
        or last.speaker_start != start
        or len(last.speaker_text.split()) < 2  # "REPORT:", "Cops:": a headline's tag
        or len(text[:start].split("\n")) <= 3  # a headline
        or not _named(last)
        or text[last.start : last.start + 1] in "“\"‘'"
        or "\n" not in text[last.start : statement.start]  # its own paragraph says it
        or _LABELLED.search(text, last.start, statement.start) is not None  # "Q: …" between
        or _LABEL.match(text, text.rfind("\n", 0, statement.start) + 1)
        or not _SPEAKING.search(statement.text)  # narration again ("Felt left the FBI")
    ):
        return ""
    return last.speaker


# a line opening on a label: "Q:", "THE PRESIDENT:", "Dr. Benjamin:"
_LABEL = re.compile(r"(?:[A-Z][\w.’'-]*\s){0,4}[A-Z][\w.’'-]*:\s")
_LABELLED = re.compile(r"\n" + _LABEL.pattern)
# words a speaker uses of themselves or their listeners, which narration seldom does
_SPEAKING = re.compile(r"\b(?:I|I'm|I've|me|my|we|we're|we've|us|our|you|your|let's)\b", re.I)


_OPENING_CUES = frozenset({"said", "says", "told", "tells"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you"})
_ORDER = re.compile(r"\s*(?:[\w.’']+\s+){0,2}to\s", re.IGNORECASE)


def _opener(statement: Claim, quotes: Sequence[Quote], text: str) -> str:
    """The named speaker of a sentence that opens "<speaker> said …": all it goes on to say
    is that speaker's, though the parse read only a piece of it as reported ("Police said two
    women and one man, between 30 and 40 years old, working for a bank branch choked on
    smoke": the reported clause was "two women and one man")."""
    for q in quotes:
        if (
            q.cue.casefold() in _OPENING_CUES
            and q.speaker_start is not None
            and q.speaker_end is not None
            and q.cue_start is not None
            and q.cue_end is not None
            and statement.start <= q.speaker_start < q.cue_start < statement.end
            and not text[statement.start : q.speaker_start].strip(" \"“‘'")
            and not text[q.speaker_end : q.cue_start].strip()
            and q.start >= q.cue_end
            and not _BIDDING.match(q.text)  # "told her to get out", "said to have been"
            and _named(q)
        ):
            return q.speaker
    return ""


def _named(quote: Quote) -> bool:
    """Whether a report's speaker is written as a name, not "he", "they" or a lower-case
    phrase."""
    return quote.speaker_text[:1].isupper() and quote.speaker_text.casefold() not in _PRONOUNS
