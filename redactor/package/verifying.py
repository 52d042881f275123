"""Verify a public copy that may have been split into parts, the same way ``redact`` does.

Each part is checked by :func:`redactor.verify.verify` with the expectations of
the whole document shifted to the part's own page numbers, so a name's word
that the filing shows in the open on page 7 is allowed on page 2 of part 2 and
nowhere else. The expectations (patterns of the values, and how often the
original shows each in the open) are kept in the sealed reference list, so
``verify-package`` checks exactly what ``package`` checked, without the original.

A page the plan takes whole (a designated page) is proven blank besides its
label: pdfplumber reads no other word on it, and the page, rendered, is dark.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

import pdfplumber
import pymupdf

from .. import categories
from ..errors import VerificationFailed
from ..model import Box, Document
from ..plan import Plan
from ..redact import ocr_regions
from ..verify import Expectation, expectations, verify

DARK = 0.8  # share of a page taken whole that must render dark
WHOLE_LABEL = categories.BY_NAME["DESIGNATED"].label or ""

Regions = dict[int, list[Box]]
Whole = dict[int, tuple[str, str]]  # a page taken whole -> (plan id, its label)


def document_expectations(doc: Document, plan: Plan) -> tuple[list[Expectation], Regions]:
    return expectations(doc, plan), ocr_regions(doc, plan)


def expectations_json(
    expected: list[Expectation], regions: Regions, whole: Whole | None = None
) -> dict[str, Any]:
    """For the sealed reference list only: the patterns hold the values."""
    return {
        "whole_pages": {
            str(p): {"id": i, "label": lb} for p, (i, lb) in sorted((whole or {}).items())
        },
        "expectations": [
            {
                "rid": e.rid,
                "page": e.page,
                "category": e.category,
                "regex": e.pattern.pattern,
                "flags": int(e.pattern.flags),
                "word": e.word,
                "allowed": {str(p): n for p, n in e.allowed.items()},
            }
            for e in expected
        ],  # fmt: skip
        "ocr_regions": {str(p): [list(b) for b in boxes] for p, boxes in regions.items()},
    }


def expectations_from_json(body: dict[str, Any]) -> tuple[list[Expectation], Regions]:
    expected = [
        Expectation(
            e["rid"],
            e["page"],
            e["category"],
            re.compile(e["regex"], e["flags"]),
            bool(e["word"]),
            {int(p): int(n) for p, n in e["allowed"].items()},
        )  # fmt: skip
        for e in body["expectations"]
    ]
    regions = {int(p): [tuple(b) for b in boxes] for p, boxes in body["ocr_regions"].items()}
    return expected, regions  # type: ignore[return-value]


def whole_pages_from_json(body: dict[str, Any]) -> Whole:
    return {
        int(p): (str(e["id"]), str(e.get("label", "")))
        for p, e in (body.get("whole_pages") or {}).items()
    }


def verify_public_parts(
    parts: list[tuple[str, bytes]],
    expected: list[Expectation],
    regions: Regions,
    whole: Whole | None = None,
) -> list[str]:
    """Verify every part (path, bytes); raise VerificationFailed on a survivor. ``whole``:
    the pages taken whole (page -> plan id), proven blank but for their label."""
    checks: list[str] = []
    offset = 0
    for path, data in parts:
        with pymupdf.open(stream=data, filetype="pdf") as part:
            count = part.page_count
        checks += verify(
            path, shift(expected, offset, count), ocr_regions=_shift_regions(regions, offset, count)
        )
        mine = {p - offset: rid for p, rid in (whole or {}).items() if offset < p <= offset + count}
        checks += verify_whole_pages(data, mine, first=offset + 1)
        offset += count
    return checks


def verify_whole_pages(data: bytes, whole: Whole, *, first: int = 1) -> list[str]:
    """Prove each page taken whole is blank but for its label: pdfplumber reads no other
    word there, and most of the page renders dark. ``first``: the number, in the whole
    document, of the part's first page (for messages)."""
    if not whole:
        return []
    with pdfplumber.open(io.BytesIO(data)) as pdf, pymupdf.open(stream=data, filetype="pdf") as doc:
        for number, (rid, label) in sorted(whole.items()):
            allowed = {w.casefold() for w in re.findall(r"\w+", label or WHOLE_LABEL)}
            page_no = number + first - 1
            if not 1 <= number <= len(pdf.pages):
                raise VerificationFailed(f"page {page_no} ({rid}) is missing from the public copy")
            words = pdf.pages[number - 1].extract_words()
            stray = [
                w for w in words if not set(re.findall(r"\w+", w["text"].casefold())) <= allowed
            ]
            if stray:
                raise VerificationFailed(
                    f"verification failed, nothing was released: page {page_no}: the entire page "
                    f"({rid}) was to be redacted, but {len(stray)} word(s) can still be read"
                )
            pix = doc[number - 1].get_pixmap(dpi=24, colorspace=pymupdf.csGRAY)
            dark = sum(1 for v in pix.samples if v < 96) / max(len(pix.samples), 1)
            if dark < DARK:
                raise VerificationFailed(
                    f"verification failed, nothing was released: page {page_no}: the entire page "
                    f"({rid}) was to be redacted, but only {dark:.0%} of it is covered"
                )
    return [f"{len(whole)} page(s) taken whole: no word but the label, covered"]


def shift(expected: list[Expectation], offset: int, count: int) -> list[Expectation]:
    """The expectations for pages offset+1..offset+count, renumbered from 1."""
    out = []
    for e in expected:
        allowed = {p - offset: n for p, n in e.allowed.items() if offset < p <= offset + count}
        page = (
            e.page - offset if e.page is not None and offset < e.page <= offset + count else e.page
        )
        out.append(replace(e, allowed=allowed, page=page))
    return out


def _shift_regions(regions: Regions, offset: int, count: int) -> Regions:
    return {p - offset: boxes for p, boxes in regions.items() if offset < p <= offset + count}
