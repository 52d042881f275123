"""The unredacted copy a judge reads: every proposed redaction highlighted, not removed.

Each box of the plan is tinted with the profile's colour (yellow by default) and
outlined, and the first box of each entry carries its plan id (``R-0001``) in
small red type just above it, so the judge, the table and the order all cite
the same number. A legend goes on every page, where it covers no text: the
bottom margin first (CM/ECF stamps the top), then the side margins, then the top.
The text under the marks stays text: the copy is searchable and exact.
"""

from __future__ import annotations

import pymupdf

from ..plan import Plan, Redaction
from ..plan.forms import is_word_form
from ..profiles import CourtProfile

LABEL_SIZE = 6.0
LEGEND_SIZES = (9.0, 8.0, 7.0, 6.0)
LEGEND_RED = (0.75, 0.0, 0.0)
MARGIN = 6.0


def highlighted_copy(
    pdf: pymupdf.Document, plan: Plan, profile: CourtProfile, *, in_camera: bool
) -> bytes:
    """The document with the plan's boxes highlighted and numbered, a legend on every page.

    ``pdf`` is not changed: the work is done on a copy made from its bytes.
    """
    doc = pymupdf.open(stream=pdf.tobytes(), filetype="pdf")
    try:
        # Form fields are drawn above the page's content: flatten them into it first,
        # or a mark over a field's value would lie hidden under the field.
        doc.bake(annots=False, widgets=True)
        regular, bold = pymupdf.Font("helv"), pymupdf.Font("hebo")
        marks = marks_by_page(doc, plan)
        legend = profile.legend(in_camera)
        for index in range(doc.page_count):
            page = doc[index]
            taken: list[pymupdf.Rect] = []
            for red, rects in marks.get(index + 1, []):
                taken += _mark(page, red, rects, profile.highlight_color, regular)
            _legend(page, legend, bold, taken)
        doc.set_metadata({**(doc.metadata or {}), "subject": legend})
        return doc.tobytes(garbage=3, deflate=True)
    finally:
        doc.close()


def marks_by_page(
    pdf: pymupdf.Document, plan: Plan
) -> dict[int, list[tuple[Redaction, list[pymupdf.Rect]]]]:
    """Where each redaction of the plan sits: its boxes, or for an entry with terms and no
    boxes every place on its page (or every page) the terms are found."""
    out: dict[int, list[tuple[Redaction, list[pymupdf.Rect]]]] = {}
    for red in plan.redactions:
        if red.surface != "page":
            continue
        if red.boxes and red.page:
            out.setdefault(red.page, []).append((red, [pymupdf.Rect(b) for b in red.boxes]))
            continue
        pages = [red.page] if red.page else range(1, pdf.page_count + 1)
        for number in pages:
            if not 1 <= number <= pdf.page_count:
                continue
            hits = [
                r
                for term in red.terms
                if not is_word_form(red.category, term)
                for r in pdf[number - 1].search_for(term)
            ]
            if hits:
                out.setdefault(number, []).append((red, hits))
    return out


def _mark(
    page: pymupdf.Page, red: Redaction, rects: list[pymupdf.Rect], colour, font: pymupdf.Font
) -> list[pymupdf.Rect]:
    outline = tuple(c * 0.7 for c in colour)
    for r in rects:
        page.draw_rect(r, color=None, fill=colour, fill_opacity=0.45, overlay=True)
        page.draw_rect(r, color=outline, width=0.6, overlay=True)
    first = rects[0]
    width = font.text_length(red.id, fontsize=LABEL_SIZE)
    baseline = first.y0 - 1.0 if first.y0 - LABEL_SIZE - 1 > 0 else first.y1 + LABEL_SIZE
    writer = pymupdf.TextWriter(page.rect, color=LEGEND_RED)
    writer.append((first.x0, baseline), red.id, font=font, fontsize=LABEL_SIZE)
    writer.write_text(page, overlay=True)
    label = pymupdf.Rect(first.x0, baseline - LABEL_SIZE, first.x0 + width, baseline + 1)
    return [*rects, label]


def _legend(page: pymupdf.Page, text: str, font: pymupdf.Font, taken: list[pymupdf.Rect]) -> None:
    obstacles = [pymupdf.Rect(w[:4]) for w in page.get_text("words")]
    obstacles += [
        pymupdf.Rect(i["bbox"]) for i in page.get_image_info() if _small_image(page, i["bbox"])
    ]
    obstacles += taken
    spot = find_legend_spot(page.rect, text, font, obstacles)
    size, rect, vertical = spot
    page.draw_rect(rect, color=LEGEND_RED, fill=(1, 1, 1), width=0.8, overlay=True)
    writer = pymupdf.TextWriter(page.rect, color=LEGEND_RED)
    pad = size * 0.3
    if vertical:
        # read bottom to top along the right or left edge
        origin = pymupdf.Point(rect.x1 - pad - size * 0.22, rect.y1 - pad)
        writer.append(origin, text, font=font, fontsize=size)
        writer.write_text(page, overlay=True, morph=(origin, pymupdf.Matrix(-90)))
    else:
        writer.append((rect.x0 + pad, rect.y1 - pad - size * 0.22), text, font=font, fontsize=size)
        writer.write_text(page, overlay=True)


def _small_image(page: pymupdf.Page, bbox) -> bool:
    """A scan covers the whole page: it is not an obstacle, or nothing would fit."""
    r = pymupdf.Rect(bbox)
    return r.get_area() < 0.5 * page.rect.get_area()


def find_legend_spot(
    page_rect: pymupdf.Rect, text: str, font: pymupdf.Font, obstacles: list[pymupdf.Rect]
) -> tuple[float, pymupdf.Rect, bool]:
    """(font size, box, vertical?) for the legend where it overlaps no obstacle.

    Tried in order, largest type first: the bottom margin (centre, left, right),
    the right and left margins reading upwards, the top margin. When nothing is
    free the smallest legend goes at the very bottom.
    """
    w_page, h_page = page_rect.width, page_rect.height
    for size in LEGEND_SIZES:
        pad = size * 0.3
        w = font.text_length(text, fontsize=size) + 2 * pad
        h = size * 1.2 + 2 * pad
        if w > w_page - 2 * MARGIN:
            continue
        candidates: list[tuple[pymupdf.Rect, bool]] = []
        for y1 in _steps(h_page - MARGIN, h_page - 72, -3):
            for x0 in ((w_page - w) / 2, 36.0, w_page - 36.0 - w):
                candidates.append((pymupdf.Rect(x0, y1 - h, x0 + w, y1), False))
        if w < h_page - 2 * MARGIN:
            for x1 in _steps(w_page - MARGIN, w_page - 54, -3):
                candidates.append(
                    (pymupdf.Rect(x1 - h, (h_page - w) / 2, x1, (h_page + w) / 2), True)
                )
            for x0 in _steps(MARGIN, 54, 3):
                candidates.append(
                    (pymupdf.Rect(x0, (h_page - w) / 2, x0 + h, (h_page + w) / 2), True)
                )
        for y0 in _steps(MARGIN, 54, 3):
            candidates.append((pymupdf.Rect((w_page - w) / 2, y0, (w_page + w) / 2, y0 + h), False))
        for rect, vertical in candidates:
            if rect in page_rect and not any(rect.intersects(o) for o in obstacles):
                return size, rect, vertical
    size = LEGEND_SIZES[-1]
    pad = size * 0.3
    w = min(font.text_length(text, fontsize=size) + 2 * pad, w_page - 2)
    h = size * 1.2 + 2 * pad
    return size, pymupdf.Rect((w_page - w) / 2, h_page - 2 - h, (w_page + w) / 2, h_page - 2), False


def _steps(start: float, stop: float, step: float) -> list[float]:
    out, v = [], start
    while (step < 0 and v >= stop) or (step > 0 and v <= stop):
        out.append(v)
        v += step
    return out
