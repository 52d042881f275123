"""Split a PDF over a court's size limit into numbered parts, each under the limit.

Pages are kept in order and whole; a part holds as many pages as fit. A file
under the limit is returned unchanged (the very bytes), so a public copy stays
exactly what ``redact`` wrote.
"""

from __future__ import annotations

import pymupdf

from ..errors import RedactorError


class TooLarge(RedactorError):
    """One page alone is over the court's size limit."""

    code = "E013"


def split_pdf(data: bytes, limit: int, *, what: str) -> list[bytes]:
    """``data`` as one or more PDFs of at most ``limit`` bytes, pages in order."""
    if len(data) <= limit:
        return [data]
    src = pymupdf.open(stream=data, filetype="pdf")
    try:
        parts: list[bytes] = []
        start = 0
        while start < src.page_count:
            end, part = _largest_fit(src, start, limit)
            if part is None:
                size = len(_extract(src, start, start))
                raise TooLarge(
                    f"{what}: page {start + 1} alone is {size / 1e6:.1f} MB, over the court's limit of "
                    f"{limit / 1e6:g} MB; reduce the resolution of its images and run again"
                )
            parts.append(part)
            start = end + 1
        return parts
    finally:
        src.close()


def _largest_fit(src: pymupdf.Document, start: int, limit: int) -> tuple[int, bytes | None]:
    """The last page index ``end`` such that pages start..end fit, and that part's bytes
    (bisection: a few saves per part, not one per page)."""
    lo, hi = start, src.page_count - 1
    best: tuple[int, bytes | None] = (start, None)
    while lo <= hi:
        mid = (lo + hi) // 2
        data = _extract(src, start, mid)
        if len(data) <= limit:
            best, lo = (mid, data), mid + 1
        else:
            hi = mid - 1
    return best


def _extract(src: pymupdf.Document, first: int, last: int) -> bytes:
    part = pymupdf.open()
    try:
        part.insert_pdf(src, from_page=first, to_page=last)
        return part.tobytes(garbage=3, deflate=True)
    finally:
        part.close()


def part_names(stem: str, count: int) -> list[str]:
    if count == 1:
        return [f"{stem}.pdf"]
    return [f"{stem}-part-{i}-of-{count}.pdf" for i in range(1, count + 1)]
