"""Framing and summary: throughput on real article text, and framing's share of compare.

Uses the 50 NewsWCL50 articles (``../shared/data/newswcl50``, read at run time). Framing runs
the lexicon, the cues beyond it (evaluative words, scare quotes, label choices against the
other outlets), quotation and hedge passes over every article (no NLP model involved); the
summary is built from one claim per sentence, every claim its own group, which is the
largest candidate set a story of that size can produce.

The yardstick: the cold wall time of ``storylens compare`` on the shared samples and on ten
NewsWCL50 articles (two events), measured in the same run, next to what framing costs in
such a run (loading its word resources once in a fresh process, plus the framing stage on
that comparison's analyses). Target: framing at most 10% of compare's time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storylens.comparison.framing import analyse_framing
from storylens.comparison.summary import summarise
from storylens.eval.framing import load_newswcl50
from storylens.types import Analysis, Article, Claim, Entity

ROUNDS = 5
COLD_RUNS = 3
DATA = Path(os.environ.get("STORYLENS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
RAW = DATA / "data" / "newswcl50" / "fulltext_luisgarchi" / "1-raw-articles"
# what a comparison has imported before framing runs is left out of the timing
_LOAD = (
    "import storylens.settings, storylens.errors;"
    "import time; t = time.perf_counter();"
    "from storylens.comparison.framing_words import valences, can_be;"
    "from storylens.comparison.lexicon import load_lexicon;"
    "from storylens.comparison.framing_cues import cue_settings;"
    "valences(); can_be('brave', 'adj'); load_lexicon(); cue_settings();"
    "print(time.perf_counter() - t)"
)


def _claims(articles: list[Article]) -> list[Claim]:
    claims = []
    for art in articles:
        pos = 0
        for i, line in enumerate(art.text.split("\n")):
            if line.strip():
                claims.append(Claim(f"{art.id}:{i}", art.id, pos, pos + len(line), line))
            pos += len(line) + 1
    return claims


def run() -> None:
    root = DATA / "data" / "newswcl50"
    if not root.is_dir():
        print(f"   skipped: {root} not found")
        return
    articles = [Article(id=d.id, outlet=d.orientation, text=d.text) for d in load_newswcl50(root)]
    analyses = [Analysis(article=a) for a in articles]
    words = sum(len(a.text.split()) for a in articles)
    analyse_framing(analyses[:1], [])  # load the lexicon
    start = time.perf_counter()
    for _ in range(ROUNDS):
        framing = analyse_framing(analyses, [])
    per_round = (time.perf_counter() - start) / ROUNDS
    print(
        f"   framing: {len(articles) / per_round:,.0f} articles/s, "
        f"{words / per_round / 1000:,.0f}k words/s ({len(articles)} articles, {words:,} words)"
    )
    claims = _claims(articles)
    outlet = {a.id: a.outlet for a in articles}
    groups = [
        {"id": c.id, "claims": [c.id], "outlets": [outlet[c.article]], "status": "unique"}
        for c in claims
    ]
    start = time.perf_counter()
    for _ in range(ROUNDS):
        summarise(claims, groups, framing, [], articles)
    per_round = (time.perf_counter() - start) / ROUNDS
    print(f"   summary: {per_round * 1000:,.0f} ms for {len(claims):,} claims in one story")
    _share_of_compare()


def _cold_compare(inputs: list[str]) -> float:
    """Median cold wall seconds of the command line comparing ``inputs``."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "report.json")
        for _ in range(COLD_RUNS):
            t0 = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "storylens", "compare", *inputs, "--json", out, "-q"],
                capture_output=True,
                text=True,
                check=False,
            )
            times.append(time.perf_counter() - t0)
            if result.returncode != 0:
                raise SystemExit(f"compare failed: {result.stderr.strip()}")
    return statistics.median(times)


def _share_of_compare() -> None:
    from storylens.comparison import compare

    sets = {}
    if (DATA / "samples").is_dir():
        sets["shared samples (2 articles)"] = [str(DATA / "samples")]
    events = [RAW / f"event_{n}" for n in (0, 1)]
    if all(e.is_dir() for e in events):
        sets["NewsWCL50 events 0+1 (10 articles)"] = [
            str(f) for e in events for f in sorted(e.glob("*.txt"))
        ]
    loads = []
    for _ in range(COLD_RUNS):
        found = subprocess.run(
            [sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True
        )
        loads.append(float(found.stdout.strip()))
    load = statistics.median(loads)
    for label, inputs in sets.items():
        yardstick = _cold_compare(inputs)
        report = compare(inputs)
        entities = _entities(report.to_dict())
        start = time.perf_counter()
        for _ in range(ROUNDS):
            analyse_framing(report.analyses, entities)
        stage = (time.perf_counter() - start) / ROUNDS
        share = (load + stage) / yardstick
        print(
            f"   {label}: compare cold {yardstick:.2f} s; framing {1000 * (load + stage):.0f} ms "
            f"(word resources {1000 * load:.0f} ms once per process + stage {1000 * stage:.0f} ms)"
            f" = {100 * share:.1f}% of compare"
        )


def _entities(report: dict[str, object]) -> list[Entity]:
    items = report.get("entities")
    return [Entity.from_dict(e) for e in items] if isinstance(items, list) else []
