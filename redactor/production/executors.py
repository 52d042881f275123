"""Where documents are worked on: a local process pool, or a Dask cluster.

Both offer the same four calls (``submit``, ``wait``, ``result``, ``close``)
so the runner does not care which it has. Workers only compute: they read an
input and hand back a result; the main process owns numbering and files.

A Dask worker may sit on another machine: it reads inputs by path (``IN_DIR``
must be visible to the workers at the same path, as with any shared storage)
and hands back the produced PDF as bytes, so nothing depends on the workers
seeing ``OUT_DIR``.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from typing import Any

from ..errors import RedactorError

EXECUTORS = ("process", "dask")
# A worker is replaced after this many documents: whatever a PDF library keeps
# between documents cannot add up over a long production.
TASKS_PER_WORKER = 250


class ExecutorError(RedactorError):
    """The executor cannot be started (exit code 2)."""

    code = "E011"


PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent dies


def die_with_parent() -> None:
    """Have this process killed when its parent dies (Linux; elsewhere nothing happens).

    Called in the server that starts the workers (its parent is the main process)
    and in each worker (whose parent is that server): when the main process is
    killed outright (``kill -9``), the server and every worker go with it instead
    of holding their memory for good.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: nothing more can be done
        return
    if parent == 1 or os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


def _start_worker(initializer: Callable[[], None] | None) -> None:
    """A local worker's first step: die with the server that started it, then warm up."""
    die_with_parent()
    if initializer is not None:
        initializer()


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class ProcessExecutor:
    """A pool of local worker processes, started from a clean server process.

    ``forkserver`` rather than ``fork``: the main process may hold threads (the
    progress bar), which must not be copied into a worker. The server imports
    the worker module once, so each worker starts with the libraries loaded.
    The server is started at once, with one BLAS thread in its environment (see
    :mod:`redactor.blas`), and every worker inherits it. Each worker is replaced
    after ``TASKS_PER_WORKER`` documents, so memory stays flat however long the
    production. The server and the workers die with their parent (see
    :func:`die_with_parent`): a main process killed outright leaves none behind.
    """

    inline = False  # results come back as paths in the shared temp folder

    def __init__(
        self,
        workers: int | None = None,
        initializer: Callable[[], None] | None = None,
        preload: Iterable[str] = (),
    ):
        self.workers = workers or default_workers()
        if self.workers < 1:
            raise ExecutorError("the number of workers must be at least 1", option="workers")
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(list(preload))
        self._initializer = initializer
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        from multiprocessing import forkserver

        from .. import blas

        with blas.for_processes_started_here():
            forkserver.ensure_running()  # a server already running keeps the environment it started with
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self._ctx,
            initializer=functools.partial(_start_worker, self._initializer),
            max_tasks_per_child=TASKS_PER_WORKER,
        )

    def restart(self) -> None:
        """A fresh pool after a worker died (the old one refuses new work)."""
        if getattr(self._pool, "_broken", False):
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        return self._pool.submit(fn, *args)

    def wait(self, futures: Iterable[Future]) -> set[Future]:
        done, _ = futures_wait(list(futures), return_when=FIRST_COMPLETED)
        return done

    def result(self, future: Future) -> Any:
        return future.result()

    def close(self, cancel: bool = False) -> None:
        self._pool.shutdown(wait=True, cancel_futures=cancel)


class DaskExecutor:
    """Tasks on a Dask ``distributed`` cluster reached at ``scheduler`` (``tcp://host:8786``)."""

    inline = True  # results come back as bytes: the workers may not see OUT_DIR

    def __init__(self, scheduler: str, initializer: Callable[[], None] | None = None):
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - pinned in the lock file
            raise ExecutorError(
                "the dask executor needs the 'distributed' package; install the pinned version"
            ) from None
        try:
            self._client = Client(scheduler, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError):
            raise ExecutorError(
                f"no Dask scheduler answers at {scheduler}; check the address and that it runs"
            ) from None
        self.workers = max(1, sum(self._client.nthreads().values()))
        if initializer is not None:
            self._client.run(initializer)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self._client.submit(fn, *args, pure=False)

    def wait(self, futures: Iterable[Any]) -> set[Any]:
        from distributed import wait

        with self._client.as_current():
            done, _ = wait(list(futures), return_when="FIRST_COMPLETED")
        return set(done)

    def result(self, future: Any) -> Any:
        return future.result()

    def restart(self) -> None:
        """Dask reschedules the work of a lost worker itself."""

    def close(self, cancel: bool = False) -> None:
        self._client.close()


def make_executor(
    kind: str,
    *,
    workers: int | None,
    scheduler: str | None,
    initializer: Callable[[], None] | None = None,
    preload: Iterable[str] = (),
):
    """The executor named ``kind`` (``process`` or ``dask``)."""
    if kind == "process":
        if scheduler:
            raise ExecutorError(
                "a scheduler address is for the dask executor only", option="scheduler"
            )
        return ProcessExecutor(workers, initializer, preload)
    if kind == "dask":
        if not scheduler:
            raise ExecutorError(
                "the dask executor needs the scheduler's address (for example tcp://127.0.0.1:8786)",
                option="scheduler",
            )
        return DaskExecutor(scheduler, initializer)
    raise ExecutorError(f"unknown executor {kind!r}; choose one of: {', '.join(EXECUTORS)}")
