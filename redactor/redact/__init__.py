"""`redact`: the public copy of one filing, released only after it is proven clean.

The recipe: read the filing, plan (or take the plan a person edited), burn the
plan in, write the result to a temporary file beside the destination, verify
it with readers the renderer does not share, and only then rename it into
place, with its log: both are released, or neither. A failed verification
leaves nothing at the destination.

Every output is checked before any work starts (not a folder, in a folder that
exists and can be written); a failure while writing one raises OutputError
naming it. A PDF library's complaint about a damaged input becomes BadInput
(see :mod:`redactor.ingest.damage`). Temporary files that a run killed outright
left beside the destination are removed by the next run.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

from ..check.preflight import Limits, Preflight, preflight_bytes
from ..errors import BadInput, PolicyError, quoted
from ..files import (
    check_writable,
    output_error,
    remove_leftovers,
    replace,
    temp_beside,
    write_atomic,
)
from ..ingest import load
from ..ingest.damage import damage_of, reading, saved_whole, with_readable_page_tree
from ..ingest.repair import rewritten
from ..model import Box, Document, Finding, Problem
from ..plan import Plan, Policy, make_plan
from ..render import Finish, Rendered, render_public
from ..verify import UnreadableOutput, expectations, verify
from ..verify.fidelity import Cuts, Kept, kept_characters

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
    for out in (dst, log, plan_out):
        if out:
            check_writable(out)
    with reading(src):
        doc = load(src, password=password)
        logger.info("%s: read %d page(s)", quoted(src), doc.page_count)
        plan = plan if plan is not None else plan_for(doc, doc.raw, policy)
    _check_plan_fits(plan, doc)
    logger.info("%s: plan of %d redaction(s)", quoted(src), len(plan.redactions))
    if plan_out:
        _save_plan(plan, plan_out)
    rows = plan.log_rows()
    if dst is None:
        return RedactResult(output="", plan=plan, log_rows=rows, pages=doc.page_count)
    with reading(src, "while writing the public copy"):
        raw = with_readable_page_tree(src, doc.raw, password)
    text: list[str] = []
    try:
        checks = _render_and_release(src, raw, dst, doc, plan, password, finish, text, log, rows)
    except UnreadableOutput:
        # What MuPDF recovers of some damaged files and writes back, the verifying readers
        # cannot read: the file as qpdf writes it back (same pages, sound structure) instead.
        sound = rewritten(raw, password)
        if sound is None or _pages_in(sound) != doc.page_count:
            raise
        logger.info("%s: rendered again from the file as qpdf writes it back", quoted(src))
        text.clear()
        checks = _render_and_release(src, sound, dst, doc, plan, None, finish, text, log, rows)
    for line in checks:
        logger.info("%s: verified: %s", quoted(src), line)
    flight = (
        preflight_bytes(Path(dst).read_bytes(), preflight, name=dst)
        if preflight is not None
        else None
    )
    return RedactResult(
        output=dst, plan=plan, log_rows=rows, pages=doc.page_count, checks=checks, page_text=text,
        preflight=flight,
    )  # fmt: skip


def _render_and_release(
    src: str,
    raw: bytes,
    dst: str,
    doc: Document,
    plan: Plan,
    password: str | None,
    finish: Finish | None,
    text: list[str],
    log: str | None,
    rows: list[dict[str, Any]],
) -> list[str]:
    """Render the public copy of ``raw``, then verify it both ways and release it with its log."""
    rendered = Rendered()
    with reading(src, "while writing the public copy"):
        try:
            public = render_public(
                doc, raw, plan, password=password, finish=finish, record=rendered
            )
        except Exception as exc:
            if damage_of(exc) is None:
                raise
            # What a person would be told to do (open it and save it again), done here:
            # MuPDF saves the objects it can read, whole, and the copy is rendered instead.
            logger.info("%s: %s; rendering from a copy saved whole", quoted(src), damage_of(exc))
            rendered = Rendered()
            raw = saved_whole(raw, password)
            public = render_public(
                doc, raw, plan, password=password, finish=finish, record=rendered
            )
    logger.info("%s: public copy rendered (%d bytes); verifying", quoted(src), len(public))
    shown = [None if page.ocr else page.read_chars for page in doc.pages]
    kept = kept_characters(
        raw, Cuts(rendered.boxes, rendered.relayered), password=password or "", shown=shown
    )
    with reading(src, "while reading the public copy back to verify it; nothing was released"):
        checks = release(public, dst, doc, plan, page_text=text, log=log, log_rows=rows, kept=kept,
                         moved=rendered.moved)  # fmt: skip
    if kept is None:
        checks.append(
            "characters outside the planned boxes: not compared (pdfminer cannot read the input)"
        )
    return checks


def _pages_in(data: bytes) -> int:
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        return pdf.page_count


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
    public: bytes,
    dst: str,
    doc: Document,
    plan: Plan,
    *,
    page_text: list[str] | None = None,
    log: str | None = None,
    log_rows: list[dict[str, Any]] | None = None,
    kept: Kept | None = None,
    moved: dict | None = None,
) -> list[str]:
    """Write ``public`` to a temporary file beside ``dst``, verify it, then rename it into place.

    With ``log``, the redaction log of ``log_rows`` is written to a temporary file
    beside it first and renamed into place right after the public copy: if it
    cannot be written, the public copy is not released either. ``kept`` and
    ``moved``: what verification holds the copy to besides the plan (see
    :func:`redactor.verify.verify`).
    """
    check_writable(dst)
    remove_leftovers(os.path.dirname(os.path.abspath(dst)))
    staged_log = _stage(log, log_bytes(log, log_rows or [])) if log else None
    try:
        fd, tmp = temp_beside(dst, ".pdf.tmp")
        try:
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(public)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:
                raise output_error(dst, exc) from None
            checks = verify(
                tmp,
                expectations(doc, plan),
                ocr_regions=ocr_regions(doc, plan),
                page_text=page_text,
                kept=kept,
                moved=moved,
            )
            replace(tmp, dst)
            if staged_log is not None:
                replace(staged_log, log)
        except BaseException:
            _unlink(tmp)
            _unlink(dst)  # an older file there would pass for this run's output
            raise
    finally:
        if staged_log is not None:
            _unlink(staged_log)
    return checks


def _stage(path: str, data: bytes) -> str:
    """``data`` written and synced to a temporary file beside ``path``; its name."""
    check_writable(path)
    remove_leftovers(os.path.dirname(os.path.abspath(path)))
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        _unlink(tmp)
        raise output_error(path, exc) from None
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _save_plan(plan: Plan, path: str) -> None:
    try:
        plan.save(path)
    except OSError as exc:
        raise output_error(path, exc) from None


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
    write_atomic(path, log_bytes(path, rows))


def log_bytes(path: str, rows: list[dict[str, Any]]) -> bytes:
    """The redaction log of ``rows`` as written to ``path`` (CSV or JSON by its extension)."""
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
    return data.encode("utf-8")


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
