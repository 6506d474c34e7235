"""Statements: the rows a comparison shows, one per sentence, with their part claims.

A row must make sense on its own, so the unit a comparison groups and labels is the
*statement*: a sentence of the article (``id`` = article id + ``:s`` + sentence number;
span = the sentence without a leading conjunction), never a relative clause, a participle
phrase or a piece of a quote. A piece the sentence splitter cut off ("” he said.", a
lower-case start, "which ...") joins the statement before it.

Inside each statement sit its *parts*: the atomic claims the claim extractor found (one
predicate each, with arguments, numbers and attribution), split further at adverbial and
relative clauses that state a second fact ("the krona rose 1.2 percent *after Halas and
Marant signed the accord*"; part ``id`` = claim id + ``.1``, ``.2`` ...; the rest of the
claim is compared without the split-off clauses). Alignment matches statements both as
wholes and part by part, so two sentences that share one fact among others are found;
conflicts are looked for between parts, whose arguments say what differs. A part has no
label of its own: it shares its statement's group.

A conditional clause ("if they pass the screening") states no fact and is not split off.

A statement takes its predicate and flags from its longest part that is not a relative
clause: "Kim, who had not left his country since 2020, departed on Sunday" is no denial.

Stage name ``"segment.statements.v6"`` (``v5`` gave no source to a quotation with no claim
before its tag; ``v4`` took the source of a sentence whose only claim is a relative clause
aside from that aside; ``v3`` dropped every question, also one someone is reported asking;
``v2`` read a verb joined to a relative clause and a participial clause as the main one;
``v1`` took them from the longest part of any kind; ``segment.clauses.v2`` made each clause a
row).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence, Set
from typing import TYPE_CHECKING, Any

from storylens.analyse.dates import STAMP_NAMES, only_a_time
from storylens.analyse.focus import (
    name_antecedent,
    named_subject,
    read_gap,
    relative_parts,
    resolved,
)
from storylens.analyse.headlines import parse_text, runs_on
from storylens.analyse.hedges import hedged_words
from storylens.analyse.mainclause import take_main_clause
from storylens.analyse.negation import clause_negated, denied_words
from storylens.analyse.numbers import find_quantities, lost_sign
from storylens.analyse.pieces import (
    ENDS,
    MAX_QUOTE_ROW_WORDS,
    MIN_WORDS,
    RELATIVES,
    continues,
    first_word,
    lines,
    sentence_bounds,
)
from storylens.analyse.quotemarks import quote_open
from storylens.datelines import DATELINE
from storylens.types import Analysis, Argument, Claim, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

STAGE = "segment.statements.v25"
SPLIT_DEPS = frozenset({"advcl", "relcl"})
CONDITIONS = frozenset({"if", "unless"})  # markers of a clause that states no fact
LIST_VERBS = frozenset({"include", "comprise", "contain", "accord", "follow", "involve"})
MIN_CLAIM_WORDS = 10  # claims shorter than this are never split


@dataclasses.dataclass(slots=True)
class Segmented:
    """Claims after splitting, with the text to compare each one by."""

    analyses: list[Analysis]  # their claims are the statements
    focus: dict[str, str]  # part claim id -> text for similarity (clauses removed from parents)
    sentence_claims: set[str] = dataclasses.field(default_factory=set)  # statements, no parts
    parts: dict[str, list[Claim]] = dataclasses.field(default_factory=dict)  # statement -> parts
    # statement -> lemmas of its verbs, nouns and adjectives (what events it names)
    lemmas: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)


def _words(tokens: Iterable[Token]) -> int:
    return sum(1 for t in tokens if not (t.is_punct or t.is_space))


def _split_points(span: Span) -> list[Token]:
    points = []
    for tok in span:
        if tok.dep_ not in SPLIT_DEPS or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if tok.tag_ in {"VB", "TO"}:  # "to monitor the river": a purpose, not a second fact
            continue
        if tok.lemma_.lower() in LIST_VERBS:  # "gifts including five drones": the theme itself
            continue
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in tok.children):
            continue  # "if they pass the screening": a condition, not a second fact
        sub = _within(tok.subtree, span)
        rest = len(span) - len(sub)
        if _words(sub) >= MIN_WORDS and rest >= 3:
            points.append(tok)
    return points


def _within(tokens: Iterable[Token], span: Span) -> list[Token]:
    return [t for t in tokens if span.start <= t.i < span.end]


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth


def _assign(span: Span, points: Sequence[Token]) -> list[int]:
    """Segment index per token of the span: 0 for the main clause, k for the k-th split
    point."""
    owner = [0] * len(span)
    for k, tok in sorted(enumerate(points, start=1), key=lambda kt: _depth(kt[1])):
        for t in _within(tok.subtree, span):
            owner[t.i - span.start] = k
    return owner


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].dep_ == "cc"  # "... for Mr. Macron and": the rest of the list lies outside
        or ((tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in {"”", '"'})
    ):
        tokens = tokens[:-1]
    return tokens


def _inside(arg: Argument, start: int, end: int) -> bool:
    return start <= arg.start and arg.end <= end


def _child_claim(parent: Claim, k: int, tokens: list[Token], head: Token) -> Claim:
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = parent.text[start - parent.start : end - parent.start]
    return Claim(
        id=f"{parent.id}.{k}",
        article=parent.article,
        start=start,
        end=end,
        text=text,
        predicate=head.lemma_.lower(),
        attributed_to=list(parent.attributed_to),
        hedged=parent.hedged,
        negated=clause_negated(head),
        arguments={r: a for r, a in parent.arguments.items() if _inside(a, start, end)},
        quantities=[q for q in parent.quantities if _inside(q, start, end)],
        sentence=parent.sentence,
    )


def _split(
    claim: Claim, span: Span, focus_of: dict[str, str] | None = None
) -> tuple[list[Claim], str]:
    focus_of = focus_of if focus_of is not None else {}
    points = _split_points(span)
    if not points:
        return [claim], claim.text
    owner = _assign(span, points)
    children: list[Claim] = []
    holes: list[tuple[int, int]] = []
    kept: set[int] = set()
    for k, head in enumerate(points, start=1):
        tokens = _trim([t for t in span if owner[t.i - span.start] == k])
        if _words(tokens) < MIN_WORDS:
            continue
        child = _child_claim(claim, len(children) + 1, tokens, head)
        children.append(child)
        focus_of[child.id] = resolved(tokens, head)
        holes.append((child.start, child.end))
        kept.add(k)
    main_tokens = _trim([t for t in span if owner[t.i - span.start] not in kept])
    if not children or _words(main_tokens) < 3:
        return [claim], claim.text
    main = dataclasses.replace(
        claim,
        arguments=dict(claim.arguments),
        quantities=[q for q in claim.quantities if not any(_inside(q, *h) for h in holes)],
    )
    focus = tidy("".join(t.text_with_ws for t in main_tokens))
    return [main, *children], focus


def _quoted(statement: Claim, quotes: Sequence[Quote]) -> Claim:
    """A statement no claim gave a source, inside a quotation with a speaker, is that
    speaker's ("“The connection was very good,” Mr. Youn said. “It was as if talking to a
    neighbor right next door.”": the second sentence is Youn's too)."""
    if statement.attributed_to:
        return statement
    for quote in quotes:
        if quote.speaker and quote.start <= statement.start + 2 and statement.end <= quote.end + 2:
            return dataclasses.replace(statement, attributed_to=[quote.speaker])
    return statement


def tidy(text: str) -> str:
    """Close the gaps left by removed clauses (", ," -> ",", " ." -> ".")."""
    text = re.sub(r"\s*,(\s*,)+", ",", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return " ".join(text.split()).strip(" ,;")


def _relative(part: Claim, relative: Set[str] = frozenset()) -> bool:
    """A relative clause, or a verb joined to one ("who was the mission manager, and retired
    after decades of studying the country": "retired" is told of "who" too); ``relative``
    holds the parts the parse reads so ("projects that might harm wildlife")."""
    agent = part.arguments.get("agent")
    subject = agent.text.casefold() if agent is not None else ""
    return (
        part.id in relative or first_word(part.text).casefold() in RELATIVES or subject in RELATIVES
    )


def _participle(part: Claim) -> bool:
    """A participial clause hung on the sentence ("…, pointing to an increase in …")."""
    first = first_word(part.text)
    verb = part.arguments.get("predicate")
    return first.islower() and first.endswith("ing") and verb is not None and verb.text == first


def _main_part(inside: Sequence[Claim], relative: Set[str] = frozenset()) -> Claim | None:
    """The part a statement takes its predicate and flags from: its longest part that is
    neither a relative clause ("who had not left his country") nor a participial clause
    ("Dermer said Iran is not being hurt by the deal, pointing to …": said by Dermer), else
    its longest part that is not a relative clause, else its longest part."""
    if not inside:
        return None
    free = [p for p in inside if not _relative(p, relative)] or list(inside)
    free = [p for p in free if not _participle(p)] or free
    return max(free, key=lambda p: (p.end - p.start, -p.start))


def statements(
    analysis: Analysis, parts: Sequence[Claim], relative: Set[str] = frozenset()
) -> list[tuple[Claim, list[Claim]]]:
    """One statement per sentence, with the part claims inside it.

    A piece the sentence splitter cut off (see :func:`continues`) joins the statement
    before it, so the span grows to cover both; a question with no claim in it is left
    out. The statement takes its predicate, arguments, attribution and flags from its
    longest part that is not a relative clause (see :func:`_main_part`), and every number
    of every part."""
    text = analysis.article.text
    found: list[list[Any]] = []  # [start, end, id suffix, sentence number, parts]
    for n, (s, e) in enumerate(analysis.sentences):
        for k, (ps, pe) in enumerate(lines(text, s, e)):
            start, end = sentence_bounds(text, ps, pe)
            if start >= end:
                continue
            inside = [p for p in parts if ps <= p.start < pe]
            body = text[start:end]
            piece = text[ps:end].lstrip()
            # a piece cut off the sentence before it, in the same paragraph
            cut_off = continues(piece, len(piece.split()))
            if found and not cut_off:  # the one before stopped mid-sentence ("“The leader of")
                before = text[found[-1][0] : found[-1][1]]
                # or inside a quotation that goes on: the quotation's sentences are one row
                paragraph = text[text.rfind("\n", 0, found[-1][0]) + 1 : found[-1][1]]
                cut_off = (
                    not ENDS.search(before)
                    or (quote_open(paragraph) and len(before.split()) < MAX_QUOTE_ROW_WORDS)
                    or lost_sign(before, piece)
                )
            if found and cut_off and runs_on(text, found[-1][1], start):
                found[-1][1] = max(found[-1][1], end)
                found[-1][4].extend(inside)
                continue
            if (
                not inside
                and body.rstrip("”\"’' ").endswith("?")
                and not _speaker(analysis, start, end)
                and not lost_sign(body, text[end:])
            ):
                continue  # a question, unless someone is reported asking it ("Lammy asked: …")
            line = DATELINE.match(body)
            if not inside and line and not text[start + line.end() :].split("\n", 1)[0].strip():
                continue  # a dateline on a line of its own ("Mumbai, Nov 11 -")
            suffix = f"s{n}" if k == 0 else f"s{n}-{k}"
            found.append([start, end, suffix, n, inside])
    out = []
    for start, end, suffix, n, inside in found:
        body = text[start:end]
        if len(body.split()) < MIN_WORDS or only_a_time(body, STAMP_NAMES if not inside else 0):
            continue
        main = _main_part(inside, relative)
        gap = _largest_gap(text, start, end, inside)
        # a relative clause speaks for the sentence only when nothing else of it is left:
        # "Kim, who had not left his country since 2020, departed on Sunday" denies nothing
        aside = main is not None and gap is not None and _relative(main, relative)
        # whose it is: the main part's source; a sentence no claim reads the main clause of
        # ("Brown said she was "heartbroken" over the death of her granddaughter, who had
        # four children") is the speaker's whose words make up most of that clause
        voice = _main_part(inside)  # (a "that" clause read as relative may be the words said)
        source = list(voice.attributed_to) if voice else _speaker(analysis, start, end)
        if not source and gap is not None and voice is not None and _relative(voice):
            source = _speaker(analysis, *gap)
        # beside a relative clause, the words no claim read tell whether it is hedged
        rest = text[gap[0] : gap[1]] if aside and gap is not None else body
        numbers: dict[tuple[int, int], Argument] = {}
        for p in inside:
            for q in p.quantities:
                numbers.setdefault((q.start, q.end), q)
        statement = Claim(
            id=f"{analysis.article.id}:{suffix}",
            article=analysis.article.id,
            start=start,
            end=end,
            text=body,
            predicate=main.predicate if main and not aside else "",
            attributed_to=source,
            hedged=main.hedged if main and not aside else hedged_words(rest),
            negated=main.negated if main and not aside else denied_words(rest),
            arguments=dict(main.arguments) if main and not aside else {},
            quantities=sorted(numbers.values(), key=lambda q: q.start),
            sentence=n,
        )
        pieces = list(inside)
        if gap is not None and inside:
            pieces.append(
                Claim(
                    id=f"{statement.id}.g",
                    article=statement.article,
                    start=gap[0],
                    end=gap[1],
                    text=text[gap[0] : gap[1]],
                    sentence=n,
                )
            )
        out.append((statement, sorted(pieces, key=lambda p: (p.start, -p.end))))
    return out


def _speaker(analysis: Analysis, start: int, end: int) -> list[str]:
    """Who says a sentence no claim was read in: the speaker of the quote that makes up
    most of it ("The goal is to cut imports and boost production, Ross said."), or that
    closes it after the speaker's cue."""
    best, most = "", 0
    for quote in analysis.quotes:
        inside = min(end, quote.end) - max(start, quote.start)
        cued = quote.cue_start is not None and start <= quote.cue_start < end
        cued = cued and quote.cue.casefold() in _SAID  # words said, not an act ("agreed")
        # most of the sentence, or all of it after the cue ('Lammy asked: "Anybody …?"'), or
        # all of it before its tag ('"NO proof or evidence," he wrote in an email to Reuters.')
        whole = inside * 2 >= end - start or (
            quote.direct and (quote.end >= end - 2 or quote.start <= start + 1)
        )
        if cued and whole and inside > most and not quote.speaker.islower():
            best, most = quote.speaker, inside  # the widest: "Moon said North Korea agreed"
    return [best] if best else []


_SAID = frozenset(
    {"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "tweeted"}
    | {"stated", "explained", "warned", "insisted", "argued", "noted", "announced"}
    | {"described", "claimed", "reported", "saying", "telling", "adding", "asked", "asks"}
)


def _largest_gap(text: str, start: int, end: int, parts: Sequence[Claim]) -> tuple[int, int] | None:
    """The longest stretch of ``[start, end)`` outside every part, when it holds at least
    ``MIN_WORDS`` words: a clause the claim extractor did not read ("Kim, who ...,
    departed from Russia on Sunday") is still compared."""
    gaps, pos = [], start
    for p in sorted(parts, key=lambda c: c.start):
        if p.start > pos:
            gaps.append((pos, p.start))
        pos = max(pos, p.end)
    if pos < end:
        gaps.append((pos, end))
    best: tuple[int, int] | None = None
    for lo, hi in gaps:
        while lo < hi and (text[lo].isspace() or text[lo] in ",;:–—-"):
            lo += 1
        while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ',;:–—-."'):
            hi -= 1
        words = len(text[lo:hi].split())
        if words >= MIN_WORDS and (best is None or words > len(text[best[0] : best[1]].split())):
            best = (lo, hi)
    return best


def merge_segmented(parts: Sequence[Segmented]) -> Segmented:
    """One :class:`Segmented` from several (segmentation works article by article)."""
    merged = Segmented(analyses=[], focus={}, sentence_claims=set())
    for part in parts:
        merged.analyses.extend(part.analyses)
        merged.focus.update(part.focus)
        merged.sentence_claims |= part.sentence_claims
        merged.parts.update(part.parts)
        merged.lemmas.update(part.lemmas)
    return merged


def segment_claims(analyses: Sequence[Analysis], docs: Sequence[Doc] | None = None) -> Segmented:
    """Split every long claim at its adverbial and relative clauses.

    ``docs`` are the parses the analyses were made from, in the same order; without them
    each article is parsed again here.
    """
    if docs is None:
        docs = _parse([a.article.text for a in analyses])
    out: list[Analysis] = []
    focus: dict[str, str] = {}
    bare: set[str] = set()
    parts_of: dict[str, list[Claim]] = {}
    lemmas: dict[str, frozenset[str]] = {}
    for analysis, doc in zip(analyses, docs, strict=True):
        parts: list[Claim] = []
        for claim in analysis.claims:
            found = _claim_span(claim, doc) if len(claim.text.split()) >= MIN_CLAIM_WORDS else None
            pieces, main_focus = (
                _split(claim, found, focus) if found is not None else ([claim], claim.text)
            )
            focus[claim.id] = main_focus
            for child in pieces[1:]:
                focus.setdefault(child.id, child.text)
            parts.extend(pieces)
        claims = []
        people = [m for m in analysis.mentions if m.label == "PERSON"]
        for statement, inside in statements(analysis, parts, relative_parts(parts, doc)):
            if _caption(statement, doc, analysis.article.text):
                continue
            statement = _quoted(statement, analysis.quotes)
            take_main_clause(statement, inside, doc, analysis.quotes)
            claims.append(statement)
            _all_numbers(statement, doc)
            lemmas[statement.id] = _content_lemmas(statement, doc)
            read = [read_gap(p, doc, focus) if p.id.endswith(".g") else p for p in inside]
            inside = [p for p in read if p is not None]
            if not statement.predicate:  # its main clause is one no claim read
                statement.predicate = next((p.predicate for p in inside if p.id.endswith(".g")), "")
            if len(inside) > 1:  # a condition states no fact: never matched on its own
                inside = [p for p in inside if not _conditional(p, doc)] or inside
            for part in inside:
                name_antecedent(part, doc, focus)
            parts_of[statement.id] = inside
            for claim in (statement, *inside):
                named = named_subject(focus.get(claim.id, claim.text), claim.start, people, doc)
                if named is not None:
                    focus[claim.id] = named
            if not inside:
                bare.add(statement.id)
        out.append(dataclasses.replace(analysis, claims=claims))
    return Segmented(analyses=out, focus=focus, sentence_claims=bare, parts=parts_of, lemmas=lemmas)


def _caption(statement: Claim, doc: Doc, text: str) -> bool:
    """Whether a statement is a photo caption: the first sentence of a line, ending in a
    full stop (a headline has none), with no verb that states anything ("Steel pipes
    at a factory in China.", "Families from the caravan waiting for a meal."; a scraper
    often runs the caption into the paragraph after it). It says what a picture shows, no
    fact an outlet reports."""
    line_start = text.rfind("\n", 0, statement.start) + 1
    body = statement.text.strip()
    if (
        text[line_start : statement.start].strip()
        or not body.endswith(".")
        or len(body.split()) > 40
        or any(q in body for q in '"“”‘’`')  # someone's words, not a caption
    ):
        return False
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    return span is not None and not any(
        t.tag_ in _FINITE or (t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBG")
        for t in span
    )


# a verb that states something; a caption has at most an "-ing" ("a family looking through")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "VBN", "MD"})


def _all_numbers(statement: Claim, doc: Doc) -> None:
    """Every number of the statement, also one outside its parts ("The six-day visit is
    the longest …": the parse gives the subject to no part)."""
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    have = list(statement.quantities)
    for q in find_quantities(span) if span is not None else ():
        if not any(h.start < q.end and q.start < h.end for h in have):
            statement.quantities.append(Argument(q.text, q.start, q.end, q.value, q.unit))
    statement.quantities.sort(key=lambda q: q.start)


_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ"})


def _content_lemmas(statement: Claim, doc: Doc) -> frozenset[str]:
    """The lower-case lemmas of the statement's verbs, nouns and adjectives ("struck",
    "quake", "dead" -> "strike", "quake", "dead"): the words that name its events."""
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(t.lemma_.lower() for t in span if t.pos_ in _CONTENT_POS)


def _conditional(part: Claim, doc: Doc) -> bool:
    """Whether the part is the clause of a condition ("if he meets Kim", "when and if the
    talks resume")."""
    span = doc.char_span(part.start, part.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    heads = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    marks = {c.lower_ for h in heads for c in h.children if c.dep_ == "mark"}
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if "until" in marks or before == "until":  # "until Microsoft produces a patch": not yet
        return any(h.tag_ in _NOT_YET or any(c.tag_ == "MD" for c in h.children) for h in heads)
    return bool(marks & CONDITIONS) or before in CONDITIONS


_NOT_YET = frozenset({"VBZ", "VBP", "VB"})  # an "until" clause in the present tells the future


def _claim_span(claim: Claim, doc: Doc) -> Span | None:
    """The claim's tokens in the parse of its article."""
    span = doc.char_span(claim.start, claim.end, alignment_mode="contract")
    if span is None or span.start_char != claim.start or not len(span):
        return None
    return span


def _parse(texts: Sequence[str]) -> list[Doc]:
    from storylens.models.nlp import get_nlp

    nlp = get_nlp()
    skip = [name for name in ("ner",) if name in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        return list(nlp.pipe(parse_text(t) for t in texts))
