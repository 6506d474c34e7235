"""A quoted question or exclamation runs on into the words that say who said it.

The parser ends a sentence after a closing quotation mark that follows "?" or "!", also
when a name and a verb of saying come next (“Will the ferry sail?” Mayor Lund asked.): the
quotation became a sentence with no speaker, and "Mayor Lund asked." a row of its own that
says nothing. This component, run before the parser, marks the word after such a mark as no
sentence start when at most a few names, titles or a pronoun and then a verb of saying
follow ("Mr. Mueller planned to ask", "she added").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "storylens_quote_tags"
_CLOSING = frozenset({'"', "”", "''", "’"})
_ENDS = frozenset({"?", "!"})
# the verbs a speaker tag after a quotation uses, in the forms a tag writes them (the
# lemmatizer runs after the parser)
_SAYING_WORDS = """say says said ask asks asked tell tells told add adds added write writes wrote
    reply replies replied answer answers answered respond responds responded wonder
    wonders wondered tweet tweets tweeted exclaim exclaimed shout shouted explain explained
    insist insisted continue continued recall recalled note noted demand demanded plead
    pleaded"""
SAYING = frozenset(_SAYING_WORDS.split())
_SPEAKER_TAGS = frozenset({"NNP", "NNPS", "PRP", "DT", "NN", "NNS", "JJ", "HYPH", "POS"})
MAX_SPEAKER = 5  # words of the speaker between the quotation and the verb


@Language.component(COMPONENT)
def quote_tags(doc: Doc) -> Doc:
    """Join each quoted question or exclamation of ``doc`` to the speaker tag after it."""
    n = len(doc)
    for i in range(1, n - 2):
        if doc[i].text not in _CLOSING or doc[i - 1].text not in _ENDS:
            continue
        if "\n" in doc[i].whitespace_ or doc[i + 1].is_space:
            continue  # a new line: the line break starts the sentence (see .lines)
        if _tag_follows(doc, i + 1):
            doc[i + 1].is_sent_start = False
    return doc


def _tag_follows(doc: Doc, k: int) -> bool:
    """Whether a speaker and a verb of saying start at token ``k`` ("Mayor Lund asked")."""
    words = 0
    while k < len(doc) and doc[k].tag_ in _SPEAKER_TAGS and words <= MAX_SPEAKER:
        k, words = k + 1, words + 1
    if words == 0 or words > MAX_SPEAKER or k >= len(doc) or not doc[k].tag_.startswith("VB"):
        return False
    verb = doc[k]
    if verb.lower_ not in SAYING and k + 2 < len(doc) and doc[k + 1].lower_ == "to":
        verb = doc[k + 2]  # "planned to ask"
    return verb.lower_ in SAYING


def add_before_parser(nlp: Language) -> None:
    """Put the component in ``nlp`` before its parser (when it has one)."""
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
