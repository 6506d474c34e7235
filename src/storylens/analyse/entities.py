"""Named-entity mentions: spaCy's NER plus a light rule layer for its usual misses.

The small English model is fast but often mislabels news names: a bare surname becomes a
place ("Shoigu" GPE), a ministry word before a title becomes an organisation ("Defense" in
"Defense Minister Sergei Shoigu"), an all-caps agency is missed. The rules here, applied in
order, fix the common cases without a bigger model:

1. **Clean spans**: drop a leading "the" on non-person names, a trailing possessive "'s", a
   leading title on person names ("President Halas" → "Halas"), anything past a line break.
2. **Titles and roles**: capitalised names after a title or role noun ("Defense Minister
   Sergei Shoigu", "spokesman, Dmitry Peskov", "ecologist Lena Varga") are PERSON, and
   portfolio words labelled ORG inside such a title ("Defense") are dropped.
3. **Agencies**: an all-caps name followed by a reporting verb ("KCNA stated") or next to
   "news agency" ("news agency TASS", "TASS news agency") is ORG, and so is a lone
   capitalised name that "reported" something ("Valpress reported").
4. **Consistency**: a bare name equal to the surname of a PERSON in the same article is
   PERSON; every further occurrence of a recognised person or organisation name that NER
   missed becomes a mention too.

Mentions are character spans into :attr:`Article.text` (``text == article.text[start:end]``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from storylens.analyse.columns import doc_column, doc_ents
from storylens.analyse.cues import NAME_TITLES as TITLES
from storylens.analyse.cues import PERSON_ROLES
from storylens.analyse.dates import TIME_ZONES
from storylens.types import Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

STAGE = "entities.spacy_rules.v6"

KEPT_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "FAC",
        "NORP",
        "EVENT",
        "PRODUCT",
        "LAW",
        "WORK_OF_ART",
        "LANGUAGE",
        "DATE",
        "TIME",
        "QUANTITY",
        "MONEY",
        "PERCENT",
        "CARDINAL",
    }
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)

# Capitalised words that name a portfolio inside a title ("Defense Minister"), never an ORG alone.
PORTFOLIOS = _words(
    """
    defense defence foreign interior home finance economy economic justice health education
    energy trade agriculture environment environmental transport culture labour labor
    industry natural resources emergency emergencies security digital science prime deputy
    """
)
REPORTING_VERBS = _words(
    """
    reported reports said says stated states claimed claims described describes quoted
    quotes cited cites announced announces added adds wrote writes published publishes
    """
)
AGENCY_WORDS = frozenset({"agency", "agencies", "wire", "outlet", "broadcaster"})
FACILITY_HEADS = _words(
    """
    cosmodrome airport airbase base station plant factory bridge square river university
    institute hospital stadium palace port harbour harbor dam street avenue
    """
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_THE = re.compile(r"the\s+", re.IGNORECASE)
_NON_NAME_TAGS = frozenset({"VBZ", "VBD", "VBP", "VB", "VBG", "NNS", "NN"})
_QUOTES = "\"'“”‘’«»()[]{}*_,;:.!?"


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    label: str
    source: str = "ner"  # ner | rule | propagated


def find_mentions(doc: Doc, article: Article) -> list[Mention]:
    """Entity mentions of ``doc`` (the parsed ``article.text``), in text order.

    When only a prefix of an over-long text was parsed, mentions stay within that prefix.
    """
    text = article.text[: doc[-1].idx + len(doc[-1].text_with_ws)] if len(doc) else ""
    ents = doc_ents(doc)
    cands = [_Cand(e.start_char, e.end_char, e.label_) for e in ents if e.label_ in KEPT_LABELS]
    cands = [c for c in (_clean(c, text) for c in cands) if c is not None]
    cands = [c for c in (_trim_headline_words(doc, c) for c in cands) if c is not None]
    cands = _drop_portfolio_orgs(doc, text, cands)
    cands = _merge(cands, _title_persons(doc), override=True)
    cands = _merge(cands, _apposed_persons(doc))
    cands = _merge(cands, _named_roles(doc), override=True)
    cands = _merge(cands, _agencies(doc), relabel=True)
    cands = _merge(cands, _reporting_names(doc), relabel=True)
    cands = _fix_facilities(cands, text)
    cands = _trim_headline_names(cands, text)
    cands = _split_pairs(cands, text)
    _relabel_surnames(cands, text)
    cands = _merge(cands, _propagate(cands, text))
    cands.sort(key=lambda c: (c.start, c.end))
    return [Mention(article.id, c.start, c.end, text[c.start : c.end], c.label) for c in cands]


def _clean(cand: _Cand, text: str) -> _Cand | None:
    """Trim determiners, possessives, titles, quotes and line breaks from a span."""
    start, end = cand.start, cand.end
    span = text[start:end]
    newline = span.find("\n")
    if newline >= 0:
        end = start + newline
    while start < end and (text[start] in _QUOTES or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _QUOTES or text[end - 1].isspace()):
        end -= 1
    span = text[start:end]
    if cand.label in NAME_LABELS:
        match = _POSSESSIVE.search(span)
        if match and len(span) > len(match.group()):
            end -= len(match.group())
            span = text[start:end]
        article = _LEADING_THE.match(span)
        if cand.label != "PERSON" and article:
            start += article.end()
            span = text[start:end]
    if cand.label == "PERSON":
        if "/" in span or "@" in span:
            return None
        words = span.split(" ")
        while len(words) > 1 and words[0].lower() in TITLES:
            start += len(words[0]) + 1
            words = words[1:]
        span = text[start:end]
    if not span.strip() or not any(ch.isalnum() for ch in span):
        return None
    if cand.label in NAME_LABELS and not any(ch.isupper() for ch in span):
        return None  # names are capitalised: "krona" is no organisation
    if span.isupper() and span.casefold() in TIME_ZONES:
        return None  # "called at 06:00 BST": a clock's zone, no organisation
    return _Cand(start, end, cand.label, cand.source)


def _trim_headline_words(doc: Doc, cand: _Cand) -> _Cand | None:
    """Cut verbs and common nouns that NER swept into a name in title case ("Kim Leaves")."""
    if cand.label not in {"PERSON", "GPE"}:
        return cand
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return cand
    end = len(span)
    while end > 0 and span[end - 1].tag_ in _NON_NAME_TAGS and not _joined(span, end - 1):
        end -= 1
    if end == len(span):
        return cand
    if end == 0:
        return None
    return _Cand(cand.start, span[end - 1].idx + len(span[end - 1].text), cand.label, cand.source)


def _joined(span: Span, k: int) -> bool:
    """Whether token ``k`` of ``span`` is a piece joined to the name by a hyphen ("Jae-in")."""
    return k >= 2 and span[k - 1].text == "-" and not span[k - 1].whitespace_


def _drop_portfolio_orgs(doc: Doc, text: str, cands: list[_Cand]) -> list[_Cand]:
    """Drop ORG spans that are only portfolio words inside a title ("Defense" Minister)."""
    kept = []
    for c in cands:
        if c.label in {"ORG", "NORP", "GPE"}:
            words = text[c.start : c.end].lower().split()
            if words and all(w in PORTFOLIOS for w in words):
                nxt = _token_after(doc, c.start, c.end)
                if nxt is not None and nxt.lower_ in TITLES:
                    continue
        kept.append(c)
    return kept


def _token_after(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    tok = doc[span.end]
    return None if tok.is_space else tok


def _is_name_token(tok: Token) -> bool:
    return (
        tok.text[:1].isupper()
        and tok.is_alpha
        and tok.lower_ not in TITLES
        and tok.lower_ not in PORTFOLIOS
    ) or (tok.text in {"-", "'"} and tok.i > 0)


def _title_persons(doc: Doc) -> list[_Cand]:
    """Names right after a title or role noun: "Defense Minister Sergei Shoigu" → PERSON."""
    found: list[_Cand] = []
    for k, low in enumerate(doc_column(doc, "lower_")):
        if low not in TITLES:
            continue
        tok = doc[k]
        i = tok.i + 1
        if i < len(doc) and doc[i].text == ",":
            # "spokesman, Dmitry Peskov": a role noun set off by a comma
            if tok.text[:1].isupper() or tok.pos_ != "NOUN":
                continue
            i += 1
        j = i
        while j < len(doc) and j - i < 4 and _is_name_token(doc[j]):
            j += 1
        while j > i and not doc[j - 1].is_alpha:
            j -= 1
        if j == i or doc[i].ent_type_ in {"GPE", "NORP", "DATE", "LOC"}:
            continue
        if j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
            continue  # a longer capitalised run: probably an organisation name
        if doc[i].ent_type_ == "PERSON":
            continue
        span = doc[i:j]
        found.append(_Cand(span.start_char, span.end_char, "PERSON", "rule"))
    return found


def _apposed_persons(doc: Doc) -> list[_Cand]:
    """A full name the model found no entity in, set off by a comma before the role that
    describes it ("Heather Cronk, co-director of Showing Up for Racial Justice, ...",
    "Ivo Grest, a former mayor, ..."): PERSON."""
    found: list[_Cand] = []
    for tok in doc:
        head = tok.head
        if (
            tok.dep_ != "appos"
            or tok.pos_ != "NOUN"
            or tok.lower_ not in PERSON_ROLES
            or head.pos_ != "PROPN"
            or head.i + 1 >= len(doc)
            or doc[head.i + 1].text != ","
        ):
            continue
        name = _compound_name(doc, head.i)
        if len(name) < 2 or any(t.ent_type_ or not _is_name_token(t) for t in name):
            continue  # a lone word, or a name the model read already
        found.append(_Cand(name.start_char, name.end_char, "PERSON", "rule"))
    return found


def _compound_name(doc: Doc, i: int) -> Span:
    """The name that ends on token ``i``: it and the compound words before it."""
    first = i
    while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == i:
        first -= 1
    return doc[first : i + 1]


def _named_roles(doc: Doc) -> list[_Cand]:
    """A full name set off by commas after the role noun it names ("A professor of economics
    at the University of Athens, Yanis Varoufakis, did not ..."): PERSON, whatever label the
    model gave it (it reads many foreign names as organisations)."""
    found: list[_Cand] = []
    for tok in doc:
        head = tok.head
        if (
            tok.dep_ != "appos"
            or tok.pos_ != "PROPN"
            or head.pos_ != "NOUN"
            or head.lower_ not in PERSON_ROLES
            or head.i >= tok.i
            or doc[tok.i - 1].dep_ != "compound"
        ):
            continue
        name = _compound_name(doc, tok.i)
        if doc[name.start - 1].text != "," or not all(_is_name_token(t) for t in name):
            continue
        if any(t.ent_type_ in {"PERSON", "GPE", "NORP", "LOC", "DATE"} for t in name):
            continue
        found.append(_Cand(name.start_char, name.end_char, "PERSON", "rule"))
    return found


def _agencies(doc: Doc) -> list[_Cand]:
    """All-caps names used as news sources: "KCNA stated", "news agency TASS"."""
    found: list[_Cand] = []
    texts = doc_column(doc, "orth_")
    acronyms = {t for t in set(texts) if _ACRONYM.match(t)}
    for i, text in enumerate(texts):
        if text not in acronyms:
            continue
        tok = doc[i]
        if tok.ent_type_ in {"GPE", "LOC"}:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        prev = doc[tok.i - 1] if tok.i > 0 else None
        after_nxt = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        agency = (
            (nxt is not None and nxt.lower_ in REPORTING_VERBS)
            or (prev is not None and prev.lower_ in AGENCY_WORDS)
            or (nxt is not None and nxt.lower_ in AGENCY_WORDS)
            or (
                nxt is not None
                and after_nxt is not None
                and nxt.lower_ == "news"
                and after_nxt.lower_ in AGENCY_WORDS
            )
        )
        if agency:
            found.append(_Cand(tok.idx, tok.idx + len(tok.text), "ORG", "rule"))
    return found


def is_title_case_line(text: str, offset: int) -> bool:
    """True when the line holding ``offset`` is a headline: title case, no final full stop."""
    return text.rfind("\n", 0, offset) + 1 in _title_case_line_starts(text)


@lru_cache(maxsize=16)
def _title_case_line_starts(text: str) -> frozenset[int]:
    starts = set()
    offset = 0
    for line in text.split("\n"):
        words = [w for w in line.split() if len(w) > 3 and w[:1].isalpha()]
        if (
            len(words) >= 4
            and not line.rstrip().rstrip("\"'”’)").endswith((".", "!", "?", ":"))
            and sum(1 for w in words if w[:1].isupper()) >= 0.8 * len(words)
        ):
            starts.add(offset)
        offset += len(line) + 1
    return frozenset(starts)


def _trim_headline_names(cands: list[_Cand], text: str) -> list[_Cand]:
    """In title-case headlines, cut names to a name known from the body ("Kim Leaves" → "Kim")
    and drop one-off person names ("Gift"), which are capitalised common words."""
    headline = [is_title_case_line(text, c.start) for c in cands]
    known: dict[str, set[str]] = {}
    for c, head in zip(cands, headline, strict=True):
        if not head:
            known.setdefault(c.label, set()).add(text[c.start : c.end])
    kept: list[_Cand] = []
    for c, head in zip(cands, headline, strict=True):
        if not head or c.label not in NAME_LABELS:
            kept.append(c)
            continue
        names = known.get(c.label, set())
        span = text[c.start : c.end]
        if span in names:
            kept.append(c)
            continue
        prefixes = [n for n in names if span.startswith(n + " ")]
        if prefixes:
            c.end = c.start + len(max(prefixes, key=len))
            kept.append(c)
        elif c.label != "PERSON":
            kept.append(c)
    return kept


def _reporting_names(doc: Doc) -> list[_Cand]:
    """A lone capitalised name that "reported" something is a news outlet ("Valpress reported")."""
    found: list[_Cand] = []
    lower = doc_column(doc, "lower_")
    for i in range(2, len(doc)):
        if lower[i] not in {"reported", "reports"}:
            continue
        tok, prev = doc[i - 1], doc[i - 2]
        if (
            tok.is_title
            and tok.is_alpha
            and tok.ent_type_ in {"", "ORG", "PRODUCT", "WORK_OF_ART", "FAC"}
            and not prev.text[:1].isupper()
            and tok.lower_ not in TITLES
        ):
            found.append(_Cand(tok.idx, tok.idx + len(tok.text), "ORG", "rule"))
    return found


def _fix_facilities(cands: list[_Cand], text: str) -> list[_Cand]:
    """PERSON spans ending in a facility noun ("Vostochny Cosmodrome") are facilities, and
    those named as a ship ("INS Sukanya", "warship Sukanya") are vessels: no one speaks
    for them, and "the officer" does not stand for them."""
    for c in cands:
        if c.label == "PERSON":
            last = text[c.start : c.end].split()[-1].lower()
            if last in FACILITY_HEADS:
                c.label = "FAC"
            elif _VESSEL.search(text[max(0, c.start - 20) : c.start] + text[c.start : c.end]):
                c.label = "PRODUCT"
    return cands


# a ship's prefix or a word for a ship right before its name, or opening the name
_VESSEL = re.compile(
    r"\b(?:INS|USS|USNS|HMS|HMCS|HMAS|HMNZS|RFA|MV|M/V|MT|RMS|SS|PNS|TCG|ROKS|"
    r"(?i:warship|ship|vessel|frigate|destroyer|corvette|cruiser|carrier|tanker|freighter|"
    r"trawler|submarine|yacht|ferry|liner))\s+[A-Z]\w*(?:\s+[A-Z]\w*)*$"
)


def _split_pairs(cands: list[_Cand], text: str) -> list[_Cand]:
    """A mention of two names the article also gives apart ("Locke and Salazar" after "Gary
    Locke" and "Ken Salazar") is two mentions, each labelled as the article names it alone;
    "Fish and Wildlife Service" stays one ("Fish" is no name of the article)."""
    alone: dict[str, str] = {}
    for c in cands:
        name = text[c.start : c.end]
        if " and " not in name:
            alone.setdefault(name, c.label)
            words = name.split()
            if c.label == "PERSON" and len(words) > 1:
                alone[words[-1]] = "PERSON"
    out = []
    for c in cands:
        first, joined, second = text[c.start : c.end].partition(" and ")
        if not joined or " and " in second or first not in alone or second not in alone:
            out.append(c)
            continue
        middle = c.start + len(first) + len(joined)
        out.append(_Cand(c.start, c.start + len(first), alone[first], c.source))
        out.append(_Cand(middle, c.end, alone[second], c.source))
    return out


def _relabel_surnames(cands: list[_Cand], text: str) -> None:
    """A one-word name equal to a PERSON's surname in the same article is that PERSON."""
    surnames = {
        text[c.start : c.end].split()[-1]
        for c in cands
        if c.label == "PERSON" and len(text[c.start : c.end].split()) > 1
    }
    votes: Counter[tuple[str, str]] = Counter((text[c.start : c.end], c.label) for c in cands)
    for c in cands:
        name = text[c.start : c.end]
        if (
            c.label in {"GPE", "LOC", "ORG", "NORP", "FAC"}
            and " " not in name
            and (name in surnames or votes[(name, "PERSON")] > votes[(name, c.label)])
        ):
            c.label = "PERSON"


def _propagate(cands: list[_Cand], text: str) -> list[_Cand]:
    """Further occurrences of recognised person/organisation names that NER missed."""
    names: dict[str, str] = {}
    for c in cands:
        if c.label in {"PERSON", "ORG"}:
            name = text[c.start : c.end]
            if len(name) >= 3 and name[:1].isupper():
                names.setdefault(name, c.label)
                parts = name.split()
                if c.label == "PERSON" and len(parts) > 1 and len(parts[-1]) >= 3:
                    names.setdefault(parts[-1], "PERSON")
    if not names:
        return []
    # The matches of the alternation (?<![\w-])(?:longest|...|shortest)(?![\w-]) over the text,
    # found with str.find (compiling a new regex for every article costs more than the search).
    order = sorted(names, key=len, reverse=True)
    first_name: dict[int, str] = {}  # start -> the first name in ``order`` standing alone there
    for name in order:
        start = text.find(name)
        while start >= 0:
            alone = _outside_name(text, start - 1) and _outside_name(text, start + len(name))
            if alone and start not in first_name:
                first_name[start] = name
            start = text.find(name, start + 1)
    found: list[_Cand] = []
    end = 0
    for start in sorted(first_name):
        if start >= end:  # matches do not overlap: scanning resumes after each one
            name = first_name[start]
            end = start + len(name)
            found.append(_Cand(start, end, names[name], "propagated"))
    return found


def _outside_name(text: str, i: int) -> bool:
    """Whether ``text[i]`` cannot continue a name: off the text, or not a word char nor "-"."""
    if i < 0 or i >= len(text):
        return True
    ch = text[i]
    return not (ch.isalnum() or ch == "_" or ch == "-")


def _merge(
    cands: list[_Cand], extra: list[_Cand], *, relabel: bool = False, override: bool = False
) -> list[_Cand]:
    """Add ``extra`` spans that do not overlap existing ones.

    With ``relabel``, an extra span that exactly covers an existing one replaces its label.
    With ``override``, an extra span replaces the non-PERSON spans it overlaps. A rule span
    that strictly contains the spans it overlaps replaces them.
    """
    index = _SpanIndex(cands)
    for new in sorted(extra, key=lambda c: (c.start, -(c.end - c.start))):
        clash = index.overlapping(new)
        if not clash:
            index.add(new)
        elif override and all(c.label != "PERSON" for c in clash):
            index.replace(clash, new)
        elif relabel and len(clash) == 1 and (clash[0].start, clash[0].end) == (new.start, new.end):
            clash[0].label = new.label
        elif new.source == "rule" and all(
            new.start <= c.start and c.end <= new.end and (c.end - c.start) < (new.end - new.start)
            for c in clash
        ):
            index.replace(clash, new)
    return index.items


class _SpanIndex:
    """Spans sorted by start, for fast overlap queries."""

    def __init__(self, items: list[_Cand]) -> None:
        self.items = sorted(items, key=lambda c: c.start)
        self.starts = [c.start for c in self.items]
        self.longest = max((c.end - c.start for c in self.items), default=0)

    def overlapping(self, new: _Cand) -> list[_Cand]:
        found = []
        j = bisect.bisect_left(self.starts, new.end) - 1
        while j >= 0 and self.items[j].start >= new.start - self.longest:
            if self.items[j].end > new.start:
                found.append(self.items[j])
            j -= 1
        return found

    def add(self, new: _Cand) -> None:
        j = bisect.bisect_right(self.starts, new.start)
        self.items.insert(j, new)
        self.starts.insert(j, new.start)
        self.longest = max(self.longest, new.end - new.start)

    def replace(self, old: list[_Cand], new: _Cand) -> None:
        gone = {id(c) for c in old}
        self.items = [c for c in self.items if id(c) not in gone]
        self.starts = [c.start for c in self.items]
        self.add(new)
