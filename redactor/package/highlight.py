"""The unredacted copy a judge reads: every proposed redaction highlighted, not removed.

Every entry of the plan is marked once, with its plan id (``R-0001``) in small
red type, so the judge, the table, the reference list and the order all cite the
same number:

* an entry with boxes: each box tinted with the profile's colour (yellow by
  default) and outlined, the id just above its first box;
* an entry with terms and no boxes: every place on its page (or every page) the
  terms are written, found as the plan finds them, marked the same way;
* a whole page (a designated page offered for sealing): a frame around the page,
  the id in its corner;
* an entry that is not on the face of any page (document properties, a comment,
  a bookmark, an attachment, or terms found nowhere on the pages): a row on the
  sheet added after the last page, "Proposed redactions not on the face of the
  pages", with its id, where it is and the value highlighted.

A legend goes on every page, where it covers no text: the bottom margin first
(CM/ECF stamps the top), then the side margins, then the top. The text under the
marks stays text: the copy is searchable and exact.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pymupdf

from ..model import Box, Document
from ..plan import Plan, Redaction
from ..plan.forms import is_word_form, term_pattern
from ..profiles import CourtProfile
from .pdfdoc import html_to_pdf
from .tables import PLACES

LABEL_SIZE = 6.0
LEGEND_SIZES = (9.0, 8.0, 7.0, 6.0)
LEGEND_RED = (0.75, 0.0, 0.0)
MARGIN = 6.0
GAP = 4.0  # points between an id label and the words beside it
FRAME = 3.0  # width of the frame around a whole page
SHEET_TITLE = "PROPOSED REDACTIONS NOT ON THE FACE OF THE PAGES"


@dataclass
class Marks:
    """Where each plan entry was marked: page boxes, whole pages, rows of the sheet."""

    boxes: dict[int, list[tuple[Redaction, list[Box]]]] = field(default_factory=dict)
    whole: dict[int, list[Redaction]] = field(default_factory=dict)
    sheet: list[tuple[Redaction, str]] = field(default_factory=list)  # entry, why it is there

    def ids(self) -> set[str]:
        out = {r.id for marks in self.boxes.values() for r, _ in marks}
        out |= {r.id for reds in self.whole.values() for r in reds}
        return out | {r.id for r, _ in self.sheet}


def highlighted_copy(doc: Document, plan: Plan, profile: CourtProfile, *, in_camera: bool) -> bytes:
    """The document with every plan entry highlighted and numbered, a legend on every page.

    ``doc.pdf`` is not changed: the work is done on a copy made from its bytes.
    """
    pdf = pymupdf.open(stream=doc.pdf.tobytes(), filetype="pdf")
    try:
        # Form fields are drawn above the page's content: flatten them into it first,
        # or a mark over a field's value would lie hidden under the field.
        pdf.bake(annots=False, widgets=True)
        regular, bold = pymupdf.Font("helv"), pymupdf.Font("hebo")
        marks = place_marks(doc, plan)
        colour = profile.highlight_color
        pages = pdf.page_count
        taken: dict[int, list[pymupdf.Rect]] = {}
        for number, reds in marks.whole.items():
            for i, red in enumerate(reds):
                taken.setdefault(number, []).extend(
                    _frame(pdf[number - 1], red, colour, regular, i)
                )
        for number, entries in marks.boxes.items():
            page = pdf[number - 1]
            words = _text_boxes(page)
            mine = taken.setdefault(number, [])
            for red, rects in entries:
                mine.extend(
                    _mark(page, red, [pymupdf.Rect(b) for b in rects], colour, regular, words, mine)
                )
        if marks.sheet:
            pdf.insert_pdf(_sheet(marks.sheet, colour, regular))
        legend = profile.legend(in_camera)
        for index in range(pdf.page_count):
            _legend(pdf[index], legend, bold, taken.get(index + 1, []) if index < pages else [])
        pdf.set_metadata({**(pdf.metadata or {}), "subject": legend})
        return pdf.tobytes(garbage=3, deflate=True)
    finally:
        pdf.close()


def place_marks(doc: Document, plan: Plan) -> Marks:
    """Where each redaction of the plan is marked (see the module's description)."""
    marks = Marks()
    for red in plan.redactions:
        if red.surface != "page":
            marks.sheet.append((red, PLACES.get(red.surface, red.surface.replace("_", " "))))
            continue
        if red.boxes and red.page:
            if _whole_page(doc, red):
                marks.whole.setdefault(red.page, []).append(red)
            else:
                marks.boxes.setdefault(red.page, []).append((red, list(red.boxes)))
            continue
        found = False
        pages = [red.page] if red.page else range(1, doc.page_count + 1)
        for number in pages:
            if not 1 <= number <= doc.page_count:
                continue
            hits = found_on(doc, number, red)
            if hits:
                marks.boxes.setdefault(number, []).append((red, hits))
                found = True
        if not found:
            where = f"page {red.page}" if red.page else "the pages"
            marks.sheet.append((red, f"not found written on {where}"))
    return marks


def found_on(doc: Document, number: int, red: Redaction) -> list[Box]:
    """The boxes where ``red``'s terms are written on page ``number`` (as the plan finds them)."""
    text = doc.pages[number - 1].text
    boxes: list[Box] = []
    for term in red.terms:
        if is_word_form(red.category, term) and len(red.terms) > 1:
            continue
        for m in term_pattern(term).finditer(text.text):
            for b in text.boxes_for(m.start(), m.end()):
                if b not in boxes:
                    boxes.append(b)
    return boxes


def _whole_page(doc: Document, red: Redaction) -> bool:
    """An entry whose one box is the page itself."""
    if len(red.boxes) != 1 or not 1 <= (red.page or 0) <= doc.page_count:
        return False
    page = doc.pages[red.page - 1]
    x0, y0, x1, y1 = red.boxes[0]
    w, h = (page.height, page.width) if page.rotation in (90, 270) else (page.width, page.height)
    return (x1 - x0) >= 0.95 * w and (y1 - y0) >= 0.95 * h


def _mark(
    page: pymupdf.Page,
    red: Redaction,
    rects: list[pymupdf.Rect],
    colour,
    font: pymupdf.Font,
    words: list[pymupdf.Rect],
    taken: list[pymupdf.Rect],
) -> list[pymupdf.Rect]:
    """Tint and outline each box; print the id beside the first box where it covers no text
    (above it, below it, left or right of it), so a reader and a parser both read it whole."""
    outline = tuple(c * 0.7 for c in colour)
    for r in rects:
        page.draw_rect(r, color=None, fill=colour, fill_opacity=0.45, overlay=True)
        page.draw_rect(r, color=outline, width=0.6, overlay=True)
    label = _label_spot(
        page.rect, rects[0], font.text_length(red.id, fontsize=LABEL_SIZE), words, taken
    )
    writer = pymupdf.TextWriter(page.rect, color=LEGEND_RED)
    writer.append((label.x0, label.y1 - 1.0), red.id, font=font, fontsize=LABEL_SIZE)
    writer.write_text(page, overlay=True)
    return [*rects, label]


def _text_boxes(page: pymupdf.Page) -> list[pymupdf.Rect]:
    """Every run of text on the page, blanks included: a blank between a label and a word
    splits the label for a text extractor as surely as a word does."""
    out = []
    for block in page.get_text("dict", flags=0)["blocks"]:
        for line in block.get("lines", []):
            out += [pymupdf.Rect(span["bbox"]) for span in line["spans"] if span["text"]]
    return out


def _label_spot(
    page: pymupdf.Rect,
    box: pymupdf.Rect,
    width: float,
    words: list[pymupdf.Rect],
    taken: list[pymupdf.Rect],
) -> pymupdf.Rect:
    """Where an id label goes: beside ``box`` (above, below, left, right), else in the
    page's right or left margin on the box's line, wherever it touches no word and no
    other label; in dense text with no free spot, above the box."""
    h = LABEL_SIZE + 1.0
    mid = (box.y0 + box.y1) / 2
    line = (mid - h / 2, mid + h / 2)
    candidates = [
        pymupdf.Rect(box.x0, box.y0 - h, box.x0 + width, box.y0),
        pymupdf.Rect(box.x0, box.y1, box.x0 + width, box.y1 + h),
        pymupdf.Rect(box.x0 - width - GAP, line[0], box.x0 - GAP, line[1]),
        pymupdf.Rect(box.x1 + GAP, line[0], box.x1 + GAP + width, line[1]),
        pymupdf.Rect(page.x1 - MARGIN - width, line[0], page.x1 - MARGIN, line[1]),
        pymupdf.Rect(page.x0 + MARGIN, line[0], page.x0 + MARGIN + width, line[1]),
    ]
    for spot in candidates:
        # a word closer than GAP on the line would run into the id for a text extractor
        inner = spot + (-GAP, 0.3, GAP, -0.3)
        if spot in page and not any(inner.intersects(w) for w in [*words, *taken]):
            return spot
    above = candidates[0]
    return above if above.y0 >= 0 else candidates[1]


def _frame(
    page: pymupdf.Page, red: Redaction, colour, font: pymupdf.Font, nth: int
) -> list[pymupdf.Rect]:
    """A whole page proposed for sealing: a frame in the highlight colour, its id in the
    corner with the words "entire page"."""
    inner = page.rect + (FRAME / 2, FRAME / 2, -FRAME / 2, -FRAME / 2)
    if nth == 0:
        outline = tuple(c * 0.85 for c in colour)
        page.draw_rect(inner, color=outline, width=FRAME, overlay=True)
    text = f"{red.id} entire page"
    width = font.text_length(text, fontsize=LABEL_SIZE)
    x, y = FRAME + 2, FRAME + 2 + LABEL_SIZE * (nth + 1) * 1.2
    page.draw_rect(
        pymupdf.Rect(x - 1, y - LABEL_SIZE, x + width + 1, y + 1.5),
        color=None, fill=colour, fill_opacity=0.45, overlay=True,
    )  # fmt: skip
    writer = pymupdf.TextWriter(page.rect, color=LEGEND_RED)
    writer.append((x, y), text, font=font, fontsize=LABEL_SIZE)
    writer.write_text(page, overlay=True)
    return [pymupdf.Rect(x - 1, y - LABEL_SIZE, x + width + 1, y + 1.5)]


def _sheet(rows: list[tuple[Redaction, str]], colour, font: pymupdf.Font) -> pymupdf.Document:
    """The pages listing the entries not on the face of the pages, each value highlighted."""
    body = [
        f"<h1>{SHEET_TITLE}</h1>",
        "<p>These proposed redactions are in the file but not written on its pages (its "
        "properties, comments, bookmarks, attachments), or their text was not found on the "
        "page named. Each is numbered as in the redaction table; the value is highlighted "
        "below its number.</p>",
    ]
    for red, where in rows:
        place = f"{where}{': ' + red.where if red.where else ''}"
        value = red.terms[0] if red.terms else "(no text: see the redaction table)"
        body.append(
            f"<p><b>{html.escape(red.id)}</b>&#160;&#160;{html.escape(red.category)}, "
            f"{html.escape(place)}</p><p class='value'>{html.escape(value)}</p>"
        )
    sheet = pymupdf.open(
        stream=html_to_pdf("".join(body), footer=SHEET_TITLE.capitalize()), filetype="pdf"
    )
    ids = {red.id for red, _ in rows}
    for page in sheet:
        words = page.get_text("words")
        labels = sorted((w[1], pymupdf.Rect(w[:4])) for w in words if w[4] in ids)
        for i, (_, label) in enumerate(labels):
            bottom = labels[i + 1][0] if i + 1 < len(labels) else page.rect.height - 60
            value = [
                pymupdf.Rect(w[:4])
                for w in words
                if label.y1 - 1 <= w[1] < bottom and w[0] >= label.x0 + 12
            ]
            for r in value or [label + (-1, -1, 1, 1)]:
                page.draw_rect(r, color=None, fill=colour, fill_opacity=0.45, overlay=True)
    return sheet


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
