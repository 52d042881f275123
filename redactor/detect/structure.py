"""Structural detectors of ``redactor check``: bad redactions and hidden text on a page.

A *bad redaction* is something drawn over text that is still in the file: a
black bar, a dark image region, a dark highlight or square comment, an
unapplied Redact annotation. A reader sees a box; a parser (or a copy and
paste) gets the text. *Hidden text* is text a reader cannot see but a parser
extracts: white on white, tiny, outside the visible box, in invisible render
mode, fully transparent, overwritten by other text, or in a switched-off layer.

How a cover is judged:

1. geometry and drawing order: a candidate cover (dark opaque fill, image,
   annotation) must be painted *after* the glyph (``seqno`` from
   ``Page.get_texttrace`` and ``Page.get_bboxlog``, which count the same
   device calls) and must contain most of the glyph's core, the middle of its
   box where the ink is;
2. a look at the pixels: just the covered glyph cores are rendered (a small
   clip of a display list made once per page, border pixels dropped because
   clip pixmaps round outwards) and must show no glyph: dark for a dark cover,
   one flat colour for a light one. This catches covers that are clipped
   away, masked, or drawn over again.

Text coordinates are PyMuPDF's unrotated page space (origin at the top left
of the crop box); render clips are turned with ``page.rotation_matrix``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pymupdf

from ..model import SEVERITY_FIX, Box, Problem, overlaps

# The problem kinds found here; hidden text is also a surface (redactor.surfaces).
BAD_REDACTION = "bad_redaction"
HIDDEN_TEXT = "hidden_text"
KINDS = (BAD_REDACTION, HIDDEN_TEXT)

ZOOM = 2.0  # render scale for confirmation: 144 dpi, a 12 pt glyph core is ~6 x 12 px
DARK_LUMA = 0.35  # a fill at or below this luminance is a dark cover
LIGHT_LUMA = 0.85  # text or a fill at or above this is "white"
MIN_OPACITY = 0.8  # below this a fill does not hide what is under it
CORE_COVERED = 0.85  # share of a glyph core a cover must contain
DARK_PIXELS = 0.85  # share of dark pixels that confirms a dark cover hides text
FLAT_SPREAD = 40  # grey levels: a region whose spread is below this shows no glyph
TINY_POINTS = 1.5
QUOTE_CHARS = 30
LABEL_WORDS = frozenset(
    {"confidential", "privileged", "privilege", "redacted", "redaction", "sealed", "withheld"}
)
IMAGE_KINDS = ("fill-image", "fill-imgmask", "fill-shade")
COVER_ANNOTS = frozenset(
    {
        pymupdf.PDF_ANNOT_SQUARE,
        pymupdf.PDF_ANNOT_HIGHLIGHT,
        pymupdf.PDF_ANNOT_POLYGON,
        pymupdf.PDF_ANNOT_INK,
        pymupdf.PDF_ANNOT_FREE_TEXT,
        pymupdf.PDF_ANNOT_STAMP,
        pymupdf.PDF_ANNOT_CIRCLE,
    }
)
NOTHING = np.zeros((0, 4))
AFTER_CONTENT = 1 << 30  # annotations are painted after all page content


@dataclass(slots=True)
class _Glyph:
    char: str
    box: Box
    core: Box
    order: tuple[int, int, int]  # (seqno, span index, char index): painting order
    span: int
    index: int
    kind: int  # texttrace type: 0 fill, 1 stroke, 2 clip, 3 invisible
    size: float
    opacity: float
    colour: tuple[float, ...]
    luma: float


@dataclass(frozen=True)
class _Cover:
    what: str  # "a black box", "an image", ...
    rect: pymupdf.Rect
    seq: int
    # "dark": a bad redaction over text; "ground": a dark box with text in its colour on it;
    # "light": a box hiding text; "redact": an unapplied Redact annotation
    kind: str
    fill: tuple[float, ...] | None  # the fill colour of a drawn box


def page_problems(pdf: pymupdf.Document, page_no: int, *, scanned: bool = False) -> list[Problem]:
    """Bad redactions and hidden text on page ``page_no`` (0-based) of ``pdf``.

    ``scanned`` says ingest judged the page a scan, where an invisible OCR
    text layer is normal. Problems carry 1-based page numbers and boxes.
    """
    page = pdf[page_no]
    spans = page.get_texttrace()
    glyphs = _Glyphs(spans)
    look = _Look(page)
    problems: list[Problem] = []
    hidden = _hidden_glyphs(page, glyphs, look, scanned)
    problems += _runs_to_problems(page_no + 1, spans, glyphs, hidden)
    covered = _covered_glyphs(page, glyphs, look, set(hidden), scanned)
    problems += _cover_problems(page_no + 1, spans, glyphs, covered)
    problems += _off_layer_problems(pdf, page, page_no + 1)
    return sorted(problems, key=Problem.sort_key)


# -- glyphs -------------------------------------------------------------------


class _Glyphs:
    """The characters of a page's text trace that can leave ink, in trace order.

    Blanks, combining marks and characters with an empty box are left out.
    Each property of the page's glyphs is a numpy array with one entry per
    glyph (boxes and cores are N x 4), so page-wide tests run without a
    Python object per character; ``glyphs[i]`` gives glyph ``i`` as a
    :class:`_Glyph`, made on first use.
    """

    def __init__(self, spans: list[dict]) -> None:
        self.spans = spans
        self._colours = [tuple(span.get("color") or (0.0,)) for span in spans]
        self._lumas = [_luminance(colour) for colour in self._colours]
        self._made: dict[int, _Glyph] = {}
        counts = np.array([len(span["chars"]) for span in spans], dtype=np.intp)
        chars = [c for span in spans for c in span["chars"]]
        codes = np.array([c[0] for c in chars], dtype=np.int64)
        # a flat run of floats converts faster than a list of 4-tuples
        corners = chain.from_iterable([c[3] for c in chars])
        boxes = np.fromiter(corners, dtype=float, count=4 * len(chars)).reshape(len(chars), 4)
        # blanks and combining marks are judged once per distinct character
        distinct, which = np.unique(codes, return_inverse=True)
        blank = np.array([_blank(chr(u)) for u in distinct.tolist()], dtype=bool)
        x0, y0, x1, y1 = boxes.T
        keep = ~((x1 <= x0) | (y1 <= y0) | blank[which])
        span_of = np.repeat(np.arange(len(spans)), counts)
        index_in_span = np.arange(len(chars)) - np.repeat(np.cumsum(counts) - counts, counts)
        self.boxes = boxes[keep]
        x0, y0, x1, y1 = self.boxes.T
        dx, dy = (x1 - x0) * 0.2, (y1 - y0) * 0.25
        self.cores = np.stack((x0 + dx, y0 + dy, x1 - dx, y1 - dy), axis=1)
        self.span = span_of[keep]
        self.index = index_in_span[keep]

        def per_glyph(values: list, dtype: type) -> np.ndarray:
            return np.array(values, dtype=dtype)[self.span]

        self.seqs = per_glyph([span["seqno"] for span in spans], np.int64)
        self.kinds = per_glyph([span["type"] for span in spans], np.int64)
        self.sizes = per_glyph([span["size"] for span in spans], float)
        self.opacities = per_glyph([span.get("opacity", 1.0) for span in spans], float)
        self.lumas = per_glyph(self._lumas, float)

    def __len__(self) -> int:
        return len(self.span)

    def __getitem__(self, i: int) -> _Glyph:
        glyph = self._made.get(i)
        if glyph is None:
            s, c = int(self.span[i]), int(self.index[i])
            span = self.spans[s]
            ucs, _gid, _origin, bbox = span["chars"][c]
            x0, y0, x1, y1 = bbox
            dx, dy = (x1 - x0) * 0.2, (y1 - y0) * 0.25
            glyph = self._made[i] = _Glyph(
                chr(ucs),
                bbox,
                (x0 + dx, y0 + dy, x1 - dx, y1 - dy),
                (span["seqno"], s, c),
                s,
                c,
                span["type"],
                span["size"],
                span.get("opacity", 1.0),
                self._colours[s],
                self._lumas[s],
            )
        return glyph


def _blank(char: str) -> bool:
    return char.isspace() or bool(unicodedata.combining(char))


def _luminance(colour: Iterable[float] | None) -> float:
    c = tuple(colour or ())
    if len(c) == 1:
        return c[0]
    if len(c) == 3:
        return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]
    if len(c) == 4:  # CMYK
        k = c[3]
        r, g, b = ((1 - v) * (1 - k) for v in c[:3])
        return 0.299 * r + 0.587 * g + 0.114 * b
    return 0.0


# -- looking at pixels -------------------------------------------------------------


class _Look:
    """Renders small clips of one page from a display list built on first use.

    Each test takes the regions to look at and the boxes of glyphs painted
    later (a label on a bar, text typed over a white box), whose pixels are
    left out. It answers None when too little is left to judge.
    """

    def __init__(self, page: pymupdf.Page) -> None:
        self.page = page
        self._list: pymupdf.DisplayList | None = None

    def _gather(self, boxes: list[Box], skip: np.ndarray) -> np.ndarray | None:
        """The pixels of the boxes, less their border and less the skipped boxes.

        One clip holding all the boxes is rendered; a large one (a scan's
        OCR layer under its image) at half the resolution.
        """
        if not boxes:
            return None
        if self._list is None:
            self._list = self.page.get_displaylist(annots=True)
        whole_box = _union(boxes)
        zoom = ZOOM if pymupdf.Rect(whole_box).get_area() < 40_000 else ZOOM / 2
        turn = self.page.rotation_matrix * pymupdf.Matrix(zoom, zoom)
        pix = self._list.get_pixmap(
            matrix=pymupdf.Matrix(zoom, zoom),
            colorspace=pymupdf.csGRAY,
            alpha=False,
            clip=pymupdf.Rect(whole_box) * self.page.rotation_matrix,
        )
        if pix.width < 1 or pix.height < 1:
            return None
        grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.stride)
        grey = grey[:, : pix.width]
        keep = np.zeros(grey.shape, dtype=bool)
        for box in boxes:
            y0, y1, x0, x1 = self._slice(box, turn, pix)
            if y1 - y0 > 2:  # clip pixmaps round outwards: drop the border
                y0, y1 = y0 + 1, y1 - 1
            if x1 - x0 > 2:
                x0, x1 = x0 + 1, x1 - 1
            keep[y0:y1, x0:x1] = True
        whole = int(keep.sum())
        for box in skip[_touching(skip, whole_box)] if len(skip) else ():
            y0, y1, x0, x1 = self._slice(box.tolist(), turn, pix)
            keep[y0:y1, x0:x1] = False
        px = grey[keep]
        return px if whole and px.size >= 0.15 * whole else None

    @staticmethod
    def _slice(box: Box, turn: pymupdf.Matrix, pix: pymupdf.Pixmap) -> tuple[int, int, int, int]:
        r = (pymupdf.Rect(box) * turn).irect
        return (
            min(max(r.y0 - pix.y, 0), pix.height),
            min(max(r.y1 - pix.y, 0), pix.height),
            min(max(r.x0 - pix.x, 0), pix.width),
            min(max(r.x1 - pix.x, 0), pix.width),
        )

    def is_dark(self, boxes: list[Box], skip: np.ndarray = NOTHING) -> bool | None:
        """Mostly dark pixels: a dark cover with no glyph showing through."""
        px = self._gather(boxes, skip)
        return None if px is None else float(np.mean(px < 128)) >= DARK_PIXELS

    def is_flat(self, boxes: list[Box], skip: np.ndarray = NOTHING) -> bool | None:
        """One flat colour: no glyph contrast visible."""
        px = self._gather(boxes, skip)
        if px is None:
            return None
        lo, hi = np.percentile(px, (1, 99))
        return float(hi - lo) < FLAT_SPREAD


def _line_boxes(glyphs: list[_Glyph]) -> list[Box]:
    """One core box per text line (glyphs of a span with the same baseline band)."""
    by_line: dict[tuple[int, int], list[Box]] = {}
    for g in glyphs:
        by_line.setdefault((g.span, round((g.core[1] + g.core[3]) / 4)), []).append(g.core)
    return [_union(b) for b in by_line.values()]


def _union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


# -- hidden text ------------------------------------------------------------------


def _hidden_glyphs(
    page: pymupdf.Page, glyphs: _Glyphs, look: _Look, scanned: bool
) -> dict[int, str]:
    """Glyph index -> why a reader cannot see it.

    Render mode, opacity, size and colour belong to the span; only the
    visible-area test looks at each glyph's box. A glyph gets the first
    reason that applies, in the order of the tests below.
    """
    crop = page.cropbox
    visible = (0.0, 0.0, crop.width, crop.height)
    invisible = glyphs.kinds == 3
    # type 2 is a clip, not painted: it shapes what comes next
    painted = ~invisible & (glyphs.kinds != 2)
    off_page = painted & ~_touching(glyphs.boxes, visible)
    left = painted & ~off_page
    transparent = left & (glyphs.opacities <= 0.01)
    left &= ~transparent
    tiny = left & (glyphs.sizes < TINY_POINTS)
    left &= ~tiny
    reasons = [(i, "outside the page's visible area") for i in np.nonzero(off_page)[0].tolist()]
    reasons += [(i, "fully transparent") for i in np.nonzero(transparent)[0].tolist()]
    reasons += [
        (i, f"{glyphs[i].size:.1f} pt, too small to read") for i in np.nonzero(tiny)[0].tolist()
    ]
    white: list[int] = []
    if not scanned:
        unseen = np.nonzero(invisible)[0].tolist()
        reasons += [(i, "drawn in invisible render mode") for i in unseen]
        white = np.nonzero(left & (glyphs.lumas >= LIGHT_LUMA))[0].tolist()
    why = dict(sorted(reasons))
    for run in _runs(glyphs, white):
        if _worth_a_look(glyphs, run) and look.is_flat(_line_boxes([glyphs[i] for i in run])):
            why.update((i, "white or near-background colour") for i in run)
    return why


def _off_layer_problems(pdf: pymupdf.Document, page: pymupdf.Page, page_no: int) -> list[Problem]:
    """Text in optional-content layers that are switched off (not rendered, still extractable)."""
    if not pdf.is_pdf:
        return []
    ocgs = pdf.get_ocgs()
    off = {v["name"] for v in ocgs.values() if not v.get("on", True)}
    if not off:
        return []
    turned: list[int] = []
    try:
        for ui in pdf.layer_ui_configs():
            if not ui.get("on") and ui.get("text") in off and not ui.get("locked"):
                pdf.set_layer_ui_config(ui["number"], pymupdf.PDF_OC_ON)
                turned.append(ui["number"])
        spans = page.get_texttrace() if turned else []
    finally:
        for number in turned:
            pdf.set_layer_ui_config(number, pymupdf.PDF_OC_OFF)
    problems = []
    for span in spans:
        if span.get("layer") not in off:
            continue
        text = "".join(chr(c[0]) for c in span["chars"])
        count = sum(1 for ch in text if not ch.isspace())
        if count:
            problems.append(
                Problem(
                    HIDDEN_TEXT,
                    f"{_chars(count)} in layer '{span['layer']}', which is switched off: "
                    f"not shown, still extractable ({_quote(text)})",
                    page_no,
                    _round(span["bbox"]),
                    SEVERITY_FIX,
                )
            )
    return problems


# -- covers -----------------------------------------------------------------------


def _covers(page: pymupdf.Page, text_extent: Box) -> list[_Cover]:
    """Opaque paint over the text area: Redact annotations first, then everything painted.

    Page runs include annotation appearances, so a dark Square or Highlight
    comes in as a filled path; it is named after its annotation. Dark
    annotations are also added whole, for appearances made of strokes.
    """
    covers: list[_Cover] = []
    notes: list[tuple[pymupdf.Rect, str]] = []
    dark_notes: list[_Cover] = []
    for annot in page.annots() if page.parent.is_pdf else []:
        a_type, a_name = annot.type[0], annot.type[1]
        if a_type == pymupdf.PDF_ANNOT_REDACT:
            what = "a Redact annotation that was never applied"
            covers.append(_Cover(what, annot.rect, AFTER_CONTENT, "redact", None))
        elif a_type in COVER_ANNOTS and not 0 <= annot.opacity < MIN_OPACITY:
            notes.append((annot.rect + (-1.5, -1.5, 1.5, 1.5), f"a {a_name} annotation"))
            colours = annot.colors or {}
            paint = colours.get("stroke" if a_type == pymupdf.PDF_ANNOT_HIGHLIGHT else "fill")
            if paint and _luminance(paint) <= DARK_LUMA:
                what = f"a dark {a_name} annotation"
                dark_notes.append(_Cover(what, annot.rect, AFTER_CONTENT, "dark", None))

    def named(rect: pymupdf.Rect, what: str) -> str:
        for area, name in notes:
            if rect in area:
                return f"a {what.split()[1]} {name[2:]}" if what.startswith("a ") else name
        return what

    log = page.get_bboxlog()
    for seq, (kind, bbox) in enumerate(log):
        if kind in IMAGE_KINDS and overlaps(bbox, text_extent):
            rect = pymupdf.Rect(bbox)
            what = named(rect, "a shading" if kind == "fill-shade" else "an image")
            covers.append(_Cover(what, rect, seq, "dark", None))
    if any(kind == "fill-path" and overlaps(bbox, text_extent) for kind, bbox in log):
        for d in page.get_cdrawings():
            fill = d.get("fill")
            if fill is None or (d.get("fill_opacity") or 1.0) < MIN_OPACITY:
                continue
            if not overlaps(d["rect"], text_extent):
                continue
            luma = _luminance(fill)
            if luma <= DARK_LUMA:
                what, kind = ("a black box" if luma < 0.1 else "a dark box"), "dark"
            else:
                what, kind = ("a white box" if luma >= LIGHT_LUMA else "a coloured box"), "light"
            rect = pymupdf.Rect(d["rect"])
            covers.append(_Cover(named(rect, what), rect, d["seqno"], kind, tuple(fill)))
    return covers + dark_notes


def _covered_glyphs(
    page: pymupdf.Page, glyphs: _Glyphs, look: _Look, exclude: set[int], scanned: bool
) -> dict[int, _Cover]:
    """Glyph index -> the cover that hides it.

    A cover hides a glyph it is painted over, or (a dark box only) a glyph
    painted on it in the box's own colour. Both are confirmed by looking,
    except for Redact annotations, which hide nothing until applied.
    """
    alive = glyphs.kinds != 2
    alive[list(exclude)] = False
    live = np.nonzero(alive)[0].tolist()
    if not live:
        return {}
    cores, boxes, seqs = glyphs.cores[alive], glyphs.boxes[alive], glyphs.seqs[alive]
    visible = (glyphs.kinds[alive] == 0) | (glyphs.kinds[alive] == 1)
    areas = (cores[:, 2] - cores[:, 0]) * (cores[:, 3] - cores[:, 1])
    extent = (cores[:, 0].min(), cores[:, 1].min(), cores[:, 2].max(), cores[:, 3].max())
    page_area = page.rect.get_area()
    found: dict[int, _Cover] = {}
    for cover in _covers(page, extent):
        r = cover.rect
        w = np.clip(np.minimum(cores[:, 2], r.x1) - np.maximum(cores[:, 0], r.x0), 0, None)
        h = np.clip(np.minimum(cores[:, 3], r.y1) - np.maximum(cores[:, 1], r.y0), 0, None)
        inside = (w * h >= CORE_COVERED * areas) & (areas > 0)
        under = [
            live[k] for k in np.nonzero(inside & (seqs < cover.seq))[0] if live[k] not in found
        ]
        if _worth_a_look(glyphs, under):
            # glyphs painted on the cover afterwards (a label, retyped text) are left out of the look
            later = np.nonzero(visible & (seqs > cover.seq) & _touching(boxes, r))[0]
            skip = boxes[later]
            if _hides(
                cover,
                look,
                _line_boxes([glyphs[i] for i in under]),
                skip,
                glyphs,
                under,
                [live[k] for k in later],
            ):
                found.update((i, cover) for i in under)
        if (
            cover.kind == "dark"
            and cover.fill is not None
            and not scanned
            and r.get_area() <= page_area / 4
        ):
            on = [
                live[k]
                for k in np.nonzero(inside & visible & (seqs > cover.seq))[0]
                if live[k] not in found and _same_colour(glyphs[live[k]].luma, cover.fill)
            ]
            if _worth_a_look(glyphs, on) and look.is_flat(_line_boxes([glyphs[i] for i in on])):
                painted_on = _Cover(cover.what, r, cover.seq, "ground", cover.fill)
                found.update((i, painted_on) for i in on)
    return found


def _worth_a_look(glyphs: _Glyphs, members: list[int]) -> bool:
    return any(glyphs[i].char.isalnum() for i in members)


def _touching(boxes: np.ndarray, r: Box) -> np.ndarray:
    """Which of the boxes (an N x 4 array) overlap r."""
    return (boxes[:, 0] < r[2]) & (r[0] < boxes[:, 2]) & (boxes[:, 1] < r[3]) & (r[1] < boxes[:, 3])


def _hides(
    cover: _Cover,
    look: _Look,
    regions: list[Box],
    skip: np.ndarray,
    glyphs: _Glyphs,
    under: list[int],
    later: list[int],
) -> bool:
    if cover.kind == "redact":
        return True
    seen = look.is_dark(regions, skip) if cover.kind == "dark" else look.is_flat(regions, skip)
    if seen is not None:
        return seen
    # Nearly all of it is under text painted later: covered, then written over.
    # That hides something only when the new text differs from the old.
    return _letters(glyphs, under) != _letters(glyphs, later)


def _letters(glyphs: _Glyphs, members: list[int]) -> str:
    ordered = sorted(members, key=lambda i: (glyphs[i].box[0], glyphs[i].order))
    return "".join(glyphs[i].char for i in ordered if glyphs[i].char.isalnum()).casefold()


def _same_colour(luma: float, fill: tuple[float, ...]) -> bool:
    return abs(luma - _luminance(fill)) < 0.05


def _cover_problems(
    page_no: int, spans: list[dict], glyphs: _Glyphs, covered: dict[int, _Cover]
) -> list[Problem]:
    by_cover: dict[int, list[int]] = {}
    covers: dict[int, _Cover] = {}
    for i, cover in covered.items():
        by_cover.setdefault(id(cover), []).append(i)
        covers[id(cover)] = cover
    groups = _merge_touching([(covers[k], sorted(v)) for k, v in by_cover.items()])
    problems = []
    for cover, members in groups:
        text = _text_of(spans, [glyphs[i] for i in members])
        if _only_label_words(text):
            continue
        count = len(members)
        bbox = _round(_union([glyphs[i].box for i in members]))
        if cover.kind == "light":
            detail = f"{_chars(count)} hidden under {cover.what} painted over them ({_quote(text)})"
            problems.append(Problem(HIDDEN_TEXT, detail, page_no, bbox, SEVERITY_FIX))
        elif cover.kind == "ground":
            detail = (
                f"{_chars(count)} of live text drawn on {cover.what} in the box's own colour: "
                f"unreadable, still in the file ({_quote(text)})"
            )
            problems.append(Problem(BAD_REDACTION, detail, page_no, bbox, SEVERITY_FIX))
        else:
            detail = (
                f"{cover.what} covers {_chars(count)} of live text that is still in the file "
                f"({_quote(text)})"
            )
            problems.append(Problem(BAD_REDACTION, detail, page_no, bbox, SEVERITY_FIX))
    return problems


def _merge_touching(groups: list[tuple[_Cover, list[int]]]) -> list[tuple[_Cover, list[int]]]:
    """One problem for covers of one kind that touch (a bar drawn as several boxes)."""
    merged: list[tuple[_Cover, list[int], pymupdf.Rect]] = []
    for cover, members in sorted(groups, key=lambda g: (g[0].rect.y0, g[0].rect.x0)):
        grown = pymupdf.Rect(cover.rect) + (-1, -1, 1, 1)
        for k, (other, others, rect) in enumerate(merged):
            if other.kind == cover.kind and other.what == cover.what and rect.intersects(grown):
                merged[k] = (other, others + members, rect | cover.rect)
                break
        else:
            merged.append((cover, list(members), pymupdf.Rect(cover.rect)))
    return [(c, m) for c, m, _ in merged]


# -- reporting --------------------------------------------------------------------


def _runs(glyphs: _Glyphs, members: Iterable[int]) -> list[list[int]]:
    """Split glyph indices into runs: consecutive glyphs of one span."""
    runs: list[list[int]] = []
    for i in sorted(members):
        g = glyphs[i]
        if runs and glyphs[runs[-1][-1]].span == g.span and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _runs_to_problems(
    page_no: int, spans: list[dict], glyphs: _Glyphs, why: dict[int, str]
) -> list[Problem]:
    problems = []
    runs: list[list[int]] = []
    for run in _runs(glyphs, why):
        # a run continues across spans on the same line when the reason is the same
        if (
            runs
            and why[runs[-1][-1]] == why[run[0]]
            and _same_line(glyphs[runs[-1][-1]], glyphs[run[0]])
        ):
            runs[-1].extend(run)
        else:
            runs.append(run)
    for run in runs:
        text = _text_of(spans, [glyphs[i] for i in run])
        if not any(ch.isalnum() for ch in text):
            continue
        detail = f"{_chars(len(run))} of text a reader cannot see: {why[run[0]]} ({_quote(text)})"
        bbox = _round(_union([glyphs[i].box for i in run]))
        problems.append(Problem(HIDDEN_TEXT, detail, page_no, bbox, SEVERITY_FIX))
    return problems


def _same_line(a: _Glyph, b: _Glyph) -> bool:
    return abs((a.box[1] + a.box[3]) - (b.box[1] + b.box[3])) / 2 < 0.5 * (
        a.box[3] - a.box[1]
    ) and (b.box[0] - a.box[2] < 2 * (a.box[3] - a.box[1]))


def _text_of(spans: list[dict], members: list[_Glyph]) -> str:
    """The covered text as written, spaces between covered letters kept."""
    parts = []
    by_span: dict[int, list[int]] = {}
    for g in members:
        by_span.setdefault(g.span, []).append(g.index)
    for s, idx in sorted(by_span.items(), key=lambda kv: spans[kv[0]]["seqno"]):
        chars = spans[s]["chars"][min(idx) : max(idx) + 1]
        parts.append("".join(chr(c[0]) for c in chars).strip())
    return " ".join(parts)


def _only_label_words(text: str) -> bool:
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in text).split()
    return bool(words) and all(w in LABEL_WORDS for w in words)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= QUOTE_CHARS else f"'{text[:QUOTE_CHARS]}…'"


def _chars(n: int) -> str:
    return f"{n} character" if n == 1 else f"{n} characters"


def _round(box: Iterable[float]) -> Box:
    x0, y0, x1, y1 = (round(float(v), 1) for v in box)
    return (x0, y0, x1, y1)
