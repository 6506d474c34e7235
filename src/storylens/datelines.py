"""The dateline that opens a news story's first paragraph, one pattern for every stage.

"WASHINGTON – ", "PALM BEACH, Fla. — ", "April 29 (UPI) — ", "WASHINGTON, April 30 (Reuters)
- ", "Washington (AFP) – ", "Mumbai, Nov 11 - " (a place not in capitals only with its agency
or its date); a hyphen only with
a space before it. Ingestion reads the article's body as starting there, analysis keeps a
dateline's agency out of what pronouns stand for, and comparison keeps it out of rows and
summary sentences.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?)?\s*(?:\([A-Za-z ]+\))?"
    r"|[A-Z][A-Za-z.'’ ]{2,30}?(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*\([A-Z][A-Za-z ]+\)"
    # "Sept. 12 - ", a month and a day (not "The 11 - year old girl"), after a place or not
    # ("Mumbai, Nov 11 - ", "New Delhi, Nov. 11, 2011 - ")
    r"|(?:[A-Z][a-z]+(?: [A-Z][a-z]+){0,2},\s*)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:,? \d{4})?"
    r"\s*(?:\([A-Za-z ]+\))?)"
    r"\s*(?:[–—]+|\s-+)(?:\s+|$)"
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The span of every dateline opening a line of ``text``."""
    spans, pos = [], 0
    for line in text.split("\n"):
        found = DATELINE.match(line)
        if found:
            spans.append((pos, pos + found.end()))
        pos += len(line) + 1
    return spans
