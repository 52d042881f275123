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
    "DESIGNATED": "entire page, designated under a protective order",
    "BAD_REDACTION": "text under a box drawn over it",
    "HIDDEN_TEXT": "hidden text",
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
    "DESIGNATED": "designated under the protective order by "
    + BLANK.format(what="designating party")
    + "; "
    + BLANK.format(
        what="the reasons to seal it, or the designating party's consent to file it publicly"
    )
    + " (a designation alone is no reason)",
}
# Where a plan entry is: on the page, the whole page, or in the file's data (no page text)
ON_PAGE, WHOLE_PAGE, FILE_DATA = "page", "whole page", "file data"
PLACES = {
    "metadata": "document properties (metadata)",
    "annotation": "a comment",
    "form_field": "a form field",
    "bookmark": "a bookmark",
    "attachment": "an attached file",
    "javascript": "a script",
    "optional_content": "a hidden layer",
    "incremental_update": "an earlier revision of the file",
    "structure": "the file's tags or page labels",
    "hidden_text": "hidden text",
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
    kind: str = ON_PAGE  # ON_PAGE, WHOLE_PAGE or FILE_DATA

    @property
    def where(self) -> str:
        if self.surface != "page":
            return PLACES.get(self.surface, self.surface.replace("_", " ")) + (
                f" (p. {self.page})" if self.page else ""
            )
        if self.page is None:
            return "every page"
        if self.kind == WHOLE_PAGE:
            return f"p. {self.page} (entire page)"
        return f"p. {self.page}" + (f", l. {self.line}" if self.line is not None else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "exhibit": self.exhibit, "document": self.document, "id": self.id, "reference": self.reference,
            "kind": self.kind, "where": self.where, "page": self.page, "line": self.line,
            "portion": self.portion, "category": self.category, "reason": self.reason,
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
    if red.category == "DESIGNATED":
        return f"{what}{f' ({red.reason})' if red.reason else ''}"
    if red.surface != "page":
        place = PLACES.get(red.surface, red.surface.replace("_", " "))
        shape = f"{shape}; in {place}, not on a page" if shape else f"in {place}, not on a page"
    if red.action == "partial" and red.replacement:
        shape = (
            f"{shape}; public copy shows {red.replacement}"
            if shape
            else f"public copy shows {red.replacement}"
        )
    return f"{what} ({shape})" if shape else what


def reason_for(category: str, profile: CourtProfile, in_camera: bool = False) -> str:
    if category in profile.reasons:
        return profile.reasons[category]
    if category in REASONS:
        return REASONS[category]
    what = DESCRIPTIONS.get(category, category.lower())
    need = (
        "the reasons for this redaction"
        if in_camera
        else "compelling reasons / good cause to seal this portion"
    )
    return f"{what}: " + BLANK.format(what=need)


def table_rows(
    exhibits: list[Exhibit], references: dict[tuple[int, str], str], profile: CourtProfile,
    *, in_camera: bool = False,
) -> list[TableRow]:  # fmt: skip
    """One row per plan entry of every exhibit, in plan order."""
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
                    reason=reason_for(red.category, profile, in_camera),
                    surface=red.surface,
                    kind=kind_of(red),
                )
            )
    return rows


def kind_of(red: Redaction) -> str:
    if red.surface != "page":
        return FILE_DATA
    if red.category == "DESIGNATED":
        return WHOLE_PAGE
    return ON_PAGE


def table_csv(rows: list[TableRow]) -> bytes:
    out = io.StringIO()
    fields = [
        "exhibit", "document", "id", "reference", "kind", "where", "page", "line", "portion",
        "category", "reason",
    ]  # fmt: skip
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: "" if v is None else v for k, v in r.as_dict().items()})
    return out.getvalue().encode("utf-8")


def table_html(rows: list[TableRow], *, in_camera: bool = False) -> str:
    """The chart judges ask for (exhibit, location, portion, reason), each row numbered with
    its plan id and reference identifier; the documents are named once, above it. Entries in
    the file's data (document properties, comments, bookmarks) are a table of their own:
    they are not portions of the pages."""
    docs: dict[str, str] = {}
    for r in rows:
        docs.setdefault(r.exhibit, r.document)
    listing = "".join(
        f"<p class='small'><b>{html.escape(e)}</b>: {html.escape(d)}</p>" for e, d in docs.items()
    )
    portion = "Proposed redaction" if in_camera else "Portion to be sealed"
    pages = [r for r in rows if r.kind != FILE_DATA]
    data = [r for r in rows if r.kind == FILE_DATA]
    out = listing + _chart(pages, portion, "No portion of a page is proposed.")
    if data:
        out += (
            "<p class='small'><b>In the file's data, not on its pages</b> (document properties, "
            "comments, bookmarks, attachments): removed from the public copy; shown on the last "
            "page of the highlighted copy. They are not portions of the page text.</p>"
        )
        out += _chart(data, "What it is (file data, not page text)", "")
    return out


def _chart(rows: list[TableRow], portion: str, empty: str) -> str:
    head = (
        "<tr><th style='width:13%'>No.</th><th style='width:6%'>Ex.</th><th style='width:13%'>Location</th>"
        f"<th style='width:31%'>{html.escape(portion)}</th><th>Reason</th></tr>"
    )
    body = []
    for r in rows:
        body.append(
            f"<tr><td>{r.id} {html.escape(r.reference)}</td>"
            f"<td>{html.escape(r.exhibit.replace('Exhibit ', ''))}</td><td>{html.escape(r.where)}</td>"
            f"<td>{html.escape(r.portion)}</td><td>{blanks_html(html.escape(r.reason))}</td></tr>"
        )
    if not body:
        if not empty:
            return ""
        body.append(f"<tr><td colspan='5'>{html.escape(empty)}</td></tr>")
    return f"<table>{head}{''.join(body)}</table>"


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
