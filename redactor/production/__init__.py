"""`batch`: a whole production, redacted, Bates-stamped, with load files.

The recipe, one line a step:

1. list the inputs (every PDF and scanned image under IN_DIR, in path order, or
   the order of a list file) and set aside those the journal says are done;
2. count the pages of the rest (cheap) and settle the first Bates number from
   the registry of used ranges;
3. hand documents to the workers (a process pool or a Dask cluster), each told
   the Bates numbers it will most likely hold; workers redact, stamp, then verify
   the stamped file;
4. commit results strictly in input order (a reorder buffer): the main process
   checks each document holds the next numbers, moves its files into place under
   its first Bates number, journals it and extends the registry. A document that
   failed gets no numbers and leaves no gap; one whose numbers moved because of
   that is sent to a worker again with the right ones;
5. write the load files, the redaction log and the errors file from the journal.

Workers only compute. The main process owns numbering, files, the journal and
the progress bar (pages done, pages a second, time left, on stderr).
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..files import output_error
from ..plan import Policy
from .bates import BatesRange, BatesRegistry, bates_number, check_prefix
from .commit import Committer
from .executors import make_executor
from .inputs import Item, list_inputs, survey
from .journal import Journal
from .outputs import write_outputs
from .schedule import schedule
from .worker import policy_state

__all__ = ["ProductionResult", "ProducedDocument", "FailedDocument", "run_production"]

REGISTRY_NAME = "bates-registry.json"
WORKER_PRELOAD = ["redactor.production.warm"]  # loaded once, in the server that starts the workers
LOCK_NAME = ".lock"


@dataclass(frozen=True)
class ProducedDocument:
    source: str  # the input, relative to IN_DIR
    bates: BatesRange
    file: str  # the produced PDF, relative to OUT_DIR
    text: str  # its extracted text, relative to OUT_DIR
    redactions: int


@dataclass(frozen=True)
class FailedDocument:
    source: str
    reason: str  # never a value


@dataclass
class ProductionResult:
    out_dir: str
    prefix: str
    produced: list[ProducedDocument] = field(default_factory=list)  # this run's inputs, in order
    failed: list[FailedDocument] = field(default_factory=list)
    resumed: int = 0  # inputs an earlier run had already finished
    ignored: int = 0  # files under IN_DIR that are neither PDFs nor images
    pages: int = 0  # pages produced by this run
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every document was produced; 2 when some could not be."""
        return 2 if self.failed else 0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def run_production(
    in_dir: str,
    out_dir: str,
    *,
    prefix: str,
    start: int | None = None,
    digits: int = 8,
    legend: str | None = None,
    policy: Policy | None = None,
    workers: int | None = None,
    executor: str = "process",
    scheduler: str | None = None,
    order_file: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ProductionResult:
    """Produce every document under ``in_dir`` into ``out_dir``. See the module docstring.

    ``progress``: None, or a function called with the number of pages to produce,
    which returns what is told of each page done: a function called with the
    number of pages just done, or an object with ``update(n)`` (and ``close()``),
    such as a progress bar. Raises RedactorError for bad arguments, and
    OutputError when OUT_DIR cannot be written (a full disk stops the run: what
    was committed stays, and the same call made again produces the rest);
    a document that cannot be produced is listed in ``errors.csv`` instead.
    Worker processes start from a server process that imports the caller's main
    module again: call this from under ``if __name__ == "__main__":`` in a script.
    """
    began = time.perf_counter()
    check_prefix(prefix)
    out = Path(out_dir)
    items, ignored = list_inputs(in_dir, out, order_file)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(out, exc) from None
    with _folder_lock(out):
        return _run(
            in_dir,
            out,
            items,
            ignored,
            began,
            prefix=prefix,
            start=start,
            digits=digits,
            legend=legend,
            policy=policy,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            progress=progress,
        )


@contextmanager
def _folder_lock(out: Path) -> Iterator[None]:
    """One run at a time in a production folder: two would hand out the same numbers."""
    import fcntl

    from .bates import BatesError

    try:
        fh = open(out / LOCK_NAME, "a+b")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise output_error(out, exc) from None
    with fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatesError(
                f"{out}: another batch run is producing into this folder; wait for it to end"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _run(
    in_dir: str,
    out: Path,
    items: list[Item],
    ignored: int,
    began: float,
    *,
    prefix: str,
    start: int | None,
    digits: int,
    legend: str | None,
    policy: Policy | None,
    workers: int | None,
    executor: str,
    scheduler: str | None,
    progress,
) -> ProductionResult:
    _remove_stale_work(out)
    journal = Journal(out)
    registry = BatesRegistry.load(out / REGISTRY_NAME)
    try:
        _reconcile(registry, journal)
        done = journal.done()
        pending = survey([i for i in items if i.key not in done])
        first = _first_number(
            registry, journal, prefix, start, digits, sum(i.pages for i in pending)
        )
        run = None
        if pending:
            run = _begin_run(journal, prefix, start, first, digits, legend)
            work = out / f".work-{run}"
            committer = Committer(
                out,
                journal,
                registry,
                run=run,
                prefix=prefix,
                digits=digits,
                legend=legend,
                first=first,
            )
            pool = make_executor(
                executor,
                workers=workers,
                scheduler=scheduler,
                initializer=_warm_up,
                preload=WORKER_PRELOAD,
            )
            bar = progress(sum(i.pages for i in pending)) if progress is not None else None
            try:
                schedule(
                    pool,
                    pending,
                    committer,
                    prefix=prefix,
                    digits=digits,
                    legend=legend,
                    policy=policy_state(policy),
                    work=work,
                    first=first,
                    progress=bar,
                )
            finally:
                pool.close(cancel=True)
                shutil.rmtree(work, ignore_errors=True)
                if hasattr(bar, "close"):
                    bar.close()
            journal.append({"type": "finished", "run": run})
        write_outputs(out, journal)
        return _result(out, prefix, items, journal, run, len(items) - len(pending), ignored, began)
    finally:
        journal.close()


def _reconcile(registry: BatesRegistry, journal: Journal) -> None:
    """Make the registry hold every range the journal committed.

    A crash between a document's journal line and the registry update would
    otherwise let the next run hand out that document's numbers again.
    """
    changed = False
    for r in journal.records():
        if r["type"] == "produced":
            changed |= registry.cover(r["prefix"], r["run"], r["first"], r["last"])
    if changed:
        registry.save()


def _first_number(
    registry: BatesRegistry,
    journal: Journal,
    prefix: str,
    start: int | None,
    digits: int,
    pages: int,
) -> int:
    """Where this run's numbers begin: after the last used, or ``start`` if it is free.

    A run started with an explicit first number N that was interrupted is resumed when the
    same command is given again: its numbers go on from where it stopped.
    """
    from .bates import BatesError

    if start is not None and start < 1:
        raise BatesError(f"the first Bates number must be 1 or more, not {start}", option="start")
    following = registry.next_number(prefix)
    if not pages:  # nothing left to number: the same command run again after it finished
        return following
    if start is None:
        return _fits(prefix, following, pages, digits)
    first = _resume_point(journal, prefix, start) or start
    clash = registry.overlap(prefix, first, first + max(pages, 1) - 1)
    if clash:
        raise BatesError(
            f"first Bates number {start}: {prefix} numbers {clash[0]}-{clash[1]} are already used "
            f"(see {REGISTRY_NAME}); start at {following} or later, or give no first number",
            option="start",
        )
    return _fits(prefix, first, pages, digits)


def _fits(prefix: str, first: int, pages: int, digits: int) -> int:
    if pages:
        bates_number(prefix, first + pages - 1, digits)  # the last number must fit the digits
    return first


def _resume_point(journal: Journal, prefix: str, start: int) -> int | None:
    """Where an interrupted run begun with the first number ``start`` goes on, if there is one."""
    last_run, committed = None, None
    for r in journal.records():
        if r["type"] == "run" and r["prefix"] == prefix:
            last_run, committed = r, None
        elif last_run is None:
            continue
        elif r["type"] == "finished" and r["run"] == last_run["run"]:
            last_run = None
        elif r["type"] == "produced" and r["prefix"] == prefix:
            committed = r["last"]
    if last_run is None or last_run.get("requested_start") != start:
        return None
    return (committed + 1) if committed is not None else last_run["first"]


def _begin_run(
    journal: Journal, prefix: str, start: int | None, first: int, digits: int, legend: str | None
) -> str:
    run = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    journal.append(
        {
            "type": "run",
            "run": run,
            "prefix": prefix,
            "requested_start": start,
            "first": first,
            "digits": digits,
            "legend": legend,
        }
    )
    return run


def _remove_stale_work(out: Path) -> None:
    """Temp folders of an interrupted run: nothing in them was committed."""
    for stale in out.glob(".work-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for part in out.rglob(".redactor-*.part"):
        part.unlink(missing_ok=True)


def _warm_up() -> None:
    from .worker import warm_up

    warm_up()


def _result(
    out: Path,
    prefix: str,
    items: list[Item],
    journal: Journal,
    run: str | None,
    resumed: int,
    ignored: int,
    began: float,
) -> ProductionResult:
    done = journal.done()
    result = ProductionResult(out_dir=str(out), prefix=prefix, resumed=resumed, ignored=ignored)
    for item in items:
        record = done.get(item.key)
        if record is None:
            continue
        if record["type"] == "failed":
            result.failed.append(FailedDocument(item.rel, record["reason"]))
            continue
        bates = BatesRange(record["prefix"], record["first"], record["last"], record["digits"])
        result.produced.append(
            ProducedDocument(item.rel, bates, record["file"], record["text"], record["redactions"])
        )
        if run is not None and record.get("run") == run:
            result.pages += bates.pages
    result.seconds = time.perf_counter() - began
    return result
