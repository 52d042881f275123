"""Scanned pages: covered pixels blanked, the old invisible OCR layer dropped whole, and
a fresh layer read from the redacted image, so the filing stays searchable."""

from __future__ import annotations

import io

import pdfplumber
import pymupdf
import pytest

from redactor.ingest import load
from redactor.model import Finding
from redactor.plan import Policy, make_plan
from redactor.redact import redact_file

SECRET = "Quintanilla"


def scanned_pdf(path) -> None:
    """A page that is one image of text, with an invisible OCR layer over it (as a scanner makes)."""
    text = pymupdf.open()
    page = text.new_page()
    page.insert_text((72, 100), f"Witness Dolores {SECRET} testified today.", fontsize=16)
    page.insert_text((72, 160), "The hearing is continued to Monday.", fontsize=16)
    pix = page.get_pixmap(dpi=200)
    scan = pymupdf.open("pdf", pix.pdfocr_tobytes(language="eng"))
    scan.save(path)


@pytest.mark.slow
def test_scanned_page_redacted_pixels_and_fresh_ocr_layer(tmp_path):
    src, dst = tmp_path / "scan.pdf", tmp_path / "out.pdf"
    scanned_pdf(src)
    doc = load(str(src))
    page = doc.pages[0]
    assert page.scanned and SECRET in page.text.text
    start = page.text.text.index(SECRET)
    boxes = tuple(page.text.boxes_for(start, start + len(SECRET)))
    finding = Finding("PERSON", SECRET, 1, boxes, "test", 1.0, "planted", start=start)
    result = redact_file(str(src), str(dst), plan=make_plan(doc, [finding], Policy.default()))
    assert any("OCR" in c for c in result.checks)
    with pdfplumber.open(io.BytesIO(dst.read_bytes())) as pdf:
        text = pdf.pages[0].extract_text()
    assert SECRET not in text
    assert "hearing" in text and "Monday" in text  # searchable again, from the redacted image
    out = pymupdf.open(dst)[0]
    ocr = out.get_textpage_ocr(dpi=200, full=True)
    assert SECRET not in out.get_text(textpage=ocr)
