"""Analysis on the shared process executor gives the same results as in one process, loses
no article when a worker dies, and leaves no worker behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from storylens.analyse import parallel, tasks
from storylens.settings import Settings
from storylens.types import Article

TWO_CORES = pytest.mark.skipif(parallel.cores() < 2, reason="needs two cores")


def _article(n: int, words: int) -> Article:
    return Article(id=f"a{n}", outlet=f"o{n}", text=" ".join(["word"] * words))


@pytest.mark.parametrize(
    ("n_process", "items", "expected"),
    [(1, 10, 1), (2, 10, 2), (3, 2, 2), (2, 0, 1), (0, 1, 1)],
)
def test_analyse_parallel_processes_follow_the_setting(
    n_process: int, items: int, expected: int
) -> None:
    assert parallel.processes(Settings(n_process=n_process), items) == expected


def test_analyse_parallel_automatic_is_every_core_up_to_four() -> None:
    assert parallel.processes(Settings()) == min(parallel.cores(), parallel.MAX_AUTO_PROCESSES)


@pytest.mark.slow
@TWO_CORES
def test_analyse_parallel_gives_the_same_report_as_one_process(examples_dir: Path) -> None:
    from storylens.comparison import compare

    story = [str(examples_dir / "summit")]
    here = compare(story, Settings(n_process=1)).to_dict()
    pooled = compare(story, Settings(n_process=2)).to_dict()
    assert here == pooled
    assert len(here["articles"]) == 4


@pytest.mark.slow
@TWO_CORES
def test_analyse_parallel_a_dead_worker_loses_no_article(examples_dir: Path) -> None:
    import psutil

    from storylens.ingestion import ingest

    articles = ingest([str(examples_dir / "summit")], Settings()).articles
    settings = Settings(n_process=2)
    expected = tasks.analyse_and_segment(articles, Settings(n_process=1))
    parallel.shared_executor(2)  # its processes started
    deadline = time.monotonic() + 60
    workers: list[psutil.Process] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        servers = [p for p in psutil.Process().children() if "forkserver" in " ".join(p.cmdline())]
        workers = [w for server in servers for w in server.children()]
        time.sleep(0.05)
    workers[0].kill()
    workers[0].wait(10)
    got = tasks.analyse_and_segment(articles, settings)
    assert [a.to_dict() for a in got.analyses] == [a.to_dict() for a in expected.analyses]
    # the broken executor was replaced: the next call has workers again
    again = tasks.analyse_and_segment(articles, settings)
    assert [a.to_dict() for a in again.analyses] == [a.to_dict() for a in expected.analyses]


def test_analyse_parallel_claim_texts_are_known_before_linking(examples_dir: Path) -> None:
    # compare starts embedding these before entities are linked: they must be the texts
    # the alignment compares, in its order
    from storylens.analyse.linking import link_entities
    from storylens.comparison.align import _part_analyses, alignment_texts, claim_views
    from storylens.comparison.scoring import claim_texts
    from storylens.ingestion import ingest

    articles = ingest([str(examples_dir / "summit")], Settings()).articles
    segmented = tasks.analyse_and_segment(articles, Settings(n_process=1))
    early = alignment_texts(segmented.analyses, segmented.focus, segmented.parts)
    link_entities(segmented.analyses, Settings())
    outlets = {a.id: a.outlet for a in articles}
    views = claim_views(segmented.analyses, outlets, {}, segmented.focus)
    part_views = claim_views(
        _part_analyses(segmented.analyses, segmented.parts), outlets, {}, segmented.focus
    )
    # statements with parts are embedded as their parts' mean: only the others are texts
    bare = [v for v in views if not segmented.parts.get(v.claim.id)]
    assert early == claim_texts(bare) + claim_texts(part_views)
    assert len(views) > 20 and len(part_views) > 40  # the example story: 28 statements
    assert any(t != v.claim.text for t, v in zip(claim_texts(part_views), part_views, strict=True))


@pytest.mark.slow
@TWO_CORES
@pytest.mark.parametrize("when", ["loading", "analysing"])
def test_analyse_parallel_ctrl_c_stops_the_workers_quietly(tmp_path: Path, when: str) -> None:
    import psutil

    story = Path(tempfile.mkdtemp(dir=tmp_path))
    for n in range(60):  # different reports of ~900 words: seconds of work even on an idle machine
        sentences = [
            f"Officials in Town{n} said on Monday that the council approved budget line {k} "
            f"for {n + k} new schools, according to the mayor, who called it a fair deal."
            for k in range(36)
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
    command = psutil.Process(process.pid)
    seen: set[psutil.Process] = set()
    deadline = time.monotonic() + 30
    wanted = 1 if when == "loading" else 3  # the fork server, then two workers
    while len(seen) < wanted and time.monotonic() < deadline and process.poll() is None:
        try:
            seen.update(command.children(recursive=True))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.02)
    assert len(seen) >= wanted
    if when == "analysing":
        time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
    process.wait(timeout=60)
    assert process.returncode != 0, errors.read_text()  # interrupted, not finished
    _gone, alive = psutil.wait_procs(list(seen), timeout=5)
    assert alive == [], "worker processes outlived the command"
    assert "Traceback" not in errors.read_text()  # no worker's traceback


def test_analyse_parallel_warm_up_sample_reaches_every_stage() -> None:
    # the fork server analyses this sample so that the workers inherit what each stage
    # builds on its first article: it is worth that only if every stage finds something
    from storylens.analyse.warm import SAMPLE

    segmented = tasks.segment_one(SAMPLE, Settings(n_process=1))
    [analysis] = segmented.analyses
    assert analysis.mentions and analysis.descriptors and analysis.times
    assert analysis.quotes and analysis.claims
    assert segmented.parts  # a claim long enough to be split into clauses


@TWO_CORES
def test_analyse_parallel_fork_server_keeps_blas_to_one_thread() -> None:
    # its sample analysis would otherwise run beside BLAS threads that only spin, and the
    # workers forked from it inherit the setting
    code = (
        "import storylens.analyse.warm\n"
        "from threadpoolctl import threadpool_info\n"
        "print(max(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1"


@TWO_CORES
def test_analyse_parallel_in_process_analysis_keeps_blas_to_one_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one process is one core: the model's products run on one BLAS thread there too, and
    # the process's own setting is back afterwards
    from threadpoolctl import threadpool_info, threadpool_limits

    from storylens.analyse import pipeline

    def blas() -> int:
        return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")

    seen: list[int] = []
    monkeypatch.setattr(pipeline, "analyse_parsed", lambda *_a: seen.append(blas()) or [])
    with threadpool_limits(limits=2, user_api="blas"):
        pipeline.analyse_batch([], Settings(n_process=1))
        assert blas() == 2
    assert seen == [1]


def test_analyse_parallel_result_lets_a_ctrl_c_from_another_thread_through() -> None:
    import _thread
    import threading
    from concurrent.futures import Future

    from storylens.analyse.parallel import result

    done: Future[int] = Future()
    done.set_result(7)
    assert result(done) == 7
    failed: Future[int] = Future()
    failed.set_exception(TimeoutError("the task's own"))
    with pytest.raises(TimeoutError, match="the task's own"):
        result(failed)
    # a Ctrl-C handled by another thread wakes no wait of this one: it must still come
    # through before the work is done
    slow: Future[int] = Future()
    finish = threading.Timer(20, slow.set_result, (1,))
    finish.start()
    threading.Timer(0.2, _thread.interrupt_main).start()
    try:
        with pytest.raises(KeyboardInterrupt):
            result(slow)
        assert not slow.done()
    finally:
        finish.cancel()


@TWO_CORES
def test_analyse_parallel_the_comparing_process_never_loads_spacy(examples_dir: Path) -> None:
    # the workers parse; the process that compares only reads their analyses, and importing
    # spaCy there would take CPU from the workers' model load on a cold start
    code = (
        "import sys\n"
        "from storylens.comparison import compare\n"
        "from storylens.settings import Settings\n"
        f"report = compare([{str(examples_dir / 'summit')!r}], Settings(n_process=2))\n"
        "loaded = sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.'))\n"
        "print(len(report.claim_groups), [m for m in loaded if m not in {'spacy.cli', "
        "'spacy.cli.info'}])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    groups, loaded = done.stdout.split(" ", 1)
    assert int(groups) > 0  # the story was compared
    assert loaded.strip() == "[]"


@TWO_CORES
def test_analyse_parallel_finished_command_leaves_quietly(
    examples_dir: Path, tmp_path: Path
) -> None:
    # the idle workers are killed at exit: their pool must still close, or multiprocessing's
    # resource tracker prints a warning about the pool's locks under the report
    report = tmp_path / "report.json"
    command = ["compare", str(examples_dir / "summit"), "--json", str(report), "-q"]
    done = subprocess.run(
        [sys.executable, "-m", "storylens", *command],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert report.stat().st_size > 1000
    assert done.stderr == ""
