"""A fresh, invisible OCR text layer for a scanned page, read from the redacted image.

The old layer was removed whole before the boxes were burned; this one is made
from what the public copy shows, so it cannot hold anything that was blacked
out, and the filing stays searchable as courts require.
"""

from __future__ import annotations

import os

import pymupdf

from ..ingest.ocr import ocr_textpage
from .burn import BLACK, Pen


def rebuild_text_layer(page: pymupdf.Page) -> int:
    """OCR the page as it now looks and write the words back as invisible text.

    Words that the page already shows as real text are not doubled. Returns the
    number of words written.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread: the same page reads the same way
    textpage = ocr_textpage(page, 0)
    ocr_words = page.get_text("words", textpage=textpage, sort=True)
    present = [pymupdf.Rect(w[:4]) for w in page.get_text("words")]
    pen, written = Pen(page), 0
    for x0, y0, x1, y1, word, *_ in ocr_words:
        box = pymupdf.Rect(x0, y0, x1, y1)
        if not word.strip() or any(_mostly_inside(box, p) for p in present):
            continue
        if pen.text(box, word, BLACK, render_mode=3, fill_width=True):
            written += 1
    pen.commit()
    return written


def _mostly_inside(box: pymupdf.Rect, other: pymupdf.Rect) -> bool:
    inter = pymupdf.Rect(box) & other
    return not inter.is_empty and inter.get_area() >= 0.5 * max(box.get_area(), 1e-6)
