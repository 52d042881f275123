"""The redaction table an order cites, and the redaction log: where and why, never what.

The table describes each portion ("Social Security number (9 digits)") rather
than quoting it; its reason is the legal basis (FRCP 5.2(a), a local rule), with a
marked blank where only counsel can state it. The log has the rows ``redact``
writes, one per plan entry, with the document they belong to.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from ..plan import Redaction
from ..profiles import CourtProfile
from .exhibit import Exhibit

BLANK = "[COUNSEL TO COMPLETE: {what}]"

DESCRIPTIONS: dict[str, str] = {
    "SSN": "Social Security number",
    "TIN": "taxpayer identification number",
    "DOB": "date of birth",
    "ACCOUNT": "financial account number",
    "CARD": "payment card number",
    "ROUTING": "bank routing number",
    "ADDRESS": "home address",
    "PHONE": "personal telephone number",
    "EMAIL": "personal e-mail address",
    "DRIVERS_LICENSE": "driver's license number",
    "MEDICAL": "health information",
    "MRN": "medical record number",
    "MINOR": "name of a minor",
    "MINOR_SCHOOL": "school attended by a minor",
    "IA_CASE": "internal-affairs case number",
    "IA_FINDING": "internal-affairs finding",
    "BADGE": "officer badge number",
    "OFFICER_NAME": "name of an officer",
    "PERSON": "name of a non-party",
    "TERM": "term designated by the filer",
}
_DIGIT_COUNTED = {
    "SSN",
    "TIN",
    "ACCOUNT",
    "CARD",
    "ROUTING",
    "DRIVERS_LICENSE",
    "MRN",
    "BADGE",
    "IA_CASE",
}
_WORD_COUNTED = {"MINOR", "PERSON", "OFFICER_NAME", "MEDICAL", "IA_FINDING", "TERM", "MINOR_SCHOOL"}

REASONS: dict[str, str] = {
    "SSN": "Fed. R. Civ. P. 5.2(a)(1): only the last four digits may be filed",
    "TIN": "Fed. R. Civ. P. 5.2(a)(1): only the last four digits may be filed",
    "DOB": "Fed. R. Civ. P. 5.2(a)(2): only the year may be filed",
    "MINOR": "Fed. R. Civ. P. 5.2(a)(3): only the minor's initials may be filed",
    "ACCOUNT": "Fed. R. Civ. P. 5.2(a)(4): only the last four digits may be filed",
    "CARD": "Fed. R. Civ. P. 5.2(a)(4): only the last four digits may be filed",
    "ADDRESS": "home address (Fed. R. Crim. P. 49.1(a)(5); local rule): city and state remain",
}


@dataclass(frozen=True)
class TableRow:
    exhibit: str  # "Exhibit 1"
    document: str  # the document's title
    id: str  # R-0001
    reference: str  # [SSN-1]
    page: int | None
    line: int | None
    portion: str  # described, never quoted
    category: str
    reason: str
    surface: str = "page"

    @property
    def where(self) -> str:
        if self.surface != "page":
            return (
                "document properties"
                if self.surface == "metadata"
                else self.surface.replace("_", " ")
            )
        if self.page is None:
            return "every page"
        return f"p. {self.page}" + (f", l. {self.line}" if self.line is not None else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "exhibit": self.exhibit, "document": self.document, "id": self.id, "reference": self.reference,
            "page": self.page, "line": self.line, "portion": self.portion, "category": self.category,
            "reason": self.reason,
        }  # fmt: skip


def describe(red: Redaction) -> str:
    """What the portion is, without what it says: "Social Security number (9 digits)"."""
    what = DESCRIPTIONS.get(red.category, red.category.replace("_", " ").lower())
    value = red.terms[0] if red.terms else ""
    shape = ""
    if value and red.category in _DIGIT_COUNTED:
        digits = len(re.sub(r"\D", "", value))
        shape = f"{digits} digits" if digits else ""
    elif value and red.category in _WORD_COUNTED:
        n = len(value.split())
        shape = f"{n} word{'s' if n != 1 else ''}"
    if red.surface != "page":
        place = {
            "metadata": "document properties",
            "annotation": "a comment",
            "form_field": "a form field",
            "bookmark": "a bookmark",
            "attachment": "an attachment",
        }.get(red.surface, red.surface.replace("_", " "))
        shape = f"{shape}; in {place}" if shape else f"in {place}"
    if red.action == "partial" and red.replacement:
        shape = (
            f"{shape}; public copy shows {red.replacement}"
            if shape
            else f"public copy shows {red.replacement}"
        )
    return f"{what} ({shape})" if shape else what


def reason_for(category: str, profile: CourtProfile) -> str:
    if category in profile.reasons:
        return profile.reasons[category]
    if category in REASONS:
        return REASONS[category]
    what = DESCRIPTIONS.get(category, category.lower())
    return f"{what}: " + BLANK.format(what="compelling reasons / good cause to seal this portion")


def table_rows(
    exhibits: list[Exhibit], references: dict[tuple[int, str], str], profile: CourtProfile
) -> list[TableRow]:
    rows = []
    for ex in exhibits:
        for red in ex.plan.redactions:
            rows.append(
                TableRow(
                    exhibit=ex.label,
                    document=ex.title,
                    id=red.id,
                    reference=references.get((ex.number, red.id), ""),
                    page=red.page,
                    line=red.line,
                    portion=describe(red),
                    category=red.category,
                    reason=reason_for(red.category, profile),
                    surface=red.surface,
                )
            )
    return rows


def table_csv(rows: list[TableRow]) -> bytes:
    out = io.StringIO()
    fields = [
        "exhibit",
        "document",
        "id",
        "reference",
        "page",
        "line",
        "portion",
        "category",
        "reason",
    ]
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: "" if v is None else v for k, v in r.as_dict().items()})
    return out.getvalue().encode("utf-8")


def table_html(rows: list[TableRow]) -> str:
    """The chart judges ask for (exhibit, location, portion, reason), each row numbered with
    its plan id and reference identifier; the documents are named once, above it."""
    docs: dict[str, str] = {}
    for r in rows:
        docs.setdefault(r.exhibit, r.document)
    listing = "".join(
        f"<p class='small'><b>{html.escape(e)}</b>: {html.escape(d)}</p>" for e, d in docs.items()
    )
    head = (
        "<tr><th style='width:13%'>No.</th><th style='width:6%'>Ex.</th><th style='width:11%'>Location</th>"
        "<th style='width:33%'>Portion to be sealed</th><th>Reason</th></tr>"
    )
    body = []
    for r in rows:
        body.append(
            f"<tr><td>{r.id}<br/>{html.escape(r.reference)}</td>"
            f"<td>{html.escape(r.exhibit.replace('Exhibit ', ''))}</td><td>{html.escape(r.where)}</td>"
            f"<td>{html.escape(r.portion)}</td><td>{blanks_html(html.escape(r.reason))}</td></tr>"
        )
    if not body:
        body.append("<tr><td colspan='5'>No portion is proposed for sealing.</td></tr>")
    return f"{listing}<table>{head}{''.join(body)}</table>"


def blanks_html(escaped: str) -> str:
    return re.sub(r"(\[COUNSEL TO COMPLETE:[^\]]*\])", r"<span class='blank'>\1</span>", escaped)


def log_rows(exhibits: list[Exhibit]) -> list[dict[str, Any]]:
    out = []
    for ex in exhibits:
        for row in ex.log_rows or ex.plan.log_rows():
            out.append({"exhibit": ex.label, "document": ex.slug, **row})
    return out


def log_json(rows: list[dict[str, Any]]) -> bytes:
    return (json.dumps({"redactions": rows}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def log_csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    fields = [
        "exhibit",
        "document",
        "id",
        "page",
        "line",
        "category",
        "action",
        "label",
        "detector",
        "reason",
    ]
    w = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: "" if r.get(k) is None else r.get(k) for k in fields})
    return out.getvalue().encode("utf-8")
