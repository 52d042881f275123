"""What the review page is sent: the pages, every entry with its boxes placed on the page
image, the problems with what redact will do about each, and the state of the review.

Positions are pixels of the page images (:data:`redactor.check.pageview.ZOOM`), placed
by the same code as the check report's page view, so the two show a page alike.
This is the one place the page gets values from (the text under each entry): it is
served only to a request that carries the review's token.
"""

from __future__ import annotations

from typing import Any

import pymupdf

from .. import categories
from ..check import pageview
from ..model import Box, Problem
from ..plan import Redaction
from .session import REJECTED, ApplyResult, Entry, Occurrence, ReviewSession

ACTION_NAMES = {"redact": "redact whole", "partial": "keep the FRCP 5.2 form", "remove": "remove"}


def page_sizes(session: ReviewSession, zoom: float = pageview.ZOOM) -> list[dict[str, int]]:
    """Each page's image size in pixels, as :func:`redactor.check.pageview.page_png` makes it."""
    out = []
    for index in range(session.doc.page_count):
        rect = (session.doc.pdf[index].rect * pymupdf.Matrix(zoom, zoom)).irect
        out.append({"number": index + 1, "width": rect.width, "height": rect.height})
    return out


def shown(session: ReviewSession, page: int, boxes: tuple[Box, ...]) -> list[list[float]]:
    pdf_page = session.doc.pdf[page - 1]
    return [[round(v, 1) for v in pageview.display_box(pdf_page, b)] for b in boxes]


def entry_json(session: ReviewSession, e: Entry) -> dict[str, Any]:
    r: Redaction = e.redaction
    on_page = r.surface == "page" and r.page is not None and bool(r.boxes)
    form = session.public_form_of(r)
    return {
        "id": r.id,
        "page": r.page,
        "line": r.line,
        "category": r.category,
        "description": _description(r.category),
        "action": r.action,
        "label": r.label,
        "replacement": r.replacement,
        "public_form": form,
        "actions": ["redact", "partial"] if form and r.action != "remove" else [r.action],
        "detector": r.detector,
        "reason": r.reason,
        "surface": r.surface,
        "where": r.where,
        "value": r.terms[0] if r.terms else "",
        "status": e.status,
        "added": e.added,
        "boxes": shown(session, r.page, r.boxes) if on_page else [],
        "label_top": None,
    }


def problem_json(session: ReviewSession, number: int, p: Problem) -> dict[str, Any]:
    return {
        "id": f"P{number}",
        "kind": p.kind,
        "page": p.page,
        "detail": p.detail,
        "severity": p.severity,
        "remedy": session.remedy(p),
        "boxes": shown(session, p.page, (p.bbox,)) if p.page and p.bbox else [],
        "label_top": None,
    }


def state(session: ReviewSession) -> dict[str, Any]:
    """Everything the page draws, in one object."""
    with session.lock:
        entries = [entry_json(session, e) for e in session.entries]
        problems = [problem_json(session, i, p) for i, p in enumerate(session.problems, 1)]
        sizes = page_sizes(session)
        _place_labels(entries + problems, sizes)
        return {
            "file": session.src,
            "plan_path": session.plan_path,
            "output": session.output,
            "loaded": session.loaded,
            "pages": sizes,
            "gutter": pageview.GUTTER,
            "leader": pageview.LEADER,
            "label_height": pageview.LABEL_HEIGHT,
            "outline": pageview.OUTLINE,
            "entries": entries,
            "problems": problems,
            "counts": session.counts(),
            "planned": sum(1 for e in session.entries if e.status != REJECTED),
            "dirty": session.dirty,
            "saved": session.saved,
            "can_undo": session.can_undo,
            "categories": [{"name": c, "description": _description(c)} for c in categories.PRIVATE],
            "last_apply": apply_json(session.last_apply),
        }


def occurrences_json(session: ReviewSession, found: list[Occurrence]) -> list[dict[str, Any]]:
    return [
        {"page": o.page, "boxes": shown(session, o.page, o.boxes), "covered": o.covered}
        for o in found
    ]


def apply_json(result: ApplyResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "ok": result.ok,
        "exit_code": result.exit_code,
        "message": result.message,
        "output": result.output,
        "plan": result.plan,
        "checks": result.checks,
    }


def _place_labels(entries: list[dict[str, Any]], sizes: list[dict[str, int]]) -> None:
    """Each boxed entry's (and problem's) label top in its page's gutter (pageview.place_labels)."""
    by_page: dict[int, list[dict[str, Any]]] = {}
    for e in entries:
        if e["boxes"]:
            by_page.setdefault(e["page"], []).append(e)
    for number, items in by_page.items():
        anchors = [(e["boxes"][0][1] + e["boxes"][0][3]) / 2 for e in items]
        tops = pageview.place_labels(
            [a - pageview.LABEL_HEIGHT / 2 for a in anchors], limit=sizes[number - 1]["height"]
        )
        for e, anchor, top in zip(items, anchors, tops, strict=True):
            e["label_top"] = round(top, 1)
            e["anchor"] = round(anchor, 1)


def _description(category: str) -> str:
    entry = categories.BY_NAME.get(category)
    return entry.description if entry else category
