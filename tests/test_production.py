"""`redactor batch`: a small real production, read back with second readers.

One production is made once per module (three short filings, a corrupt file in
the middle, a scanned PNG) and the tests read it back: numbering, files, load
files, the errors file, the text, and that no planted value reached any log,
load file or file name.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.cli.batch import batch_command
from redactor.production import run_production
from redactor.production.bates import BAND, BatesError, parse_bates
from redactor.production.loadfiles import DAT_FIELDS, read_dat, read_opt
from samples.generate import make_filing
from samples.truth import Truth, find

PREFIX = "ABC"


def make_inputs(root: Path, n: int = 3, seed: int = 31) -> list[Path]:
    """``n`` one- or two-page pleading filings (held-out split) in ``root/filings``."""
    paths = []
    for i in range(n):
        path = root / "filings" / f"{i:04d}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        make_filing(path, seed=seed + i, split="heldout", layout="pleading", pages=1 + i % 2)
        paths.append(path)
    return paths


def make_scan(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 120), "Scanned exhibit received by the clerk", fontsize=16)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.get_pixmap(dpi=150).save(str(path))


def band_number(page: pymupdf.Page) -> int | None:
    clip = pymupdf.Rect(page.rect.x0, page.rect.y1 - BAND, page.rect.x1, page.rect.y1)
    return parse_bates(page.get_text(clip=clip), PREFIX)


def planted_values(in_dir: Path) -> list[str]:
    values = set()
    for truth_file in in_dir.rglob("*.truth.json"):
        for entry in Truth.load(truth_file).private:
            values.add(entry.value)
    return sorted(v for v in values if len(v) >= 4)


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    base = tmp_path_factory.mktemp("production")
    in_dir = base / "in"
    make_inputs(in_dir)
    (in_dir / "filings" / "0001b-corrupt.pdf").write_bytes(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"
    )
    make_scan(in_dir / "scans" / "exhibit.png")
    (in_dir / "notes.docx").write_bytes(b"not a production input")
    out = base / "VOL001"
    result = run_production(str(in_dir), str(out), prefix=PREFIX, legend="CONFIDENTIAL", workers=2)
    return in_dir, out, result


def test_numbers_run_in_path_order_with_no_gap(production):
    in_dir, out, result = production
    assert [d.source for d in result.produced] == [
        "filings/0000.pdf", "filings/0001.pdf", "filings/0002.pdf", "scans/exhibit.png",
    ]  # fmt: skip
    expected = 1
    for doc in result.produced:
        assert doc.bates.first == expected
        assert doc.file == f"IMAGES/{doc.bates.begin}.pdf"
        with pymupdf.open(out / doc.file) as pdf:
            assert pdf.page_count == doc.bates.pages
            assert [band_number(p) for p in pdf] == list(range(doc.bates.first, doc.bates.last + 1))
            assert all(
                "CONFIDENTIAL" in p.get_text(clip=(0, p.rect.y1 - BAND, 200, p.rect.y1))
                for p in pdf
            )
        expected = doc.bates.last + 1
    assert sorted(p.name for p in (out / "IMAGES").iterdir()) == sorted(
        Path(d.file).name for d in result.produced
    )
    assert (
        json.loads((out / "bates-registry.json").read_text())["prefixes"][PREFIX][0]["last"]
        == expected - 1
    )


def test_corrupt_file_is_listed_gets_no_numbers_and_the_run_goes_on(production):
    in_dir, out, result = production
    assert result.exit_code == 2
    assert [f.source for f in result.failed] == ["filings/0001b-corrupt.pdf"]
    lines = (out / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "DOCUMENT,REASON"
    assert lines[1].startswith("filings/0001b-corrupt.pdf,")
    assert len(lines) == 2
    assert result.ignored >= 1  # notes.docx (and the truth files) are not inputs


def test_load_files_read_back(production):
    in_dir, out, result = production
    header, rows = read_dat(out / "production.dat")
    assert tuple(header) == DAT_FIELDS
    assert len(rows) == len(result.produced)
    for row, doc in zip(rows, result.produced, strict=True):
        assert (row["BEGBATES"], row["ENDBATES"]) == (doc.bates.begin, doc.bates.end)
        assert row["PAGECOUNT"] == str(doc.bates.pages)
        assert row["FILENAME"] == Path(doc.source).name
        assert row["CONFIDENTIALITY"] == "CONFIDENTIAL"
        assert row["REDACTED"] == ("Y" if doc.redactions else "N")
        assert row["TEXTLINK"] == f"TEXT\\{doc.bates.begin}.txt"
        assert (out / row["TEXTLINK"].replace("\\", "/")).is_file()
        assert row["NATIVELINK"] == ""
    assert any(row["REDACTED"] == "Y" for row in rows)
    opt = read_opt(out / "production.opt")
    assert len(opt) == sum(d.bates.pages for d in result.produced)
    assert [p.image_key for p in opt] == [n for d in result.produced for n in d.bates.numbers()]
    assert [p.image_key for p in opt if p.doc_break] == [d.bates.begin for d in result.produced]
    assert [p.page_count for p in opt if p.doc_break] == [d.bates.pages for d in result.produced]
    assert all(p.page_count is None for p in opt if not p.doc_break)
    assert {p.volume for p in opt} == {"VOL001"}
    for p in opt:
        assert (out / p.image_path.replace("\\", "/")).is_file()


def test_text_comes_from_the_produced_pdf(production):
    in_dir, out, result = production
    for doc in result.produced:
        text = (out / doc.text).read_text(encoding="utf-8-sig")
        assert text.count("\f") == doc.bates.pages - 1
        assert doc.bates.begin in text  # the stamp is there: read from the output, not the original
    scan = result.produced[-1]
    assert "clerk" in (out / scan.text).read_text(encoding="utf-8-sig")  # the image was OCR'd


def test_no_planted_value_in_logs_load_files_or_names(production):
    in_dir, out, result = production
    values = planted_values(in_dir)
    assert values
    log = (out / "redaction-log.csv").read_text(encoding="utf-8-sig")
    assert log.splitlines()[0].startswith("BATES,BEGBATES,PAGE")
    assert len(log.splitlines()) - 1 == sum(d.redactions for d in result.produced) > 0
    names = " ".join(str(p.relative_to(out)) for p in out.rglob("*"))
    for name in (
        "redaction-log.csv",
        "production.dat",
        "production.opt",
        "errors.csv",
        "journal.jsonl",
    ):
        text = (out / name).read_text(encoding="utf-8-sig")
        leaked = [v for v in values if find(v, text)]
        assert not leaked, f"{name} holds {len(leaked)} planted value(s)"
    assert not [v for v in values if find(v, names)]
    assert not list(out.rglob(".work-*")) and not list(out.rglob("*.part"))


def test_rerun_redoes_nothing(production):
    in_dir, out, result = production
    before = (out / "journal.jsonl").read_text()
    again = run_production(str(in_dir), str(out), prefix=PREFIX, legend="CONFIDENTIAL", workers=2)
    assert again.resumed == 5 and again.pages == 0
    assert (out / "journal.jsonl").read_text() == before
    assert [d.bates for d in again.produced] == [d.bates for d in result.produced]
    assert again.exit_code == 2  # the corrupt file is still not produced


def test_second_volume_continues_the_numbers(production, tmp_path):
    in_dir, out, result = production
    vol = tmp_path / "VOL001"
    shutil.copytree(out, vol)
    in2 = tmp_path / "in2"
    make_inputs(in2, n=1, seed=77)
    with pytest.raises(BatesError, match="already used"):
        run_production(str(in2), str(vol), prefix=PREFIX, start=3, workers=1)
    second = run_production(str(in2), str(vol), prefix=PREFIX, workers=1)
    last = result.produced[-1].bates.last
    new = [d for d in second.produced if d.source == "filings/0000.pdf" and d.bates.first > last]
    assert len(new) == 1 and new[0].bates.first == last + 1
    registry = json.loads((vol / "bates-registry.json").read_text())["prefixes"][PREFIX]
    assert [(r["first"], r["last"]) for r in registry] == [(1, last), (last + 1, new[0].bates.last)]
    _, rows = read_dat(vol / "production.dat")
    assert [r["BEGBATES"] for r in rows][-1] == new[0].bates.begin
    assert len(rows) == len(result.produced) + 1


def test_command_line(production, tmp_path):
    in_dir, out, result = production
    runner = CliRunner()
    help_text = runner.invoke(batch_command, ["--help"]).output
    for option in (
        "--bates-prefix",
        "--bates-start",
        "--bates-digits",
        "--legend",
        "--policy",
        "--workers",
        "--executor",
        "--scheduler",
        "--order",
    ):
        assert option in help_text
    order = tmp_path / "order.txt"
    order.write_text("# produce the second filing only\nfilings/0001.pdf\n")
    got = runner.invoke(
        batch_command,
        [
            str(in_dir),
            "-o",
            str(tmp_path / "out"),
            "--bates-prefix",
            "Q-",
            "--bates-start",
            "100",
            "--bates-digits",
            "5",
            "--order",
            str(order),
            "--workers",
            "1",
        ],
    )
    assert got.exit_code == 0, got.output
    assert sorted(p.name for p in (tmp_path / "out" / "IMAGES").iterdir()) == ["Q-00100.pdf"]
    bad = runner.invoke(
        batch_command, [str(in_dir), "-o", str(tmp_path / "o2"), "--bates-prefix", "A B"]
    )
    assert (
        bad.exit_code == 2
        and f"[{BatesError.code}]" in bad.output
        and "Traceback" not in bad.output
    )
