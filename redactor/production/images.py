"""Scanned images (TIFF, PNG, JPEG) made into PDF pages, so they are produced like any PDF.

Each frame of the image becomes one page, sized from the image's own resolution
(a 300 dpi letter scan becomes a letter page). The page carries no text layer:
ingest reads it by OCR, as it does any scanned page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pymupdf

from ..errors import BadInput

IMAGE_SUFFIXES = frozenset({".tif", ".tiff", ".png", ".jpg", ".jpeg"})
PDF_SUFFIXES = frozenset({".pdf"})
MAX_PAGE_POINTS = 14_400  # the PDF limit on a page side (200 inches)


def is_image(path: str | os.PathLike) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def is_input(path: str | os.PathLike) -> bool:
    """Whether a file is one a production takes: a PDF or a scanned image."""
    return Path(path).suffix.lower() in IMAGE_SUFFIXES | PDF_SUFFIXES


def _open_image(path: str | os.PathLike) -> pymupdf.Document:
    try:
        img = pymupdf.open(str(path))
    except Exception:
        raise BadInput(
            str(path), "cannot be read as an image", "it is damaged; scan or export it again"
        ) from None
    if img.is_pdf or img.page_count == 0:
        raise BadInput(str(path), "is not an image with pages", "give a TIFF, PNG or JPEG file")
    return img


def image_page_count(path: str | os.PathLike) -> int:
    """How many pages (frames) the image makes."""
    with _open_image(path) as img:
        return img.page_count


def image_to_pdf(path: str | os.PathLike) -> bytes:
    """The image as a PDF, one page a frame. Raises BadInput for an unreadable image."""
    with _open_image(path) as img:
        try:
            data = img.convert_to_pdf()
        except Exception:
            raise BadInput(
                str(path),
                "cannot be converted to PDF pages",
                "it is damaged; scan or export it again",
            ) from None
    with pymupdf.open("pdf", data) as pdf:
        for page in pdf:
            if max(page.rect.width, page.rect.height) > MAX_PAGE_POINTS:
                raise BadInput(
                    str(path),
                    "has no usable resolution (its page would be over 200 inches)",
                    "save it again with its dpi set",
                )
    return data
