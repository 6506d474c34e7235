"""Names that run on over a hyphen.

The tokenizer splits "Moon Jae-in" into "Moon", "Jae", "-", "in", and the entity recogniser
often stops at the hyphen when the last piece is also an English word ("in", "on"): the name
became "Moon Jae", a second person beside "Moon Jae-in" in the same story. This component,
run after the recogniser, extends a person's name over a hyphen written without spaces and
the short lower-case piece joined to it ("Jae-in", "Jong-un"), unless the parser reads the
piece as a verb, an adjective or a modifier of the noun after it ("Obama-era rule",
"Biden-led push").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

COMPONENT = "storylens_hyphen_names"
_CONTENT = frozenset({"VERB", "ADJ", "AUX", "NUM"})
_MODIFIER = frozenset({"compound", "amod", "nmod"})  # "Obama-era rule": the era of a rule
MAX_PIECE = 3  # letters of the piece after the hyphen


@Language.component(COMPONENT)
def hyphen_names(doc: Doc) -> Doc:
    """Extend each name of ``doc`` that stops before "-word" joined to it."""
    ents = list(doc.ents)
    changed = False
    taken = {t for e in ents for t in range(e.start, e.end)}
    for n, ent in enumerate(ents):
        end = ent.end
        if (
            ent.label_ == "PERSON"
            and end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and doc[end + 1].is_lower
            and len(doc[end + 1]) <= MAX_PIECE
            and doc[end + 1].pos_ not in _CONTENT
            and doc[end + 1].dep_ not in _MODIFIER
            and end not in taken
            and end + 1 not in taken
        ):
            ents[n] = Span(doc, ent.start, end + 2, label=ent.label_)
            changed = True
    if changed:
        doc.ents = ents
    return doc


def add_after_ner(nlp: Language) -> None:
    """Put the component in ``nlp`` after its entity recogniser (when it has one)."""
    if "ner" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, after="ner")
