"""Committing a document: its numbers, its files under their final names, its journal line.

Only the main process commits, and strictly in input order, so the Bates numbers
follow the input order with no gap and no repeat whatever order the workers
finish in. A document is committed in this order: the PDF and the text file are
moved into place (each fully written and synced under a temporary name first),
then the journal line is written and synced, then the registry is extended. A
crash before the journal line means the document is produced again, under the
same numbers, by the next run. A file that cannot be written (the disk is full)
raises OutputError and stops the run; that document too is produced by the next.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError, RedactorError
from ..files import output_error, write_atomic
from .bates import BatesRegistry, bates_number
from .inputs import Item
from .journal import Journal
from .worker import Outcome, failure_reason

IMAGES = "IMAGES"
TEXT = "TEXT"
TEXT_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark, like the DAT file


class Committer:
    def __init__(
        self,
        out: Path,
        journal: Journal,
        registry: BatesRegistry,
        *,
        run: str,
        prefix: str,
        digits: int,
        legend: str | None,
        first: int,
    ):
        self.out, self.journal, self.registry = out, journal, registry
        self.run, self.prefix, self.digits, self.legend = run, prefix, digits, legend
        self.first = first  # this run's first number
        self.next = first  # the number the next committed document starts at
        (out / IMAGES).mkdir(exist_ok=True)
        (out / TEXT).mkdir(exist_ok=True)

    def commit(self, item: Item, outcome: Outcome) -> None:
        if outcome.ok:
            try:
                self._produced(item, outcome)
                return
            except OutputError:  # the disk, not the document: the run stops here
                raise
            except RedactorError as exc:  # a number that cannot be given (past the digits)
                outcome.reason = failure_reason(exc, str(item.path))
            finally:
                discard(outcome)
        self.journal.append(
            {"type": "failed", "key": item.key, "source": item.rel, "reason": outcome.reason}
        )

    def _produced(self, item: Item, outcome: Outcome) -> None:
        if outcome.first != self.next:  # the scheduler sends it again with the right numbers first
            raise ValueError(
                f"document {outcome.index} was stamped from {outcome.first}, not {self.next}"
            )
        begin = bates_number(self.prefix, self.next, self.digits)
        pdf_rel, text_rel = f"{IMAGES}/{begin}.pdf", f"{TEXT}/{begin}.txt"
        _place(outcome.stamped, self.out / pdf_rel)
        write_atomic(self.out / text_rel, outcome.text.encode(TEXT_ENCODING))
        last = self.next + outcome.pages - 1
        self.journal.append({
            "type": "produced", "key": item.key, "source": item.rel, "run": self.run,
            "prefix": self.prefix, "digits": self.digits, "first": self.next, "last": last,
            "file": pdf_rel, "text": text_rel, "filename": outcome.filename,
            "confidentiality": self.legend or "", "log": outcome.log_rows,
        })  # fmt: skip
        self.registry.record(self.prefix, self.run, self.first, last)
        self.next = last + 1


def _place(data: str | bytes, dest: Path) -> None:
    """Put the produced PDF under its final name: synced first, then renamed."""
    if isinstance(data, bytes):
        write_atomic(dest, data)
        return
    try:
        fd = os.open(data, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(data, dest)
    except OSError as exc:
        raise output_error(dest, exc) from None


def discard(outcome: Outcome) -> None:
    """Remove what a worker left in the temp folder for an outcome that will not be committed (as is)."""
    if isinstance(outcome.stamped, str) and outcome.stamped:
        Path(outcome.stamped).unlink(missing_ok=True)
