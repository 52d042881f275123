"""Writing output files whole or not at all."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, TextIO


@contextmanager
def open_atomic(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: a temporary file in the same directory,
    renamed into place when the block ends without an error (and removed when it
    does not). A crash leaves the old file or the new one, never half of one, and no
    temporary file is left behind. For files written a piece at a time."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".redactor-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextmanager
def open_atomic_text(path: str | os.PathLike, encoding: str = "utf-8") -> Iterator[TextIO]:
    """:func:`open_atomic` for text. Line ends are written as given (no translation)."""
    with open_atomic(path) as fh:
        text = io.TextIOWrapper(fh, encoding=encoding, newline="")
        try:
            yield text
        finally:
            text.detach()  # flushed; the binary file is closed by open_atomic


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :func:`open_atomic`)."""
    with open_atomic(path) as fh:
        fh.write(data)
