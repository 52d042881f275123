"""Packages a clerk accepts the first time: every plan entry once as id, mark, table row and
reference (verify-package fails otherwise); one case a package; a paper of another court
is a warning; file data is never listed as a portion of a page."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from redactor.errors import BadInput
from redactor.ingest import load
from redactor.package import build_package, verify_package
from redactor.package.caption import read_caption, read_case, same_case
from redactor.package.manifest import read_manifest, sha256
from redactor.verify import normalise

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REAL = ROOT.parent / "shared" / "fixtures" / "real"
REDACTOR = Path(sys.executable).with_name("redactor")


# -- the case of a paper ---------------------------------------------------------------------

CASES = [
    # file, case number read, where it was read
    (SAMPLES / "motion-to-seal.pdf", "3:23-cv-02135", "caption"),
    (SAMPLES / "declaration-ia-records.pdf", "1:23-cv-00329", "caption"),
    (SAMPLES / "exhibit-customer-list.pdf", "3:20-cv-02702", "page header or footer"),
    (REAL / "gov.uscourts.cacd.652774.40.0.pdf", "8:16-cv-01261", "CM/ECF header stamp"),
    (REAL / "gov.uscourts.cand.203070.27.0.pdf", "4:08-cv-02214", "CM/ECF header stamp"),
    (REAL / "ca9_19.pdf", "20-16276", "CM/ECF header stamp"),
    (REAL / "ca2_1-1.pdf", "17-3510", "CM/ECF header stamp"),
    (REAL / "ca4_17.pdf", "17-2218", "CM/ECF header stamp"),
    (REAL / "broken-mime.pdf", "363A14-4", "caption"),
    (REAL / "image-pdf.pdf", None, ""),
]


@pytest.mark.parametrize("path, number, source", CASES, ids=[c[0].name for c in CASES])
def test_the_case_of_a_paper(path: Path, number: str | None, source: str) -> None:
    doc = load(str(path), ocr=False)
    case = read_case(doc, read_caption(doc))
    assert (case.number, case.source) == (number, source)


def test_an_appellate_caption_gives_its_own_number_not_the_district_s() -> None:
    """The Ninth Circuit brief names the district case under "On Appeal from": not its number."""
    doc = load(str(REAL / "ca9_19.pdf"), ocr=False)
    caption = read_caption(doc)
    assert caption.case_number == "20-16276"
    assert (
        "COURT OF APPEALS" in caption.court.upper() and "NINTH CIRCUIT" in caption.district.upper()
    )


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("8:16-cv-1261", "8:16-cv-01261-DOC-KES", True),
        ("17-cv-6761", "1:17-cv-06761", True),
        ("2:20-cv-01234-KJM-DB", "2:20-cv-01234", True),
        ("3:20-cv-02702", "1:23-cv-00329", False),
        ("2:20-cv-01234", "2:20-cr-01234", False),
        ("1:20-cv-01234", "2:20-cv-01234", False),
        ("20-16276", "20-16276", True),
        ("20-16276", "20-16277", False),
    ],
)
def test_same_case(a: str, b: str, same: bool) -> None:
    assert same_case(a, b) is same and same_case(b, a) is same


def test_exhibits_of_two_cases_are_refused(tmp_path: Path) -> None:
    """The issue's pair: 3:20-cv-02702 and 1:23-cv-00329. One line, both numbers, exit 2."""
    pkg = tmp_path / "pkg"
    args = [str(SAMPLES / "exhibit-customer-list.pdf"), str(SAMPLES / "declaration-ia-records.pdf")]
    proc = subprocess.run([str(REDACTOR), "package", *args, "-o", str(pkg)], capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "3:20-cv-02702" in lines[0] and "1:23-cv-00329" in lines[0]
    assert "--allow-mixed-cases" in lines[0]
    assert not pkg.exists() and not [
        p for p in tmp_path.iterdir() if p.name.startswith(".redactor")
    ]
    with pytest.raises(BadInput, match="a package is for one case"):
        build_package(args, str(pkg))
    built = build_package(args, str(pkg), allow_mixed_cases=True)
    assert built.exhibits == 2 and verify_package(str(pkg)) == []


def test_a_district_profile_on_an_appellate_brief_is_a_warning(tmp_path: Path) -> None:
    """E.D. Cal. on a Ninth Circuit brief: said, and no Ninth Circuit heading or appeal
    number in the E.D. Cal. papers."""
    pkg = tmp_path / "pkg"
    built = build_package([str(REAL / "ca9_19.pdf")], str(pkg), court="edcal")
    (warning,) = [w for w in built.warnings if "court profile" in w]
    assert "NINTH CIRCUIT" in warning and "EASTERN DISTRICT OF CALIFORNIA" in warning
    assert "NINTH CIRCUIT" in (pkg / "index.html").read_text()
    assert json.loads((pkg / "manifest.json").read_text())["warnings"]
    for draft in pkg.glob("draft-*.md"):
        text = draft.read_text()
        assert "EASTERN DISTRICT OF CALIFORNIA" in text and "NINTH CIRCUIT" not in text.upper()
        assert "20-16276" not in text and "[COUNSEL TO COMPLETE: case number]" in text
    assert verify_package(str(pkg)) == []


def test_a_paper_of_the_profile_s_court_is_no_warning(tmp_path: Path) -> None:
    built = build_package(
        [str(REAL / "gov.uscourts.cacd.652774.40.0.pdf")], str(tmp_path / "p"), court="cacd"
    )
    assert not [w for w in built.warnings if "court profile" in w]
    notice = next((tmp_path / "p").glob("draft-1-*.md")).read_text()
    assert "8:16-cv-1261" in notice


# -- every plan entry once: id, mark, table row, reference -------------------------------------


@pytest.fixture(scope="module")
def motion(tmp_path_factory) -> Path:
    pkg = tmp_path_factory.mktemp("motion") / "pkg"
    build_package([str(SAMPLES / "motion-to-seal.pdf")], str(pkg), court="edcal")
    return pkg


def _copy(pkg: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy"
    shutil.copytree(pkg, out)
    return out


def _rehash(pkg: Path, name: str) -> None:
    """Make manifest.json agree with a changed file, as a careless editor would."""
    manifest = json.loads((pkg / "manifest.json").read_text())
    for f in manifest["files"]:
        if f["path"] == name:
            data = (pkg / name).read_bytes()
            f.update(sha256=sha256(data), bytes=len(data))
    (pkg / "manifest.json").write_text(json.dumps(manifest))


def _plan(pkg: Path) -> list[dict]:
    body = json.loads((pkg / "SEALED-reference-list.json").read_text())
    return body["documents"][0]["plan"]["redactions"]


def test_every_entry_is_marked_tabled_and_referenced(motion: Path) -> None:
    assert verify_package(str(motion)) == []
    plan = _plan(motion)
    surfaces = {r["surface"] for r in plan}
    assert "page" in surfaces and "metadata" in surfaces and "annotation" in surfaces
    rows = list(csv.DictReader(io.StringIO((motion / "redaction-table.csv").read_text())))
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in plan)
    _, entries = read_manifest((motion / "manifest.json").read_bytes())
    (highlighted,) = [e for e in entries if e.role == "highlighted"]
    with pymupdf.open(motion / highlighted.path) as doc:
        printed = {w[4] for page in doc for w in page.get_text("words") if w[4].startswith("R-")}
        sheet = doc[-1].get_text()
    assert {r["id"] for r in plan} <= printed
    for r in plan:
        if r["surface"] != "page":
            assert r["id"] in sheet  # not on the face of a page: on the last sheet


def test_file_data_is_never_a_portion_of_a_page(motion: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((motion / "redaction-table.csv").read_text())))
    meta = [r for r in rows if r["kind"] == "file data"]
    assert meta and all("not on a page" in r["portion"] for r in meta)
    assert all(r["where"].startswith(("document properties (metadata)", "a comment")) for r in meta)
    with pymupdf.open(motion / "redaction-table.pdf") as doc:
        text = normalise(" ".join(" ".join(p.get_text().split()) for p in doc))
    assert "In the file's data, not on its pages" in text
    assert "What it is (file data, not page text)" in text


def test_a_missing_table_row_fails_verify_package(motion: Path, tmp_path: Path) -> None:
    pkg = _copy(motion, tmp_path)
    lines = (pkg / "redaction-table.csv").read_text().splitlines(keepends=True)
    gone = next(ln for ln in lines[1:] if ",R-0004," in ln)
    (pkg / "redaction-table.csv").write_text("".join(ln for ln in lines if ln is not gone))
    _rehash(pkg, "redaction-table.csv")
    problems = verify_package(str(pkg))
    assert problems == ["Exhibit 1: R-0004 has 0 rows of the redaction table, not one"]


def test_a_missing_mark_fails_verify_package(motion: Path, tmp_path: Path) -> None:
    pkg = _copy(motion, tmp_path)
    _, entries = read_manifest((pkg / "manifest.json").read_bytes())
    (highlighted,) = [e for e in entries if e.role == "highlighted"]
    path = pkg / highlighted.path
    doc = pymupdf.open(path)
    page_entry = next(r for r in _plan(pkg) if r["surface"] == "page" and r["boxes"])
    page = doc[page_entry["page"] - 1]
    for rect in page.search_for(page_entry["id"]):  # the printed id goes, the highlight stays
        page.add_redact_annot(rect)
    page.apply_redactions(images=0, graphics=0)
    data = doc.tobytes()
    doc.close()
    path.write_bytes(data)
    _rehash(pkg, highlighted.path)
    problems = verify_package(str(pkg))
    assert len(problems) == 1 and page_entry["id"] in problems[0]
    assert "not highlighted and numbered" in problems[0]


def test_a_reference_used_twice_fails_verify_package(motion: Path, tmp_path: Path) -> None:
    pkg = _copy(motion, tmp_path)
    body = json.loads((pkg / "SEALED-reference-list.json").read_text())
    body["references"][0]["uses"].append(dict(body["references"][0]["uses"][0]))
    (pkg / "SEALED-reference-list.json").write_text(json.dumps(body))
    _rehash(pkg, "SEALED-reference-list.json")
    rid = body["references"][0]["uses"][0]["id"]
    assert f"Exhibit 1: {rid} has 2 uses in the reference list, not one" in verify_package(str(pkg))


# -- a fast subset of the bench (bench/package_courts.py runs all of it) -----------------------

SUBSET = [
    ("edcal", False, [SAMPLES / "declaration-ia-records.pdf"]),
    ("edcal", True, [SAMPLES / "exhibit-customer-list.pdf"]),
    ("cand", False, [SAMPLES / "exhibit-customer-list.pdf"]),
    ("cand", True, [SAMPLES / "motion-to-seal.pdf"]),
    ("cacd", False, [REAL / "gov.uscourts.cacd.652774.40.0.pdf"]),
    ("cacd", True, [SAMPLES / "declaration-ia-records.pdf"]),
    ("nysd", False, [SAMPLES / "motion-to-seal.pdf"]),
    ("nysd", True, [REAL / "gov.uscourts.cand.203070.27.0.pdf"]),
    ("generic", False, [REAL / "ca2_1-1.pdf"]),
    ("generic", True, [SAMPLES / "exhibit-customer-list.pdf"]),
]


@pytest.mark.parametrize(
    "court, in_camera, inputs",
    SUBSET,
    ids=[f"{c}-{'camera' if i else 'sealed'}-{p[0].stem}" for c, i, p in SUBSET],
)
def test_every_court_both_ways_passes_verify_package(court: str, in_camera: bool, inputs: list[Path],
                                                     tmp_path: Path) -> None:  # fmt: skip
    pkg = tmp_path / "pkg"
    built = build_package([str(p) for p in inputs], str(pkg), court=court, in_camera=in_camera)
    assert built.in_camera is in_camera
    assert verify_package(str(pkg)) == []
    _, entries = read_manifest((pkg / "manifest.json").read_bytes())
    assert all(e.preflight for e in entries if e.role == "public")
    index = (pkg / "index.html").read_text()
    assert "What is filed, what goes to chambers, and how" in index
