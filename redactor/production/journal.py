"""The production journal: what has been committed, so a rerun finishes the rest.

One JSON object a line, appended and fsync'd as each document is committed, in
``OUT_DIR/journal.jsonl``; a line is written whole or not at all (a full disk
cuts nothing short). A document is committed when its files are in place
under their final names; its journal line is written after that, so a crash in
between only means the document is produced again under the same numbers. A line
cut short by a crash is ignored when the journal is read back.

Records (``type``): ``run`` (a run began: prefix, start, digits), ``produced``
(a document with its Bates range, files and log rows) and ``failed`` (a document
that could not be produced, with the reason). A document is known by ``key``: a
hash of its absolute path and its content, so a changed file is produced again.
Nothing here holds a redacted value.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..files import output_error

JOURNAL_NAME = "journal.jsonl"


def document_key(path: str | os.PathLike) -> str:
    """The identity of an input: its absolute path and its content, hashed."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return hashlib.sha256(
        str(Path(path).resolve()).encode("utf-8") + b"\0" + digest.digest()
    ).hexdigest()


class Journal:
    """Append-only, fsync'd JSON lines."""

    def __init__(self, out_dir: str | os.PathLike):
        self.path = Path(out_dir) / JOURNAL_NAME
        self._fd: int | None = None

    def records(self) -> Iterator[dict[str, Any]]:
        for _, record in self.entries():
            yield record

    def entries(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each record with where its line starts in the file (for :meth:`read_at`)."""
        if not self.path.exists():
            return
        with open(self.path, "rb") as fh:
            offset = 0
            for line in fh:
                start, offset = offset, offset + len(line)
                record = _parse(line)
                if record is not None:
                    yield start, record

    def read_at(self, offsets: Iterable[int]) -> Iterator[dict[str, Any]]:
        """The records whose lines start at ``offsets``, one at a time, in that order."""
        with open(self.path, "rb") as fh:
            for offset in offsets:
                fh.seek(offset)
                record = _parse(fh.readline())
                if record is None:
                    raise ValueError(f"{self.path}: no record at byte {offset}")
                yield record

    def done(self) -> dict[str, dict[str, Any]]:
        """The last produced-or-failed record of each document key, without its log rows
        (``redactions`` says how many it has), so a long production's journal is not held whole."""
        out = {}
        for r in self.records():
            if r["type"] in ("produced", "failed"):
                log = r.pop("log", None)
                if log is not None:
                    r["redactions"] = len(log)
                out[r["key"]] = r
        return out

    def append(self, record: dict[str, Any]) -> None:
        """Write ``record`` as one line, synced: whole, or not at all.

        A line that cannot be written whole (the disk filled up half way) is cut
        off again, so the journal never holds half a line this process wrote;
        the error is raised as OutputError naming the journal.
        """
        line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                if os.fstat(self._fd).st_size and not _ends_with_newline(self.path):
                    line = b"\n" + line  # seal a line cut short by an earlier crash
            end = os.fstat(self._fd).st_size
            try:
                _write_all(self._fd, line)
                os.fsync(self._fd)
            except OSError:
                os.ftruncate(self._fd, end)
                raise
        except OSError as exc:
            raise output_error(self.path, exc) from None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None  # a line cut short by a crash: that document was not committed
    return record if isinstance(record, dict) and "type" in record else None


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"
