"""Exit codes and the domain errors that map onto them.

The numbers are part of the command-line contract: a number never changes meaning.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # done, and clean
    FOUND = 1  # check found something to fix
    BAD_INPUT = 2  # bad usage or unreadable input
    NOT_VERIFIED = 3  # verification failed: nothing released


class RedactorError(Exception):
    """An error a user can act on. ``str()`` is one line: what went wrong and what to do.

    Messages never hold a redacted value.
    """

    exit_code = ExitCode.BAD_INPUT
    code = "E000"


class BadInput(RedactorError):
    """The input file cannot be read as a PDF this tool can work on."""

    code = "E001"

    def __init__(self, path: str, problem: str, remedy: str):
        self.path, self.problem, self.remedy = path, problem, remedy
        super().__init__(f"{path}: {problem}; {remedy}")


class PolicyError(RedactorError):
    """A policy, plan or pattern pack file is not valid."""

    code = "E002"


class VerificationFailed(RedactorError):
    """A planned redaction could still be recovered from the output: nothing is released."""

    exit_code = ExitCode.NOT_VERIFIED
    code = "E003"


def check_keys(mapping: dict, known: tuple[str, ...] | dict, where: str) -> None:
    """Raise PolicyError naming the first key of a policy, plan or profile entry that is
    not one of ``known``, and listing the keys that are."""
    for key in mapping:
        if key not in known:
            raise PolicyError(f"{where}: unknown key '{key}'; known keys: {', '.join(known)}")
