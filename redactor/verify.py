"""Fail closed: prove with readers the renderer does not share that nothing planned survives.

Every planned value, in every spelling of :func:`redactor.plan.term_forms`, is
looked for

* in the text of every page as pdfminer reads it (its own parser and fonts;
  the characters are read in the order the file draws them and again line by
  line, a blank wherever the pen jumps);
* by a raw pikepdf scan of the text of every object: strings (literal and hex,
  decoded) in dictionaries and arrays, the strings that content streams show
  (decoded through their font's ToUnicode map), forms, appearance streams,
  metadata, and any stream of unknown kind whole; font programs, images,
  colour profiles and cross-reference data are not text and are not read, nor
  are the numbers a content stream draws with. The scan also proves there is no
  orphaned object and no form, attachment, script, layer or comment left;
* in every other surface of the output, read by :mod:`redactor.surfaces`;
* by OCR of the redacted areas of scanned pages.

The page text test counts: a word of a name (``Smith``) may still appear as
often as the input shows it outside every redaction (another Smith, in the
caption), never more. The other tests look only for spellings the input holds
nowhere outside a redaction, so a survivor there is always a leak.

All spellings are looked for at once: a text is folded to its letters and
digits, and only the spellings whose folded form it contains are matched.

One survivor and :class:`VerificationFailed` is raised, naming page, category
and redaction id, never the value.
"""

from __future__ import annotations

import hashlib
import html
import io
import math
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pikepdf
import pymupdf
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.utils import mult_matrix

from .errors import VerificationFailed
from .model import Box, Document
from .plan import Plan, is_word_form, term_pattern, whole_forms

OCR_DPI = 300
FONT_CACHE_SIZE = 16  # pdfminer fonts kept between files (the renderer embeds the same few)
WORD_GAP = 0.15  # a jump of the pen wider than this share of the type size reads as a blank
_LIGATURES = str.maketrans({"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": "", "\u00a0": " "})


@dataclass
class Expectation:
    """One spelling of one planned value, and how often the input shows it in the open."""

    rid: str
    page: int | None
    category: str
    pattern: re.Pattern[str]
    word: bool  # a single word of a name: only counted in page text
    allowed: dict[int, int] = field(default_factory=dict)  # page -> uses outside every redaction
    key: str = field(default="", init=False, repr=False, compare=False)  # folded letters and digits

    def __post_init__(self) -> None:
        self.key = _literal_key(self.pattern)

    @property
    def absent_in_input(self) -> bool:
        """The input shows this spelling nowhere outside a redaction: any trace is a leak."""
        return not any(self.allowed.values())


@dataclass(frozen=True)
class Survivor:
    rid: str
    page: int | None
    category: str
    where: str

    def describe(self) -> str:
        at = f"page {self.page}" if self.page else "the document"
        return f"{at}: {self.category} ({self.rid}) can still be read {self.where}"


# -- all spellings at once -------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[\W_]+")
_SPACING = re.compile(r"\(\?<!\\d\)|\(\?!\\d\)|\(\?<!\[\\w\]\)|\(\?!\[\\w\]\)|\[ \\t\\-\./\(\)\]\{0,2\}|\\s\+")
_META = set(".^$*+?{}[]()|")


def _case_fixes() -> dict[int, int]:
    """Letters the regex engine takes for one another ignoring case beyond lower() (ı and i, ſ and s)."""
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - older or newer Pythons: NFKC covers the usual ones
        return {}
    return {c: min((c, *others)) for c, others in _EXTRA_CASES.items()}


_CASE_FIXES = _case_fixes()


def _fold(text: str) -> str:
    """Letters and digits only, lower case: whatever a spelling's pattern matches, folded, is in here."""
    return _NOT_ALNUM.sub("", text.lower()).translate(_CASE_FIXES)


def _literal_key(pattern: re.Pattern[str]) -> str:
    """The folded letters and digits every match of ``pattern`` holds ("" when it cannot be told)."""
    body = _SPACING.sub("", pattern.pattern)
    out = []
    escaped = False
    for ch in body:
        if escaped:
            if ch.isalnum():
                return ""  # \d, \w, \b...: not a literal
            out.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in _META:
            return ""
        else:
            out.append(ch)
    return "" if escaped else _fold("".join(out))


def _candidates(expected: list[Expectation], text: str) -> list[Expectation]:
    """The spellings that may occur in ``text``: the others' letters and digits are not in it."""
    folded = _fold(text)
    return [e for e in expected if not e.key or e.key in folded]


def expectations(doc: Document, plan: Plan) -> list[Expectation]:
    """What verification looks for: every form of every planned value, with its allowed count."""
    planned: dict[int, list[Box]] = {}
    for r in plan.redactions:
        if r.page is not None and r.surface == "page":
            planned.setdefault(r.page, []).extend(r.boxes)
    folded = {page.number: _fold(page.text.text) for page in doc.pages}
    out = []
    for r in plan.redactions:
        searched = not r.boxes  # terms without boxes: every occurrence is redacted
        whole = whole_forms(r.category, r.terms)
        for term in r.terms:
            if len(term) < 3:
                continue
            word = is_word_form(r.category, term) and len(r.terms) > 1
            exp = Expectation(r.id, r.page, r.category, term_pattern(term), word)
            for page in doc.pages:
                if searched and term in whole:
                    continue
                if exp.key and exp.key not in folded[page.number]:
                    continue
                n = _uncovered(page.text, exp.pattern, planned.get(page.number, []))
                if n:
                    exp.allowed[page.number] = n
            out.append(exp)
    return out


def _uncovered(text, pattern: re.Pattern[str], boxes: list[Box]) -> int:
    n = 0
    for m in pattern.finditer(text.text):
        spans = text.boxes_for(m.start(), m.end())
        if not spans or not all(_covered(b, boxes) for b in spans):
            n += 1
    return n


def _covered(box: Box, boxes: list[Box]) -> bool:
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1e-6)
    for b in boxes:
        w = min(box[2], b[2]) - max(box[0], b[0])
        h = min(box[3], b[3]) - max(box[1], b[1])
        if w > 0 and h > 0 and w * h >= 0.5 * area:
            return True
    return False


def normalise(text: str) -> str:
    """Ligatures split, soft hyphens dropped, compatibility forms folded (full-width digits...)."""
    return unicodedata.normalize("NFKC", text.translate(_LIGATURES))


def verify(
    path: str,
    expected: list[Expectation],
    *,
    ocr_regions: dict[int, list[Box]] | None = None,
) -> list[str]:
    """Check the output file at ``path``; return what was checked, or raise VerificationFailed."""
    with open(path, "rb") as fh:
        data = fh.read()
    checks: list[str] = []
    survivors: list[Survivor] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        survivors += _page_text(data, expected, checks, _font_digests(pdf))
        survivors += _raw_objects(pdf, data, expected, checks)
    survivors += _surfaces(data, path, expected, checks)
    survivors += _ocr(data, expected, ocr_regions or {}, checks)
    if survivors:
        first = survivors[0].describe()
        more = f" (and {len(survivors) - 1} more)" if len(survivors) > 1 else ""
        raise VerificationFailed(f"verification failed, nothing was released: {first}{more}")
    return checks


# -- page text, read by pdfminer ------------------------------------------------------

Char = tuple[str, float, float, float, float, float]  # text, origin x, y, end x, y, type size


class _CharReader(PDFDevice):
    """A pdfminer device that keeps each character's text and where the pen put it, no layout."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.chars: list[Char] = []

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:  # noqa: ANN001 - pdfminer's types
        font = textstate.font
        if font is None or self.ctm is None:
            return
        a, b, c, d, e, f = mult_matrix(textstate.matrix, self.ctm)
        size = textstate.fontsize
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
        chars = self.chars
        for obj in seq:
            if isinstance(obj, (int, float)):
                if vertical:
                    y -= obj * dxscale
                else:
                    x -= obj * dxscale
                need = True
                continue
            if not isinstance(obj, bytes):
                continue
            for cid in font.decode(obj):
                if need:
                    if vertical:
                        y += charspace
                    else:
                        x += charspace
                try:
                    text = font.to_unichr(cid)
                except PDFUnicodeNotDefined:
                    text = "\ufffd"
                adv = font.char_width(cid) * step
                yr = y + rise
                ox, oy = a * x + c * yr + e, b * x + d * yr + f
                if vertical:
                    chars.append((text, ox, oy, ox + c * adv, oy + d * adv, height))
                    y += adv + (wordspace if cid == 32 else 0)
                else:
                    chars.append((text, ox, oy, ox + a * adv, oy + b * adv, height))
                    x += adv + (wordspace if cid == 32 else 0)
                need = True
        textstate.linematrix = (x, y)


def _drawn(chars: list[Char]) -> str:
    """The characters in the order given, a blank wherever the pen jumps more than a small gap."""
    out: list[str] = []
    px = py = None
    for text, x0, y0, x1, y1, size in chars:
        if px is not None and math.hypot(x0 - px, y0 - py) > WORD_GAP * max(size, 1.0):
            out.append(" ")
        out.append(text)
        px, py = x1, y1
    return "".join(out)


def _by_lines(chars: list[Char]) -> list[Char]:
    """The characters line by line, top to bottom, each line left to right (as a layout reader sees them)."""
    ordered = sorted(chars, key=lambda ch: -ch[2])
    out: list[Char] = []
    line: list[Char] = []
    base = None
    for ch in ordered:
        if base is not None and abs(ch[2] - base) > 0.4 * max(ch[5], 1.0):
            out += sorted(line, key=lambda c: c[1])
            line = []
        if not line:
            base = ch[2]
        line.append(ch)
    return out + sorted(line, key=lambda c: c[1])


_FONTS: OrderedDict[bytes, object] = OrderedDict()


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


def _font_digests(pdf: pikepdf.Pdf) -> dict[int, bytes]:
    """Object number -> digest of everything a font is made of, object numbers aside."""
    out = {}
    for obj in pdf.objects:
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


def _page_texts(data: bytes, digests: dict[int, bytes] | None = None) -> Iterator[tuple[int, list[str]]]:
    """Each page's text as pdfminer reads it: in drawing order and line by line."""
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = _Manager(digests or {})
    device = _CharReader(manager)
    interpreter = PDFPageInterpreter(manager, device)
    for number, page in enumerate(PDFPage.create_pages(document), 1):
        device.chars = []
        interpreter.process_page(page)
        yield number, [normalise(_drawn(device.chars)), normalise(_drawn(_by_lines(device.chars)))]


def _page_text(data: bytes, expected: list[Expectation], checks: list[str], digests: dict[int, bytes]) -> list[Survivor]:
    found = []
    pages = 0
    for number, texts in _page_texts(data, digests):
        pages = number
        for e in _candidates(expected, "\n".join(texts)):
            count = max(len(e.pattern.findall(t)) for t in texts)
            if count > e.allowed.get(number, 0):
                found.append(Survivor(e.rid, number, e.category, "in the page text (pdfminer)"))
    checks.append(f"page text of {pages} pages read by pdfminer: {len(expected)} spellings counted")
    return found


# -- raw scan of every object, read by pikepdf ----------------------------------------

_SKIPPED_KEYS = ("/FontFile", "/FontFile2", "/FontFile3", "/ToUnicode", "/CIDSet", "/CIDToGIDMap", "/DestOutputProfile")
_POSITIONING = {"Td", "TD", "Tm", "T*"}


def _raw_objects(pdf: pikepdf.Pdf, data: bytes, expected: list[Expectation], checks: list[str]) -> list[Survivor]:
    strict = [e for e in expected if not e.word and e.absent_in_input]
    found: list[Survivor] = []

    def scan(text: str, page: int | None, where: str) -> None:
        text = normalise(text)
        for e in _candidates(strict, text):
            if e.pattern.search(text):
                found.append(Survivor(e.rid, page if page is not None else e.page, e.category, where))

    objects = list(pdf.objects)
    roles = _roles(pdf, objects)
    fonts = _Fonts(pdf)
    for number, page in enumerate(pdf.pages, 1):
        scan(_content_text(page.obj, _resources(page.obj), fonts), number, f"in the content of page {number} (raw scan)")
    for obj in objects:
        text = _object_text(obj, roles.get(obj.objgen, ""), fonts)
        if text:
            scan(text, None, f"in PDF object {obj.objgen[0]} (raw scan)")
    checks.append(f"raw scan of the text of {len(objects)} objects and {len(pdf.pages)} pages' content: {len(strict)} spellings")
    orphans = _orphans(pdf, objects)
    if orphans:
        found.append(Survivor("-", None, "structure", f"in {orphans} orphaned objects (old content)"))
    checks.append("no orphaned objects")
    for what in _leftovers(pdf):
        found.append(Survivor("-", None, "structure", f"in {what}"))
    checks.append("no forms, attachments, scripts, open actions, layers or comments")
    if data.count(b"%%EOF") != 1:
        found.append(Survivor("-", None, "structure", "in an earlier revision (incremental save)"))
    checks.append("written whole: one revision")
    return found


def _roles(pdf: pikepdf.Pdf, objects: list) -> dict[tuple[int, int], str]:
    """What each stream holds: "skip" (not text), "page" and "content" (drawn), "xml"; others are read whole."""
    roles: dict[tuple[int, int], str] = {}

    def mark(value, role: str) -> None:  # noqa: ANN001
        if isinstance(value, pikepdf.Stream) and value.is_indirect:
            roles.setdefault(value.objgen, role)

    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        for part in contents if isinstance(contents, pikepdf.Array) else [contents]:
            mark(part, "page")
    for obj in objects:
        if isinstance(obj, pikepdf.Stream):
            d = obj.stream_dict
            subtype, kind = d.get("/Subtype"), d.get("/Type")
            if subtype == "/Image" or kind in ("/XRef", "/CMap") or (subtype is None and "/N" in d and kind is None):
                mark(obj, "skip")  # pixels, cross-reference data, character maps, colour profiles
            elif subtype == "/Form" or d.get("/PatternType") == 1 or kind == "/ObjStm":
                mark(obj, "content")  # strings only: an object stream's objects are scanned one by one too
            elif kind == "/Metadata" or subtype == "/XML":
                mark(obj, "xml")
        for item in _containers(obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj):
            if isinstance(item, pikepdf.Array):
                if len(item) == 2 and item[0] == "/ICCBased":
                    mark(item[1], "skip")
                continue
            for key in _SKIPPED_KEYS:
                if key in item:
                    mark(item[key], "skip")
            if item.get("/Subtype") == "/Type0":
                mark(item.get("/Encoding"), "skip")
            procs = item.get("/CharProcs")
            if isinstance(procs, pikepdf.Dictionary):
                for _, proc in procs.items():
                    mark(proc, "content")
    return roles


def _containers(obj, depth: int = 0) -> Iterator:  # noqa: ANN001
    """``obj`` and the dictionaries and arrays written inside it (not those it refers to)."""
    if depth > 12 or not isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
        return
    yield obj
    for item in (v for _, v in obj.items()) if isinstance(obj, pikepdf.Dictionary) else iter(obj):
        if isinstance(item, (pikepdf.Dictionary, pikepdf.Array)) and not item.is_indirect:
            yield from _containers(item, depth + 1)


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
        self.width = 2 if isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == "/Type0" else 1
        self.map: dict[int, str] = {}
        cmap = font.get("/ToUnicode") if isinstance(font, pikepdf.Dictionary) else None
        if isinstance(cmap, pikepdf.Stream):
            try:
                self.map, width = _to_unicode(cmap.read_bytes())
            except Exception:  # an unreadable map: the codes are read one byte a character
                self.map, width = {}, 0
            self.width = width or self.width
        self.table = {code: text for code, text in self.map.items() if code < 256} if self.width == 1 else {}

    def decode(self, raw: bytes) -> str:
        if self.width == 1:
            return raw.decode("latin-1").translate(self.table)
        get = self.map.get
        return "".join(get(int.from_bytes(raw[i : i + self.width], "big"), "\ufffd") for i in range(0, len(raw), self.width))


class _Fonts:
    """Fonts by resource dictionary and name, read once per file."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.cache: dict[tuple[int, int] | int, _Font] = {}
        self.by_name: dict[str, pikepdf.Object] | None = None

    def get(self, resources: pikepdf.Dictionary | None, name: object) -> _Font:
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        font = fonts.get(str(name)) if isinstance(fonts, pikepdf.Dictionary) else None
        if font is None:
            font = self._any_named(str(name))
        key = font.objgen if isinstance(font, pikepdf.Object) and font.is_indirect else id(font)
        if key not in self.cache:
            self.cache[key] = _Font(font)
        return self.cache[key]

    def _any_named(self, name: str) -> pikepdf.Object | None:
        """A form without resources of its own draws with its page's fonts: any font of that name."""
        if self.by_name is None:
            self.by_name = {}
            for obj in self.pdf.objects:
                res = obj.get("/Resources") if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) else None
                fonts = res.get("/Font") if isinstance(res, pikepdf.Dictionary) else None
                if isinstance(fonts, pikepdf.Dictionary):
                    for key, font in fonts.items():
                        self.by_name.setdefault(key, font)
        return self.by_name.get(name)


_CMAP_BLOCK = re.compile(rb"begin(bfchar|bfrange|codespacerange)(.*?)end\1", re.S)
_CMAP_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]")


def _to_unicode(raw: bytes) -> tuple[dict[int, str], int]:
    """A ToUnicode CMap: code -> text, and the code width in bytes (0 when it does not say)."""
    out: dict[int, str] = {}
    width = 0
    for m in _CMAP_BLOCK.finditer(raw):
        tokens = [t.group(1) if t.group(1) is not None else t.group(0) for t in _CMAP_TOKEN.finditer(m.group(2))]
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
                    out[lo + k] = _utf16((base + k).to_bytes(max(len(dst), 2, ((base + k).bit_length() + 7) // 8), "big"))
                i += 3
    return out, width


def _hex(digits: bytes) -> bytes:
    return bytes.fromhex(digits.decode()) if len(digits) % 2 == 0 else b""


def _utf16(raw: bytes) -> str:
    return raw.decode("utf-16-be", "replace") if len(raw) >= 2 else raw.decode("latin-1")


def _content_text(stream: pikepdf.Object, resources: pikepdf.Dictionary | None, fonts: _Fonts) -> str:
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
    for inst in instructions:
        if isinstance(inst, pikepdf.ContentStreamInlineImage):
            continue
        op, operands = str(inst.operator), inst.operands
        if op == "Tf" and operands:
            font = fonts.get(resources, operands[0])
        elif op in ("Tj", "'", '"') and operands:
            parts += [" ", font.decode(bytes(operands[-1]))] if isinstance(operands[-1], pikepdf.String) else []
        elif op == "TJ" and operands and isinstance(operands[0], pikepdf.Array):
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    parts.append(font.decode(bytes(item)))
                elif isinstance(item, (int, float, Decimal)) and item < -200:
                    parts.append(" ")
        elif op in _POSITIONING:
            parts.append(" ")
        elif op == "ET":
            parts.append("\n")
        else:
            for operand in operands:  # marked-content properties (ActualText, Alt), anything odd
                if isinstance(operand, (pikepdf.String, pikepdf.Array, pikepdf.Dictionary)):
                    parts.append(" ".join(_strings(operand)))
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
        s = re.sub(rb"\\([0-7]{1,3})", lambda g: bytes([int(g.group(1), 8) & 0xFF]), m.group(0)[1:-1])
        out.append(re.sub(rb"\\(.)", rb"\1", s, flags=re.S).decode("latin-1"))
    return " ".join(out)


def _object_text(obj: pikepdf.Object, role: str, fonts: _Fonts) -> str:
    """The text one object holds, by what it is (see :func:`_roles`)."""
    if not isinstance(obj, pikepdf.Stream):
        return " ".join(_strings(obj))
    parts = list(_strings(obj.stream_dict))
    if role == "content":
        parts.append(_content_text(obj, obj.stream_dict.get("/Resources"), fonts))
    elif role not in ("skip", "page"):
        try:
            raw = obj.read_bytes()
        except Exception:  # a filter pikepdf cannot undo: nothing it could show as text either
            raw = b""
        if role == "xml":
            parts.append(html.unescape(raw.decode("utf-8", "replace")))
        elif raw.startswith((b"\xfe\xff", b"\xff\xfe")):
            parts.append(raw.decode("utf-16", "replace"))
        else:
            parts.append(raw.decode("latin-1"))
    return "\n".join(p for p in parts if p)


def _strings(obj, depth: int = 0) -> Iterator[str]:  # noqa: ANN001
    """The strings written in ``obj`` (not in the objects it refers to), decoded."""
    if depth > 12:
        return
    if isinstance(obj, pikepdf.String):
        yield str(obj)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            if not getattr(item, "is_indirect", True):
                yield from _strings(item, depth + 1)
    elif isinstance(obj, pikepdf.Dictionary):
        for _, item in obj.items():
            if not getattr(item, "is_indirect", True):
                yield from _strings(item, depth + 1)


def _orphans(pdf: pikepdf.Pdf, objects: list) -> int:
    """Objects in the file that nothing refers to."""
    seen: set[tuple[int, int]] = set()
    stack = [pdf.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Stream):
            children = list(obj.stream_dict.values())
        elif isinstance(obj, pikepdf.Dictionary):
            children = list(obj.values())
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            continue
        for child in children:
            if not isinstance(child, pikepdf.Object):
                continue
            if child.is_indirect:
                if child.objgen in seen:
                    continue
                seen.add(child.objgen)
            stack.append(child)
    present = {o.objgen for o in objects if o.objgen != (0, 0) and not isinstance(o, type(None))}
    return len({g for g in present if g[0] > 0} - seen)


def _leftovers(pdf: pikepdf.Pdf) -> list[str]:
    root = pdf.Root
    out = []
    for key, what in (
        ("/AcroForm", "a form"),
        ("/OpenAction", "an open action"),
        ("/AA", "a document action"),
        ("/OCProperties", "optional-content layers"),
        ("/Metadata", "XMP metadata"),
    ):
        if key in root:
            out.append(what)
    names = root.get("/Names")
    if names is not None:
        for key, what in (("/JavaScript", "JavaScript"), ("/EmbeddedFiles", "an attachment")):
            if key in names:
                out.append(what)
    for number, page in enumerate(pdf.pages, 1):
        for annot in page.obj.get("/Annots", []) or []:
            if annot.get("/Subtype") != "/Link":
                out.append(f"a comment on page {number}")
                break
    return out


def _surfaces(data: bytes, path: str, expected: list[Expectation], checks: list[str]) -> list[Survivor]:
    try:
        from .surfaces import read_surfaces
    except ImportError:  # pragma: no cover - the surfaces reader is part of the package
        checks.append("other surfaces: reader not available")
        return []
    pdf = pymupdf.open(stream=data, filetype="pdf")
    try:
        surfaces, _ = read_surfaces(pdf, data, path)
    finally:
        pdf.close()
    found = []
    for s in surfaces:
        text = normalise(s.text)
        for e in _candidates(expected, text):
            if e.word or (s.surface == "hidden_text" and not e.absent_in_input):
                continue
            if e.pattern.search(text):
                found.append(Survivor(e.rid, s.page or e.page, e.category, f"in the {s.surface.replace('_', ' ')} ({s.where})"))
    checks.append(f"{len(surfaces)} other surfaces (metadata, comments, fields, bookmarks, attachments, layers)")
    return found


def _ocr(data: bytes, expected: list[Expectation], regions: dict[int, list[Box]], checks: list[str]) -> list[Survivor]:
    if not regions:
        return []
    found = []
    pdf = pymupdf.open(stream=data, filetype="pdf")
    try:
        for number in sorted(regions):
            if not 1 <= number <= pdf.page_count:
                continue
            page = pdf[number - 1]
            boxes = regions[number]
            clip = pymupdf.Rect(page.rect * page.derotation_matrix) if not boxes else pymupdf.Rect(_union(boxes))
            clip = (clip + (-36, -12, 36, 12)) & pymupdf.Rect(page.rect * page.derotation_matrix)
            pix = page.get_pixmap(dpi=OCR_DPI, clip=clip * page.rotation_matrix, colorspace=pymupdf.csGRAY)
            ocr = pymupdf.open("pdf", pix.pdfocr_tobytes(language="eng"))
            text = normalise(ocr[0].get_text())
            ocr.close()
            for e in _candidates(expected, text):
                if not e.word and not e.allowed.get(number) and e.pattern.search(text):
                    found.append(Survivor(e.rid, number, e.category, "by OCR of the redacted area"))
        checks.append(f"OCR of the redacted areas of {len(regions)} scanned pages")
    finally:
        pdf.close()
    return found


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
