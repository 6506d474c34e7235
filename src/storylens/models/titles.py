"""Title abbreviations run on into the name after them.

The parser often ends a sentence after an abbreviated title it rarely saw ("said Dist.
Atty. Steve Cooley." became the speaker "Dist" and a sentence "Steve Cooley."). The
tokenizer keeps each title in :data:`~storylens.words.TITLE_ABBREVIATIONS` one token (as it
keeps "Mr."), and this component, run before the parser, marks a capitalised word right after
one as no sentence start.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storylens.words import TITLE_ABBREVIATIONS as TITLES

COMPONENT = "storylens_titles"
_TITLES = frozenset(TITLES)


@Language.component(COMPONENT)
def titles(doc: Doc) -> Doc:
    """Mark each capitalised word after a title abbreviation of ``doc`` as no sentence start."""
    for i in range(len(doc) - 1):
        if doc[i].text in _TITLES and "\n" not in doc[i].whitespace_:
            after = doc[i + 1]
            if after.text[:1].isupper():
                after.is_sent_start = False
    return doc


def add_before_parser(nlp: Language) -> None:
    """Put the component in ``nlp`` before its parser (when it has one)."""
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
