"""The work on one document, as a worker process does it: redact, stamp, verify.

A worker reads one input (a PDF, or an image made into PDF pages) and redacts
it exactly as ``redactor redact`` does (:func:`redactor.redact.redact_file`),
with one step more before the save: the Bates numbers it was given and the
legend are stamped (and each stamped page read back, so the stamp adds nothing
but itself). The stamped file is the one verified, and the text verification
read from it is the document's text file. The worker hands back the file (in
the run's temp folder, or as bytes for a remote worker), that text and the log
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

from ..errors import BadInput, OutputError, RedactorError
from ..files import WRITE_ERRNOS, output_error
from ..plan import Policy
from ..render import Finished
from .bates import bates_number, stamp
from .images import image_to_pdf, is_image

TEXT_PAGE_BREAK = "\f"  # between pages in the extracted text files
WORKER_GC_THRESHOLDS = (
    20_000,
    20,
    20,
)  # gc.set_threshold in a worker (Python's default: 700, 10, 10)


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
    text: str = ""  # read from the stamped output by verification, pages separated by a form feed
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    filename: str = ""  # the input's file name, with any planned value masked
    reason: str = ""  # why it failed (never a value)
    seconds: float = 0.0
    # the output side failed (a full disk...): (problem, remedy). Not the document's fault:
    # the run stops, and the document is produced by the next run.
    output_problem: tuple[str, str] | None = None


def policy_state(policy: Policy | None) -> dict[str, Any] | None:
    """A picklable form of a policy (its rules mapping is a read-only proxy)."""
    if policy is None:
        return None
    return {
        f.name: (dict(policy.rules) if f.name == "rules" else getattr(policy, f.name))
        for f in fields(policy)
    }


def policy_from_state(state: dict[str, Any] | None) -> Policy:
    if state is None:
        return Policy.default()
    return Policy(**{**state, "rules": MappingProxyType(dict(state["rules"]))})


def warm_up() -> None:
    """Load the detectors' models once per worker, before the first document, and settle the heap.

    What is loaded now lives as long as the worker, so it is moved out of the
    garbage collector's sight (``gc.freeze``): a full collection no longer walks
    the models' many objects. Young objects are collected less often (a document
    makes many short-lived ones and few cycles); memory still stays flat.
    """
    import gc
    import logging

    from ..detect import detect_text

    # Other libraries' warnings (pdfminer's "Could not get FontBBox"...) would reach the
    # terminal through logging's last-resort handler: a worker has no other.
    logging.getLogger().addHandler(logging.NullHandler())
    logging.captureWarnings(True)

    detect_text("Jane Roe of 12 Oak Street was born on March 3, 1990.")
    gc.collect()
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def produce(task: Task) -> Outcome:
    """Redact, verify and stamp one document. Never raises."""
    start = time.perf_counter()
    try:
        outcome = _produce(task)
    except OutputError as exc:
        outcome = Outcome(task.index, ok=False, reason=exc.problem)
        outcome.output_problem = (exc.problem, exc.remedy)
    except RedactorError as exc:
        outcome = Outcome(task.index, ok=False, reason=failure_reason(exc, task.source))
    except MemoryError:
        outcome = Outcome(task.index, ok=False, reason="ran out of memory; produce it on its own")
    except Exception as exc:  # an unexpected error: its text could quote the document
        if isinstance(exc, OSError) and exc.errno in WRITE_ERRNOS:  # the disk, not the document
            failed = output_error(task.temp_dir, exc)
            outcome = Outcome(task.index, ok=False, reason=failed.problem)
            outcome.output_problem = (failed.problem, failed.remedy)
        else:
            outcome = Outcome(
                task.index,
                ok=False,
                reason=f"could not be processed ({type(exc).__name__}); "
                "produce it alone with -v for details",
            )
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
    with tempfile.TemporaryDirectory(
        prefix="redactor-batch-"
    ) as local:  # a remote worker's own disk
        return _produce_in(task, Path(local))


def _produce_in(task: Task, work: Path) -> Outcome:
    from ..plan.forms import mask
    from ..redact import redact_file

    src = task.source
    if is_image(src):
        converted = work / f"{task.index}.scan.pdf"
        converted.write_bytes(image_to_pdf(src))
        src = str(converted)

    def finish(pdf: pymupdf.Document) -> Finished:
        numbers = [
            bates_number(task.prefix, n, task.digits)
            for n in range(task.first, task.first + pdf.page_count)
        ]
        return stamp(pdf, numbers, task.legend)

    produced = work / f"{task.index}.stamped.pdf"
    try:
        result = redact_file(
            src, str(produced), policy=policy_from_state(task.policy), finish=finish
        )
        _check_numbers_read_back(result.page_text, task)
    except BaseException:
        produced.unlink(missing_ok=True)
        raise
    finally:
        if src != task.source:
            os.unlink(src)
    terms = tuple(t for r in result.plan.redactions for t in r.terms)
    stamped: str | bytes = str(produced)
    if task.inline:
        stamped = produced.read_bytes()
        produced.unlink()
    return Outcome(
        task.index,
        ok=True,
        pages=result.pages,
        first=task.first,
        stamped=stamped,
        text=TEXT_PAGE_BREAK.join(result.page_text),
        log_rows=list(result.log_rows),
        filename=mask(Path(task.source).name, terms),
    )


def _check_numbers_read_back(page_text: list[str], task: Task) -> None:
    """Each page's Bates number, as the verifying reader read the stamped file (else StampError)."""
    from .bates import StampError

    for offset, text in enumerate(page_text):
        number = bates_number(task.prefix, task.first + offset, task.digits)
        if number not in text.split():
            raise StampError(
                f"Bates stamp check failed on page {offset + 1}: the Bates number does not read "
                "back from the verified file; nothing was produced for this document"
            )
