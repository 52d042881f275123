"""Earlier revisions of a file (incremental updates) and what an update removed.

:func:`revision_ends` finds where each revision ends; the helpers compare the
words of a page of an earlier revision (or of a hidden layer) with the final
one, page by page, reading each final page only when a fingerprint of what it
draws differs.
"""

from __future__ import annotations

import difflib
import hashlib
import re

import pymupdf

from ..model import Box, union

MAX_PAGES_COMPARED = 200  # pages of each revision (and of hidden layers) compared word by word


def revision_ends(raw: bytes) -> list[int]:
    """Where each revision of the file ends (just past its ``%%EOF``), oldest first.

    A revision ends in ``startxref N %%EOF`` where ``N`` points at a
    cross-reference table or stream. The first-page trailer of a linearized
    file is not a revision of its own.
    """
    first_page_end = 0
    m = re.search(rb"/Linearized\b.{0,200}?/E\s+(\d+)", raw[:2048], re.S)
    if m:
        first_page_end = int(m.group(1))
    header = max(
        raw.find(b"%PDF-", 0, 1024), 0
    )  # offsets count from the header when junk precedes it
    found: dict[int, tuple[int, bool]] = {}
    for m in re.finditer(rb"startxref\s+(\d{1,15})\s*%%EOF", raw):
        if m.start() < first_page_end:
            continue
        end = m.end()
        end += (
            2 if raw[end : end + 2] == b"\r\n" else 1 if raw[end : end + 1] in (b"\r", b"\n") else 0
        )
        offset = int(m.group(1))
        valid = any(_xref_at(raw, offset + shift) for shift in {0, header})
        found.pop(offset, None)  # the same table stated twice is one revision: keep the last
        found[offset] = (end, valid)
    ends = [end for end, valid in found.values() if valid] or [end for end, _ in found.values()]
    return sorted(ends) or [len(raw)]


def _xref_at(raw: bytes, offset: int) -> bool:
    chunk = raw[offset : offset + 40].lstrip()
    return chunk.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj\b", chunk) is not None


def _words(page: pymupdf.Page) -> list[tuple[str, Box]]:
    return [(w[4], (w[0], w[1], w[2], w[3])) for w in page.get_text("words")]


def _vanished(before: list[tuple[str, Box]], after: list[str]) -> list[tuple[str, Box]]:
    """Runs of consecutive words of ``before`` that ``after`` no longer holds there, with their box."""
    matcher = difflib.SequenceMatcher(None, [text for text, _ in before], after)
    runs = []
    for tag, start, end, _, _ in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            run = before[start:end]
            runs.append((" ".join(text for text, _ in run), union([box for _, box in run])))
    return runs


def _fingerprint(page: pymupdf.Page) -> bytes:
    """What a page draws: its content streams and form XObjects. Equal prints, equal text."""
    digest = hashlib.sha256(page.read_contents())
    for xobject in page.get_xobjects():
        digest.update(page.parent.xref_stream_raw(xobject[0]) or b"")
    return digest.digest()


class _FinalPages:
    """The final revision's pages, each read once and only when an earlier revision differs."""

    def __init__(self, pdf: pymupdf.Document):
        self.pdf = pdf
        self.count = min(pdf.page_count, MAX_PAGES_COMPARED)
        self._prints: dict[int, bytes] = {}
        self._words: dict[int, list[str]] = {}
        self._everywhere: set[str] | None = None

    def fingerprint(self, pno: int) -> bytes:
        if pno not in self._prints:
            self._prints[pno] = _fingerprint(self.pdf[pno]) if pno < self.count else b""
        return self._prints[pno]

    def words(self, pno: int) -> list[str]:
        if pno not in self._words:
            self._words[pno] = (
                [text for text, _ in _words(self.pdf[pno])] if pno < self.count else []
            )
        return self._words[pno]

    def everywhere(self) -> set[str]:
        if self._everywhere is None:
            self._everywhere = {word for pno in range(self.count) for word in self.words(pno)}
        return self._everywhere
