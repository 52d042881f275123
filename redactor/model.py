"""The nouns of the pipeline: what ingest reads, what detectors find, what check reports.

Everything here is plain data. Boxes are PDF user-space rectangles in points,
``(x0, y0, x1, y1)`` with y growing downwards, as PyMuPDF reports them.
Pages are numbered from 1, as a court cites them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Box = tuple[float, float, float, float]


def union(boxes: list[Box] | tuple[Box, ...]) -> Box:
    """The smallest box holding every box given (called for every word of every page: a plain loop)."""
    if not boxes:
        raise ValueError("union of no boxes")
    x0, y0, x1, y1 = boxes[0]
    for a, b, c, d in boxes[1:]:
        if a < x0:
            x0 = a
        if b < y0:
            y0 = b
        if c > x1:
            x1 = c
        if d > y1:
            y1 = d
    return (x0, y0, x1, y1)


def overlaps(a: Box, b: Box) -> bool:
    """True when two boxes share some area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def mostly_under(box: Box, boxes: list[Box]) -> bool:
    """True when most (half or more) of ``box`` lies under one of ``boxes``."""
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1e-6)
    for b in boxes:
        w = min(box[2], b[2]) - max(box[0], b[0])
        h = min(box[3], b[3]) - max(box[1], b[1])
        if w > 0 and h > 0 and w * h >= 0.5 * area:
            return True
    return False


@dataclass(frozen=True)
class Word:
    """One word of a page as drawn, with its box and where it sits."""

    text: str
    bbox: Box
    line: int  # index into Page.lines
    ocr: bool = False


@dataclass(frozen=True)
class Line:
    """One visual line of text on a page."""

    bbox: Box
    block: int
    pleading_line: int | None  # the number in the pleading-paper margin, if any
    furniture: bool  # header, footer, or pleading margin: not part of the body text


@dataclass
class PageText:
    """The text detectors read, with a map from every character back to the page.

    ``char_boxes[i]`` is the box of ``text[i]``; ``None`` for separators that
    ingest inserted (line and block breaks). ``char_lines[i]`` is the index of
    the line the character sits on, or -1 for an inserted separator.
    """

    text: str = ""
    char_boxes: list[Box | None] = field(default_factory=list)
    char_lines: list[int] = field(default_factory=list)
    body_end: int = -1  # where the body ends and headers/footers begin; -1: all body

    @property
    def body(self) -> str:
        return self.text if self.body_end < 0 else self.text[: self.body_end]

    def boxes_for(self, start: int, end: int) -> list[Box]:
        """Boxes covering ``text[start:end]``: one box for each line the span touches."""
        by_line: dict[int, list[Box]] = {}
        for i in range(start, min(end, len(self.text))):
            box = self.char_boxes[i]
            if box is None or self.text[i].isspace():
                continue
            by_line.setdefault(self.char_lines[i], []).append(box)
        return [union(b) for _, b in sorted(by_line.items())]

    def lines_for(self, start: int, end: int) -> list[int]:
        return sorted(
            {
                self.char_lines[i]
                for i in range(start, min(end, len(self.text)))
                if self.char_lines[i] >= 0
            }
        )


@dataclass
class ImageInfo:
    """An image drawn on a page: where, and its size in pixels."""

    bbox: Box
    width: int
    height: int


@dataclass
class Page:
    number: int
    width: float
    height: float
    rotation: int
    words: list[Word]
    lines: list[Line]
    text: PageText
    images: list[ImageInfo]
    has_text_layer: bool  # the file itself carries text on this page
    ocr: bool  # the words come from OCR of the page image
    scanned: bool  # the page is essentially one image (a scan), with or without a text layer
    # characters MuPDF read on the page, blanks aside, pleading line numbers and all
    read_chars: int = 0

    def pleading_line_at(self, box: Box) -> int | None:
        """The pleading-paper line a box sits on, as a court cites it."""
        cy = (box[1] + box[3]) / 2
        best, best_d = None, None
        for line in self.lines:
            if line.pleading_line is None:
                continue
            d = abs((line.bbox[1] + line.bbox[3]) / 2 - cy)
            if best_d is None or d < best_d:
                best, best_d = line.pleading_line, d
        if best_d is not None and best_d <= 14:
            return best
        return None


@dataclass(frozen=True)
class SurfaceText:
    """Text found somewhere other than the drawn page: metadata, a comment, a field...

    ``surface`` is the problem kind of that place (``metadata``, ``annotation``,
    ``form_field``, ``bookmark``, ``attachment``, ``javascript``,
    ``optional_content``, ``incremental_update``, ``hidden_text``); ``where`` says
    exactly which entry, so a person can find it.
    """

    surface: str
    where: str
    text: str
    page: int | None = None
    bbox: Box | None = None


@dataclass
class Document:
    path: str
    pages: list[Page]
    surfaces: list[SurfaceText]
    metadata: dict[str, str]
    encrypted: bool
    revisions: int  # 1 for a file written whole; more for incremental updates
    pdf: Any = None  # the open pymupdf.Document, for stages that need raw access
    raw: bytes = b""  # the file's bytes as read (never written back)

    @property
    def page_count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True)
class Term:
    """A string the user wants redacted wherever it appears (a minor's name, a customer).

    ``category`` says what it is (``TERM`` when the user did not say); ``action``,
    when given, overrides the category's action for this term alone.
    """

    text: str
    category: str = "TERM"
    action: str | None = None


@dataclass(frozen=True)
class Finding:
    """A piece of text a detector says must not reach the public record (or must stay).

    ``private`` findings are planned for redaction; public ones (a judge's
    name, a citation) are recorded so a reviewer sees why they were kept.
    Detection says what it found and why; ``action`` is left empty there and
    set from the plan's decision (:meth:`redactor.plan.Policy.decide`).
    """

    category: str
    text: str
    page: int | None
    bboxes: tuple[Box, ...]
    detector: str
    score: float
    why: str
    surface: str = "page"
    where: str = ""
    line: int | None = None
    start: int = -1
    end: int = -1
    private: bool = True
    action: str = ""

    @property
    def bbox(self) -> Box | None:
        return union(self.bboxes) if self.bboxes else None

    def sort_key(self) -> tuple:
        """Page order, then place; the rest only settles ties, so a run's order never varies."""
        return (
            self.page or 0,
            self.surface != "page",
            self.start,
            self.category,
            self.text,
            self.surface,
            self.where,
            self.end,
            self.detector,
            self.why,
            self.private,
            self.action,
        )


SEVERITY_FIX = "fix"  # must be dealt with before filing: exit code 1
SEVERITY_NOTE = "note"  # worth knowing, not by itself a reason to stop


@dataclass(frozen=True)
class Problem:
    """Something about the PDF itself that can leak, whatever the words say."""

    kind: str
    detail: str
    page: int | None = None
    bbox: Box | None = None
    severity: str = SEVERITY_FIX

    def sort_key(self) -> tuple:
        return (self.page or 0, self.kind, self.bbox or (0, 0, 0, 0), self.detail)
