"""`redactor check` through the command line: exit codes, bad input, output formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.cli import cli

REDACTOR = Path(sys.executable).with_name("redactor")


def _pdf(path: Path, lines: list[str], **save) -> Path:
    """A letter-size page in an embedded font, as e-filing wants it."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("tiro").buffer)
    y = 72
    for text in lines:
        page.insert_text((72, y), text, fontsize=11, fontname="F0")
        y += 16
    doc.save(path, **save)
    return path


@pytest.fixture
def clean_pdf(tmp_path: Path) -> Path:
    return _pdf(
        tmp_path / "clean.pdf",
        ["The hearing on the motion is continued to a later date.", "IT IS SO ORDERED."],
    )


@pytest.fixture
def ssn_pdf(tmp_path: Path) -> Path:
    return _pdf(
        tmp_path / "ssn.pdf",
        ["Plaintiff's Social Security number is 512-48-3907.", "She was born on March 3, 1981."],
    )


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    good = _pdf(tmp / "good.pdf", ["text"])
    data = good.read_bytes()
    cases = {
        "not a PDF": tmp / "notes.pdf",
        "empty": tmp / "empty.pdf",
        "truncated": tmp / "truncated.pdf",
        "encrypted": tmp / "locked.pdf",
        "missing": tmp / "nowhere.pdf",
        "directory": tmp / "adir.pdf",
        "garbage after header": tmp / "garbage.pdf",
    }
    cases["not a PDF"].write_text("Dear counsel, this is a letter, not a PDF.\n")
    cases["empty"].write_bytes(b"")
    cases["truncated"].write_bytes(data[: len(data) // 2])
    _pdf(
        cases["encrypted"],
        ["secret"],
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        user_pw="pw",
        owner_pw="owner",
    )
    cases["directory"].mkdir()
    cases["garbage after header"].write_bytes(b"%PDF-1.7\n" + os.urandom(4000) + b"\n%%EOF\n")
    return cases


def test_bad_input_one_line_exit_2(tmp_path: Path) -> None:
    for name, path in _bad_inputs(tmp_path).items():
        proc = subprocess.run(
            [str(REDACTOR), "check", str(path)], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 2, (name, proc.stderr)
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1, (name, proc.stderr)
        assert str(path) in lines[0], name
        assert "Traceback" not in proc.stderr
        assert proc.stdout == "", name


def test_debug_shows_traceback_for_unexpected_errors(tmp_path: Path, monkeypatch) -> None:
    import redactor.check as check_mod

    def boom(*a, **k):
        raise RuntimeError("internal")

    monkeypatch.setattr(check_mod, "detect", boom)
    good = _pdf(tmp_path / "g.pdf", ["text"])
    quiet = CliRunner().invoke(cli, ["check", str(good)])
    assert quiet.exit_code == 2 and "Traceback" not in quiet.output
    loud = CliRunner().invoke(cli, ["--debug", "check", str(good)])
    assert loud.exit_code == 2 and "Traceback" in loud.output and "RuntimeError" in loud.output


def test_encrypted_opens_with_password(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "locked.pdf",
        ["The hearing is continued."],
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        user_pw="pw",
        owner_pw="owner",
    )
    result = CliRunner().invoke(cli, ["check", str(path), "--password", "pw", "--format", "json"])
    report = json.loads(result.stdout)
    assert any(p["kind"] == "encrypted" for p in report["problems"])
    assert result.exit_code == 1
    wrong = CliRunner().invoke(cli, ["check", str(path), "--password", "nope"])
    assert wrong.exit_code == 2


def test_clean_file_exit_0(clean_pdf: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(clean_pdf)])
    assert result.exit_code == 0, result.output
    assert "CLEAN" in result.stdout


def test_findings_exit_1_and_json_contract(ssn_pdf: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(ssn_pdf), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) >= {"file", "pages", "findings", "problems"}
    assert report["pages"] == 1 and report["file"] == str(ssn_pdf)
    for f in report["findings"]:
        assert set(f) >= {"page", "category", "text", "bbox", "action", "detector", "score"}
        assert len(f["bbox"]) == 4 and f["page"] == 1
    cats = {f["category"]: f for f in report["findings"]}
    assert "512-48-3907" in cats["SSN"]["text"]
    assert cats["SSN"]["action"] == "partial"
    assert "DOB" in cats


def test_batch_goes_on_after_a_bad_file(tmp_path: Path, ssn_pdf: Path, clean_pdf: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    proc = subprocess.run(
        [str(REDACTOR), "check", str(bad), str(ssn_pdf), str(clean_pdf), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [Path(o["file"]).name for o in objects] == ["ssn.pdf", "clean.pdf"]
    assert str(bad) in proc.stderr


def test_html_report_is_self_contained(ssn_pdf: Path, tmp_path: Path) -> None:
    dest = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["check", str(ssn_pdf), "--report", str(dest)])
    assert result.exit_code == 1
    page = dest.read_text()
    assert "data:image/png;base64," in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert "SSN" in page and "512-48-3907" in page  # the filer sees what was found
    assert page.count("class='pv-box") >= 2
    assert not list(tmp_path.glob(".redactor-*"))  # no temporary file left


def test_input_is_never_modified(ssn_pdf: Path, tmp_path: Path) -> None:
    before = ssn_pdf.read_bytes(), ssn_pdf.stat().st_mtime_ns
    CliRunner().invoke(cli, ["check", str(ssn_pdf), "--report", str(tmp_path / "r.html")])
    assert (ssn_pdf.read_bytes(), ssn_pdf.stat().st_mtime_ns) == before


def test_no_network_in_process(ssn_pdf: Path, monkeypatch) -> None:
    import socket

    def refuse(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = CliRunner().invoke(cli, ["check", str(ssn_pdf), "--format", "json"])
    assert result.exit_code == 1, result.output


@pytest.mark.skipif(
    not shutil.which("unshare") or os.geteuid() != 0, reason="needs root and unshare"
)
def test_no_network_installed_command(ssn_pdf: Path) -> None:
    """The real command in a network namespace with no interfaces up."""
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("network namespaces not available here")
    proc = subprocess.run(
        ["unshare", "--net", str(REDACTOR), "check", str(ssn_pdf), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["findings"]


def test_single_filing_check_starts_quickly(ssn_pdf: Path) -> None:
    """A single filing's check, start to finish, well under 3 s (import time included).

    Counted in CPU seconds of the command, so that other work on a shared test
    machine does not decide the result; on an idle machine wall time is the same.
    """
    import resource

    subprocess.run(
        [str(REDACTOR), "check", str(ssn_pdf)], capture_output=True, timeout=120
    )  # warm caches
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([str(REDACTOR), "check", str(ssn_pdf)], capture_output=True, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert proc.returncode == 1
    assert cpu < 3.0, cpu
