"""The work on one document, as a worker process does it: redact, verify, stamp, check.

A worker reads one input (a PDF, or an image made into PDF pages), redacts and
verifies it exactly as ``redactor redact`` does (:func:`redactor.redact.redact_file`),
stamps the Bates numbers it was given and the legend, checks the stamp added
nothing but itself, and hands back the files (in the run's temp folder, or as
bytes for a remote worker), the extracted text of the stamped output and the log
rows. It never raises: a document that cannot be produced comes back with a
reason that names no value. Only the main process names and moves files.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pymupdf

from ..errors import BadInput, RedactorError
from ..policy import Policy
from .bates import bates_number, check_stamp, stamp_document
from .images import image_to_pdf, is_image

TEXT_PAGE_BREAK = "\f"  # between pages in the extracted text files


@dataclass(frozen=True)
class Task:
    index: int  # position in the production order
    source: str  # absolute path of the input
    first: int  # the first Bates number to stamp (provisional: the main process checks it)
    prefix: str
    digits: int
    legend: str | None
    policy: dict[str, Any] | None  # policy_state() of the policy, or None for the default
    temp_dir: str  # where this task may write; the main process owns and removes it
    inline: bool  # hand files back as bytes (and work in the worker's own temp folder)


@dataclass
class Outcome:
    index: int
    ok: bool
    pages: int = 0
    first: int = 0  # the first Bates number stamped
    stamped: str | bytes = b""  # the produced PDF: a path in temp_dir, or its bytes
    unstamped: str | bytes = b""  # the redacted PDF before the stamp (to stamp again if numbers moved)
    text: str = ""  # extracted from the stamped output, pages separated by a form feed
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    filename: str = ""  # the input's file name, with any planned value masked
    reason: str = ""  # why it failed (never a value)
    seconds: float = 0.0


def policy_state(policy: Policy | None) -> dict[str, Any] | None:
    """A picklable form of a policy (its rules mapping is a read-only proxy)."""
    if policy is None:
        return None
    return {f.name: (dict(policy.rules) if f.name == "rules" else getattr(policy, f.name)) for f in fields(policy)}


def policy_from_state(state: dict[str, Any] | None) -> Policy:
    if state is None:
        return Policy.default()
    return Policy(**{**state, "rules": MappingProxyType(dict(state["rules"]))})


def warm_up() -> None:
    """Load the detectors' models once per worker, before the first document."""
    from ..detect import detect_text

    detect_text("Jane Roe of 12 Oak Street was born on March 3, 1990.")


def produce(task: Task) -> Outcome:
    """Redact, verify and stamp one document. Never raises."""
    start = time.perf_counter()
    try:
        outcome = _produce(task)
    except RedactorError as exc:
        outcome = Outcome(task.index, ok=False, reason=failure_reason(exc, task.source))
    except MemoryError:
        outcome = Outcome(task.index, ok=False, reason="ran out of memory; produce it on its own")
    except Exception as exc:  # an unexpected error: its text could quote the document
        outcome = Outcome(task.index, ok=False,
                          reason=f"could not be processed ({type(exc).__name__}); produce it alone with -v for details")
    outcome.seconds = time.perf_counter() - start
    return outcome


def failure_reason(exc: RedactorError, source: str) -> str:
    """One line for the errors file: the problem and what to do, without the path or any value."""
    if isinstance(exc, BadInput):
        return f"{exc.problem}; {exc.remedy}"
    text = str(exc)
    for prefix in (f"{source}: ", f"{Path(source).name}: "):
        text = text.replace(prefix, "")
    return f"{exc.code} {text}"


def _produce(task: Task) -> Outcome:
    if not task.inline:
        Path(task.temp_dir).mkdir(parents=True, exist_ok=True)
        return _produce_in(task, Path(task.temp_dir))
    with tempfile.TemporaryDirectory(prefix="redactor-batch-") as local:  # a remote worker's own disk
        return _produce_in(task, Path(local))


def _produce_in(task: Task, work: Path) -> Outcome:
    from ..plan import mask
    from ..redact import redact_file

    src = task.source
    if is_image(src):
        converted = work / f"{task.index}.scan.pdf"
        converted.write_bytes(image_to_pdf(src))
        src = str(converted)
    redacted = work / f"{task.index}.redacted.pdf"
    result = redact_file(src, str(redacted), policy=policy_from_state(task.policy))
    terms = tuple(t for r in result.plan.redactions for t in r.terms)
    with pymupdf.open(str(redacted)) as before:
        numbers = [bates_number(task.prefix, n, task.digits) for n in range(task.first, task.first + before.page_count)]
        stamped_bytes, text = stamp_and_check(before, numbers, task.legend)
        pages = before.page_count
    if task.inline:
        stamped: str | bytes = stamped_bytes
        unstamped: str | bytes = redacted.read_bytes()
        redacted.unlink()
    else:
        path = work / f"{task.index}.stamped.pdf"
        path.write_bytes(stamped_bytes)
        stamped, unstamped = str(path), str(redacted)
    if src != task.source:
        os.unlink(src)
    return Outcome(
        task.index, ok=True, pages=pages, first=task.first, stamped=stamped, unstamped=unstamped, text=text,
        log_rows=list(result.log_rows), filename=mask(Path(task.source).name, terms),
    )


def stamp_and_check(before: pymupdf.Document, numbers: list[str], legend: str | None) -> tuple[bytes, str]:
    """The stamped PDF's bytes and its text; VerificationFailed if the stamp added anything but itself."""
    from ..errors import VerificationFailed

    with stamp_document(before, numbers, legend) as after:
        problem = check_stamp(before, after, numbers, legend)
        if problem:
            raise VerificationFailed(f"Bates stamp check failed: {problem}; nothing was produced for this document")
        data = save_stamped(after)
    with pymupdf.open("pdf", data) as final:
        text = TEXT_PAGE_BREAK.join(page.get_text() for page in final)
    return data, text


def save_stamped(pdf: pymupdf.Document) -> bytes:
    """The stamped copy, written whole; its file identifier is made from its content, so the
    same document gives the same bytes in any worker, on any machine."""
    import io

    import pikepdf

    from ..render.scrub import PRODUCER

    data = pdf.tobytes(garbage=4, deflate=True, no_new_id=True)
    with pikepdf.open(io.BytesIO(data)) as p:
        if "/ID" in p.trailer:
            del p.trailer.ID
        p.trailer.Info = p.make_indirect(pikepdf.Dictionary(Producer=pikepdf.String(PRODUCER)))
        out = io.BytesIO()
        p.save(out, deterministic_id=True, compress_streams=True, linearize=False)
    return out.getvalue()
