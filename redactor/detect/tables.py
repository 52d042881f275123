"""Tables: a cell is what its column header says it is.

A customer list, a patient roster or a table of officers and their discipline
says nothing in its cells about what they are ("05/17/2010", "43924631"); the
header row does ("Date of Birth", "MRN"). This detector finds header rows by
their words, lays out the columns by the headers' x positions, and reports
every cell below as the header's category, down to the end of the table.
"""

from __future__ import annotations

import itertools
import re

from ..model import Box, Page
from .spans import Span

_HEADERS: tuple[tuple[str, str], ...] = (
    ("MINOR", r"child(?:['’]s name)?|minor|student(?: name)?|juvenile"),
    ("OFFICER_NAME", r"officer(?: name)?|deputy|subject officer|involved officer"),
    (
        "PERSON",
        r"(?:full |patient |customer |client |contact )?name|patient|customer|client|complainant|witness|"
        r"caller|contact|inmate|employee|resident|individual|person|account holder|cardholder|tenant",
    ),
    ("DOB", r"dob|d\.o\.b\.?|date of birth|birth ?date|born"),
    (
        "MRN",
        r"mrn|medical record(?: no\.?| number)?|chart(?: no\.?| number)?|patient (?:id|no\.?|number)",
    ),
    (
        "MEDICAL",
        r"diagnos[ie]s|condition|medical condition|treatment|medications?|injur(?:y|ies)|health (?:condition|issue)",
    ),
    (
        "PHONE",
        r"(?:home |cell |mobile |personal )?(?:phone|telephone)(?: no\.?| number)?|cell|mobile",
    ),
    ("EMAIL", r"(?:personal )?e-?mail(?: address)?"),
    ("ADDRESS", r"(?:home |street |mailing |residential )?address|residence"),
    ("SSN", r"ssn|social security(?: no\.?| number)?"),
    ("ACCOUNT", r"(?:bank )?account(?: no\.?| number)?|acct\.?(?: no\.?)?"),
    ("CARD", r"(?:credit |debit )?card(?: no\.?| number)?"),
    ("DRIVERS_LICENSE", r"driver['’]?s? licen[cs]e(?: no\.?| number)?|dl(?: no\.?)?"),
    ("MINOR_SCHOOL", r"school"),
    ("BADGE", r"badge(?: no\.?| number)?|star(?: no\.?)?"),
    (
        "IA_CASE",
        r"ia (?:file|case|no\.?|number)(?: no\.?)?|ia|internal affairs (?:no\.?|case|file)|investigation(?: no\.?)?",
    ),
    (
        "IA_FINDING",
        r"findings?(?: ?/ ?discipline)?|discipline|disposition|outcome|finding and discipline",
    ),
)
_HEADER_RX = [(cat, re.compile(rf"(?i)^\s*(?:{rx})\s*:?\s*$")) for cat, rx in _HEADERS]
# Every header at once: a line it does not match is no header, and is read once instead of once a rule.
_ANY_HEADER = re.compile(
    r"(?i)^\s*(?:" + "|".join(f"(?:{rx})" for _, rx in _HEADERS) + r")\s*:?\s*$"
)
_ROW_TOLERANCE = 4.0  # points: header cells of one row share a baseline within this
_MAX_GAP = 70.0  # points: a gap this tall below the last cell ends the table


def header_category(text: str) -> str | None:
    if not _ANY_HEADER.match(text):
        return None
    for cat, rx in _HEADER_RX:
        if rx.match(text):
            return cat
    return None


def _line_ranges(page: Page) -> dict[int, tuple[int, int]]:
    """Each line's (start, end) in the page text: from its first character to its last."""
    ranges: dict[int, list[int]] = {}
    pos = 0
    for li, run in itertools.groupby(page.text.char_lines):
        end = pos + len(list(run))
        if li >= 0:
            r = ranges.setdefault(li, [pos, end])
            r[1] = end
        pos = end
    return {li: (s, e) for li, (s, e) in ranges.items()}


def _cy(b: Box) -> float:
    return (b[1] + b[3]) / 2


def table_spans(page: Page) -> list[Span]:
    """Cells of tables whose header row names a protected kind of value."""
    text = page.text.text
    ranges = _line_ranges(page)
    body = sorted(
        (li for li in ranges if not page.lines[li].furniture),
        key=lambda li: (_cy(page.lines[li].bbox), page.lines[li].bbox[0]),
    )
    header = {li: header_category(text[slice(*ranges[li])]) for li in body}
    if sum(1 for c in header.values() if c) < 2:
        return []  # a header row needs two header cells: this page has no table
    cy = {li: _cy(page.lines[li].bbox) for li in body}
    spans: list[Span] = []
    used: set[int] = set()
    for li in body:
        if li in used:
            continue
        row = [o for o in body if abs(cy[o] - cy[li]) <= _ROW_TOLERANCE]
        if len(row) < 2:
            continue
        cats = {o: header[o] for o in row}
        if sum(1 for c in cats.values() if c) < 2:
            continue
        used.update(row)
        columns = sorted(row, key=lambda o: page.lines[o].bbox[0])
        spans += _cells(page, text, ranges, body, columns, cats, used)
    return spans


def _cells(page, text, ranges, body, columns, cats, used) -> list[Span]:
    lefts = [page.lines[o].bbox[0] for o in columns]
    bottom = max(page.lines[o].bbox[3] for o in columns)
    last_y = bottom
    out = []
    for li in body:
        box = page.lines[li].bbox
        if li in used or box[1] < bottom - 1:
            continue
        if box[1] - last_y > _MAX_GAP:
            break
        col = max((i for i, x in enumerate(lefts) if box[0] >= x - 8), default=None)
        if col is None:
            break
        right = lefts[col + 1] if col + 1 < len(lefts) else page.width
        if box[2] > right + 8:
            break  # a line that runs across columns: the table has ended
        last_y = box[3]
        used.add(li)
        header = columns[col]
        cat = cats[header]
        if cat:
            s, e = ranges[li]
            label = " ".join(text[slice(*ranges[header])].split())
            out.append(
                Span(cat, s, e, "table:column", 0.8, f"cell under the column {label!r} of a table")
            )
    return out
