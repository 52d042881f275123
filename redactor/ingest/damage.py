"""A PDF library's complaint about a damaged file, turned into one line a person can act on.

MuPDF, qpdf (through pikepdf) and pdfminer each raise their own errors when a
file's objects cannot be parsed, nest past their limits or form loops. Those
are facts about the input, not bugs: :func:`damage_of` says in plain words what
is wrong, and :func:`reading` turns such an error into :class:`BadInput` (exit
2) naming the file, what went wrong and what to do. Any other exception goes
through untouched, to be reported as the bug it is.

The words come from the kind of error, never from the library's message, which
could quote the document.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import pymupdf

from ..errors import BadInput, RedactorError

REMEDY = "open it in a PDF reader and save it again (or print it to a new PDF), then try again"

# MuPDF's error codes (fz_error_type) that describe the file, and what they mean for it
_MUPDF = {
    5: "nests objects too deeply, or is too large, for the PDF reader",
    6: "uses a feature the PDF reader does not support",
    7: "is damaged (its structure cannot be read)",
    8: "is damaged (a syntax error the PDF reader cannot get past)",
}
_MUPDF_CLASSES = {
    pymupdf.mupdf.FzErrorLimit: 5,
    pymupdf.mupdf.FzErrorUnsupported: 6,
    pymupdf.mupdf.FzErrorFormat: 7,
    pymupdf.mupdf.FzErrorSyntax: 8,
}
_MUPDF_TEXT = re.compile(r"^code=(\d+): ")  # errors PyMuPDF passes on as RuntimeError


def damage_of(exc: BaseException) -> str | None:
    """What is wrong with the file ("is damaged (...)"), when ``exc`` is a PDF library's
    complaint about it; else None."""
    for kind, code in _MUPDF_CLASSES.items():
        if isinstance(exc, kind):
            return _MUPDF[code]
    if isinstance(exc, RecursionError):  # a RuntimeError too: asked first
        return "nests objects too deeply to be read safely"
    if isinstance(exc, RuntimeError):
        m = _MUPDF_TEXT.match(str(exc))
        if m and int(m.group(1)) in _MUPDF:
            return _MUPDF[int(m.group(1))]
        if "stack overflow" in str(exc):
            return _MUPDF[5]
        return None
    import pikepdf  # here: only a file that failed pays for loading them
    from pdfminer.pdfexceptions import PDFException, PSException

    if isinstance(exc, pikepdf.PasswordError):
        return None
    if isinstance(exc, pikepdf.PdfError):
        if "loop detected" in str(exc).lower():
            return "is damaged (its page tree loops back on itself)"
        return "is damaged (qpdf cannot read its objects)"
    if isinstance(exc, (PDFException, PSException)):
        return "is damaged (pdfminer cannot read its objects)"
    if isinstance(exc, zlib.error):
        return "is damaged (a compressed part cannot be decompressed)"
    return None


@contextmanager
def reading(path: str, doing: str = "") -> Iterator[None]:
    """Turn a PDF library's complaint about ``path`` into BadInput; ``doing`` says when it came
    ("while writing the public copy"). Other exceptions go through as they are."""
    try:
        yield
    except RedactorError:
        raise
    except MemoryError:
        raise BadInput(
            path, "is too large to work on in the memory there is", "split it into smaller PDFs"
        ) from None
    except Exception as exc:
        what = damage_of(exc)
        if what is None:
            raise
        when = f" ({doing})" if doing else ""
        raise BadInput(path, f"{what}{when}", REMEDY) from exc


def with_readable_page_tree(path: str, raw: bytes, password: str | None = None) -> bytes:
    """``raw``, or, when its page tree loops back on itself (which MuPDF reads past but qpdf,
    and so verification, cannot), the same document saved by MuPDF with the tree rebuilt flat.

    Only the page tree is rebuilt: the pages, their order and everything else in
    the file stay as MuPDF read them. Raises BadInput when MuPDF cannot rebuild it.
    """
    import io

    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(raw), password=password or "") as pdf:
            len(pdf.pages)
        return raw
    except pikepdf.PasswordError:
        return raw  # qpdf does not take the password MuPDF took: verification will say so
    except pikepdf.PdfError as exc:
        if "loop detected" not in str(exc).lower():
            return raw  # other damage: the stages that meet it say what it is
    with reading(path, "while rebuilding its page tree"):
        doc = pymupdf.open(stream=raw, filetype="pdf")
        try:
            if doc.needs_pass:
                doc.authenticate(password or "")
            doc.select(list(range(doc.page_count)))
            return doc.tobytes()
        finally:
            doc.close()


def pages_qpdf_finds(raw: bytes, password: str | None = None) -> int:
    """How many pages qpdf finds in ``raw`` (0 when it finds none or cannot read it): for a
    file in which MuPDF finds none, whether they are there but hidden by damage."""
    import io

    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(raw), password=password or "") as pdf:
            return len(pdf.pages)
    except Exception:  # noqa: BLE001 - any failure means: no pages qpdf can show either
        return 0


def saved_whole(raw: bytes, password: str | None = None) -> bytes:
    """The document MuPDF reads in ``raw``, saved whole: objects it cannot read, or that
    nothing refers to, are left out (as opening and saving it again in a reader does)."""
    doc = pymupdf.open(stream=raw, filetype="pdf")
    try:
        if doc.needs_pass:
            doc.authenticate(password or "")
        return doc.tobytes(garbage=1)
    finally:
        doc.close()
