"""Line breaks end sentences.

Scraped articles put a headline, a photo caption or a section title on a line of its own,
and the parser, which splits the sentences, often runs such a line into the sentence after
it ("Hurdles to asylum" + "Rubilio Mendez, 34, ... said he has no family": the section title
became the speaker). This component, run before the parser, starts a sentence at the first
word after every line break; the parser keeps sentence starts it is given.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "storylens_line_breaks"
_BREAK = re.compile(r"\n\s*")


@Language.component(COMPONENT)
def line_breaks(doc: Doc) -> Doc:
    """Mark the first token after each line break of ``doc`` as a sentence start."""
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    starts = doc.to_array("IDX").tolist()
    for match in _BREAK.finditer(text):
        i = bisect_left(starts, match.end())
        if 0 < i < len(doc) and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


def add_before_parser(nlp: Language) -> None:
    """Put the component in ``nlp`` before its parser (when it has one)."""
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
