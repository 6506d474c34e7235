"""Framing and summary: throughput on real article text.

Uses the 50 NewsWCL50 articles (``../shared/data/newswcl50``, read at run time). Framing runs
the lexicon, quotation and hedge passes over every article (no NLP model involved); the
summary is built from one claim per sentence, every claim its own group, which is the
largest candidate set a story of that size can produce.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from storylens.compare.framing import analyse_framing
from storylens.compare.summary import summarise
from storylens.eval.framing import load_newswcl50
from storylens.types import Analysis, Article, Claim

ROUNDS = 5
DATA = Path(os.environ.get("STORYLENS_SHARED", Path(__file__).resolve().parents[2] / "shared"))


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
