"""One review of one filing: the proposed plan, what the reviewer decided, and the plan that results.

A :class:`ReviewSession` starts from the plan ``redact`` would apply (made by the
same code as the redact command's plan, or read from a plan file) and the structural
problems ``check`` reports. Every entry is *pending* until the reviewer accepts
or rejects it; the reviewer may also change an entry's action (the whole value,
or the FRCP 5.2 public form), draw a box (it becomes an entry holding the text
it covers) and search a word or phrase to redact every occurrence. Every change
can be undone.

The plan a review saves holds every entry not rejected: an entry nobody looked
at is redacted as proposed (fail closed). It is the format the redact command writes,
written atomically, and Apply runs :func:`redactor.redact.redact_file` on the
file just saved, as the redact command does with a plan file, so the two give the same
bytes.

Values are held here and sent to the review page only; nothing in this module
logs one.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import categories, surfaces
from ..check import page_level_problems
from ..errors import BadInput, PolicyError, RedactorError, VerificationFailed
from ..ingest import load, read_surfaces
from ..model import SEVERITY_FIX, Box, Document, Problem, mostly_under, union
from ..plan import Plan, Policy, Redaction
from ..plan.forms import NAME_STOPWORDS, fold, public_form, term_forms, term_pattern
from ..redact import plan_for, redact_file

log = logging.getLogger(__name__)

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
STATUSES = (PENDING, ACCEPTED, REJECTED)
HISTORY = 500  # changes that can be undone
MIN_TERM = 3  # shorter text under a drawn box is not searched for (verification skips it too)

# What `redact` does about each kind of problem `check` reports.
REMEDIES: dict[str, str] = {
    **{s.name: s.remedy for s in surfaces.SURFACES},
    "bad_redaction": "the text under the box is removed and a real redaction burned in",
    "no_text_layer": "redacted as an image; the public copy gets a fresh text layer read by OCR "
    "from the redacted page",
    "encrypted": "the public copy is written without encryption",
    "thumbnail": "page thumbnails are removed",
    "media": "the annotation is deleted with every other comment",
    "unreadable_part": "redact empties the surface it belongs to and verification reads the "
    "output again; look at this part by hand",
}


@dataclass(frozen=True)
class Entry:
    """A plan entry under review."""

    redaction: Redaction
    status: str = PENDING
    added: bool = False  # made in this review (drawn, or found by a search)


@dataclass(frozen=True)
class Occurrence:
    """A place a searched phrase is written: its page and boxes (page space), and whether
    entries of the plan already cover it."""

    page: int
    boxes: tuple[Box, ...]
    text: str
    covered: bool


@dataclass
class ApplyResult:
    ok: bool
    exit_code: int
    message: str
    output: str = ""
    plan: str = ""
    checks: list[str] = field(default_factory=list)


class ReviewSession:
    """The state of one review. Every public method takes the session's lock: the
    server answers requests on several threads, and PyMuPDF is not thread-safe."""

    def __init__(
        self,
        src: str,
        *,
        policy: Policy | None = None,
        plan_path: str | None = None,
        output: str | None = None,
        log_path: str | None = None,
        password: str | None = None,
    ) -> None:
        self.src = src
        self.policy = policy or Policy.default()
        self.plan_path = plan_path or default_plan_path(src)
        self.output = output or default_output_path(src)
        self.log_path = log_path
        self.password = password
        _refuse_input(src, [self.plan_path, self.output, self.log_path])
        self.lock = threading.RLock()
        self.doc: Document = load(src, password=password)
        self.loaded = bool(plan_path) and Path(plan_path).exists()
        if self.loaded:
            proposed = Plan.load(self.plan_path)
            for r in proposed.redactions:
                if r.page is not None and r.page > self.doc.page_count:
                    raise PolicyError(
                        f"{self.plan_path}: plan entry {r.id}: page {r.page}, but the file has "
                        f"{self.doc.page_count} pages; was the plan made for another file?"
                    )
        else:
            proposed = plan_for(self.doc, self.doc.raw, self.policy)
        self.plan_file = proposed.file or src
        self.plan_policy = proposed.policy
        self.problems = self._problems(proposed)
        self.entries: list[Entry] = [Entry(r) for r in proposed.redactions]
        self._history: list[list[Entry]] = []
        self._issued = max((_number(e.redaction.id) for e in self.entries), default=0)
        self._saved = None if not self.loaded else self.plan().to_json()
        self.last_apply: ApplyResult | None = None

    # -- what the page shows ---------------------------------------------------------

    def _problems(self, proposed: Plan) -> list[Problem]:
        """The structural problems check reports; a kind the plan has entries for must be fixed."""
        found, problems = read_surfaces(self.doc.pdf, self.doc.raw, self.src)
        if not self.doc.surfaces:
            self.doc.surfaces = found
        problems = list(problems) + page_level_problems(self.doc)
        leaking = {r.surface for r in proposed.redactions if r.surface != "page"}
        problems = [replace(p, severity=SEVERITY_FIX) if p.kind in leaking else p for p in problems]
        return sorted(set(problems), key=Problem.sort_key)

    def plan(self) -> Plan:
        """The plan as the review stands: every entry not rejected."""
        with self.lock:
            kept = [e.redaction for e in self.entries if e.status != REJECTED]
            return Plan(file=self.plan_file, redactions=kept, policy=self.plan_policy)

    @property
    def dirty(self) -> bool:
        """The review has changes no saved plan holds."""
        with self.lock:
            return self.plan().to_json() != self._saved

    @property
    def saved(self) -> bool:
        """A plan file holds this review as it was at some point (saved, or read at the start)."""
        return self._saved is not None

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    def entry(self, rid: str) -> Entry:
        for e in self.entries:
            if e.redaction.id == rid:
                return e
        raise KeyError(rid)

    def public_form_of(self, r: Redaction) -> str | None:
        """The FRCP 5.2 form this entry's value may keep, if its category has one."""
        if not r.terms:
            return None
        return public_form(r.category, r.terms[0], keep_city_state=self.policy.keep_city_state)

    def counts(self) -> dict[str, int]:
        with self.lock:
            out = dict.fromkeys(STATUSES, 0)
            for e in self.entries:
                out[e.status] += 1
            return out

    def remedy(self, problem: Problem) -> str:
        """What redact will do about ``problem``, naming the plan entry that deals with it."""
        text = REMEDIES.get(problem.kind, "reported only: look at it by hand")
        if problem.kind in ("bad_redaction", "hidden_text") and problem.bbox is not None:
            category = "BAD_REDACTION" if problem.kind == "bad_redaction" else "HIDDEN_TEXT"
            for e in self.entries:
                r = e.redaction
                if r.category == category and r.page == problem.page and r.boxes:
                    if mostly_under(r.boxes[0], [problem.bbox]):
                        text += f" (plan entry {r.id})"
                        break
        return text

    # -- what the reviewer does ------------------------------------------------------

    def decide(self, ids: Iterable[str], status: str) -> int:
        """Accept, reject or reset entries; returns how many changed."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        wanted = set(ids)
        with self.lock:
            unknown = wanted - {e.redaction.id for e in self.entries}
            if unknown:
                raise KeyError(sorted(unknown)[0])
            changed = [
                i
                for i, e in enumerate(self.entries)
                if e.redaction.id in wanted and e.status != status
            ]
            if changed:
                self._remember()
                for i in changed:
                    self.entries[i] = replace(self.entries[i], status=status)
            return len(changed)

    def ids_of_category(self, category: str) -> list[str]:
        with self.lock:
            return [e.redaction.id for e in self.entries if e.redaction.category == category]

    def mentions(self, rid: str) -> list[str]:
        """Every entry that mentions what ``rid`` does (:func:`same_mention`)."""
        with self.lock:
            base = self.entry(rid).redaction
            return [
                e.redaction.id
                for e in self.entries
                if e.redaction.id == rid or same_mention(base, e.redaction)
            ]

    def set_action(self, rid: str, action: str) -> None:
        """The whole value (``redact``) or the FRCP 5.2 form (``partial``)."""
        with self.lock:
            index = self.entries.index(self.entry(rid))
            r = self.entries[index].redaction
            if action == r.action:
                return
            if r.action == "remove":
                raise ValueError(f"{rid} removes hidden text; its action cannot change")
            if action == "partial":
                form = self.public_form_of(r)
                if form is None:
                    raise ValueError(f"{r.category} has no public form for {rid}'s value")
                new = replace(r, action="partial", label=form, replacement=form)
            elif action == "redact":
                new = replace(
                    r, action="redact", label=self.policy.label_for(r.category), replacement=None
                )
            else:
                raise ValueError("action must be redact or partial")
            self._remember()
            self.entries[index] = replace(self.entries[index], redaction=new)

    def draw(self, page: int, box: Box, category: str = "TERM") -> Redaction:
        """A box the reviewer drew (page space): a new entry, accepted, holding the text it covers.

        The box is widened to take in whole every character whose middle it covers,
        so no half letter is left standing; whatever else lies under it (image
        pixels, drawings) goes too.
        """
        category = _category(category)
        with self.lock:
            doc_page = self.page(page)
            box = _clip(box, (0.0, 0.0, doc_page.width, doc_page.height), doc_page.rotation)
            if box[2] - box[0] < 1 or box[3] - box[1] < 1:
                raise ValueError("the box is too small")
            covered, under = _text_in(doc_page, box)
            if under:
                box = union([box, *under])
            new = self._new_entry(
                page,
                (_round(box),),
                category,
                covered,
                detector="review:drawn",
                reason="a box the reviewer drew",
            )
            self._remember()
            self.entries.append(Entry(new, ACCEPTED, added=True))
            return new

    def find(self, query: str) -> list[Occurrence]:
        """Every place on the pages ``query`` is written (however spaced or cased)."""
        query = " ".join(query.split())
        if len(query) < 2:
            return []
        pattern = term_pattern(query)
        with self.lock:
            planned = self._planned_boxes()
            out = []
            for page in self.doc.pages:
                for m in pattern.finditer(page.text.text):
                    boxes = tuple(page.text.boxes_for(m.start(), m.end()))
                    if not boxes:
                        continue
                    covered = all(mostly_under(b, planned.get(page.number, [])) for b in boxes)
                    text = " ".join(m.group(0).split())
                    out.append(Occurrence(page.number, boxes, text, covered))
            return out

    def redact_everywhere(self, query: str, category: str = "TERM") -> list[Redaction]:
        """One new entry, accepted, for each occurrence of ``query`` no entry covers yet."""
        category = _category(category)
        with self.lock:
            found = [o for o in self.find(query) if not o.covered]
            if not found:
                return []
            self._remember()
            added = []
            for o in found:
                new = self._new_entry(
                    o.page,
                    tuple(_round(b) for b in o.boxes),
                    category,
                    o.text,
                    detector="review:search",
                    reason="every occurrence of a phrase the reviewer searched for",
                )
                self.entries.append(Entry(new, ACCEPTED, added=True))
                added.append(new)
            return added

    def undo(self) -> bool:
        with self.lock:
            if not self._history:
                return False
            self.entries = self._history.pop()
            return True

    # -- saving and applying ---------------------------------------------------------

    def save(self) -> str:
        """Write the plan (the format the redact command writes) atomically; returns where."""
        with self.lock:
            text = self.plan().to_json()
            Plan.from_json(text, source=self.plan_path)  # what the redact command will read
            self.plan().save(self.plan_path)
            self._saved = text
            log.info("review: plan of %d redaction(s) saved", len(self.plan().redactions))
            return self.plan_path

    def apply(self) -> ApplyResult:
        """Save the plan, then redact with the saved file: verified and written, or nothing."""
        with self.lock:
            try:
                self.save()
                plan = Plan.load(self.plan_path)
                result = redact_file(
                    self.src,
                    self.output,
                    policy=self.policy,
                    plan=plan,
                    log=self.log_path,
                    password=self.password,
                )
            except VerificationFailed as exc:
                outcome = ApplyResult(False, int(exc.exit_code), str(exc), plan=self.plan_path)
            except RedactorError as exc:
                outcome = ApplyResult(
                    False, int(exc.exit_code), f"[{exc.code}] {exc}", plan=self.plan_path
                )
            except OSError as exc:
                where = f"{exc.filename}: " if exc.filename else ""
                outcome = ApplyResult(
                    False, 2, f"{where}{exc.strerror or type(exc).__name__}", plan=self.plan_path
                )
            except Exception as exc:  # never the exception's own text: it could quote the filing
                log.debug("review: apply failed", exc_info=True)  # the traceback, with debugging on
                outcome = ApplyResult(
                    False,
                    2,
                    f"could not be processed ({type(exc).__name__}); this is a bug in redactor: "
                    "please report it",
                    plan=self.plan_path,
                )
            else:
                outcome = ApplyResult(
                    True,
                    0,
                    f"{_plural(len(plan.redactions), 'redaction')} on "
                    f"{_plural(result.pages, 'page')}",
                    output=self.output,
                    plan=self.plan_path,
                    checks=list(result.checks),
                )
            self.last_apply = outcome
            return outcome

    # -- helpers ---------------------------------------------------------------------

    def _remember(self) -> None:
        self._history.append(list(self.entries))
        del self._history[:-HISTORY]

    def page(self, number: int):  # noqa: ANN201 - a model.Page
        """Page ``number`` of the filing (ValueError when there is none)."""
        if not 1 <= number <= self.doc.page_count:
            raise ValueError(f"the filing has no page {number}")
        return self.doc.pages[number - 1]

    def _planned_boxes(self) -> dict[int, list[Box]]:
        out: dict[int, list[Box]] = {}
        for e in self.entries:
            r = e.redaction
            if e.status != REJECTED and r.page is not None and r.surface == "page":
                out.setdefault(r.page, []).extend(r.boxes)
        return out

    def _next_id(self) -> str:
        """A number never given in this review (one undone is not given again)."""
        self._issued += 1
        return f"R-{self._issued:04d}"

    def _new_entry(
        self, page: int, boxes: tuple[Box, ...], category: str, text: str, *, detector: str,
        reason: str,
    ) -> Redaction:  # fmt: skip
        terms = term_forms(category, text) if len(text) >= MIN_TERM else ()
        return Redaction(
            id=self._next_id(),
            page=page,
            boxes=boxes,
            category=category,
            action="redact",
            label=self.policy.label_for(category),
            detector=detector,
            reason=reason,
            line=self.page(page).pleading_line_at(boxes[0]),
            terms=terms,
        )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _number(rid: str) -> int:
    return int(rid.split("-", 1)[1])


def default_plan_path(src: str) -> str:
    """Where the plan is saved when no plan file is named: beside the filing."""
    p = Path(src)
    return str(p.with_name(f"{p.stem}-plan.json"))


def default_output_path(src: str) -> str:
    """Where the public copy is written when no output is named: beside the filing."""
    p = Path(src)
    return str(p.with_name(f"{p.stem}-public.pdf"))


def _refuse_input(src: str, outputs: list[str | None]) -> None:
    source = Path(src).resolve()
    for out in outputs:
        if out and Path(out).resolve() == source:
            raise BadInput(
                out, "is the input file", "choose another path: the input is never modified"
            )


def _category(name: str) -> str:
    category = categories.canonical(name) if isinstance(name, str) else None
    if category is None or category in categories.PUBLIC:
        raise ValueError(f"unknown private category '{name}'")
    return category


def same_mention(a: Redaction, b: Redaction) -> bool:
    """Whether two entries mention the same thing: the same value however written, or for
    people's names the same person (one name's words all among the other's: "Ms. Clifford"
    and "Lakshmi Clifford" are one person, "Lakshmi Patel" is another)."""
    if not a.terms or not b.terms:
        return False
    if fold(a.terms[0]) == fold(b.terms[0]):
        return True
    names = categories.PERSON_NAMES
    if a.category not in names or b.category not in names:
        return False
    x, y = _name_words(a.terms[0]), _name_words(b.terms[0])
    return bool(x and y) and (x <= y or y <= x)


def _name_words(name: str) -> frozenset[str]:
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    return frozenset(
        w.casefold() for w in words if len(w) >= 2 and w.lower().strip(".") not in NAME_STOPWORDS
    )


def _text_in(page, box: Box) -> tuple[str, list[Box]]:  # noqa: ANN001 - a model.Page
    """The page's text whose characters have their middle in ``box`` (a blank wherever
    the text breaks off), and those characters' boxes."""
    parts: list[str] = []
    boxes: list[Box] = []
    for c, b in zip(page.text.text, page.text.char_boxes, strict=False):
        if (
            b is not None
            and box[0] <= (b[0] + b[2]) / 2 <= box[2]
            and box[1] <= (b[1] + b[3]) / 2 <= box[3]
        ):
            parts.append(c)
            if not c.isspace():
                boxes.append(b)
        else:
            parts.append(" ")
    return " ".join("".join(parts).split()), boxes


def _clip(box: Box, page: Box, rotation: int) -> Box:
    """``box`` ordered and kept on the page (a rotated page's width and height swap)."""
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    w, h = (page[3], page[2]) if rotation in (90, 270) else (page[2], page[3])
    return (max(x0, 0.0), max(y0, 0.0), min(x1, w), min(y1, h))


def _round(b: Box) -> Box:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))
