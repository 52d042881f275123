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
    merged), streams compressed. Page content is written as it stands: the pages
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
    data = pdf.tobytes(garbage=4, deflate=True, no_new_id=True)
    blank = f"<{_BLANK_ID}><{_BLANK_ID}>".encode()
    if data.count(blank) != 1:  # the identifier is written once, in the trailer
        raise RuntimeError("the file identifier could not be set")
    digest = hashlib.md5(data).hexdigest().encode()  # an identifier, not a security measure
    return data.replace(blank, b"<" + digest + b"><" + digest + b">")
