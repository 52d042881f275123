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

import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import surfaces
from ..errors import PolicyError, check_keys
from ..files import write_atomic
from ..model import Box, Document, Finding, Page, Problem, mostly_under
from .forms import fold, mask, public_form, term_forms, term_key, term_pattern, whole_forms
from .policy import Policy

PLAN_FORMAT = "redactor-plan/1"
PLAN_NOTICE = "contains the values; do not file"
SURFACES = surfaces.PLAN_SURFACES
ACTIONS = ("redact", "partial", "remove")  # remove: hidden text taken out, nothing painted


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
            raise PolicyError(
                f"{source}: not valid JSON (line {exc.lineno}); fix the plan file"
            ) from None
        if not isinstance(raw, dict) or not isinstance(raw.get("redactions"), list):
            raise PolicyError(f"{source}: a plan is an object with a 'redactions' list")
        if raw.get("format", PLAN_FORMAT) != PLAN_FORMAT:
            raise PolicyError(f"{source}: format must be '{PLAN_FORMAT}'")
        entries = [
            _entry_from_json(e, f"{source}: redactions[{i}]")
            for i, e in enumerate(raw["redactions"])
        ]
        seen: set[str] = set()
        for i, r in enumerate(entries):
            if r.id in seen:
                raise PolicyError(f"{source}: redactions[{i}]: id '{r.id}' is used twice")
            seen.add(r.id)
        return cls(
            file=str(raw.get("file", "")), redactions=entries, policy=str(raw.get("policy", "plan"))
        )

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
            raise PolicyError(
                f"{path}: cannot be read ({type(exc).__name__}); check the file"
            ) from None
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
    :func:`redactor.detect.structure.page_problems` add entries too: a box drawn over
    live text becomes a real redaction, hidden text is removed.
    """
    policy = policy or Policy.default()
    drafts: list[dict[str, Any]] = []
    for f in findings:
        decision = policy.decide(f)
        if decision is None or decision[1] == "keep":
            continue
        category, action = decision
        drafts.append(
            _draft(f if category == f.category else replace(f, category=category), action, policy)
        )
    drafts += _policy_terms(doc, policy, drafts)
    drafts += _structural(doc, problems or [], policy)
    kept: dict[int, list[Box]] = {}  # what check lists as public record: never touched
    for f in findings:
        decision = policy.decide(f)
        if (
            f.surface == "page"
            and f.page is not None
            and decision is not None
            and decision[1] == "keep"
        ):
            kept.setdefault(f.page, []).extend(f.bboxes)
    drafts += _same_value_elsewhere(doc, drafts, kept)
    drafts = _dedupe(drafts)
    drafts.sort(key=_draft_order)
    redactions = [Redaction(id=f"R-{i:04d}", **d) for i, d in enumerate(drafts, 1)]
    return Plan(file=doc.path, redactions=redactions, policy=policy.source)


def _draft(f: Finding, action: str, policy: Policy) -> dict[str, Any]:
    value = " ".join(f.text.split())
    replacement = (
        public_form(f.category, value, keep_city_state=policy.keep_city_state)
        if action == "partial"
        else None
    )
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


def _policy_terms(
    doc: Document, policy: Policy, drafts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The user's own terms that no finding covers yet: searched for on every page."""
    known = {t.casefold() for d in drafts for t in d["terms"]}
    out = []
    for term in policy.terms:
        if term.text.casefold() in known:
            continue
        action = term.action or policy.action_for(term.category)
        if action == "keep":
            continue
        f = Finding(
            term.category, term.text, None, (), "policy-term", 1.0, "a term of the user's policy"
        )
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


def _same_value_elsewhere(
    doc: Document, drafts: list[dict[str, Any]], kept: dict[int, list[Box]] | None = None
) -> list[dict[str, Any]]:
    """Every other place on the pages where a planned value is written, in any spelling of it
    that verification reads as the whole value (``whole_forms``): they go too ("redact all"),
    unless the value stands there as public record that ``check`` lists as kept (``kept``: the
    boxes of such findings, by page): one decision for both.

    The plan and verification look with the same patterns (:func:`term_pattern`), so
    nothing verification would call a survivor is left out of the plan. A value found
    in a hiding place (metadata, a comment) is looked for on the pages as well.
    """
    kept = kept or {}
    planned: dict[int, list[Box]] = {}
    for d in drafts:
        if d["page"] is not None:
            planned.setdefault(d["page"], []).extend(d["boxes"])
    folded = {page.number: fold(page.text.text) for page in doc.pages}
    out = []
    for d in drafts:
        if d["surface"] == "page" and d["page"] is None:
            continue  # a term with no place: searched on every page when it is burned in
        for value in whole_forms(d["category"], d["terms"]):
            if len(value) < 4:
                continue
            pattern, key = term_pattern(value), term_key(value)
            for page in doc.pages:
                if key not in folded[page.number]:
                    continue
                for m in pattern.finditer(page.text.text):
                    boxes = page.text.boxes_for(m.start(), m.end())
                    if not boxes or any(
                        mostly_under(b, planned.get(page.number, [])) for b in boxes
                    ):
                        continue
                    if all(mostly_under(b, kept.get(page.number, [])) for b in boxes):
                        continue
                    extra = dict(d, page=page.number, boxes=tuple(_round_box(b) for b in boxes))
                    extra.update(
                        detector="same-value", surface="page", where="", line=_line(page, boxes[0])
                    )
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
    return (
        d["page"] or 0,
        d["surface"] != "page",
        d["where"],
        round(box[1]),
        box[0],
        d["category"],
        d["terms"],
    )


def _line(page: Page, box: Box) -> int | None:
    return page.pleading_line_at(box)


def _round_box(b: Box) -> Box:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


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
            raise PolicyError(
                f"{where}.boxes[{j}]: must be [x0, y0, x1, y1] with x1 > x0 and y1 > y0"
            )
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
