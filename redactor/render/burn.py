"""Burning a page: every box of the page collected, then applied once.

Text under a box is removed glyph by glyph (boxes are kept tight so the
letters next to a value survive), covered image pixels are blanked (not the
whole image), vector art wholly under a box is removed. Then each box gets
its label in white (``REDACTED – PII``) or, for an FRCP 5.2 partial action,
the public form (``XXX-XX-1234``) as real black text on white, each sized to
fit the box as the reader sees it (rotated pages included).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pymupdf

from ..model import Box, overlaps, union
from ..plan import Plan
from ..plan.forms import whole_forms
from .glyphs import Glyph, page_glyphs, split_strings, under

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


@functools.lru_cache(maxsize=4096)  # labels repeat: REDACTED – PII, XXX-XX-…
def _unit_length(text: str) -> float:
    """The width of ``text`` in the label font at size 1."""
    return label_font().text_length(text, fontsize=1)


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
                    cut = Cut(
                        box, "partial", replacement=r.replacement if j == 0 or not r.boxes else None
                    )
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


def burn_page(
    pdf: pymupdf.Document, page: pymupdf.Page, cuts: list[Cut], *, strip_invisible: bool = False
) -> None:
    """Apply every cut of a page. ``strip_invisible`` drops an old OCR layer under a scan.

    Text goes glyph by glyph (see :mod:`redactor.render.glyphs`): a glyph whose own
    box lies mostly under a cut. Image pixels and vector art go under the cut's box.
    Then each cut that covers is painted, over the glyphs it took (or its whole box
    where it took none: an image, a drawing), and labelled.
    """
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
        if not cuts:
            return
        taken, stay = _remove_glyphs(pdf, page, cuts)
        covers = [i for i, c in enumerate(cuts) if c.kind != "remove"]
        if covers and _art_under(page, [cuts[i].box for i in covers]):
            for i in covers:
                page.add_redact_annot(_tight(cuts[i].box), cross_out=False)  # painted below
            page.apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
                text=pymupdf.PDF_REDACT_TEXT_NONE,
            )
        if not covers:
            return
        shown = [_painted(cuts[i], taken.get(i, []), stay) for i in covers]
        pen = Pen(page)
        for i, rect in zip(covers, shown, strict=True):
            pen.box(rect, WHITE if cuts[i].kind == "partial" else BLACK)
        for i, rect in zip(covers, shown, strict=True):
            c = cuts[i]
            if c.kind == "partial" and c.replacement:
                pen.text(rect, c.replacement, BLACK)
            elif c.kind == "redact" and c.label:
                pen.text(rect, c.label, WHITE)
        pen.commit()
    finally:
        pymupdf.TOOLS.set_small_glyph_heights(bool(old))


def _remove_glyphs(
    pdf: pymupdf.Document, page: pymupdf.Page, cuts: list[Cut]
) -> tuple[dict[int, list[Box]], list[Box]]:
    """Take out every glyph lying mostly under a cut; return, by cut, the boxes of the glyphs it
    took, and the boxes of the glyphs that stay."""
    boxes = [c.box for c in cuts]
    chosen: dict[int, list[Glyph]] = {}
    stay: list[Box] = []
    for glyph in page_glyphs(page):
        i = under(glyph, boxes)
        if i >= 0:
            chosen.setdefault(i, []).append(glyph)
        elif not glyph.char.isspace():
            stay.append(glyph.box)
    # Hidden text is taken by its box: text in a switched-off layer is in no reading of the page.
    hidden = [c for c in cuts if c.kind == "remove"]
    if not chosen and not hidden:
        return {}, stay
    split_strings(pdf, page)  # one glyph per string: what stays keeps its place
    for glyphs in chosen.values():
        for glyph in glyphs:
            page.add_redact_annot(glyph.mark, cross_out=False)  # no fill: paints nothing
    for c in hidden:
        page.add_redact_annot(_tight(c.box), cross_out=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )
    return {
        i: [g.box for g in glyphs if not g.char.isspace()] for i, glyphs in chosen.items()
    }, stay


_NOT_ART = ("fill-text", "stroke-text", "ignore-text", "clip-text", "clip-stroke-text")


def _art_under(page: pymupdf.Page, boxes: list[Box]) -> bool:
    """Whether an image or a drawing of the page meets one of ``boxes``."""
    for kind, rect in page.get_bboxlog():
        if kind in _NOT_ART:
            continue
        x0, y0, x1, y1 = rect
        if any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes):
            return True
    return False


def _painted(cut: Cut, taken: list[Box], stay: list[Box]) -> pymupdf.Rect:
    """Where a cut is painted: its whole box, unless that would lie over a glyph that stays
    (the box reaches into the letter beside a value, or into the next line): then over
    the glyphs it took, within its box."""
    whole = _tight(cut.box)
    box = tuple(whole)
    if not taken or not any(overlaps(box, s) for s in stay):
        return whole
    x0, y0, x1, y1 = union(taken)
    b = cut.box
    return _tight((max(x0, b[0]), max(y0, b[1]), min(x1, b[2]), min(y1, b[3])))


def _tight(box: Box) -> pymupdf.Rect:
    """The box less a hair on each side, so a glyph that only touches it is not removed."""
    x0, y0, x1, y1 = box
    if x1 - x0 > 4 * INSET:
        x0, x1 = x0 + INSET, x1 - INSET
    if y1 - y0 > 4 * INSET:
        y0, y1 = y0 + INSET, y1 - INSET
    return pymupdf.Rect(x0, y0, x1, y1)


class Pen:
    """Boxes and fitted text for one page, added to its content in one piece by ``commit``.

    Boxes are painted before text, each in its own saved graphics state, the
    same as drawing them one by one; one piece instead of one content stream
    per box keeps a page with many boxes (or an OCR layer of many words) fast.
    On an upright page the text goes through ``TextWriter``s, one for each colour
    and render mode as far as painting order allows: a text joins the last writer
    of its kind unless a later writer holds text it overlaps (then it starts a new
    one), so overlapping texts are painted in the order written. A rotated page's
    text is drawn turned with the page, through the shape.
    """

    def __init__(self, page: pymupdf.Page) -> None:
        self.page = page
        self._rotation = page.rotation
        self._turn = page.rotation_matrix
        self._shape = page.new_shape()
        self._font_added = False
        self._writers: list[_Writer] = []

    def box(self, rect: Box | pymupdf.Rect, fill: tuple[float, float, float]) -> None:
        """Paint ``rect`` in ``fill``, with no outline."""
        self._shape.draw_rect(pymupdf.Rect(rect))
        self._shape.finish(color=None, fill=fill)

    def text(
        self,
        box: Box | pymupdf.Rect,
        text: str,
        color: tuple[float, float, float],
        *,
        render_mode: int = 0,
        fill_width: bool = False,
    ) -> bool:
        """Write ``text`` centred in ``box``, as large as fits.

        On a rotated page a label runs the way the text it replaces runs (a box wider
        than tall in the page's own space lies along a line of text); anything else is
        turned upright for the reader. ``fill_width`` stretches the size so the text
        spans the box (an OCR word). Returns False when the box is too small to hold
        legible text.
        """
        page, font = self.page, label_font()
        rect = pymupdf.Rect(box)
        along = bool(self._rotation) and not fill_width and rect.width >= rect.height
        turn = pymupdf.Identity if along else self._turn
        shown = rect * turn  # the box as the text will run in it
        unit = _unit_length(text)
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
        if not self._rotation:
            self._writer_for((tuple(color), render_mode), shown).add(
                pymupdf.Point(x, y), text, size, shown
            )
            return True
        if not self._font_added:  # only a page that shows a label gets the font
            page.insert_font(fontname=LABEL_FONT, fontbuffer=font.buffer)
            self._font_added = True
        self._shape.insert_text(
            pymupdf.Point(x, y) * (pymupdf.Identity if along else page.derotation_matrix),
            text,
            fontsize=size,
            fontname=LABEL_FONT,
            color=color,
            rotate=0 if along else page.rotation,
            render_mode=render_mode,
        )
        return True

    def _writer_for(self, key: tuple[tuple[float, ...], int], area: pymupdf.Rect) -> _Writer:
        for i in range(len(self._writers) - 1, -1, -1):
            writer = self._writers[i]
            if writer.key == key:
                return writer
            if writer.meets(area):
                break
        writer = _Writer(key, pymupdf.TextWriter(self.page.rect))
        self._writers.append(writer)
        return writer

    def commit(self) -> None:
        """Add what was drawn to the page, over its content: the boxes, then the text."""
        self._shape.commit(overlay=True)
        for writer in self._writers:
            color, render_mode = writer.key
            writer.writer.write_text(self.page, color=color, render_mode=render_mode)
        self._writers.clear()


@dataclass
class _Writer:
    """Text of one colour and render mode, and where it lies."""

    key: tuple[tuple[float, ...], int]
    writer: pymupdf.TextWriter
    areas: list[pymupdf.Rect] = field(default_factory=list)

    def add(self, at: pymupdf.Point, text: str, size: float, area: pymupdf.Rect) -> None:
        self.writer.append(at, text, font=label_font(), fontsize=size)
        self.areas.append(area)

    def meets(self, area: pymupdf.Rect) -> bool:
        return any(area.intersects(a) for a in self.areas)


def write_fitted(
    page: pymupdf.Page,
    box: Box | pymupdf.Rect,
    text: str,
    color: tuple[float, float, float],
    *,
    render_mode: int = 0,
    fill_width: bool = False,
) -> bool:
    """``Pen.text`` for a single piece of text, added to the page at once."""
    pen = Pen(page)
    written = pen.text(box, text, color, render_mode=render_mode, fill_width=fill_width)
    pen.commit()
    return written
