"""Verify a public copy that may have been split into parts, the same way ``redact`` does.

Each part is checked by :func:`redactor.verify.verify` with the expectations of
the whole document shifted to the part's own page numbers, so a name's word
that the filing shows in the open on page 7 is allowed on page 2 of part 2 and
nowhere else. The expectations (patterns of the values, and how often the
original shows each in the open) are kept in the sealed reference list, so
``verify-package`` checks exactly what ``package`` checked, without the original.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pymupdf

from ..model import Box, Document
from ..plan import Plan
from ..redact import ocr_regions
from ..verify import Expectation, expectations, verify

Regions = dict[int, list[Box]]


def document_expectations(doc: Document, plan: Plan) -> tuple[list[Expectation], Regions]:
    return expectations(doc, plan), ocr_regions(doc, plan)


def expectations_json(expected: list[Expectation], regions: Regions) -> dict[str, Any]:
    """For the sealed reference list only: the patterns hold the values."""
    return {
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


def verify_public_parts(
    parts: list[tuple[str, bytes]], expected: list[Expectation], regions: Regions
) -> list[str]:
    """Verify every part (path, bytes); raise VerificationFailed on a survivor."""
    checks: list[str] = []
    offset = 0
    for path, data in parts:
        with pymupdf.open(stream=data, filetype="pdf") as part:
            count = part.page_count
        checks += verify(
            path, shift(expected, offset, count), ocr_regions=_shift_regions(regions, offset, count)
        )
        offset += count
    return checks


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
