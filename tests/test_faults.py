"""Faults around the work: a disk that fills up, a folder that cannot be written, a process
killed outright, other programs writing to stderr. Each ends in one line naming what failed,
nothing half-written, nothing left running, and a rerun that finishes the job.

Tests that need a small or read-only disk mount a tmpfs (as root); elsewhere they are skipped.
"""

from __future__ import annotations

import errno
import importlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pymupdf
import pytest
from click.testing import CliRunner
from crafted import letter, no_mediabox
from test_production import PREFIX, make_inputs

from redactor.cli import cli
from redactor.errors import OutputError
from redactor.files import remove_leftovers
from redactor.ingest.ocr import foreign_output, ocr_dpi
from redactor.production import journal as journal_module
from redactor.production.journal import Journal

REDACTOR = Path(sys.executable).with_name("redactor")
SSN = "512-44-8790"


def _letter(path: Path) -> Path:
    path.write_bytes(letter())
    return path


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(REDACTOR), *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a tmpfs: ``tmpfs(name, "size=600k")``; unmounted after the test."""
    mounted: list[Path] = []

    def mount(name: str, options: str) -> Path:
        if os.geteuid() != 0:
            pytest.skip("mounting a small disk needs root")
        where = tmp_path / name
        where.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
        )
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(where)
        return where

    yield mount
    for where in mounted:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(folder: Path) -> None:
    """Fill the disk ``folder`` is on, to the last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


def _one_error_line(stderr: str, unexpected: bool = False) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("redactor: error [E"), lines
    assert "Traceback" not in stderr and ("[E099]" in stderr) == unexpected
    return lines[0]


# -- redact: outputs that cannot be written --------------------------------------------


def test_an_output_path_that_is_a_folder_or_in_no_folder_is_named(tmp_path):
    src = _letter(tmp_path / "good.pdf")
    for dst, problem in (
        (tmp_path, "is a folder"),
        (tmp_path / "missing" / "out.pdf", "its folder does not exist"),
    ):
        got = CliRunner().invoke(cli, ["redact", str(src), "-o", str(dst)])
        assert got.exit_code == 2
        line = _one_error_line(got.stderr)
        assert line.startswith(f"redactor: error [E005]: {dst}: {problem};"), line
        assert "good.pdf" not in line  # the input is not to blame
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.pdf"]


@pytest.mark.parametrize("where", ["log", "public"])
@pytest.mark.parametrize("disk", ["read-only", "full"])
def test_nothing_is_released_when_an_output_cannot_be_written(tmp_path, tmpfs, where, disk):
    src = _letter(tmp_path / "good.pdf")
    bad = tmpfs("bad", "size=1m,ro" if disk == "read-only" else "size=256k")
    if disk == "full":
        _fill(bad)
    good = tmp_path / "good"
    good.mkdir()
    public = (bad if where == "public" else good) / "public.pdf"
    log = (bad if where == "log" else good) / "log.json"
    got = CliRunner().invoke(cli, ["redact", str(src), "-o", str(public), "--log", str(log)])
    assert got.exit_code == 2
    line = _one_error_line(got.stderr)
    named = public if where == "public" else log
    problem = "its folder is on a read-only disk" if disk == "read-only" else "the disk is full"
    assert line == (
        f"redactor: error [E005]: {named}: {problem}; "
        + ("choose a folder you can write to" if disk == "read-only" else
           "free some space, then run the same command again")
    )  # fmt: skip
    assert not list(good.iterdir())  # the public copy never appears without its log
    assert [p.name for p in bad.iterdir()] == (["filler"] if disk == "full" else [])


def test_the_log_is_released_with_the_public_copy(tmp_path):
    src = _letter(tmp_path / "good.pdf")
    got = CliRunner().invoke(
        cli, ["redact", str(src), "-o", str(tmp_path / "p.pdf"), "--log", str(tmp_path / "l.csv")]
    )
    assert got.exit_code == 0, got.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.pdf", "l.csv", "p.pdf"]
    assert "SSN" in (tmp_path / "l.csv").read_text() and SSN not in (tmp_path / "l.csv").read_text()
    assert oct((tmp_path / "p.pdf").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# -- leftovers of a run killed outright ------------------------------------------------


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_leftovers_of_dead_processes_are_removed_those_of_live_ones_kept(tmp_path):
    dead, live = _dead_pid(), os.getpid()
    names = [
        f".redactor-{dead}-abc.pdf.tmp",
        f".redactor-{dead}-def.part",
        f".redactor-{live}-ghi.pdf.tmp",
        ".redactor-notapid.pdf.tmp",
        "public.pdf",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    assert sorted(remove_leftovers(tmp_path)) == sorted(names[:2])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[2:])


def _scanned(path: Path, pages: int) -> Path:
    """A filing of ``pages`` scanned pages: verification reads each again by OCR."""
    doc = pymupdf.open()
    text = pymupdf.open()
    page = text.new_page()
    page.insert_text((72, 100), f"The plaintiff's SSN is {SSN}.\nFiled by Dana Whitcombe.")
    png = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY).tobytes("png")
    for _ in range(pages):
        doc.new_page().insert_image(pymupdf.Rect(0, 0, 612, 792), stream=png)
    doc.save(path)
    return path


@pytest.mark.slow
def test_kill_9_during_verification_leaves_a_file_the_next_run_removes(tmp_path):
    src = _scanned(tmp_path / "scan.pdf", pages=2)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [str(REDACTOR), "redact", str(src), "-o", str(out / "public.pdf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while not list(out.glob(".redactor-*.pdf.tmp")):
        assert proc.poll() is None, "the run ended before its output was being verified"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    left = list(out.glob(".redactor-*.pdf.tmp"))
    assert len(left) == 1 and str(proc.pid) in left[0].name
    again = _run("redact", str(src), "-o", str(out / "public.pdf"))
    assert again.returncode == 0, again.stderr
    assert [p.name for p in out.iterdir()] == ["public.pdf"]


# -- batch: a full disk, a killed main process -----------------------------------------


def test_a_journal_line_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    journal = Journal(tmp_path)
    journal.append({"type": "run", "run": "r1"})
    real = journal_module._write_all

    def half_then_full(fd: int, data: bytes) -> None:
        os.write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module, "_write_all", half_then_full)
    with pytest.raises(OutputError) as caught:
        journal.append({"type": "produced", "key": "k", "source": "a.pdf"})
    assert str(caught.value) == (
        f"{tmp_path / 'journal.jsonl'}: the disk is full; free some space, then run the same "
        "command again"
    )
    monkeypatch.setattr(journal_module, "_write_all", real)
    journal.append({"type": "finished", "run": "r1"})
    journal.close()
    lines = (tmp_path / "journal.jsonl").read_bytes().splitlines()
    assert [json.loads(line)["type"] for line in lines] == ["run", "finished"]


def _journal(out: Path) -> list[dict]:
    lines = (out / "journal.jsonl").read_bytes().splitlines()
    return [json.loads(line) for line in lines]  # every line whole


def _bates_follow_on(records: list[dict]) -> list[str]:
    produced = [r for r in records if r["type"] == "produced"]
    expected = 1
    for r in produced:
        assert r["first"] == expected
        expected = r["last"] + 1
    return sorted(r["source"] for r in produced)


DOCS = 6


@pytest.mark.slow
def test_a_full_disk_stops_batch_in_one_line_and_the_same_command_finishes(tmp_path, tmpfs):
    in_dir = tmp_path / "in"
    make_inputs(in_dir, n=DOCS, seed=71)
    disk = tmpfs("disk", "size=420k")  # room for two or three documents of six
    out = disk / "VOL001"
    args = ["batch", str(in_dir), "-o", str(out), "--bates-prefix", PREFIX, "--workers", "2"]
    full = _run(*args)
    assert full.returncode == 2
    line = _one_error_line(full.stderr)
    assert line.startswith("redactor: error [E005]: ") and ": the disk is full; " in line
    records = _journal(out)
    assert not [r for r in records if r["type"] == "failed"]  # nothing blamed on a document
    done = _bates_follow_on(records)
    assert 1 <= len(done) < DOCS
    assert not list(out.glob(".work-*")) and not list(out.rglob(".redactor-*"))

    subprocess.run(["mount", "-o", "remount,size=20m", str(disk)], check=True)
    again = _run(*args)
    assert again.returncode == 0, again.stderr
    assert f"({len(done)} done by an earlier run)" in again.stderr
    assert _bates_follow_on(_journal(out)) == [f"filings/{i:04d}.pdf" for i in range(DOCS)]
    assert len(list((out / "IMAGES").iterdir())) == DOCS


@pytest.mark.slow
def test_kill_9_of_batch_leaves_no_process_running_and_the_same_command_finishes(tmp_path):
    in_dir = tmp_path / "in"
    make_inputs(in_dir, n=DOCS, seed=81)
    out = tmp_path / "out"
    args = ["batch", str(in_dir), "-o", str(out), "--bates-prefix", PREFIX, "--workers", "2"]
    proc = subprocess.Popen(
        [str(REDACTOR), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    main = psutil.Process(proc.pid)
    deadline = time.monotonic() + 300
    family: list[psutil.Process] = []
    while len(family) < 4:  # the workers' server, the resource tracker, two workers
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        family = main.children(recursive=True)
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(family, timeout=30)
    for p in alive:
        p.kill()
    assert not alive, [p.cmdline()[-1][:80] for p in alive]

    again = _run(*args)
    assert again.returncode == 0, again.stderr
    assert _bates_follow_on(_journal(out)) == [f"filings/{i:04d}.pdf" for i in range(DOCS)]


# -- package ---------------------------------------------------------------------------


def test_an_unexpected_error_in_package_names_its_exhibit_and_leaves_nothing(tmp_path, monkeypatch):
    assemble = importlib.import_module("redactor.package.assemble")

    first, second = _letter(tmp_path / "first.pdf"), _letter(tmp_path / "second.pdf")
    real = assemble.highlighted_copy

    calls = []

    def fails_on_the_second(pdf, *args, **kwargs):
        calls.append(pdf)
        if len(calls) == 2:
            raise KeyError("internal")
        return real(pdf, *args, **kwargs)

    monkeypatch.setattr(assemble, "highlighted_copy", fails_on_the_second)
    got = CliRunner().invoke(cli, ["package", str(first), str(second), "-o", str(tmp_path / "pkg")])
    assert got.exit_code == 2
    line = _one_error_line(got.stderr, unexpected=True)
    assert line.startswith(f"redactor: error [E099]: {second}: could not be processed (KeyError)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.pdf", "second.pdf"]


# -- other programs' output ------------------------------------------------------------


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_what_c_code_writes_to_stderr_is_logged_not_shown(capfd):
    kept = _Kept()
    logger = logging.getLogger("redactor.foreign")
    logger.addHandler(kept)
    logger.setLevel(logging.INFO)
    try:
        with foreign_output("tesseract"):
            os.write(2, b"Image too small to scale!! (1x3 vs min width of 3)\n")
            with foreign_output("tesseract"):  # inside another: still kept off the terminal
                os.write(2, b"Line cannot be recognized!!\n")
        os.write(2, b"after\n")
    finally:
        logger.removeHandler(kept)
        logger.setLevel(logging.NOTSET)
    assert capfd.readouterr().err == "after\n"
    assert [r.getMessage() for r in kept.records] == [
        "tesseract: Image too small to scale!! (1x3 vs min width of 3)",
        "tesseract: Line cannot be recognized!!",
    ]


@pytest.mark.parametrize(
    ("width", "height", "dpi"),
    [
        (612, 792, 300),  # letter
        (612, 1008, 300),  # legal
        (1728, 2592, 204),  # a 24 x 36 in exhibit: 36 million pixels at most
        (14400, 14400, 30),  # the largest page PDF allows
        (144000, 144000, 10),  # past it (user units): never below 10 dpi
        (0, 792, 300),  # an empty page: nothing to scale
    ],
)
def test_ocr_resolution_stays_within_what_can_be_rendered(width, height, dpi):
    assert ocr_dpi(pymupdf.Rect(0, 0, width, height)) == dpi
    if 0 < width and dpi > 10:
        assert (width / 72 * dpi) * (height / 72 * dpi) <= 36_000_000


@pytest.mark.slow
def test_batch_workers_keep_other_libraries_warnings_off_the_terminal(tmp_path):
    """pdfminer warns "MediaBox missing from /Page" when verification reads such a page; in a
    worker process (no logging set up) the warning went straight to the terminal. And a file
    that cannot be read (a link to nothing) fails alone."""
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    no_mediabox(in_dir)
    (in_dir / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    out = tmp_path / "out"
    got = _run("batch", str(in_dir), "-o", str(out), "--bates-prefix", PREFIX, "--workers", "1")
    assert got.returncode == 2, got.stderr
    lines = got.stderr.strip().splitlines()
    assert lines and all(line.startswith("redactor: ") for line in lines), lines
    assert "1 document could not be produced" in got.stderr
    errors = (out / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert errors[1:] == [
        "gone.pdf,cannot be read (No such file or directory); check that it can be read"
    ]
    assert len(list((out / "IMAGES").iterdir())) == 1


def test_a_file_name_with_a_line_break_stays_on_one_line_when_all_goes_well(tmp_path):
    src = _letter(tmp_path / "good.pdf")
    dst = tmp_path / "pub\nlic.pdf"
    got = _run("redact", str(src), "-o", str(dst))
    assert got.returncode == 0
    lines = got.stderr.strip().splitlines()
    # before it, a line for each e-filing pre-flight problem (the letter's font is not embedded)
    assert all(line.startswith("redactor: pre-flight ") for line in lines[:-1]), lines
    assert lines[-1].startswith(
        f"redactor: 1 redaction on 1 page; verified and written to {str(dst)!r}; e-filing"
    ), lines
