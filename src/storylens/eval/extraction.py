"""Body-text extraction quality on the Zyte (Scrapinghub) article extraction benchmark.

Layout of the benchmark directory: ``ground-truth.json`` (``{id: {"articleBody":
..., "url": ...}}``), ``html/<id>.html`` (or ``.html.gz``), and optionally
``output/<system>.json`` with other systems' extractions in the same shape.

The score is the benchmark's own: texts are split into ``\\w+`` tokens, each
text becomes the multiset of its 4-token shingles, and per document the
matched / extra / missing shingle counts (TP/FP/FN) are normalised to sum to 1
so long articles do not weigh more. Precision and recall are the means of the
per-document precision and recall, and F1 is their harmonic mean. Bootstrap
resampling over documents gives the standard deviations.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError, InputError
from storylens.settings import DEFAULT, Settings

NGRAM = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)

Counts = tuple[float, float, float]  # normalised (tp, fp, fn) of one document


def tokenize(text: str) -> list[str]:
    """Word tokens as the benchmark counts them."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles (a shorter text is one shingle)."""
    tokens = tokenize(text)
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def shingle_counts(true: str, pred: str, n: int = NGRAM) -> Counts:
    """Normalised (TP, FP, FN) of predicted vs true shingles for one document."""
    ts, ps = shingles(true, n), shingles(pred, n)
    tp = float(sum((ts & ps).values()))
    fp = float(sum((ps - ts).values()))
    fn = float(sum((ts - ps).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_of(c: Counts) -> float:
    tp, fp, fn = c
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall_of(c: Counts) -> float:
    tp, fp, fn = c
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics_of(counts: Sequence[Counts]) -> dict[str, float]:
    """Mean precision, mean recall and their F1 over documents."""
    ps = [precision_of(c) for c in counts if c[0] + c[1] > 0]
    rs = [recall_of(c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(ps) if ps else 0.0
    recall = statistics.mean(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score(
    truths: Sequence[str], preds: Sequence[str], *, n_bootstrap: int = 200, seed: int = 0
) -> dict[str, float]:
    """Precision, recall, F1, exact-token accuracy, with bootstrap standard deviations."""
    counts = [shingle_counts(t, p) for t, p in zip(truths, preds, strict=True)]
    exact = [float(tokenize(t) == tokenize(p)) for t, p in zip(truths, preds, strict=True)]
    result = metrics_of(counts)
    result["accuracy"] = statistics.mean(exact) if exact else 0.0
    result["documents"] = float(len(counts))
    if n_bootstrap > 1 and len(counts) > 1:
        rng = random.Random(seed)
        samples: dict[str, list[float]] = {}
        for _ in range(n_bootstrap):
            idx = [rng.randrange(len(counts)) for _ in counts]
            for key, value in metrics_of([counts[i] for i in idx]).items():
                samples.setdefault(key, []).append(value)
        for key, values in samples.items():
            result[f"{key}_std"] = statistics.stdev(values)
    return result


@dataclass(frozen=True, slots=True)
class Case:
    """One benchmark page."""

    id: str
    html_path: Path
    truth: str
    url: str | None = None


def load_cases(directory: Path, *, limit: int | None = None) -> list[Case]:
    """The benchmark's pages with their ground truth, sorted by id."""
    gt_path = directory / "ground-truth.json"
    try:
        truth = json.loads(gt_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{gt_path}: cannot read ground truth: {exc}") from exc
    cases: list[Case] = []
    for case_id in sorted(truth):
        html = directory / "html" / f"{case_id}.html"
        if not html.exists():
            html = html.with_suffix(".html.gz")
        if not html.exists():
            continue
        item = truth[case_id]
        cases.append(Case(case_id, html, item.get("articleBody") or "", item.get("url")))
    if not cases:
        raise ConfigError(f"{directory}: no html/<id>.html(.gz) pages matching ground-truth.json")
    return cases[:limit] if limit else cases


def read_html(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def extract_storylens(case: Case, settings: Settings = DEFAULT) -> str:
    """Body text as storylens ingests the page (empty when it finds no article)."""
    from storylens.ingestion.html import article_from_html

    try:
        return article_from_html(
            read_html(case.html_path), url=case.url, source=str(case.html_path), settings=settings
        ).text
    except InputError:
        return ""


def extract_trafilatura(case: Case, settings: Settings = DEFAULT) -> str:
    """Body text from plain ``trafilatura.extract`` (the benchmark's own configuration)."""
    from storylens.ingestion.html import load_trafilatura

    trafilatura = load_trafilatura()
    html = read_html(case.html_path).decode("utf-8", "replace")
    return trafilatura.extract(html, include_comments=False) or ""


EXTRACTORS: dict[str, Callable[[Case, Settings], str]] = {
    "storylens": extract_storylens,
    "trafilatura": extract_trafilatura,
}


def _run_one(args: tuple[str, Case, Settings]) -> str:
    name, case, settings = args
    return EXTRACTORS[name](case, settings)


@dataclass(slots=True)
class ExtractionReport:
    """Scores per system on one set of benchmark pages."""

    systems: dict[str, dict[str, float]] = field(default_factory=dict)
    predictions: dict[str, list[str]] = field(default_factory=dict)
    case_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": len(self.case_ids), "systems": self.systems}


def reference_outputs(directory: Path, cases: Iterable[Case]) -> dict[str, list[str]]:
    """Other systems' stored extractions (``output/*.json``) for the same pages."""
    found: dict[str, list[str]] = {}
    for path in sorted((directory / "output").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        data = data.get("output", data) if isinstance(data.get("output"), dict) else data
        found[f"{path.stem} (stored output)"] = [
            str((data.get(c.id) or {}).get("articleBody") or "") for c in cases
        ]
    return found


def evaluate(
    directory: Path,
    settings: Settings = DEFAULT,
    *,
    systems: Sequence[str] = ("storylens",),
    limit: int | None = None,
    jobs: int = 1,
    references: bool = True,
    n_bootstrap: int = 200,
    progress: Callable[[int], None] | None = None,
) -> ExtractionReport:
    """Run each system on the benchmark pages and score it; stored outputs are scored too."""
    cases = load_cases(directory, limit=limit)
    report = ExtractionReport(case_ids=[c.id for c in cases])
    truths = [c.truth for c in cases]
    for name in systems:
        if name not in EXTRACTORS:
            raise ConfigError(
                f"unknown extraction system {name!r} (known: {', '.join(EXTRACTORS)})"
            )
        work = [(name, c, settings) for c in cases]
        preds: list[str] = []
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for pred in pool.map(_run_one, work, chunksize=4):
                    preds.append(pred)
                    if progress:
                        progress(1)
        else:
            for item in work:
                preds.append(_run_one(item))
                if progress:
                    progress(1)
        report.predictions[name] = preds
        report.systems[name] = score(truths, preds, n_bootstrap=n_bootstrap)
    if references:
        for name, preds in reference_outputs(directory, cases).items():
            report.systems[name] = score(truths, preds, n_bootstrap=n_bootstrap)
    return report
