"""The text of every page as pdfminer reads it (its own parser and fonts), without layout analysis.

A pdfminer device keeps each character and where the pen put it; a page's text
is read in the order the file draws it and again line by line, a blank wherever
the pen jumps. Fonts pdfminer made for earlier files are kept by the digest of
everything they are made of, so a batch of files with the same fonts reads fast.

pdfminer turns each hex string of a content stream into bytes one pair of digits
at a time, through a Python function per pair; text written by MuPDF is all hex
strings of two-byte codes, so that step alone was a sixth of the reading time.
:func:`_parse_hexstring` gives pdfminer's content parser the same bytes in one
call (``tests/test_readers.py`` holds it to pdfminer's own on every edge case).
"""

from __future__ import annotations

import hashlib
import io
import math
import operator
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import END_HEX_STRING, SPC
from pdfminer.utils import mult_matrix

from . import normalise

FONT_CACHE_SIZE = 16  # pdfminer fonts kept between files (the renderer embeds the same few)
WORD_GAP = 0.15  # a jump of the pen wider than this share of the type size reads as a blank

# text, origin x, y, end x, y (pdfminer's device space), type size, whether it is painted
# (render modes 3 and 7 draw nothing)
Char = tuple[str, float, float, float, float, float, bool]


@dataclass
class PageRead:
    """One page as pdfminer read it."""

    number: int
    texts: list[str]  # the text in drawing order and line by line, normalised
    chars: list[Char]  # every character where the pen put it
    ctm: tuple[
        float, float, float, float, float, float
    ]  # the page's default user space -> device space
    size: tuple[float, float] = (0.0, 0.0)  # the page's width and height as shown (device space)


class _CharReader(PDFDevice):
    """A pdfminer device that keeps each character's text and where the pen put it, no layout."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.chars: list[Char] = []
        self.page_ctm: tuple = (1, 0, 0, 1, 0, 0)
        # font -> code -> (text, width): what the font says of each code, asked once a file
        self.glyphs: dict[object, dict[int, tuple[str, float]]] = {}

    def begin_page(self, page, ctm) -> None:  # noqa: ANN001 - pdfminer's types
        super().begin_page(page, ctm)
        self.page_ctm = ctm

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:  # noqa: ANN001 - pdfminer's types
        font = textstate.font
        if font is None or self.ctm is None:
            return
        glyphs = self.glyphs.get(font)
        if glyphs is None:
            glyphs = self.glyphs[font] = {}
        a, b, c, d, e, f = mult_matrix(textstate.matrix, self.ctm)
        size = textstate.fontsize
        painted = textstate.render not in (3, 7)
        scaling = textstate.scaling * 0.01
        charspace = textstate.charspace * scaling
        wordspace = 0 if font.is_multibyte() else textstate.wordspace * scaling
        vertical = font.is_vertical()
        step = size * scaling
        dxscale = 0.001 * step
        height = abs(size) * (math.hypot(c, d) or 1.0)
        rise = textstate.rise
        x, y = textstate.linematrix
        need = False
        append = self.chars.append
        if (
            not vertical
        ):  # the common case, on its own: the pen moves along x only, c * (y + rise) stays
            cy, dy = c * (y + rise), d * (y + rise)
            for obj in seq:
                if isinstance(obj, (int, float)):
                    x -= obj * dxscale
                    need = True
                    continue
                if not isinstance(obj, bytes):
                    continue
                for cid in font.decode(obj):
                    if need:
                        x += charspace
                    glyph = glyphs.get(cid)
                    if glyph is None:
                        glyph = glyphs[cid] = _glyph(font, cid)
                    adv = glyph[1] * step
                    ox, oy = a * x + cy + e, b * x + dy + f
                    append((glyph[0], ox, oy, ox + a * adv, oy + b * adv, height, painted))
                    x += adv + (wordspace if cid == 32 else 0)
                    need = True
            textstate.linematrix = (x, y)
            return
        for obj in seq:  # vertical writing: the pen moves along y
            if isinstance(obj, (int, float)):
                y -= obj * dxscale
                need = True
                continue
            if not isinstance(obj, bytes):
                continue
            for cid in font.decode(obj):
                if need:
                    y += charspace
                glyph = glyphs.get(cid)
                if glyph is None:
                    glyph = glyphs[cid] = _glyph(font, cid)
                adv = glyph[1] * step
                yr = y + rise
                ox, oy = a * x + c * yr + e, b * x + d * yr + f
                append((glyph[0], ox, oy, ox + c * adv, oy + d * adv, height, painted))
                y += adv + (wordspace if cid == 32 else 0)
                need = True
        textstate.linematrix = (x, y)


def _glyph(font, cid: int) -> tuple[str, float]:  # noqa: ANN001 - pdfminer's PDFFont
    """What ``font`` says of the code ``cid``: its text (U+FFFD when it does not say) and its width."""
    try:
        text = font.to_unichr(cid)
    except PDFUnicodeNotDefined:
        text = "\ufffd"
    return text, font.char_width(cid)


def _drawn(chars: list[Char]) -> str:
    """The characters in the order given, a blank wherever the pen jumps more than a small gap."""
    out: list[str] = []
    append = out.append
    hypot = math.hypot
    gap = WORD_GAP
    px = py = None
    for text, x0, y0, x1, y1, size, _ in chars:
        if px is not None and hypot(x0 - px, y0 - py) > gap * (
            1.0 if 1.0 > size else size
        ):  # max(size, 1.0)
            append(" ")
        append(text)
        px, py = x1, y1
    return "".join(out)


def _by_lines(chars: list[Char]) -> list[Char]:
    """The characters line by line, top to bottom, each line left to right (as a layout reader sees them)."""
    return [ch for line in _lines(chars) for ch in line]


def _lines(chars: list[Char]) -> list[list[Char]]:
    """The characters grouped into lines, top to bottom, each line left to right."""
    ordered = sorted(chars, key=_down)
    out: list[list[Char]] = []
    line: list[Char] = []
    base = 0.0
    for ch in ordered:
        y, size = ch[2], ch[5]
        if not line:
            base = y
        elif abs(y - base) > 0.4 * (1.0 if 1.0 > size else size):  # max(size, 1.0)
            out.append(sorted(line, key=_across))
            line = []
            base = y
        line.append(ch)
    if line:
        out.append(sorted(line, key=_across))
    return out


def _down(ch: Char) -> float:
    """Sort key: top of the page first."""
    return -ch[2]


_across = operator.itemgetter(1)  # sort key: left to right


def _parse_hexstring(self, s: bytes, i: int) -> int:  # noqa: ANN001 - a method of pdfminer's parser
    """pdfminer's ``PSBaseParser._parse_hexstring``, the same bytes made in one call.

    The digits gathered are hex digits only (the string ends at any other
    character but a blank, and blanks are dropped). pdfminer reads them a pair at
    a time and a lone last digit as a byte of its own (``<41A>`` is ``A\\x0a``).
    """
    m = END_HEX_STRING.search(s, i)
    if not m:
        self._curtoken += s[i:]
        return len(s)
    j = m.start(0)
    self._curtoken += s[i:j]
    digits = SPC.sub(b"", self._curtoken)
    token = bytes.fromhex(digits[: len(digits) & ~1].decode("ascii"))
    if len(digits) & 1:
        token += bytes((int(digits[-1:], 16),))
    self._add_token(token)
    self._parse1 = self._parse_main
    return j


PDFContentParser._parse_hexstring = (
    _parse_hexstring  # content streams only; see the module docstring
)


_FONTS: OrderedDict[bytes, object] = OrderedDict()
_REFERENCE = re.compile(rb"\d+ \d+ R")


class _Manager(PDFResourceManager):
    """pdfminer's resource manager, keeping the fonts it made for earlier files by their digest."""

    def __init__(self, digests: dict[int, bytes]) -> None:
        super().__init__(caching=True)
        self.digests = digests

    def get_font(self, objid: object, spec: object):  # noqa: ANN201 - pdfminer's PDFFont
        digest = self.digests.get(objid) if isinstance(objid, int) else None
        if digest is None:
            return super().get_font(objid, spec)
        font = _FONTS.get(digest)
        if font is None:
            font = _FONTS[digest] = super().get_font(objid, spec)
            while len(_FONTS) > FONT_CACHE_SIZE:
                _FONTS.popitem(last=False)
        _FONTS.move_to_end(digest)
        return font


def _font_digests(pdf: pikepdf.Pdf, objects: list | None = None) -> dict[int, bytes]:
    """Object number -> digest of everything a font is made of, object numbers aside.

    ``objects`` is the file's objects, when the caller has listed them already.
    """
    out = {}
    for obj in pdf.objects if objects is None else objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and obj.is_indirect:
            h = hashlib.sha256()
            if _digest(obj, h, {}, 0):
                out[obj.objgen[0]] = h.digest()
    return out


def _digest(obj, h, seen: dict, depth: int) -> bool:  # noqa: ANN001
    """Feed ``obj`` and all it refers to into ``h``; False when it is too deep or too large to tell."""
    if depth > 16 or len(seen) > 2000:
        return False
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        if obj.objgen in seen:
            h.update(b"R%d;" % seen[obj.objgen])
            return True
        seen[obj.objgen] = len(seen)
    if isinstance(obj, pikepdf.Stream):
        raw = obj.read_raw_bytes()
        h.update(b"S%d;" % len(raw))
        h.update(raw)
        return _digest(obj.stream_dict, h, seen, depth + 1)
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
        text = obj.unparse(
            resolved=True
        )  # whole, unless it refers to other objects (their numbers are not content)
        if b" R" not in text or not _REFERENCE.search(
            text
        ):  # the plain test first: long arrays of numbers
            h.update(text + b";")
            return True
    if isinstance(obj, pikepdf.Dictionary):
        h.update(b"<<")
        for key in sorted(obj.keys()):
            h.update(key.encode() + b" ")
            if not _digest(obj[key], h, seen, depth + 1):
                return False
        h.update(b">>")
    elif isinstance(obj, pikepdf.Array):
        h.update(b"[")
        for item in obj:
            if not _digest(item, h, seen, depth + 1):
                return False
        h.update(b"]")
    elif isinstance(obj, pikepdf.Object):
        h.update(obj.unparse() + b";")
    else:
        h.update(f"{type(obj).__name__}:{obj!r};".encode())
    return True


def _page_texts(
    data: bytes,
    digests: dict[int, bytes] | None = None,
    plain: list[str] | None = None,
    *,
    password: str = "",
) -> Iterator[PageRead]:
    """Each page as pdfminer reads it: its text in drawing order and line by line, its characters.

    ``plain``, when given, receives each page's text as it is read, a line of
    text for each line of the page.
    """
    document = PDFDocument(PDFParser(io.BytesIO(data)), password=password)
    manager = _Manager(digests or {})
    device = _CharReader(manager)
    interpreter = PDFPageInterpreter(manager, device)
    for number, page in enumerate(PDFPage.create_pages(document), 1):
        device.chars = []
        interpreter.process_page(page)
        lines = [_drawn(line) for line in _lines(device.chars)]
        if plain is not None:  # for people and review tools: a line of text a line of the page
            plain.append("".join(line.strip() + "\n" for line in lines))
        texts = [normalise(_drawn(device.chars)), normalise(" ".join(lines))]
        x0, y0, x1, y1 = page.mediabox
        size = (
            (abs(y1 - y0), abs(x1 - x0))
            if page.rotate in (90, 270)
            else (abs(x1 - x0), abs(y1 - y0))
        )
        yield PageRead(number, texts, device.chars, tuple(device.page_ctm), size)
