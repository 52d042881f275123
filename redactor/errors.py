"""Exit codes and the domain errors that map onto them.

The numbers are part of the command-line contract: a number never changes meaning.
Each error class has a stable code of its own (``E001``...), shown in its message
(``redactor: error [E001]: ...``), so a user can look it up and a script can tell
errors apart. A code is never reused.

| code | error | exit |
|---|---|---|
| E001 | :class:`BadInput`: the input cannot be read as a PDF this tool can work on | 2 |
| E002 | :class:`PolicyError`: a policy, plan, court profile or pattern pack is not valid | 2 |
| E003 | :class:`VerificationFailed`: something planned can still be read; nothing released | 3 |
| E004 | ``PatternTimeout``: a pattern ran past its time limit | 2 |
| E005 | :class:`OutputError`: an output cannot be written (its folder, permissions, disk space) | 2 |
| E010 | ``BatesError``: Bates numbering cannot go on as asked | 2 |
| E011 | ``ExecutorError``: the workers cannot be started | 2 |
| E012 | ``StampError``: a Bates stamp could not be read back from the page | 2 |
| E013 | ``TooLarge``: a file cannot be split under the court's size limit | 2 |
| E014 | ``NotFileable``: a public copy the court's e-filing would refuse, that splitting cannot mend | 2 |
| E020 | ``ReviewError``: the review's server cannot start (its port is taken or not allowed) | 2 |
| E099 | an unexpected error: a bug in redactor (shown by the command line) | 2 |
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # done, and clean
    FOUND = 1  # check found something to fix
    BAD_INPUT = 2  # bad usage, unreadable input, or an output that cannot be written
    NOT_VERIFIED = 3  # verification failed: nothing released


class RedactorError(Exception):
    """An error a user can act on. ``str()`` is one line: what went wrong and what to do.

    Messages never hold a redacted value, and never name a command-line flag:
    ``option`` names the parameter the error is about (``password``), and the
    command line shows its flag.
    """

    exit_code = ExitCode.BAD_INPUT
    code = "E000"

    def __init__(self, message: str = "", *, option: str | None = None):
        super().__init__(message)
        self.option = option


class BadInput(RedactorError):
    """The input file cannot be read as a PDF this tool can work on."""

    code = "E001"

    def __init__(self, path: str, problem: str, remedy: str, *, option: str | None = None):
        self.path, self.problem, self.remedy = path, problem, remedy
        super().__init__(f"{quoted(path)}: {problem}; {remedy}", option=option)


class PolicyError(RedactorError):
    """A policy, plan, court profile or pattern pack file is not valid."""

    code = "E002"


class VerificationFailed(RedactorError):
    """A planned redaction could still be recovered from the output: nothing is released."""

    exit_code = ExitCode.NOT_VERIFIED
    code = "E003"


class OutputError(RedactorError):
    """An output cannot be written: its folder is missing or read-only, the disk is full, it names a folder."""

    code = "E005"

    def __init__(self, path: str, problem: str, remedy: str, *, option: str | None = None):
        self.path, self.problem, self.remedy = path, problem, remedy
        super().__init__(f"{quoted(path)}: {problem}; {remedy}", option=option)


_HIDING = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def quoted(path: str) -> str:
    """A file name as a message shows it: as is, unless a line break, a control character or a
    blank at its ends would split the message or hide part of the name; then quoted, escaped."""
    path = str(path)
    return repr(path) if _HIDING.search(path) or path != path.strip() else path


@contextmanager
def working_on(path: str) -> Iterator[None]:
    """Mark an unexpected error raised in the block with the file being worked on, so the
    one line that reports it names that file (in a command given several)."""
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, RedactorError) and not hasattr(exc, "redactor_input"):
            try:
                exc.redactor_input = path  # type: ignore[attr-defined]
            except AttributeError:  # an exception type without attributes of its own
                pass
        raise


def input_of(exc: BaseException, default: str = "") -> str:
    """The file an unexpected error was met on (see :func:`working_on`), else ``default``."""
    return getattr(exc, "redactor_input", None) or default


def check_keys(mapping: dict, known: tuple[str, ...] | dict, where: str) -> None:
    """Raise PolicyError naming the first key of a policy, plan or profile entry that is
    not one of ``known``, and listing the keys that are."""
    for key in mapping:
        if key not in known:
            raise PolicyError(f"{where}: unknown key '{key}'; known keys: {', '.join(known)}")
