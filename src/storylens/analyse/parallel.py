"""Analysis in worker processes: one :class:`~concurrent.futures.ProcessPoolExecutor`.

``analyse``, ``compare``, the web app and the local corpus engine all hand their work to
the executor :func:`shared_executor` returns (the Dask corpus engine uses Dask's own
executor instead). ``Settings.n_process`` says how many processes: 0 (the default) is one
per core up to :data:`MAX_AUTO_PROCESSES`, 1 analyses in the calling process.

The workers are started by multiprocessing's fork server, which imports the analysis stages
and loads the spaCy model once (:mod:`storylens.analyse.warm`) and then forks each worker
from that loaded, single-threaded process: a worker is ready at once, the calling process
never loads the model, and it may run threads of its own (a web server, a progress
display, the embedding session being built) whatever the workers do. Where the platform
has no fork server the workers are spawned and each loads the model itself.
:func:`start` only launches the fork server, which loads the model while the caller reads
its inputs; the workers are forked when the executor is made, once the model is loaded.

The executor is made on first use and kept for the rest of the process, so a library or
web app that compares many stories loads the model once; :func:`shutdown` (also run at
exit) stops it. The fork server and each worker keep NumPy's BLAS to one thread
(:func:`one_blas_thread`), since the workers already use every core.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from storylens.settings import Settings

MAX_AUTO_PROCESSES = 4  # processes chosen automatically, at most one per core
WARM_MODULE = "storylens.analyse.warm"
KILL_WAIT_SECONDS = 2.0  # how long a killed pool is given to close

log = logging.getLogger(__name__)

_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None
_workers = 0


def cores() -> int:
    """CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def processes(settings: Settings, items: int | None = None) -> int:
    """Processes to analyse ``items`` things with: ``settings.n_process`` (0: every core up
    to :data:`MAX_AUTO_PROCESSES`), never more than there are items."""
    wanted = settings.n_process or min(cores(), MAX_AUTO_PROCESSES)
    if items is not None:
        wanted = min(wanted, items)
    return max(1, wanted)


def shared_executor(workers: int, preload: str = WARM_MODULE) -> Executor:
    """The process's analysis executor with at least ``workers`` processes (made, or made
    anew with more processes, on first use, with its processes started).

    ``preload``: the module the workers import before their first task, in the fork server
    when this call starts it (the analysis stages and the model by default; work that needs
    no model, such as the corpus engine without analysis, names a lighter one). A fork
    server already running keeps what it preloaded: workers that lack the model load it on
    their first analysis."""
    global _executor, _workers
    with _lock:
        if _executor is None or _workers < workers:
            if _executor is not None:
                _executor.shutdown(wait=True)
            with _no_ctrl_c():  # the processes start here: none may see a Ctrl-C half-started
                _executor = ProcessPoolExecutor(
                    max_workers=workers, mp_context=_context(preload), initializer=_init_worker
                )
                for _ in range(workers):  # a process each (a fork server's wait for its preload)
                    _executor.submit(_ready, preload)
            _workers = workers
        return _executor


def start(settings: Settings) -> None:
    """Start loading the model for the workers now, without waiting for it (it loads while
    the caller reads its inputs), when ``settings`` asks for more than one process: the
    fork server, or where there is none, the spawned workers."""
    workers = processes(settings)
    if workers < 2:
        return
    context = _context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver, resource_tracker

        # the server inherits the mask (Ctrl-C is the caller's to handle); the resource
        # tracker, which the server needs, unmasks Ctrl-C after starting, so it goes first
        resource_tracker.ensure_running()
        with _no_ctrl_c():
            forkserver.ensure_running()
    else:
        shared_executor(workers)  # spawned processes start without waiting for each other


def shutdown(*, kill: bool = False) -> None:
    """Stop the shared executor's processes (a later call makes a new one); ``kill`` ends
    them at once instead of letting them finish the tasks they hold (a command that was
    interrupted, or that leaves without the usual interpreter shutdown)."""
    global _executor, _workers
    with _lock:
        pool, _executor, _workers = _executor, None, 0
    if pool is None:
        return
    if not kill:
        pool.shutdown(wait=True, cancel_futures=True)
        return
    for process in list(pool._processes.values()):
        process.kill()
    # waited for a moment only: a worker killed while it sent a result leaves the pool's
    # reader waiting for the rest of that message for ever; once the pool has closed, the
    # locks of its queues are released, and no warning of leaked ones is printed at exit
    closer = threading.Thread(
        target=pool.shutdown, kwargs={"wait": True, "cancel_futures": True}, daemon=True
    )
    closer.start()
    closer.join(KILL_WAIT_SECONDS)


atexit.register(shutdown)


T = TypeVar("T")
POLL_SECONDS = 0.25


def result(future: Future[T]) -> T:
    """``future``'s result, waited for in short spells. A Ctrl-C the kernel hands to another
    thread of this process (this one holds it back while it starts helper processes, see
    :func:`_no_ctrl_c`) wakes no wait of this thread: it is raised here within a spell,
    not once all the work is done."""
    while not future.done():
        wait([future], timeout=POLL_SECONDS)
    return future.result()


@contextlib.contextmanager
def _no_ctrl_c() -> Iterator[None]:
    """Hold Ctrl-C back from this thread while it starts helper processes (they inherit the
    mask until they ignore it themselves); a Ctrl-C meanwhile arrives once it is over."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def broken(exc: BrokenProcessPool) -> None:
    """A worker died (killed, out of memory): drop the executor, so that the next call makes
    a new one, and let the caller do the work here."""
    log.warning("an analysis worker process stopped (%s); analysing in this process", exc)
    shutdown()


def _context(preload: str = WARM_MODULE) -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([preload])
        return context
    return multiprocessing.get_context("spawn")


def _init_worker() -> None:
    """One BLAS thread per worker process (the workers already use every core), and an end
    to the worker when the process that started it is gone (a command that leaves with
    :func:`os._exit` never stops its executor). Ctrl-C is the calling process's to handle.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    one_blas_thread()
    parent = multiprocessing.parent_process()
    if parent is not None:
        watch = threading.Thread(
            target=_exit_with, args=(parent.sentinel,), name="storylens-parent", daemon=True
        )
        watch.start()


def one_blas_thread() -> None:
    """Keep NumPy's BLAS to one thread in this process: a worker, or the fork server, whose
    sample analysis otherwise runs beside BLAS threads that only spin (about 0.2 s more
    CPU before the workers can start)."""
    import numpy  # noqa: F401  (loads the BLAS library: only a loaded one can be limited)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def _exit_with(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(0)


def _ready(preload: str) -> None:
    """A task that makes a worker import ``preload`` (already imported after a fork-server
    start): the analysis stages and the model, by default."""
    importlib.import_module(preload)
