"""Other projects' odd and broken PDFs, and crafted ones, through `check` and `redact`.

A table of real cases from qpdf's and pdf.js's test suites (``tests/fixtures/peers``)
and of PDFs made to break a tool (``tests/crafted.py``), each with what the two
commands must do. Whatever the file, both end with an exit code of the contract and
one line of their own on stderr (with a line before it for each e-filing pre-flight
problem of a public copy written): no traceback, no unexpected error, no line from
another program (whatever C code writes to file descriptor 2 is caught too),
and nothing left in the output folder or the temporary folder but the outputs of a
success. ``bench/peer_suite.py`` runs every file the same way, as the installed
command, and counts.
"""

from __future__ import annotations

import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import crafted
import pikepdf
import pymupdf
import pytest
from click.testing import CliRunner
from pdfminer.pdfparser import PDFSyntaxError

from redactor.cli import cli
from redactor.ingest.damage import damage_of
from redactor.ingest.pages import has_end_marker

PEERS = Path(__file__).parent / "fixtures" / "peers"
READ = (0, 1)  # check read it (and found something, or not)


@dataclass(frozen=True)
class Case:
    file: str  # under tests/fixtures/peers, or "crafted/<maker>"
    check: tuple[int, ...]  # check's exit codes allowed
    redact: tuple[int, ...]  # redact's
    says: str = ""  # the one line stderr holds (after the file name), when redact fails


CASES = [
    # PDFs that are odd but whole: read, and redacted
    Case("pdfjs/asciihexdecode.pdf", READ, (0,)),
    Case("pdfjs/bad-PageLabels.pdf", READ, (0,)),
    Case("pdfjs/90ms_rksj_h_sample.pdf", READ, (0,)),
    Case("pdfjs/Type3WordSpacing.pdf", READ, (0,)),
    Case("pdfjs/annotation-freetext.pdf", READ, (0,)),
    Case("pdfjs/bomb_giant.pdf", READ, (0,)),
    Case("pdfjs/jbig2_file_header.pdf", READ, (0,)),
    Case("pdfjs/ccitt_EndOfBlock_false.pdf", READ, (0,)),
    Case("qpdf/comment-annotation.pdf", READ, (0,)),
    Case("qpdf/enc-base.pdf", READ, (0,)),  # encrypted, with an empty user password
    Case("qpdf/image-streams-small.pdf", READ, (0,)),
    Case("crafted/encrypted_owner_only", READ, (0,)),
    Case("crafted/zero_size_page", READ, (0,)),
    Case("crafted/no_mediabox", READ, (0,)),
    Case("crafted/huge_page_scan", READ, (0,)),  # 14,400 pt square: OCR at 30 dpi
    # damaged, and read and redacted all the same
    Case("pdfjs/xref_command_missing.pdf", READ, (0,)),
    Case("pdfjs/PDFBOX-3148-2-fuzzed.pdf", READ, (0,)),
    Case("qpdf/bad4.pdf", READ, (0,)),
    Case("qpdf/content-stream-errors.pdf", READ, (0,)),
    Case("qpdf/damaged-stream.pdf", READ, (0,)),
    Case("qpdf/dangling-refs.pdf", READ, (0,)),
    Case("qpdf/eof-in-inline-image.pdf", READ, (0,)),
    Case("crafted/trailing_zeros", READ, (0,)),  # %%EOF, then 23 KB of zero bytes
    Case("qpdf/pages-loop.pdf", READ, (0,)),  # the page tree is rebuilt flat to render
    Case("crafted/pages_loop", READ, (0,)),
    Case("qpdf/no-pages-types.pdf", READ, (0,)),  # no /Type in the page tree: pdfminer sees none
    # damaged past what can be worked on: one line, exit 2
    Case("pdfjs/poppler-67295-0.pdf", (2,), (2,), "is damaged (its structure cannot be read)"),
    Case("qpdf/append-xref-loop.pdf", (2,), (2,),
         "is damaged (its page list cannot be read, though 30 pages are there)"),
    Case("crafted/xref_loop", (2,), (2,),
         "is damaged (its page list cannot be read, though 1 page is there)"),
    # objects MuPDF cannot read while rewriting the file: rendered again from a copy saved
    # whole, as a person would be told to do
    Case("crafted/deep_array", READ, (0,)),  # an array nested 100,000 deep
    Case("crafted/deep_dict", READ, (0,)),
    Case("crafted/garbage_inside", READ, (0,)),
    Case("pdfjs/PDFBOX-4352-0.pdf", READ, (0,)),
    Case("qpdf/eof-reading-token.pdf", READ, (0,)),
    Case("qpdf/issue-99.pdf", READ, (0, 2), "is damaged (its structure cannot be read)"),
    Case("pdfjs/issue6069.pdf", (2,), (2,), "is truncated (no end-of-file marker)"),
    Case("crafted/truncated", (2,), (2,), "is truncated (no end-of-file marker)"),
    Case("qpdf/bad1.pdf", (2,), (2,), "is not a PDF (no %PDF header)"),
    Case("crafted/garbage_after_header", (2,), (2,), "cannot be parsed as a PDF"),
    Case("crafted/empty_file", (2,), (2,), "the file is empty"),
    Case("crafted/encrypted_user_password", (2,), (2,),
         "is encrypted and needs a password; give its password, or save an unencrypted copy "
         "(option --password)"),
    Case("crafted/newline_in_name", (2,), (2,), "cannot be parsed as a PDF"),
]  # fmt: skip


def _path(case: Case, tmp_path: Path) -> Path:
    if case.file.startswith("crafted/"):
        return getattr(crafted, case.file.split("/", 1)[1])(tmp_path)
    return PEERS / case.file


def _invoke(args: list[str], capfd) -> tuple[int, list[str]]:
    """Run a command in this process: its exit code and its lines on stderr, its own and
    whatever anything else wrote to file descriptor 2."""
    got = CliRunner().invoke(cli, args)
    assert got.exception is None or isinstance(got.exception, SystemExit), repr(got.exception)
    foreign = capfd.readouterr().err
    assert not foreign, f"written to stderr by another program: {foreign[:300]!r}"
    return got.exit_code, got.stderr.splitlines()


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_a_peer_pdf(case, tmp_path, monkeypatch, capfd):
    made = tmp_path / "in"
    made.mkdir()
    src = _path(case, made)
    temp, out = tmp_path / "tmp", tmp_path / "out"
    temp.mkdir()
    out.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))

    code, lines = _invoke(["check", str(src), "--format", "json"], capfd)
    assert code in case.check, lines
    public, log = out / "public.pdf", out / "log.json"
    code, lines = _invoke(["redact", str(src), "-o", str(public), "--log", str(log)], capfd)
    assert code in case.redact, lines
    assert all(line.startswith("redactor: ") for line in lines), lines
    # the e-filing pre-flight of a public copy written speaks too, a line a problem
    lines = [line for line in lines if not line.startswith("redactor: pre-flight ")]
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0] and "[E099]" not in lines[0], lines
    if code == 0:
        assert sorted(p.name for p in out.iterdir()) == ["log.json", "public.pdf"]
    else:
        name = repr(str(src)) if "\n" in str(src) else str(src)
        assert lines[0].startswith(f"redactor: error [E001]: {name}: {case.says}"), lines
        assert not list(out.iterdir())
    assert not list(temp.iterdir())  # nothing left in the temporary folder


def test_tesseract_speaks_only_when_asked(tmp_path, capfd):
    """Tesseract warns on stderr from C ("Invalid resolution 30 dpi") when the huge page is
    read by OCR: kept off the terminal, and shown, as redactor's line, with -v."""
    src = crafted.huge_page_scan(tmp_path)
    code, lines = _invoke(["check", str(src)], capfd)
    assert code == 1 and lines == []  # the report is on stdout; nothing else is said
    code, lines = _invoke(["-v", "check", str(src)], capfd)
    assert code == 1
    assert any(line.startswith("redactor: tesseract: ") for line in lines), lines
    assert all(line.startswith("redactor: ") for line in lines), lines


# -- the words for a damaged file ------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (pymupdf.mupdf.FzErrorSyntax("invalid key in dict"),
         "is damaged (a syntax error the PDF reader cannot get past)"),
        (pymupdf.mupdf.FzErrorLimit("stack overflow"),
         "nests objects too deeply, or is too large, for the PDF reader"),
        (pymupdf.mupdf.FzErrorFormat("cycle in page tree"), "is damaged (its structure cannot be read)"),
        (RuntimeError("code=7: Invalid number of pages"), "is damaged (its structure cannot be read)"),
        (RuntimeError("code=5: exception stack overflow!"),
         "nests objects too deeply, or is too large, for the PDF reader"),
        (pikepdf.PdfError("stream (object 2 0): Loop detected in /Pages structure (getAllPages)"),
         "is damaged (its page tree loops back on itself)"),
        (pikepdf.PdfError("unable to find trailer dictionary"), "is damaged (qpdf cannot read its objects)"),
        (PDFSyntaxError("No /Root object!"), "is damaged (pdfminer cannot read its objects)"),
        (RecursionError("maximum recursion depth exceeded"), "nests objects too deeply to be read safely"),
        (zlib.error("invalid stored block lengths"),
         "is damaged (a compressed part cannot be decompressed)"),
        # not the file's fault: a bug, reported as one
        (RuntimeError("code=4: not a dict (null)"), None),
        (pymupdf.mupdf.FzErrorArgument("index out of bounds"), None),
        (pikepdf.PasswordError("invalid password"), None),
        (AttributeError("'int' object has no attribute 'objgen'"), None),
        (ValueError("bad xref"), None),
    ],
)  # fmt: skip
def test_what_a_library_error_says_of_the_file(error, words):
    assert damage_of(error) == words


@pytest.mark.parametrize(
    ("tail", "whole"),
    [
        (b"%%EOF", True),
        (b"%%EOF\r\n", True),
        (b"%%EOF\n" + b"\0" * (23 << 10), True),  # a Second Circuit ACMS filing's padding
        (b"%%EOF\r\n\0 \t\x0c\0\n", True),
        (b"%%EOF\n" + b"x" * 1000, True),  # junk after the marker, within 2 KB: read as before
        (b"%%EOF\n" + b"x" * 3000, False),
        (b"startxref\n1234\n", False),
        (b"startxref\n1234\n%%EO" + b"\0" * 100, False),
    ],
)
def test_the_end_of_file_marker_is_found_past_padding(tail, whole):
    assert has_end_marker(b"%PDF-1.7\n" + b"1 0 obj\n<<>>\nendobj\n" * 200 + tail) == whole
