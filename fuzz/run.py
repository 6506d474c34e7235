"""Run every fuzz target for N generated inputs and print, per target, inputs and failures.

    .venv/bin/python fuzz/run.py                 # every target, 2000 inputs each
    .venv/bin/python fuzz/run.py -n 200 html warc
    .venv/bin/python fuzz/run.py --engine atheris -n 20000   # coverage-guided (libFuzzer)

Inputs come from hypothesis strategies (``fuzz/targets.py``), or with ``--engine atheris``
from libFuzzer mutating raw bytes under coverage feedback (``fuzz/atheris_target.py``; it
stops a target at its first crash). A failure is any exception other than an InputError
(or an article without text); failing inputs are written to ``fuzz/crashes/`` (with the
traceback beside them for hypothesis), ready to be minimised into ``tests/regressions/``.
The exit code is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import pickle
import re
import subprocess
import sys
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from targets import TARGETS, Target

CRASHES = Path(__file__).resolve().parent / "crashes"


def _save(target: str, index: int, value: Any, error: BaseException) -> Path:
    CRASHES.mkdir(exist_ok=True)
    stem = CRASHES / f"{target}-{index}"
    if isinstance(value, bytes):
        path = stem.with_suffix(".bin")
        path.write_bytes(value)
    elif isinstance(value, str):
        path = stem.with_suffix(".txt")
        path.write_text(value, encoding="utf-8", errors="surrogatepass")
    else:
        path = stem.with_suffix(".pickle")
        path.write_bytes(pickle.dumps(value))
    trace = "".join(traceback.format_exception(error))
    stem.with_suffix(".trace").write_text(trace, encoding="utf-8")
    return path


def run_target(target: Target, examples: int, rng_seed: int | None) -> tuple[int, int, float]:
    """Fuzz one target; returns (inputs fuzzed, failures, seconds)."""
    counts = {"inputs": 0, "failures": 0}

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(target.inputs)
    def fuzz(value: Any) -> None:
        counts["inputs"] += 1
        try:
            target.run(value)
        except Exception as exc:  # the thing being hunted: anything escaping a parser
            counts["failures"] += 1
            where = _save(target.name, counts["failures"], value, exc)
            print(f"  FAIL {target.name}: {type(exc).__name__}: {exc!s:.200} -> {where}")

    if rng_seed is not None:
        fuzz = seed(rng_seed)(fuzz)
    start = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fuzz()
    return counts["inputs"], counts["failures"], time.monotonic() - start


def run_atheris(target: Target, examples: int) -> tuple[int, int, float]:
    """Fuzz one target with libFuzzer in a subprocess; returns (inputs, failures, seconds)."""
    CRASHES.mkdir(exist_ok=True)
    driver = Path(__file__).resolve().parent / "atheris_target.py"
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(driver), target.name, f"-runs={examples}", "-print_final_stats=1",
         f"-artifact_prefix={CRASHES}/{target.name}-", "-max_len=65536"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    found = re.findall(r"stat::number_of_executed_units: (\d+)", done.stderr)
    inputs = int(found[-1]) if found else 0
    failures = 0 if done.returncode == 0 else 1
    if failures:
        error = re.findall(r"^\w*(?:Error|Escaped|Exception)\b.*$", done.stderr, re.M)
        print(f"  FAIL {target.name}: {(error or ['(see libFuzzer output)'])[-1]:.200}")
    return inputs, failures, time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help=f"targets (default: all of {list(TARGETS)})")
    parser.add_argument("-n", "--examples", type=int, default=2000, help="inputs per target")
    parser.add_argument("--seed", type=int, default=None, help="fixed random seed")
    parser.add_argument("--engine", choices=["hypothesis", "atheris"], default="hypothesis")
    args = parser.parse_args(argv)
    names = args.targets or list(TARGETS)
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s): {', '.join(unknown)}")
    print(f"{'target':<10} {'inputs':>8} {'failures':>9} {'seconds':>8}  parser")
    total_failures = 0
    for name in names:
        target = TARGETS[name]
        if args.engine == "atheris":
            inputs, failures, seconds = run_atheris(target, args.examples)
        else:
            inputs, failures, seconds = run_target(target, args.examples, args.seed)
        total_failures += failures
        print(f"{name:<10} {inputs:>8} {failures:>9} {seconds:>8.1f}  {target.about}", flush=True)
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
