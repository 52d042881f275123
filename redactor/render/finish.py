"""Saving the public copy whole: no incremental update, no orphaned objects, no dates,
a file identifier made from the content, so the same plan gives the same bytes."""

from __future__ import annotations

import hashlib

import pymupdf

from .scrub import PRODUCER, empty_info

_BLANK_ID = "0" * 32
# The trailer entries a whole save writes (and those describing the cross-reference data itself).
_TRAILER_KEYS = {"Root", "Info", "ID", "Size", "Encrypt", "Prev", "XRefStm", "Type", "W", "Index", "Length",
                 "Filter", "DecodeParms"}  # fmt: skip


def save_whole(pdf: pymupdf.Document) -> bytes:
    """The document written whole, as bytes.

    Only objects reachable from the trailer are written (``garbage=4``, duplicates
    merged; where MuPDF cannot compare a damaged file's streams, ``garbage=3``),
    streams compressed. Page content is written as it stands: the pages
    with redactions were rewritten by the redaction itself, and MuPDF's content
    sanitiser (``clean``) would drop what it cannot parse from the others, text a
    reader shows included (verification compares every character outside the
    plan's boxes with the input). The information dictionary keeps only a title
    (if any) and the producer; XMP metadata is dropped. The file identifier is the
    MD5 of the file as written with a blank identifier, so the same input and plan
    give the same bytes on any machine.
    """
    title = (pdf.metadata or {}).get("title") or ""
    empty_info(pdf)
    pdf.set_metadata(
        {"title": title, "producer": PRODUCER} if title.strip() else {"producer": PRODUCER}
    )
    pdf.del_xml_metadata()
    pdf.xref_set_key(-1, "ID", f"[<{_BLANK_ID}><{_BLANK_ID}>]")
    # A writer's own trailer entries are not written: what only they refer to must not be
    # kept either (it would be left orphaned).
    for key in pdf.xref_get_keys(-1):
        if key not in _TRAILER_KEYS:
            pdf.xref_set_key(-1, key, "null")
    _recode_page_content(pdf)
    try:
        data = pdf.tobytes(garbage=4, deflate=True, no_new_id=True)
    except Exception:  # MuPDF cannot compare some damaged streams to merge duplicates: not merged
        data = pdf.tobytes(garbage=3, deflate=True, no_new_id=True)
    blank = f"<{_BLANK_ID}><{_BLANK_ID}>".encode()
    if data.count(blank) != 1:  # the identifier is written once, in the trailer
        raise RuntimeError("the file identifier could not be set")
    digest = hashlib.md5(data).hexdigest().encode()  # an identifier, not a security measure
    return data.replace(blank, b"<" + digest + b"><" + digest + b">")


def _recode_page_content(pdf: pymupdf.Document) -> None:
    """Page content in a filter other than Flate (LZW, ASCII85, run-length...) written again
    as MuPDF decodes it: the public copy holds what MuPDF shows, and another reader cannot
    decode a damaged stream differently."""
    for page in pdf:
        for xref in page.get_contents():
            if not 0 < xref < pdf.xref_length():  # a content reference to nothing
                continue
            kind, value = pdf.xref_get_key(xref, "Filter")
            if kind == "null" or value == "/FlateDecode":
                continue
            try:
                shown = pdf.xref_stream(xref) or b""
            except Exception:  # nothing MuPDF can decode: nothing it shows
                shown = b""
            pdf.update_stream(xref, shown)
