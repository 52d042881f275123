"""`check`: everything in a PDF that must not reach the public record, page by page.

Reads like the recipe it is: ingest, read the other surfaces, look for structural
leaks on every page, find pages a protective order designates, detect sensitive
text everywhere, run the e-filing pre-flight (:mod:`redactor.check.preflight`), and
say whether the file is fit to file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..detect import detect
from ..detect.designations import designation_problems, designations
from ..detect.structure import page_problems
from ..errors import quoted
from ..ingest import load, read_surfaces
from ..ingest.damage import reading
from ..model import SEVERITY_FIX, Document, Finding, Problem
from ..plan import Policy
from .preflight import SURFACE_KINDS, Limits, Preflight, preflight_document

log = logging.getLogger(__name__)


@dataclass
class CheckResult:
    file: str
    pages: int
    findings: list[Finding]  # private: planned for redaction or review
    kept: list[Finding]  # public record, recognised and left alone
    problems: list[Problem]
    document: Document | None = field(default=None, repr=False)
    preflight: Preflight | None = None  # the e-filing pre-flight (its problems are in ``problems``)

    @property
    def clean(self) -> bool:
        return not self.findings and not any(p.severity == SEVERITY_FIX for p in self.problems)


def check_file(
    path: str,
    *,
    password: str | None = None,
    policy: Policy | None = None,
    ocr: bool = True,
    progress: Callable[[int], None] | None = None,
    data: bytes | None = None,
    court: str | None = None,
) -> CheckResult:
    """Check one PDF. Raises BadInput when it cannot be read.

    ``data``: the PDF's bytes when they do not come from ``path`` (standard input);
    ``path`` then only names them. ``progress`` is called with 1 for each page looked at.
    ``court``: the court profile whose e-filing limits the file must meet (the policy's
    court when None; with neither, the strictest profile's).
    """
    policy = policy or Policy.default()
    limits = Limits.for_court(court or policy.court)
    with reading(path):
        return _check(path, password, policy, ocr, progress, data, limits)


def _check(
    path: str,
    password: str | None,
    policy: Policy,
    ocr: bool,
    progress: Callable[[int], None] | None,
    data: bytes | None,
    limits: Limits,
) -> CheckResult:
    doc = load(path, password=password, ocr=ocr, data=data)
    log.info(
        "%s: read %d page(s)%s",
        quoted(path),
        doc.page_count,
        f", {sum(p.ocr for p in doc.pages)} by OCR" if any(p.ocr for p in doc.pages) else "",
    )
    surfaces, problems = read_surfaces(doc.pdf, doc.raw, path)
    doc.surfaces = surfaces
    log.info("%s: %d other surface text(s) read", quoted(path), len(surfaces))
    flight = preflight_document(doc, limits, problems)
    # the pre-flight holds the surface reader's encryption, script, attachment, media and form problems
    problems = [p for p in problems if p.kind not in SURFACE_KINDS] + flight.problems
    problems += page_level_problems(doc, progress)
    problems += designation_problems(
        designations(doc, legends=policy.legends, bates_prefixes=policy.bates_prefixes)
    )
    findings = decided(detect(doc, terms=policy.terms, never=policy.never), policy)
    log.info("%s: %d finding(s), %d problem(s)", quoted(path), len(findings), len(problems))
    problems = _escalate(problems, [f for f in findings if f.private])
    return CheckResult(
        file=path,
        pages=doc.page_count,
        findings=sorted((f for f in findings if f.private), key=Finding.sort_key),
        kept=sorted((f for f in findings if not f.private), key=Finding.sort_key),
        problems=sorted(set(problems), key=Problem.sort_key),
        document=doc,
        preflight=flight,
    )


def decided(findings: list[Finding], policy: Policy) -> list[Finding]:
    """The findings with the plan's decision on each (category and action); those of a
    category the policy turned off are left out. The same decision the plan makes."""
    out = []
    for f in findings:
        decision = policy.decide(f)
        if decision is not None:
            out.append(replace(f, category=decision[0], action=decision[1]))
    return out


def _escalate(problems: list[Problem], private: list[Finding]) -> list[Problem]:
    """A surface worth only a note (bookmarks, plain metadata) must be fixed once
    something private was found in it."""
    leaking = {f.surface for f in private if f.surface != "page"}
    return [replace(p, severity=SEVERITY_FIX) if p.kind in leaking else p for p in problems]


def page_level_problems(
    doc: Document, progress: Callable[[int], None] | None = None
) -> list[Problem]:
    """Structural problems of every page: bad redactions, hidden text (pages without a text
    layer are the pre-flight's)."""
    problems: list[Problem] = []
    for page in doc.pages:
        problems.extend(page_problems(doc.pdf, page.number - 1, scanned=page.scanned))
        if progress:
            progress(1)
    return problems
