"""``index.html``: one self-contained page listing every file, its role and what to do with it."""

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
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#111;background:#f4f4f4}
header{background:#1f2d3d;color:#fff;padding:14px 24px}
header h1{margin:0 0 4px;font-size:20px}
main{padding:8px 24px 32px;max-width:1100px}
section{background:#fff;margin:16px 0;padding:12px 16px;box-shadow:0 1px 3px #0002}
h2{font-size:16px;margin:4px 0 10px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}
.sealed{color:#a00;font-weight:600}
.public{color:#075;font-weight:600}
.note{font-size:13px;color:#444}
code{font-size:12px}
"""


def index_html(
    entries: list[FileEntry],
    profile: CourtProfile,
    *,
    in_camera: bool,
    exhibits: Iterable[tuple[str, str]],
    case: str | None,
) -> bytes:
    """``exhibits`` are (label, title) pairs in order; ``case`` the case number read, if any."""
    kind = "in camera review" if in_camera else "request to seal"
    court = f"{profile.court_title}, {profile.district}".strip(", ")
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Sealing package – {html.escape(court)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>Sealing package ({html.escape(kind)})</h1>",
        f"<div>{html.escape(court)}"
        + (f" · Case No. {html.escape(case)}" if case else "")
        + "</div></header><main>",
        "<section><p class='note'>Files marked <span class='sealed'>SEALED</span> hold unredacted content or "
        "the redacted values: never file them on the public docket. Every file's SHA-256 is in "
        "<code>manifest.json</code>; check the folder with <code>redactor verify-package</code> before sending. "
        f"Rules: {html.escape('; '.join(profile.rules))}. Largest file the court takes: "
        f"{profile.max_file_bytes / 1e6:g} MB.</p></section>",
    ]
    papers = [e for e in entries if e.role == "draft"]
    if papers:
        parts.append(
            "<section><h2>Papers (drafts: complete every [COUNSEL TO COMPLETE] blank)</h2>"
        )
        parts.append(_table(papers))
        parts.append("</section>")
    for label, title in exhibits:
        mine = [e for e in entries if e.exhibit == label]
        parts.append(
            f"<section><h2>{html.escape(label)}: {html.escape(title)}</h2>{_table(mine)}</section>"
        )
    rest = [e for e in entries if e.exhibit is None and e.role not in ("draft", "index")]
    parts.append(f"<section><h2>Table, log and reference list</h2>{_table(rest)}</section>")
    parts.append(
        f"<p class='note'>Made by redactor {html.escape(__version__)}.</p></main></body></html>"
    )
    return "".join(parts).encode("utf-8")


def _table(entries: list[FileEntry]) -> str:
    rows = [
        "<table><tr><th>File</th><th>Role</th><th>What to do with it</th><th>Pages</th><th>Size</th></tr>"
    ]
    for e in entries:
        mark = (
            "<span class='sealed'>SEALED</span> "
            if e.sealed
            else ("<span class='public'>PUBLIC</span> " if e.role == "public" else "")
        )
        part = f" (part {html.escape(e.part)})" if e.part else ""
        rows.append(
            f"<tr><td><a href='{html.escape(e.path)}'>{html.escape(e.path)}</a></td>"
            f"<td data-role='{html.escape(e.role)}'>{mark}{html.escape(ROLE_NAMES.get(e.role, e.role))}{part}</td>"
            f"<td>{html.escape(e.action)}</td><td>{e.pages if e.pages is not None else ''}</td>"
            f"<td>{_size(e.bytes)}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    return f"{max(1, round(n / 1000))} kB"
