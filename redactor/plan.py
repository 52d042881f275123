"""The Plan: every redaction that will be burned into the public copy, as plain JSON.

Findings become one :class:`Redaction` each (with the same value found elsewhere
in the document added as its own entries), numbered ``R-0001``... in page order.
A Redaction carries the boxes to black out, what to write on them (a label, or
for an FRCP 5.2 partial action the public form such as ``XXX-XX-1234``), and
``terms``: the value and the other spellings of it that verification searches
for. Terms are written to the plan file, so a person can edit a plan and apply
it again; they are never written to the redaction log.

A person may add entries by hand: boxes with no terms (the box is blacked out)
or terms with no boxes (every page is searched for them).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import PolicyError, check_keys
from .files import write_atomic
from .model import Box, Document, Finding, Page, Problem, mostly_under
from .policy import Policy

PLAN_FORMAT = "redactor-plan/1"
PLAN_NOTICE = "contains the values; do not file"
SURFACES = (
    "page", "metadata", "annotation", "form_field", "bookmark", "attachment",
    "javascript", "optional_content", "incremental_update", "hidden_text",
)  # fmt: skip
ACTIONS = ("redact", "partial", "remove")  # remove: hidden text taken out, nothing painted
NAME_CATEGORIES = frozenset({"PERSON", "MINOR", "OFFICER_NAME"})
# Words of a name that say nothing about who it is: never searched for on their own.
NAME_STOPWORDS = frozenset(
    "the and for von van der den del della las los mr mrs ms miss dr jr sr ii iii iv esq "
    "hon minor child student officer detective sergeant deputy doe roe".split()
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Redaction:
    id: str
    page: int | None  # 1-based; None: every page (terms searched everywhere)
    boxes: tuple[Box, ...]
    category: str
    action: str  # "redact" or "partial"
    label: str  # the words burned on the box (for partial: the public form)
    detector: str
    reason: str
    line: int | None = None  # pleading-paper line, as a court cites it
    surface: str = "page"
    where: str = ""
    replacement: str | None = None  # the public form kept as text (partial actions)
    terms: tuple[str, ...] = ()  # the value and its other spellings: never logged

    def log_row(self) -> dict[str, Any]:
        """The row of the redaction log: where and why, never the value."""
        return {
            "id": self.id,
            "page": self.page,
            "line": self.line,
            "category": self.category,
            "action": self.action,
            "label": self.label,
            "detector": self.detector,
            "reason": self.reason,
        }


@dataclass
class Plan:
    file: str
    redactions: list[Redaction] = field(default_factory=list)
    policy: str = "default"
    notice: str = PLAN_NOTICE

    def to_json(self) -> str:
        body = {
            "format": PLAN_FORMAT,
            "notice": self.notice,
            "file": self.file,
            "policy": self.policy,
            "redactions": [_entry_to_json(r) for r in self.redactions],
        }
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "plan") -> Plan:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise PolicyError(f"{source}: not valid JSON (line {exc.lineno}); fix the plan file") from None
        if not isinstance(raw, dict) or not isinstance(raw.get("redactions"), list):
            raise PolicyError(f"{source}: a plan is an object with a 'redactions' list")
        if raw.get("format", PLAN_FORMAT) != PLAN_FORMAT:
            raise PolicyError(f"{source}: format must be '{PLAN_FORMAT}'")
        entries = [_entry_from_json(e, f"{source}: redactions[{i}]") for i, e in enumerate(raw["redactions"])]
        seen: set[str] = set()
        for i, r in enumerate(entries):
            if r.id in seen:
                raise PolicyError(f"{source}: redactions[{i}]: id '{r.id}' is used twice")
            seen.add(r.id)
        return cls(file=str(raw.get("file", "")), redactions=entries, policy=str(raw.get("policy", "plan")))

    def save(self, path: str) -> None:
        """Write the plan atomically (a temporary file beside it, then a rename)."""
        write_atomic(path, self.to_json().encode("utf-8"))

    @classmethod
    def load(cls, path: str) -> Plan:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PolicyError(f"{path}: no such plan file; check the path") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(f"{path}: cannot be read ({type(exc).__name__}); check the file") from None
        return cls.from_json(text, source=path)

    def log_rows(self) -> list[dict[str, Any]]:
        return [r.log_row() for r in self.redactions]


# -- from findings to a plan -----------------------------------------------------------


def make_plan(
    doc: Document,
    findings: list[Finding],
    policy: Policy | None = None,
    *,
    problems: list[Problem] | None = None,
) -> Plan:
    """Turn the private findings into redactions, one entry each, in page order.

    ``review`` findings are redacted (a person can remove them from the plan);
    ``keep`` findings and public ones are left alone. A value found once is also
    blacked out wherever else it appears on the pages. ``problems`` from
    :func:`redactor.structure.page_problems` add entries too: a box drawn over
    live text becomes a real redaction, hidden text is removed.
    """
    policy = policy or Policy.default()
    drafts: list[dict[str, Any]] = []
    for f in findings:
        if not f.private or not policy.enabled(f.category):
            continue
        action = policy.action_for(f.category)
        if action == "keep":
            continue
        drafts.append(_draft(f, action, policy))
    drafts += _policy_terms(doc, policy, drafts)
    drafts += _structural(doc, problems or [], policy)
    drafts += _same_value_elsewhere(doc, drafts)
    drafts = _dedupe(drafts)
    drafts.sort(key=_draft_order)
    redactions = [Redaction(id=f"R-{i:04d}", **d) for i, d in enumerate(drafts, 1)]
    return Plan(file=doc.path, redactions=redactions, policy=policy.source)


def _draft(f: Finding, action: str, policy: Policy) -> dict[str, Any]:
    value = " ".join(f.text.split())
    replacement = public_form(f.category, value, keep_city_state=policy.keep_city_state) if action == "partial" else None
    if action == "partial" and replacement is None:
        action = "redact"  # no public form can be made of it: the whole value goes
    reason = f.why if action != "review" else f"held for review: {f.why}"
    terms = term_forms(f.category, value)
    return {
        "page": f.page,
        "boxes": tuple(_round_box(b) for b in f.bboxes) if f.surface == "page" else (),
        "category": f.category,
        "action": "partial" if action == "partial" else "redact",
        "label": replacement if replacement else policy.label_for(f.category),
        "detector": f.detector,
        "reason": mask(reason, terms),
        "line": f.line,
        "surface": f.surface,
        "where": mask(f.where, terms),
        "replacement": replacement,
        "terms": terms,
    }


def _policy_terms(doc: Document, policy: Policy, drafts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The user's own terms that no finding covers yet: searched for on every page."""
    known = {t.casefold() for d in drafts for t in d["terms"]}
    out = []
    for term in policy.terms:
        if term.text.casefold() in known:
            continue
        action = term.action or policy.action_for(term.category)
        if action == "keep":
            continue
        f = Finding(term.category, term.text, None, (), "policy-term", 1.0, "a term of the user's policy")
        draft = _draft(f, action, policy)
        draft["page"] = None
        out.append(draft)
    return out


def _structural(doc: Document, problems: list[Problem], policy: Policy) -> list[dict[str, Any]]:
    """Bad redactions in the input made real; hidden text taken out."""
    out = []
    for p in problems:
        if p.kind not in ("bad_redaction", "hidden_text") or p.page is None or p.bbox is None:
            continue
        page = doc.pages[p.page - 1] if 0 < p.page <= len(doc.pages) else None
        covered = _text_under(page, p.bbox) if page else ""
        bad = p.kind == "bad_redaction"
        out.append(
            {
                "page": p.page,
                "boxes": (_round_box(p.bbox),),
                "category": "BAD_REDACTION" if bad else "HIDDEN_TEXT",
                "action": "redact" if bad else "remove",
                "label": policy.label if bad else "",
                "detector": "structure",
                "reason": "a box drawn over text still in the file: the text is removed"
                if bad
                else "text a reader cannot see but a parser reads: removed",
                "line": page.pleading_line_at(p.bbox) if page else None,
                "surface": "page",
                "where": "",
                "replacement": None,
                "terms": (covered,) if len(covered) >= 4 else (),
            }
        )
    return out


def _text_under(page: Page, box: Box) -> str:
    """The text of the page whose characters sit inside ``box`` (centre test)."""
    chars = []
    for c, b in zip(page.text.text, page.text.char_boxes, strict=False):
        if b is None:
            chars.append(" ")
            continue
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        chars.append(c if box[0] <= cx <= box[2] and box[1] <= cy <= box[3] else " ")
    return " ".join("".join(chars).split())


def _same_value_elsewhere(doc: Document, drafts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Other places on the pages where a planned value is written: they go too."""
    planned: dict[int, list[Box]] = {}
    for d in drafts:
        if d["page"] is not None:
            planned.setdefault(d["page"], []).extend(d["boxes"])
    folded = {page.number: fold(page.text.text) for page in doc.pages}
    out = []
    for d in drafts:
        value = d["terms"][0] if d["terms"] else ""
        if len(value) < 4 or d["surface"] != "page" or d["page"] is None:
            continue
        pattern, key = term_pattern(value), term_key(value)
        for page in doc.pages:
            if key not in folded[page.number]:
                continue
            for m in pattern.finditer(page.text.text):
                boxes = page.text.boxes_for(m.start(), m.end())
                if not boxes or any(mostly_under(b, planned.get(page.number, [])) for b in boxes):
                    continue
                extra = dict(d, page=page.number, boxes=tuple(_round_box(b) for b in boxes))
                extra.update(detector="same-value", surface="page", where="", line=_line(page, boxes[0]))
                extra["reason"] = "the same value as a finding elsewhere in the document"
                out.append(extra)
                planned.setdefault(page.number, []).extend(boxes)
    return out


def _dedupe(drafts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple] = set()
    out = []
    for d in drafts:
        key = (d["page"], d["surface"], d["where"], d["category"], d["boxes"], d["terms"])
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _draft_order(d: dict[str, Any]) -> tuple:
    box = d["boxes"][0] if d["boxes"] else (0.0, 0.0, 0.0, 0.0)
    return (d["page"] or 0, d["surface"] != "page", d["where"], round(box[1]), box[0], d["category"], d["terms"])


def _line(page: Page, box: Box) -> int | None:
    return page.pleading_line_at(box)


def _round_box(b: Box) -> Box:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


# -- the public forms of FRCP 5.2 ----------------------------------------------------


def public_form(category: str, value: str, *, keep_city_state: bool = False) -> str | None:
    """What may remain of a value under FRCP 5.2(a), or None when nothing can."""
    digits = re.sub(r"\D", "", value)
    if category == "SSN" and len(digits) == 9:
        return f"XXX-XX-{digits[-4:]}"
    if category == "TIN" and len(digits) == 9:
        return f"XX-XXX{digits[-4:]}"
    if category in ("ACCOUNT", "CARD") and len(digits) >= 5:
        return "X" * (len(digits) - 4) + digits[-4:]
    if category == "DOB":
        year = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", value)
        if year:
            return f"XX/XX/{year.group(1)}"
        short = re.fullmatch(r"\s*\d{1,2}[/.-]\d{1,2}[/.-](\d\d)\s*", value)
        return f"XX/XX/{short.group(1)}" if short else None
    if category == "MINOR":
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", value) if w.lower().strip(".") not in NAME_STOPWORDS]
        return "".join(f"{w[0].upper()}." for w in words) or None
    if category == "ADDRESS" and keep_city_state:
        m = re.search(r"([A-Z][A-Za-z .'-]+?),?\s+([A-Z]{2})\.?(?:\s+\d{5}(?:-\d{4})?)?\s*$", value)
        if m:
            city = m.group(1).split(",")[-1].strip()
            city = re.sub(r"^(?:\d+\s+)?(?:.*\b(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Way|Blvd|Court|Ct|Place|Pl|Apt\.?\s*\w+|Unit\s*\w+))\.?\s+", "", city)
            if city and not re.search(r"\d", city):
                return f"{city}, {m.group(2)}"
    return None


# -- the spellings verification looks for --------------------------------------------


def term_forms(category: str, value: str) -> tuple[str, ...]:
    """The value and the other ways the same thing can be written, value first.

    Digit values add their digits alone (separators are matched loosely by
    :func:`term_pattern`); dates add the other date styles; names add
    ``Last, First`` and each word of three letters or more that says who it is
    (matched as whole words, checked against how often the word appears
    outside the redactions). A partial action's removed digits are a form too.
    """
    value = " ".join(value.split())
    forms: list[str] = [value]
    digits = re.sub(r"\D", "", value)
    letters = re.sub(r"[^A-Za-z]", "", value)
    if len(digits) >= 6 and len(letters) <= 2:
        forms.append(digits)
        kept = {"SSN": 4, "TIN": 4, "ACCOUNT": 4, "CARD": 4}.get(category)
        if kept and len(digits) - kept >= 5:
            forms.append(digits[:-kept])
    if category == "DOB":
        forms += _date_forms(value)
    if category in NAME_CATEGORIES:
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", value) if len(w) >= 3]
        words = [w for w in words if w.lower().strip(".") not in NAME_STOPWORDS]
        if len(words) >= 2:
            forms.append(f"{words[-1]}, {' '.join(words[:-1])}")
        forms += words
    if category == "ADDRESS":
        street = re.split(r",|\n", value)[0].strip()
        if street != value and len(street) >= 6 and re.search(r"\d", street):
            forms.append(street)
    if category == "EMAIL":
        forms.append(value.lower())
    out: list[str] = []
    for f in forms:
        if f and f not in out:
            out.append(f)
    return tuple(out)


def _date_forms(value: str) -> list[str]:
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if m:
        month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", value)
        names = [n.lower() for n in MONTHS]
        if not m or m.group(1)[:3].lower() not in [n[:3] for n in names]:
            return []
        month = [n[:3] for n in names].index(m.group(1)[:3].lower()) + 1
        day, year = int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return []
    name = MONTHS[month - 1]
    return [
        f"{month:02d}/{day:02d}/{year}", f"{month}/{day}/{year}", f"{year}-{month:02d}-{day:02d}",
        f"{name} {day}, {year}", f"{day} {name} {year}",
    ]  # fmt: skip


def is_word_form(category: str, term: str) -> bool:
    """A single word of a name: counted against its public uses rather than banned."""
    return category in NAME_CATEGORIES and " " not in term and "," not in term


def whole_forms(category: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The spellings of the whole value (not single name words, not the removed digits alone)."""
    if not terms:
        return ()
    full = len(re.sub(r"\D", "", terms[0]))
    out = []
    for t in terms:
        if is_word_form(category, t) and len(terms) > 1:
            continue
        if t.isdigit() and len(t) < full:
            continue
        out.append(t)
    return tuple(out)


def is_number_form(term: str) -> bool:
    """Whether :func:`term_pattern` reads ``term`` as a number: its digits, with any separators."""
    digits = sum(ch.isdecimal() for ch in term)  # what \d matches
    letters = sum(ch.isascii() and ch.isalpha() for ch in term)
    return digits >= 6 and letters <= 2


@functools.lru_cache(maxsize=8192)  # the same values are looked for by plan, render and verify
def term_pattern(term: str) -> re.Pattern[str]:
    """A regex that finds ``term`` however a reader spaced or split it.

    Digit runs match with or without separators; other text matches with any
    run of blanks between words, case-insensitively, never inside a longer word
    or number.
    """
    if is_number_form(term):
        digits = re.sub(r"\D", "", term)
        body = r"[ \t\-./()]{0,2}".join(re.escape(c) for c in digits)
        return re.compile(rf"(?<!\d){body}(?!\d)")
    parts = [re.escape(p) for p in term.split()]
    body = r"\s+".join(parts)
    lead = r"(?<![\w])" if term[:1].isalnum() else ""
    tail = r"(?![\w])" if term[-1:].isalnum() else ""
    return re.compile(lead + body + tail, re.IGNORECASE)


_NOT_ALNUM = re.compile(r"[\W_]+")
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())  # what [\W_] is in ASCII


def _case_fixes() -> dict[int, int]:
    """Letters the regex engine takes for one another ignoring case beyond lower() (ı and i, ſ and s)."""
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - older or newer Pythons: NFKC covers the usual ones
        return {}
    return {c: min((c, *others)) for c, others in _EXTRA_CASES.items()}


_CASE_FIXES = _case_fixes()


def fold(text: str) -> str:
    """Letters and digits only, lower case: whatever a :func:`term_pattern` matches, folded, is in here.

    Folding goes character by character, so the folded match is a run of the
    folded text: a text whose folded form lacks a term's :func:`term_key` holds
    no match of its pattern, and need not be searched.
    """
    if text.isascii():  # most texts: the same letters and digits, kept by a byte table (the fixes map ASCII to itself)
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return _NOT_ALNUM.sub("", text.lower()).translate(_CASE_FIXES)


@functools.lru_cache(maxsize=8192)
def term_key(term: str) -> str:
    """The folded letters and digits every match of ``term_pattern(term)`` holds.

    "" (search everywhere) for a term beyond ASCII: its case rules are not guessed.
    """
    if not term.isascii():
        return ""
    return fold(re.sub(r"\D", "", term) if is_number_form(term) else term)


def mask(text: str, terms: tuple[str, ...]) -> str:
    """``text`` with every form of the value replaced by ``[…]`` (for log fields)."""
    folded = fold(text)
    for t in sorted(terms, key=len, reverse=True):
        if len(t) >= 3 and term_key(t) in folded:
            text = term_pattern(t).sub("[…]", text)
    return text


# -- plan file entries ------------------------------------------------------------------


def _entry_to_json(r: Redaction) -> dict[str, Any]:
    d = asdict(r)
    d["boxes"] = [list(b) for b in r.boxes]
    d["terms"] = list(r.terms)
    return d


_FIELDS = {
    "id": str, "page": (int, type(None)), "boxes": list, "category": str, "action": str,
    "label": str, "detector": str, "reason": str, "line": (int, type(None)), "surface": str,
    "where": str, "replacement": (str, type(None)), "terms": list,
}  # fmt: skip
_REQUIRED = ("id", "category")


def _entry_from_json(e: Any, where: str) -> Redaction:
    if not isinstance(e, dict):
        raise PolicyError(f"{where}: must be an object")
    check_keys(e, _FIELDS, where)
    for key in _REQUIRED:
        if key not in e:
            raise PolicyError(f"{where}: '{key}' is missing")
    for key, kind in _FIELDS.items():
        if key in e and (not isinstance(e[key], kind) or isinstance(e[key], bool)):
            raise PolicyError(f"{where}.{key}: has the wrong type")
    if not re.fullmatch(r"R-\d{4,}", e["id"]):
        raise PolicyError(f"{where}.id: must look like R-0001")
    action = e.get("action", "redact")
    if action not in ACTIONS:
        raise PolicyError(f"{where}.action: must be one of {', '.join(ACTIONS)}")
    surface = e.get("surface", "page")
    if surface not in SURFACES:
        raise PolicyError(f"{where}.surface: must be one of {', '.join(SURFACES)}")
    boxes = []
    for j, b in enumerate(e.get("boxes", [])):
        if (
            not isinstance(b, list)
            or len(b) != 4
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in b)
            or b[2] <= b[0]
            or b[3] <= b[1]
        ):
            raise PolicyError(f"{where}.boxes[{j}]: must be [x0, y0, x1, y1] with x1 > x0 and y1 > y0")
        boxes.append(tuple(float(v) for v in b))
    terms = e.get("terms", [])
    if not all(isinstance(t, str) and t.strip() for t in terms):
        raise PolicyError(f"{where}.terms: must be a list of non-empty strings")
    page = e.get("page")
    if page is not None and page < 1:
        raise PolicyError(f"{where}.page: pages are numbered from 1")
    if boxes and page is None:
        raise PolicyError(f"{where}: boxes need a page")
    if not boxes and not terms and surface == "page":
        raise PolicyError(f"{where}: give boxes, terms, or both")
    replacement = e.get("replacement")
    if action == "partial" and not replacement:
        raise PolicyError(f"{where}: a partial action needs its replacement (the public form)")
    return Redaction(
        id=e["id"],
        page=page,
        boxes=tuple(boxes),
        category=e["category"],
        action=action,
        label=e.get("label") or (replacement if action == "partial" else "REDACTED"),
        detector=e.get("detector", "manual"),
        reason=e.get("reason", "added to the plan by hand"),
        line=e.get("line"),
        surface=surface,
        where=e.get("where", ""),
        replacement=replacement,
        terms=tuple(" ".join(t.split()) for t in terms),
    )
