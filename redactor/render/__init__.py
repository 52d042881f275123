"""Burn-in: apply a Plan to a PDF and produce the public copy, written whole.

The recipe, one line a step:

1. open a private copy of the input bytes (the input file is never touched);
2. turn every plan entry into boxes on its page (entries that carry only
   terms are searched for on the pages first, before anything changes);
3. flatten form fields with their planned values masked, delete comments,
   and make unapplied redaction marks real;
4. on each page: strip an old OCR layer under a scan, remove hidden text,
   then black out every box at once (text glyph by glyph, covered image
   pixels, covered vector art), write labels and FRCP 5.2 public forms, and
   give a scanned page a fresh OCR layer read from the redacted image;
5. empty every other hiding place (metadata, XMP, bookmarks, attachments,
   JavaScript, layers, thumbnails, page labels, tags);
6. hand the document to the caller's finishing step, if any (``batch`` stamps
   Bates numbers there, so the stamped file is the one verified);
7. save whole, without the old objects, with a fixed file identifier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf

from ..ingest.repair import rewritten
from ..model import Box, Document
from ..plan import Plan
from .burn import Cut, burn_page, cuts_for_plan
from .finish import save_whole
from .scrub import STEPS, Masker, empty_hiding_places, flatten_forms, remove_annotations
from .textlayer import rebuild_text_layer

__all__ = [
    "Cut",
    "Finish",
    "Finished",
    "PAGE_STEPS",
    "Rendered",
    "render_public",
    "open_copy",
    "surfaces_emptied",
]

# The surfaces render_public deals with itself; scrub.STEPS empties the others.
PAGE_STEPS = {
    "form_field": "flatten_forms: each field's value written into the page, planned values masked",
    "annotation": "remove_annotations: every comment deleted, unapplied redaction marks made real",
    "hidden_text": "burn_page: removed glyph by glyph, nothing painted",
    "incremental_update": "save_whole: written whole, unreachable objects dropped",
}


def surfaces_emptied() -> set[str]:
    """Every surface (redactor.surfaces) the public copy has emptied or cleaned."""
    return set(PAGE_STEPS) | {name for names, _ in STEPS for name in names}


def open_copy(raw: bytes, password: str | None = None) -> pymupdf.Document:
    """A private, writable copy of the input PDF, decrypted.

    A page held directly in the page tree (not an object of its own) cannot be
    changed entry by entry: such a file is opened as qpdf writes it back, each page
    an object, the same pages in the same order.
    """
    pdf = pymupdf.open(stream=raw, filetype="pdf")
    if pdf.needs_pass:
        pdf.authenticate(password or "")
    if any(pdf.page_xref(i) <= 0 for i in range(pdf.page_count)):
        sound = rewritten(raw, password)
        if sound is not None:
            copy = pymupdf.open(stream=sound, filetype="pdf")
            if copy.page_count == pdf.page_count:
                pdf.close()
                return copy
            copy.close()
    _name_page_tree(pdf)
    return pdf


def _name_page_tree(pdf: pymupdf.Document) -> None:
    """Give each page its /Type /Page and each node above it /Type /Pages where the file
    left them out: MuPDF reads such pages, other readers (pdfminer) see none, and the
    public copy must show every reader the pages it renders."""
    named: set[int] = set()
    for i in range(pdf.page_count):
        xref = pdf.page_xref(i)
        if xref <= 0:
            continue
        if pdf.xref_get_key(xref, "Type") != ("name", "/Page"):
            pdf.xref_set_key(xref, "Type", "/Page")
        parent = pdf.xref_get_key(xref, "Parent")
        while parent[0] == "xref":
            node = int(parent[1].split()[0])
            if node in named:
                break
            named.add(node)
            if pdf.xref_get_key(node, "Type") != ("name", "/Pages"):
                pdf.xref_set_key(node, "Type", "/Pages")
            parent = pdf.xref_get_key(node, "Parent")


@dataclass
class Finished:
    """What a finishing step returns when it moved pages' content on purpose: the document
    to save, and for each moved page (0-based) the transform from the redacted page's
    default user space to the finished page's (a Bates stamp shrinking a page above its band)."""

    pdf: pymupdf.Document
    moved: dict[int, tuple[float, float, float, float, float, float]] = field(default_factory=dict)


Finish = Callable[[pymupdf.Document], "pymupdf.Document | Finished"]


@dataclass
class Rendered:
    """What the renderer did, for verification to hold it to: the boxes it cut on each page
    (1-based, in the page's default user space), the pages whose OCR layer it replaced, and
    the pages a finishing step moved (1-based, with the transform)."""

    boxes: dict[int, list[Box]] = field(default_factory=dict)
    relayered: set[int] = field(default_factory=set)
    moved: dict[int, tuple[float, float, float, float, float, float]] = field(default_factory=dict)


def render_public(
    doc: Document,
    raw: bytes,
    plan: Plan,
    *,
    password: str | None = None,
    finish: Finish | None = None,
    record: Rendered | None = None,
) -> bytes:
    """Apply ``plan`` to the PDF bytes ``raw`` (read into ``doc``) and return the public copy.

    ``finish`` takes the redacted document and returns the one to save (itself
    or a new one made from it, or a :class:`Finished`). ``record``, when given,
    is filled with what was cut, for verification.
    """
    record = record if record is not None else Rendered()
    pdf = open_copy(raw, password)
    masker = Masker.from_plan(plan)
    cuts = cuts_for_plan(pdf, plan)
    flatten_forms(pdf, masker)
    for index, marks in remove_annotations(pdf, masker).items():
        cuts.setdefault(index, []).extend(Cut(box, "redact", "REDACTED") for box in marks)
    for index in range(pdf.page_count):
        page = pdf[index]
        info = doc.pages[index] if index < len(doc.pages) else None
        scanned = bool(info and (info.scanned or info.ocr))
        page_cuts = cuts.get(index, [])
        if page_cuts:
            to_user = ~page.transformation_matrix
            record.boxes[index + 1] = [tuple(pymupdf.Rect(c.box) * to_user) for c in page_cuts]
        if scanned:
            record.relayered.add(index + 1)
        burn_page(pdf, page, page_cuts, strip_invisible=scanned)
        if scanned:
            rebuild_text_layer(page)
    empty_hiding_places(pdf, masker, redacted=bool(plan.redactions))
    if finish is not None:
        finished = finish(pdf)
        if isinstance(finished, Finished):
            record.moved.update({i + 1: m for i, m in finished.moved.items()})
            finished = finished.pdf
        if finished is not pdf:
            pdf.close()
            pdf = finished
    try:
        return save_whole(pdf)
    finally:
        pdf.close()
