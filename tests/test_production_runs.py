"""How a production runs: commit order, failures inside workers, crashes, resume, Dask."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pymupdf
import pytest
from test_production import PREFIX, band_number, make_inputs

from redactor.production import run_production
from redactor.production.bates import BatesRegistry, bates_number, stamp_document
from redactor.production.commit import Committer
from redactor.production.inputs import Item
from redactor.production.journal import Journal
from redactor.production.loadfiles import read_dat, read_opt
from redactor.production.schedule import CRASHED, schedule
from redactor.production.worker import Outcome, Task

ROOT = Path(__file__).resolve().parents[1]


# -- the scheduler and committer with an in-process pool --------------------------------


class InlinePool:
    """Runs each task at once in this process; results are handed back last-first."""

    inline = True
    workers = 2

    def __init__(self, fn):
        self.fn = fn
        self.restarts = 0
        self.sent: list[tuple[int, int]] = []  # (position, first number) of each task submitted

    def submit(self, _fn, task: Task) -> Future:
        self.sent.append((task.index, task.first))
        future: Future = Future()
        future.task = task
        future.set_result(None)
        return future

    def wait(self, futures):
        return set(futures[::-1])

    def result(self, future):
        return self.fn(future.task)

    def restart(self):
        self.restarts += 1


def fake_produce(pages: dict[str, int]):
    """A worker that makes a plain document of the given size and stamps it; 'bad' files fail, 'crash' kill it."""

    def produce(task: Task) -> Outcome:
        name = Path(task.source).name
        if "crash" in name:
            raise BrokenProcessPool("worker died")
        if "bad" in name:
            return Outcome(task.index, ok=False, reason="E003 verification failed on page 1")
        doc = pymupdf.open()
        for i in range(pages[name]):
            doc.new_page().insert_text((72, 100), f"{name} page {i + 1}")
        numbers = [
            bates_number(task.prefix, n, task.digits)
            for n in range(task.first, task.first + doc.page_count)
        ]
        with stamp_document(doc, numbers, task.legend) as stamped:
            text = "\f".join(page.get_text() for page in stamped)
            return Outcome(
                task.index,
                ok=True,
                pages=doc.page_count,
                first=task.first,
                stamped=stamped.tobytes(),
                text=text,
                filename=name,
            )

    return produce


def run_inline(tmp_path: Path, sizes: dict[str, int], first: int = 1):
    out = tmp_path / "out"
    out.mkdir()
    items = [Item(tmp_path / name, name, f"key-{name}", pages) for name, pages in sizes.items()]
    journal = Journal(out)
    committer = Committer(
        out,
        journal,
        BatesRegistry.load(out / "bates-registry.json"),
        run="r1",
        prefix=PREFIX,
        digits=8,
        legend=None,
        first=first,
    )
    pool = InlinePool(fake_produce(sizes))
    schedule(
        pool,
        items,
        committer,
        prefix=PREFIX,
        digits=8,
        legend=None,
        policy=None,
        work=tmp_path / "w",
        first=first,
    )
    journal.close()
    return out, list(Journal(out).records()), pool


def test_failure_inside_a_worker_leaves_no_gap(tmp_path):
    out, records, pool = run_inline(tmp_path, {"a.pdf": 2, "b-bad.pdf": 3, "c.pdf": 1, "d.pdf": 2})
    assert pool.sent == [(0, 1), (1, 3), (2, 6), (3, 7), (2, 3), (3, 4)]
    assert [(r["type"], r["source"]) for r in records] == [
        ("produced", "a.pdf"), ("failed", "b-bad.pdf"), ("produced", "c.pdf"), ("produced", "d.pdf"),
    ]  # fmt: skip
    produced = [r for r in records if r["type"] == "produced"]
    assert [(r["first"], r["last"]) for r in produced] == [(1, 2), (3, 3), (4, 5)]
    # c.pdf and d.pdf were sent numbered 6 and 7; each is sent again with its right numbers
    for r in produced:
        with pymupdf.open(out / r["file"]) as pdf:
            assert [band_number(p) for p in pdf] == list(range(r["first"], r["last"] + 1))
            assert r["source"] in pdf[0].get_text()
    assert sorted(p.name for p in (out / "IMAGES").iterdir()) == [
        "ABC00000001.pdf",
        "ABC00000003.pdf",
        "ABC00000004.pdf",
    ]


def test_commits_follow_input_order_whatever_order_results_arrive(tmp_path):
    sizes = {f"{i:02d}.pdf": 1 + i % 3 for i in range(9)}
    _, records, _ = run_inline(tmp_path, sizes, first=50)
    assert [r["source"] for r in records] == sorted(sizes)
    firsts = [r["first"] for r in records]
    lasts = [r["last"] for r in records]
    assert firsts[0] == 50 and all(
        f == last + 1 for f, last in zip(firsts[1:], lasts, strict=False)
    )


def test_a_document_that_kills_its_worker_is_failed_alone(tmp_path):
    out, records, pool = run_inline(tmp_path, {"a.pdf": 1, "b-crash.pdf": 2, "c.pdf": 1})
    assert [(r["type"], r["source"]) for r in records] == [
        ("produced", "a.pdf"), ("failed", "b-crash.pdf"), ("produced", "c.pdf"),
    ]  # fmt: skip
    assert records[1]["reason"] == CRASHED
    assert records[2]["first"] == 2 and pool.restarts == 2


# -- real runs: resume after a kill, Dask ----------------------------------------------

RUN = """
import sys
from redactor.production import run_production
run_production(sys.argv[1], sys.argv[2], prefix="ABC", legend="CONFIDENTIAL", workers=1)
"""


def _produced(out: Path) -> list[dict]:
    return [r for r in Journal(out).records() if r["type"] == "produced"]


DOCS = 8  # enough that a run is still going when the first document is committed


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["crash", "ctrl-c"])
def test_resume_after_a_killed_run(tmp_path, how):
    in_dir = tmp_path / "in"
    make_inputs(in_dir, n=DOCS, seed=51)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN, str(in_dir), str(out)],
        env=env,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while not (out / "journal.jsonl").exists() or not _produced(out):
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.killpg(
            proc.pid, how
        )  # the run and its workers, as a crash or Ctrl-C in a terminal would
        assert proc.wait(timeout=60) != 0
    done = _produced(out)
    assert 1 <= len(done) < DOCS
    if how == signal.SIGINT:
        assert not list(out.glob(".work-*")), "an interrupted run cleans up after itself"
    for path in (out / "IMAGES").iterdir():  # nothing half-written under a final name
        with pymupdf.open(path) as pdf:
            assert pdf.page_count >= 1
    first_file = out / done[0]["file"]
    stamp = (first_file.stat().st_ino, first_file.stat().st_mtime_ns)

    result = run_production(str(in_dir), str(out), prefix=PREFIX, legend="CONFIDENTIAL", workers=1)

    assert result.exit_code == 0 and result.resumed == len(done)
    assert (first_file.stat().st_ino, first_file.stat().st_mtime_ns) == stamp  # not redone
    records = _produced(out)
    assert sorted(r["source"] for r in records) == [
        f"filings/{i:04d}.pdf" for i in range(DOCS)
    ]  # each once
    assert [r["first"] for r in records[: len(done)]] == [
        r["first"] for r in done
    ]  # not renumbered
    expected = 1
    for r in records:
        assert r["first"] == expected
        expected = r["last"] + 1
    assert sorted(p.name for p in (out / "IMAGES").iterdir()) == sorted(
        Path(r["file"]).name for r in records
    )
    assert len(read_opt(out / "production.opt")) == expected - 1
    assert len(read_dat(out / "production.dat")[1]) == DOCS
    assert not list(out.glob(".work-*")) and not list(out.rglob("*.part"))


def _digest(out: Path) -> dict[str, str]:
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.parent.name in ("IMAGES", "TEXT"))
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files
    }


@pytest.mark.slow
def test_dask_gives_the_same_production_as_the_process_pool(tmp_path):
    distributed = pytest.importorskip("distributed")
    in_dir = tmp_path / "in"
    make_inputs(in_dir, n=3, seed=61)
    (in_dir / "filings" / "0001a-bad.pdf").write_bytes(b"%PDF-1.4\ntruncated")
    local = tmp_path / "process" / "VOL001"
    run_production(str(in_dir), str(local), prefix=PREFIX, legend="CONFIDENTIAL", workers=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        remote = tmp_path / "dask" / "VOL001"
        result = run_production(
            str(in_dir),
            str(remote),
            prefix=PREFIX,
            legend="CONFIDENTIAL",
            executor="dask",
            scheduler=cluster.scheduler_address,
        )
    assert result.exit_code == 2 and [f.source for f in result.failed] == ["filings/0001a-bad.pdf"]
    assert _digest(remote) == _digest(local)
    for name in ("production.dat", "production.opt", "redaction-log.csv", "errors.csv"):
        assert (remote / name).read_bytes() == (local / name).read_bytes(), name
    assert (
        json.loads((remote / "bates-registry.json").read_text())["prefixes"][PREFIX][0]["last"]
        == json.loads((local / "bates-registry.json").read_text())["prefixes"][PREFIX][0]["last"]
    )


def test_one_run_at_a_time_in_a_folder(tmp_path):
    import fcntl

    from redactor.production.bates import BatesError

    in_dir = tmp_path / "in"
    in_dir.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(BatesError, match="another batch run"):
            run_production(str(in_dir), str(out), prefix=PREFIX)


def test_registry_is_repaired_from_the_journal(tmp_path):
    """A crash after a document's journal line but before the registry update loses no numbers."""
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    journal = Journal(out)
    journal.append(
        {
            "type": "run",
            "run": "r1",
            "prefix": PREFIX,
            "requested_start": None,
            "first": 1,
            "digits": 8,
            "legend": None,
        }
    )
    journal.append(
        {
            "type": "produced",
            "key": "k",
            "source": "a.pdf",
            "run": "r1",
            "prefix": PREFIX,
            "digits": 8,
            "first": 1,
            "last": 3,
            "file": "IMAGES/ABC00000001.pdf",
            "text": "TEXT/ABC00000001.txt",
            "filename": "a.pdf",
            "confidentiality": "",
            "log": [],
        }
    )
    journal.close()
    run_production(str(in_dir), str(out), prefix=PREFIX)
    registry = BatesRegistry.load(out / "bates-registry.json")
    assert registry.used(PREFIX) == [(1, 3)] and registry.next_number(PREFIX) == 4
    again = run_production(
        str(in_dir), str(out), prefix=PREFIX, start=1
    )  # nothing to number: no clash
    assert again.exit_code == 0 and not again.produced


def _journal(out: Path, records: list[dict]) -> Journal:
    journal = Journal(out)
    for r in records:
        journal.append(r)
    journal.close()
    return journal


def _run(run: str, start: int | None, first: int) -> dict:
    return {
        "type": "run",
        "run": run,
        "prefix": PREFIX,
        "requested_start": start,
        "first": first,
        "digits": 8,
    }


def _doc(run: str, first: int, last: int) -> dict:
    return {
        "type": "produced",
        "key": f"{run}-{first}",
        "source": "x.pdf",
        "run": run,
        "prefix": PREFIX,
        "digits": 8,
        "first": first,
        "last": last,
    }


@pytest.mark.parametrize("records, start, expected", [
    ([], None, 1),
    ([], 40, 40),
    ([_run("r1", None, 1), _doc("r1", 1, 5), {"type": "finished", "run": "r1"}], None, 6),
    ([_run("r1", None, 1), _doc("r1", 1, 5), {"type": "finished", "run": "r1"}], 6, 6),
    ([_run("r1", None, 1), _doc("r1", 1, 5), {"type": "finished", "run": "r1"}], 5, "already used"),
    # an interrupted run begun at 1000, asked again with the same start: it goes on
    ([_run("r1", None, 1), _doc("r1", 1, 5), {"type": "finished", "run": "r1"},
      _run("r2", 1000, 1000), _doc("r2", 1000, 1003)], 1000, 1004),
    ([_run("r1", None, 1), _doc("r1", 1, 5), {"type": "finished", "run": "r1"},
      _run("r2", 1000, 1000)], 1000, 1000),  # interrupted before its first commit
    ([_run("r2", 1000, 1000), _doc("r2", 1000, 1003)], None, 1004),
    ([_run("r2", 1000, 1000), _doc("r2", 1000, 1003), {"type": "finished", "run": "r2"}], 1000, "already used"),
])  # fmt: skip
def test_where_the_numbers_begin(tmp_path, records, start, expected):
    from redactor.production import _first_number, _reconcile

    journal = _journal(tmp_path, records)
    registry = BatesRegistry(tmp_path / "bates-registry.json")
    _reconcile(registry, journal)
    if isinstance(expected, str):
        with pytest.raises(Exception, match=expected):
            _first_number(registry, journal, PREFIX, start, 8, 3)
    else:
        assert _first_number(registry, journal, PREFIX, start, 8, 3) == expected


# -- one document in a worker ------------------------------------------------------------


def _task(tmp_path: Path, source: Path, first: int = 7) -> Task:
    return Task(
        index=0,
        source=str(source),
        first=first,
        prefix=PREFIX,
        digits=8,
        legend="CONFIDENTIAL",
        policy=None,
        temp_dir=str(tmp_path / "work"),
        inline=False,
    )


def test_worker_output_is_the_verified_stamped_file(tmp_path):
    from redactor.production.worker import produce

    source = make_inputs(tmp_path / "in", n=2, seed=71)[1]  # a two-page filing
    outcome = produce(_task(tmp_path, source))
    assert outcome.ok, outcome.reason
    with pymupdf.open(outcome.stamped) as pdf:
        assert [band_number(p) for p in pdf] == [7, 8]
    pages = outcome.text.split("\f")
    assert (
        len(pages) == 2
        and bates_number(PREFIX, 7) in pages[0]
        and bates_number(PREFIX, 8) in pages[1]
    )


def test_worker_refuses_a_stamp_the_verifying_reader_cannot_read(tmp_path, monkeypatch):
    import redactor.production.bates as bates
    from redactor.production.worker import produce

    source = make_inputs(tmp_path / "in", n=1, seed=72)[0]
    monkeypatch.setattr(bates, "_write_stamp", lambda page, number, legend: None)
    outcome = produce(_task(tmp_path, source))
    assert not outcome.ok and "does not read back" in outcome.reason
    assert not list((tmp_path / "work").glob("*.pdf"))  # nothing left behind


def test_workers_run_one_blas_thread_and_the_caller_keeps_its_environment():
    from redactor.blas import ENVIRONMENT
    from redactor.production.executors import ProcessExecutor

    before = {key: os.environ.get(key) for key in ENVIRONMENT}
    pool = ProcessExecutor(workers=1)
    try:
        for key, value in ENVIRONMENT.items():
            assert pool.result(pool.submit(os.getenv, key)) == (
                before[key] or value
            )  # a value set by the user wins
    finally:
        pool.close()
    assert {key: os.environ.get(key) for key in ENVIRONMENT} == before


def test_the_command_line_runs_one_blas_thread():
    code = "import os, sys; sys.argv = ['redactor', '--version']; from redactor.cli import main\ntry: main()\nexcept SystemExit: pass\nprint(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.stdout.split()[-1] == "1", done.stderr
