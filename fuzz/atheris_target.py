"""Coverage-guided fuzzing of one target with atheris (libFuzzer); used by ``run.py``.

    .venv/bin/python fuzz/atheris_target.py html -runs=10000 -artifact_prefix=fuzz/crashes/

Raw fuzzer bytes become the target's input through ``Target.from_bytes``. Anything other
than an InputError escaping the parser is a crash: libFuzzer saves the input and stops.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["storylens"]):
    import storylens.ingestion
    import storylens.ingestion.feeds
    import storylens.ingestion.warc  # noqa: F401

from targets import TARGETS


def main() -> None:
    target = TARGETS[sys.argv[1]]

    def one_input(data: bytes) -> None:
        target.run(target.from_bytes(data))

    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
