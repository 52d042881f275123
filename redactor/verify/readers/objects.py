"""The raw scan of every object of a file, read by pikepdf.

What each stream holds (text, drawn content, XML, or not text at all: font
programs, images, colour profiles, cross-reference data), the text of one
object by what it is, objects nothing refers to, and the parts a redacted file
must not keep (forms, attachments, scripts, open actions, layers, comments).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pikepdf

from .content import _content_text, _Fonts, _strings

_SKIPPED_KEYS = (
    "/FontFile",
    "/FontFile2",
    "/FontFile3",
    "/ToUnicode",
    "/CIDSet",
    "/CIDToGIDMap",
    "/DestOutputProfile",
)


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
            if (
                subtype == "/Image"
                or kind in ("/XRef", "/CMap")
                or (subtype is None and "/N" in d and kind is None)
            ):
                mark(obj, "skip")  # pixels, cross-reference data, character maps, colour profiles
            elif subtype == "/Form" or d.get("/PatternType") == 1 or kind == "/ObjStm":
                mark(
                    obj, "content"
                )  # strings only: an object stream's objects are scanned one by one too
            elif kind == "/Metadata" or subtype == "/XML":
                mark(obj, "xml")
        holder = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        if not _refers(holder):
            continue  # a stream is marked only where something names it: this one names nothing
        for item in _containers(holder):
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


def _refers(obj) -> bool:  # noqa: ANN001
    """Whether ``obj``, a dictionary or an array, names another object anywhere inside it (True when unsure).

    Every reference in it is written ``N G R`` when it is unparsed; reading
    that text is much cheaper than walking a long array of numbers (a font's
    widths) item by item.
    """
    if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
        return False
    try:
        return b" R" in obj.unparse(resolved=True)
    except Exception:  # an object qpdf cannot write back: walk it
        return True


def _containers(obj, depth: int = 0) -> Iterator:  # noqa: ANN001
    """``obj`` and the dictionaries and arrays written inside it (not those it refers to)."""
    if depth > 12 or not isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
        return
    yield obj
    for item in (v for _, v in obj.items()) if isinstance(obj, pikepdf.Dictionary) else iter(obj):
        if isinstance(item, (pikepdf.Dictionary, pikepdf.Array)) and not item.is_indirect:
            yield from _containers(item, depth + 1)


def _object_text(obj: pikepdf.Object, role: str, fonts: _Fonts) -> str:
    """The text one object holds, by what it is (see :func:`_roles`)."""
    if not isinstance(obj, pikepdf.Stream):
        return "" if _only_numbers(obj) else " ".join(_strings(obj))
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


def _only_numbers(obj: pikepdf.Object) -> bool:
    """An array that holds no string and no dictionary, however deep (a font's widths): it has no text.

    A string is unparsed as ``(...)`` or ``<...>``, a dictionary as ``<< ... >>``.
    """
    if not isinstance(obj, pikepdf.Array):
        return False
    try:
        text = obj.unparse(resolved=True)
    except Exception:  # an object qpdf cannot write back: read it item by item
        return False
    return b"(" not in text and b"<" not in text


_REFERENCE = re.compile(rb"(\d+) (\d+) R\b")


def _orphans(pdf: pikepdf.Pdf, objects: list) -> int:
    """Objects the file holds that nothing reachable from its trailer refers to.

    Reachability is read from each object's own text (``N G R``), so an object
    pikepdf hands back as a plain value (a number, a string) counts as reached
    like any other. The file must be opened with ``inherit_page_attributes=False``:
    otherwise pikepdf makes objects of its own (an inherited MediaBox pushed down
    to the pages) that the file does not hold.
    """
    seen: set[tuple[int, int]] = set()
    todo = [_unparsed(pdf.trailer)]
    while todo:
        for m in _REFERENCE.finditer(todo.pop()):
            ref = (int(m.group(1)), int(m.group(2)))
            if ref in seen:
                continue
            seen.add(ref)
            try:
                todo.append(_unparsed(pdf.get_object(ref)))
            except Exception:  # a reference to nothing
                continue
    present = {o.objgen for o in objects if o.objgen[0] > 0}
    return len(present - seen)


def _unparsed(obj) -> bytes:  # noqa: ANN001
    """The text of an object (a stream's dictionary), references unresolved; b"" for a plain value."""
    holder = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
    if not isinstance(holder, pikepdf.Object):
        return b""
    try:
        return holder.unparse(resolved=True)
    except Exception:  # an object qpdf cannot write back: it refers to nothing anyone can follow
        return b""


# What a redacted file must not keep, by the surface (redactor.surfaces) it belongs to:
# entries of the catalog, and of its name dictionary.
CATALOG_LEFTOVERS = (
    ("form_field", "/AcroForm", "a form"),
    ("javascript", "/OpenAction", "an open action"),
    ("javascript", "/AA", "a document action"),
    ("optional_content", "/OCProperties", "optional-content layers"),
    ("metadata", "/Metadata", "XMP metadata"),
)
NAME_TREE_LEFTOVERS = (
    ("javascript", "/JavaScript", "JavaScript"),
    ("attachment", "/EmbeddedFiles", "an attachment"),
)
COMMENT_SURFACE = "annotation"


def _leftovers(pdf: pikepdf.Pdf) -> list[str]:
    root = pdf.Root
    out = []
    for _, key, what in CATALOG_LEFTOVERS:
        if key in root:
            out.append(what)
    names = root.get("/Names")
    if names is not None:
        for _, key, what in NAME_TREE_LEFTOVERS:
            if key in names:
                out.append(what)
    for number, page in enumerate(pdf.pages, 1):
        for annot in page.obj.get("/Annots", []) or []:
            if annot.get("/Subtype") != "/Link":
                out.append(f"a comment on page {number}")
                break
    return out
