"""Evaluate story clustering on a labelled corpus: B-cubed precision/recall/F1 and ARI.

Layouts read (the story label of each article comes from where it sits):

* NewsWCL50 (``DIR/fulltext_luisgarchi/1-raw-articles/event_<n>/<n>_<outlet>.txt``,
  optionally with ``DIR/official/urls.tsv`` giving each article's URL; the outlet
  is the URL's domain and the date the one the URL path states, ``/YYYY/MM/DD/``);
* one folder per story (``DIR/<story>/<article files>``, any format ingest reads);
* ECB+ (``DIR/ECB+/<topic>/<topic>_<n>ecb.xml`` and ``..ecbplus.xml``): each
  ``<topic>-ecb`` / ``<topic>-ecbplus`` sub-topic is one story; a document's text is
  rebuilt from its tokens, one paragraph per sentence, the page URL line of ecbplus
  files left out;
* JSON Lines files whose records carry a ``story`` (or ``story_id``/``label``) field.
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from math import comb
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError, InputError
from storylens.settings import Settings
from storylens.stories.cluster import ClusterOptions, cluster_articles
from storylens.types import Article

NEWSWCL = Path("fulltext_luisgarchi") / "1-raw-articles"
_URL_DATE = re.compile(r"/(20\d\d|19\d\d)/(\d\d)/(\d\d)/")
LABEL_KEYS = ("story", "story_id", "label")
_ECB_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")


@dataclass(slots=True)
class Scores:
    """Clustering quality against gold story labels."""

    articles: int
    gold_stories: int
    predicted_stories: int
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    ari: float
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold differ in length")
    if not pred:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(pred, gold, strict=True))
    pred_size, gold_size = Counter(pred), Counter(gold)
    p = sum(n * n / pred_size[c] for (c, _), n in pairs.items()) / len(pred)
    r = sum(n * n / gold_size[g] for (_, g), n in pairs.items()) / len(pred)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def adjusted_rand_index(pred: Sequence[str], gold: Sequence[str]) -> float:
    """Hubert and Arabie's adjusted Rand index."""
    n = len(pred)
    if n < 2:
        return 1.0
    index = sum(comb(v, 2) for v in Counter(zip(pred, gold, strict=True)).values())
    a = sum(comb(v, 2) for v in Counter(pred).values())
    b = sum(comb(v, 2) for v in Counter(gold).values())
    expected = a * b / comb(n, 2)
    maximum = (a + b) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def _newswcl_urls(root: Path) -> dict[tuple[str, str], str]:
    path = root / "official" / "urls.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return {(r[0].strip(), r[1].strip()): r[2].strip() for r in rows[1:] if len(r) >= 3}


def load_newswcl(root: Path, settings: Settings) -> list[tuple[Article, str]]:
    """NewsWCL50 plain-text articles with their event labels."""
    from storylens.ingestion import article_from_text
    from storylens.ingestion.outlets import load_outlets, outlet_from_url

    base = root / NEWSWCL if (root / NEWSWCL).is_dir() else root
    urls = _newswcl_urls(root)
    outlets = load_outlets(settings.outlets_file)
    out: list[tuple[Article, str]] = []
    for path in sorted(base.glob("event_*/*.txt")):
        event = path.parent.name.removeprefix("event_")
        outlet_code = path.name.split(".", 1)[0].split("_", 1)[-1]
        article = article_from_text(
            path.read_text(encoding="utf-8"), source=str(path), settings=settings
        )
        url = urls.get((event, outlet_code))
        if url:
            article.url = url
            article.outlet = outlet_from_url(url, outlets) or outlet_code
            match = _URL_DATE.search(url)
            if match and not article.published:
                article.published = "-".join(match.groups())
        else:
            article.outlet = outlet_code
        out.append((article, f"event_{event}"))
    return out


def _label(record: dict[str, Any]) -> str | None:
    for key in LABEL_KEYS:
        if record.get(key) not in (None, ""):
            return str(record[key])
    return None


def load_jsonl(path: Path, settings: Settings) -> list[tuple[Article, str]]:
    """Labelled JSON Lines records (ingest's record format plus a story field)."""
    from storylens.ingestion import article_from_record

    out: list[tuple[Article, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not JSON: {exc.msg}") from exc
        label = _label(record) if isinstance(record, dict) else None
        if label is None:
            raise InputError(where, f"record has no story label ({'/'.join(LABEL_KEYS)})")
        out.append((article_from_record(record, where, settings), label))
    return out


def load_folders(root: Path, settings: Settings) -> list[tuple[Article, str]]:
    """One sub-folder per story, articles inside in any format ingest reads."""
    from storylens.ingestion import iter_ingest

    out: list[tuple[Article, str]] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for item in iter_ingest([str(folder)], settings):
            if isinstance(item, Article):
                out.append((item, folder.name))
    return out


def is_ecbplus(root: Path) -> bool:
    """Whether ``root`` is an ECB+ folder (the corpus, or its ``ECB+`` topic folder)."""
    return (root / "ECB+").is_dir() or any(root.glob("*/*_*ecb*.xml"))


def load_ecbplus(root: Path) -> list[tuple[Article, str]]:
    """ECB+ documents labelled with their sub-topic (``<topic>-ecb``/``<topic>-ecbplus``)."""
    from storylens.eval.alignment import read_document

    base = root / "ECB+" if (root / "ECB+").is_dir() else root
    found: list[tuple[int, int, str, Path]] = []
    for path in base.glob("*/*.xml"):
        match = _ECB_FILE.match(path.name)
        if match:
            found.append((int(match.group(1)), int(match.group(2)), match.group(3), path))
    out: list[tuple[Article, str]] = []
    for topic, _, kind, path in sorted(found):
        article = read_document(path, set()).article
        if article.text:
            out.append((article, f"{topic}-{kind}"))
    return out


def load_labelled(root: Path, settings: Settings) -> list[tuple[Article, str]]:
    """Articles with gold story labels from any supported layout."""
    if not root.exists():
        raise ConfigError(f"{root}: no such labelled corpus")
    if root.is_file():
        items = load_jsonl(root, settings)
    elif is_ecbplus(root):
        items = load_ecbplus(root)
    elif (root / NEWSWCL).is_dir() or any(root.glob("event_*/*.txt")):
        items = load_newswcl(root, settings)
    elif jsonl := sorted(root.glob("*.jsonl")):
        items = [pair for path in jsonl for pair in load_jsonl(path, settings)]
    else:
        items = load_folders(root, settings)
    if not items:
        raise ConfigError(
            f"{root}: no labelled articles found (see `storylens eval clustering -h`)"
        )
    return items


def evaluate(root: Path, settings: Settings, options: ClusterOptions | None = None) -> Scores:
    """Cluster the labelled corpus and score it."""
    items = load_labelled(root, settings)
    started = time.perf_counter()
    assigned = cluster_articles([a for a, _ in items], options)
    seconds = time.perf_counter() - started
    pred = [assigned[a.id] for a, _ in items]
    gold = [g for _, g in items]
    p, r, f = bcubed(pred, gold)
    return Scores(
        articles=len(items),
        gold_stories=len(set(gold)),
        predicted_stories=len(set(pred)),
        bcubed_precision=round(p, 4),
        bcubed_recall=round(r, 4),
        bcubed_f1=round(f, 4),
        ari=round(adjusted_rand_index(pred, gold), 4),
        seconds=round(seconds, 2),
    )
