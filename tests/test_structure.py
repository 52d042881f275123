"""Structural check on PDFs made here: each case a page built with PyMuPDF, and what check must say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pymupdf
import pytest

from redactor.detect.structure import page_problems
from redactor.model import SEVERITY_FIX

SECRET = "Jane Roe SSN 123-45-6789"
AT = pymupdf.Point(72, 100)  # baseline start of SECRET, 12 pt Helvetica
BLACK, WHITE = (0, 0, 0), (1, 1, 1)


def _secret_box(page: pymupdf.Page) -> pymupdf.Rect:
    return page.search_for(SECRET)[0]


def _page(text: str = SECRET, **kw) -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 300), "An ordinary line of the motion that anyone can read.")
    if text:
        page.insert_text(AT, text, fontsize=kw.pop("fontsize", 12), **kw)
    return doc, page


def _black_image(width: int = 40, height: int = 10) -> pymupdf.Pixmap:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pix.clear_with(0)
    return pix


# -- the cases -----------------------------------------------------------------------


def black_box_over_text():
    doc, page = _page()
    page.draw_rect(_secret_box(page), color=None, fill=BLACK)
    return doc, False


def black_box_over_part_of_text():
    doc, page = _page()
    box = page.search_for("123-45-6789")[0]
    page.draw_rect(box, color=None, fill=BLACK)
    return doc, False


def white_text_over_black_box():
    doc, page = _page(text="")
    page.draw_rect(pymupdf.Rect(70, 88, 260, 104), color=None, fill=BLACK)
    page.insert_text(AT, SECRET, color=WHITE)
    return doc, False


def black_text_on_black_box():
    doc, page = _page(text="")
    page.draw_rect(pymupdf.Rect(70, 88, 260, 104), color=None, fill=BLACK)
    page.insert_text(AT, SECRET, color=BLACK)
    return doc, False


def black_text_on_black_page_background():
    # a dark cover page with a dark exhibit stamp on it is a design, not a redaction
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(page.rect, color=None, fill=(0.05, 0.05, 0.1))
    page.insert_text((450, 820), "Exh. B - 4", color=BLACK)
    return doc, False


def white_text_on_white_page():
    doc, page = _page(color=WHITE)
    return doc, False


def tiny_text():
    doc, page = _page(fontsize=0.5)
    return doc, False


def text_outside_cropbox():
    doc, page = _page(text="")
    page.insert_text((72, 20), SECRET)
    page.set_cropbox(pymupdf.Rect(0, 50, 595, 842))
    return doc, False


def invisible_text_on_text_page():
    doc, page = _page(render_mode=3)
    return doc, False


def invisible_text_on_scan():
    doc = pymupdf.open()
    page = doc.new_page()
    scan = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 60, 80), False)
    scan.clear_with(240)
    page.insert_image(page.rect, pixmap=scan)
    page.insert_text(AT, SECRET, render_mode=3)
    return doc, True


def _scan_with_ocr_layer(patch: bool):
    """A scan (a picture of a typed page) with an OCR text layer drawn first, the image on top."""
    typed, _ = _page()
    picture = typed[0].get_pixmap(dpi=100)
    doc = pymupdf.open()
    page = doc.new_page()
    for x0, _y0, _x1, y1, word, *_ in typed[0].get_text("words"):
        page.insert_text((x0, y1 - 3), word, render_mode=3)
    page.insert_image(page.rect, pixmap=picture)
    if patch:  # a black patch painted into the picture after OCR: the words stay searchable
        page.insert_image(
            typed[0].search_for("123-45-6789")[0], pixmap=_black_image(), keep_proportion=False
        )
    return doc, True


def ocr_layer_under_scan_image():
    return _scan_with_ocr_layer(patch=False)


def black_patch_on_scan_over_ocr_word():
    return _scan_with_ocr_layer(patch=True)


def transparent_text():
    doc, page = _page(fill_opacity=0)
    return doc, False


def dark_highlight_annotation():
    doc, page = _page()
    annot = page.add_highlight_annot(_secret_box(page))
    annot.set_colors(stroke=BLACK)
    annot.update()
    return doc, False


def yellow_highlight_annotation():
    doc, page = _page()
    page.add_highlight_annot(_secret_box(page))
    return doc, False


def dark_square_annotation():
    doc, page = _page()
    annot = page.add_rect_annot(_secret_box(page))
    annot.set_colors(stroke=BLACK, fill=BLACK)
    annot.update()
    return doc, False


def unapplied_redact_annotation():
    doc, page = _page()
    page.add_redact_annot(_secret_box(page), fill=BLACK)
    return doc, False


def black_image_over_text():
    doc, page = _page()
    page.insert_image(_secret_box(page), pixmap=_black_image(), keep_proportion=False)
    return doc, False


def image_under_text():
    doc, page = _page(text="")
    page.insert_image(pymupdf.Rect(70, 88, 260, 104), pixmap=_black_image(), keep_proportion=False)
    page.insert_text(AT, SECRET, color=WHITE)
    return doc, False


def bar_over_blank_space():
    doc, page = _page()
    page.draw_rect(pymupdf.Rect(72, 150, 300, 165), color=None, fill=BLACK)
    return doc, False


def thin_rule_under_text():
    doc, page = _page()
    box = _secret_box(page)
    page.draw_line((box.x0, AT.y + 2), (box.x1, AT.y + 2), color=BLACK, width=0.75)
    page.draw_rect(pymupdf.Rect(box.x0, AT.y + 4, box.x1, AT.y + 5), color=None, fill=BLACK)
    return doc, False


def bar_clipping_glyph_tops():
    doc, page = _page()
    box = _secret_box(page)
    page.draw_rect(pymupdf.Rect(box.x0, box.y0 - 3, box.x1, box.y0 + 2), color=None, fill=BLACK)
    return doc, False


def border_only_box_around_text():
    doc, page = _page()
    page.draw_rect(_secret_box(page) + (-2, -2, 2, 2), color=BLACK, width=1.5)
    return doc, False


def label_word_under_bar():
    doc, page = _page(text="REDACTED")
    page.draw_rect(page.search_for("REDACTED")[0], color=None, fill=BLACK)
    return doc, False


def black_box_clipped_away():
    doc, page = _page()
    xref = page.get_contents()[0]
    clip = b"\nq 0 0 5 5 re W n 0 g 60 680 250 40 re f Q\n"  # the box lies outside its clip
    doc.update_stream(xref, doc.xref_stream(xref) + clip)
    return doc, False


def white_box_over_text():
    doc, page = _page()
    page.draw_rect(_secret_box(page) + (-1, -1, 1, 1), color=None, fill=WHITE)
    return doc, False


def white_box_then_other_text_on_top():
    doc, page = _page(text="TROOPPER, LLC")
    page.draw_rect(page.search_for("TROOPPER, LLC")[0] + (-1, -1, 1, 1), color=None, fill=WHITE)
    page.insert_text(AT, "TROOPER, LLC")
    return doc, False


def same_text_retyped_on_white_box():
    doc, page = _page(text="TROOPER, LLC")
    page.draw_rect(page.search_for("TROOPER, LLC")[0] + (-1, -1, 1, 1), color=None, fill=WHITE)
    page.insert_text(AT, "TROOPER, LLC")
    return doc, False


def text_in_layer_switched_off():
    doc, page = _page(text="")
    layer = doc.add_ocg("sealed exhibit notes", on=False)
    page.insert_text(AT, SECRET, oc=layer)
    return doc, False


def text_in_layer_switched_on():
    doc, page = _page(text="")
    layer = doc.add_ocg("exhibit notes", on=True)
    page.insert_text(AT, SECRET, oc=layer)
    return doc, False


def plain_page():
    doc, page = _page()
    return doc, False


@dataclass(frozen=True)
class Case:
    build: Callable[[], tuple[pymupdf.Document, bool]]
    kinds: tuple[str, ...]  # the problem kinds expected, one entry a problem
    words: str = ""  # something the detail must say


CASES = [
    Case(black_box_over_text, ("bad_redaction",), "21 characters"),
    Case(black_box_over_part_of_text, ("bad_redaction",), "11 characters"),
    Case(white_text_over_black_box, ()),
    Case(black_text_on_black_box, ("bad_redaction",), "own colour"),
    Case(black_text_on_black_page_background, ()),
    Case(white_text_on_white_page, ("hidden_text",), "white"),
    Case(tiny_text, ("hidden_text",), "0.5 pt"),
    Case(text_outside_cropbox, ("hidden_text",), "outside"),
    Case(invisible_text_on_text_page, ("hidden_text",), "invisible render mode"),
    Case(invisible_text_on_scan, ()),
    Case(ocr_layer_under_scan_image, ()),
    Case(black_patch_on_scan_over_ocr_word, ("bad_redaction",), "an image covers"),
    Case(transparent_text, ("hidden_text",), "transparent"),
    Case(dark_highlight_annotation, ("bad_redaction",), "Highlight annotation"),
    Case(yellow_highlight_annotation, ()),
    Case(dark_square_annotation, ("bad_redaction",), "Square annotation"),
    Case(unapplied_redact_annotation, ("bad_redaction",), "Redact annotation"),
    Case(black_image_over_text, ("bad_redaction",), "an image covers 21 characters"),
    Case(image_under_text, ()),
    Case(bar_over_blank_space, ()),
    Case(thin_rule_under_text, ()),
    Case(bar_clipping_glyph_tops, ()),
    Case(border_only_box_around_text, ()),
    Case(label_word_under_bar, ()),
    Case(black_box_clipped_away, ()),
    Case(white_box_over_text, ("hidden_text",), "white box"),
    Case(white_box_then_other_text_on_top, ("hidden_text",), "TROOPPER"),
    Case(same_text_retyped_on_white_box, ()),
    Case(text_in_layer_switched_off, ("hidden_text",), "switched off"),
    Case(text_in_layer_switched_on, ()),
    Case(plain_page, ()),
]


@pytest.mark.parametrize("case", CASES, ids=[c.build.__name__ for c in CASES])
def test_page_problems(case: Case) -> None:
    doc, scanned = case.build()
    # a round trip through bytes: the detector reads a saved file, as check does
    doc = pymupdf.open("pdf", doc.tobytes())
    problems = page_problems(doc, 0, scanned=scanned)
    assert sorted(p.kind for p in problems) == sorted(case.kinds), [p.detail for p in problems]
    for p in problems:
        assert p.page == 1
        assert p.severity == SEVERITY_FIX
        assert p.bbox is not None and p.bbox[0] < p.bbox[2] and p.bbox[1] < p.bbox[3]
        assert case.words in p.detail


def test_bad_redaction_box_is_where_the_text_is() -> None:
    doc, _ = black_box_over_text()
    doc = pymupdf.open("pdf", doc.tobytes())
    box = _secret_box(doc[0])
    (problem,) = page_problems(doc, 0)
    assert pymupdf.Rect(problem.bbox).intersects(box)
    assert abs(problem.bbox[0] - box.x0) < 2 and abs(problem.bbox[2] - box.x1) < 2


def test_one_problem_per_bar_not_per_character() -> None:
    doc, page = _page()
    page.insert_text((72, 200), "Account 4111 1111 1111 1111")
    page.draw_rect(_secret_box(page), color=None, fill=BLACK)
    page.draw_rect(page.search_for("4111 1111 1111 1111")[0], color=None, fill=BLACK)
    problems = page_problems(doc, 0)
    assert [p.kind for p in problems] == ["bad_redaction", "bad_redaction"]
    assert [p.bbox[1] < 150 for p in problems] == [True, False]


def test_page_numbers_are_one_based() -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text(AT, "nothing to see")
    page = doc.new_page()
    page.insert_text(AT, SECRET)
    page.draw_rect(_secret_box(page), color=None, fill=BLACK)
    assert page_problems(doc, 0) == []
    assert [p.page for p in page_problems(doc, 1)] == [2]


def test_switched_off_layer_stays_off() -> None:
    doc, _ = text_in_layer_switched_off()
    before = doc.get_ocgs()
    page_problems(doc, 0)
    assert doc.get_ocgs() == before
    assert SECRET not in doc[0].get_text()


def test_rotated_page() -> None:
    doc, _ = black_box_over_text()
    doc[0].set_rotation(90)
    doc = pymupdf.open("pdf", doc.tobytes())
    assert [p.kind for p in page_problems(doc, 0)] == ["bad_redaction"]
    doc, _ = white_text_over_black_box()
    doc[0].set_rotation(180)
    assert page_problems(doc, 0) == []
