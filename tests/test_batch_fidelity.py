"""A production is held to its plans like `redact`: pages a Bates stamp shrinks or redraws
(a page reaching the band, a rotated page) are compared through the stamp's own transform."""

from __future__ import annotations

import pymupdf

from redactor.production import run_production


def _filings(folder):
    folder.mkdir()
    rotated = pymupdf.open()
    page = rotated.new_page()
    page.insert_text(
        (72, 100), "Plaintiff Dolores Quintanilla, SSN 562-19-4471, filed it.", fontsize=11
    )
    page.insert_text((72, 760), "Footer text near the bottom edge of the page", fontsize=11)
    page.set_rotation(90)
    rotated.save(folder / "a-rotated.pdf")
    low = pymupdf.open()
    page = low.new_page()
    page.insert_text((72, 100), "The SSN 562-19-4471 is on the first line.", fontsize=11)
    page.insert_text((72, 782), "a last line that reaches the band", fontsize=11)
    low.save(folder / "b-reaches-band.pdf")


def test_shrunk_and_redrawn_pages_are_produced_and_verified(tmp_path):
    _filings(tmp_path / "in")
    result = run_production(str(tmp_path / "in"), str(tmp_path / "out"), prefix="FID", workers=1)
    assert not result.failed, result.failed
    assert [d.bates.begin for d in result.produced] == ["FID00000001", "FID00000002"]
    for produced in result.produced:
        text = pymupdf.open(tmp_path / "out" / produced.file)[0].get_text()
        assert "4471" in text and "562-19" not in text  # the public form of the SSN, nothing more
