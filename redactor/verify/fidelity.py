"""The other half of the proof: everything outside the plan's boxes is still there, where it was.

The input and the public copy are both read by pdfminer, the reader the renderer
does not share. Every character the input paints (blanks aside) whose box lies
less than a quarter under the boxes the renderer cut must be in the public copy:
the same character, within a point of the same place. A finishing step that
moves a page's content on purpose (a Bates stamp shrinking a page above its
band) says how, and the places are compared through that transform. On a
scanned page the old invisible OCR layer is replaced by a new one, so its
characters are not counted. Places are compared in each page's default user
space, so a rotated page or a crop box changes nothing.

One lost or moved character outside the boxes and nothing is released: the
public record would not be what was filed. The failure names the page and where
on it, never the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..ingest.damage import saved_whole
from ..ingest.repair import rewritten
from ..model import Box
from .readers import normalise
from .readers.pagetext import Char, PageRead, _page_texts

TOLERANCE = 1.0  # points: how far a character may be from where it was
UNDER = 0.25  # share of a character's box under a cut above which it may go
GRID = 4.0  # points: the cell of the index the public copy's characters are looked up in

Matrix = tuple[float, float, float, float, float, float]


@dataclass
class Cuts:
    """What the renderer did to each page (1-based): the boxes it cut (in the page's default user
    space), the pages whose old OCR layer it replaced, and the transform a finishing step applied."""

    boxes: dict[int, list[Box]] = field(default_factory=dict)
    relayered: set[int] = field(default_factory=set)
    moved: dict[int, Matrix] = field(default_factory=dict)


@dataclass(frozen=True)
class Kept:
    """The characters the public copy must still show, by page: (text, x, y) in user space."""

    pages: dict[int, list[tuple[str, float, float]]]

    @property
    def count(self) -> int:
        return sum(len(chars) for chars in self.pages.values())


@dataclass(frozen=True)
class Lost:
    """Characters of one page that are missing from the public copy or moved."""

    page: int
    count: int
    at: tuple[float, float]  # where the first of them was, in user space

    def describe(self) -> str:
        x, y = self.at
        return (
            f"page {self.page}: {self.count} character{'s' if self.count != 1 else ''} outside the planned "
            f"boxes would be lost or moved (the first at x={x:.0f}, y={y:.0f} pt)"
        )


def kept_characters(
    raw: bytes, cuts: Cuts, *, password: str = "", shown: list[int | None] | None = None
) -> Kept | None:
    """What of the input ``raw`` lies outside every box the renderer cut, page by page.

    The public copy is made from the document as MuPDF reads it: ``shown`` holds, page
    by page, how many characters MuPDF read there (None for a page read by OCR). Where
    pdfminer reads the file otherwise (another number of pages, or a page with other
    characters: a damaged cross-reference, page tree or content stream read two ways),
    the file as MuPDF saves it whole is read instead, else as qpdf writes it back;
    where no reading agrees, pdfminer's own reading of the file stands. None only when
    pdfminer can read none of them.
    """
    first: Kept | None = None
    for source in (
        lambda: raw,
        lambda: saved_whole(raw, password),
        lambda: rewritten(raw, password),
    ):
        try:
            data = source()
            if data is None:
                continue
            kept, counted = _kept(data, cuts, password if data is raw else "")
        except Exception:  # pdfminer cannot read this one: the next
            continue
        if shown is None or _agrees(counted, shown):
            return kept
        first = first or kept
    return first


def _agrees(counted: dict[int, int], shown: list[int | None]) -> bool:
    """Whether pdfminer read the pages MuPDF read, with about as many characters on each."""
    if len(counted) != len(shown):
        return False
    for number, n in enumerate(shown, 1):
        m = counted.get(number, 0)
        if n is not None and abs(m - n) > max(3, 0.05 * max(m, n)):
            return False
    return True


def _kept(raw: bytes, cuts: Cuts, password: str) -> tuple[Kept, dict[int, int]]:
    """What lies outside the cuts, and how many characters (blanks aside) each page holds."""
    pages: dict[int, list[tuple[str, float, float]]] = {}
    counted: dict[int, int] = {}
    for read in _page_texts(raw, password=password):
        boxes = cuts.boxes.get(read.number, [])
        kept = []
        counted[read.number] = 0
        for ch in read.chars:
            text = normalise(ch[0]).strip()
            if not text:
                continue
            counted[read.number] += len(text.replace(" ", ""))
            if not ch[6] and read.number in cuts.relayered:
                continue
            origin, box = _place(ch, read.ctm)
            if boxes and _share_under(box, boxes) >= UNDER:
                continue
            kept.append((text, *origin))
        pages[read.number] = kept
    return Kept(pages), counted


def lost_characters(kept: Kept, output: list[PageRead], moved: dict[int, Matrix]) -> list[Lost]:
    """The pages of the public copy (read by pdfminer) that lack a character of ``kept``."""
    out = []
    by_number = {read.number: read for read in output}
    for number, chars in sorted(kept.pages.items()):
        if not chars:
            continue
        read = by_number.get(number)
        index = _index(read) if read is not None else {}
        matrix = moved.get(number)
        missing = []
        for text, x, y in chars:
            if matrix is not None:
                x, y = _apply(matrix, x, y)
            if not _found(index, text, x, y):
                missing.append((x, y))
        if missing:
            out.append(Lost(number, len(missing), missing[0]))
    return out


def _index(read: PageRead) -> dict[tuple[int, int], list[tuple[str, float, float]]]:
    index: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
    for ch in read.chars:
        text = normalise(ch[0]).strip()
        if text:
            (x, y), _ = _place(ch, read.ctm)
            index[int(x // GRID), int(y // GRID)].append((text, x, y))
    return index


def _found(index: dict, text: str, x: float, y: float) -> bool:
    cx, cy = int(x // GRID), int(y // GRID)
    for i in (cx - 1, cx, cx + 1):
        for j in (cy - 1, cy, cy + 1):
            for t, ox, oy in index.get((i, j), ()):
                if t == text and abs(ox - x) <= TOLERANCE and abs(oy - y) <= TOLERANCE:
                    return True
    return False


def _place(ch: Char, ctm: Matrix) -> tuple[tuple[float, float], Box]:
    """A character's origin and box in user space (pdfminer gives device space, set by the page's ``ctm``)."""
    inverse = _invert(ctm)
    ox, oy = _apply(inverse, ch[1], ch[2])
    ex, ey = _apply(inverse, ch[3], ch[4])
    ux, uy = ex - ox, ey - oy
    length = (ux * ux + uy * uy) ** 0.5
    size = abs(ch[5]) or 1.0
    if length < 1e-6:
        ux, uy, length = 1.0, 0.0, 1.0
    nx, ny = -uy / length * size, ux / length * size  # "up" from the baseline, one type size long
    xs = [ox - 0.2 * nx, ox + 0.8 * nx, ex - 0.2 * nx, ex + 0.8 * nx]
    ys = [oy - 0.2 * ny, oy + 0.8 * ny, ey - 0.2 * ny, ey + 0.8 * ny]
    return (ox, oy), (min(xs), min(ys), max(xs), max(ys))


def _share_under(box: Box, boxes: list[Box]) -> float:
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1e-6)
    best = 0.0
    for b in boxes:
        w = min(box[2], b[2]) - max(box[0], b[0])
        h = min(box[3], b[3]) - max(box[1], b[1])
        if w > 0 and h > 0:
            best = max(best, w * h / area)
    return best


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _invert(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    if abs(det) < 1e-12:
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))
