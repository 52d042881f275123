"""The plain redactor the batch benchmark compares against: Presidio + PyMuPDF, the usual script.

For each page: take the page text, run Presidio's default analyzer over it, look
up each hit on the page with ``search_for``, add a black redaction annotation
over each place found, apply the redactions, and finally save the file. No
verification, no other surfaces, one process. Used only by ``batch_speed.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pymupdf

sys.path.insert(0, str(Path(__file__).resolve().parent))

from detect_accuracy import baseline_analyzer  # noqa: E402

__all__ = ["baseline_analyzer", "plain_redact"]


def plain_redact(src: str | Path, dst: str | Path, analyzer) -> int:
    """Redact ``src`` into ``dst`` the plain way; return the number of pages."""
    with pymupdf.open(str(src)) as doc:
        for page in doc:
            text = page.get_text()
            for hit in analyzer.analyze(text=text, language="en"):
                for rect in page.search_for(text[hit.start : hit.end]):
                    page.add_redact_annot(rect, fill=(0, 0, 0))
            page.apply_redactions()
        doc.save(str(dst), garbage=3, deflate=True)
        return doc.page_count
