"""Ingest throughput: scrape cleaning, HTML extraction, and cold ``storylens ingest`` wall time.

Figures: articles/s for Markdown/plain scrapes (the shared samples and the example story's
text files, repeated), pages/s and MB/s for HTML extraction on the Zyte benchmark pages (one
process), and min/median wall seconds of the real CLI on the shared samples.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLENS_SHARED", REPO.parent / "shared"))
RUNS = int(os.environ.get("STORYLENS_BENCH_RUNS", "3"))
HTML_PAGES = int(os.environ.get("STORYLENS_BENCH_HTML_PAGES", "60"))


def _scrapes() -> list[tuple[str, str]]:
    paths = sorted((SHARED / "samples").glob("*.txt")) if (SHARED / "samples").is_dir() else []
    paths += sorted((REPO / "examples" / "summit").glob("*.md"))
    paths += sorted((REPO / "examples" / "summit").glob("*.txt"))
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths]


def bench_scrapes() -> None:
    from storylens.ingestion.scrape import article_from_text
    from storylens.settings import Settings

    settings = Settings()
    texts = _scrapes()
    article_from_text(texts[0][1], source=texts[0][0], settings=settings)  # warm language model
    rounds = 50
    t0 = time.perf_counter()
    for _ in range(rounds):
        for source, text in texts:
            article_from_text(text, source=source, settings=settings)
    dt = time.perf_counter() - t0
    n = rounds * len(texts)
    size = rounds * sum(len(t.encode()) for _, t in texts) / 1e6
    print(f"   scrapes: {n / dt:,.0f} articles/s, {size / dt:.1f} MB/s ({len(texts)} files)")


def bench_html() -> None:
    from storylens.errors import InputError
    from storylens.eval.extraction import load_cases, read_html
    from storylens.ingestion.html import article_from_html

    bench = SHARED / "data" / "zyte-article-extraction-benchmark"
    if not bench.is_dir():
        print("   html: skipped (benchmark pages not found)")
        return
    pages = [read_html(c.html_path) for c in load_cases(bench, limit=HTML_PAGES)]
    article_from_html(pages[0])  # warm imports
    t0 = time.perf_counter()
    for page in pages:
        with contextlib.suppress(InputError):
            article_from_html(page)
    dt = time.perf_counter() - t0
    mb = sum(map(len, pages)) / 1e6
    print(
        f"   html: {len(pages) / dt:.1f} pages/s, {mb / dt:.1f} MB/s "
        f"(one process, {len(pages)} pages)"
    )


def bench_cli() -> None:
    inputs = [str(SHARED / "samples")] if (SHARED / "samples").is_dir() else []
    inputs.append(str(REPO / "examples" / "summit"))
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "storylens", "ingest", *inputs, "--json"],
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            print(f"   cli: failed: {proc.stderr.strip()[:200]}")
            return
    print(
        f"   cli cold (samples + example story): min {min(times):.2f} s, "
        f"median {statistics.median(times):.2f} s"
    )


def run() -> None:
    bench_scrapes()
    bench_html()
    bench_cli()


if __name__ == "__main__":
    run()
