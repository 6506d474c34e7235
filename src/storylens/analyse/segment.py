"""Split claims into the separate facts their subordinate clauses state.

One clause can carry a second fact: "the krona rose 1.2 percent *after Halas and
Marant signed the accord*", "caved on Saturday, *signing an accord* *that hands
Ostrena 60 percent of the flow*". Other outlets state those facts on their own, so
for alignment each adverbial or relative clause with its own verb becomes a claim
of its own (``id`` = parent id + ``.1``, ``.2`` ...; span = the clause, a sub-span of
the parent's text; attribution and hedging inherited; arguments and numbers kept
where they fall inside). The rest of the parent stays one claim; its span stays
the parent's, and the text used to compare it leaves the split-off clauses out.

A sentence the extracted claims mostly miss (an unusual construction, a hedged
verb) has its uncovered part kept as one claim of its own (``id`` = article id +
``:s`` + sentence number), so that what only one outlet says is never silently
dropped from the omission view; such claims carry no arguments, so they can agree
but never conflict.

A conditional clause ("if they pass the screening") states no fact and stays with its
parent.

Stage name ``"segment.clauses.v2"``; reads each claim's tokens in the parse of its whole
article, the parse the claims were extracted from (``v1`` parsed each claim's text again
on its own, which cost about a seventh of the analysis).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from storylens.types import Analysis, Argument, Claim

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

STAGE = "segment.clauses.v2"
SPLIT_DEPS = frozenset({"advcl", "relcl"})
CONDITIONS = frozenset({"if", "unless"})  # markers of a clause that states no fact
LIST_VERBS = frozenset({"include", "comprise", "contain", "accord", "follow", "involve"})
MIN_WORDS = 4  # a clause shorter than this stays with its parent
MIN_CLAIM_WORDS = 10  # claims shorter than this are never split
MIN_SENTENCE_WORDS = 6  # uncovered sentences shorter than this are not kept as claims


@dataclasses.dataclass(slots=True)
class Segmented:
    """Claims after splitting, with the text to compare each one by."""

    analyses: list[Analysis]
    focus: dict[str, str]  # claim id -> text for similarity (clauses removed from parents)
    parent: dict[str, str]  # split-off claim id -> parent claim id
    sentence_claims: set[str] = dataclasses.field(default_factory=set)  # uncovered sentences


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
        negated=any(c.dep_ == "neg" for c in head.children),
        arguments={r: a for r, a in parent.arguments.items() if _inside(a, start, end)},
        quantities=[q for q in parent.quantities if _inside(q, start, end)],
        sentence=parent.sentence,
    )


def _split(claim: Claim, span: Span) -> tuple[list[Claim], str]:
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
    focus = _tidy("".join(t.text_with_ws for t in main_tokens))
    return [main, *children], focus


def _tidy(text: str) -> str:
    """Close the gaps left by removed clauses (", ," -> ",", " ." -> ".")."""
    text = re.sub(r"\s*,(\s*,)+", ",", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return " ".join(text.split()).strip(" ,;")


def _gaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` no span covers."""
    gaps, pos = [], start
    for s, e in sorted(spans):
        if e <= pos or s >= end:
            continue
        if s > pos:
            gaps.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        gaps.append((pos, end))
    return gaps


_REPORTING = re.compile(
    r"\b(?:said|says|reported|reports|told|according to|added|wrote|stated|announced)\b",
    re.IGNORECASE,
)


def _attribution_leftover(body: str, words: int) -> bool:
    """'” TASS reported on Sunday, according to a translation by ...': who said, not what."""
    if body[:1] in '”’"»':
        return True
    quoted = any(mark in body for mark in '“«"')
    return words <= 14 and not quoted and bool(_REPORTING.search(body))


def uncovered_sentences(analysis: Analysis) -> list[Claim]:
    """A claim for the uncovered part of every sentence that claims mostly miss.

    The longest stretch of the sentence outside every claim becomes a claim when it
    holds at least half of the sentence's words (so attribution phrases such as
    "TASS reported on Sunday" left over beside a claim do not qualify).
    """
    text = analysis.article.text
    spans = [(c.start, c.end) for c in analysis.claims]
    out = []
    for n, (start, end) in enumerate(analysis.sentences):
        total = len(text[start:end].split())
        gaps = _gaps(start, end, spans)
        if not gaps or not total:
            continue
        lo, hi = max(gaps, key=lambda g: len(text[g[0] : g[1]].split()))
        while lo < hi and (text[lo].isspace() or text[lo] in ",;:–—-"):
            lo += 1
        while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ",;:–—-"):
            hi -= 1
        body = text[lo:hi]
        words = len(body.split())
        if words < MIN_SENTENCE_WORDS or 2 * words < total:
            continue
        if body.rstrip("”\"’' ").endswith("?") or _attribution_leftover(body, words):
            continue
        out.append(
            Claim(
                id=f"{analysis.article.id}:s{n}",
                article=analysis.article.id,
                start=lo,
                end=hi,
                text=body,
                sentence=n,
            )
        )
    return out


def merge_segmented(parts: Sequence[Segmented]) -> Segmented:
    """One :class:`Segmented` from several (segmentation works article by article)."""
    merged = Segmented(analyses=[], focus={}, parent={}, sentence_claims=set())
    for part in parts:
        merged.analyses.extend(part.analyses)
        merged.focus.update(part.focus)
        merged.parent.update(part.parent)
        merged.sentence_claims |= part.sentence_claims
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
    parent: dict[str, str] = {}
    extra: set[str] = set()
    for analysis, doc in zip(analyses, docs, strict=True):
        claims: list[Claim] = []
        for added in uncovered_sentences(analysis):
            focus[added.id] = added.text
            extra.add(added.id)
            claims.append(added)
        for claim in analysis.claims:
            found = _claim_span(claim, doc) if len(claim.text.split()) >= MIN_CLAIM_WORDS else None
            parts, main_focus = _split(claim, found) if found is not None else ([claim], claim.text)
            focus[claim.id] = main_focus
            for child in parts[1:]:
                focus[child.id] = child.text
                parent[child.id] = claim.id
            claims.extend(parts)
        claims.sort(key=lambda c: (c.start, -c.end))
        out.append(dataclasses.replace(analysis, claims=claims))
    return Segmented(analyses=out, focus=focus, parent=parent, sentence_claims=extra)


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
        return list(nlp.pipe(texts))
