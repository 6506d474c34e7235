"""The ``storylens`` command's entry point (also ``python -m storylens``)."""

from __future__ import annotations

import sys

# Commands whose analysis workers start loading the model before the command line is read
# (see :func:`_start_workers`).
EARLY_WORKERS = frozenset({"compare"})


def main() -> None:
    """Run the command line. A Ctrl-C that comes before the command line can take it (while
    it is imported) ends the run as one after it does: "Aborted!" and a non-zero exit, no
    traceback."""
    try:
        _start_workers(sys.argv[1:])
        from storylens.cli import main as cli_main
    except KeyboardInterrupt:
        print("Aborted!", file=sys.stderr)
        raise SystemExit(1) from None
    cli_main()


def _start_workers(args: list[str]) -> None:
    """Start the analysis workers' model loading (:func:`storylens.analyse.parallel.start`)
    before importing and parsing the command line, which takes a tenth of a second or more
    that the load, the longest step of a cold ``compare``, can run beside.

    Only with the default settings: a ``--config`` file may ask for one process, and
    ``--help`` analyses nothing; those start their workers, if any, as usual. Starting twice
    is harmless (the command's own start finds the workers' server running).
    """
    command = next((a for a in args if not a.startswith("-")), None)
    if command not in EARLY_WORKERS or any(a in ("--help", "--config") for a in args):
        return
    from storylens.analyse import parallel
    from storylens.settings import Settings

    parallel.start(Settings())
