"""Reports in an article's title-case first line: "Glenn Beck Blasts Drudge For Mocking His
Fast.", "Donald Trump Finally Endorses House Speaker Paul Ryan."

The tagger reads every capitalised word of such a line as part of a name, so the verb is never
parsed as one. Here the words are read as written: a capitalised word whose lower-case form is
an inflection of a cue verb ("Blasts", "Endorses", "Praised"), the capitalised words right
before it as the source (from the line's start or a comma, colon or quotation mark; not ending
in a possessive: "Trump's Plans" is no report), and the rest of the line, up to a colon or
semicolon, as the content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storylens.analyse.attributed import Attribution
from storylens.analyse.columns import doc_text
from storylens.analyse.cues import (
    ACT_CUES,
    ATTITUDE_CUES,
    NEGATIVE_CUES,
    SPEECH_CUES,
    STANCE_CUES,
    lexicon,
)

_VERBS = SPEECH_CUES | STANCE_CUES | ACT_CUES | ATTITUDE_CUES
MAX_SOURCE = 6  # words of a source in a title
_ADVERBS = lexicon("also just now again still finally")
_JOINING = lexicon("of and &")
_OPENING_WORDS = lexicon("how why what when where who")
_BOUNDARIES = frozenset({",", ":", ";", "—", "–", "‘", "’", "“", "”", '"', "'"})


def title_line_attributions(doc: Doc, sent_index: int = 0) -> list[Attribution]:
    """Reports in the doc's first line when it is written in title case."""
    text = doc_text(doc)
    end = text.find("\n")
    end = len(text) if end < 0 else end
    words = [w for w in text[:end].split() if len(w) > 3 and w[:1].isalpha()]
    if len(words) < 3 or sum(1 for w in words if w[:1].isupper()) < 0.8 * len(words):
        return []
    line: list[Token] = []
    for tok in doc:
        if tok.idx >= end:
            break
        if not tok.is_space:
            line.append(tok)
    found: list[Attribution] = []
    for k, tok in enumerate(line):
        lemma = verb_lemma(tok.text)
        if k == 0 or lemma is None:
            continue
        source = _source_before(line, k)
        content = _content_after(line, k)
        if not source or not content:
            continue
        found.append(_attribution(doc, tok, lemma, source, content, sent_index))
    return found


def verb_lemma(word: str) -> str | None:
    """The cue verb a capitalised word inflects ("Blasts" → "blast", "Praised" → "praise",
    "Denies" → "deny"), or None."""
    if not word[:1].isupper() or not word.isalpha() or word.isupper():
        return None
    low = word.lower()
    stems = []
    if low.endswith("ies"):
        stems.append(low[:-3] + "y")
    if low.endswith("ied"):
        stems.append(low[:-3] + "y")
    if low.endswith("es"):
        stems.append(low[:-2])
    if low.endswith("ed"):
        stems += [low[:-2], low[:-1]]
    if low.endswith("s"):
        stems.append(low[:-1])
    return next((s for s in stems if s in _VERBS), None)


def _source_before(line: list[Token], k: int) -> list[Token]:
    j = k - 1
    while j >= 0 and line[j].lower_ in _ADVERBS:
        j -= 1
    run: list[Token] = []
    while j >= 0 and line[j].text not in _BOUNDARIES and len(run) <= MAX_SOURCE:
        tok = line[j]
        if not (tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.lower_ in _JOINING):
            return []
        run.insert(0, tok)
        j -= 1
    while run and run[0].lower_ in _OPENING_WORDS | _JOINING:
        run.pop(0)
    if not run or len(run) > MAX_SOURCE or run[-1].lower_ in _JOINING:
        return []
    if run[-1].text in {"’s", "'s", "’", "'"} or run[-1].text.endswith(("’s", "'s")):
        return []  # "Trump's Plans": a noun, not a report
    if any(verb_lemma(t.text) for t in run):
        return []  # two verbs in a row: neither is read as a report
    return run


def _content_after(line: list[Token], k: int) -> list[Token]:
    out: list[Token] = []
    for tok in line[k + 1 :]:
        if tok.text in {":", ";"}:
            break
        out.append(tok)
    while out and out[-1].is_punct and out[-1].text not in {"’", "”", '"', "'"}:
        out.pop()
    return out if any(t.is_alpha for t in out) else []


def _attribution(
    doc: Doc,
    verb: Token,
    lemma: str,
    source: list[Token],
    content: list[Token],
    sent_index: int,
) -> Attribution:
    text = doc_text(doc)
    sstart, send = source[0].idx, source[-1].idx + len(source[-1].text)
    cstart, cend = content[0].idx, content[-1].idx + len(content[-1].text)
    return Attribution(
        cue=lemma,
        cue_start=verb.idx,
        cue_end=verb.idx + len(verb.text),
        content_start=cstart,
        content_end=cend,
        source_start=sstart,
        source_end=send,
        source_text=text[sstart:send],
        source_name=text[sstart:send],
        negative=lemma in NEGATIVE_CUES,
        sentence=sent_index,
        cue_tokens=[verb.i],
        source_tokens=[t.i for t in source],
        source_head_tokens=[t.i for t in source],
        verb=verb.i,
        stance=lemma not in SPEECH_CUES,
        kind="attitude" if lemma in ATTITUDE_CUES else "verb",
    )


def with_title_line(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """``found`` with the reports of a title-case first line the parser missed; a source
    holding such a report's verb ("Carly Fiorina Endorses Ted Cruz" read as one name) goes."""
    for att in title_line_attributions(doc):
        if any(a.cue_start < att.cue_end and att.cue_start < a.cue_end for a in found):
            continue
        found = [
            a
            for a in found
            if a.source_start is None
            or a.source_end is None
            or not a.source_start <= att.cue_start < a.source_end
        ]
        found.append(att)
    return found
