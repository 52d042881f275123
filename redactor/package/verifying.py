"""Verify a public copy that may have been split into parts, the same way ``redact`` does.

Each part is checked by :func:`redactor.verify.verify` with the expectations of
the whole document shifted to the part's own page numbers, so a name's word
that the filing shows in the open on page 7 is allowed on page 2 of part 2 and
nowhere else.
"""

from __future__ import annotations

from dataclasses import replace

import pymupdf

from ..model import Box, Document
from ..plan import Plan
from ..redact import ocr_regions
from ..verify import Expectation, expectations, verify


def verify_public_parts(parts: list[tuple[str, bytes]], doc: Document, plan: Plan) -> list[str]:
    """Verify every part (path, bytes) against ``plan``; raise VerificationFailed on a survivor."""
    expected = expectations(doc, plan)
    regions = ocr_regions(doc, plan)
    checks: list[str] = []
    offset = 0
    for path, data in parts:
        with pymupdf.open(stream=data, filetype="pdf") as part:
            count = part.page_count
        checks += verify(path, shift(expected, offset, count), ocr_regions=_shift_regions(regions, offset, count))
        offset += count
    return checks


def shift(expected: list[Expectation], offset: int, count: int) -> list[Expectation]:
    """The expectations for pages offset+1..offset+count, renumbered from 1."""
    if offset == 0 and all(max(e.allowed, default=0) <= count for e in expected):
        return expected
    out = []
    for e in expected:
        allowed = {p - offset: n for p, n in e.allowed.items() if offset < p <= offset + count}
        page = e.page - offset if e.page is not None and offset < e.page <= offset + count else e.page
        out.append(replace(e, allowed=allowed, page=page))
    return out


def _shift_regions(regions: dict[int, list[Box]], offset: int, count: int) -> dict[int, list[Box]]:
    return {p - offset: boxes for p, boxes in regions.items() if offset < p <= offset + count}
