"""Spreading documents over the workers and taking results back in input order.

At most ``window`` documents are out at once (in a worker or waiting in the
reorder buffer), so memory stays flat however long the production is. Each
document is sent with the Bates numbers it will hold if everything before it
succeeds, and is stamped and verified with them in the worker. When a document
fails, those sent after it come back with numbers that moved: each is sent
again with the right ones when its turn to commit comes (so the file committed
is always the file verified), and those sent later get the right numbers at once.

If a worker process dies (a crash in a PDF library), the pool is restarted and
each document that was out is tried again alone; one that kills its worker
alone is listed as failed and the run goes on. A worker that could not write
(the disk is full) stops the run with OutputError: nothing is journalled for
the documents not produced, so the same command run again produces them.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .commit import Committer, discard
from .inputs import Item
from .worker import Outcome, Task, produce

CRASHED = "the worker process died while producing it (a crash in a PDF library); produce it on its own with -v"


def schedule(
    pool: Any,
    items: list[Item],
    committer: Committer,
    *,
    prefix: str,
    digits: int,
    legend: str | None,
    policy: dict | None,
    work: Path,
    first: int,
    progress: Any = None,
) -> None:
    """Produce ``items`` on ``pool`` and commit every outcome, strictly in order."""
    tick: Callable[[int], Any] | None = getattr(progress, "update", progress)
    window = max(2, 2 * getattr(pool, "workers", 1) + 1)
    provisional = first  # the number the next document sent will start at
    planned: dict[int, int] = {}  # position -> the first number it was sent with
    inflight: dict[Any, int] = {}
    ready: dict[int, Outcome] = {}
    suspects: list[int] = []  # out when a worker died: tried again one at a time
    solo: set[int] = set()
    ticked: set[int] = set()  # counted on the progress bar (a document sent again is counted once)
    sent = committed = 0

    def send(pos: int) -> None:
        task = Task(
            pos,
            str(items[pos].path),
            planned[pos],
            prefix,
            digits,
            legend,
            policy,
            str(work / str(pos)),
            pool.inline,
        )
        inflight[pool.submit(produce, task)] = pos

    while committed < len(items):
        if suspects:
            if not inflight:
                pos = suspects.pop(0)
                solo.add(pos)
                send(pos)
        else:
            while sent < len(items) and sent - committed < window:
                item = items[sent]
                if item.error:
                    ready[sent] = Outcome(sent, ok=False, reason=item.error)
                else:
                    planned[sent] = provisional
                    provisional += item.pages
                    send(sent)
                sent += 1
        if committed in ready:
            outcome = ready.pop(committed)
            if outcome.ok and outcome.first != committer.next:  # a document before it failed
                discard(outcome)
                planned[committed] = committer.next
                send(committed)
                continue
            committer.commit(items[committed], outcome)
            if committed in planned:  # numbers after it move by what it really took
                provisional += (outcome.pages if outcome.ok else 0) - items[committed].pages
            committed += 1
            continue
        for future in pool.wait(list(inflight)):
            pos = inflight.pop(future)
            try:
                outcome = pool.result(future)
            except BrokenProcessPool:
                pool.restart()
                if pos in solo:
                    ready[pos] = Outcome(pos, ok=False, reason=CRASHED)
                else:
                    suspects.append(pos)
                    suspects.sort()
                continue
            except Exception as exc:  # a remote worker lost, a scheduler gone
                ready[pos] = Outcome(
                    pos, ok=False, reason=f"{CRASHED.split(' (')[0]} ({type(exc).__name__})"
                )
                continue
            if outcome.output_problem is not None:  # the disk filled up: stop; the rest waits
                discard(outcome)
                raise OutputError(str(committer.out), *outcome.output_problem)
            ready[pos] = outcome
            if tick is not None and pos not in ticked:
                ticked.add(pos)
                tick(items[pos].pages)
