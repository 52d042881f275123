"""Small filings with a caption and planted values, and hand-made plans for them."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from redactor.plan import Plan, Redaction
from redactor.plan.forms import term_forms

SSN = "524-71-9036"
MINOR = "Olivia Brandt"
DOB = "03/14/2009"
PLANTED = {"SSN": SSN, "MINOR": MINOR, "DOB": DOB}
CASE_NUMBER = "2:24-cv-01187-KJM-DB"


def make_filing(path: Path, *, title: str = "DECLARATION OF MARIA LOPEZ IN SUPPORT OF MOTION", pages: int = 2,
                court: str = "EASTERN DISTRICT OF CALIFORNIA", noise_images: bool = False) -> Path:  # fmt: skip
    """A captioned filing: the values sit on page 1; other pages are body text (with an
    incompressible image each when ``noise_images``, to make the file large)."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    y = 72.0

    def put(x: float, text: str, bold: bool = False) -> None:
        page.insert_text((x, y), text, fontname="tibo" if bold else "tiro", fontsize=12)

    for line in ["Maria Lopez (SBN 123456)", "LOPEZ LAW GROUP", "100 Capitol Mall, Sacramento, CA 95814",
                 "Attorneys for Plaintiff"]:  # fmt: skip
        put(72, line)
        y += 14
    y += 14
    for line in ["UNITED STATES DISTRICT COURT", court]:
        put(306 - pymupdf.get_text_length(line, "tibo", 12) / 2, line, bold=True)
        y += 14
    y += 20
    top = y
    for line in [
        "JAMES HOLLOWAY,",
        "",
        "Plaintiff,",
        "",
        "v.",
        "",
        "COUNTY OF PLACER, et al.,",
        "",
        "Defendants.",
    ]:
        if line:
            put(72 + (72 if line.endswith(("tiff,", "ants.")) else 36 if line == "v." else 0), line)
        y += 14
    y = top
    put(320, f"Case No. {CASE_NUMBER}")
    y += 28
    words = title.split()
    line = ""
    for w in words:
        if pymupdf.get_text_length(f"{line} {w}".strip(), "tibo", 12) > 220:
            put(320, line, bold=True)
            y += 14
            line = w
        else:
            line = f"{line} {w}".strip()
    put(320, line, bold=True)
    y = top + 9 * 14 + 28
    for text in [
        "I, Maria Lopez, declare as follows:",
        f"1. The plaintiff's Social Security number is {SSN} and he lives in Sacramento.",
        f"2. His daughter {MINOR}, a minor, was born on {DOB} in Sacramento.",
        "3. The records attached were produced under the protective order.",
    ]:
        put(72, text)
        y += 24
    for n in range(2, pages + 1):
        page = doc.new_page(width=612, height=792)
        y = 72.0
        put(72, f"{n}. Further statement of facts on page {n}, without any private detail.")
        if noise_images:
            pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 160, 160), False)
            import random

            rng = random.Random(n)
            pix.set_rect(pix.irect, (0, 0, 0))
            samples = bytes(rng.getrandbits(8) for _ in range(160 * 160 * 3))
            pix = pymupdf.Pixmap(pymupdf.csRGB, 160, 160, samples, False)
            page.insert_image(pymupdf.Rect(72, 120, 372, 420), pixmap=pix)
    doc.save(str(path), garbage=3, deflate=True)
    doc.close()
    return path


def plan_for(path: Path) -> Plan:
    """A plan with one entry per planted value, boxes from where the page shows it."""
    doc = pymupdf.open(str(path))
    page = doc[0]
    reds = []
    for i, (category, value) in enumerate(PLANTED.items(), 1):
        rects = page.search_for(value)
        assert rects, value
        replacement = {"SSN": "XXX-XX-9036", "MINOR": "O.B.", "DOB": "XX/XX/2009"}[category]
        reds.append(
            Redaction(
                id=f"R-{i:04d}", page=1, boxes=tuple(tuple(r) for r in rects), category=category,
                action="partial", label=replacement, detector="test", reason=f"planted {category}",
                line=None, replacement=replacement, terms=term_forms(category, value),
            )
        )  # fmt: skip
    doc.close()
    return Plan(file=str(path), redactions=reds)
