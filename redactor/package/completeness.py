"""A complete package: every plan entry once as an id, a mark, a table row and a reference.

``verify-package`` reads the package as a clerk would and holds it to its plans
(kept in the sealed reference list): each entry of each exhibit's plan must be

* marked in the highlighted copy: its id printed beside a highlight (over each of
  its boxes for an entry with boxes; beside the frame of a page taken whole; on
  the sheet after the last page for an entry that is not on the face of a page);
* one row of the redaction table (CSV), and no row for an entry that is not planned;
* one use of one identifier in the reference list.

Nothing here reads a value: ids, pages and boxes only.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

from .manifest import FileEntry

NEAR = 12.0  # points: a highlight this close to an id label belongs to it
BOX_SLACK = 1.5  # points: a highlight within this of a planned box covers it
ID = re.compile(r"^R-\d{4,}$")


@dataclass
class _Page:
    labels: dict[str, list[pymupdf.Rect]] = field(default_factory=dict)  # id -> where printed
    fills: list[pymupdf.Rect] = field(default_factory=list)  # highlight rectangles
    rotated: bool = False


def completeness(root: Path, entries: list[FileEntry], reference: dict[str, Any]) -> list[str]:
    """Problems of completeness, one line each ([] when every entry is there once)."""
    problems: list[str] = []
    table = _table_ids(root, entries)
    uses = _reference_uses(reference)
    for item in reference.get("documents", []):
        label = item.get("exhibit", "")
        plan = (item.get("plan") or {}).get("redactions") or []
        ids = [r.get("id", "") for r in plan]
        problems += _once(
            label, ids, table.get(label, []), ("row", "rows"), "of the redaction table"
        )
        problems += _once(label, ids, uses.get(label, []), ("use", "uses"), "in the reference list")
        pages = _highlighted_pages(root, entries, label)
        if not pages:
            problems.append(f"{label}: the package lacks its highlighted copy")
            continue
        for red in plan:
            if not _marked(red, pages):
                problems.append(
                    f"{label}: {red.get('id')} ({red.get('category')}, "
                    f"{_where(red)}) is not highlighted and numbered in the highlighted copy"
                )
    return problems


def _once(
    label: str, ids: list[str], seen: list[str], noun: tuple[str, str], where: str
) -> list[str]:
    out = []
    for rid in ids:
        n = seen.count(rid)
        if n != 1:
            out.append(f"{label}: {rid} has {n} {noun[n != 1]} {where}, not one")
    for rid in sorted(set(seen) - set(ids)):
        out.append(f"{label}: {rid} has a {noun[0]} {where} but is not in the plan")
    return out


def _where(red: dict[str, Any]) -> str:
    if red.get("surface", "page") != "page":
        return str(red.get("surface")).replace("_", " ")
    return f"page {red['page']}" if red.get("page") else "every page"


def _table_ids(root: Path, entries: list[FileEntry]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in entries:
        if e.role != "table" or not e.path.endswith(".csv"):
            continue
        text = (root / e.path).read_text(encoding="utf-8")
        for row in csv.DictReader(io.StringIO(text)):
            out.setdefault(row.get("exhibit", ""), []).append(row.get("id", ""))
    return out


def _reference_uses(reference: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ref in reference.get("references", []):
        for use in ref.get("uses", []):
            out.setdefault(use.get("exhibit", ""), []).append(use.get("id", ""))
    return out


def _highlighted_pages(root: Path, entries: list[FileEntry], label: str) -> list[_Page]:
    pages: list[_Page] = []
    for e in entries:
        if e.role != "highlighted" or e.exhibit != label:
            continue
        with pymupdf.open(root / e.path) as pdf:
            for page in pdf:
                pages.append(_read_page(page))
    return pages


def _read_page(page: pymupdf.Page) -> _Page:
    out = _Page(rotated=bool(page.rotation))
    for w in page.get_text("words"):
        if ID.match(w[4]):
            out.labels.setdefault(w[4], []).append(pymupdf.Rect(w[:4]))
    for d in page.get_drawings():
        fill = d.get("fill")
        if fill is None or tuple(round(c, 2) for c in fill) == (1.0, 1.0, 1.0):
            continue  # the legend's white box is not a highlight
        out.fills.append(pymupdf.Rect(d["rect"]))
    return out


def _marked(red: dict[str, Any], pages: list[_Page]) -> bool:
    rid = red.get("id", "")
    page = red.get("page")
    boxes = [pymupdf.Rect(b) for b in red.get("boxes") or []]
    if red.get("surface", "page") == "page" and boxes and page:
        if not 1 <= page <= len(pages):
            return False
        p = pages[page - 1]
        if not _labelled(rid, p, boxes):
            return False
        whole = red.get("category") == "DESIGNATED"  # framed, not filled: its label's highlight
        return p.rotated or whole or all(_covered(b, p.fills) for b in boxes)
    # terms without boxes, or an entry not on a page: on some page, or on the sheet
    return any(_labelled(rid, p) for p in pages)


def _labelled(rid: str, page: _Page, boxes: list[pymupdf.Rect] | None = None) -> bool:
    """The id printed on the line of one of the entry's boxes (beside it or in the margin),
    or, for an entry without boxes, within a line of a highlight."""
    targets = boxes if boxes else page.fills
    for r in page.labels.get(rid, []):
        for t in targets:
            if r.y1 >= t.y0 - NEAR and r.y0 <= t.y1 + NEAR and (boxes or _near_x(r, t)):
                return True
    return False


def _near_x(label: pymupdf.Rect, fill: pymupdf.Rect) -> bool:
    return label.x1 >= fill.x0 - NEAR and label.x0 <= fill.x1 + NEAR


def _covered(box: pymupdf.Rect, fills: list[pymupdf.Rect]) -> bool:
    return any(
        abs(f.x0 - box.x0) <= BOX_SLACK
        and abs(f.y0 - box.y0) <= BOX_SLACK
        and abs(f.x1 - box.x1) <= BOX_SLACK
        and abs(f.y1 - box.y1) <= BOX_SLACK
        for f in fills
    )
