"""Evaluate attribution (source, cue, content spans) on PolNeAR-style brat annotations.

Layout read: ``DIR/<split>/text/<name>.txt`` and ``DIR/<split>/attributions/<name>_<annotator>.ann``
(brat standoff: ``T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>``). Where several
annotators labelled one document, the first annotator file in sorted order is the gold standard.
Discontinuous spans are scored as their covering span.

Scores are span F1 per role, both exact (same offsets after trimming whitespace, no-break spaces
included, and trailing punctuation) and overlap (one-to-one matching of predicted to gold spans
that share a character).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from storylens.analyse.attributed import Attribution
from storylens.analyse.attribution import find_attributions
from storylens.analyse.quotemarks import quote_spans
from storylens.errors import InputError

ROLES = ("source", "cue", "content")
_LABELS = {"Source": "source", "Cue": "cue", "Content": "content"}
_TRIM = " \t\r\n.,;:"

Spans = dict[str, list[tuple[int, int]]]


@dataclass(slots=True)
class GoldDocument:
    """One annotated document: its text and the gold spans per role."""

    name: str
    text: str
    spans: Spans = field(default_factory=dict)


@dataclass(slots=True)
class Counts:
    """True positives and totals for one role under one matching rule."""

    tp_pred: int = 0
    tp_gold: int = 0
    pred: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float]:
        p = self.tp_pred / self.pred if self.pred else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(100 * p, 1),
            "recall": round(100 * r, 1),
            "f1": round(100 * f, 1),
        }


def parse_ann(text: str) -> Spans:
    """Gold Source/Cue/Content spans from a brat standoff file's text."""
    spans: Spans = {role: [] for role in ROLES}
    for line in text.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        role = _LABELS.get(label)
        if role is None:
            continue
        pieces = [p.split() for p in offsets.split(";")]
        try:
            starts = [int(p[0]) for p in pieces]
            ends = [int(p[1]) for p in pieces]
        except (ValueError, IndexError):
            continue
        spans[role].append((min(starts), max(ends)))
    return spans


def load_split(root: Path, split: str = "dev") -> list[GoldDocument]:
    """Every document of ``split`` with its gold spans (first annotator where several)."""
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(str(root), f"no {split}/text and {split}/attributions folders here")
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(name, ann)
    docs: list[GoldDocument] = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann_path = anns.get(txt.stem)
        if ann_path is None:
            continue
        try:
            text = txt.read_text(encoding="utf-8")
            spans = parse_ann(ann_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                str(txt), f"cannot read the document or its annotations: {exc}"
            ) from exc
        docs.append(GoldDocument(txt.stem, text, spans))
    if not docs:
        raise InputError(str(root), f"no annotated documents in {split}")
    return docs


def predicted_spans(attributions: Iterable[Attribution], text: str = "") -> Spans:
    """Source, cue and content spans of predicted attributions, as PolNeAR labels them.

    PolNeAR gives every token at most one role in at most one attribution, so an attribution
    reported inside another's content ("Peskov said Kim had told him ...": "told" is inside
    what Peskov said) is never labelled; only the outermost ones are scored (see
    :func:`outermost`). Hedging verbs ("appears to", "is expected to") are attributions with
    no source, unless they are part of a report's cue ("seemed to mock"); hedging adverbs
    ("reportedly") are not labelled and not scored.
    """
    scored = [a for a in attributions if a.kind != "hedge" or a.verb >= 0]
    # "Cruz seemed to mock the plan": the hedging verb is part of the report's cue
    cues = [(a.cue_start, a.cue_end) for a in scored if a.kind != "hedge"]
    scored = [
        a for a in scored if a.kind != "hedge" or not any(s <= a.cue_start < e for s, e in cues)
    ]
    spans: Spans = {role: [] for role in ROLES}
    for a in outermost(scored, text):
        spans["cue"].append((a.cue_start, a.cue_end))
        # "which he said was unsafe": PolNeAR's content covers the relative word
        start = a.gap_start if 0 <= a.gap_start < a.content_start else a.content_start
        spans["content"].append((start, a.content_end))
        if a.source_start is not None and a.source_end is not None:
            spans["source"].append((a.source_start, a.source_end))
    return spans


def outermost(attributions: list[Attribution], text: str = "") -> list[Attribution]:
    """The attributions whose cue lies inside no other attribution's content.

    With the text, a direct content made of several quotations (“A,” she said, adding that
    ... “B.”) holds only its quotations: a cue between them is not inside it.
    """
    pieces = {id(a): _pieces(a, text) for a in attributions}
    return [
        a
        for a in attributions
        if not any(
            b is not a and any(s <= a.cue_start and a.cue_end <= e for s, e in pieces[id(b)])
            for b in attributions
        )
    ]


def _pieces(att: Attribution, text: str) -> list[tuple[int, int]]:
    whole = [(att.content_start, att.content_end)]
    if not text or not att.direct:
        return whole
    inner = quote_spans(text[att.content_start : att.content_end])
    if len(inner) < 2:
        return whole
    return [(att.content_start + s, att.content_start + e) for s, e in inner]


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    return start, end


def _count(
    text: str,
    pred: list[tuple[int, int]],
    gold: list[tuple[int, int]],
    exact: Counts,
    loose: Counts,
) -> None:
    pset = sorted({_trim(text, s) for s in pred})
    gset = sorted({_trim(text, s) for s in gold})
    gold_exact = set(gset)
    hits = sum(1 for s in pset if s in gold_exact)
    exact.tp_pred += hits
    exact.tp_gold += hits
    exact.pred += len(pset)
    exact.gold += len(gset)
    used: set[int] = set()
    for ps, pe in pset:
        for k, (gs, ge) in enumerate(gset):
            if k not in used and ps < ge and gs < pe:
                used.add(k)
                break
    loose.tp_pred += len(used)
    loose.tp_gold += len(used)
    loose.pred += len(pset)
    loose.gold += len(gset)


def evaluate(
    docs: list[GoldDocument],
    nlp: Language,
    *,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Span P/R/F1 per role, exact and overlap, plus throughput."""
    exact = {role: Counts() for role in ROLES}
    loose = {role: Counts() for role in ROLES}
    started = time.perf_counter()
    words = 0
    pairs = nlp.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=16)
    for doc, gold in pairs:
        words += _score_doc(doc, gold.spans, exact, loose)
        if progress is not None:
            progress(1)
    elapsed = time.perf_counter() - started
    return {
        "documents": len(docs),
        "exact": {role: exact[role].scores() for role in ROLES},
        "overlap": {role: loose[role].scores() for role in ROLES},
        "gold": {role: exact[role].gold for role in ROLES},
        "predicted": {role: exact[role].pred for role in ROLES},
        "seconds": round(elapsed, 2),
        "words": words,
    }


def _score_doc(doc: Doc, gold: Spans, exact: dict[str, Counts], loose: dict[str, Counts]) -> int:
    pred = predicted_spans(find_attributions(doc), doc.text)
    for role in ROLES:
        _count(doc.text, pred[role], gold[role], exact[role], loose[role])
    return sum(1 for t in doc if not t.is_punct and not t.is_space)
