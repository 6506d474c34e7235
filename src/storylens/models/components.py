"""The project's own pipeline components, put into a loaded spaCy pipeline in one place:
line breaks and speaker tags set sentence starts before the parser
(:mod:`.lines`, :mod:`.quotetags`), and no sentence starts inside a title
(:mod:`.titles`); names run on over a hyphen after the entity recogniser
(:mod:`.hyphens`)."""

from __future__ import annotations

from spacy.language import Language

from storylens.models import hyphens, lines, quotetags, titles


def add(nlp: Language) -> None:
    """Put every component in ``nlp`` (each only once)."""
    lines.add_before_parser(nlp)
    quotetags.add_before_parser(nlp)
    titles.add_before_parser(nlp)
    hyphens.add_after_ner(nlp)
