"""A damaged file as qpdf writes it back: the same objects and pages, its structure made sound.

Some files MuPDF reads (it recovers what it can) trip other readers: a cross-reference
stream inside an object stream, a page tree with a cycle, a trailer that names no
root. qpdf reads them the way MuPDF does and writes them back whole: the
cross-reference rebuilt, the page tree made a tree, the file decrypted. The
content of every page is left byte for byte as it was, so the words and their
places do not change.
"""

from __future__ import annotations

import io

import pikepdf


def rewritten(raw: bytes, password: str | None = None) -> bytes | None:
    """``raw`` written back whole by qpdf (decrypted), or None when qpdf cannot read it either."""
    try:
        with pikepdf.open(
            io.BytesIO(raw), password=password or "", inherit_page_attributes=False
        ) as pdf:
            out = io.BytesIO()
            pdf.save(out, encryption=False, deterministic_id=True)
            return out.getvalue()
    except Exception:  # qpdf cannot make a sound file of it
        return None
