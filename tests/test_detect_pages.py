"""A sentence that runs over a page break keeps its context."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from redactor.detect import detect
from redactor.ingest import load


def _two_pages(path: Path, foot: str, head: str) -> Path:
    doc = pymupdf.open()
    for text in (foot, head):
        page = doc.new_page()
        page.insert_text((72, 700 if text is foot else 90), text, fontsize=11)
    doc.save(path)
    return path


def test_context_at_the_foot_of_the_previous_page(tmp_path: Path) -> None:
    pdf = _two_pages(
        tmp_path / "split.pdf",
        "Wire instructions direct payment to the deposit account number",
        "2309-8073-5306, as the ledger shows.",
    )
    found = [f for f in detect(load(str(pdf))) if f.private]
    hits = [f for f in found if f.text == "2309-8073-5306"]
    assert hits and hits[0].page == 2 and hits[0].category == "ACCOUNT"
    assert hits[0].bbox[1] < 120  # boxed where it is drawn: the top of page 2
    assert all(f.page != 1 or "2309" not in f.text for f in found)


def test_the_lead_adds_nothing_to_the_next_page(tmp_path: Path) -> None:
    pdf = _two_pages(
        tmp_path / "lead.pdf",
        "Her Social Security number is 512-48-3907 and",
        "the hearing is continued to a later date.",
    )
    found = [f for f in detect(load(str(pdf))) if f.private]
    assert [(f.page, f.category) for f in found] == [(1, "SSN")]
