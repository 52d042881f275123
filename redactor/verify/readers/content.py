"""The text content streams show, read by pikepdf: strings decoded through their fonts.

A font's ToUnicode CMap turns its codes into text (else one byte a character);
numbers a content stream draws with are not text; content qpdf cannot parse is
read for every literal string in it. Also the strings written in any object.
"""

from __future__ import annotations

import array
import functools
import itertools
import re
import sys
from collections.abc import Iterator
from decimal import Decimal

import pikepdf

_POSITIONING = {"Td", "TD", "Tm", "T*"}
_WORDS = array.array("H").itemsize == 2
_SWAP = sys.byteorder == "little"


def _resources(page: pikepdf.Dictionary) -> pikepdf.Dictionary | None:
    """A page's resources, inherited from its parents where it has none of its own."""
    node, depth = page, 0
    while isinstance(node, pikepdf.Dictionary) and depth < 64:
        res = node.get("/Resources")
        if isinstance(res, pikepdf.Dictionary):
            return res
        node, depth = node.get("/Parent"), depth + 1
    return None


class _Font:
    """Turns the codes a font's strings hold into text: its ToUnicode map, else one byte a character."""

    def __init__(self, font: pikepdf.Object) -> None:
        self.width = (
            2 if isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == "/Type0" else 1
        )
        self.map: dict[int, str] = {}
        cmap = font.get("/ToUnicode") if isinstance(font, pikepdf.Dictionary) else None
        if isinstance(cmap, pikepdf.Stream):
            try:
                self.map, width = _to_unicode(cmap.read_bytes())
            except Exception:  # an unreadable map: the codes are read one byte a character
                self.map, width = {}, 0
            self.width = width or self.width
        self.table = (
            {code: text for code, text in self.map.items() if code < 256} if self.width == 1 else {}
        )
        self.read: dict[
            bytes, str
        ] = {}  # codes -> text, for codes of more than one byte: words recur

    def decode(self, raw: bytes) -> str:
        if self.width == 1:
            return raw.decode("latin-1").translate(self.table)
        text = self.read.get(raw)
        if text is None:
            text = self.read[raw] = self._decode_wide(raw)
        return text

    def _decode_wide(self, raw: bytes) -> str:
        get = self.map.get
        if (
            self.width == 2 and _WORDS
        ):  # two-byte codes read as an array of big-endian words, not pair by pair
            whole = len(raw) & ~1
            codes = array.array("H", raw[:whole])
            if _SWAP:
                codes.byteswap()
            text = "".join(map(get, codes, itertools.repeat("\ufffd", len(codes))))
            return text + get(raw[-1], "\ufffd") if whole < len(raw) else text
        return "".join(
            get(int.from_bytes(raw[i : i + self.width], "big"), "\ufffd")
            for i in range(0, len(raw), self.width)
        )


class _Fonts:
    """Fonts by resource dictionary and name, read once per file."""

    def __init__(self, pdf: pikepdf.Pdf, objects: list | None = None) -> None:
        self.pdf = pdf
        self.objects = objects  # the file's objects, when the caller has listed them
        self.cache: dict[tuple[int, int] | int, _Font] = {}
        self.by_name: dict[str, pikepdf.Object] | None = None

    def get(self, resources: pikepdf.Dictionary | None, name: object) -> _Font:
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        key = _name(name)
        font = fonts.get(key) if isinstance(fonts, pikepdf.Dictionary) else None
        if font is None:
            font = self._any_named(key)
        key = font.objgen if isinstance(font, pikepdf.Object) and font.is_indirect else id(font)
        if key not in self.cache:
            self.cache[key] = _Font(font)
        return self.cache[key]

    def _any_named(self, name: str) -> pikepdf.Object | None:
        """A form without resources of its own draws with its page's fonts: any font of that name."""
        if self.by_name is None:
            self.by_name = {}
            for obj in self.pdf.objects if self.objects is None else self.objects:
                res = (
                    obj.get("/Resources")
                    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream))
                    else None
                )
                fonts = res.get("/Font") if isinstance(res, pikepdf.Dictionary) else None
                if isinstance(fonts, pikepdf.Dictionary):
                    for key, font in fonts.items():
                        self.by_name.setdefault(key, font)
        return self.by_name.get(name)


_CMAP_BLOCK = re.compile(rb"begin(bfchar|bfrange|codespacerange)(.*?)end\1", re.S)
_CMAP_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]")


@functools.lru_cache(maxsize=32)  # the same few maps recur file after file (the label font's)
def _to_unicode(raw: bytes) -> tuple[dict[int, str], int]:
    """A ToUnicode CMap: code -> text, and the code width in bytes (0 when it does not say).

    The map returned is shared between callers: read it, never change it.
    """
    out: dict[int, str] = {}
    width = 0
    for m in _CMAP_BLOCK.finditer(raw):
        tokens = [
            t.group(1) if t.group(1) is not None else t.group(0)
            for t in _CMAP_TOKEN.finditer(m.group(2))
        ]
        tokens = [re.sub(rb"\s", b"", t) if t not in (b"[", b"]") else t for t in tokens]
        kind = m.group(1)
        if kind == b"codespacerange":
            if tokens and not width:
                width = (len(tokens[0]) + 1) // 2
        elif kind == b"bfchar":
            for src, dst in zip(tokens[0::2], tokens[1::2], strict=False):
                out[int(src or b"0", 16)] = _utf16(_hex(dst))
        else:
            i = 0
            while i + 2 < len(tokens):
                lo, hi = int(tokens[i] or b"0", 16), int(tokens[i + 1] or b"0", 16)
                if tokens[i + 2] == b"[":
                    j = tokens.index(b"]", i + 3) if b"]" in tokens[i + 3 :] else len(tokens)
                    for code, dst in zip(range(lo, hi + 1), tokens[i + 3 : j], strict=False):
                        out[code] = _utf16(_hex(dst))
                    i = j + 1
                    continue
                dst = _hex(tokens[i + 2])
                base = int.from_bytes(dst, "big")
                for k in range(min(hi - lo + 1, 65536)):
                    out[lo + k] = _utf16(
                        (base + k).to_bytes(
                            max(len(dst), 2, ((base + k).bit_length() + 7) // 8), "big"
                        )
                    )
                i += 3
    return out, width


def _hex(digits: bytes) -> bytes:
    return bytes.fromhex(digits.decode()) if len(digits) % 2 == 0 else b""


def _utf16(raw: bytes) -> str:
    return raw.decode("utf-16-be", "replace") if len(raw) >= 2 else raw.decode("latin-1")


def _content_text(
    stream: pikepdf.Object, resources: pikepdf.Dictionary | None, fonts: _Fonts
) -> str:
    """The text a content stream shows (strings decoded through their fonts) and any string in it.

    Numbers (coordinates, sizes, kerning) are not text; a kerning gap wider
    than a fifth of an em and any move of the text position read as a blank.
    """
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except Exception:  # content qpdf cannot parse: read every string in it, undecoded
        return _loose_strings(_content_bytes(stream))
    font = _Font(None)
    parts: list[str] = []
    append = parts.append
    String, Array, numbers = pikepdf.String, pikepdf.Array, (int, float, Decimal)
    holders = (pikepdf.String, pikepdf.Array, pikepdf.Dictionary)
    for inst in instructions:
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            continue
        op, operands = _name(inst.operator), inst.operands
        # the most frequent operators are tested first (no two tests can both hold)
        if op == "TJ" and operands and isinstance(operands[0], Array):
            for item in operands[0]:
                if isinstance(item, String):
                    append(font.decode(bytes(item)))
                elif isinstance(item, numbers) and item < -200:
                    append(" ")
        elif op in _POSITIONING:
            append(" ")
        elif op == "Tf" and operands:
            font = fonts.get(resources, operands[0])
        elif op in ("Tj", "'", '"') and operands:
            parts += (
                [" ", font.decode(bytes(operands[-1]))] if isinstance(operands[-1], String) else []
            )
        elif op == "ET":
            append("\n")
        else:
            for operand in operands:  # marked-content properties (ActualText, Alt), anything odd
                if isinstance(operand, holders):
                    append(" ".join(_strings(operand)))
    return "".join(parts)


def _content_bytes(stream: pikepdf.Object) -> bytes:
    """A content stream's bytes, or a page's content streams' bytes one after the other."""
    parts = stream.get("/Contents") if isinstance(stream, pikepdf.Dictionary) else stream
    out = []
    for part in parts if isinstance(parts, pikepdf.Array) else [parts]:
        try:
            out.append(part.read_bytes() if isinstance(part, pikepdf.Stream) else b"")
        except Exception:  # a filter pikepdf cannot undo: the raw bytes, strings may still show
            out.append(part.read_raw_bytes())
    return b"\n".join(out)


_LITERAL = re.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)", re.S)


def _loose_strings(raw: bytes) -> str:
    """Every literal string in bytes no parser could read, escapes undone."""
    out = []
    for m in _LITERAL.finditer(raw):
        s = re.sub(
            rb"\\([0-7]{1,3})", lambda g: bytes([int(g.group(1), 8) & 0xFF]), m.group(0)[1:-1]
        )
        out.append(re.sub(rb"\\(.)", rb"\1", s, flags=re.S).decode("latin-1"))
    return " ".join(out)


def _strings(obj, depth: int = 0) -> Iterator[str]:  # noqa: ANN001
    """The strings written in ``obj`` (not in the objects it refers to), decoded."""
    if depth > 12:
        return
    if isinstance(obj, pikepdf.String):
        yield text_of(obj)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            if not getattr(item, "is_indirect", True):
                yield from _strings(item, depth + 1)
    elif isinstance(obj, pikepdf.Dictionary):
        for _, item in obj.items():
            if not getattr(item, "is_indirect", True):
                yield from _strings(item, depth + 1)


def text_of(string: pikepdf.String) -> str:
    """A PDF string as text: UTF-16 or UTF-8 after their byte-order marks, else PDFDocEncoding
    (read as Latin-1 where pikepdf cannot); never an error, whatever the bytes."""
    try:
        return str(string)
    except UnicodeDecodeError:  # a byte-order mark and bytes that do not follow it
        raw = bytes(string)
        if raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
            return raw[2:].decode("utf-16-be" if raw[0] == 0xFE else "utf-16-le", "replace")
        if raw[:3] == b"\xef\xbb\xbf":
            return raw[3:].decode("utf-8", "replace")
        return raw.decode("latin-1")


def _name(name: object) -> str:
    """A name or operator as text ("/F1", "Tj"); bytes that are not UTF-8 are read as Latin-1."""
    try:
        return str(name)
    except UnicodeDecodeError:
        raw = name.unparse() if isinstance(name, pikepdf.Object) else bytes(name)
        return raw.decode("latin-1")
