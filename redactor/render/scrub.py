"""Every hiding place other than the drawn page, emptied.

Form fields are flattened with their planned values masked; comments (and
their pop-ups, file attachments and unapplied redaction marks) are deleted,
the marks becoming real redactions; metadata keeps only a title free of
planned values and says the producer is redactor; XMP, attachments,
JavaScript, open actions, thumbnails and tags go; bookmarks are rebuilt with
planned values masked; hidden layers were burned like any hidden text and
the layer definitions are dropped; page labels go when they hold a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pymupdf

from ..plan import Plan
from ..plan.forms import fold, term_key, term_pattern

MASK = "REDACTED"
PRODUCER = "redactor"


@dataclass(frozen=True)
class Masker:
    """Replaces every planned value (in all its forms) in a piece of text.

    A value's pattern is made only for a text that could hold it. In a text of
    plain ASCII that is one whose letters and digits, lower-cased, contain the
    value's (its digits alone, for a number the pattern reads with any
    separators): the pattern could not match anywhere else, so skipping it
    changes nothing. Any other text is tried with every pattern.
    """

    terms: tuple[str, ...]  # longest first

    @classmethod
    def from_plan(cls, plan: Plan) -> Masker:
        terms = {t for r in plan.redactions for t in r.terms if len(t) >= 3}
        return cls(tuple(sorted(terms, key=lambda t: (-len(t), t))))

    def _patterns(self, text: str) -> list[re.Pattern[str]]:
        if not text:
            return []
        if not text.isascii():
            return [term_pattern(t) for t in self.terms]
        folded = fold(text)
        return [term_pattern(t) for t in self.terms if term_key(t) in folded]

    def __call__(self, text: str) -> str:
        for p in self._patterns(text):
            text = p.sub(MASK, text)
        return text

    def hits(self, text: str) -> bool:
        return any(p.search(text) for p in self._patterns(text))


def flatten_forms(pdf: pymupdf.Document, masker: Masker) -> None:
    """Write each field's value into the page (planned values masked), then drop the form."""
    any_widget = False
    for page in pdf:
        for widget in page.widgets():
            any_widget = True
            changed = False
            value = widget.field_value
            if isinstance(value, str) and value and masker.hits(value):
                widget.field_value = masker(value)
                changed = True
            options = widget.choice_values  # a list or combo box shows its options too
            if options and any(masker.hits(_option_text(o)) for o in options):
                widget.choice_values = [_masked_option(o, masker) for o in options]
                changed = True
            if changed:
                widget.update()
    if any_widget:
        pdf.bake(annots=False, widgets=True)
    root = pdf.pdf_catalog()
    if pdf.xref_get_key(root, "AcroForm")[0] != "null":
        pdf.xref_set_key(root, "AcroForm", "null")


def _option_text(option: object) -> str:
    """The words of a choice field's option: its text, or its export value and its text."""
    return " ".join(map(str, option)) if isinstance(option, list | tuple) else str(option)


def _masked_option(option: object, masker: Masker) -> object:
    if isinstance(option, list | tuple):
        return [masker(str(part)) for part in option]
    return masker(str(option))


def remove_annotations(
    pdf: pymupdf.Document, masker: Masker
) -> dict[int, list[tuple[float, float, float, float]]]:
    """Delete every comment; return the rectangles of unapplied redaction marks, by page index.

    Links are kept when they go somewhere inside the document or to an address
    holding no planned value; launch and script links are removed.
    """
    marks: dict[int, list[tuple[float, float, float, float]]] = {}
    for index, page in enumerate(pdf):
        for xref in [a.xref for a in page.annots()]:
            annot = page.load_annot(xref)
            if annot is None:
                continue
            if annot.type[0] == pymupdf.PDF_ANNOT_REDACT:
                r = annot.rect
                marks.setdefault(index, []).append((r.x0, r.y0, r.x1, r.y1))
            page.delete_annot(annot)
        for link in page.get_links():
            kind = link.get("kind")
            risky = kind in (pymupdf.LINK_LAUNCH, pymupdf.LINK_NAMED) or (
                kind in (pymupdf.LINK_URI, pymupdf.LINK_GOTOR)
                and masker.hits(str(link.get("uri") or link.get("file") or ""))
            )
            if risky:
                page.delete_link(link)
        _only_links_left(pdf, page)
    return marks


def _only_links_left(pdf: pymupdf.Document, page: pymupdf.Page) -> None:
    """The page's annotations are its remaining links and nothing else: an entry MuPDF could
    not load as an annotation (a damaged one, of no type) is dropped too."""
    if page.xref <= 0 or pdf.xref_get_key(page.xref, "Annots")[0] == "null":
        return  # a page held directly in the page tree has no object of its own to change
    links = [link["xref"] for link in page.get_links() if link.get("xref")]
    listed = " ".join(f"{xref} 0 R" for xref in links)
    pdf.xref_set_key(page.xref, "Annots", f"[{listed}]" if links else "null")


def empty_hiding_places(pdf: pymupdf.Document, masker: Masker, *, redacted: bool) -> None:
    """Every step of :data:`STEPS`, in order: each surface they name is emptied."""
    scrub = _Scrub(pdf, masker, redacted, title=masker((pdf.metadata or {}).get("title") or ""))
    for _, step in STEPS:
        step(scrub)


@dataclass(frozen=True)
class _Scrub:
    pdf: pymupdf.Document
    masker: Masker
    redacted: bool  # the plan has redactions: tags and alternate text describe the page as it was
    title: str  # the title with planned values masked, read before anything was emptied


def _mupdf_scrub(s: _Scrub) -> None:
    """MuPDF's own scrub: attachments, metadata, thumbnails, annotation replies. On a file whose
    cross-reference MuPDF's scrub will not walk ("bad xref"), the steps after it do the same
    work entry by entry, and verification proves each place empty either way."""
    try:
        _scrub_with_mupdf(s)
    except ValueError:
        pass
    s.pdf.del_xml_metadata()


def _scrub_with_mupdf(s: _Scrub) -> None:
    s.pdf.scrub(
        attached_files=True,
        clean_pages=False,
        embedded_files=True,
        hidden_text=False,
        javascript=False,  # both done next, in one look at each object
        metadata=True,
        redactions=False,
        redact_images=0,
        remove_links=False,
        reset_fields=False,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=False,
    )


def _scripts_and_xmp(s: _Scrub) -> None:
    _empty_scripts_and_xmp(s.pdf)


def _attachments(s: _Scrub) -> None:
    for name in s.pdf.embfile_names():
        s.pdf.embfile_del(name)


def _metadata(s: _Scrub) -> None:
    """The information dictionary emptied, then given a title free of planned values and the producer."""
    empty_info(s.pdf)
    s.pdf.set_metadata(
        {"title": s.title, "producer": PRODUCER} if s.title else {"producer": PRODUCER}
    )
    s.pdf.del_xml_metadata()


def empty_info(pdf: pymupdf.Document) -> None:
    """Every entry of the document information dictionary gone (``set_metadata`` keeps the ones it is not given)."""
    kind, value = pdf.xref_get_key(-1, "Info")
    if kind == "xref":
        pdf.update_object(int(value.split()[0]), "<<>>")
    elif kind != "null":
        pdf.xref_set_key(-1, "Info", "null")


def _bookmarks(s: _Scrub) -> None:
    _rebuild_bookmarks(s.pdf, s.masker)
    _drop_named_destinations(s.pdf, s.masker)


def _drop_named_destinations(pdf: pymupdf.Document, masker: Masker) -> None:
    """Named destinations go when a name holds a planned value (links to them then lead nowhere;
    bookmarks are rebuilt with page numbers and keep working)."""
    try:
        names = pdf.resolve_names()
    except Exception:  # a name tree MuPDF cannot read: it cannot be vouched for either
        names = {"": None}
    if not any(masker.hits(str(name)) for name in names) and "" not in names:
        return
    root = pdf.pdf_catalog()
    pdf.xref_set_key(root, "Dests", "null")
    kind, value = pdf.xref_get_key(root, "Names")
    if kind == "dict":
        pdf.xref_set_key(root, "Names/Dests", "null")
    elif kind == "xref":
        pdf.xref_set_key(int(value.split()[0]), "Dests", "null")


def _page_labels(s: _Scrub) -> None:
    _drop_page_labels(s.pdf, s.masker)


def _document_entries(s: _Scrub) -> None:
    """Open and document actions, layers, portfolios, private data; tags of a redacted file."""
    pdf, root = s.pdf, s.pdf.pdf_catalog()
    for key in (
        "OpenAction",
        "AA",
        "OCProperties",
        "Collection",
        "PieceInfo",
        "Threads",
        "SpiderInfo",
    ):
        pdf.xref_set_key(root, key, "null")
    if s.redacted:  # tags and alternate text describe the page as it was
        for key in ("StructTreeRoot", "MarkInfo"):
            pdf.xref_set_key(root, key, "null")
    kind, value = pdf.xref_get_key(root, "Names")
    for key in ("JavaScript", "EmbeddedFiles"):
        if kind == "dict":
            pdf.xref_set_key(root, f"Names/{key}", "null")
        elif kind == "xref":  # the name dictionary is an object of its own
            pdf.xref_set_key(int(value.split()[0]), key, "null")


def _page_entries(s: _Scrub) -> None:
    """Each page's actions, private data, metadata and thumbnail."""
    pdf = s.pdf
    for page in pdf:
        for key in ("AA", "PieceInfo", "Metadata", "Thumb"):
            if pdf.xref_get_key(page.xref, key)[0] != "null":
                pdf.xref_set_key(page.xref, key, "null")


# The surfaces (redactor.surfaces) each step empties, in the order the steps run. Forms,
# comments, hidden text and earlier revisions are dealt with by render_public itself
# (see redactor.render.PAGE_STEPS).
STEPS: tuple[tuple[tuple[str, ...], Callable[[_Scrub], None]], ...] = (
    (("attachment", "metadata"), _mupdf_scrub),
    (("javascript", "metadata"), _scripts_and_xmp),
    (("attachment",), _attachments),
    (("metadata",), _metadata),
    (("bookmark",), _bookmarks),
    (("structure",), _page_labels),
    (("javascript", "optional_content", "attachment", "structure"), _document_entries),
    (("javascript", "metadata"), _page_entries),
)


# Actions that run something, send something or open something: none stays in a public copy.
ACTIVE_ACTIONS = ("JavaScript", "Launch", "SubmitForm", "ImportData", "GoToE", "Rendition", "Movie", "Sound",
                  "RichMediaExecute", "Named")  # fmt: skip
_ACTIVE = re.compile("/(?:" + "|".join(ACTIVE_ACTIONS) + r"|JS|AA|Metadata)\b")


def _empty_scripts_and_xmp(pdf: pymupdf.Document) -> None:
    """Every script and action, wherever it lives, and every XMP stream, in one look at each object.

    An action object that runs something becomes null (what pointed to it then points
    to nothing); a dictionary's additional actions (``/AA``: triggers, all of them
    scripts) and its own active action (``/A``, ``/OpenAction``, a chained ``/Next``)
    are dropped; an XMP stream is emptied and a reference to one dropped. An object
    MuPDF cannot read is made null: what cannot be read cannot be vouched for. An
    object whose text names none of these is passed over after one look (MuPDF
    writes names out decoded, so a #-escaped name cannot hide).
    """
    for xref in range(1, pdf.xref_length()):
        try:
            source = pdf.xref_object(xref, compressed=True)
        except Exception:  # damaged beyond reading: nothing of it is kept
            pdf.update_object(xref, "null")
            continue
        if not source or not _ACTIVE.search(source):
            continue
        if _active_action(pdf, xref, ""):
            pdf.update_object(xref, "null")
            continue
        if pdf.xref_get_key(xref, "Type")[1] == "/Metadata":
            pdf.update_object(xref, "<<>>")
            pdf.update_stream(xref, b"deleted", new=True)
            continue
        for key in ("Metadata", "AA"):
            if pdf.xref_get_key(xref, key)[0] != "null":
                pdf.xref_set_key(xref, key, "null")
        for key in ("A", "OpenAction", "Next"):
            if pdf.xref_get_key(xref, key)[0] == "dict" and _active_action(pdf, xref, f"{key}/"):
                pdf.xref_set_key(xref, key, "null")


def _active_action(pdf: pymupdf.Document, xref: int, path: str) -> bool:
    """Whether the dictionary at ``path`` of object ``xref`` is an action that runs or sends something."""
    kind, value = pdf.xref_get_key(xref, f"{path}S")
    return kind == "name" and value.lstrip("/") in ACTIVE_ACTIONS


def _rebuild_bookmarks(pdf: pymupdf.Document, masker: Masker) -> None:
    toc = pdf.get_toc(simple=True)
    if not toc:
        return
    rebuilt = []
    for level, title, page in toc:
        rebuilt.append([level, masker(title), max(1, min(page, pdf.page_count))])
    pdf.set_toc([])
    pdf.set_toc(rebuilt)


def _drop_page_labels(pdf: pymupdf.Document, masker: Masker) -> None:
    labels = pdf.get_page_labels()
    if any(masker.hits(str(rule.get("prefix") or "")) for rule in labels):
        pdf.set_page_labels([])
