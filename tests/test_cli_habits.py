"""Everyday command-line habits: -q, -v, --debug, `check -`, progress bars on a terminal,
one line per error with its code, "1 page" not "1 pages"."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pymupdf
from click.testing import CliRunner

from redactor.cli import cli
from redactor.errors import BadInput

REDACTOR = Path(sys.executable).with_name("redactor")


def _pdf(path: Path, lines: list[str], **save) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    for i, text in enumerate(lines):
        page.insert_text((72, 72 + 16 * i), text, fontsize=11)
    doc.save(path, **save)
    return path


def _ssn(tmp_path: Path, name: str = "ssn.pdf") -> Path:
    return _pdf(tmp_path / name, ["Plaintiff's Social Security number is 512-48-3907."])


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(REDACTOR), *args], input=stdin, capture_output=True, timeout=120)


def test_quiet_prints_only_the_output(tmp_path):
    out = tmp_path / "public.pdf"
    loud = _run("redact", str(_ssn(tmp_path)), "-o", str(out))
    assert loud.returncode == 0 and b"verified and written" in loud.stderr
    quiet = _run("-q", "redact", str(_ssn(tmp_path)), "-o", str(tmp_path / "again.pdf"))
    assert quiet.returncode == 0 and quiet.stderr == b"" and quiet.stdout == b""


def test_one_page_is_one_page(tmp_path):
    got = _run("redact", str(_ssn(tmp_path)), "-o", str(tmp_path / "public.pdf"))
    line = got.stderr.decode()
    assert "1 redaction on 1 page;" in line, line


def test_verbose_shows_redactors_stages_never_a_library_debug_line_or_a_value(tmp_path):
    got = _run("-v", "redact", str(_ssn(tmp_path)), "-o", str(tmp_path / "public.pdf"))
    lines = got.stderr.decode().splitlines()
    assert got.returncode == 0
    assert any("plan of 1 redaction" in ln for ln in lines) and any(
        "verified:" in ln for ln in lines
    )
    assert all(ln.startswith("redactor: ") for ln in lines), lines[:5]
    assert len(lines) < 30
    assert "512-48-3907" not in got.stderr.decode() and "3907" not in got.stderr.decode()


def test_check_reads_standard_input(tmp_path):
    data = _ssn(tmp_path).read_bytes()
    got = _run("check", "-", "--format", "json", stdin=data)
    assert got.returncode == 1, got.stderr
    report = json.loads(got.stdout)
    assert report["file"] == "-" and any(f["category"] == "SSN" for f in report["findings"])
    empty = _run("check", "-", stdin=b"")
    assert empty.returncode == 2 and len(empty.stderr.decode().strip().splitlines()) == 1


def test_an_error_is_one_line_with_its_code_and_the_flag_to_use(tmp_path):
    locked = _pdf(
        tmp_path / "locked.pdf",
        ["secret"],
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        user_pw="pw",
        owner_pw="owner",
    )
    got = _run("check", str(locked))
    lines = got.stderr.decode().strip().splitlines()
    assert got.returncode == 2 and len(lines) == 1
    assert lines[0].startswith(f"redactor: error [{BadInput.code}]: {locked}: is encrypted")
    assert "(option --password)" in lines[0]


def test_an_unexpected_error_in_any_command_is_one_line_and_a_traceback_only_with_debug(
    tmp_path, monkeypatch
):
    import redactor.package as package

    def boom(*args, **kwargs):
        raise RuntimeError("internal detail that could quote a document")

    monkeypatch.setattr(package, "build_package", boom)
    pdf = _ssn(tmp_path)
    quiet = CliRunner().invoke(cli, ["package", str(pdf), "-o", str(tmp_path / "pkg")])
    assert quiet.exit_code == 2
    assert "[E099]" in quiet.output and "RuntimeError" in quiet.output
    assert "Traceback" not in quiet.output and "internal detail" not in quiet.output
    loud = CliRunner().invoke(cli, ["--debug", "package", str(pdf), "-o", str(tmp_path / "pkg")])
    assert loud.exit_code == 2


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path):
    odd = tmp_path / "two\nlines.pdf"
    odd.write_text("not a pdf")
    got = _run("check", str(odd))
    assert got.returncode == 2 and len(got.stderr.decode().strip().splitlines()) == 1


def _on_a_terminal(args: list[str], seconds: float = 120) -> tuple[int, str]:
    """Run the command with stderr on a pseudo-terminal; return its exit code and what the terminal showed."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(
        terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0)
    )  # 24 rows, 100 columns
    proc = subprocess.Popen([str(REDACTOR), *args], stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    shown = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(controller)
    return proc.returncode, shown.decode("utf-8", "replace")


def test_several_files_show_a_progress_bar_on_a_terminal_only(tmp_path):
    files = [str(_ssn(tmp_path, f"f{i}.pdf")) for i in range(3)]
    code, shown = _on_a_terminal(["check", *files])
    assert code == 1
    assert "checking" in shown and "3/3" in shown and "file" in shown
    piped = _run("check", *files)
    assert b"checking" not in piped.stderr
    code, shown = _on_a_terminal(["-q", "check", *files])
    assert "checking" not in shown


def test_a_production_shows_a_progress_bar_on_a_terminal(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(2):
        _ssn(inputs, f"doc{i}.pdf")
    code, shown = _on_a_terminal(
        [
            "batch",
            str(inputs),
            "-o",
            str(tmp_path / "out"),
            "--bates-prefix",
            "ABC",
            "--workers",
            "1",
        ],
        seconds=240,
    )
    assert code == 0, shown
    assert "producing" in shown and "2/2" in shown and "page" in shown
