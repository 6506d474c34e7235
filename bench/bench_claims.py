"""Quotes, claims and times: cost of each stage per article on an already parsed doc.

The four articles of the example story (``examples/summit``) are parsed once; each stage then
runs on the parsed docs repeatedly (caches cleared between rounds), so the figures are the
stage's own cost, apart from the NLP pipeline. Reported per stage: ms per 1000 words and the
implied 700-word articles per second on one core.
"""

from __future__ import annotations

import time
from pathlib import Path

from spacy.tokens import Doc

from storylens.analyse import claims, dates, quotes
from storylens.ingestion import ingest
from storylens.models.nlp import get_nlp
from storylens.settings import Settings
from storylens.types import Article

ROUNDS = 40
STORY = Path(__file__).resolve().parent.parent / "examples" / "summit"


def _reset(doc: Doc) -> None:
    doc.user_data.clear()


def run() -> None:
    articles = ingest([str(STORY)], Settings()).articles
    nlp = get_nlp()
    docs = list(nlp.pipe([a.text for a in articles]))
    words = sum(len(a.text.split()) for a in articles) * ROUNDS
    timings = {"times": 0.0, "quotes": 0.0, "claims": 0.0}
    for _ in range(ROUNDS):
        for doc, article in zip(docs, articles, strict=True):
            _reset(doc)
            timings_round = _one(doc, article)
            for key, value in timings_round.items():
                timings[key] += value
    total = sum(timings.values())
    for key, seconds in [*timings.items(), ("all three", total)]:
        per_kword = 1000 * seconds / (words / 1000)
        rate = (words / 700) / seconds if seconds else float("inf")
        print(f"   {key:<10} {per_kword:7.2f} ms/1000 words   {rate:8.0f} articles/s (700 words)")


def _one(doc: Doc, article: Article) -> dict[str, float]:
    t0 = time.perf_counter()
    times = dates.find_times(doc, article)
    t1 = time.perf_counter()
    found = quotes.find_quotes(doc, article, [])
    t2 = time.perf_counter()
    claims.extract_claims(doc, article, [], found, times)
    t3 = time.perf_counter()
    return {"times": t1 - t0, "quotes": t2 - t1, "claims": t3 - t2}


if __name__ == "__main__":
    run()
