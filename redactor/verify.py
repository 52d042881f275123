"""Fail closed: prove with readers the renderer does not share that nothing planned survives.

Every planned value, in every spelling of :func:`redactor.plan.term_forms`, is
looked for

* in the text of every page as pdfminer (through pdfplumber) reads it;
* in every object of the file, streams decompressed, by a raw pikepdf scan,
  which also proves there is no orphaned object and no form, attachment,
  script, layer or comment left;
* in every other surface of the output, read by :mod:`redactor.surfaces`;
* by OCR of the redacted areas of scanned pages.

The page text test counts: a word of a name (``Smith``) may still appear as
often as the input shows it outside every redaction (another Smith, in the
caption), never more. The other tests look only for spellings the input holds
nowhere outside a redaction, so a survivor there is always a leak.

One survivor and :class:`VerificationFailed` is raised, naming page, category
and redaction id, never the value.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

import pdfplumber
import pikepdf
import pymupdf

from .errors import VerificationFailed
from .model import Box, Document
from .plan import Plan, is_word_form, term_pattern, whole_forms

OCR_DPI = 300
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


def expectations(doc: Document, plan: Plan) -> list[Expectation]:
    """What verification looks for: every form of every planned value, with its allowed count."""
    planned: dict[int, list[Box]] = {}
    for r in plan.redactions:
        if r.page is not None and r.surface == "page":
            planned.setdefault(r.page, []).extend(r.boxes)
    out = []
    for r in plan.redactions:
        searched = not r.boxes  # terms without boxes: every occurrence is redacted
        for term in r.terms:
            if len(term) < 3:
                continue
            word = is_word_form(r.category, term) and len(r.terms) > 1
            exp = Expectation(r.id, r.page, r.category, term_pattern(term), word)
            for page in doc.pages:
                if searched and term in whole_forms(r.category, r.terms):
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
    survivors += _page_text(data, expected, checks)
    survivors += _raw_objects(data, expected, checks)
    survivors += _surfaces(data, path, expected, checks)
    survivors += _ocr(data, expected, ocr_regions or {}, checks)
    if survivors:
        first = survivors[0].describe()
        more = f" (and {len(survivors) - 1} more)" if len(survivors) > 1 else ""
        raise VerificationFailed(f"verification failed, nothing was released: {first}{more}")
    return checks


def _page_text(data: bytes, expected: list[Expectation], checks: list[str]) -> Iterator[Survivor]:
    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            text = normalise(page.extract_text() or "")
            for e in expected:
                count = len(e.pattern.findall(text))
                if count > e.allowed.get(number, 0):
                    found.append(Survivor(e.rid, number, e.category, "in the page text (pdfminer)"))
        checks.append(f"page text of {len(pdf.pages)} pages read by pdfminer: {len(expected)} spellings counted")
    return found


def _raw_objects(data: bytes, expected: list[Expectation], checks: list[str]) -> list[Survivor]:
    strict = [e for e in expected if not e.word and e.absent_in_input]
    found: list[Survivor] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        objects = list(pdf.objects)
        for obj in objects:
            text = _object_text(obj)
            if not text:
                continue
            for e in strict:
                if e.pattern.search(text):
                    found.append(Survivor(e.rid, e.page, e.category, f"in PDF object {obj.objgen[0]} (raw scan)"))
        checks.append(f"raw scan of {len(objects)} objects, streams decompressed: {len(strict)} spellings")
        orphans = _orphans(pdf, objects)
        if orphans:
            found.append(Survivor("-", None, "structure", f"in {orphans} orphaned objects (old content)"))
        checks.append("no orphaned objects")
        leftovers = _leftovers(pdf)
        for what in leftovers:
            found.append(Survivor("-", None, "structure", f"in {what}"))
        checks.append("no forms, attachments, scripts, open actions, layers or comments")
    if data.count(b"%%EOF") != 1:
        found.append(Survivor("-", None, "structure", "in an earlier revision (incremental save)"))
    checks.append("written whole: one revision")
    return found


def _object_text(obj) -> str:
    parts: list[str] = []
    if isinstance(obj, pikepdf.Stream):
        if obj.get("/Subtype") == "/Image":
            return ""
        try:
            raw = obj.read_bytes()
        except Exception:  # a filter pikepdf cannot undo (images, fonts in odd encodings)
            raw = b""
        parts.append(raw.decode("latin-1"))
        parts.append(_content_strings(raw))
        parts.extend(_strings(obj.stream_dict))
    else:
        parts.extend(_strings(obj))
    return normalise("\n".join(p for p in parts if p))


_LITERAL = re.compile(rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]+)>")


def _content_strings(raw: bytes) -> str:
    """The strings a content stream shows, joined: ``[(123-)4(5-6789)] TJ`` reads ``123-45-6789``."""
    out = []
    for m in _LITERAL.finditer(raw):
        s = m.group(0)[1:-1]
        s = re.sub(rb"\\([nrtbf()\\])", lambda g: {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"", b"f": b""}.get(g.group(1), g.group(1)), s)
        s = re.sub(rb"\\([0-7]{1,3})", lambda g: bytes([int(g.group(1), 8) & 0xFF]), s)
        out.append(s.decode("latin-1"))
    for m in _HEX.finditer(raw):
        digits = re.sub(rb"\s", b"", m.group(1))
        if len(digits) % 2 == 0 and len(digits) <= 4096:
            b = bytes.fromhex(digits.decode())
            out.append(b.decode("utf-16-be", "ignore") if b.startswith(b"\xfe\xff") else b.decode("latin-1"))
    return "".join(out)


def _strings(obj, depth: int = 0) -> Iterator[str]:
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
        for e in expected:
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
            for e in expected:
                if not e.word and not e.allowed.get(number) and e.pattern.search(text):
                    found.append(Survivor(e.rid, number, e.category, "by OCR of the redacted area"))
        checks.append(f"OCR of the redacted areas of {len(regions)} scanned pages")
    finally:
        pdf.close()
    return found


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
