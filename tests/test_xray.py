"""The structural check on 27 real court PDFs with known answers (shared/fixtures/xray/EXPECTED.json).

Four files hide text under boxes or other text; the other 23 are traps for a
careless detector (bars over blanks, text on top of boxes, clipped boxes,
border-only boxes, label words under bars, a messy 21-page scan). Every page of
every file is checked.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pymupdf
import pytest

from redactor.detect.structure import page_problems

XRAY = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "xray"
EXPECTED = json.loads((XRAY / "EXPECTED.json").read_text())["files"]
KINDS = {"bad_redaction", "hidden_text"}
# Files that hold no bad redaction but do hold text a reader cannot see.
HIDDEN_TEXT_FOR_REAL = {"unfilled_rect.pdf"}


def _looks_scanned(page: pymupdf.Page) -> bool:
    """Ingest's rule: one image covers (nearly) the whole page."""
    area = page.rect.get_area()
    for kind, bbox in page.get_bboxlog():
        if kind == "fill-image" and (pymupdf.Rect(bbox) & page.rect).get_area() >= 0.8 * area:
            return True
    return False


def _problems(name: str) -> list:
    with pymupdf.open(XRAY / name) as pdf:
        found = []
        for i, page in enumerate(pdf):
            found += page_problems(pdf, i, scanned=_looks_scanned(page))
        return [p for p in found if p.kind in KINDS]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_xray_fixture(name: str) -> None:
    want = EXPECTED[name]
    problems = _problems(name)
    details = [(p.page, p.kind, p.detail) for p in problems]
    if "bad_redactions_at_least" in want:
        assert len(problems) >= want["bad_redactions_at_least"], details
    elif want["bad_redactions"] == 0:
        # No box over live text, and no hidden text either, except where the file
        # really holds some (asserted on its own below).
        assert [d for d in details if d[1] == "bad_redaction"] == [], details
        if name not in HIDDEN_TEXT_FOR_REAL:
            assert problems == [], details
    else:
        assert len(problems) >= want["bad_redactions"], details
    for p in problems:
        assert p.page == want.get("page", p.page)


def test_rectangles_yes_three_bars() -> None:
    problems = _problems("rectangles_yes.pdf")
    assert [(p.page, p.kind) for p in problems] == [(1, "bad_redaction")] * 3
    # the three bars sit on three different lines of the page
    assert len({round(p.bbox[1]) for p in problems}) == 3
    assert all("still in the file" in p.detail for p in problems)


def test_text_typed_over_whited_out_text() -> None:
    problems = _problems("hidden_text_on_visible_text.pdf")
    assert any("TROOPPER" in p.detail for p in problems), [p.detail for p in problems]


def test_cross_hatched_boxes() -> None:
    problems = _problems("bad_cross_hatched_redactions.pdf")
    assert {p.kind for p in problems} == {"bad_redaction"}
    # the EXPECTED note counts 639 covered characters, spaces included
    covered = [int(re.search(r"(\d+) characters?", p.detail).group(1)) for p in problems]
    assert sum(covered) >= 500, covered


def test_speed_on_the_scan() -> None:
    """The 21-page scan, every page, well within budget (measured here: about 0.12 s in all)."""
    with pymupdf.open(XRAY / "no_bad_redactions.5.5.pdf") as pdf:
        scanned = [_looks_scanned(page) for page in pdf]
        start = time.perf_counter()
        for i in range(len(pdf)):
            page_problems(pdf, i, scanned=scanned[i])
        elapsed = time.perf_counter() - start
    print(
        f"structure check, 21-page scan: {elapsed * 1000:.0f} ms, {elapsed / 21 * 1000:.1f} ms a page"
    )
    assert len(scanned) == 21
    assert elapsed < 21 * 0.1, f"{elapsed:.2f} s for 21 pages"


def test_tiny_white_stamp_is_hidden_text() -> None:
    """unfilled_rect.pdf carries a 1 pt white stamp ("YVer1f", put there by transcript
    software): no bad redaction, but text a reader cannot see, and check says so."""
    problems = _problems("unfilled_rect.pdf")
    assert problems and {p.kind for p in problems} == {"hidden_text"}
    assert all("YVer1f" in p.detail for p in problems)
