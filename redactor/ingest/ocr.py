"""Pages read by OCR: at a resolution the page can be rendered at, and without Tesseract's chatter.

* :func:`ocr_dpi`: 300 dpi, or less on a page so large that 300 dpi would make
  an image MuPDF refuses ("Overly large image") or Tesseract takes minutes on: a
  14,400 pt page (the largest PDF allows) holding one scan is read at 30 dpi,
  which still gives its letters, scaled up with the page, some 100 pixels.
* :func:`foreign_output`: Tesseract (and MuPDF's C code) write their warnings
  ("Image too small to scale!!") straight to file descriptor 2. Around an OCR
  call that descriptor points at an unnamed temporary file; what was written is
  logged (shown with ``-v``), never left on the terminal.

Every place that renders a page for OCR (ingest, the new text layer of a
scanned page, verification's OCR of redacted areas) goes through these.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pymupdf

OCR_DPI = 300
# Pixels an OCR rendering may have: a 24 x 36 in exhibit at 200 dpi, a letter page at 300 dpi
# has 8.4 million. MuPDF refuses images past 2**31 bytes; Tesseract slows long before.
MAX_OCR_PIXELS = 36_000_000
MIN_OCR_DPI = 10

logger = logging.getLogger("redactor.foreign")
_lock = threading.RLock()
_depth = 0


def ocr_dpi(rect: pymupdf.Rect, dpi: int = OCR_DPI) -> int:
    """The resolution to render ``rect`` (in points) at for OCR: ``dpi``, or less when that
    would make more than :data:`MAX_OCR_PIXELS` pixels."""
    width, height = abs(rect.width) / 72, abs(rect.height) / 72
    if width * height <= 0:
        return dpi
    fits = math.floor(math.sqrt(MAX_OCR_PIXELS / (width * height)))
    return max(MIN_OCR_DPI, min(dpi, fits))


def ocr_textpage(
    page: pymupdf.Page, flags: int, *, language: str = "eng", full: bool = True
) -> pymupdf.TextPage:
    """The page read by OCR at :func:`ocr_dpi`, Tesseract's messages logged. ``full``: the whole
    page; else only its images, its live text kept as it is."""
    with foreign_output("tesseract"):
        return page.get_textpage_ocr(
            flags=flags, language=language, dpi=ocr_dpi(page.rect), full=full
        )


@contextmanager
def foreign_output(program: str) -> Iterator[None]:
    """Keep what C code writes to file descriptor 2 off the terminal; log it (``-v`` shows it).

    The descriptor belongs to the whole process: one thread at a time holds it
    (MuPDF is not to be called from two threads at once anyway); a call inside
    another leaves it where the outer one pointed it.
    """
    global _depth
    with _lock:
        _depth += 1
        if _depth > 1:
            try:
                yield
            finally:
                _depth -= 1
            return
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        saved = os.dup(2)
        sink = tempfile.TemporaryFile()  # unnamed: nothing is left behind, whatever happens
        try:
            os.dup2(sink.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
                _depth -= 1
                _log(program, sink)
        finally:
            os.close(saved)
            sink.close()


def _log(program: str, sink: tempfile._TemporaryFileWrapper) -> None:  # type: ignore[name-defined]
    sink.seek(0)
    for line in sink.read(1 << 16).decode("utf-8", "replace").splitlines():
        if line.strip():
            logger.info("%s: %s", program, line.strip())
