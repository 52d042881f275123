"""A small reader of PDF object syntax, over PyMuPDF's xref interface.

:func:`parse_object` turns an object as PyMuPDF prints it into plain Python
values (dict, list, str, :class:`Name`, :class:`Ref`, number, bool, None);
:func:`decode_text` decodes a PDF text string or text stream. The object access
class parses each object of an open document at most once and follows
references, name trees and number trees with limits, so a hostile object can
only raise ``ValueError``, never loop or run out of memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pymupdf

MAX_TREE_NODES = 20_000  # outline items, name-tree nodes, form fields
MAX_TEXT_CHARS = 1_000_000  # one script, rich text or XMP packet


class Name(str):
    """A PDF name, without its slash. Plain ``str`` values are PDF strings."""


@dataclass(frozen=True)
class Ref:
    xref: int


_SPACE = " \t\r\n\f\0"
_TOKEN = re.compile(r"[^\s()<>\[\]{}/%]+")
_REF = re.compile(r"(\d+)\s+(\d+)\s+R(?![^\s()<>\[\]{}/%])")
_ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", "b": b"\b", "f": b"\f"}


def parse_object(text: str) -> Any:
    """A PDF object as PyMuPDF prints it: dict, list, str, Name, Ref, number, bool or None."""
    value, _ = _parse(text, 0, 0)
    return value


def decode_text(data: bytes) -> str:
    """A PDF text string or a text stream: UTF-16 or UTF-8 with a mark, else UTF-8 or Latin-1."""
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return data.decode("utf-16", errors="replace")
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _skip(s: str, i: int) -> int:
    n = len(s)
    while i < n:
        if s[i] in _SPACE:
            i += 1
        elif s[i] == "%":
            while i < n and s[i] not in "\r\n":
                i += 1
        else:
            break
    return i


def _parse(s: str, i: int, depth: int) -> tuple[Any, int]:
    if depth > 100:
        raise ValueError("object nested too deeply")
    i = _skip(s, i)
    if i >= len(s):
        raise ValueError("object ends early")
    if s.startswith("<<", i):
        i, d = i + 2, {}
        while True:
            i = _skip(s, i)
            if s.startswith(">>", i):
                return d, i + 2
            key, i = _parse(s, i, depth + 1)
            if not isinstance(key, Name):
                raise ValueError("dictionary key is not a name")
            d[str(key)], i = _parse(s, i, depth + 1)
    c = s[i]
    if c == "[":
        i, items = i + 1, []
        while True:
            i = _skip(s, i)
            if i < len(s) and s[i] == "]":
                return items, i + 1
            item, i = _parse(s, i, depth + 1)
            items.append(item)
    if c == "/":
        m = _TOKEN.match(s, i + 1)
        word = m.group(0) if m else ""
        return Name(
            re.sub(r"#([0-9A-Fa-f]{2})", lambda h: chr(int(h.group(1), 16)), word)
        ), i + 1 + len(word)
    if c == "(":
        return _literal(s, i)
    if c == "<":
        end = s.find(">", i)
        if end < 0:
            raise ValueError("hex string ends early")
        digits = re.sub(r"[^0-9A-Fa-f]", "", s[i + 1 : end])
        return decode_text(bytes.fromhex(digits + "0" * (len(digits) % 2))), end + 1
    m = _REF.match(s, i)
    if m:
        return Ref(int(m.group(1))), m.end()
    m = _TOKEN.match(s, i)
    if not m:
        raise ValueError(f"unexpected {c!r} in object")
    word = m.group(0)
    simple = {"true": True, "false": False, "null": None}
    if word in simple:
        return simple[word], m.end()
    try:
        return (float(word) if "." in word else int(word)), m.end()
    except ValueError:
        return None, m.end()  # an unknown keyword: ignore it as a reader would


def _literal(s: str, i: int) -> tuple[str, int]:
    out, depth, i, n = bytearray(), 1, i + 1, len(s)
    while i < n:
        c = s[i]
        if c == "\\" and i + 1 < n:
            e = s[i + 1]
            i += 2
            if e in _ESCAPES:
                out += _ESCAPES[e]
            elif e in "01234567":
                j = i - 1
                while i < n and i - j < 3 and s[i] in "01234567":
                    i += 1
                out.append(int(s[j:i], 8) & 0xFF)
            elif e in "\r\n":
                i += 1 if e == "\r" and i < n and s[i] == "\n" else 0
            else:
                out += _char_bytes(e)
            continue
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return decode_text(bytes(out)), i + 1
        out += _char_bytes(c)
        i += 1
    raise ValueError("string ends early")


def _char_bytes(c: str) -> bytes:
    return bytes([ord(c)]) if ord(c) < 256 else c.encode("utf-8")


def _is_text(value: Any) -> bool:
    return type(value) is str


class _Objects:
    """The parsed objects of one open document, each parsed at most once."""

    def __init__(self, pdf: pymupdf.Document):
        self.pdf = pdf
        self.count = pdf.xref_length()
        self._cache: dict[int, Any] = {}

    def get(self, xref: int) -> Any:
        if xref not in self._cache:
            if not 0 < xref < self.count:
                raise ValueError(f"reference to missing object {xref}")
            self._cache[xref] = parse_object(self.pdf.xref_object(xref, compressed=True))
        return self._cache[xref]

    def resolve(self, value: Any) -> Any:
        for _ in range(32):
            if not isinstance(value, Ref):
                return value
            value = self.get(value.xref)
        return None

    def dict(self, value: Any) -> dict:
        value = self.resolve(value)
        return value if isinstance(value, dict) else {}

    def list(self, value: Any) -> list:
        value = self.resolve(value)
        return value if isinstance(value, list) else [] if value is None else [value]

    def text(self, value: Any) -> str:
        """A text string, or the decoded text of a stream (scripts and rich text may be either)."""
        if (
            isinstance(value, Ref)
            and 0 < value.xref < self.count
            and self.pdf.xref_is_stream(value.xref)
        ):
            return decode_text((self.pdf.xref_stream(value.xref) or b"")[:MAX_TEXT_CHARS])
        value = self.resolve(value)
        return value if _is_text(value) else ""

    def name(self, value: Any) -> str:
        value = self.resolve(value)
        return str(value) if isinstance(value, Name) else ""

    def tree(self, root: Any, leaves: str) -> Iterator[tuple[Any, Any, int]]:
        """(key, value, node xref) of a name tree (``Names``) or number tree (``Nums``)."""
        stack, seen, visited = [root], set(), 0
        while stack and visited < MAX_TREE_NODES:
            node_ref, visited = stack.pop(), visited + 1
            node_xref = node_ref.xref if isinstance(node_ref, Ref) else 0
            if node_xref in seen:
                continue
            if node_xref:
                seen.add(node_xref)
            node = self.dict(node_ref)
            pairs = self.list(node.get(leaves))
            for k in range(0, len(pairs) - 1, 2):
                yield pairs[k], pairs[k + 1], node_xref
            stack.extend(reversed(self.list(node.get("Kids"))))
