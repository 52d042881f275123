"""Every place text hides in a PDF other than the drawn page.

``read_surfaces`` returns the text of each such place (metadata and XMP,
comments, form fields, bookmarks, attachments, JavaScript, hidden layers,
earlier revisions, alternate text) for detectors to scan, and the structural
Problems a filer must deal with before filing. Each part is read on its own:
a part that cannot be read becomes an ``unreadable_part`` Problem, never a
crash. Problem details name places and kinds, never the text found there.

Objects are read through PyMuPDF's xref interface and parsed by the small
reader of PDF object syntax in :mod:`redactor.ingest.pdfobjects`, so a hostile object
can only fail its part; earlier revisions are compared by :mod:`redactor.ingest.revisions`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pymupdf

from ..model import SEVERITY_FIX, SEVERITY_NOTE, Box, Problem, SurfaceText
from .pdfobjects import (
    MAX_TREE_NODES,
    Name,
    Ref,
    _is_text,
    _Objects,
    decode_text,
    parse_object,
)
from .revisions import (
    MAX_PAGES_COMPARED,
    _FinalPages,
    _fingerprint,
    _vanished,
    _words,
    revision_ends,
)

__all__ = ["Name", "Ref", "decode_text", "parse_object", "read_surfaces", "revision_ends"]

MAX_REVISIONS = 10  # earlier revisions whose text is recovered
MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024  # attachment contents read for text
MAX_ATTACHED_PDF_PAGES = 50

TEXT_EXTENSIONS = {"txt", "csv", "json", "xml", "html", "htm", "md", "eml", "rtf", "tsv", "log"}
MARKUP_EXTENSIONS = {"xml", "html", "htm"}
# A title is expected of a filing (PDF/A and accessibility ask for one): a note,
# unless detection finds something private in it (check then makes it a fix).
INFO_NOTE_KEYS = {
    "Title",
    "Producer",
    "Creator",
    "CreationDate",
    "ModDate",
    "Trapped",
    "SourceModified",
}
XMP_NOTE_FIELDS = {
    "xmp:CreatorTool", "xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate",
    "pdf:Producer", "pdf:PDFVersion", "pdf:Trapped", "dc:format",
    "xmpMM:DocumentID", "xmpMM:InstanceID", "xmpMM:VersionID", "xmpMM:OriginalDocumentID",
    "xmpMM:RenditionClass", "xmpTPg:NPages", "xmpGImg:format", "xmpGImg:width", "xmpGImg:height", "x:xmptk", "xmpMM:subject",
    "pdfx:SourceModified", "dc:title",
}  # fmt: skip
XMP_NOTE_PREFIXES = ("stEvt:", "stRef:", "pdfaid:", "pdfuaid:", "pdfaExtension:", "pdfaSchema:",
                     "pdfaProperty:", "pdfaType:", "pdfaField:")  # fmt: skip
XMP_SKIPPED_FIELDS = {"xmpGImg:image"}  # a base64 thumbnail, not text
RISKY_ACTIONS = {"JavaScript", "Launch", "SubmitForm", "ImportData", "GoToE", "Rendition"}
MEDIA_SUBTYPES = {"Sound", "Movie", "Screen", "RichMedia", "3D"}
PLAIN_SUBTYPES = {"Link", "Widget", "Popup"}
_SWEEP_PREFILTER = re.compile(
    rb"/ObjStm|/JS|/JavaScript|/Launch|/SubmitForm|/ImportData|/GoToE|/Rendition|/EF"
    rb"|/EmbeddedFile|/Alt|/ActualText|/XML"
)  # one pass over the file's bytes
_ESCAPED_NAME = re.compile(rb"/[^\s/<>\[\]()]*#[0-9A-Fa-f]{2}")
_SWEEP_KEYS = tuple(f"/S/{a}" for a in RISKY_ACTIONS) + (
    "/JS",
    "/EF",
    "/Alt",
    "/ActualText",
    "/Subtype/XML",
)


# ---------------------------------------------------------------- the reader


@dataclass(frozen=True)
class Part:
    """One part of the file the reader reads on its own (a failure there is that part's alone)."""

    label: str  # as a problem names it
    method: str  # the _Reader method that reads it
    surfaces: tuple[str, ...]  # the surfaces (redactor.surfaces) whose text it reads


PARTS: tuple[Part, ...] = (
    Part("the encryption dictionary", "read_encryption", ()),
    Part("the document information dictionary", "read_info", ("metadata",)),
    Part("the XMP metadata", "read_xmp", ("metadata",)),
    Part("the pages", "read_pages", ("annotation", "form_field", "javascript")),
    Part("the form (AcroForm)", "read_form", ("form_field",)),
    Part("the bookmarks", "read_outline", ("bookmark",)),
    Part("the named destinations", "read_named_destinations", ("bookmark",)),
    Part("the document-level entries", "read_catalog_places", ("javascript", "attachment")),
    Part(
        "the objects of the file",
        "read_objects",
        ("javascript", "attachment", "structure", "metadata"),
    ),
    Part("the optional content (layers)", "read_layers", ("optional_content",)),
    Part("the page labels", "read_page_labels", ("structure",)),
    Part("the earlier revisions", "read_revisions", ("incremental_update",)),
)


@dataclass(frozen=True)
class _Place:
    label: str
    page: int | None = None
    bbox: Box | None = None


def read_surfaces(
    pdf: pymupdf.Document, raw: bytes, path: str
) -> tuple[list[SurfaceText], list[Problem]]:
    """The text of every non-page surface of ``pdf`` and the structural problems found there.

    ``raw`` is the file's bytes, for the analysis of earlier revisions; ``path``
    only names the file. Never raises for a malformed part: that part is
    reported as ``unreadable_part``.
    """
    reader = _Reader(pdf, raw, path)
    reader.read_all()
    return reader.surfaces, reader.problems


class _Reader:
    def __init__(self, pdf: pymupdf.Document, raw: bytes, path: str):
        self.pdf, self.raw, self.path = pdf, raw, path
        self.surfaces: list[SurfaceText] = []
        self.problems: list[Problem] = []
        self.objs = _Objects(pdf)
        self.places: dict[int, _Place] = {}  # object -> where a person finds it
        self.page_of: dict[int, int] = {}  # page object -> page number
        self.fields_seen: set[int] = set()
        self.files_read: set[int] = set()  # embedded file streams already read
        self.handled: set[int] = set()  # ids of parsed dictionaries already reported
        self.quiet: set[str] = set()  # metadata surfaces that only name tools, dates or ids

    # -- plumbing

    def add(
        self, surface: str, where: str, text: Any, page: int | None = None, bbox: Box | None = None
    ) -> bool:
        text = text.strip() if isinstance(text, str) else ""
        if text:
            self.surfaces.append(SurfaceText(surface, where, text, page, bbox))
        return bool(text)

    def problem(
        self, kind: str, detail: str, severity: str = SEVERITY_FIX, place: _Place | None = None
    ) -> None:
        page, bbox = (place.page, place.bbox) if place else (None, None)
        self.problems.append(Problem(kind, detail, page, bbox, severity))

    def guarded(self, part: str, read: Callable[[], None], place: _Place | None = None) -> None:
        try:
            read()
        except Exception as exc:  # hostile input: any failure is this part's, reported, not raised
            self.problem(
                "unreadable_part",
                f"could not read {part} ({type(exc).__name__}); check it by hand",
                place=place,
            )

    def claim(self, value: Any, place: _Place, depth: int = 3) -> None:
        """Remember where the objects an entry points to are found (for scripts and files)."""
        if isinstance(value, Ref):
            if value.xref in self.places or depth <= 0:
                return
            self.places[value.xref] = place
            value = self.objs.resolve(value)
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in ("P", "Parent", "D", "Dest", "Pg"):
                    self.claim(
                        item, _Place(f"{place.label} /{key}", place.page, place.bbox), depth - 1
                    )
        elif isinstance(value, list):
            for item in value:
                self.claim(item, place, depth - 1)

    def entry(self, xref: int, key: str) -> Any:
        """One entry of an object, parsed, without parsing the rest of the object."""
        kind, value = self.pdf.xref_get_key(xref, key)
        return None if kind == "null" else parse_object(value)

    @property
    def catalog(self) -> dict:
        return self.objs.get(self.pdf.pdf_catalog())

    def read_all(self, revisions: bool = True) -> None:
        for part in PARTS:
            if revisions or part.method != "read_revisions":
                self.guarded(part.label, getattr(self, part.method))

    # -- encryption and metadata

    def read_encryption(self) -> None:
        method = (self.pdf.metadata or {}).get("encryption")
        if method or self.pdf.is_encrypted or self.pdf.xref_get_key(-1, "Encrypt")[0] != "null":
            how = f" ({method})" if method else ""
            self.problem(
                "encrypted",
                f"the file is encrypted{how}; CM/ECF rejects encrypted or password-protected files",
            )

    def read_info(self) -> None:
        kind, value = self.pdf.xref_get_key(-1, "Info")
        if kind == "null":
            return
        info = self.objs.dict(Ref(int(value.split()[0])) if kind == "xref" else parse_object(value))
        fields = [
            key
            for key, item in info.items()
            if self.add("metadata", f"Info /{key}", self.objs.text(item))
        ]
        self.metadata_problem(
            "document information", "Info /", fields, [f in INFO_NOTE_KEYS for f in fields]
        )

    def read_xmp(self) -> None:
        ref = self.catalog.get("Metadata")
        if isinstance(ref, Ref):
            self.places[ref.xref] = _Place("document XMP")
            self.read_xmp_packet(self.objs.text(ref), "XMP", "the XMP metadata")

    def read_xmp_packet(self, packet: str, where: str, label: str) -> None:
        fields = list(
            dict.fromkeys(
                name
                for name, text in _xmp_values(packet)
                if self.add("metadata", f"{where} {name}", text)
            )
        )
        quiet = [f in XMP_NOTE_FIELDS or f.startswith(XMP_NOTE_PREFIXES) for f in fields]
        self.metadata_problem(label, f"{where} ", fields, quiet)

    def metadata_problem(
        self, label: str, where: str, fields: list[str], quiet: list[bool]
    ) -> None:
        """One Problem for a metadata source: a fix when any field beyond tool, date and id fields holds text."""
        self.quiet.update(where + f for f, q in zip(fields, quiet, strict=True) if q)
        content = [f for f, q in zip(fields, quiet, strict=True) if not q]
        if content:
            rest = " (and tool, date or id fields)" if len(content) < len(fields) else ""
            self.problem("metadata", f"{label} holds {', '.join(content)}{rest}")
        elif fields:
            self.problem("metadata", f"{label} holds {', '.join(fields)}", SEVERITY_NOTE)

    # -- pages: annotations, links, form widgets, page actions, thumbnails

    def read_pages(self) -> None:
        thumbs, empty_fields, first_empty = 0, 0, None
        for pno in range(self.pdf.page_count):
            place = _Place(f"page {pno + 1}", pno + 1)
            try:
                xref = self.pdf.page_xref(pno)
                self.page_of[xref] = pno + 1
                self.places[xref] = place
                # single entries, not the whole page object: parsing every page in full is slow
                thumbs += self.pdf.xref_get_key(xref, "Thumb")[0] != "null"
                self.claim(self.entry(xref, "AA"), _Place(f"page {pno + 1} /AA", pno + 1))
                annots = self.entry(xref, "Annots")
                if annots is not None:
                    empty = self.read_annotations(pno, self.objs.list(annots))
                    empty_fields += empty
                    first_empty = first_empty or (place if empty else None)
            except Exception as exc:
                self.problem("unreadable_part", f"could not read the annotations of page {pno + 1} "
                             f"({type(exc).__name__}); check it by hand", place=place)  # fmt: skip
        if empty_fields:
            self.problem("form_field", f"{empty_fields} form field(s) without text: fillable form not flattened",
                         place=first_empty)  # fmt: skip
        if thumbs:
            self.problem("thumbnail", f"{thumbs} page(s) carry thumbnail images, which may show the page "
                         "as it was before redaction", SEVERITY_NOTE)  # fmt: skip

    def read_annotations(self, pno: int, refs: list) -> int:
        page = self.pdf.load_page(pno)
        boxes: dict[int, Any] = {}
        try:  # PyMuPDF's own boxes; an annotation it cannot load gets its /Rect transformed instead
            boxes.update((a.xref, a.rect) for a in page.annots())
            boxes.update((w.xref, w.rect) for w in page.widgets())
            boxes.update((link.get("xref", 0), link["from"]) for link in page.get_links())
        except Exception:
            pass
        empty_fields = 0
        for n, ref in enumerate(refs[:MAX_TREE_NODES], 1):
            try:
                empty_fields += self.read_annotation(page, n, ref, boxes)
            except Exception as exc:
                self.problem("unreadable_part", f"could not read annotation {n} of page {pno + 1} "
                             f"({type(exc).__name__}); check it by hand", place=_Place("", pno + 1))  # fmt: skip
        return empty_fields

    def read_annotation(self, page: pymupdf.Page, n: int, ref: Any, boxes: dict) -> int:
        """Read one annotation; 1 when it is a form field without text."""
        pno = page.number
        annot = self.objs.dict(ref)
        xref = ref.xref if isinstance(ref, Ref) else 0
        subtype = self.objs.name(annot.get("Subtype")) or "unknown"
        rect = _box(boxes[xref]) if xref in boxes else _transformed(annot.get("Rect"), page)
        place = _Place(f"page {pno + 1} {subtype} annotation {n}", pno + 1, rect)
        if xref:
            self.places.setdefault(xref, place)
        for key in ("A", "AA", "FS", "Sound", "Movie", "RichMediaContent"):
            self.claim(annot.get(key), _Place(f"{place.label} /{key}", place.page, place.bbox))
        if subtype == "Widget":
            return 0 if self.read_widget(annot, xref, place) else 1
        if subtype == "Link":
            uri = self.objs.text(self.objs.dict(annot.get("A")).get("URI"))
            if self.add("annotation", f"{place.label} URI", uri, place.page, place.bbox):
                self.problem(
                    "annotation", f"link on page {pno + 1} to a web address", SEVERITY_NOTE, place
                )
        else:
            self.read_markup(annot, subtype, place)
        return 0

    def read_markup(self, annot: dict, subtype: str, place: _Place) -> None:
        texts = [
            ("contents", annot.get("Contents")), ("author", annot.get("T")), ("subject", annot.get("Subj")),
            ("rich text", annot.get("RC")), ("overlay text", annot.get("OverlayText")),
        ]  # fmt: skip
        parts = []
        for what, value in texts:
            text = self.objs.text(value)
            if what == "rich text":
                text = _strip_markup(text)
            if self.add("annotation", f"{place.label} {what}", text, place.page, place.bbox):
                parts.append(what)
        popup = self.objs.dict(annot.get("Popup"))
        if subtype in MEDIA_SUBTYPES:
            self.problem("media", f"{subtype} annotation on page {place.page}: audio, video or 3D content, "
                         "which CM/ECF rejects", place=place)  # fmt: skip
        if parts:
            with_popup = " with a pop-up note" if popup else ""
            self.problem("annotation", f"{subtype} annotation on page {place.page}{with_popup} "
                         f"carries text ({', '.join(parts)})", place=place)  # fmt: skip
        elif subtype == "Redact":
            self.problem("annotation", f"redaction mark on page {place.page} was never applied: "
                         "the text under it is still there", place=place)  # fmt: skip
        elif subtype not in PLAIN_SUBTYPES | MEDIA_SUBTYPES:
            self.problem(
                "annotation", f"{subtype} annotation on page {place.page}", SEVERITY_NOTE, place
            )

    def read_widget(self, annot: dict, xref: int, place: _Place) -> bool:
        """Read one form widget and its field; True when the field holds text."""
        names, field, node, node_xref = [], {}, annot, xref
        for _ in range(32):  # a widget inherits name, type, value and tooltip from its parents
            if "T" in node:
                names.append(self.objs.text(node["T"]))
            for key in ("FT", "V", "TU", "TM"):
                if key not in field and key in node:
                    field[key] = node[key]
                    field[key + "@"] = node_xref
            parent = node.get("Parent")
            if not isinstance(parent, Ref):
                break
            self.claim(
                self.objs.dict(parent).get("AA"),
                _Place(f"{place.label} /AA", place.page, place.bbox),
            )
            node, node_xref = self.objs.dict(parent), parent.xref
        value, holder = field.get("V"), field.get("V@", 0)
        values = (
            [self.objs.text(v) for v in self.objs.list(value)]
            if not isinstance(value, Ref)
            else [self.objs.text(value)]
        )
        value_text = "\n".join(v for v in values if v)
        label = f"{place.label} form field"
        if holder not in self.fields_seen:
            self.add(
                "form_field",
                f"{label} name",
                ".".join(reversed([n for n in names if n])),
                place.page,
                place.bbox,
            )
            self.add(
                "form_field",
                f"{label} tooltip",
                self.objs.text(field.get("TU")),
                place.page,
                place.bbox,
            )
            if not self.add("form_field", f"{label} value", value_text, place.page, place.bbox):
                return False
            self.fields_seen.add(holder)
        elif not value_text:
            return False
        kind = {"Tx": "text", "Ch": "choice", "Btn": "button", "Sig": "signature"}.get(
            self.objs.name(field.get("FT")), "form"
        )
        self.problem("form_field", f"filled {kind} field on page {place.page}: fillable form not flattened",
                     place=place)  # fmt: skip
        return True

    def read_form(self) -> None:
        form = self.objs.dict(self.catalog.get("AcroForm"))
        self.claim(form.get("XFA"), _Place("XFA form"))
        xfa = self.objs.resolve(form.get("XFA"))
        if xfa is not None:
            packets = self.objs.list(xfa)
            streams = [p for p in packets if isinstance(p, Ref)] or (
                [form["XFA"]] if isinstance(form["XFA"], Ref) else []
            )
            for k, ref in enumerate(streams, 1):
                self.add("form_field", f"XFA form packet {k}", _strip_markup(self.objs.text(ref)))
            self.problem(
                "form_field",
                "the file holds an XFA form, which CM/ECF rejects; print it to a flat PDF",
            )
        stack, seen, hidden = list(self.objs.list(form.get("Fields"))), set(), 0
        while (
            stack and len(seen) < MAX_TREE_NODES
        ):  # fields whose widgets are on no page keep their values
            ref = stack.pop()
            if not isinstance(ref, Ref) or ref.xref in seen:
                continue
            seen.add(ref.xref)
            node = self.objs.dict(ref)
            stack.extend(self.objs.list(node.get("Kids")))
            if "V" in node and ref.xref not in self.fields_seen and ref.xref not in self.places:
                if self.add(
                    "form_field",
                    f"form field (object {ref.xref}) value on no page",
                    self.objs.text(node["V"]),
                ):
                    hidden += 1
        if hidden:
            self.problem(
                "form_field",
                f"{hidden} form field value(s) belong to no page: not shown, still in the file",
            )

    # -- bookmarks, names, document-level places

    def read_outline(self) -> None:
        outlines = self.objs.dict(self.catalog.get("Outlines"))
        stack: list[tuple[Any, str]] = [(outlines.get("First"), "")]
        seen: set[int] = set()
        while stack and len(seen) < MAX_TREE_NODES:
            ref, prefix = stack.pop()
            index = 1
            while isinstance(ref, Ref) and ref.xref not in seen and len(seen) < MAX_TREE_NODES:
                seen.add(ref.xref)
                item = self.objs.dict(ref)
                path = f"{prefix}{index}"
                place = _Place(f"bookmark {path}")
                self.places.setdefault(ref.xref, place)
                self.claim(item.get("A"), _Place(f"{place.label} /A"))
                self.add("bookmark", f"bookmark {path}", self.objs.text(item.get("Title")))
                if isinstance(item.get("First"), Ref):
                    stack.append((item["First"], path + "."))
                ref, index = item.get("Next"), index + 1
        if seen:
            self.problem("bookmark", f"{len(seen)} bookmark(s): their titles are not removed by redacting pages",
                         SEVERITY_NOTE)  # fmt: skip

    def read_named_destinations(self) -> None:
        names = [
            key
            for key, _, _ in self.objs.tree(
                self.objs.dict(self.catalog.get("Names")).get("Dests"), "Names"
            )
        ]
        names += list(self.objs.dict(self.catalog.get("Dests")))
        self.add(
            "bookmark", "named destinations", "\n".join(n for n in names if isinstance(n, str))
        )

    def read_catalog_places(self) -> None:
        catalog = self.catalog
        self.places[self.pdf.pdf_catalog()] = _Place("document catalog")
        names = self.objs.dict(catalog.get("Names"))
        for tree, label in (
            ("JavaScript", "document-level JavaScript"),
            ("EmbeddedFiles", "document attachment"),
        ):
            for n, (_, value, node) in enumerate(self.objs.tree(names.get(tree), "Names"), 1):
                place = _Place(f"{label} {n}")
                if node:
                    self.places.setdefault(node, _Place(label))
                if isinstance(value, Ref):
                    self.claim(value, place)
                elif isinstance(value, dict) and tree == "JavaScript":
                    self.handled.add(id(value))
                    self.read_action(value, self.objs.name(value.get("S")), place)
                elif isinstance(value, dict):
                    self.handled.add(id(value))
                    self.read_file_spec(value, place)
        self.claim(catalog.get("OpenAction"), _Place("document open action"))
        self.claim(catalog.get("AA"), _Place("document actions /AA"))
        opener = self.objs.resolve(catalog.get("OpenAction"))
        if isinstance(opener, list) or (
            isinstance(opener, dict) and self.objs.name(opener.get("S")) in ("GoTo", "")
        ):
            self.problem(
                "javascript",
                "the file has an open action (it jumps to a page when opened)",
                SEVERITY_NOTE,
            )

    # -- one pass over every object: scripts and risky actions, attachments, alternate text

    def read_objects(self) -> None:
        embedded: list[int] = []
        unreadable: list[int] = []
        alt_texts = 0
        for xref in range(1, self.objs.count if self.may_hold_active_parts() else 1):
            try:
                source = self.pdf.xref_object(xref, compressed=True)
                if "/Type/EmbeddedFile" in source:
                    embedded.append(xref)
                if not any(k in source for k in _SWEEP_KEYS):
                    continue
                obj = self.objs.get(xref)
                where = self.places.get(xref, _Place(f"object {xref}"))
                for path, d in _dicts(obj):
                    if id(d) in self.handled:
                        continue
                    action = self.objs.name(d.get("S"))
                    if action in RISKY_ACTIONS or "JS" in d:
                        self.read_action(
                            d, action, _Place(where.label + path, where.page, where.bbox)
                        )
                    if "EF" in d:
                        self.read_file_spec(d, where)
                    if "Alt" in d or "ActualText" in d or ("E" in d and _is_text(d.get("E"))):
                        alt_texts += self.read_alt_text(d, xref)
                if (
                    isinstance(obj, dict)
                    and self.objs.name(obj.get("Subtype")) == "XML"
                    and xref not in self.places
                ):
                    self.read_xmp_packet(
                        self.objs.text(Ref(xref)), f"XMP (object {xref})", f"XMP of object {xref}"
                    )
            except Exception:
                unreadable.append(xref)
        for xref in embedded:
            if xref not in self.files_read and xref not in unreadable:
                self.read_file_data(
                    xref, _Place(f"embedded file object {xref}, referenced by no file entry"), ""
                )
                self.problem(
                    "attachment", f"embedded file (object {xref}) that no attachment entry names"
                )
        if alt_texts:
            self.problem("structure", f"{alt_texts} alternate or replacement text(s) in the structure tree",
                         SEVERITY_NOTE)  # fmt: skip
        if unreadable:
            shown = ", ".join(map(str, unreadable[:10])) + (" ..." if len(unreadable) > 10 else "")
            self.problem(
                "unreadable_part",
                f"could not read {len(unreadable)} object(s) ({shown}); check the file by hand",
            )

    def may_hold_active_parts(self) -> bool:
        """False only when the file's bytes show that no object can hold what the sweep looks for.

        Object streams hide object text, and #-escaped names hide keys: either means a full sweep.
        """
        if not self.raw:
            return True
        return (
            _SWEEP_PREFILTER.search(self.raw) is not None
            or _ESCAPED_NAME.search(self.raw) is not None
        )

    def read_action(self, action: dict, kind: str, place: _Place) -> None:
        self.add(
            "javascript",
            f"{place.label} script",
            self.objs.text(action.get("JS")),
            place.page,
            place.bbox,
        )
        for key in ("F", "Win", "Unix", "Mac", "T", "URI"):
            target = self.objs.resolve(action.get(key))
            for value in target.values() if isinstance(target, dict) else [target]:
                self.add(
                    "javascript",
                    f"{place.label} {kind} target",
                    self.objs.text(value),
                    place.page,
                    place.bbox,
                )
        what = {
            "Launch": "an action that launches a program or opens a file",
            "SubmitForm": "an action that submits form data", "ImportData": "an action that imports data",
            "GoToE": "an action that opens an embedded file", "Rendition": "a media action",
        }.get(kind, "JavaScript")  # fmt: skip
        on_page = (
            f" (page {place.page})" if place.page and not place.label.startswith("page") else ""
        )
        self.problem(
            "javascript",
            f"{what} in {place.label}{on_page}; CM/ECF rejects active content",
            place=place,
        )

    def read_file_spec(self, spec: dict, where: _Place) -> None:
        streams = {v.xref for v in self.objs.dict(spec.get("EF")).values() if isinstance(v, Ref)}
        if streams and streams <= self.files_read:
            return
        self.files_read |= streams
        names = [self.objs.text(spec.get(k)) for k in ("UF", "F", "DOS", "Unix", "Mac")]
        name = next((n for n in names if n), "")
        self.add("attachment", f"{where.label} file name", "\n".join(dict.fromkeys(n for n in names if n)),
                 where.page, where.bbox)  # fmt: skip
        self.add(
            "attachment",
            f"{where.label} file description",
            self.objs.text(spec.get("Desc")),
            where.page,
            where.bbox,
        )
        for xref in sorted(streams):
            self.read_file_data(xref, where, name)
        on_page = (
            f" on page {where.page}" if where.page and not where.label.startswith("page") else ""
        )
        self.problem("attachment", f"embedded file in {where.label}{on_page}; CM/ECF rejects embedded files",
                     place=where)  # fmt: skip

    def read_file_data(self, xref: int, where: _Place, name: str) -> None:
        stream = self.objs.get(xref)
        params = self.objs.dict(stream.get("Params")) if isinstance(stream, dict) else {}
        declared = max(
            _number(params.get("Size")),
            _number(stream.get("DL")) if isinstance(stream, dict) else 0,
        )
        if declared > MAX_ATTACHMENT_BYTES:
            self.problem("attachment", f"embedded file in {where.label} is too large to read for text; open it by hand",
                         place=where)  # fmt: skip
            return
        data = (self.pdf.xref_stream(xref) or b"")[:MAX_ATTACHMENT_BYTES]
        if data.startswith(b"%PDF"):
            with pymupdf.open(stream=data, filetype="pdf") as inner:
                for pno in range(min(inner.page_count, MAX_ATTACHED_PDF_PAGES)):
                    self.add("attachment", f"{where.label} attached PDF page {pno + 1}", inner[pno].get_text(),
                             where.page, where.bbox)  # fmt: skip
            return
        self.add(
            "attachment",
            f"{where.label} file contents",
            _attachment_text(data, name),
            where.page,
            where.bbox,
        )

    def read_alt_text(self, element: dict, xref: int) -> int:
        page = self.page_of.get(element["Pg"].xref) if isinstance(element.get("Pg"), Ref) else None
        found = 0
        for key in ("Alt", "ActualText", "E"):
            found += self.add(
                "structure",
                f"structure element (object {xref}) /{key}",
                self.objs.text(element.get(key)),
                page,
            )
        return found

    # -- layers and labels

    def read_layers(self) -> None:
        props = self.objs.dict(self.catalog.get("OCProperties"))
        groups = [g for g in self.objs.list(props.get("OCGs")) if isinstance(g, Ref)]
        if not groups:
            return
        default = self.objs.dict(props.get("D"))
        off = {r.xref for r in self.objs.list(default.get("OFF")) if isinstance(r, Ref)}
        if self.objs.name(default.get("BaseState")) == "OFF":
            on = {r.xref for r in self.objs.list(default.get("ON")) if isinstance(r, Ref)}
            off |= {g.xref for g in groups} - on
        hidden = [g for g in groups if g.xref in off]
        for n, group in enumerate(groups, 1):
            state = "hidden" if group.xref in off else "shown"
            self.add(
                "optional_content",
                f"layer {n} ({state}) name",
                self.objs.text(self.objs.dict(group).get("Name")),
            )
        if hidden:
            self.problem("optional_content", f"{len(hidden)} of {len(groups)} layer(s) are hidden by default: "
                         "their content is in the file but not shown")  # fmt: skip
            self.read_hidden_layer_text([g.xref for g in groups])
        else:
            self.problem(
                "optional_content", f"{len(groups)} layer(s) (optional content)", SEVERITY_NOTE
            )

    def read_hidden_layer_text(self, groups: list[int]) -> None:
        """Words that only show with every layer on (PyMuPDF's text skips hidden layers)."""
        if not self.raw:
            return
        # Never ask self.pdf.needs_pass: after authentication it breaks decryption (PyMuPDF 2.0).
        copy = pymupdf.open(stream=self.raw, filetype="pdf")
        try:
            if copy.needs_pass:  # opened with a password: work on a decrypted copy
                copy.close()
                copy = pymupdf.open(
                    stream=self.pdf.tobytes(encryption=pymupdf.PDF_ENCRYPT_NONE), filetype="pdf"
                )
            copy.set_layer(
                -1, basestate="ON", on=groups, off=[]
            )  # takes effect once written and reopened
            all_on = copy.tobytes()
        finally:
            if not copy.is_closed:
                copy.close()
        with pymupdf.open(stream=all_on, filetype="pdf") as shown:
            for pno in range(min(self.pdf.page_count, MAX_PAGES_COMPARED)):
                visible = [text for text, _ in _words(self.pdf[pno])]
                for text, box in _vanished(_words(shown[pno]), visible):
                    self.add(
                        "optional_content", f"hidden layer text, page {pno + 1}", text, pno + 1, box
                    )

    def read_page_labels(self) -> None:
        for rule in self.pdf.get_page_labels():
            self.add(
                "structure",
                f"page label prefix from page {rule.get('startpage', 0) + 1}",
                rule.get("prefix"),
            )

    # -- earlier revisions

    def read_revisions(self) -> None:
        ends = revision_ends(self.raw)
        total = len(ends)
        if total <= 1:
            return
        compared = (
            f" (the first {MAX_REVISIONS} were compared)" if total - 1 > MAX_REVISIONS else ""
        )
        self.problem("incremental_update", f"the file holds {total} revisions (incremental updates){compared}: "
                     "what an update removed can be recovered from the earlier ones; save the file whole")  # fmt: skip
        final_texts = {s.text for s in self.surfaces}
        final = _FinalPages(self.pdf)
        for n, end in enumerate(ends[:-1][:MAX_REVISIONS], 1):
            label = f"revision {n} of {total}"
            self.guarded(
                label,
                lambda end=end, label=label: self.read_revision(end, label, final_texts, final),
            )

    def read_revision(
        self, end: int, label: str, final_texts: set[str], final: _FinalPages
    ) -> None:
        with pymupdf.open(stream=self.raw[:end], filetype="pdf") as old:
            if old.needs_pass and not old.authenticate(""):
                self.problem(
                    "incremental_update",
                    f"{label} needs a password: its text was not compared",
                    SEVERITY_NOTE,
                )
                return
            same_layout = (
                old.page_count == self.pdf.page_count
            )  # else a word may have moved to another page
            for pno in range(min(old.page_count, MAX_PAGES_COMPARED)):
                page = old[pno]
                if _fingerprint(page) == final.fingerprint(pno):
                    continue
                for text, box in _vanished(_words(page), final.words(pno)):
                    if same_layout or not set(text.split()) <= final.everywhere():
                        self.add(
                            "incremental_update", f"{label}, page {pno + 1}", text, pno + 1, box
                        )
            earlier = _Reader(old, b"", self.path)
            earlier.read_all(revisions=False)
            for s in earlier.surfaces:
                if s.text not in final_texts and s.where not in earlier.quiet:
                    self.add("incremental_update", f"{label}, {s.where}", s.text, s.page, s.bbox)


# ---------------------------------------------------------------- helpers


def _dicts(obj: Any, path: str = "", depth: int = 0) -> Iterator[tuple[str, dict]]:
    """Every dictionary directly inside an object (not through references), with its key path."""
    if depth > 12:
        return
    if isinstance(obj, dict):
        yield path, obj
        for key, value in obj.items():
            yield from _dicts(value, f"{path} /{key}", depth + 1)
    elif isinstance(obj, list):
        for value in obj:
            yield from _dicts(value, path, depth + 1)


def _number(value: Any) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _box(rect: Any) -> Box:
    return (float(rect[0]), float(rect[1]), float(rect[2]), float(rect[3]))


def _transformed(rect: Any, page: pymupdf.Page) -> Box | None:
    if not (
        isinstance(rect, list) and len(rect) == 4 and all(isinstance(v, int | float) for v in rect)
    ):
        return None
    r = (pymupdf.Rect(*rect) * page.transformation_matrix).normalize()
    return (r.x0, r.y0, r.x1, r.y1)


def _strip_markup(text: str) -> str:
    """The words of XML or HTML (rich text, XFA, web pages): tags dropped, entities resolved."""
    if "<" not in text and "&" not in text:
        return text
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]*>", " ", text))).strip()


def _attachment_text(data: bytes, name: str) -> str:
    """The text of an attachment that is text: by its extension, or because it reads as text."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    text = decode_text(data)
    sample = text[:65536]
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in sample) / max(1, len(sample))
    if extension not in TEXT_EXTENSIONS and printable < 0.95:
        return ""
    return _strip_markup(text) if extension in MARKUP_EXTENSIONS else text


_XMP_NS = re.compile(r"xmlns:([\w.-]+)\s*=\s*[\"']([^\"']*)[\"']")


def _xmp_values(packet: str) -> list[tuple[str, str]]:
    """(``prefix:Property``, text) for every value of an XMP packet, without the XML."""
    if not packet.strip():
        return []
    prefixes = {uri: prefix for prefix, uri in _XMP_NS.findall(packet)}
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    body = re.sub(r"<\?xpacket[^>]*\?>", "", packet).strip()
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return [("(unparsed packet)", _strip_markup(body))]

    def qualified(tag: str) -> str:
        uri, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        return f"{prefixes.get(uri, 'ns')}:{local}" if uri else local

    values: list[tuple[str, str]] = []

    def walk(el: ET.Element, prop: str) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        in_rdf = tag.startswith("{" + rdf)
        name = prop if in_rdf or tag.startswith("{adobe:ns:meta/") else qualified(tag)
        for attr, value in el.attrib.items():
            if not attr.startswith("{" + rdf) and not attr.startswith("{http://www.w3.org/XML"):
                values.append((qualified(attr), value))
        if el.text and el.text.strip() and name:
            values.append((name, el.text))
        for child in el:
            walk(child, name)

    walk(root, "")
    return [(name, text) for name, text in values if name not in XMP_SKIPPED_FIELDS]
