"""``index.html``: one self-contained page saying what every file is and what to do with it.

At the top, what the court profile says becomes of each file: filed on the public
docket, filed under seal, delivered to chambers, served, attached to a paper, or
kept; then any warning (a paper from another court, designated pages left out of
the plan, an e-filing pre-flight problem); then every file by exhibit, with its
role, what to do with it and, for a public copy, its pre-flight.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from .. import __version__
from ..profiles import CourtProfile
from .manifest import FileEntry

ROLE_NAMES = {
    "public": "Public redacted copy",
    "highlighted": "Unredacted copy, proposed redactions highlighted",
    "table": "Redaction table",
    "log": "Redaction log",
    "reference_list": "Reference list (FRCP 5.2(g))",
    "draft": "Draft paper",
}
# Where a file goes, from the first clause of what the profile says to do with it.
DESTINATIONS = (
    ("chambers", "Delivered to chambers"),
    ("under seal", "Filed under seal"),
    ("serve", "Served on the other parties"),
    ("keep", "Kept in your file"),
    ("file", "Filed on the public docket"),
)
ATTACHED = "Attached to the paper it belongs to"
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#111;background:#f4f4f4}
header{background:#1f2d3d;color:#fff;padding:14px 24px}
header h1{margin:0 0 4px;font-size:20px}
main{padding:8px 24px 32px;max-width:1100px}
section{background:#fff;margin:16px 0;padding:12px 16px;box-shadow:0 1px 3px #0002}
section.warning{border-left:6px solid #c60}
h2{font-size:16px;margin:4px 0 10px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}
ul{margin:4px 0 8px 18px;padding:0}
.sealed{color:#a00;font-weight:600}
.public{color:#075;font-weight:600}
.bad{color:#a00}
.note{font-size:13px;color:#444}
code{font-size:12px}
"""


def destination(action: str) -> str:
    """Where a file goes, read from what to do with it (its first clause)."""
    first = action.split(";")[0].lower()
    if first.startswith(("attached", "part of")):
        return ATTACHED
    for word, where in DESTINATIONS:
        if word == "file" and not (
            first.startswith(("e-file", "file ", "e-mail")) or " file " in first
        ):
            continue
        if word in ("serve", "keep") and not first.startswith(word):
            continue
        if word in first:
            return where
    return ATTACHED


def index_html(
    entries: list[FileEntry],
    profile: CourtProfile,
    *,
    in_camera: bool,
    exhibits: Iterable[tuple[str, str]],
    case: str | None,
    warnings: list[str] | None = None,
) -> bytes:
    """``exhibits`` are (label, title) pairs in order; ``case`` the case number read, if any."""
    kind = "in camera package" if in_camera else "sealing package"
    what = (
        "proposed redactions lodged for the court's in camera review"
        if in_camera
        else "request to seal"
    )
    mark = "IN CAMERA" if in_camera else "SEALED"
    court = profile.court
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(kind.capitalize())} – {html.escape(court)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{html.escape(kind.capitalize())} ({html.escape(what)})</h1>",
        f"<div>{html.escape(court)}"
        + (f" · Case No. {html.escape(case)}" if case else "")
        + "</div></header><main>",
    ]
    if warnings:
        items = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
        parts.append(
            f"<section class='warning'><h2>Check before sending</h2><ul>{items}</ul></section>"
        )
    parts.append(_what_to_do(entries))
    parts.append(
        f"<section><p class='note'>Files marked <span class='sealed'>{mark}</span> hold unredacted "
        "content or the redacted values: never file them on the public docket. Every file's SHA-256 "
        "is in <code>manifest.json</code>; check the folder with <code>redactor verify-package</code> "
        f"before sending. Rules: {html.escape('; '.join(profile.rules))}. Largest file the court "
        f"takes: {profile.max_file_bytes / 1e6:g} MB; every public copy was checked against the "
        "court's e-filing limits (its pre-flight is shown below).</p></section>"
    )
    papers = [e for e in entries if e.role == "draft"]
    if papers:
        parts.append(
            "<section><h2>Papers (drafts: complete every [COUNSEL TO COMPLETE] blank)</h2>"
        )
        parts.append(_table(papers, mark))
        parts.append("</section>")
    for label, title in exhibits:
        mine = [e for e in entries if e.exhibit == label]
        parts.append(
            f"<section><h2>{html.escape(label)}: {html.escape(title)}</h2>{_table(mine, mark)}</section>"
        )
    rest = [e for e in entries if e.exhibit is None and e.role not in ("draft", "index")]
    parts.append(f"<section><h2>Table, log and reference list</h2>{_table(rest, mark)}</section>")
    parts.append(
        f"<p class='note'>Made by redactor {html.escape(__version__)}.</p></main></body></html>"
    )
    return "".join(parts).encode("utf-8")


def _what_to_do(entries: list[FileEntry]) -> str:
    groups: dict[str, list[FileEntry]] = {}
    for e in entries:
        if e.role == "index" or (e.role == "draft" and e.path.endswith(".md")):
            continue
        groups.setdefault(destination(e.action), []).append(e)
    order = [where for _, where in DESTINATIONS if where != "Kept in your file"]
    order += [ATTACHED, "Kept in your file"]
    out = ["<section class='todo'><h2>What is filed, what goes to chambers, and how</h2>"]
    for where in order:
        files = groups.get(where)
        if not files:
            continue
        items = "".join(
            f"<li><code>{html.escape(e.path)}</code>: {html.escape(e.action)}</li>" for e in files
        )
        out.append(f"<p><b>{html.escape(where)}</b></p><ul>{items}</ul>")
    out.append("</section>")
    return "".join(out)


def _table(entries: list[FileEntry], mark: str) -> str:
    rows = [
        "<table><tr><th>File</th><th>Role</th><th>What to do with it</th><th>Pages</th><th>Size</th>"
        "<th>E-filing pre-flight</th></tr>"
    ]
    for e in entries:
        tag = (
            f"<span class='sealed'>{mark}</span> "
            if e.sealed
            else ("<span class='public'>PUBLIC</span> " if e.role == "public" else "")
        )
        part = f" (part {html.escape(e.part)})" if e.part else ""
        flight = html.escape(e.preflight)
        if e.preflight and e.preflight != "ready":
            flight = f"<span class='bad'>{flight}</span>"
        rows.append(
            f"<tr><td><a href='{html.escape(e.path)}'>{html.escape(e.path)}</a></td>"
            f"<td data-role='{html.escape(e.role)}'>{tag}{html.escape(ROLE_NAMES.get(e.role, e.role))}{part}</td>"
            f"<td>{html.escape(e.action)}</td><td>{e.pages if e.pages is not None else ''}</td>"
            f"<td>{_size(e.bytes)}</td><td>{flight}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    return f"{max(1, round(n / 1000))} kB"
