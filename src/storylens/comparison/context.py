"""The sentence a row needs to be understood.

A row is one sentence of one article, and news sentences lean on the one before them: "Both
times it backtracked.", "He has denied having anything to do with such an effort.", "The
list of questions grew out of those negotiations." Alone, a reader cannot tell what they
say. When a group's wording opens on a pronoun or a word that points back (or hangs a clause
on one: "If they pass an initial screening", "Trump did this twice"), or quotes a speaker
named only "he" or "she" ('"You can mark it down," he said.'), its ``context`` is the
sentence before it in its article (an exact span), which the reports show beside the row;
the row itself stays the outlet's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from storylens.analyse.dates import MONTHS, WEEKDAYS
from storylens.comparison.standalone import points_back
from storylens.types import Analysis, Claim

# words that open a sentence leaning on the one before: pronouns, "both", "such", "the same",
# and the connectives that answer it ("On the contrary", "Instead", "Particularly")
_LEANS_BACK = re.compile(
    r"(?:he|she|it|they|him|them|his|her|its|their|both|such|another|others?|neither|"
    r"either|the\s+same|the\s+pair|in\s+(?:that|this|the\s+same)|at\s+(?:that|"
    r"this)|by\s+(?:then|that)|then|on\s+the\s+contrary|instead|rather|particularly|"
    r"especially|moreover|likewise|similarly|otherwise|by\s+contrast|in\s+contrast|"
    r"as\s+a\s+result|in\s+turn|even\s+so|for\s+(?:example|instance))\b",
    re.IGNORECASE,
)
_OPENING = re.compile(r"^[\s(\[]*(?:and|but|so|yet)?[\s,]*", re.IGNORECASE)
# a sentence that leans back past its first word: a clause hung on a pronoun ("If they pass
# an initial screening"), "That, of course, was", "The first would curb ...", "did this"
_LEANS_BACK_LATER = re.compile(
    r"(?:if|when|while|because|although|though|as|after|before|whether|since|unless|until)"
    r"\s+(?:he|she|they|it|its|his|her|their|this|that|these|those)\b"
    r"|(?:that|this|these|those)\s*,"
    r"|the\s+(?:first|second|third|fourth|fifth|latter|former)\b(?!\s+(?:time|day|week|month|"
    r"year|quarter|half|round|game|season)s?\b)",
    re.IGNORECASE,
)
# a pronoun subject after an opening phrase ("Shortly after learning about it, he mobilized
# the National Guard", "In January, they cancelled"); not "it", so often no one ("In 2019, it
# rained")
_LEAD_THEN_PRONOUN = re.compile(r"[^,;:“”\"]{1,80},\s+(?:he|she|they)\b", re.I)


def _lead_then_pronoun(text: str) -> bool:
    """A pronoun subject after an opening phrase that names no one it could stand for
    ("Although Mr. Macron has urged ..., he has left open" is Macron)."""
    m = _LEAD_THEN_PRONOUN.match(text)
    if m is None:
        return False
    later = re.findall(r"(?<=\s)[A-Z][\w’'-]*", m.group()[: m.group().rfind(",")])
    return all(w.casefold() in _TIME_NAMES for w in later)


_TIME_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)
_DID_THIS = re.compile(r"\b(?:did|does|do|done|doing)\s+(?:this|that|so)\b", re.IGNORECASE)
# a thing named by a word that points back: "dashed those plans", "tied to that broader
# negotiation", "these measures", "through this busy sea lane"
# (not a time, "these days", nor "those involved", "of that size")
_NOT_A_THING = (
    r"(?:(?:time|day|week|month|year|morning|afternoon|evening|night|weekend|season|point)s?"
    r"|nature|size|kind|sort|type|magnitude|scale|who|which|that|of|are|were|have|had|in"
    r"|[a-z]+ed)\b"
)
_THAT_THING = re.compile(
    rf"\b(?:those|these|(?:to|of|for|with|on|about|from|by|over|against|through|across|along"
    rf"|into)\s+(?:that|this))\s+(?!{_NOT_A_THING})[a-z]"
)
# some of the things or people the sentence before names: "While two of them managed to get
# away", "each of those"
_OF_THEM = re.compile(
    r"\b(?:one|two|three|four|five|some|all|both|none|each|many|most|several|few|either|"
    r"neither)\s+of\s+(?:them|those|these)\b",
    re.IGNORECASE,
)
# a thing named by "such" that the sentence before names: "provides no exemption for such
# sites", "preparing to formally announce such plans" (not "such as", "such dramas as",
# nor "such a big day")
_SUCH = re.compile(r"\bsuch\s+(?!as\b|a\b|an\b|that\b|(?:[\w-]+\s+){1,2}as\b)[a-z]", re.IGNORECASE)
# a quotation whose speaker is a pronoun ("'You can mark it down,' he said."): who speaks,
# and what about, is in the sentences before
_PRONOUN_SPEAKER = re.compile(
    r"[,”\"’'?!]\s*(?:(?:he|she|they|another)\s+(?:said|says|added|adds|told|tells|noted|"
    r"explained|continued|wrote|writes|asked|asks|argued|insisted|declared|stated|replied|"
    r"recalled|reads|goes)|(?:goes|reads|asks|says|said|adds|added)\s+(?:he|she|another)\s*[.,;])",
    re.IGNORECASE,
)


# a speaker's own words with no tag naming them: who "I" or "we" is, is said before
_FIRST_PERSON = re.compile(r"(?:I|[Ww]e|[Mm]y|[Oo]ur|Us)\b(?!['’]s)")  # "we": after "But"
_TAGGED = re.compile(
    r"\b(?:said|says|added|adds|told|tells|wrote|writes|stated|explained|noted)\b", re.I
)


def needs_context(text: str) -> bool:
    """Whether a row's ``text`` leans on the sentence before it to be understood; a
    quotation's own words ("“They lied,” Lund said") are the speaker's and are not read,
    but a quotation whose speaker is only "he" or "she" needs the sentences before it."""
    text = _OPENING.sub("", text, count=1)
    if not text:
        return False
    if _PRONOUN_SPEAKER.search(text):
        return True
    quoted = _OPENING.sub("", text.lstrip("\"“'‘«"), count=1)  # '"And he doesn't care."'
    if (_FIRST_PERSON.match(quoted) or _LEANS_BACK.match(quoted)) and not _TAGGED.search(text):
        # "We allowed P2P traffic", '"His visit next month would …"': who "we" or "he" is,
        # and who speaks, is said before
        return True
    if text[0] in "\"“'‘«":
        return False
    return bool(
        _LEANS_BACK.match(text)
        or _LEANS_BACK_LATER.match(text)
        or _lead_then_pronoun(text)
        or _DID_THIS.search(text)
        or _THAT_THING.search(text)
        or _SUCH.search(text)
        or _OF_THEM.search(text)
    ) or points_back(text)


_STRAY_MARKS = re.compile(r"[\s\"“”'‘’]*\n")
MIN_CONTEXT_WORDS = 4  # a shorter sentence before (a lone quotation mark) tells nothing


def add_context(groups: Iterable[dict[str, Any]], analyses: Sequence[Analysis]) -> None:
    """Set ``context`` on each group (a contract dict) whose wording leans on the sentence
    before it: ``{"claim", "article", "start", "end", "text"}`` of that sentence, or of the
    two before it when the one before is under ``MIN_CONTEXT_WORDS`` words or leans back
    itself ('"We're here," he said.')."""
    claims: dict[str, tuple[Claim, Analysis]] = {c.id: (c, a) for a in analyses for c in a.claims}
    for group in groups:
        shared = group.get("shared") or {}
        owner = shared.get("claim") or (group["claims"][0] if group.get("claims") else None)
        found = claims.get(owner or "")
        if found is None:
            continue
        claim, analysis = found
        wording = shared.get("text") or claim.text
        k = claim.sentence
        if not needs_context(wording) or not 0 < k < len(analysis.sentences):
            continue
        start, end = analysis.sentences[k - 1]
        before = analysis.article.text[start:end]
        if k > 1 and (len(before.split()) < MIN_CONTEXT_WORDS or needs_context(before)):
            start = analysis.sentences[k - 2][0]  # it leans back too: one more sentence
        raw = analysis.article.text[start:end]
        stray = _STRAY_MARKS.match(raw)  # a quotation mark closing the sentence before
        if stray:
            start, raw = start + stray.end(), raw[stray.end() :]
        text = raw.strip()
        if not text:
            continue
        start += len(raw) - len(raw.lstrip())
        group["context"] = {
            "claim": claim.id,
            "article": claim.article,
            "start": start,
            "end": start + len(text),
            "text": text,
        }
