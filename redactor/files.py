"""Writing output files whole or not at all, and saying which output failed and why.

A temporary file is written beside its destination under a name that holds the
writing process's id (``.redactor-<pid>-....part``), synced, and renamed into
place. A process killed outright leaves it behind: :func:`remove_leftovers`
removes those whose process is gone. An operating-system error while writing an
output becomes :class:`OutputError` naming that output (never the input), with
what to do.
"""

from __future__ import annotations

import errno
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import OutputError

PREFIX = ".redactor-"
# errors that can only come from writing: raised inside a block that writes, they are the output's
WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}
_LEFTOVER = re.compile(r"^\.redactor-(\d+)-.*\.(part|tmp)$")

_PROBLEMS = {
    errno.ENOSPC: ("the disk is full", "free some space, then run the same command again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, then run the same command again"),
    errno.EFBIG: ("the file is too large for its disk", "write it to another disk"),
    errno.EROFS: ("its folder is on a read-only disk", "choose a folder you can write to"),
    errno.EACCES: ("its folder cannot be written (permission denied)",
                   "choose a folder you can write to, or change its permissions"),
    errno.EPERM: ("its folder cannot be written (not permitted)",
                  "choose a folder you can write to, or change its permissions"),
    errno.EISDIR: ("is a folder", "give the path of a file to write"),
    errno.ENOENT: ("its folder does not exist", "create the folder or choose another path"),
    errno.ENOTDIR: ("part of its path is a file, not a folder", "check the path"),
    errno.ENAMETOOLONG: ("its name is too long", "choose a shorter name"),
}  # fmt: skip


def output_error(path: str | os.PathLike, exc: OSError) -> OutputError:
    """The OutputError for an operating-system error ``exc`` met while writing ``path``."""
    problem, remedy = _PROBLEMS.get(
        exc.errno or 0,
        (
            f"cannot be written ({exc.strerror or type(exc).__name__})",
            "check the path, its folder and the disk",
        ),
    )
    return OutputError(os.fspath(path), problem, remedy)


def check_writable(path: str | os.PathLike) -> None:
    """Raise OutputError unless a file can be written at ``path``: not a folder, in a folder
    that exists and may be written. (The disk filling up is found out when writing.)"""
    p = Path(path)
    if p.is_dir():
        raise output_error(path, OSError(errno.EISDIR, "Is a directory"))
    folder = p.absolute().parent
    if not folder.is_dir():
        raise output_error(
            path, OSError(errno.ENOTDIR if folder.exists() else errno.ENOENT, "no folder")
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        raise output_error(
            path, OSError(errno.EROFS if read_only else errno.EACCES, "not writable")
        )


def temp_beside(path: str | os.PathLike, suffix: str = ".part") -> tuple[int, str]:
    """A new temporary file (descriptor, name) in the folder of ``path``, named for this process."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        return tempfile.mkstemp(dir=directory, prefix=f"{PREFIX}{os.getpid()}-", suffix=suffix)
    except OSError as exc:
        raise output_error(path, exc) from None


def replace(tmp: str, path: str | os.PathLike) -> None:
    """Rename the finished temporary file ``tmp`` to ``path`` (OutputError naming ``path``).

    The temporary file was only its owner's to read; the file put in place gets the
    permissions any new file of the user gets (``0666`` less the umask).
    """
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise output_error(path, exc) from None


def _umask() -> int:
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and set it back at once
    os.umask(mask)
    return mask


@contextmanager
def open_atomic(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: a temporary file in the same directory,
    renamed into place when the block ends without an error (and removed when it
    does not). A crash leaves the old file or the new one, never half of one, and no
    temporary file is left behind (but for a process killed outright: see
    :func:`remove_leftovers`). For files written a piece at a time.

    A full disk, a read-only folder or a path that names a folder raise OutputError
    naming ``path``.
    """
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        replace(tmp, path)
    except OSError as exc:
        _unlink(tmp)
        if exc.errno in WRITE_ERRNOS:
            raise output_error(path, exc) from None
        raise
    except BaseException:
        _unlink(tmp)
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


def remove_leftovers(folder: str | os.PathLike) -> list[str]:
    """Remove the temporary files redactor processes that were killed outright left in
    ``folder`` (an unverified public copy among them); a running process's are kept.
    Returns the names removed."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        m = _LEFTOVER.match(name)
        if m and not process_alive(int(m.group(1))):
            try:
                os.unlink(os.path.join(folder, name))
                removed.append(name)
            except OSError:
                pass
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user's counts as running)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
