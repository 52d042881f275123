"""Scanned images as production inputs: one PDF page a frame, sized from the image's resolution."""

from __future__ import annotations

import pymupdf
import pytest

from redactor.errors import BadInput
from redactor.production.images import image_page_count, image_to_pdf, is_image, is_input

PIL = pytest.importorskip("PIL.Image")


def _frame(shade: int, size=(850, 1100)):
    return PIL.new("L", size, shade)


@pytest.mark.parametrize("name, image, input_", [
    ("a.pdf", False, True), ("a.PDF", False, True), ("scan.tif", True, True), ("scan.TIFF", True, True),
    ("p.png", True, True), ("p.jpg", True, True), ("p.jpeg", True, True),
    ("notes.docx", False, False), ("a.truth.json", False, False), ("pdf", False, False),
])  # fmt: skip
def test_which_files_are_inputs(name, image, input_):
    assert is_image(name) is image
    assert is_input(name) is input_


def test_multi_page_tiff_becomes_one_page_a_frame(tmp_path):
    path = tmp_path / "scan.tif"
    _frame(250).save(path, save_all=True, append_images=[_frame(200), _frame(150)], dpi=(100, 100))
    assert image_page_count(path) == 3
    with pymupdf.open("pdf", image_to_pdf(path)) as pdf:
        assert pdf.page_count == 3
        for page in pdf:
            assert page.rect.width == pytest.approx(
                612, abs=1
            ) and page.rect.height == pytest.approx(792, abs=1)
            assert not page.get_text().strip()  # no text layer: ingest reads it by OCR
            assert len(page.get_images()) == 1


@pytest.mark.parametrize("suffix, fmt", [(".png", "PNG"), (".jpg", "JPEG")])
def test_single_images(tmp_path, suffix, fmt):
    path = tmp_path / f"p{suffix}"
    _frame(240, (300, 300)).save(path, format=fmt, dpi=(150, 150))
    with pymupdf.open("pdf", image_to_pdf(path)) as pdf:
        assert pdf.page_count == 1
        assert pdf[0].rect.width == pytest.approx(144, abs=1)  # 300 px at 150 dpi = 2 in


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n truncated", b"not an image at all"])
def test_unreadable_image_is_bad_input(tmp_path, data):
    path = tmp_path / "broken.png"
    path.write_bytes(data)
    with pytest.raises(BadInput):
        image_to_pdf(path)
