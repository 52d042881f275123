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
    court_i, court, district = _court(rows)
    start = (
        (court_i + (2 if district and not _same_row(rows, court_i, district) else 1))
        if court_i is not None
        else 0
    )
    body = rows[start:]
    case_number, case_row = _case_number(rows, body)
    split_x = case_row.x0 - 4 if case_row is not None else page.width / 2
    left = _rows([w for r in body for w in r.words if w.bbox[2] <= split_x + 2])
    right = _rows([w for r in body for w in r.words if w.bbox[0] >= split_x - 2])
    plaintiff, defendant, left_bottom = _parties(left)
    title = _title(right, case_row, left_bottom) if case_row is not None else _heading(rows)
    if not (title and PAPER_WORD.search(title.upper())):
        named = _heading(rows)  # a paper's name ("ORDER", "MOTION") read elsewhere
        if named and PAPER_WORD.search(named.upper()):
            title = named
    if title and len(title) > MAX_TITLE:
        title = None
    return Caption(court, district, case_number, plaintiff, defendant, title)


COURT_NAME = re.compile(
    r"(?i)(?<![\w])(?:in\s+the\s+)?("
    r"united\s+states\s+(?:district|bankruptcy)\s+court"
    r"|united\s+states\s+court\s+of\s+(?:appeals|federal\s+claims|international\s+trade)"
    r"|(?:supreme|superior|circuit|district|county|family|probate|chancery)\s+court"
    r"(?:\s+of\s+appeals?)?|court\s+of\s+(?:criminal\s+)?appeals)(?![\w])"
)
LOWER_COURT_LEAD = re.compile(
    r"(?i)(?:appeal(?:ed)?\s+from|on\s+appeal|petition\s+for\s+review|review\s+of|from)(?:\s+the)?\s*$"
)
COURT_REST = re.compile(
    r"(?i)^\s*,?\s*((?:for|of)\s+(?:the\s+)?[A-Za-z .]*?(?:district|circuit|division|[A-Z][a-z]+)"
    r"(?:\s+of\s+[A-Za-z .]+)?)\s*$"
)
PLACE_LINE = re.compile(r"(?i)\b(?:district|circuit|division)\b")


def _court(rows: list[_Row]) -> tuple[int | None, str | None, str | None]:
    """The row of the court's name, the name, and the district or circuit line after it.

    A lower court named after "Appeal from the" is not the paper's court; nor is a
    letterhead's "Clerk of Court".
    """
    for i, r in enumerate(rows[:40]):
        m = COURT_NAME.search(r.text)
        if m is None or LOWER_COURT_LEAD.search(r.text[: m.start()]):
            continue
        if i and LOWER_COURT_LEAD.search(rows[i - 1].text):
            continue
        lead = re.sub(r"(?i)^\s*in\s+the\s+", "", r.text[: m.start()]).split()
        if len(lead) > (2 if r.text[: m.start()].strip().lower().startswith("in the") else 0):
            continue  # "Inc. v. Superior Court": a citation, or a letterhead's names
        if re.search(r"\d", r.text):
            continue
        court = r.text[: m.end()].strip()
        rest = COURT_REST.match(r.text[m.end() :])
        if (
            rest
            and PLACE_LINE.search(rest.group(1))
            or (rest and rest.group(1).lower().startswith("of "))
        ):
            return i, court, rest.group(1)
        if len(r.text[m.end() :].split()) > 3:
            continue  # a sentence that names a court
        district = None
        if i + 1 < len(rows):
            nxt = rows[i + 1].text
            if len(nxt) <= 80 and not re.search(r"\d", nxt) and PLACE_LINE.search(nxt):
                district = nxt
        return i, court, district
    return None, None, None


def _same_row(rows: list[_Row], i: int | None, district: str) -> bool:
    return i is not None and district in rows[i].text


LEGEND = re.compile(
    r"CONFIDENTIAL|EYES ONLY|PROTECTIVE ORDER|^Page \d|^[A-Z]{2,8}\d{5,}$", re.IGNORECASE
)


PAPER_WORD = re.compile(
    r"\b(?:MOTION|BRIEF|ORDER|DECLARATION|NOTICE|OPINION|MEMORANDUM|PETITION|REPLY|OPPOSITION"
    r"|STIPULATION|APPLICATION|COMPLAINT|ANSWER|REQUEST|JUDGMENT|RESPONSE|OBJECTION|REPORT|LETTER"
    r"|TRANSCRIPT|AFFIDAVIT)\b"
)
NOT_A_TITLE = re.compile(
    r"(?i)^(?:No\.|Case\b|Appeal\b|On\s+Appeal|Appeal\s+from|Hon\.|Honorable|Before\b|Filed\b)"
)


def _heading(rows: list[_Row]) -> str | None:
    """A paper without a caption table (an exhibit, an appellate paper): ``EXHIBIT A`` and
    the line after it; else the paper's name in capitals ("MOTION TO STAY PROCEEDINGS"),
    with the lines that go on with it; else its first line that is not a confidentiality
    legend, a stamp or a number, if it reads as a heading."""
    texts = [r.text for r in rows[:8] if not LEGEND.search(r.text)]
    for i, text in enumerate(texts):
        if re.fullmatch(r"EXHIBIT\s+\w{1,4}", text, re.IGNORECASE):
            nxt = texts[i + 1] if i + 1 < len(texts) and len(texts[i + 1]) <= 100 else ""
            return f"{text} – {nxt}" if nxt else text
    upper = [r.text for r in rows[:40]]
    for i, text in enumerate(upper):
        if text.isupper() and PAPER_WORD.search(text) and not COURT_NAME.search(text):
            lines = [text]
            for more in upper[i + 1 : i + 5]:
                if (
                    not more.isupper()
                    or NOT_A_TITLE.match(more)
                    or len(" ".join(lines)) > MAX_TITLE
                ):
                    break
                lines.append(more)
            return " ".join(lines)
    texts = [t for t in texts if not NOT_A_TITLE.match(t) and not is_stamp(t)]
    if texts and len(texts[0]) <= 80:
        return texts[0]
    return None


def is_stamp(text: str) -> bool:
    from ..detect.designations import is_ecf_stamp

    return is_ecf_stamp(text)


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


LOWER_NUMBER = re.compile(
    r"(?i)(?:\bD\.?\s?C\.?|District\s+Court|USDC|District\s+Case|Lower\s+Court|Trial\s+Court"
    r"|Agency|Superior\s+Court|BAP|Bankr(?:uptcy)?\.?(?:\s+Court)?)\s*(?:Docket|Case)?\s*"
    r"(?:No\.?|Nos\.?|Number|\#)?\s*:?\s*$"
)
APPEAL_NUMBER = re.compile(
    r"(?i)(?:\bNo\.|\bCase\s+Number\s*:|\bDocket\s*\#\s*:|\bDocket\s+No\.?\s*:?|\bAppeal\s+No\.)"
    r"\s*(\d{2}-\d{3,6})(?![\w/-])"
)


def _case_number(rows: list[_Row], body: list[_Row]) -> tuple[str | None, _Row | None]:
    """The paper's own case number and the row it stands on. Numbers of a lower court
    ("D.C. No.", "USDC No.", a number under "On Appeal from the ...") are not the paper's."""
    after_appeal = -99
    for i, r in enumerate(rows[:40]):
        if re.search(
            r"(?i)\b(?:appeal(?:ed)?\s+from|on\s+appeal|petition\s+for\s+review)\b", r.text
        ):
            after_appeal = i
        for m in _numbers(r.text):
            lower = LOWER_NUMBER.search(r.text[: m.start()]) or (0 < i - after_appeal <= 4)
            if lower and r not in body[:1]:
                continue
            words = [w for w in r.words if w.text.rstrip(".:").lower() in ("case", "no", "number")]
            row = _Row(words or r.words) if r in body else None
            return m.group(1).strip().rstrip(".,;"), row
    return None, None


def _numbers(text: str) -> list[re.Match[str]]:
    found = [*FEDERAL_NUMBER.finditer(text), *APPEAL_NUMBER.finditer(text)]
    other = OTHER_NUMBER.match(text)
    if other:
        found.append(other)
    return sorted(found, key=lambda m: m.start())


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


# -- the paper's case and court -------------------------------------------------------

_FEDERAL = re.compile(
    r"(?i)(?<![\w:])(?:(?P<office>\d{1,2})[:\-])?(?P<year>\d{2})[- ]?(?P<kind>[a-z]{2,4})[- ]?"
    r"(?P<serial>\d{1,6})(?![\d])"
)
_APPELLATE = re.compile(r"^(?P<year>\d{2})-(?P<serial>\d{3,6})$")
EDGE_CASE_LINE = re.compile(
    r"(?i)\bCase\s*(?:No\.?|#)?\s*:?\s*(\d{1,2}:\d{2}-[a-z]{2,4}-\d{2,6}(?:-[A-Z]{1,5}){0,4})"
)
EDGE = 0.12  # share of the page height at the top and bottom where stamps and footers stand


@dataclass(frozen=True)
class PaperCase:
    """The case a paper belongs to, and where that was read."""

    number: str | None  # as written, without judges' initials: "3:20-cv-02702"
    source: str = ""  # "CM/ECF header stamp", "page footer", "caption"
    court: str | None = None  # "IN THE UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT"


def read_case(doc: Document, caption: Caption) -> PaperCase:
    """The paper's case: its CM/ECF header stamps first (the docket it is filed in), then a
    "Case 3:20-cv-02702" line at the top or foot of its pages, then its caption."""
    from ..detect.designations import ecf_case_number

    court = " ".join(x for x in (caption.court, caption.district) if x) or None
    stamps: dict[str, int] = {}
    edges: dict[str, int] = {}
    for page in doc.pages:
        for text, top, bottom in _line_texts(page):
            number = ecf_case_number(text)
            if number:
                stamps[_core(number)] = stamps.get(_core(number), 0) + 1
                continue
            if bottom <= EDGE * page.height or top >= (1 - EDGE) * page.height:
                m = EDGE_CASE_LINE.search(text)
                if m:
                    edges[_core(m.group(1))] = edges.get(_core(m.group(1)), 0) + 1
    if stamps:
        return PaperCase(max(stamps, key=stamps.__getitem__), "CM/ECF header stamp", court)
    if edges:
        return PaperCase(max(edges, key=edges.__getitem__), "page header or footer", court)
    if caption.case_number:
        return PaperCase(_core(caption.case_number), "caption", court)
    return PaperCase(None, "", court)


def _line_texts(page) -> list[tuple[str, float, float]]:
    lines: dict[int, list[Word]] = {}
    for w in page.words:
        lines.setdefault(w.line, []).append(w)
    out = []
    for ws in lines.values():
        ws.sort(key=lambda w: w.bbox[0])
        out.append(
            (" ".join(w.text for w in ws), min(w.bbox[1] for w in ws), max(w.bbox[3] for w in ws))
        )
    return out


def _core(number: str) -> str:
    """A case number without the judges' initials: ``3:20-cv-02702-HSG`` -> ``3:20-cv-02702``."""
    number = " ".join(number.split()).strip(" .,;")
    m = re.match(r"(?i)^(\d{1,2}:\d{2}-[a-z]{2,4}-\d{1,6})", number)
    return m.group(1) if m else number


def case_key(number: str) -> tuple[str | None, str, str, int] | str:
    """What makes two spellings of a case number the same case: office, year, kind and
    serial of a federal number (``8:16-cv-1261`` is ``8:16-cv-01261-DOC-KES``), the digits
    of an appeal number, else the number's letters and digits."""
    text = number.strip()
    m = _APPELLATE.match(text)
    if m:
        return (None, m.group("year"), "appeal", int(m.group("serial")))
    m = _FEDERAL.search(text)
    if m:
        return (m.group("office"), m.group("year"), m.group("kind").lower(), int(m.group("serial")))
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def same_case(a: str, b: str) -> bool:
    ka, kb = case_key(a), case_key(b)
    if isinstance(ka, tuple) and isinstance(kb, tuple):
        return ka[1:] == kb[1:] and (ka[0] is None or kb[0] is None or ka[0] == kb[0])
    return ka == kb


def court_level(text: str | None) -> str | None:
    """``appeals``, ``district``, ``bankruptcy``, ``state`` or None when no court is named."""
    if not text:
        return None
    t = " ".join(text.upper().split())
    if "BANKRUPTCY" in t:
        return "bankruptcy"
    if "UNITED STATES" in t and ("COURT OF APPEALS" in t or "CIRCUIT" in t):
        return "appeals"
    if "UNITED STATES DISTRICT COURT" in t:
        return "district"
    return "state"


def district_of(text: str | None) -> str | None:
    """``EASTERN DISTRICT OF CALIFORNIA`` from a court's name, ``NINTH CIRCUIT``; None if none."""
    if not text:
        return None
    t = " ".join(text.upper().split())
    m = re.search(
        r"((?:NORTHERN|SOUTHERN|EASTERN|WESTERN|CENTRAL|MIDDLE)\s+)?DISTRICT\s+OF\s+[A-Z .]+", t
    )
    if m:
        return m.group(0).strip(" .")
    m = re.search(r"[A-Z]+\s+CIRCUIT", t)
    return m.group(0) if m else None
