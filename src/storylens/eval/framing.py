"""Evaluate the loaded-term detector on NewsWCL50 (word choice and labelling annotations).

NewsWCL50 covers 10 events, each reported by 5 US outlets spanning the political
spectrum (LL far left, L, M, R, RR far right). Annotators coded every mention of the
event's concepts (actors, countries, groups, events, ...) and, separately, *framing
properties* (``code_type`` PROPERTY: phrases that cast a concept as an aggressor, weak,
untrustworthy, ...). The annotations give a sentence index and the phrase; the texts are
the sentence-split articles of ``fulltext_luisgarchi/2-matched``.

The detector is the framing stage's (:func:`storylens.comparison.framing.find_loaded`: the
lexicon plus evaluative words, scare quotes and label choices), run on each article with the
other four outlets of its event as the baseline, exactly as a comparison of that event would.
The figures are:

- ``phrase``: precision, recall and F1 of our spans (the outlet's own words and quoted
  words alike, since annotators coded both) against PROPERTY phrases, counting a hit on
  any character overlap. ``precision_any`` also accepts overlap with a coded concept
  mention: labels such as "dictator" in "North Korean dictator" are coded as the actor's
  mention, which is exactly the word choice the detector is for.
- ``by_category``: flagged spans and precision per kind of cue.
- ``correlation``: Spearman rank correlation, over articles, between our loaded terms per
  1000 words of narration and the annotated PROPERTY phrases per 1000 words; ``within_event`` is the
  mean of the per-event correlations (5 outlets each), which controls for topic.
- ``by_orientation``: mean loaded terms (the outlet's own, per 1000 words of narration) and
  PROPERTY phrases (per 1000 words) per outlet orientation.
- ``held_out``: the same figures on events 5-9 alone (not read while curating).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from storylens.comparison.framing import (
    find_loaded,
    narration_word_count,
    story_baselines,
    word_count,
)
from storylens.comparison.framing_cues import Baseline
from storylens.comparison.lexicon import Lexicon, load_lexicon, quote_spans
from storylens.errors import ConfigError
from storylens.settings import Settings

ORIENTATIONS = ("LL", "L", "M", "R", "RR")
FRAMING_TYPE = "PROPERTY"
HELD_OUT_FROM = 5  # events 0-4 were read while curating the lexicon; 5-9 were not
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(slots=True)
class GoldSpan:
    start: int
    end: int
    code_type: str
    code_name: str
    text: str


@dataclass(slots=True)
class Document:
    """One annotated article: its text and the annotated phrases located in it."""

    id: str
    event: str
    orientation: str
    text: str
    gold: list[GoldSpan] = field(default_factory=list)
    unlocated: int = 0


def matched_dir(root: Path) -> Path:
    """The ``2-matched`` directory under a NewsWCL50 root (or ``root`` itself)."""
    for candidate in (root / "fulltext_luisgarchi" / "2-matched", root / "2-matched", root):
        if any(candidate.glob("event_*/orientation_*/*_sent.txt")):
            return candidate
    raise ConfigError(
        f"{root}: no NewsWCL50 articles found "
        "(expected fulltext_luisgarchi/2-matched/event_*/orientation_*/*_sent.txt)"
    )


def load_newswcl50(root: Path) -> list[Document]:
    """Every annotated article under ``root`` with its phrases as character spans."""
    docs = []
    for sent_file in sorted(matched_dir(root).glob("event_*/orientation_*/*_sent.txt")):
        name = sent_file.name[: -len("_sent.txt")]
        ann_file = sent_file.with_name(f"{name}_annotations.csv")
        if not ann_file.is_file():
            raise ConfigError(f"{ann_file}: annotation file missing for {sent_file.name}")
        docs.append(_document(name, sent_file, ann_file))
    return docs


def _document(name: str, sent_file: Path, ann_file: Path) -> Document:
    try:
        sentences = sent_file.read_text(encoding="utf-8").split("\n")
        rows = list(csv.DictReader(ann_file.read_text(encoding="utf-8").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"{sent_file.parent}: cannot read NewsWCL50 files: {exc}") from exc
    offsets, pos = [], 0
    for sentence in sentences:
        offsets.append(pos)
        pos += len(sentence) + 1
    event, _, orientation = name.partition("_")
    doc = Document(name, event, orientation, "\n".join(sentences))
    for row in rows:
        span = _locate(row, sentences, offsets)
        if span is None:
            doc.unlocated += 1
        else:
            doc.gold.append(span)
    return doc


def _locate(row: dict[str, str], sentences: list[str], offsets: list[int]) -> GoldSpan | None:
    """Find the annotated phrase in its sentence (nearest to its token index)."""
    try:
        index, token = int(row["sentence"]), int(row["start"])
        phrase = row["code_mention"].strip()
    except (KeyError, ValueError, AttributeError):
        return None
    if not phrase or not 0 <= index < len(sentences):
        return None
    sentence = sentences[index]
    low, target = sentence.lower(), phrase.lower()
    starts = [m.start() for m in re.finditer(re.escape(target), low)]
    if not starts:
        return None
    best = min(starts, key=lambda s: abs(len(_TOKEN.findall(sentence[:s])) - token))
    base = offsets[index]
    return GoldSpan(
        base + best,
        base + best + len(phrase),
        row.get("code_type", ""),
        row.get("code_name", ""),
        phrase,
    )


def _overlaps(start: int, end: int, spans: Sequence[GoldSpan]) -> bool:
    return any(g.start < end and start < g.end for g in spans)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation (average ranks for ties); NaN when undefined."""
    if len(xs) != len(ys) or len(xs) < 3:
        return math.nan
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = mean(rx), mean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    return cov / var if var else math.nan


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _rounded(x: float) -> float | None:
    return None if math.isnan(x) else round(x, 3)


def evaluate(docs: Sequence[Document], lexicon: Lexicon) -> dict[str, Any]:
    """The figures described in the module docstring."""
    predicted = hit_prop = hit_any = gold_prop = gold_found = 0
    per_doc: list[dict[str, Any]] = []
    categories: dict[str, list[int]] = {}
    quotes: dict[str, Sequence[tuple[int, int]]] = {d.id: quote_spans(d.text) for d in docs}
    base: dict[str, Baseline] = {}
    for event in sorted({d.event for d in docs}):
        members = [d for d in docs if d.event == event]
        texts: dict[str, list[tuple[str, Sequence[tuple[int, int]]]]] = {
            d.id: [(d.text, quotes[d.id])] for d in members
        }
        base.update(story_baselines(texts) if len(members) > 1 else {})
    for doc in docs:
        own, quoted = find_loaded(
            doc.text, lexicon, quotes=quotes[doc.id], baseline=base.get(doc.id)
        )
        props = [g for g in doc.gold if g.code_type == FRAMING_TYPE]
        for hit in [*own, *quoted]:
            tally = categories.setdefault(hit.category, [0, 0])
            tally[0] += 1
            tally[1] += _overlaps(hit.start, hit.end, props)
        spans = [(m.start, m.end) for m in [*own, *quoted]]
        predicted += len(spans)
        hit_prop += sum(1 for s, e in spans if _overlaps(s, e, props))
        hit_any += sum(1 for s, e in spans if _overlaps(s, e, doc.gold))
        gold_prop += len(props)
        gold_found += sum(1 for g in props if any(s < g.end and g.start < e for s, e in spans))
        words = word_count(doc.text)
        narration = narration_word_count(doc.text, quotes[doc.id])
        per_doc.append(
            {
                "id": doc.id,
                "event": doc.event,
                "orientation": doc.orientation,
                "words": words,
                "loaded": len(own),
                "loaded_per_1000": 1000 * len(own) / narration if narration else 0.0,
                "properties_per_1000": 1000 * len(props) / words if words else 0.0,
            }
        )
    precision = hit_prop / predicted if predicted else 0.0
    recall = gold_found / gold_prop if gold_prop else 0.0
    ours = [d["loaded_per_1000"] for d in per_doc]
    gold = [d["properties_per_1000"] for d in per_doc]
    events = sorted({d["event"] for d in per_doc})
    within = [
        spearman(
            [d["loaded_per_1000"] for d in per_doc if d["event"] == ev],
            [d["properties_per_1000"] for d in per_doc if d["event"] == ev],
        )
        for ev in events
    ]
    within = [w for w in within if not math.isnan(w)]
    return {
        "dataset": "NewsWCL50",
        "articles": len(docs),
        "annotations": sum(len(d.gold) for d in docs),
        "unlocated_annotations": sum(d.unlocated for d in docs),
        "lexicon_entries": len(lexicon),
        "phrase": {
            "predicted": predicted,
            "gold_properties": gold_prop,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(_f1(precision, recall), 3),
            "precision_any": round(hit_any / predicted, 3) if predicted else 0.0,
        },
        "by_category": {
            name: {"flagged": n, "precision": round(hits / n, 3)}
            for name, (n, hits) in sorted(categories.items(), key=lambda kv: -kv[1][0])
        },
        "correlation": {
            "articles": _rounded(spearman(ours, gold)),
            "within_event": _rounded(mean(within)) if within else None,
        },
        "by_orientation": {
            o: {
                "loaded_per_1000": round(mean(x["loaded_per_1000"] for x in rows), 3),
                "properties_per_1000": round(mean(x["properties_per_1000"] for x in rows), 3),
            }
            for o in ORIENTATIONS
            if (rows := [d for d in per_doc if d["orientation"] == o])
        },
    }


def evaluate_dir(root: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Load NewsWCL50 from ``root`` and evaluate the configured lexicon on it.

    Besides the whole set, ``held_out`` scores events 5-9 alone: only events 0-4 were
    read while the built-in lexicon was curated.
    """
    docs = load_newswcl50(root)
    lexicon = load_lexicon(settings)
    report = evaluate(docs, lexicon)
    held = [d for d in docs if d.event.isdigit() and int(d.event) >= HELD_OUT_FROM]
    if held:
        sub = evaluate(held, lexicon)
        report["held_out"] = {
            "events": sorted({d.event for d in held}),
            "articles": sub["articles"],
            "phrase": sub["phrase"],
            "correlation": sub["correlation"],
        }
    return report
