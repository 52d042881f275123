"""Lay out a filing's blocks on letter pages and draw them with PyMuPDF.

Layout and drawing are separate: ``Flow`` breaks lines and pages and records
what goes where (``PageOps``); ``draw`` turns that into PDF pages. The layout
can therefore be run dry to count pages when a filing must reach a length.

A value wrapped in the content marks is one unbreakable token: it never
straddles a line or a page, so each planted value sits whole on one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pymupdf

from samples.content import MARK_CLOSE, MARK_OPEN, Caption, Columns, Heading, Lines, Para, Table

PAGE_W, PAGE_H = 612.0, 792.0
REGULAR = pymupdf.Font("tiro")
BOLD = pymupdf.Font("tibo")


@dataclass
class Geometry:
    """Where text may go and how lines advance, for one layout."""

    name: str
    columns: list[tuple[float, float]]  # x ranges of the text columns
    first_baseline: float
    last_baseline: float
    size: float = 12.0
    body: float = 24.0  # advance between lines of a paragraph
    single: float = 12.0  # advance in single-spaced blocks
    para_gap: float = 0.0
    grid: float = 0.0  # paragraphs start on this grid (pleading lines)
    justify: bool = True
    table_size: float = 10.0

    @property
    def left(self) -> float:
        return self.columns[0][0]

    @property
    def right(self) -> float:
        return self.columns[-1][1]


PLEADING = Geometry("pleading", [(86.0, 540.0)], 84.0, 732.0)
WORDPROC = Geometry("wordproc", [(72.0, 540.0)], 96.0, 724.0, body=17.0, single=14.0, para_gap=8.0)
TWO_COLUMN = Geometry(
    "two_column",
    [(72.0, 297.0), (315.0, 540.0)],
    96.0,
    724.0,
    size=10.0,
    body=12.5,
    single=12.0,
    para_gap=6.0,
    table_size=8.0,
)
TABLE = Geometry(
    "table",
    [(54.0, 558.0)],
    96.0,
    712.0,
    size=11.0,
    body=15.0,
    single=13.0,
    para_gap=8.0,
    justify=False,
    table_size=9.0,
)
# A letter: single-spaced, ragged right, a blank line between paragraphs.
LETTER = Geometry(
    "letter", [(72.0, 540.0)], 72.0, 720.0, size=11.0, body=13.5, single=13.0, para_gap=11.0,
    justify=False,
)  # fmt: skip
# An opinion: one and a half spacing, justified, set a little smaller than a pleading.
OPINION = Geometry(
    "opinion", [(90.0, 522.0)], 90.0, 716.0, size=11.5, body=19.0, single=13.0, para_gap=4.0
)
GEOMETRIES = {g.name: g for g in (PLEADING, WORDPROC, TWO_COLUMN, TABLE, LETTER, OPINION)}


@dataclass
class PageOps:
    text: list[tuple[float, float, str, bool, float]] = field(
        default_factory=list
    )  # x, y, s, bold, size
    lines: list[tuple[float, float, float, float, float]] = field(
        default_factory=list
    )  # x0 y0 x1 y1 w
    fills: list[tuple[float, float, float, float, float]] = field(
        default_factory=list
    )  # rect, gray


def tokens(text: str) -> list[str]:
    """Words of ``text``; a marked value is one word with its spaces kept."""
    out, cur, inside = [], [], False
    for ch in text:
        if ch == MARK_OPEN:
            inside = True
        elif ch == MARK_CLOSE:
            inside = False
        elif ch.isspace() and not inside:
            if cur:
                out.append("".join(cur))
                cur = []
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


_ADVANCE: dict[tuple[str, bool], float] = {}


def width(s: str, size: float, bold: bool = False) -> float:
    """Width of ``s`` in points, from cached glyph advances (Font.text_length is slow)."""
    total = 0.0
    for ch in s:
        adv = _ADVANCE.get((ch, bold))
        if adv is None:
            adv = _ADVANCE[(ch, bold)] = (BOLD if bold else REGULAR).text_length(ch, fontsize=1)
        total += adv
    return total * size


def wrap(
    words: list[str], size: float, first: float, rest: float, bold: bool = False
) -> list[list[str]]:
    """Greedy line breaking; ``first`` and ``rest`` are the widths available."""
    lines: list[list[str]] = [[]]
    used, avail, space = 0.0, first, width(" ", size, bold)
    for w in words:
        ww = width(w, size, bold)
        if lines[-1] and used + space + ww > avail:
            lines.append([])
            used, avail = 0.0, rest
        used += (space if lines[-1] else 0.0) + ww
        lines[-1].append(w)
    return [line for line in lines if line]


class Flow:
    """Places blocks into the columns of successive pages."""

    def __init__(self, geo: Geometry) -> None:
        self.geo = geo
        self.pages: list[PageOps] = [PageOps()]
        self.col = 0
        self.y = geo.first_baseline
        self.col_top = geo.first_baseline

    # -- cursor -------------------------------------------------------------
    @property
    def x0(self) -> float:
        return self.geo.columns[self.col][0]

    @property
    def x1(self) -> float:
        return self.geo.columns[self.col][1]

    def next_column(self) -> None:
        if self.col + 1 < len(self.geo.columns):
            self.col += 1
        else:
            self.pages.append(PageOps())
            self.col, self.col_top = 0, self.geo.first_baseline
        self.y = self.col_top

    def room(self, advance_count: int, advance: float) -> None:
        """Move to the next column unless ``advance_count`` lines fit below the cursor."""
        if self.y + (advance_count - 1) * advance > self.geo.last_baseline:
            self.next_column()

    def snap(self) -> None:
        g = self.geo.grid or 0.0
        if g:
            steps = -(-(self.y - self.col_top) // g)
            self.y = self.col_top + steps * g
        if self.y > self.geo.last_baseline:
            self.next_column()

    def put(self, x: float, s: str, bold: bool = False, size: float | None = None) -> None:
        self.pages[-1].text.append((x, self.y, s, bold, size or self.geo.size))

    # -- blocks -------------------------------------------------------------
    def add(self, block) -> None:
        if isinstance(block, Para):
            self.para(block)
        elif isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Lines):
            self.lines(block)
        elif isinstance(block, Columns):
            self.columns(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Caption):
            self.caption(block)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")

    def para(self, p: Para) -> None:
        geo, size = self.geo, self.geo.size
        self.snap()
        words = tokens(p.text)
        span = self.x1 - self.x0
        lines = wrap(words, size, span - p.indent, span)
        space = width(" ", size)
        for i, line in enumerate(lines):
            self.room(1, geo.body)
            x = self.x0 + (p.indent if i == 0 else 0.0)
            widths = [width(w, size) for w in line]
            gap = space
            if geo.justify and i < len(lines) - 1 and len(line) > 1:
                stretched = (self.x1 - x - sum(widths)) / (len(line) - 1)
                gap = stretched if stretched < space * 2.5 else space  # a long value: ragged line
            for w, ww in zip(line, widths, strict=True):
                self.put(x, w)
                x += ww + gap
            self.y += geo.body
        self.y += geo.para_gap

    def heading(self, h: Heading) -> None:
        geo, size = self.geo, self.geo.size
        self.snap()
        lines = wrap(tokens(h.text), size, self.x1 - self.x0, self.x1 - self.x0, bold=True)
        self.room(len(lines) + 1, geo.body)
        for line in lines:
            s = " ".join(line)
            x = self.x0 if h.align == "left" else (self.x0 + self.x1 - width(s, size, True)) / 2
            self.put(x, s, bold=True)
            self.y += geo.body
        self.y += geo.para_gap

    def lines(self, block: Lines) -> None:
        geo = self.geo
        self.snap()
        self.room(min(len(block.lines), 14), geo.single)
        x = self.x0 + block.left * (self.x1 - self.x0)
        for line in block.lines:
            self.room(1, geo.single)
            if line:
                s = " ".join(tokens(line))
                at = x
                if block.center:
                    at = (self.x0 + self.x1 - width(s, geo.size, block.bold)) / 2
                self.put(at, s, bold=block.bold)
            self.y += geo.single
        self.y += geo.para_gap

    def columns(self, block: Columns) -> None:
        """Two runs of lines from the same height; the longer one sets where the flow goes on."""
        geo = self.geo
        self.snap()
        self.room(min(max(len(block.left), len(block.right)), 14), geo.single)
        top, page = self.y, len(self.pages)
        right_x = self.x0 + block.split * (self.x1 - self.x0)
        span = right_x - self.x0 - 12
        bottom = top
        for x, lines, room in (
            (self.x0, block.left, span),
            (right_x, block.right, self.x1 - right_x),
        ):
            self.y = top
            for line in lines:
                parts = wrap(tokens(line), geo.size, room, room) if line else [[]]
                for part in parts:
                    if part:
                        s = " ".join(part)
                        size = geo.size
                        while width(s, size) > room and size > 7:
                            size -= 0.5  # one long word (an e-mail) is set smaller, not broken
                        self.pages[page - 1].text.append((x, self.y, s, False, size))
                    self.y += geo.single
            bottom = max(bottom, self.y)
        self.y = bottom + geo.para_gap
        if self.y > geo.last_baseline:
            self.next_column()

    def table(self, t: Table) -> None:
        geo, size = self.geo, self.geo.table_size
        if self.x1 - self.x0 < 300:  # a narrow column: one short paragraph per row instead
            for r in t.rows:
                cells = [f"{h}: {c}".replace("\n", ", ") for h, c in zip(t.header, r, strict=True)]
                self.para(Para("; ".join(cells) + ".", indent=0))
            return
        a = round(size * 1.25) if not geo.grid else geo.single
        self.snap()
        span = self.x1 - self.x0
        xs = [self.x0]
        for f in t.widths:
            xs.append(xs[-1] + f * span)

        def cell_lines(cell: str, col: int, bold: bool) -> list[str]:
            out = []
            for part in cell.split("\n"):
                w = xs[col + 1] - xs[col] - 8
                out += [" ".join(x) for x in wrap(tokens(part), size, w, w, bold)] or [""]
            return out

        def row(cells: list[str], bold: bool) -> None:
            cols = [cell_lines(c, i, bold) for i, c in enumerate(cells)]
            k = max(len(c) for c in cols)
            if self.y + (k - 1) * a + 0.75 * a > geo.last_baseline + 0.75 * a:
                self.next_column()
                if not bold:
                    row(t.header, True)
            top = self.y - 1.25 * a
            bottom = top + (k + 1) * a
            ops = self.pages[-1]
            if bold:
                ops.fills.append((xs[0], top, xs[-1], bottom, 0.85))
            ops.lines.append((xs[0], top, xs[-1], top, 0.6))
            ops.lines.append((xs[0], bottom, xs[-1], bottom, 0.6))
            for x in xs:
                ops.lines.append((x, top, x, bottom, 0.6))
            for i, col in enumerate(cols):
                for j, s in enumerate(col):
                    ops.text.append((xs[i] + 4, self.y + j * a, s, bold, size))
            self.y += (k + 1) * a

        row(t.header, True)
        for r in t.rows:
            row(r, False)
        self.y += geo.para_gap

    def caption(self, c: Caption) -> None:
        geo = self.geo
        s = geo.single
        left, right = geo.left, geo.right
        for line in c.attorney:
            if line:
                self.put(left, " ".join(tokens(line)))
            self.y += s
        self.y += s
        self.snap()
        for line in c.court:
            self.put((left + right - width(line, geo.size, True)) / 2, line, bold=True)
            self.y += s
        self.y += s * 2
        mid = left + (right - left) * 0.5
        top = self.y
        indent = {"v.": 36.0, "Plaintiff,": 72.0, "Plaintiffs,": 72.0, "Defendants.": 72.0}
        for line in c.left:
            for part in wrap(tokens(line), geo.size, mid - left - 10, mid - left - 10) or [[]]:
                if part:
                    self.put(left + indent.get(line, 0.0), " ".join(part))
                self.y += s
        bottom_left = self.y
        self.y = top
        for i, line in enumerate(c.right):
            bold = i == 2
            for part in wrap(tokens(line), geo.size, right - mid - 14, right - mid - 14, bold) or [
                []
            ]:
                if part:
                    self.put(mid + 14, " ".join(part), bold=bold)
                self.y += s
        bottom = max(self.y, bottom_left)
        ops = self.pages[-1]
        ops.lines.append((mid, top - s, mid, bottom - s * 0.5, 0.8))
        ops.lines.append((left, bottom - s * 0.5, mid, bottom - s * 0.5, 0.8))
        self.y = bottom + s
        self.snap()
        self.col_top = self.geo.first_baseline if len(self.geo.columns) == 1 else self.y


def layout(blocks: list, geo: Geometry) -> list[PageOps]:
    flow = Flow(geo)
    if len(geo.columns) > 1 and blocks and isinstance(blocks[0], Caption):
        # The caption spans both columns; the columns of page 1 start under it.
        wide = Geometry(
            geo.name,
            [(geo.left, geo.right)],
            geo.first_baseline,
            geo.last_baseline,
            geo.size,
            geo.body,
            geo.single,
        )
        head = Flow(wide)
        head.caption(blocks[0])
        flow.pages[0].text += head.pages[0].text
        flow.pages[0].lines += head.pages[0].lines
        flow.y = flow.col_top = head.y
        blocks = blocks[1:]
    for b in blocks:
        flow.add(b)
    return flow.pages


def draw(doc: pymupdf.Document, pages: list[PageOps]) -> None:
    """Append one PDF page per laid-out page."""
    for ops in pages:
        page = doc.new_page(width=PAGE_W, height=PAGE_H)
        shape = page.new_shape()
        for x0, y0, x1, y1, gray in ops.fills:
            shape.draw_rect(pymupdf.Rect(x0, y0, x1, y1))
            shape.finish(fill=(gray, gray, gray), color=None, width=0)
        for x0, y0, x1, y1, w in ops.lines:
            shape.draw_line((x0, y0), (x1, y1))
            shape.finish(color=(0, 0, 0), width=w)
        shape.commit()
        writer = pymupdf.TextWriter(page.rect)
        for x, y, s, bold, size in ops.text:
            writer.append((x, y), s, font=BOLD if bold else REGULAR, fontsize=size)
        writer.write_text(page)
