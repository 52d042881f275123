"""Fail closed: prove with readers the renderer does not share that nothing planned survives.

Every planned value, in every spelling of :func:`redactor.plan.forms.term_forms`, is
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
* in every other surface of the output, read by :mod:`redactor.ingest.surfaces`;
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

import io
import re
from dataclasses import dataclass, field

import pikepdf
import pymupdf

from ..errors import VerificationFailed
from ..ingest.ocr import foreign_output, ocr_dpi
from ..model import Box, Document, mostly_under
from ..plan import Plan
from ..plan.forms import fold, is_word_form, term_pattern, whole_forms
from .fidelity import Kept, lost_characters
from .readers import normalise
from .readers.content import _content_text, _Fonts, _resources
from .readers.objects import (
    CATALOG_LEFTOVERS,
    COMMENT_SURFACE,
    NAME_TREE_LEFTOVERS,
    _leftovers,
    _object_text,
    _orphans,
    _roles,
)
from .readers.pagetext import PageRead, _font_digests, _page_texts

# How the output is proven clean of each surface (redactor.surfaces). Every surface is also
# read again by the surface reader and searched for every planned value.
SURFACE_CHECKS: dict[str, str] = {
    **{
        surface: f"the catalog holds no {key[1:]}"
        for surface, key, _ in CATALOG_LEFTOVERS + NAME_TREE_LEFTOVERS
    },
    COMMENT_SURFACE: "no comment on any page",
    "incremental_update": "one revision, no orphaned object",
    "bookmark": "bookmark titles read again: no planned value",
    "structure": "alternate text and page labels read again: no planned value",
    "hidden_text": "page text read by pdfminer: no planned value beyond what the input shows",
}


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


class UnreadableOutput(VerificationFailed):
    """The readers verification relies on cannot read the public copy: nothing can be proven of it."""


@dataclass(frozen=True)
class Survivor:
    rid: str
    page: int | None
    category: str
    where: str
    at: tuple[float, float] | None = None  # how far down and across the page (0..1), when known

    def describe(self) -> str:
        """Which plan entry, where: enough for a person to act, never the value."""
        place = f"page {self.page}" if self.page else "the document"
        spot = ""
        if self.at is not None:
            down, across = self.at
            spot = f", about {down:.0%} down and {across:.0%} across the page"
        remedy = ""
        if self.rid.startswith("R-"):
            remedy = "; box it in the plan and apply the plan again, or remove the entry"
        return f"{place}: {self.category} ({self.rid}) can still be read {self.where}{spot}{remedy}"


# -- all spellings at once -------------------------------------------------------------

_SPACING = re.compile(
    r"\(\?<!\\d\)|\(\?!\\d\)|\(\?<!\[\\w\]\)|\(\?!\[\\w\]\)|\[ \\t\\-\./\(\)\]\{0,2\}|\\s\+"
)
_META = set(".^$*+?{}[]()|")


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
    return "" if escaped else fold("".join(out))


def _candidates(expected: list[Expectation], text: str) -> list[Expectation]:
    """The spellings that may occur in ``text``: the others' letters and digits are not in it."""
    folded = fold(text)
    return [e for e in expected if not e.key or e.key in folded]


def expectations(doc: Document, plan: Plan) -> list[Expectation]:
    """What verification looks for: every form of every planned value, with its allowed count."""
    planned: dict[int, list[Box]] = {}
    for r in plan.redactions:
        if r.page is not None and r.surface == "page":
            planned.setdefault(r.page, []).extend(r.boxes)
    folded = {page.number: fold(page.text.text) for page in doc.pages}
    patterns: dict[str, re.Pattern[str]] = {}
    uses: dict[
        tuple[str, int], dict[int, int]
    ] = {}  # pattern -> page -> uses outside every redaction
    out = []
    for r in plan.redactions:
        searched = not r.boxes  # terms without boxes: every occurrence is redacted
        whole = whole_forms(r.category, r.terms)
        for term in r.terms:
            if len(term) < 3:
                continue
            word = is_word_form(r.category, term) and len(r.terms) > 1
            if term not in patterns:
                patterns[term] = term_pattern(term)
            exp = Expectation(r.id, r.page, r.category, patterns[term], word)
            if not (searched and term in whole):
                # a value planned more than once, or spelled two ways one pattern finds, is counted once
                spelling = (exp.pattern.pattern, exp.pattern.flags)
                if spelling not in uses:
                    uses[spelling] = _uses(doc, exp, folded, planned)
                exp.allowed.update(uses[spelling])
            out.append(exp)
    return out


def _uses(
    doc: Document, exp: Expectation, folded: dict[int, str], planned: dict[int, list[Box]]
) -> dict[int, int]:
    """Page -> how often the input shows ``exp``'s spelling outside every redaction (pages with none left out)."""
    out = {}
    for page in doc.pages:
        if exp.key and exp.key not in folded[page.number]:
            continue
        n = _uncovered(page.text, exp.pattern, planned.get(page.number, []))
        if n:
            out[page.number] = n
    return out


def _uncovered(text, pattern: re.Pattern[str], boxes: list[Box]) -> int:
    n = 0
    for m in pattern.finditer(text.text):
        spans = text.boxes_for(m.start(), m.end())
        if not spans or not all(mostly_under(b, boxes) for b in spans):
            n += 1
    return n


def verify(
    path: str,
    expected: list[Expectation],
    *,
    ocr_regions: dict[int, list[Box]] | None = None,
    page_text: list[str] | None = None,
    kept: Kept | None = None,
    moved: dict | None = None,
) -> list[str]:
    """Check the output file at ``path``; return what was checked, or raise VerificationFailed.

    ``page_text``, when given, receives the text of each page as the verifying
    reader (pdfminer) read it from the output, one string a page. ``kept``, when
    given, is what the input shows outside the boxes the renderer cut
    (:func:`redactor.verify.fidelity.kept_characters`): each of those characters
    must still be in its place (``moved``: pages a finishing step moved on purpose).
    """
    with open(path, "rb") as fh:
        data = fh.read()
    checks: list[str] = []
    survivors: list[Survivor] = []
    reads: list[PageRead] | None = [] if kept is not None else None
    try:
        with pikepdf.open(io.BytesIO(data), inherit_page_attributes=False) as pdf:
            # listed once, for every pass that reads them all (a number or a name stored as an
            # object of its own comes back as a plain value: nothing to read in it)
            objects = [o for o in pdf.objects if isinstance(o, pikepdf.Object)]
            digests = _font_digests(pdf, objects)
            survivors += _page_text(
                data, expected, checks, digests, page_text, reads, set(ocr_regions or {})
            )
            survivors += _raw_objects(pdf, objects, data, expected, checks)
        survivors += _surfaces(data, path, expected, checks)
        survivors += _ocr(data, expected, ocr_regions or {}, checks)
    except VerificationFailed:
        raise
    except Exception as exc:  # a reader cannot read what was written: nothing can be proven of it
        raise UnreadableOutput(
            f"verification failed, nothing was released: the public copy could not be read back by the "
            f"verifying readers ({type(exc).__name__})"
        ) from None
    if survivors:
        first = survivors[0].describe()
        more = f" (and {len(survivors) - 1} more)" if len(survivors) > 1 else ""
        raise VerificationFailed(f"verification failed, nothing was released: {first}{more}")
    if kept is not None:
        lost = lost_characters(kept, reads or [], moved or {})
        if lost:
            more = (
                f" (and {len(lost) - 1} more page{'s' if len(lost) > 2 else ''})"
                if len(lost) > 1
                else ""
            )
            raise VerificationFailed(
                f"verification failed, nothing was released: {lost[0].describe()}{more}"
            )
        checks.append(
            f"every one of {kept.count} characters outside the planned boxes still in its place (pdfminer)"
        )
    return checks


# -- page text, read by pdfminer ------------------------------------------------------


def _page_text(
    data: bytes,
    expected: list[Expectation],
    checks: list[str],
    digests: dict[int, bytes],
    plain: list[str] | None = None,
    reads: list[PageRead] | None = None,
    relayered: set[int] | None = None,
) -> list[Survivor]:
    """Every spelling counted in each page's text; more than the input shows in the open is a survivor.

    On a page whose text is a new OCR layer (``relayered``) a single word of a name
    is not counted: two readings of two different images never count a common word
    alike, and the redacted areas of such a page are read again by OCR instead.
    """
    found = []
    pages = 0
    for read in _page_texts(data, digests, plain):
        number, texts = read.number, read.texts
        if reads is not None:
            reads.append(read)
        pages = number
        for e in _candidates(expected, "\n".join(texts)):
            if e.word and relayered and number in relayered:
                continue
            count = max(len(e.pattern.findall(t)) for t in texts)
            if count > e.allowed.get(number, 0):
                where = "in the page text (pdfminer)"
                found.append(Survivor(e.rid, number, e.category, where, _locate(read, e.pattern)))
    checks.append(f"page text of {pages} pages read by pdfminer: {len(expected)} spellings counted")
    return found


def _locate(read: PageRead, pattern: re.Pattern[str]) -> tuple[float, float] | None:
    """How far down and across the page (0..1) the first match of ``pattern`` lies, in drawing order."""
    chars, spots = [], []
    last = None
    for ch in read.chars:
        if last is not None and abs(ch[1] - last[0]) + abs(ch[2] - last[1]) > 0.15 * max(
            abs(ch[5]), 1.0
        ):
            chars.append(" ")
            spots.append((ch[1], ch[2]))
        for piece in normalise(ch[0]):
            chars.append(piece)
            spots.append((ch[1], ch[2]))
        last = (ch[3], ch[4])
    m = pattern.search("".join(chars))
    if not m or not read.size[0] or not read.size[1]:
        return None
    x, y = spots[m.start()]
    width, height = read.size
    return min(max(1 - y / height, 0.0), 1.0), min(max(x / width, 0.0), 1.0)


# -- raw scan of every object, read by pikepdf ----------------------------------------


def _raw_objects(
    pdf: pikepdf.Pdf, objects: list, data: bytes, expected: list[Expectation], checks: list[str]
) -> list[Survivor]:
    strict = [e for e in expected if not e.word and e.absent_in_input]
    found: list[Survivor] = []

    def scan(text: str, page: int | None, where: str) -> None:
        text = normalise(text)
        for e in _candidates(strict, text):
            if e.pattern.search(text):
                found.append(
                    Survivor(e.rid, page if page is not None else e.page, e.category, where)
                )

    roles = _roles(pdf, objects)
    fonts = _Fonts(pdf, objects)
    for number, page in enumerate(pdf.pages, 1):
        scan(
            _content_text(page.obj, _resources(page.obj), fonts),
            number,
            f"in the content of page {number} (raw scan)",
        )
    for obj in objects:
        text = _object_text(obj, roles.get(obj.objgen, ""), fonts)
        if text:
            scan(text, None, f"in PDF object {obj.objgen[0]} (raw scan)")
    checks.append(
        f"raw scan of the text of {len(objects)} objects and {len(pdf.pages)} pages' content: {len(strict)} spellings"
    )
    orphans = _orphans(pdf, objects)
    if orphans:
        found.append(
            Survivor("-", None, "structure", f"in {orphans} orphaned objects (old content)")
        )
    checks.append("no orphaned objects")
    for what in _leftovers(pdf):
        found.append(Survivor("-", None, "structure", f"in {what}"))
    checks.append("no forms, attachments, scripts, open actions, layers or comments")
    if data.count(b"%%EOF") != 1:
        found.append(Survivor("-", None, "structure", "in an earlier revision (incremental save)"))
    checks.append("written whole: one revision")
    return found


def _surfaces(
    data: bytes, path: str, expected: list[Expectation], checks: list[str]
) -> list[Survivor]:
    try:
        from ..ingest.surfaces import read_surfaces
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
                found.append(
                    Survivor(
                        e.rid,
                        s.page or e.page,
                        e.category,
                        f"in the {s.surface.replace('_', ' ')} ({s.where})",
                    )
                )
    checks.append(
        f"{len(surfaces)} other surfaces (metadata, comments, fields, bookmarks, attachments, layers)"
    )
    return found


def _ocr(
    data: bytes, expected: list[Expectation], regions: dict[int, list[Box]], checks: list[str]
) -> list[Survivor]:
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
            clip = (
                pymupdf.Rect(page.rect * page.derotation_matrix)
                if not boxes
                else pymupdf.Rect(_union(boxes))
            )
            clip = (clip + (-36, -12, 36, 12)) & pymupdf.Rect(page.rect * page.derotation_matrix)
            pix = page.get_pixmap(
                dpi=ocr_dpi(clip), clip=clip * page.rotation_matrix, colorspace=pymupdf.csGRAY
            )
            with foreign_output("tesseract"):
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
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
