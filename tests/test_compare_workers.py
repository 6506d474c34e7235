"""Analysis in worker processes gives the same report as in one process, and never loses
an article when a worker fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storylens.compare.workers import cores, processes, story_processes
from storylens.settings import Settings
from storylens.types import Article

TWO_CORES = pytest.mark.skipif(cores() < 2, reason="needs two cores")

# Run in fresh interpreters: in the test process, other tests' threads would keep compare
# from forking, and the model is already loaded.
WAYS = """
import json, sys
from storylens.compare import compare, workers
from storylens.settings import Settings

servers = []
real = workers.AnalysisServer.__init__


def recording(self):
    servers.append(workers.model_loaded())
    real(self)


workers.AnalysisServer.__init__ = recording
way = sys.argv[2]
if way == "one-shot":
    report = compare([sys.argv[1]], Settings(compare_processes=2), one_shot=True)
    model_here = "spacy" in sys.modules
elif way == "forked":
    report = compare([sys.argv[1]], Settings(compare_processes=2))
    model_here = True
else:
    report = compare([sys.argv[1]], Settings(compare_processes=1))
    model_here = True
print(json.dumps({"servers": servers, "spacy": model_here, "report": report.to_dict()}))
"""


def _run(script: str, *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.slow
@TWO_CORES
def test_worker_processes_give_the_same_report(examples_dir: Path) -> None:
    story = str(examples_dir / "summit")
    here = _run(WAYS, story, "here")
    forked = _run(WAYS, story, "forked")
    one_shot = _run(WAYS, story, "one-shot")
    assert here["servers"] == []  # compare_processes=1: everything in this process
    # a library call loads the model here first; the server it forks shares it
    assert forked["servers"] == [True]
    # a one-shot run forks the server before anything is loaded, and never loads spaCy here
    assert one_shot["servers"] == [False]
    assert one_shot["spacy"] is False
    assert here["report"] == forked["report"] == one_shot["report"]
    assert len(here["report"]["articles"]) == 4  # type: ignore[index]


FAILING = """
import json, os, signal, sys, time
from storylens.compare import workers
from storylens.ingest import ingest
from storylens.settings import Settings

settings = Settings()
articles = ingest([sys.argv[1]], settings).articles
expected = workers.complete(articles, settings, {})
server = workers.AnalysisServer()
if sys.argv[2] == "killed":
    os.kill(server._process.pid, signal.SIGKILL)
    server._process.join()
got = server.analyse(articles, 2, settings)
alive = server._process.is_alive()
claims = sum(len(a.claims) for a in got.analyses)
print(json.dumps({"same": got == expected, "alive": alive, "claims": claims}))
"""


@pytest.mark.slow
@TWO_CORES
@pytest.mark.parametrize("how", ["working", "killed"])
def test_a_dead_server_loses_no_article(examples_dir: Path, how: str) -> None:
    result = _run(FAILING, str(examples_dir / "summit"), how)
    assert result["same"] is True
    assert result["alive"] is False  # reaped either way
    assert isinstance(result["claims"], int) and result["claims"] > 20


def _article(n: int, words: int) -> Article:
    return Article(id=f"a{n}", outlet=f"Outlet {n}", text=" ".join(["word"] * words))


def test_short_stories_stay_in_one_process() -> None:
    short = [_article(n, 250) for n in range(4)]  # 1,000 words
    long = [_article(n, 800) for n in range(4)]
    assert story_processes(short, Settings()) == 1
    assert story_processes(long, Settings()) == min(cores(), 4)
    assert story_processes(short, Settings(compare_processes=3)) == min(3, cores())
    assert story_processes(short, Settings(compare_processes=500)) == min(cores(), 4)  # articles
    assert story_processes(long[:1], Settings(compare_processes=2)) == 1  # one article
    assert processes(Settings(compare_processes=500)) == cores()  # one per core at most
    assert processes(Settings(compare_processes=1)) == 1


def test_complete_fills_in_and_keeps_input_order(examples_dir: Path) -> None:
    from storylens.compare.workers import analyse_one, complete
    from storylens.ingest import ingest

    articles = ingest([str(examples_dir / "summit")], Settings()).articles
    given = {1: analyse_one(articles[1], Settings())}
    merged = complete(articles, Settings(), given)
    assert [a.article.id for a in merged.analyses] == [a.id for a in articles]
    assert merged == complete(articles, Settings(), {})


@pytest.mark.slow
def test_no_fork_while_other_threads_run(
    examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from storylens.compare import analyse_and_segment, compare, workers  # type: ignore[attr-defined]
    from storylens.ingest import ingest

    def no_server(self: object) -> None:
        raise AssertionError("a process was forked while another thread ran")

    monkeypatch.setattr(workers.AnalysisServer, "__init__", no_server)
    articles = ingest([str(examples_dir / "summit")], Settings()).articles
    release = threading.Event()
    server = threading.Thread(target=release.wait, daemon=True)
    server.start()
    try:
        segmented = analyse_and_segment(articles, Settings(), workers=2)
        report = compare(articles, Settings(compare_processes=2), one_shot=True)
    finally:
        release.set()
        server.join()
    assert [a.article.id for a in segmented.analyses] == [a.id for a in articles]
    assert any(a.claims for a in segmented.analyses)
    assert len(report.to_dict()["articles"]) == len(articles)


def test_only_compare_starts_the_loader_early() -> None:
    from storylens._main import _compares

    assert _compares(["compare", "a.txt"])
    assert _compares(["compare", "--json", "-", "a.txt"])
    assert not _compares(["compare", "--help"])
    assert not _compares(["compare", "-h"])
    assert not _compares(["ingest", "compare.txt"])
    assert not _compares(["--version"])
    assert not _compares([])


LOAD_PROBE = """
import gc, json, sys
from storylens.compare import workers

before = [g["collections"] for g in gc.get_stats()]
threshold = gc.get_threshold()
workers._load()
after = [g["collections"] for g in gc.get_stats()]
print(json.dumps({
    "collections": [b - a for a, b in zip(before, after)],
    "threshold_kept": gc.get_threshold() == threshold,
    "frozen": gc.get_freeze_count(),
    "stages": "storylens.analyse.pipeline" in sys.modules,
}))
"""


@pytest.mark.slow
def test_the_model_loads_without_collections_and_stays_out_of_later_ones() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOAD_PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    found = json.loads(result.stdout)
    assert found["collections"] == [0, 0, 0]  # srsly re-enabling collection does not undo it
    assert found["threshold_kept"] and found["stages"]
    assert found["frozen"] > 50_000  # the pipeline's objects, left out of later collections


FREEZE_PROBE = """
import gc, json, sys
from storylens.compare import compare

compare([sys.argv[1]], one_shot=sys.argv[2] == "one-shot")
print(json.dumps(gc.get_freeze_count()))
"""


@pytest.mark.slow
@TWO_CORES
@pytest.mark.parametrize(("mode", "frozen"), [("one-shot", True), ("library", False)])
def test_only_a_one_shot_comparison_freezes_what_the_caller_holds(
    examples_dir: Path, mode: str, frozen: bool
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FREEZE_PROBE, str(examples_dir / "summit"), mode],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert (json.loads(result.stdout) > 0) is frozen


BLAS_PROBE = """
import json, os, sys
from storylens.compare import workers


def start_early():  # record what NumPy will find when it first loads, and stop there
    print(json.dumps([os.environ.get("OPENBLAS_NUM_THREADS"), "numpy" in sys.modules]))
    raise SystemExit(0)


workers.start_early = start_early
sys.argv = ["storylens", *sys.argv[1:]]
from storylens._main import main

main()
"""


@pytest.mark.parametrize(
    ("preset", "expected"), [(None, "1"), ("3", "3")], ids=["default", "user-set"]
)
def test_compare_holds_openblas_to_one_thread(preset: str | None, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if preset is not None:
        env["OPENBLAS_NUM_THREADS"] = preset
    result = subprocess.run(
        [sys.executable, "-c", BLAS_PROBE, "compare", "story.txt"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=60,
    )
    assert json.loads(result.stdout) == [expected, False]  # set before NumPy loads


FAILED_COMMAND = """
import json, sys
from storylens.compare import workers

log, record = [], sys.argv[1]
real_init, real_close = workers.AnalysisServer.__init__, workers.AnalysisServer.close


def init(self):
    real_init(self)
    log.append("started")


def close(self):
    real_close(self)
    log.append("alive" if self._process.is_alive() else "stopped")
    with open(record, "w") as out:
        json.dump(log, out)


workers.AnalysisServer.__init__ = init
workers.AnalysisServer.close = close
sys.argv = ["storylens", "compare", sys.argv[2]]
from storylens._main import main

main()
"""


@pytest.mark.slow
@TWO_CORES
def test_a_failed_compare_stops_its_early_loader(tmp_path: Path) -> None:
    record = tmp_path / "log.json"
    missing = tmp_path / "no-such-article.txt"
    result = subprocess.run(
        [sys.executable, "-c", FAILED_COMMAND, str(record), str(missing)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert "no-such-article.txt" in result.stderr
    assert json.loads(record.read_text()) == ["started", "stopped"]


def test_claim_texts_are_known_before_linking(examples_dir: Path) -> None:
    # compare starts embedding these before entities are linked: they must be the texts
    # the alignment compares, in its order
    from storylens.analyse.linking import link_entities
    from storylens.compare.align import _part_analyses, alignment_texts, claim_texts, claim_views
    from storylens.compare.workers import complete
    from storylens.ingest import ingest

    articles = ingest([str(examples_dir / "summit")], Settings()).articles
    segmented = complete(articles, Settings(), {})
    early = alignment_texts(segmented.analyses, segmented.focus, segmented.parts)
    link_entities(segmented.analyses, Settings())
    outlets = {a.id: a.outlet for a in articles}
    views = claim_views(segmented.analyses, outlets, {}, segmented.focus)
    part_views = claim_views(
        _part_analyses(segmented.analyses, segmented.parts), outlets, {}, segmented.focus
    )
    assert early == claim_texts(views) + claim_texts(part_views)
    assert len(views) > 30 and len(part_views) > 40
    assert any(t != v.claim.text for t, v in zip(claim_texts(part_views), part_views, strict=True))


@pytest.mark.slow
@TWO_CORES
@pytest.mark.parametrize("when", ["loading", "analysing"])
def test_ctrl_c_stops_the_workers_quietly(tmp_path: Path, when: str) -> None:
    import signal
    import tempfile
    import time

    # a story under a path no other process has in its command line
    story = Path(tempfile.mkdtemp(prefix="storylensctrlc", dir=tmp_path))  # [a-z0-9_] only
    for n in range(24):  # different reports of ~600 words: seconds of work for a helper
        sentences = [
            f"Officials in Town{n} said on Monday that the council approved budget line {k} "
            f"for {n + k} new schools, according to the mayor, who called it a fair deal."
            for k in range(24)
        ]
        (story / f"report{n}.txt").write_text(" ".join(sentences), encoding="utf-8")
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as err:  # a file: a pipe would also wait for orphaned workers
        process = subprocess.Popen(
            [sys.executable, "-m", "storylens", "compare", str(story), "--json", "-", "-q"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )

    def running() -> list[str]:
        found = subprocess.run(["pgrep", "-f", story.name], capture_output=True, text=True)
        return found.stdout.split()

    if when == "loading":  # the model loads for the first ~0.8 s
        time.sleep(0.5)
    else:  # the command, the server and a helper: two processes analysing
        deadline = time.monotonic() + 30
        while len(running()) < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        assert len(running()) == 3
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
    process.wait(timeout=60)
    assert process.returncode != 0, errors.read_text()  # interrupted, not finished
    deadline = time.monotonic() + 0.6  # a helper stops after its current article
    while running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running() == [], "worker processes outlived the command"
    assert "Process storylens-analysis" not in errors.read_text()  # no worker's traceback
