"""`check`: everything in a PDF that must not reach the public record, page by page.

Reads like the recipe it is: ingest, read the other surfaces, look for structural
leaks on every page, detect sensitive text everywhere, and say whether the file
is fit to file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..detect import detect
from ..detect.structure import page_problems
from ..errors import quoted
from ..ingest import load, read_surfaces
from ..ingest.damage import reading
from ..model import SEVERITY_FIX, Document, Finding, Problem
from ..plan import Policy

log = logging.getLogger(__name__)


@dataclass
class CheckResult:
    file: str
    pages: int
    findings: list[Finding]  # private: planned for redaction or review
    kept: list[Finding]  # public record, recognised and left alone
    problems: list[Problem]
    document: Document | None = field(default=None, repr=False)

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
) -> CheckResult:
    """Check one PDF. Raises BadInput when it cannot be read.

    ``data``: the PDF's bytes when they do not come from ``path`` (standard input);
    ``path`` then only names them. ``progress`` is called with 1 for each page looked at.
    """
    policy = policy or Policy.default()
    with reading(path):
        return _check(path, password, policy, ocr, progress, data)


def _check(
    path: str,
    password: str | None,
    policy: Policy,
    ocr: bool,
    progress: Callable[[int], None] | None,
    data: bytes | None,
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
    problems = list(problems) + page_level_problems(doc, progress)
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
    """Structural problems of every page: bad redactions, hidden text, missing text layers."""
    problems: list[Problem] = []
    for page in doc.pages:
        if page.ocr:
            detail = (
                "the page is a scanned image whose only live text is a stamp or header; its "
                "words were read by OCR (courts want searchable pages: redact produces one)"
                if page.has_text_layer
                else "the page is an image with no text layer; its words were read by OCR "
                "(courts want searchable pages: redact produces one)"
            )
            problems.append(Problem(kind="no_text_layer", detail=detail, page=page.number))
        problems.extend(page_problems(doc.pdf, page.number - 1, scanned=page.scanned))
        if progress:
            progress(1)
    return problems
