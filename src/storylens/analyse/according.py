"""Attributions marked by a phrase or a colon rather than a verb of saying.

- ``according to SOURCE``: "according to a translation by the Moscow Times"
- ``SOURCE: CONTENT`` opening a paragraph or introducing a quotation: "Graham: Trump's rhetoric
  is costing the party", "More from the report: “...”"
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_text
from storylens.analyse.content import content_around, parenthetical, words
from storylens.analyse.cues import lexicon
from storylens.analyse.phrases import noun_phrase, source_name, span_of


def according_to(tok: Token, sent: Span, sent_index: int) -> Attribution | None:
    """ "according to X": the source is the nearest name inside X."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        to = nxt if nxt is not None and nxt.lower_ == "to" else None
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase = sorted(pobj.subtree, key=lambda t: t.i)
    comma = next((k for k, t in enumerate(phrase) if t.text == "," and t.i > pobj.i), None)
    if comma is not None and tok.i == sent.start:
        phrase = phrase[:comma]  # "According to the poll, most voters …": not the clause
    name_toks = _innermost_name(pobj)
    exclude = {tok.i, to.i} | {t.i for t in phrase}
    # "Among the cases at risk, according to Vell, are …": both sides of the phrase
    around = parenthetical(sent, exclude) or content_around(sent, exclude)
    if not words(around):
        return None
    cstart, cend = span_of(around)
    sstart, send = span_of(phrase)
    return Attribution(
        cue="according to",
        cue_start=tok.idx,
        cue_end=to.idx + len(to.text),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=doc_text(tok.doc)[sstart:send],
        source_name=source_name(name_toks),
        kind="according",
        sentence=sent_index,
        cue_tokens=[tok.i, to.i],
        source_tokens=sorted(exclude - {tok.i, to.i}),
    )


_DOCUMENT_NOUNS = lexicon(
    """text translation statement report copy summary version transcript document draft
    account readout communique release letter"""
)


def _innermost_name(pobj: Token) -> list[Token]:
    """ "a translation by the Moscow Times" -> the tokens of "the Moscow Times"."""
    tok = pobj
    while not tok.ent_type_ or tok.lemma_.lower() in _DOCUMENT_NOUNS:
        owner = _named_owner(tok)
        if owner:  # "a CNN count", "the ministry's figures": whose count it is
            return owner
        nxt = None
        for child in tok.children:
            by = child
            if child.dep_ == "acl":  # "the text released by the ministry"
                by = next((g for g in child.children if g.dep_ in {"agent", "prep"}), child)
            if by.dep_ in {"prep", "agent"} and by.lower_ in {"by", "from", "of"}:
                nxt = next((g for g in by.children if g.dep_ == "pobj"), None)
                if nxt is not None:
                    break
        if nxt is None:
            return noun_phrase(tok)
        tok = nxt
    return noun_phrase(tok)


_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _named_owner(noun: Token) -> list[Token]:
    """The name a common noun is the thing of: its compound or possessive that is a named
    person or organisation ("a CNN count", "Valpress's tally"), else no tokens."""
    if noun.ent_type_:
        return []
    for child in noun.children:
        if child.dep_ in {"compound", "poss"} and child.ent_type_ in {"PERSON", "ORG"}:
            return [t for t in child.subtree if t.ent_type_ and t.dep_ != "case"]
    return []


_COLON_SOURCES = lexicon(
    """poll survey report study statement memo letter document transcript analysis review
    spokesman spokeswoman spokesperson official officials source sources"""
)
MAX_COLON_SOURCE = 6  # tokens before a colon that can still be a speaker's name


def colon_attribution(
    colon: Token, sent: Span, sent_index: int, quotes: list[tuple[int, int]]
) -> Attribution | None:
    """ "Graham: Trump's rhetoric is costing the party" (a line opening with a name and a
    colon) and "More from the report: “...”" (a source phrase and a colon introducing a
    quotation): the words before the colon are the source, the rest of the line (or the
    quotation) the content."""
    if colon.text != ":":
        return None
    doc = colon.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, colon.idx) + 1
    before = [t for t in sent if line_start <= t.idx < colon.idx and not t.is_space]
    if (
        not before
        or len(before) > MAX_COLON_SOURCE
        or any(t.pos_ in {"VERB", "AUX"} for t in before)
    ):
        return None
    after_start = colon.idx + 1
    while after_start < len(text) and text[after_start] in " \t":
        after_start += 1
    quote = next(((qs, qe) for qs, qe in quotes if qs == after_start), None)
    opens_line = before[0].idx == line_start
    if quote is None and not opens_line:
        return None
    source = _colon_source(before)
    if source is None:
        return None
    if quote is not None:
        cstart, cend = quote
    else:
        line_end = text.find("\n", after_start)
        cstart, cend = after_start, len(text) if line_end < 0 else line_end
        while cend > cstart and text[cend - 1] in " .":
            cend -= 1
        if len(text[cstart:cend].split()) < 3:
            return None
    sstart, send = span_of(source)
    return Attribution(
        cue=":",
        cue_start=colon.idx,
        cue_end=colon.idx + 1,
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=text[sstart:send],
        source_name=source_name(source),
        kind="according",
        direct=quote is not None,
        sentence=sent_index,
        cue_tokens=[colon.i],
        source_tokens=[t.i for t in source],
        source_head_tokens=[t.i for t in source],
    )


def _colon_source(before: list[Token]) -> list[Token] | None:
    """The source phrase in the words before a colon: a name (or a source noun such as "the
    report") ending right at the colon."""
    last = before[-1]
    if len(before) == len(last.text) == 1:
        return None  # "Q:" and "A:" in an interview transcript
    if last.pos_ not in {"PROPN", "NOUN"} and last.ent_type_ not in _NAME_LABELS:
        return None
    phrase = [t for t in noun_phrase(last) if t.i >= before[0].i]
    if not phrase or phrase[-1].i != last.i:
        return None
    named = any(t.ent_type_ in _NAME_LABELS for t in phrase) or all(
        t.pos_ == "PROPN" or t.is_punct or ((t.is_title or t.is_upper) and not t.is_stop)
        for t in phrase
    )  # "Issa:", "JAKE TAPPER:" in a transcript
    if _notice(phrase):
        return None
    if named or last.lemma_.lower() in _COLON_SOURCES:
        return phrase
    return None


# labels an outlet puts before a line that are no speaker ("UPDATE:", "Editor's Note:",
# "Breaking:")
_NOTICES = lexicon(
    """update correction clarification note breaking exclusive video watch photos photo
    audio live editor editors developing summary background context recap related
    highlights timeline"""
)


def _notice(phrase: list[Token]) -> bool:
    """A label or a place before a colon rather than a speaker: an outlet's notice ("UPDATE:",
    "Editor’s Note:") or a place heading a list ("Iowa: Tim Albrecht, …")."""
    if phrase[0].lower_ in _NOTICES:
        return True
    return all(t.ent_type_ in {"GPE", "LOC"} or t.is_punct for t in phrase)


SIGNATURE_DASHES = frozenset({"―", "—", "–", "-", "--"})
MAX_SIGNATURE = 4  # tokens of a signing name ("— Jane Q. Roe")
_CLOSING = "”\"’'»"
_OPENING = "“”\"‘'«"


def signature_dash(text: str) -> bool:
    """A dash that can sign a quotation, alone or glued to the closing mark before it (the
    tokenizer keeps "”―" as one token)."""
    return text in SIGNATURE_DASHES or (
        len(text) > 1 and text[0] in _CLOSING and text.lstrip(_CLOSING) in SIGNATURE_DASHES
    )


def signed_line(dash: Token, sent_index: int, quotes: list[tuple[int, int]]) -> Attribution | None:
    """A quotation signed with a dash and a name ending the line, as in a list of readers' or
    voters' words: “…” ― Jane Roe (or the quotation in the paragraph before "— Jane Roe").
    The name is the source, the quotation the content."""
    if not signature_dash(dash.text):
        return None
    doc = dash.doc
    text = doc_text(doc)
    mark = dash.text.lstrip(_CLOSING)
    dash_start = dash.idx + len(dash.text) - len(mark)
    if dash.idx + len(dash.text) >= len(text) or not text[dash.idx + len(dash.text)].isspace():
        return None  # "anti-trade", "Post-Democratic": a hyphen inside a word
    line_end = text.find("\n", dash.idx)
    line_end = len(text) if line_end < 0 else line_end
    name: list[Token] = []
    k = dash.i + 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1  # "―\xa0Jane Roe"
    while k < len(doc) and doc[k].idx < line_end and not doc[k].is_space:
        if doc[k].text in {"(", "."} or len(name) > MAX_SIGNATURE:
            break
        if doc[k].pos_ != "PROPN" and doc[k].ent_type_ != "PERSON":
            return None
        name.append(doc[k])
        k += 1
    if not name or len(name) > MAX_SIGNATURE or not _signing_name(name):
        return None
    rest = text[doc[k].idx if k < len(doc) else line_end : line_end].strip()
    if rest not in {"", "."} and not rest.startswith("(@"):
        return None
    before = text[:dash_start].rstrip()
    quote = next(((qs, qe) for qs, qe in quotes if qe == len(before)), None)
    if quote is None:
        quote = _quoted_line(before)
    if quote is None or "\n\n" in text[quote[1] : dash_start] or len(before) == 0:
        return None
    cstart, cend = quote
    sstart, send = span_of(name)
    return Attribution(
        cue=mark,
        cue_start=dash_start,
        cue_end=dash_start + len(mark),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=text[sstart:send],
        source_name=text[sstart:send],
        kind="according",
        direct=True,
        sentence=sent_index,
        cue_tokens=[dash.i],
        source_tokens=[t.i for t in name],
        source_head_tokens=[t.i for t in name],
    )


def _signing_name(name: list[Token]) -> bool:
    """A person's name signing a quotation: tagged as a person, or two or more capitalised
    words ("― Beck Pimentel")."""
    if any(t.ent_type_ == "PERSON" for t in name):
        return True
    return len(name) >= 2 and all(t.text[:1].isupper() and t.text.isalpha() for t in name)


def _quoted_line(before: str) -> tuple[int, int] | None:
    """The quotation a signature closes when the marks inside it do not pair up (a quotation
    within it, or the line opened with the wrong mark): the whole line, from its opening mark
    to the closing mark right before the dash."""
    if not before or before[-1] not in _CLOSING:
        return None
    start = before.rfind("\n") + 1
    while start < len(before) and before[start].isspace():
        start += 1
    if start >= len(before) - 1 or before[start] not in _OPENING:
        return None
    return start, len(before)
