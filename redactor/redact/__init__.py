"""`redact`: the public copy of one filing, released only after it is proven clean.

The recipe: read the filing, plan (or take the plan a person edited), burn the
plan in, write the result to a temporary file beside the destination, verify
it with readers the renderer does not share, and only then rename it into
place. A failed verification leaves nothing at the destination.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..check.preflight import Limits, Preflight, preflight_bytes
from ..errors import BadInput, PolicyError
from ..files import write_atomic
from ..ingest import load
from ..model import Box, Document, Finding, Problem
from ..plan import Plan, Policy, make_plan
from ..render import Finish, render_public
from ..verify import expectations, verify

logger = logging.getLogger(__name__)
LOG_FIELDS = ("id", "page", "line", "category", "action", "label", "detector", "reason")


@dataclass
class RedactResult:
    output: str  # "" when only a plan was written
    plan: Plan
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    pages: int = 0
    checks: list[str] = field(default_factory=list)  # what verification checked
    page_text: list[str] = field(
        default_factory=list
    )  # each output page's text, as verification read it
    preflight: Preflight | None = None  # the public copy's e-filing pre-flight, when asked for


def redact_file(
    src: str,
    dst: str | None,
    *,
    policy: Policy | None = None,
    plan: Plan | None = None,
    plan_out: str | None = None,
    log: str | None = None,
    password: str | None = None,
    finish: Finish | None = None,
    preflight: Limits | None = None,
) -> RedactResult:
    """Write the public copy of ``src`` to ``dst``.

    Raises BadInput (unreadable input, or an output path that is the input),
    PolicyError (a plan that does not fit the file) and VerificationFailed
    (something planned can still be read: nothing is written at ``dst``).
    With ``dst`` None only the plan is made (and written to ``plan_out``).
    ``finish`` is a last step on the redacted document before it is saved and
    verified (see :func:`redactor.render.render_public`). With ``preflight`` (a court's
    limits) the public copy written is also put through the e-filing pre-flight.
    """
    policy = policy or Policy.default()
    _refuse_overwriting(src, [dst, plan_out, log])
    doc = load(src, password=password)
    logger.info("%s: read %d page(s)", src, doc.page_count)
    raw = Path(src).read_bytes()
    plan = plan if plan is not None else plan_for(doc, raw, policy)
    _check_plan_fits(plan, doc)
    logger.info("%s: plan of %d redaction(s)", src, len(plan.redactions))
    if plan_out:
        plan.save(plan_out)
    rows = plan.log_rows()
    if dst is None:
        return RedactResult(output="", plan=plan, log_rows=rows, pages=doc.page_count)
    public = render_public(doc, raw, plan, password=password, finish=finish)
    logger.info("%s: public copy rendered (%d bytes); verifying", src, len(public))
    text: list[str] = []
    checks = release(public, dst, doc, plan, page_text=text)
    for line in checks:
        logger.info("%s: verified: %s", src, line)
    if log:
        write_log(log, rows)
    flight = preflight_bytes(public, preflight, name=dst) if preflight is not None else None
    return RedactResult(
        output=dst, plan=plan, log_rows=rows, pages=doc.page_count, checks=checks, page_text=text,
        preflight=flight,
    )  # fmt: skip


def plan_for(doc: Document, raw: bytes, policy: Policy, *, extra: Sequence[Finding] = ()) -> Plan:
    """Read every surface, find the structural leaks, detect, and plan. ``extra``: findings
    of the caller's own (a package's designated pages), planned with the rest."""
    from ..detect import detect
    from ..detect.structure import page_problems
    from ..ingest import read_surfaces

    surfaces, _ = read_surfaces(doc.pdf, raw, doc.path)
    doc.surfaces = surfaces
    problems: list[Problem] = []
    for page in doc.pages:
        problems += page_problems(doc.pdf, page.number - 1, scanned=page.scanned)
    findings = detect(doc, terms=policy.terms, never=policy.never) + list(extra)
    return make_plan(doc, findings, policy, problems=problems)


def release(
    public: bytes, dst: str, doc: Document, plan: Plan, *, page_text: list[str] | None = None
) -> list[str]:
    """Write ``public`` to a temporary file beside ``dst``, verify it, then rename it into place."""
    directory = os.path.dirname(os.path.abspath(dst))
    if not os.path.isdir(directory):
        raise BadInput(
            dst, "its folder does not exist", "create the folder or choose another output path"
        )
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".redactor-", suffix=".pdf.tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(public)
        checks = verify(
            tmp, expectations(doc, plan), ocr_regions=ocr_regions(doc, plan), page_text=page_text
        )
        os.replace(tmp, dst)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if os.path.exists(dst):
            os.unlink(dst)  # an older file there would pass for this run's output
        raise
    return checks


def ocr_regions(doc: Document, plan: Plan) -> dict[int, list[Box]]:
    """The redacted areas of scanned pages (an empty list: the whole page)."""
    scanned = {p.number for p in doc.pages if p.scanned or p.ocr}
    regions: dict[int, list[Box]] = {}
    for r in plan.redactions:
        if r.surface != "page":
            continue
        pages = [r.page] if r.page is not None else sorted(scanned)
        for number in pages:
            if number not in scanned:
                continue
            if r.boxes and regions.get(number, [None]) != []:
                regions.setdefault(number, []).extend(r.boxes)
            elif not r.boxes:
                regions[number] = []
    return regions


def write_log(path: str, rows: list[dict[str, Any]]) -> None:
    """The redaction log: one row per redaction, never the value. CSV or JSON by extension."""
    if path.lower().endswith(".csv"):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=LOG_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in LOG_FIELDS})
        data = buf.getvalue()
    else:
        data = (
            json.dumps(
                {"redactions": [{k: row.get(k) for k in LOG_FIELDS} for row in rows]},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    write_atomic(path, data.encode("utf-8"))


def _refuse_overwriting(src: str, outputs: list[str | None]) -> None:
    source = Path(src).resolve()
    for out in outputs:
        if out and Path(out).resolve() == source:
            raise BadInput(
                out, "is the input file", "choose another output path: the input is never modified"
            )


def _check_plan_fits(plan: Plan, doc: Document) -> None:
    for r in plan.redactions:
        if r.page is not None and r.page > doc.page_count:
            raise PolicyError(
                f"plan entry {r.id}: page {r.page}, but the file has {doc.page_count} pages; "
                "was the plan made for another file?"
            )
