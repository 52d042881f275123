"""Removal by glyph: which glyphs go, and text shown one glyph per string so the rest stays put.

A glyph goes when its own box lies mostly (half or more) under a planned box;
a glyph that only touches a box, or whose line merely overlaps the box's line
(tight leading), stays. Each glyph that goes is marked for MuPDF by a tiny
rectangle at its centre, so MuPDF's test (any overlap with the glyph's box)
takes exactly that glyph and no neighbour.

MuPDF takes a glyph out of a string by cutting the string and putting a kerning
adjustment for what it removed in its place. In MuPDF 1.28 that adjustment
loses the advance of the first glyph removed from the middle of a string, so
the rest of the line moves left; a removed run that begins a string of its own
is adjusted exactly. So before glyphs are removed from a page, each operator
that shows text on it (and in the forms it draws) is rewritten to show its text
one glyph per string: ``(Jane Roe) Tj`` becomes ``[(J)(a)(n)(e)( )(R)(o)(e)] TJ``,
which draws the same glyphs at the same places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf
import pymupdf

from ..model import Box

MOSTLY = 0.5  # share of a glyph's box that must lie under a planned box for the glyph to go
MARK = 0.05  # half the side of the rectangle that marks a glyph for removal, in points

_SIMPLE_FONTS = {"Type1", "MMType1", "TrueType", "Type3"}
_TWO_BYTE_CMAPS = re.compile(r"^(?:Identity-[HV]|Uni\w+-UCS2-[HV])$")
_CODESPACE = re.compile(rb"begincodespacerange(.*?)endcodespacerange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


@dataclass(frozen=True)
class Glyph:
    """One glyph of a page as MuPDF reads it: its text and its box."""

    char: str
    box: Box

    @property
    def mark(self) -> pymupdf.Rect:
        """The rectangle that marks this glyph, and nothing else, for removal."""
        cx, cy = (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2
        return pymupdf.Rect(cx - MARK, cy - MARK, cx + MARK, cy + MARK)


def page_glyphs(page: pymupdf.Page) -> list[Glyph]:
    """Every glyph of the page that has a box (blanks included), in reading order."""
    out = []
    for block in page.get_text("rawdict", flags=0)["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for ch in span["chars"]:
                    x0, y0, x1, y1 = ch["bbox"]
                    if x1 > x0 and y1 > y0:
                        out.append(Glyph(ch["c"], (x0, y0, x1, y1)))
    return out


def under(glyph: Glyph, boxes: list[Box]) -> int:
    """The index of the first box the glyph lies mostly under, or -1."""
    g = glyph.box
    area = (g[2] - g[0]) * (g[3] - g[1])
    for i, b in enumerate(boxes):
        w = min(g[2], b[2]) - max(g[0], b[0])
        h = min(g[3], b[3]) - max(g[1], b[1])
        if w > 0 and h > 0 and w * h >= MOSTLY * area:
            return i
    return -1


# -- one glyph per string -------------------------------------------------------------


def split_strings(pdf: pymupdf.Document, page: pymupdf.Page) -> int:
    """Rewrite the text of ``page`` and of the forms it draws one glyph per string.

    Returns the number of text operators rewritten. A content stream that cannot
    be parsed, and a string in a font whose code length cannot be told, are left
    as they are (their glyphs are still removed; only the rest of such a line may
    shift, which verification then reports).
    """
    fonts = _code_lengths(pdf, page)
    rewritten = 0
    data = page.read_contents()
    split, n = _split_stream(data, fonts.get(0, {}))
    if n:
        xref = pdf.get_new_xref()
        pdf.update_object(xref, "<<>>")
        pdf.update_stream(xref, split)
        page.set_contents(xref)
        rewritten += n
    for xref, *_ in page.get_xobjects():
        if pdf.xref_get_key(xref, "Subtype")[1] != "/Form":
            continue
        try:
            stream = pdf.xref_stream(xref) or b""
        except Exception:  # an unreadable form: MuPDF cannot draw it either
            continue
        split, n = _split_stream(stream, {**fonts.get(0, {}), **fonts.get(xref, {})})
        if n:
            pdf.update_stream(xref, split)
            rewritten += n
    return rewritten


def _code_lengths(pdf: pymupdf.Document, page: pymupdf.Page) -> dict[int, dict[str, int | None]]:
    """Resource holder (0: the page, else a form's xref) -> font resource name -> bytes a code."""
    out: dict[int, dict[str, int | None]] = {}
    for xref, _, kind, _, name, encoding, referencer in page.get_fonts(full=True):
        out.setdefault(referencer or 0, {})[name] = _code_length(pdf, xref, kind, encoding)
    return out


def _code_length(pdf: pymupdf.Document, xref: int, kind: str, encoding: str) -> int | None:
    if kind in _SIMPLE_FONTS:
        return 1
    if kind != "Type0":
        return None
    if _TWO_BYTE_CMAPS.match(encoding or ""):
        return 2
    held, value = pdf.xref_get_key(xref, "Encoding")
    if held != "xref":
        return None
    try:
        cmap = pdf.xref_stream(int(value.split()[0])) or b""
    except Exception:
        return None
    widths = {
        len(re.sub(rb"\s", b"", m)) // 2
        for block in _CODESPACE.findall(cmap)
        for m in _HEX.findall(block)
    }
    return widths.pop() if len(widths) == 1 and 0 not in widths else None


def _split_stream(data: bytes, fonts: dict[str, int | None]) -> tuple[bytes, int]:
    """The content stream with every string of a known font shown one glyph per string."""
    if b"T" not in data:
        return data, 0
    try:
        holder = pikepdf.new()
        operators = pikepdf.parse_content_stream(pikepdf.Stream(holder, data))
    except Exception:  # content no parser can read: left as it is
        return data, 0
    out: list = []
    width: int | None = None
    rewritten = 0
    for item in operators:
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            out.append(item)
            continue
        op, operands = str(item.operator), list(item.operands)
        if op == "Tf" and operands:
            width = (
                fonts.get(str(operands[0])[1:]) if isinstance(operands[0], pikepdf.Name) else None
            )
        shown = _one_glyph_each(op, operands, width)
        if shown is None:
            out.append(item)
            continue
        out.extend(shown)
        rewritten += 1
    if not rewritten:
        return data, 0
    return pikepdf.unparse_content_stream(out), rewritten


def _one_glyph_each(op: str, operands: list, width: int | None) -> list | None:
    """The operators that show the same text one glyph per string, or None to keep ``op`` as it is."""
    if width is None or op not in ("Tj", "TJ", "'", '"') or not operands:
        return None
    if op == "TJ":
        if not isinstance(operands[0], pikepdf.Array):
            return None
        items = []
        for item in operands[0]:
            items += _glyph_strings(item, width) if isinstance(item, pikepdf.String) else [item]
        return [pikepdf.ContentStreamInstruction([pikepdf.Array(items)], pikepdf.Operator("TJ"))]
    text = operands[-1]
    if not isinstance(text, pikepdf.String):
        return None
    show = pikepdf.ContentStreamInstruction(
        [pikepdf.Array(_glyph_strings(text, width))], pikepdf.Operator("TJ")
    )
    if op == "Tj":
        return [show]
    lead = []
    if op == '"' and len(operands) == 3:  # aw ac string ": word and character spacing, then '
        lead = [
            pikepdf.ContentStreamInstruction([operands[0]], pikepdf.Operator("Tw")),
            pikepdf.ContentStreamInstruction([operands[1]], pikepdf.Operator("Tc")),
        ]
    elif op == '"':
        return None
    return [*lead, pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")), show]


def _glyph_strings(text: pikepdf.String, width: int) -> list[pikepdf.String]:
    raw = bytes(text)
    if len(raw) % width:
        return [text]  # codes that do not divide evenly: not split
    return [pikepdf.String(raw[i : i + width]) for i in range(0, len(raw), width)]
