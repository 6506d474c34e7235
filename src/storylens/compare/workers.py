"""Analyse a story's articles in a process that starts loading the model at once.

A cold ``compare`` used to spend its first second on one core: importing spaCy and loading
the model, after reading the inputs. The ``storylens compare`` command (see
``storylens._main``, and ``compare(..., one_shot=True)``) forks an :class:`AnalysisServer`
before anything else; it loads the model on one core while the command reads the inputs
and builds the embedding session on the other. Once the articles arrive, a story over
``compare_split_words`` words is split further: the server forks helpers that share its
loaded model, and every process takes the next article (longest first) from a shared
counter, analyses and segments it, until none is left. The results come back per article
and are merged in input order, so the report is the same whichever process took which
article. The calling process never loads the model itself.

Anything that goes wrong in a worker (a crash, a missing model, an error on one article)
only means the articles it did not return are analysed in the calling process afterwards,
where the error, if it is one, is raised as usual. Ctrl-C is the calling process's to
handle: the server ignores it, the calling process then stops the server, and helpers stop
once their server is gone.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from storylens.settings import Settings
from storylens.types import Article

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from storylens.analyse.segment import Segmented

Results = dict[int, "Segmented"]

MAX_AUTO_PROCESSES = 4  # analysing processes chosen automatically, at most one per core


def cores() -> int:
    """CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def processes(settings: Settings) -> int:
    """How many processes may analyse a long story: ``settings.compare_processes`` (at most
    one per core), or every core up to :data:`MAX_AUTO_PROCESSES`."""
    if settings.compare_processes > 0:
        return min(settings.compare_processes, cores())
    return min(cores(), MAX_AUTO_PROCESSES)


def story_processes(articles: Sequence[Article], settings: Settings) -> int:
    """Processes for this story: all of :func:`processes` when it is long (or the number is
    set), one when it is under ``settings.compare_split_words`` words."""
    if settings.compare_processes <= 0:
        words = sum(a.text.count(" ") + 1 for a in articles)
        if words < settings.compare_split_words:
            return 1
    return max(1, min(processes(settings), len(articles)))


def model_loaded() -> bool:
    """True when this process already holds the spaCy pipeline."""
    module = sys.modules.get("storylens.models.nlp")
    return module is not None and bool(module.get_nlp.cache_info().currsize)


def analyse_one(article: Article, settings: Settings) -> Segmented:
    """Analyse and segment one article in this process."""
    from storylens.analyse.pipeline import analyse_parsed
    from storylens.analyse.segment import segment_claims

    [(analysis, doc)] = analyse_parsed([article], settings)
    return segment_claims([analysis], [doc])


def complete(articles: Sequence[Article], settings: Settings, results: Results) -> Segmented:
    """Analyse here whatever ``results`` lacks, then merge everything in input order."""
    from storylens.analyse.segment import merge_segmented

    for i, article in enumerate(articles):
        if i not in results:
            results[i] = analyse_one(article, settings)
    return merge_segmented([results[i] for i in range(len(articles))])


class AnalysisServer:
    """A forked process that loads the model now and analyses the story's articles later.

    Use it as a context manager; leaving the block stops a server that was never given
    any articles. Start it only where :func:`~storylens.analyse.forking.fork_is_safe`.
    """

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._story: tuple[list[Article], Settings] | None = None  # what submit() sent
        self._conn, child = context.Pipe()
        self._process: BaseProcess = context.Process(
            target=_serve, args=(child,), name="storylens-analysis", daemon=True
        )
        self._process.start()
        child.close()

    def __enter__(self) -> AnalysisServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, articles: Sequence[Article], workers: int, settings: Settings) -> None:
        """Send the articles, to be analysed in ``workers`` processes (the server included);
        :meth:`result` collects them."""
        if self._story is not None:
            raise RuntimeError("this analysis server has already been given its articles")
        self._story = (list(articles), settings)
        with contextlib.suppress(OSError):  # a dead server: result() analyses everything here
            self._conn.send((self._story[0], workers, settings))

    def result(self) -> Segmented:
        """The analysed and segmented articles, in the order they were submitted."""
        if self._story is None:
            raise RuntimeError("no articles were submitted to this analysis server")
        results: Results = {}
        try:
            for _ in range(self._conn.recv()):
                results.update(pickle.loads(self._conn.recv_bytes()))
        except (EOFError, OSError, pickle.UnpicklingError):
            pass  # the server died: what it did not return is analysed here
        finally:
            self.close()
        return complete(*self._story, results)

    def analyse(self, articles: Sequence[Article], workers: int, settings: Settings) -> Segmented:
        """:meth:`submit` and :meth:`result` in one."""
        self.submit(articles, workers, settings)
        return self.result()

    def close(self) -> None:
        """Stop the server (at once when it has not been sent articles) and reap it."""
        with contextlib.suppress(OSError):
            self._conn.close()
        if self._process.is_alive():
            self._process.join(timeout=0.05)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()


_early: AnalysisServer | None = None


def start_early() -> None:
    """Fork the server for a coming one-shot comparison now, before the command line is even
    imported, where :func:`usable` (default settings) allows; :func:`take_early` hands it
    over."""
    global _early
    if _early is None and usable(Settings()):
        _early = AnalysisServer()


def take_early() -> AnalysisServer | None:
    """The server :func:`start_early` started, if any (handed over once)."""
    global _early
    server, _early = _early, None
    return server


def stop_early() -> None:
    """Stop a server that was started early and never used (the command failed first)."""
    server = take_early()
    if server is not None:
        server.close()


def usable(settings: Settings) -> bool:
    """True when a server may be forked now to load the model: this process has none loaded
    yet, may fork, and has more than one core to give the analysis."""
    from storylens.analyse.forking import fork_is_safe

    return not model_loaded() and processes(settings) >= 2 and fork_is_safe()


def _serve(conn: Connection) -> None:
    """The server: load the model, wait for the articles, analyse them, send the results.

    Ctrl-C is left to the calling process, which then stops the server (and the server's
    helpers stop when they see it gone).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _load()
        articles, workers, settings = conn.recv()
        parts = share(articles, settings, workers)
        conn.send(len(parts))
        for part in parts:
            conn.send_bytes(part)
    except Exception:
        return


def _load() -> None:
    """Load the model and import the analysis stages, without garbage collection, then
    freeze what was loaded.

    Importing spaCy and building the pipeline allocates a few hundred thousand objects and
    next to no garbage, yet set off full collections over all of them (~0.03-0.05 s). Once
    frozen, the loaded objects are left out of every later collection, in this process and
    in the helpers it forks (whose collections would otherwise also copy the pages they
    touch).
    """
    import gc

    thresholds = gc.get_threshold()
    gc.set_threshold(0)  # not gc.disable(): srsly enables collection again after each read
    try:
        from storylens.models.nlp import get_nlp, limit_blas_threads

        limit_blas_threads(1)  # every process analysing already has a core of its own
        get_nlp()
        _import_stages()
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)


def share(articles: Sequence[Article], settings: Settings, workers: int) -> list[bytes]:
    """Analyse ``articles`` in this process and ``workers - 1`` forked helpers.

    Each process takes the next article, longest first, from a counter they share, so
    they finish at about the same time. Returns each process's results (``{index:
    Segmented}``) pickled, passed on as they came; an article a helper did not return is
    missing from them (see :func:`complete`).
    """
    import multiprocessing

    order = sorted(range(len(articles)), key=lambda i: (-len(articles[i].text), i))
    counter: Any = multiprocessing.get_context("fork").Value("i", 0)
    server = os.getpid()

    def take() -> Results:
        done: Results = {}
        while os.getpid() == server or os.getppid() == server:  # a helper stops when orphaned
            with counter.get_lock():
                k = counter.value
                counter.value = k + 1
            if k >= len(order):
                break
            done[order[k]] = analyse_one(articles[order[k]], settings)
        return done

    helpers = [_fork(take) for _ in range(max(0, min(workers, len(articles)) - 1))]
    parts = [pickle.dumps(take(), protocol=pickle.HIGHEST_PROTOCOL)]
    for pid, reader in helpers:
        try:
            parts.append(reader.recv_bytes())
        except (EOFError, OSError):
            pass
        finally:
            reader.close()
            os.waitpid(pid, 0)
    return parts


def _import_stages() -> None:
    """Import the analysis stages now, before any helper forks, so that the helpers share
    them instead of each importing them (~0.03 s of CPU each)."""
    import storylens.analyse.pipeline
    import storylens.analyse.segment  # noqa: F401


def _fork(task: Callable[[], Results]) -> tuple[int, Connection]:
    """Run ``task`` in a forked copy of this (single-threaded) process; read its result
    from the returned connection."""
    import multiprocessing

    reader, writer = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the helper: never returns into the caller's code
        status = 1
        try:
            reader.close()
            writer.send_bytes(pickle.dumps(task(), protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    writer.close()
    return pid, reader
