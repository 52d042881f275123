"""ingest: a PDF read into a Document, and every other place in it where text hides.

* :mod:`redactor.ingest.pages`: one pass over the file with PyMuPDF: per page,
  every character with its box, lines, words, the text detectors read, images;
  pages without a text layer are read by OCR;
* :mod:`redactor.ingest.surfaces`: metadata and XMP, comments, form fields,
  bookmarks, attachments, JavaScript, layers, earlier revisions, alternate text;
* :mod:`redactor.ingest.pdfobjects` and :mod:`redactor.ingest.revisions`: the
  small readers of PDF objects and of incremental updates they use.
"""

from .pages import MAX_BYTES, MAX_PAGES, is_encrypted, load, open_pdf
from .surfaces import read_surfaces, revision_ends

__all__ = [
    "MAX_BYTES",
    "MAX_PAGES",
    "is_encrypted",
    "load",
    "open_pdf",
    "read_surfaces",
    "revision_ends",
]
