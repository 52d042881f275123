"""The reference list filed under seal (FRCP 5.2(g)): each redacted item, its identifier, its value.

This is the one file of a package that holds the values, by design. The same
value gets the same identifier in every exhibit (``[SSN-1]``); names get letters
(``[MINOR-A]``), everything else numbers. The JSON form also carries each
document's plan, so ``verify-package`` can re-check the public copies without
the values ever leaving the package.
"""

from __future__ import annotations

import html
import json
import string
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..plan import Redaction
from .exhibit import Exhibit
from .pdfdoc import html_to_pdf
from .tables import describe

SEALED_BANNER = "FILED UNDER SEAL – CONTAINS INFORMATION REDACTED UNDER FED. R. CIV. P. 5.2"
IN_CAMERA_BANNER = "LODGED FOR IN CAMERA REVIEW – CONTAINS THE REDACTED INFORMATION – DO NOT FILE"
FORMAT = "redactor-reference-list/1"
PREFIXES = {
    "ACCOUNT": "ACCT", "ADDRESS": "ADDR", "DRIVERS_LICENSE": "DL", "MEDICAL": "MED",
    "MINOR_SCHOOL": "SCHOOL", "IA_CASE": "IA", "IA_FINDING": "IAF", "OFFICER_NAME": "OFFICER",
    "DESIGNATED": "PAGE", "BAD_REDACTION": "BOX", "HIDDEN_TEXT": "HIDDEN",
}  # fmt: skip
LETTERED = {"MINOR", "PERSON", "OFFICER_NAME"}


@dataclass
class Reference:
    identifier: str  # [SSN-1]
    category: str
    value: str
    description: str
    uses: list[tuple[str, str, int | None]] = field(default_factory=list)  # (exhibit, id, page)


def assign_references(
    exhibits: list[Exhibit],
) -> tuple[list[Reference], dict[tuple[int, str], str]]:
    """One identifier per distinct value; and for each (exhibit number, plan id) its identifier."""
    refs: dict[tuple[str, str], Reference] = {}
    counters: dict[str, int] = {}
    by_entry: dict[tuple[int, str], str] = {}
    for ex in exhibits:
        for red in ex.plan.redactions:
            key = (red.category, _key(red))
            ref = refs.get(key)
            if ref is None:
                prefix = PREFIXES.get(red.category, red.category)
                counters[prefix] = counters.get(prefix, 0) + 1
                ref = Reference(
                    identifier=f"[{prefix}-{_ordinal(counters[prefix], red.category in LETTERED)}]",
                    category=red.category,
                    value=_value(red),
                    description=describe(red),
                )
                refs[key] = ref
            ref.uses.append((ex.label, red.id, red.page))
            by_entry[(ex.number, red.id)] = ref.identifier
    return list(refs.values()), by_entry


def _value(red: Redaction) -> str:
    if red.terms:
        return red.terms[0]
    if red.category == "DESIGNATED":
        return f"(the entire page {red.page}: see the highlighted copy)"
    return "(marked by box; see the highlighted copy)"


def _key(red: Redaction) -> str:
    if red.terms:
        return " ".join(red.terms[0].split()).casefold()
    return f"box:{red.id}:{red.page}:{red.boxes}"


def _ordinal(n: int, letters: bool) -> str:
    if not letters:
        return str(n)
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = string.ascii_uppercase[r] + out
    return out


def reference_json(
    exhibits: list[Exhibit], refs: list[Reference], *, court: str, in_camera: bool = False
) -> bytes:
    body: dict[str, Any] = {
        "format": FORMAT,
        "notice": (
            "LODGED FOR IN CAMERA REVIEW (Fed. R. Civ. P. 5.2(g)): holds the redacted values; never file"
            if in_camera
            else "FILED UNDER SEAL (Fed. R. Civ. P. 5.2(g)): holds the redacted values; never file publicly"
        ),
        "tool": f"redactor {__version__}",
        "court": court,
        "in_camera": in_camera,
        "references": [
            {
                "identifier": r.identifier,
                "category": r.category,
                "value": r.value,
                "description": r.description,
                "uses": [{"exhibit": e, "id": i, "page": p} for e, i, p in r.uses],
            }
            for r in refs
        ],
        "documents": [
            {
                "exhibit": ex.label,
                "slug": ex.slug,
                "source": ex.source,
                "plan": json.loads(ex.plan.to_json()),
                "verification": ex.checks,
            }
            for ex in exhibits
        ],
    }
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def reference_pdf(refs: list[Reference], caption_html: str, *, in_camera: bool = False) -> bytes:
    rows = []
    for r in refs:
        uses = "; ".join(f"{e} {i}" + (f" (p. {p})" if p else "") for e, i, p in r.uses)
        rows.append(
            f"<tr><td>{html.escape(r.identifier)}</td><td>{html.escape(r.value)}</td>"
            f"<td>{html.escape(r.description)}</td><td>{html.escape(uses)}</td></tr>"
        )
    if not rows:
        rows.append("<tr><td colspan='4'>No item was redacted.</td></tr>")
    heading = (
        "REFERENCE LIST LODGED FOR IN CAMERA REVIEW"
        if in_camera
        else "REFERENCE LIST FILED UNDER SEAL"
    )
    body = (
        f"{caption_html}<h1>{heading}<br/>(Fed. R. Civ. P. 5.2(g))</h1>"
        "<p>Each identifier below stands for the complete item it lists. Any later filing in this "
        "case may refer to an item by its identifier; the identifier will be construed to refer "
        "to the complete item.</p>"
        "<table><tr><th>Identifier</th><th>Complete item</th><th>What it is</th><th>Where redacted</th></tr>"
        f"{''.join(rows)}</table>"
    )
    if in_camera:
        return html_to_pdf(
            body, footer="Reference list – lodged for in camera review", banner=IN_CAMERA_BANNER
        )
    return html_to_pdf(body, footer="Reference list – filed under seal", banner=SEALED_BANNER)


def load_reference_json(data: bytes) -> dict[str, Any]:
    body = json.loads(data.decode("utf-8"))
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ValueError("not a redactor reference list")
    return body
