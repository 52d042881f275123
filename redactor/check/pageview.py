"""The page view both the check report and the review page show: a page as an image,
each finding or proposed redaction outlined on it, and its label beside the page.

What a reviewer must be able to do is read the text a box marks, so nothing is
painted over it: a box is an outline with a faint tint, and its label (``R-0001
SSN``) stands in a gutter to the right of the page, at the height of its box,
joined to it by a short leader. Labels of boxes on the same line are stacked
downwards so they never cover one another (:func:`place_labels`).

The markup and the stylesheet (``pageview.css``, shipped beside this module) are
shared: the check report writes this markup once per page, the review page's
script builds the same elements from the positions the server computes here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import resources

import pymupdf

from ..model import Box

ZOOM = 1.25  # 90 dpi: 12-point text is 15 pixels high, a page 765 pixels wide
LABEL_HEIGHT = 16.0  # pixels; the stylesheet's .pv-label line height
LABEL_GAP = 2.0
GUTTER = 176  # pixels; the stylesheet's .pv-gutter width
LEADER = 12  # pixels of the gutter the leaders take before the labels start
OUTLINE = 2  # pixels between a box's edge and the text it marks


def stylesheet() -> str:
    """The page view's CSS (``pageview.css``)."""
    return resources.files(__package__).joinpath("pageview.css").read_text(encoding="utf-8")


def page_png(page: pymupdf.Page, zoom: float = ZOOM) -> tuple[bytes, int, int]:
    """The page as a PNG as a reader sees it (rotation and comments included), and its size."""
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), annots=True)
    return pix.tobytes("png"), pix.width, pix.height


def display_box(page: pymupdf.Page, box: Box, zoom: float = ZOOM) -> Box:
    """A box of the page's text (unrotated page space, points) in pixels of the page image."""
    r = pymupdf.Rect(box)
    if page.rotation:
        r = r * page.rotation_matrix
    r = r * pymupdf.Matrix(zoom, zoom)
    r.normalize()
    return (r.x0, r.y0, r.x1, r.y1)


def page_box(page: pymupdf.Page, shown: Box, zoom: float = ZOOM) -> Box:
    """The inverse of :func:`display_box`: pixels of the page image back to page space."""
    r = pymupdf.Rect(shown) * pymupdf.Matrix(1 / zoom, 1 / zoom)
    if page.rotation:
        r = r * page.derotation_matrix
    r.normalize()
    return (r.x0, r.y0, r.x1, r.y1)


def place_labels(
    wanted: list[float], height: float = LABEL_HEIGHT, limit: float | None = None
) -> list[float]:
    """The top of each label, as near as it can be to ``wanted[i]`` with none overlapping.

    Labels keep the order of their wanted tops (ties in the order given). A label
    is pushed down below the one before it; when the last would pass ``limit``
    (the page's height) they are pushed back up as far as the top of the gutter
    allows. Returns the tops in the order of ``wanted``.
    """
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    step = height + LABEL_GAP
    tops: list[float] = []
    for i in order:
        top = max(wanted[i], 0.0)
        if tops:
            top = max(top, tops[-1] + step)
        tops.append(top)
    if limit is not None and tops and tops[-1] + height > limit:
        tops[-1] = max(limit - height, 0.0)
        for k in range(len(tops) - 2, -1, -1):
            tops[k] = min(tops[k], tops[k + 1] - step)
        shift = -tops[0] if tops[0] < 0 else 0.0  # too many to fit: they run past the page
        tops = [t + shift for t in tops]
    out = [0.0] * len(wanted)
    for i, top in zip(order, tops, strict=True):
        out[i] = top
    return out


@dataclass(frozen=True)
class Mark:
    """One item drawn on a page: its boxes (image pixels), the label beside the page, and a
    kind for the stylesheet (``finding``, ``problem``; the review page adds its own)."""

    label: str
    boxes: tuple[Box, ...]
    kind: str = "finding"
    title: str = ""


def sheet_html(src: str, width: int, height: int, marks: list[Mark], *, alt: str) -> str:
    """The page view of one page as HTML: the image, an outline for each box, the labels
    in the gutter joined to their first box by a leader."""
    parts = [
        "<div class='pv-view'>",
        f"<div class='pv-sheet' style='width:{width}px;height:{height}px'>",
        f"<img alt='{html.escape(alt)}' width='{width}' height='{height}' src='{src}'>",
    ]
    labelled = [m for m in marks if m.boxes]
    for m in labelled:
        title = f" title='{html.escape(m.title)}'" if m.title else ""
        for x0, y0, x1, y1 in m.boxes:
            parts.append(
                f"<div class='pv-box pv-{m.kind}'{title} style='left:{x0 - OUTLINE:.0f}px;"
                f"top:{y0 - OUTLINE:.0f}px;width:{x1 - x0 + 2 * OUTLINE:.0f}px;"
                f"height:{y1 - y0 + 2 * OUTLINE:.0f}px'></div>"
            )
    parts.append("</div>")
    anchors = [(m.boxes[0][1] + m.boxes[0][3]) / 2 for m in labelled]
    tops = place_labels([a - LABEL_HEIGHT / 2 for a in anchors], limit=max(height, 1))
    bottom = max([height] + [t + LABEL_HEIGHT for t in tops])
    parts.append(f"<div class='pv-gutter' style='height:{bottom:.0f}px'>")
    parts.append(
        f"<svg class='pv-leaders' width='{LEADER}' height='{bottom:.0f}' aria-hidden='true'>"
    )
    for m, anchor, top in zip(labelled, anchors, tops, strict=True):
        parts.append(
            f"<line class='pv-{m.kind}' x1='0' y1='{anchor:.0f}' x2='{LEADER}' "
            f"y2='{top + LABEL_HEIGHT / 2:.0f}'/>"
        )
    parts.append("</svg>")
    for m, top in zip(labelled, tops, strict=True):
        parts.append(
            f"<div class='pv-label pv-{m.kind}' style='top:{top:.0f}px'>{html.escape(m.label)}</div>"
        )
    parts.append("</div></div>")
    return "".join(parts)
