"""One BLAS thread per process.

The name model multiplies small matrices (a few hundred rows at a time): a BLAS
thread pool only adds hand-offs and spinning threads, and a production already
runs one process per core, so threads there would only take time from the other
workers. OpenBLAS reads its thread count once, when NumPy loads it, so the
setting goes into the environment of the processes redactor starts (the command
line, before any NumPy import; a production's workers) unless the user set it.
A program that loaded NumPy before redactor is covered as well: the model runs
with its BLAS limited to one thread for the call (:mod:`redactor.detect.ner`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1"}


def set_for_this_process() -> None:
    """Put the setting into this process's environment (call before NumPy is imported)."""
    for key, value in ENVIRONMENT.items():
        os.environ.setdefault(key, value)


@contextmanager
def for_processes_started_here() -> Iterator[None]:
    """The setting in the environment while the block starts processes, and as it was after."""
    before = {key: os.environ.get(key) for key in ENVIRONMENT}
    set_for_this_process()
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
