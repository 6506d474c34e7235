"""Headlines in title case, lowered for the parser.

The tagger reads a capitalised word as a name, so "Kim Leaves Russia, Given Drones As Gift"
parses as one long name and yields no claim: the headline, often the story's main fact,
is never matched. Before parsing, each title-case line (see
:func:`storylens.analyse.entities.is_title_case_line`) has its capitalised words lowered,
except the line's first word, acronyms ("UN", "FBI") and words the article's body writes
capitalised inside a sentence (names: "Kim", "Russia"). Only letters change case, so every
offset still points into the article's own text, which the stages read their spans from.
"""

from __future__ import annotations

import re

from storylens.analyse.entities import is_title_case_line

MAX_WORDS = 30  # a longer line is text (a paragraph cut short, a list of names), not a title
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# a capitalised word inside a sentence: after a lower-case word, a comma or a digit
_INSIDE = re.compile(r"(?<=[a-z0-9,;] )([A-Z][\w'’-]*)")


def parse_text(text: str) -> str:
    """``text`` with its title-case lines lowered where they are not names (same length)."""
    lines = text.split("\n")
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    headlines = [
        k
        for k, s in enumerate(starts)
        if 0 < len(lines[k].split()) <= MAX_WORDS and is_title_case_line(text, s)
    ]
    if not headlines:
        return text
    names = _names(text, {starts[k] for k in headlines})
    for k in headlines:
        lines[k] = _lowered(lines[k], names)
    return "\n".join(lines)


def _names(text: str, skip: set[int]) -> frozenset[str]:
    """Words the text writes capitalised inside a sentence, outside the headline lines."""
    found: set[str] = set()
    offset = 0
    for line in text.split("\n"):
        if offset not in skip:
            found.update(
                m.group(1).removesuffix("'s").removesuffix("’s") for m in _INSIDE.finditer(line)
            )
        offset += len(line) + 1
    return frozenset(found)


def _lowered(line: str, names: frozenset[str]) -> str:
    out = []
    pos = 0
    first = True
    for match in _WORD.finditer(line):
        word = match.group()
        out.append(line[pos : match.start()])
        pos = match.end()
        keep = (
            first
            or not word[:1].isupper()
            or word.isupper()
            or word.removesuffix("'s").removesuffix("’s") in names
            or any(part in names for part in word.split("-"))
        )
        first = False
        lowered = word[:1].lower() + word[1:]
        out.append(word if keep or len(lowered) != len(word) else lowered)
    out.append(line[pos:])
    return "".join(out)


def runs_on(text: str, end: int, start: int) -> bool:
    """Whether a sentence that stopped at ``end`` goes on at ``start``: in one paragraph, or
    over a paragraph break a scrape put inside it, where the next piece opens in lower case
    ('"He is the boss of the toilet!" ¶ his mother told a columnist'), unless the piece
    before is a headline (a line of the first three, or one in title case: "Jury finds
    suspect guilty ¶ on April 30, 2008 at 4:31 AM" is a headline and a time stamp)."""
    gap = text[end:start]
    if "\n" not in gap:
        return True
    return (
        not gap.strip()
        and text[start : start + 1].islower()
        and len(text[: text.rfind("\n", 0, end) + 1].split("\n")) > 3  # headlines, stamps
        and not is_title_case_line(text, max(0, end - 1))
    )
