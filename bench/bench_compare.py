"""Cold wall time of ``storylens compare`` (process start to exit) and its stages.

Runs the real CLI in a subprocess on the shared samples and on the example story,
several times each, and prints min/median wall seconds; then a compare of the ten-article
sets in a process that has compared them once (models loaded: a library or web-app call,
target 1 s), and one in-process run with a per-stage breakdown. Target: under 2 s cold for
2-10 articles on 2 cores.
"""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLENS_SHARED", REPO.parent / "shared"))
RUNS = int(os.environ.get("STORYLENS_BENCH_RUNS", "3"))


NEWSWCL50 = SHARED / "data" / "newswcl50" / "fulltext_luisgarchi" / "1-raw-articles"


_LEADS = Path(tempfile.mkdtemp(prefix="storylens-bench-"))
atexit.register(shutil.rmtree, _LEADS, True)


def _leads(files: list[str], words: int) -> list[Path]:
    """Copies of ``files`` cut after the paragraph that passes ``words`` words."""
    out = []
    for n, name in enumerate(files):
        kept: list[str] = []
        for paragraph in Path(name).read_text(errors="replace").split("\n"):
            kept.append(paragraph)
            if sum(len(p.split()) for p in kept) >= words:
                break
        target = _LEADS / f"{n:02d}-{Path(name).name}"
        target.write_text("\n".join(kept), encoding="utf-8")
        out.append(target)
    return out


def _words(paths: list[str]) -> int:
    files = [f for p in map(Path, paths) for f in (sorted(p.iterdir()) if p.is_dir() else [p])]
    return sum(len(f.read_text(errors="replace").split()) for f in files if f.is_file())


def _inputs() -> dict[str, list[str]]:
    sets = {"example story (4 articles)": [str(REPO / "examples" / "summit")]}
    if (SHARED / "samples").is_dir():
        sets["shared samples (2 articles)"] = [str(SHARED / "samples")]
    events = [NEWSWCL50 / f"event_{n}" for n in (0, 1)]
    if all(e.is_dir() for e in events):
        for n, event in enumerate(events):  # five outlets' reports of one event
            sets[f"NewsWCL50 event {n} (5 articles)"] = [str(event)]
        # 10 real articles of 240-1,440 words: two NewsWCL50 events of 5 outlets each
        files = [str(f) for e in events for f in sorted(e.glob("*.txt"))]
        sets[f"NewsWCL50 events 0+1 ({len(files)} articles)"] = files
        # the same ten cut to their first 400 words (wire length): time grows with words
        sets[f"NewsWCL50 events 0+1, first 400 words of each ({len(files)} articles)"] = [
            str(p) for p in _leads(files, 400)
        ]
    return {f"{label}, {_words(paths):,} words": paths for label, paths in sets.items()}


def _cold_runs(inputs: list[str]) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each cold CLI run."""
    times, cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        for _ in range(RUNS):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "storylens", "compare", *inputs, "--json", str(out), "-q"],
                capture_output=True,
                text=True,
                check=False,
            )
            times.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if result.returncode != 0:
                raise SystemExit(f"compare failed: {result.stderr.strip()}")
    return times, cpu


def _import_time() -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "storylens", "--version"], capture_output=True, check=True
    )
    return time.perf_counter() - t0


def _stages(inputs: list[str]) -> list[tuple[str, float]]:
    """One in-process run, timing each stage of compare()."""
    from storylens.comparison import compare

    marks: list[tuple[str, float]] = []
    t0 = time.perf_counter()
    compare(inputs, progress=lambda stage: marks.append((stage, time.perf_counter())))
    end = time.perf_counter()
    out, prev, prev_name = [], t0, "ingest"
    for name, at in marks:
        out.append((prev_name, at - prev))
        prev, prev_name = at, name
    out.append((prev_name, end - prev))
    return out


def _warm(inputs: list[str]) -> float:
    """Wall seconds of a compare in a process that has already compared once (the model
    loaded in the workers, the embedder in this process): a library or web-app call."""
    from storylens.comparison import compare

    compare(inputs)
    t0 = time.perf_counter()
    compare(inputs)
    return time.perf_counter() - t0


def run() -> None:
    print(f"   CLI start (--version): {_import_time():.2f} s")
    for label, inputs in _inputs().items():
        times, cpu = _cold_runs(inputs)
        print(
            f"   compare {label}: cold wall min {min(times):.2f} s, "
            f"median {statistics.median(times):.2f} s over {len(times)} runs (target < 2 s); "
            f"CPU min {min(cpu):.2f} s; load average {os.getloadavg()[0]:.1f}"
        )
    label, inputs = next(iter(_inputs().items()))
    stages = ", ".join(f"{name} {secs:.2f} s" for name, secs in _stages(inputs))
    print(f"   in-process stages, {label}, first call: {stages}")
    for label, inputs in _inputs().items():
        if "(10 articles)" in label:
            print(f"   compare {label}, models loaded: {_warm(inputs):.2f} s (target <= 1 s)")


if __name__ == "__main__":
    run()
