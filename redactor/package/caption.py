"""Read the caption of a filing from its first page: court, case number, parties, title.

A federal caption has the court centred near the top (``UNITED STATES DISTRICT
COURT`` over ``EASTERN DISTRICT OF CALIFORNIA``), then two columns: the parties
on the left (``PLAINTIFF, Plaintiff, v. DEFENDANT, Defendants.``) and on the
right ``Case No. ...`` over the title of the paper. Whatever cannot be read is
left ``None`` and the drafts show a blank for counsel to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from statistics import median

from ..model import Document, Word
from ..plan.forms import mask

FEDERAL_NUMBER = re.compile(
    r"\b(?:Case\s+)?No\.?\s*:?\s*"
    r"(\d{1,2}:\d{2}-[a-z]{2,3}-\d{2,6}(?:-[A-Z]{2,4}){0,3}"  # 2:21-cv-01234-KJM-DB
    r"|\d{2}-[a-z]{2,3}-\d{2,6}(?:-[A-Z]{2,4}){0,3})",  # 21-cv-1234-JSC
    re.IGNORECASE,
)
OTHER_NUMBER = re.compile(
    r"^(?:Case\s+No\.?|No\.)\s*:?\s*([A-Z]{0,3}\s?\d[\w:/.-]{3,30})", re.IGNORECASE
)
MAX_TITLE = 240
ROLE = re.compile(
    r"^(?:and\s+)?(?:Plaintiffs?|Defendants?|Petitioners?|Respondents?|Appellants?|Appellees?"
    r"|Counter-?\w+|Cross-?\w+|Third-Party \w+)\s*[.,;]?\s*$",
    re.IGNORECASE,
)
V_LINE = re.compile(r"^(?:v\.?|vs\.?|versus)$", re.IGNORECASE)
TITLE_STOP = re.compile(
    r"^(?:Date|Time|Judge|Hon\.|Courtroom|Ctrm|Dept|Place|Hearing|Action Filed|Trial)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Caption:
    court: str | None = None  # "UNITED STATES DISTRICT COURT"
    district: str | None = None  # "EASTERN DISTRICT OF CALIFORNIA"
    case_number: str | None = None
    plaintiff: str | None = None
    defendant: str | None = None
    title: str | None = None

    def masked(self, terms: tuple[str, ...]) -> Caption:
        """The caption with every planned value replaced by ``[…]``: it goes into public papers."""
        return replace(self, **{k: mask(v, terms) if v else v for k, v in self.__dict__.items()})


@dataclass
class _Row:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in sorted(self.words, key=lambda w: w.bbox[0])).strip()

    @property
    def top(self) -> float:
        return min(w.bbox[1] for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.bbox[0] for w in self.words)


def read_caption(doc: Document) -> Caption:
    """The caption of ``doc``'s first page (nothing raised: unread parts are ``None``)."""
    if not doc.pages:
        return Caption()
    page = doc.pages[0]
    words = [w for w in page.words if not _furniture(page, w)]
    rows = _rows(words)
    if not rows:
        return Caption()
    court_i = next(
        (i for i, r in enumerate(rows) if "COURT" in r.text.upper() and r.text.isupper()), None
    )
    court = rows[court_i].text if court_i is not None else None
    district = None
    if court_i is not None and court_i + 1 < len(rows):
        nxt = rows[court_i + 1].text
        if nxt.isupper() and re.search(r"\b(?:DISTRICT|DIVISION|CIRCUIT|FOR THE)\b", nxt):
            district = nxt
    start = (court_i + (2 if district else 1)) if court_i is not None else 0
    body = rows[start:]
    case_number, case_row = _case_number(body)
    split_x = case_row.x0 - 4 if case_row is not None else page.width / 2
    left = _rows([w for r in body for w in r.words if w.bbox[2] <= split_x + 2])
    right = _rows([w for r in body for w in r.words if w.bbox[0] >= split_x - 2])
    plaintiff, defendant, left_bottom = _parties(left)
    title = _title(right, case_row, left_bottom) if case_row is not None else _heading(rows)
    if title and len(title) > MAX_TITLE:
        title = None
    return Caption(court, district, case_number, plaintiff, defendant, title)


LEGEND = re.compile(
    r"CONFIDENTIAL|EYES ONLY|PROTECTIVE ORDER|^Page \d|^[A-Z]{2,8}\d{5,}$", re.IGNORECASE
)


def _heading(rows: list[_Row]) -> str | None:
    """A paper without a caption (an exhibit): ``EXHIBIT A`` and the line after it, or
    else its first line that is not a confidentiality legend, if it reads as a heading."""
    texts = [r.text for r in rows[:8] if not LEGEND.search(r.text)]
    for i, text in enumerate(texts):
        if re.fullmatch(r"EXHIBIT\s+\w{1,4}", text, re.IGNORECASE):
            nxt = texts[i + 1] if i + 1 < len(texts) and len(texts[i + 1]) <= 100 else ""
            return f"{text} – {nxt}" if nxt else text
    if texts and len(texts[0]) <= 80:
        return texts[0]
    return None


def _furniture(page, w: Word) -> bool:
    return 0 <= w.line < len(page.lines) and page.lines[w.line].furniture


def _rows(words: list[Word]) -> list[_Row]:
    """Words grouped into visual rows by their vertical centre, top to bottom."""
    rows: list[_Row] = []
    for w in sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0])):
        cy = (w.bbox[1] + w.bbox[3]) / 2
        if rows:
            last = rows[-1].words[-1]
            if abs((last.bbox[1] + last.bbox[3]) / 2 - cy) <= 3:
                rows[-1].words.append(w)
                continue
        rows.append(_Row([w]))
    return rows


def _case_number(rows: list[_Row]) -> tuple[str | None, _Row | None]:
    for r in rows[:40]:
        m = FEDERAL_NUMBER.search(r.text) or OTHER_NUMBER.match(r.text)
        if m:
            words = [w for w in r.words if w.text.rstrip(".:").lower() in ("case", "no")]
            row = _Row(words or r.words)
            return m.group(1).strip().rstrip(".,;"), row
    return None, None


def _parties(left: list[_Row]) -> tuple[str | None, str | None, float]:
    v = next((i for i, r in enumerate(left[:40]) if V_LINE.match(r.text)), None)
    if v is None:
        return None, None, 0.0
    before: list[str] = []
    for r in reversed(left[:v]):
        text = r.text.strip(" )")
        if not text:
            continue
        if ROLE.match(text):
            if before:
                break
            continue
        if len(before) >= 3 or text.endswith(":") or (text.isupper() and "COURT" in text):
            break
        before.insert(0, text)
    after: list[str] = []
    bottom = left[v].top
    for r in left[v + 1 : v + 8]:
        text = r.text.strip(" )")
        bottom = r.top
        if ROLE.match(text):
            break
        if text:
            after.append(text)
    return _party(before), _party(after), bottom


def _party(lines: list[str]) -> str | None:
    text = " ".join(lines).strip().rstrip(",;")
    return text or None


def _title(right: list[_Row], case_row: _Row | None, left_bottom: float) -> str | None:
    if case_row is None:
        return None
    after = [r for r in right if r.top > case_row.top + 1 and r.text]
    if not after:
        return None
    heights = [w.bbox[3] - w.bbox[1] for r in after for w in r.words]
    h = median(heights) if heights else 12.0
    lines: list[str] = []
    last_top = None
    for r in after:
        if TITLE_STOP.match(r.text) or r.text.lower().startswith("case no"):
            break
        if last_top is not None and r.top - last_top > 2.0 * h:
            break
        if last_top is None and left_bottom and r.top > left_bottom + 4 * h:
            break
        lines.append(r.text)
        last_top = r.top
    title = " ".join(lines).strip()
    return title or None
