"""Burning a page: every box of the page collected, then applied once.

Text under a box is removed glyph by glyph (boxes are kept tight so the
letters next to a value survive), covered image pixels are blanked (not the
whole image), vector art wholly under a box is removed. Then each box gets
its label in white (``REDACTED – PII``) or, for an FRCP 5.2 partial action,
the public form (``XXX-XX-1234``) as real black text on white, each sized to
fit the box as the reader sees it (rotated pages included).
"""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from ..model import Box
from ..plan import Plan, whole_forms

BLACK = (0.0, 0.0, 0.0)
WHITE = (1.0, 1.0, 1.0)
LABEL_FONT = "RdLabel"  # the resource name of the embedded label font
INSET = 0.2  # points taken off each side of a box, so touching neighbours survive
MIN_LABEL_SIZE = 3.0

_font: pymupdf.Font | None = None


def label_font() -> pymupdf.Font:
    """The font labels and public forms are written in (MuPDF's built-in Helvetica)."""
    global _font
    if _font is None:
        _font = pymupdf.Font("helv")
    return _font


@dataclass(frozen=True)
class Cut:
    """One box to burn on a page.

    ``kind``: ``redact`` (black box, label), ``partial`` (white box, public form),
    ``remove`` (hidden text taken out, nothing painted).
    """

    box: Box
    kind: str
    label: str | None = None
    replacement: str | None = None


def cuts_for_plan(pdf: pymupdf.Document, plan: Plan) -> dict[int, list[Cut]]:
    """Every page's boxes, by 0-based page index. Terms without boxes are searched for now,
    before any page changes."""
    out: dict[int, list[Cut]] = {}
    for r in plan.redactions:
        if r.surface != "page":
            continue  # other surfaces are emptied whole by scrub
        by_page: dict[int, list[Box]] = {}
        if r.boxes and r.page is not None:
            by_page[r.page - 1] = list(r.boxes)
        if r.terms and not r.boxes:
            pages = [r.page - 1] if r.page is not None else range(pdf.page_count)
            for index in pages:
                by_page.setdefault(index, []).extend(_search(pdf[index], r.category, r.terms))
        for index, boxes in by_page.items():
            if not 0 <= index < pdf.page_count:
                continue
            for j, box in enumerate(boxes):
                if r.action == "partial":
                    cut = Cut(box, "partial", replacement=r.replacement if j == 0 or not r.boxes else None)
                elif r.action == "remove":
                    cut = Cut(box, "remove")
                else:
                    cut = Cut(box, "redact", label=r.label)
                out.setdefault(index, []).append(cut)
    return out


def _search(page: pymupdf.Page, category: str, terms: tuple[str, ...]) -> list[Box]:
    found: list[Box] = []
    for term in whole_forms(category, terms):
        if len(term) < 3:
            continue
        for rect in page.search_for(term):
            box = (rect.x0, rect.y0, rect.x1, rect.y1)
            if box not in found:
                found.append(box)
    return found


def burn_page(page: pymupdf.Page, cuts: list[Cut], *, strip_invisible: bool = False) -> None:
    """Apply every cut of a page. ``strip_invisible`` drops an old OCR layer under a scan."""
    old = pymupdf.TOOLS.set_small_glyph_heights()
    pymupdf.TOOLS.set_small_glyph_heights(True)
    try:
        if strip_invisible:
            page.add_redact_annot(page.rect * page.derotation_matrix)
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_NONE,
                graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE_INVISIBLE,
            )
        removes = [c for c in cuts if c.kind == "remove"]
        if removes:
            for c in removes:
                page.add_redact_annot(pymupdf.Rect(c.box), cross_out=False)  # no fill: paints nothing
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_NONE,
                graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,
            )
        covers = [c for c in cuts if c.kind != "remove"]
        if covers:
            shown = _shown_rects(page, [_tight(c.box) for c in covers])
            for c in covers:
                page.add_redact_annot(_tight(c.box), cross_out=False)  # painted below, once text is gone
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                text=pymupdf.PDF_REDACT_TEXT_REMOVE,
            )
            for c, rect in zip(covers, shown, strict=True):
                fill = WHITE if c.kind == "partial" else BLACK
                page.draw_rect(rect, color=None, fill=fill, overlay=True)
            for c, rect in zip(covers, shown, strict=True):
                if c.kind == "partial" and c.replacement:
                    write_fitted(page, rect, c.replacement, BLACK)
                elif c.kind == "redact" and c.label:
                    write_fitted(page, rect, c.label, WHITE)
    finally:
        pymupdf.TOOLS.set_small_glyph_heights(bool(old))


def _shown_rects(page: pymupdf.Page, rects: list[pymupdf.Rect]) -> list[pymupdf.Rect]:
    """Where each box must be painted once its text is removed.

    MuPDF 1.28 loses the advance of the first glyph it removes from a run of
    text, so the rest of the line moves left by that glyph's width (see the
    xfail test in tests/test_render.py). The painted box is drawn narrower by
    that width, and later boxes on the line move left with the text, so no
    surviving letter ends up under a box.
    """
    lines = []
    for block in page.get_text("rawdict", flags=0)["blocks"]:
        for line in block.get("lines", []):
            if tuple(round(v, 3) for v in line["dir"]) != (1.0, 0.0):
                continue
            chars = [ch for span in line["spans"] for ch in span["chars"]]
            if chars:
                lines.append(chars)
    out = []
    for rect in rects:
        shift_before, width_lost = 0.0, 0.0
        for chars in lines:
            inside = [ch for ch in chars if pymupdf.Rect(ch["bbox"]).intersects(rect)]
            if not inside:
                continue
            after = [ch for ch in chars if ch["bbox"][0] >= rect.x1 - 0.01 and ch not in inside]
            if after:
                width_lost = inside[0]["bbox"][2] - inside[0]["bbox"][0]
            for other in rects:  # boxes earlier on the same line moved this one left
                if other is rect or other.x1 > rect.x0:
                    continue
                first = [ch for ch in chars if pymupdf.Rect(ch["bbox"]).intersects(other)]
                later = [ch for ch in chars if ch["bbox"][0] >= other.x1 - 0.01 and ch not in first]
                if first and later:
                    shift_before += first[0]["bbox"][2] - first[0]["bbox"][0]
            break
        shown = pymupdf.Rect(rect.x0 - shift_before, rect.y0, rect.x1 - shift_before - width_lost, rect.y1)
        out.append(shown if shown.width > 1 else pymupdf.Rect(rect))
    return out


def _tight(box: Box) -> pymupdf.Rect:
    """The box less a hair on each side, so a glyph that only touches it is not removed."""
    x0, y0, x1, y1 = box
    if x1 - x0 > 4 * INSET:
        x0, x1 = x0 + INSET, x1 - INSET
    if y1 - y0 > 4 * INSET:
        y0, y1 = y0 + INSET, y1 - INSET
    return pymupdf.Rect(x0, y0, x1, y1)


def write_fitted(
    page: pymupdf.Page,
    box: Box | pymupdf.Rect,
    text: str,
    color: tuple[float, float, float],
    *,
    render_mode: int = 0,
    fill_width: bool = False,
) -> bool:
    """Write ``text`` centred in ``box``, upright for the reader, as large as fits.

    ``fill_width`` stretches the size so the text spans the box (an OCR word).
    Returns False when the box is too small to hold legible text.
    """
    font = label_font()
    shown = pymupdf.Rect(box) * page.rotation_matrix  # the box as the reader sees it
    unit = font.text_length(text, fontsize=1)
    if unit <= 0 or shown.is_empty:
        return False
    if fill_width:
        size = min(shown.width / unit, shown.height * 1.2)
    else:
        size = min(shown.height * 0.72, (shown.width - 2) / unit, 14.0)
    if size < (1.0 if fill_width else MIN_LABEL_SIZE):
        return False
    x = shown.x0 + (shown.width - unit * size) / 2
    y = shown.y0 + (shown.height + size * 0.7) / 2
    page.insert_font(fontname=LABEL_FONT, fontbuffer=font.buffer)
    page.insert_text(
        pymupdf.Point(x, y) * page.derotation_matrix,
        text,
        fontsize=size,
        fontname=LABEL_FONT,
        color=color,
        rotate=page.rotation,
        render_mode=render_mode,
    )
    return True
