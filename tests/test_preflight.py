"""The e-filing pre-flight: what CM/ECF and the courts' rules refuse, found by `check`, and
run by `redact` and `package` on every public copy they write."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.check import check_file
from redactor.check.preflight import Limits, describe_size, preflight_bytes
from redactor.cli import cli
from redactor.model import SEVERITY_FIX, SEVERITY_NOTE
from redactor.redact import redact_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LETTER = (612, 792)
BODY = "The hearing on the motion is continued to a later date. IT IS SO ORDERED."
STAMP = "Case 2:20-cv-01234-KJM-DB Document 12 Filed 01/02/20 Page 1 of 1"


def make_pdf(path: Path, *, size=LETTER, embedded: bool = True, stamp: bool = False,
             text: bool = True, image: bool = False, pages: int = 1) -> Path:  # fmt: skip
    """A small filing: letter pages in an embedded font unless told otherwise."""
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page(width=size[0], height=size[1])
        font = "helv"
        if embedded:
            page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("tiro").buffer)
            font = "F0"
        if text:
            page.insert_text((72, 120), BODY, fontsize=11, fontname=font)
        if stamp:  # the court's header stamp, in base-14 Helvetica as CM/ECF writes it
            page.insert_text((90, 20), STAMP, fontsize=8, fontname="helv")
        if image:
            pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 260), False)
            pix.clear_with(200)
            page.insert_image(page.rect, pixmap=pix)
    doc.save(str(path), garbage=3, deflate=True)
    doc.close()
    return path


def kinds(path: Path, **kw) -> dict[str, list]:
    result = check_file(str(path), ocr=False, **kw)
    out: dict[str, list] = {}
    for p in result.problems:
        out.setdefault(p.kind, []).append(p)
    return out


# -- a table of real cases: each gives its problem kind, and only it ---------------------------

CASES = [
    # name, make_pdf arguments, the pre-flight kinds expected (blocking)
    ("letter, fonts embedded", {}, set()),
    ("base-14 Helvetica, not embedded", {"embedded": False}, {"font_not_embedded"}),
    ("A4 page", {"size": (595, 842)}, {"page_size"}),
    ("letter, landscape", {"size": (792, 612)}, {"page_size"}),
    ("legal", {"size": (612, 1008)}, {"page_size"}),
    ("a scanner's letter (611 x 790 pt)", {"size": (611, 790)}, set()),
    ("a page that is only an image", {"text": False, "image": True}, {"no_text_layer"}),
    ("Helvetica only in the CM/ECF stamp", {"stamp": True}, set()),
]
PREFLIGHT = {"file_size", "page_size", "font_not_embedded", "no_text_layer"}


@pytest.mark.parametrize("name, make, expected", CASES, ids=[c[0] for c in CASES])
def test_each_case_gives_its_kind(name: str, make: dict, expected: set, tmp_path: Path) -> None:
    found = kinds(make_pdf(tmp_path / "f.pdf", **make))
    blocking = {k for k, ps in found.items() if any(p.severity == SEVERITY_FIX for p in ps)}
    assert blocking & PREFLIGHT == expected, {k: [p.detail for p in v] for k, v in found.items()}
    for kind in expected:
        detail = found[kind][0].detail
        assert ": " in detail and any(w in detail for w in ("make", "OCR", "split")), detail


def test_a_stamp_only_font_is_a_note_and_a_body_font_is_not(tmp_path: Path) -> None:
    found = kinds(make_pdf(tmp_path / "stamped.pdf", stamp=True))
    (note,) = found["font_not_embedded"]
    assert note.severity == SEVERITY_NOTE and "Helvetica" in note.detail and "stamp" in note.detail
    both = kinds(make_pdf(tmp_path / "both.pdf", stamp=True, embedded=False))
    assert any(p.severity == SEVERITY_FIX for p in both["font_not_embedded"])


def test_page_size_names_the_pages_and_the_size(tmp_path: Path) -> None:
    doc = pymupdf.open()
    for size in (LETTER, (792, 612), (792, 612), LETTER, (595, 842)):
        page = doc.new_page(width=size[0], height=size[1])
        page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("tiro").buffer)
        page.insert_text((72, 100), BODY, fontname="F0", fontsize=10)
    doc.save(tmp_path / "mixed.pdf")
    details = sorted(p.detail for p in kinds(tmp_path / "mixed.pdf")["page_size"])
    assert details[0].startswith("page 5 is 8.26 × 11.69 in (A4)")
    assert details[1].startswith("pages 2–3 are 11 × 8.5 in (letter, landscape)")
    assert describe_size(612, 1008) == "8.5 × 14 in (legal)"


def test_a_20_mb_file_is_over_the_strictest_limit(tmp_path: Path) -> None:
    """Without a court, the strictest profile's limit (E.D. Cal., 10 MB); with a court, its own."""
    path = make_pdf(tmp_path / "big.pdf")
    doc = pymupdf.open(path)
    noise = pymupdf.Pixmap(pymupdf.csRGB, 2600, 2600, os.urandom(2600 * 2600 * 3), False)
    doc[0].insert_image(pymupdf.Rect(400, 600, 560, 760), pixmap=noise)
    doc.save(tmp_path / "big20.pdf", garbage=3, deflate=True)
    big = tmp_path / "big20.pdf"
    assert big.stat().st_size > 20_000_000
    result = CliRunner().invoke(cli, ["check", str(big), "--no-ocr", "--format", "json"])
    report = json.loads(result.stdout)
    (problem,) = [p for p in report["problems"] if p["kind"] == "file_size"]
    assert "10 MB" in problem["detail"] and "strictest" in problem["detail"]
    assert report["preflight"]["court"] == "edcal" and "file_size" in report["preflight"]["refused"]
    assert result.exit_code == 1
    roomy = CliRunner().invoke(
        cli, ["check", str(big), "--no-ocr", "--court", "cand", "--format", "json"]
    )
    assert not [p for p in json.loads(roomy.stdout)["problems"] if p["kind"] == "file_size"]


def test_what_cm_ecf_refuses_is_named_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "plain.pdf")
    doc = pymupdf.open(path)
    doc.embfile_add("notes.txt", b"attached notes")
    doc.save(tmp_path / "attached.pdf")
    result = check_file(str(tmp_path / "attached.pdf"), ocr=False)
    assert result.preflight is not None and "attachment" in {
        p.kind for p in result.preflight.refused
    }
    assert not result.clean


def test_a_clean_letter_filing_is_ready(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(make_pdf(tmp_path / "ok.pdf"))])
    assert result.exit_code == 0
    assert (
        "CLEAN" in result.stdout
        and "e-filing pre-flight (edcal, the strictest profile): ready" in result.stdout
    )


def test_an_unknown_court_stops_check(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(make_pdf(tmp_path / "ok.pdf")), "--court", "nowhere"]
    )
    assert result.exit_code == 2 and "known courts" in result.output


@pytest.mark.parametrize(
    "sample", ["motion-to-seal", "declaration-ia-records", "exhibit-customer-list"]
)
def test_the_public_copies_redact_writes_of_the_samples_pass(sample: str, tmp_path: Path) -> None:
    out = tmp_path / "public.pdf"
    result = redact_file(str(SAMPLES / f"{sample}.pdf"), str(out), preflight=Limits.for_court(None))
    assert result.preflight is not None
    assert result.preflight.ready, [p.detail for p in result.preflight.blocking]
    again = preflight_bytes(out.read_bytes(), Limits.for_court("edcal"))
    assert again.ready and again.bytes == out.stat().st_size


def test_redact_shows_the_pre_flight(tmp_path: Path) -> None:
    src = make_pdf(tmp_path / "a4.pdf", size=(595, 842), embedded=False)
    result = CliRunner().invoke(cli, ["redact", str(src), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 0, result.output
    assert "pre-flight PROBLEM page_size" in result.output
    assert (
        "e-filing pre-flight (edcal, the strictest profile): font_not_embedded, page_size"
        in result.output
    )
    assert (tmp_path / "out.pdf").is_file()  # shown, not hidden: the copy is written
