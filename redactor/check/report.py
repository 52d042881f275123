"""The check report, three ways: text for a person at a terminal, JSON for scripts,
and one self-contained HTML page that shows every page with each finding boxed.

The check report is for the filer, so it shows what was found, values included.
"""

from __future__ import annotations

import base64
import html
import json
from collections import Counter
from pathlib import Path

import pymupdf

from ..files import write_atomic
from ..model import SEVERITY_FIX, Finding, Problem
from . import CheckResult, pageview


def _finding_json(f: Finding) -> dict:
    return {
        "page": f.page,
        "category": f.category,
        "text": f.text,
        "bbox": [round(v, 2) for v in f.bbox] if f.bbox else None,
        "action": f.action,
        "detector": f.detector,
        "score": round(f.score, 3),
        "line": f.line,
        "surface": f.surface,
        "where": f.where or None,
        "why": f.why,
    }


def _problem_json(p: Problem) -> dict:
    return {
        "page": p.page,
        "kind": p.kind,
        "detail": p.detail,
        "severity": p.severity,
        "bbox": [round(v, 2) for v in p.bbox] if p.bbox else None,
    }


def to_json(result: CheckResult) -> dict:
    """The JSON object of the command-line contract (design.md), plus explanatory fields."""
    return {
        "file": result.file,
        "pages": result.pages,
        "findings": [_finding_json(f) for f in result.findings],
        "problems": [_problem_json(p) for p in result.problems],
        "kept": [_finding_json(f) for f in result.kept],
        "clean": result.clean,
        "preflight": result.preflight.as_json() if result.preflight else None,
    }


def summary_line(result: CheckResult) -> str:
    cats = Counter(f.category for f in result.findings)
    kinds = Counter(p.kind for p in result.problems if p.severity == SEVERITY_FIX)
    notes = sum(1 for p in result.problems if p.severity != SEVERITY_FIX)
    parts = [f"{result.file}: {result.pages} page{'s' if result.pages != 1 else ''}"]
    parts.append(
        f"{len(result.findings)} to redact"
        + (" (" + ", ".join(f"{c} {n}" for c, n in sorted(cats.items())) + ")" if cats else "")
    )
    parts.append(
        f"{sum(kinds.values())} problem{'s' if sum(kinds.values()) != 1 else ''}"
        + (" (" + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + ")" if kinds else "")
    )
    if notes:
        parts.append(f"{notes} note{'s' if notes != 1 else ''}")
    parts.append(f"{len(result.kept)} public-record items kept")
    verdict = "CLEAN: nothing found to fix" if result.clean else "NOT READY TO FILE: fix the above"
    if result.clean and result.preflight is not None:
        verdict += f"; {result.preflight.summary()}"
    return "; ".join(parts) + f". {verdict}"


def _where(item: Finding | Problem) -> str:
    if isinstance(item, Finding) and item.surface != "page":
        return f"{item.surface} {item.where}".strip()
    if isinstance(item, Finding) and item.line is not None:
        return f"line {item.line}"
    return ""


def to_text(result: CheckResult, *, show_kept: bool = False) -> str:
    """Page by page: what to redact, what leaks structurally; then a summary line."""
    rows: dict[int | None, list[tuple[str, str, str]]] = {}
    for f in result.findings:
        place = f.surface if f.surface != "page" else _where(f)
        where = f" in {f.where}" if f.surface != "page" and f.where else ""
        rows.setdefault(f.page, []).append(
            (
                place,
                f.category,
                f"{_quote(f.text)}{where}  [{f.action}; {f.detector} {f.score:.2f}]",
            )
        )
    for p in result.problems:
        mark = "PROBLEM" if p.severity == SEVERITY_FIX else "note"
        rows.setdefault(p.page, []).append((mark, p.kind, p.detail))
    if show_kept:
        for f in result.kept:
            rows.setdefault(f.page, []).append(
                (_where(f), "kept " + f.category, f"{_quote(f.text)}  [{f.why}]")
            )
    out: list[str] = []
    for page in sorted(rows, key=lambda p: (p is None, p or 0)):
        w0 = max(len(r[0]) for r in rows[page])
        w1 = max(len(r[1]) for r in rows[page])
        out.append("document-wide" if page is None else f"page {page}")
        out.extend(f"  {a:<{w0}}  {b:<{w1}}  {c}" for a, b, c in rows[page])
    out.append(summary_line(result))
    return "\n".join(out)


def _quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return '"' + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + '"'


_CSS = """
body{font-family:system-ui,sans-serif;margin:0;background:#eee;color:#111}
header{background:#1f2d3d;color:#fff;padding:12px 20px}
header h1{font-size:18px;margin:0 0 4px;overflow-wrap:anywhere}
main{padding:16px 20px}
.page{background:#fff;margin:0 0 24px;padding:12px;box-shadow:0 1px 3px #0003;display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.items{flex:1 1 360px;min-width:0}
.items h2{margin:0 0 8px;font-size:16px}
table{border-collapse:collapse;font-size:13px;width:100%;table-layout:fixed}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
col.n{width:4.6em}col.what{width:27%}col.text{width:30%}
td small{color:#555}
.fix{color:#b00;font-weight:600}
.verdict{font-weight:700;overflow-wrap:anywhere}
"""


def write_html(result: CheckResult, dest: str, *, zoom: float = pageview.ZOOM) -> None:
    """Write one self-contained HTML page: every page as an image, each item outlined on it
    and labelled beside it (nothing painted over the text), with a table of the page's items."""
    doc = result.document
    pdf = doc.pdf if doc is not None else pymupdf.open(result.file)
    labels: dict[int | None, list[tuple[str, Finding | Problem]]] = {}
    for i, f in enumerate(result.findings, 1):
        labels.setdefault(f.page, []).append((f"F{i}", f))
    for i, p in enumerate(result.problems, 1):
        labels.setdefault(p.page, []).append((f"P{i}", p))

    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width'>",
        f"<title>redactor check: {html.escape(Path(result.file).name)}</title>",
        f"<style>{_CSS}{pageview.stylesheet()}</style></head><body>",
        f"<header><h1>redactor check: {html.escape(result.file)}</h1>",
        f"<div class='verdict'>{html.escape(summary_line(result))}</div></header><main>",
    ]
    doc_items = labels.get(None, [])
    if doc_items:
        parts.append(
            "<section class='page'><div class='items'><h2>Document-wide</h2>"
            + _item_table(doc_items)
            + "</div></section>"
        )
    for index in range(pdf.page_count):
        page = pdf[index]
        number = index + 1
        png, width, height = pageview.page_png(page, zoom)
        items = labels.get(number, [])
        marks = [_mark(page, label, item, zoom) for label, item in items]
        parts.append(f"<section class='page' id='page-{number}'>")
        parts.append(
            pageview.sheet_html(
                "data:image/png;base64," + base64.b64encode(png).decode(),
                width,
                height,
                marks,
                alt=f"page {number}",
            )
        )
        parts.append(f"<div class='items'><h2>Page {number}</h2>")
        parts.append(_item_table(items) if items else "<p>Nothing found on this page.</p>")
        parts.append("</div></section>")
    parts.append("</main></body></html>")
    write_atomic(dest, "".join(parts).encode("utf-8"))


def _mark(page: pymupdf.Page, label: str, item: Finding | Problem, zoom: float) -> pageview.Mark:
    if isinstance(item, Finding):
        boxes, kind, name, title = item.bboxes, "finding", item.category, item.why
    else:
        boxes = (item.bbox,) if item.bbox else ()
        kind, name, title = "problem", item.kind, item.detail
    shown = tuple(pageview.display_box(page, b, zoom) for b in boxes)
    return pageview.Mark(f"{label} {name}", shown, kind, title)


def _item_table(items: list[tuple[str, Finding | Problem]]) -> str:
    rows = [
        "<table><colgroup><col class='n'><col class='what'><col class='text'><col class='why'>"
        "</colgroup><tr><th>#</th><th>what</th><th>text / detail</th><th>why</th></tr>"
    ]
    for label, item in items:
        if isinstance(item, Finding):
            where = _where(item)
            place = f"<br><small>{html.escape(where)}</small>" if where else ""
            rows.append(
                f"<tr><td>{label}{place}</td>"
                f"<td>{html.escape(item.category)} → {html.escape(item.action)}</td>"
                f"<td>{html.escape(item.text)}</td>"
                f"<td>{html.escape(item.detector)} ({item.score:.2f}): {html.escape(item.why)}</td></tr>"
            )
        else:
            cls = " class='fix'" if item.severity == SEVERITY_FIX else ""
            rows.append(
                f"<tr><td>{label}</td><td{cls}>{html.escape(item.kind)} ({item.severity})</td>"
                f"<td colspan=2>{html.escape(item.detail)}</td></tr>"
            )
    rows.append("</table>")
    return "".join(rows)


def dump_json(result: CheckResult) -> str:
    return json.dumps(to_json(result), ensure_ascii=False)
