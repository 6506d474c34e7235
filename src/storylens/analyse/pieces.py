"""Where a sentence's row starts and ends, and which pieces the sentence splitter cut off.

A row leaves out the white space, list bullets and a leading conjunction around its sentence
(:func:`sentence_bounds`), and is cut at line breaks (:func:`lines`: a headline the splitter
ran into the first sentence stays apart); a piece too short to stand alone, a relative
clause, a closing quotation mark with its speaker or a lower-case start goes on with the
sentence before it (:func:`continues`).
"""

from __future__ import annotations

import re

MIN_WORDS = 4  # a clause shorter than this stays with its parent

# conjunctions a statement leaves out at its start ("But the ferry company said ..."), not "nor"
LEADING_CONJUNCTIONS = frozenset({"and", "but", "or", "yet", "so", "plus"})
# ...unless it is an adverb of the words after it ("So far, officials ...", "Yet another ...")
_NOT_JOINED = {
    "so": frozenset({"far", "much", "many", "long", "few", "little", "often", "called", "too"}),
    "yet": frozenset({"another", "again", "more", "still"}),
}
RELATIVES = frozenset({"who", "whom", "whose", "which"})


def first_word(text: str) -> str:
    m = re.match(r"\W*([\w’']+)", text)
    return m.group(1) if m else ""


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence without surrounding white space, list bullets or a leading conjunction
    ("But the Kremlin said ..." -> "the Kremlin said ..."); a conjunction that opens a
    quotation is the speaker's word and stays ('"So disgraceful that ...," Trump said')."""
    while start < end and (text[start].isspace() or text[start] in "•*-–—·>,;:"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    first = first_word(text[start:end])
    words = text[start:end].split()
    after = words[1].casefold().strip(",") if len(words) > 1 else ""
    if (
        first.casefold() in LEADING_CONJUNCTIONS
        and text[start : start + 1] not in "“\"‘'«"
        and len(words) > MIN_WORDS
        and after not in _NOT_JOINED.get(first.casefold(), ())
    ):
        k = text.index(first, start) + len(first)
        while k < end and (text[k].isspace() or text[k] == ","):
            k += 1
        start = k
    return start, end


ENDS = re.compile(r"[.!?…:;][\"”’'»)\]]*\s*$|[\"”’»]\s*$")


def lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence span cut at line breaks: a headline, a dateline and the first sentence
    the sentence splitter ran together stay apart."""
    out, pos = [], start
    for m in re.finditer(r"\n", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def continues(body: str, words: int) -> bool:
    """A piece the sentence splitter cut off the sentence before it: too short to stand
    alone, a relative clause, a closing quote with its speaker, or a lower-case start; not a
    question that opens a quotation or the sentence ("“Who pays for this?” asked Lind")."""
    first = first_word(body)
    return (
        words < MIN_WORDS
        or (first.casefold() in RELATIVES and not _asks(body, first))
        or (body[:1] in "”’»" and words <= 8)
        or (first[:1].islower() and not first[:1].isdigit() and body[:1] not in "“\"‘'")
    )


def _asks(body: str, first: str) -> bool:
    """Whether a piece opening on "who" or "whose" opens a question of its own: in quotation
    marks, or capitalised ("Who pays for this?"); "Which is why …" goes on with the
    sentence before it."""
    return body[:1] in "“\"‘'«" or (first[:1].isupper() and first.casefold() != "which")


MAX_QUOTE_ROW_WORDS = 120  # a quotation whose marks never close stops joining sentences here
