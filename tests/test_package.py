"""`redactor package`: one plan, every file of a sealing package; court profiles; splitting;
in camera; verify-package; no value anywhere but the sealed reference list."""

from __future__ import annotations

import html
import importlib
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pymupdf
import pytest
import yaml
from click.testing import CliRunner
from test_package_fixtures import CASE_NUMBER, MINOR, PLANTED, make_filing, plan_for

from redactor.cli.package import package_command, verify_package_command
from redactor.errors import BadInput, VerificationFailed
from redactor.package import build_package, load_profile, verify_package
from redactor.package.caption import read_caption
from redactor.package.manifest import read_manifest
from redactor.plan import Plan, Policy
from redactor.plan.forms import term_pattern
from redactor.profiles import available_courts, courts_dir
from redactor.verify import normalise

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ROLES = {"public", "highlighted", "table", "log", "reference_list", "draft", "index"}


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return normalise("\n".join(p.extract_text() or "" for p in pdf.pages))


def files(pkg: Path, role: str) -> list[Path]:
    _, entries = read_manifest((pkg / "manifest.json").read_bytes())
    return [pkg / e.path for e in entries if e.role == role]


@pytest.fixture
def filing(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "in").mkdir()
    pdf = make_filing(tmp_path / "in" / "filing.pdf")
    plan_path = tmp_path / "in" / "plan.json"
    plan_for(pdf).save(str(plan_path))
    return pdf, plan_path


# -- every court profile ------------------------------------------------------------------

PAPERS = {
    "edcal": ["notice-of-request-to-seal-documents", "request-to-seal-documents", "proposed-order"],
    "cand": [
        "administrative-motion-to-file-under-seal",
        "declaration-in-support",
        "proposed-order",
    ],
    "cacd": ["application-for-leave-to-file", "declaration-in-support", "proposed-order"],
    "nysd": ["letter-motion-to-file-under-seal", "proposed-order"],
    "generic": ["motion-to-file-documents-under-seal", "declaration-in-support", "proposed-order"],
}
LIMITS_MB = {"edcal": 10, "cacd": 35}


def test_every_named_court_has_a_profile() -> None:
    assert set(PAPERS) <= set(available_courts())
    for court, mb in LIMITS_MB.items():
        assert load_profile(court).max_file_bytes == mb * 1_000_000


@pytest.mark.parametrize("court", sorted(PAPERS))
def test_profile_package(court: str, tmp_path: Path) -> None:
    profile = load_profile(court)
    pdf = make_filing(
        tmp_path / "filing.pdf", court=profile.district or "EASTERN DISTRICT OF CALIFORNIA"
    )
    plan_path = tmp_path / "plan.json"
    plan_for(pdf).save(str(plan_path))
    before = pdf.read_bytes()
    pkg = tmp_path / f"pkg-{court}"
    result = build_package([str(pdf)], str(pkg), court=court, plan_path=str(plan_path))
    assert not [w for w in result.warnings if "court profile" in w]  # a paper of its own court
    assert pdf.read_bytes() == before  # the input is never touched
    assert result.redactions == 3 and result.exhibits == 1
    drafts = sorted(p.name for p in files(pkg, "draft") if p.suffix == ".pdf")
    assert len(drafts) == len(PAPERS[court])
    for expected, name in zip(PAPERS[court], drafts, strict=True):
        assert expected in name
    for draft in files(pkg, "draft"):
        text = pdf_text(draft) if draft.suffix == ".pdf" else draft.read_text()
        assert CASE_NUMBER in text and "JAMES HOLLOWAY" in text
        assert "[COUNSEL TO COMPLETE:" in text
    order = next(p for p in files(pkg, "draft") if "proposed-order" in p.name and p.suffix == ".md")
    assert all(
        f"| R-000{i} |" in order.read_text() for i in (1, 2, 3)
    )  # the order lists each portion
    (highlighted,) = files(pkg, "highlighted")
    with pymupdf.open(highlighted) as doc:
        for page in doc:
            assert profile.legend(False) in page.get_text()
    index = (pkg / "index.html").read_text()
    for paper in profile.papers(False):
        assert html.escape(paper.delivery) in index
    assert verify_package(str(pkg)) == []


def test_edcal_only_the_notice_is_e_filed(filing: tuple[Path, Path], tmp_path: Path) -> None:
    pdf, plan_path = filing
    pkg = tmp_path / "pkg"
    build_package([str(pdf)], str(pkg), court="edcal", plan_path=str(plan_path))
    _, entries = read_manifest((pkg / "manifest.json").read_bytes())
    e_filed = [e.path for e in entries if e.role == "draft" and e.action.startswith("e-file")]
    assert e_filed == ["draft-1-notice-of-request-to-seal-documents.pdf"]
    assert all("chambers" in e.action for e in entries if e.role == "highlighted")


# -- the highlighted copy -----------------------------------------------------------------


def test_highlighted_copy_shows_and_numbers_every_planted_value(filing, tmp_path: Path) -> None:
    pdf, plan_path = filing
    pkg = tmp_path / "pkg"
    build_package([str(pdf)], str(pkg), court="generic", plan_path=str(plan_path))
    (highlighted,) = files(pkg, "highlighted")
    text = pdf_text(highlighted)
    for value in PLANTED.values():
        assert term_pattern(value).search(text), "the highlighted copy must keep every value"
    plan = Plan.load(str(plan_path))
    with pymupdf.open(highlighted) as doc:
        page = doc[0]
        yellow = [d for d in page.get_drawings() if d.get("fill") == (1.0, 1.0, 0.0)]
        assert len(yellow) == sum(len(r.boxes) for r in plan.redactions)
        for red in plan.redactions:
            (label,) = page.search_for(red.id)
            box = pymupdf.Rect(red.boxes[0])
            assert abs(label.y1 - box.y0) < 4 and abs(label.x0 - box.x0) < 2  # just above its mark
            assert any(pymupdf.Rect(d["rect"]).intersects(box) for d in yellow)
    public = pdf_text(files(pkg, "public")[0])
    for value in PLANTED.values():
        assert not term_pattern(value).search(public)


# Words of a sealing request: an in camera package asks the court to review proposed
# redactions, never to seal.
SEALING_REQUEST = re.compile(
    r"(?i)request\s+to\s+seal|motion\s+to\s+(?:file\s+\w+\s+)?(?:under\s+)?seal|application\s+for\s+"
    r"leave\s+to\s+file|order\s+granting|sealing|filed\s+under\s+seal|lodged\s+conditionally"
)


@pytest.mark.parametrize("court", sorted(PAPERS))
def test_in_camera_package_holds_no_sealing_request(court: str, tmp_path: Path) -> None:
    profile = load_profile(court)
    pdf = make_filing(
        tmp_path / "filing.pdf", court=profile.district or "EASTERN DISTRICT OF CALIFORNIA"
    )
    plan_path = tmp_path / "plan.json"
    plan_for(pdf).save(str(plan_path))
    pkg = tmp_path / "pkg"
    result = build_package(
        [str(pdf)], str(pkg), court=court, in_camera=True, plan_path=str(plan_path),
        order="ECF No. 42, 2026-11-03",
    )  # fmt: skip
    assert result.in_camera
    (highlighted,) = files(pkg, "highlighted")
    assert "IN-CAMERA" in highlighted.name and "SEALED" not in highlighted.name
    with pymupdf.open(highlighted) as doc:
        for page in doc:
            text = page.get_text()
            assert "LODGED FOR IN CAMERA REVIEW" in text and "LODGED CONDITIONALLY" not in text
    papers = {p.name: p for p in files(pkg, "draft") if p.suffix == ".md"}
    assert any("notice-of-lodging" in n for n in papers) and any(
        "letter-to-chambers" in n for n in papers
    )
    for name, path in papers.items():
        text = path.read_text()
        assert not SEALING_REQUEST.search(text), (name, SEALING_REQUEST.search(text))
        assert "the Court's order of November 3, 2026 (ECF No. 42)" in text, name
        assert CASE_NUMBER in text
    for role in ("table", "reference_list", "index"):
        for path in files(pkg, role):
            text = pdf_text(path) if path.suffix == ".pdf" else path.read_text()
            assert not SEALING_REQUEST.search(text), (path.name, SEALING_REQUEST.search(text))
    notice = next(p for n, p in papers.items() if "notice-of-lodging" in n)
    assert all(
        f"| R-000{i} |" in notice.read_text() for i in (1, 2, 3)
    )  # it lists each proposed redaction
    _, entries = read_manifest((pkg / "manifest.json").read_bytes())
    chambers = [e for e in entries if e.role in ("highlighted", "reference_list")]
    assert chambers and all("chambers" in e.action for e in chambers if e.path.endswith(".pdf"))
    index = (pkg / "index.html").read_text()
    assert "Delivered to chambers" in index and "Filed on the public docket" in index
    assert json.loads((pkg / "manifest.json").read_text())["in_camera"] is True
    assert verify_package(str(pkg)) == []


def test_a_sealing_package_is_not_an_in_camera_one(filing, tmp_path: Path) -> None:
    """The test above fails on a request to seal: it is not blind to the words it forbids."""
    pdf, plan_path = filing
    pkg = tmp_path / "pkg"
    build_package([str(pdf)], str(pkg), court="edcal", plan_path=str(plan_path))
    texts = [p.read_text() for p in files(pkg, "draft") if p.suffix == ".md"]
    assert all(SEALING_REQUEST.search(t) for t in texts)


def test_legend_covers_no_text(filing, tmp_path: Path) -> None:
    pdf, plan_path = filing
    pkg = tmp_path / "pkg"
    build_package([str(pdf)], str(pkg), court="edcal", plan_path=str(plan_path))
    with pymupdf.open(files(pkg, "highlighted")[0]) as doc, pymupdf.open(pdf) as original:
        for page, orig in zip(doc, original, strict=True):
            (legend,) = page.search_for("LODGED CONDITIONALLY")
            assert legend.y0 > page.rect.height / 2  # the bottom: CM/ECF stamps the top
            assert not any(legend.intersects(pymupdf.Rect(w[:4])) for w in orig.get_text("words"))


# -- splitting at the size limit ----------------------------------------------------------


def test_split_at_the_size_limit(tmp_path: Path) -> None:
    pdf = make_filing(tmp_path / "big.pdf", pages=6, noise_images=True)
    plan_path = tmp_path / "plan.json"
    plan_for(pdf).save(str(plan_path))
    raw = yaml.safe_load((courts_dir() / "edcal.yaml").read_text())
    raw.update(name="tiny", max_file_mb=0.2)
    court = tmp_path / "tiny.yaml"
    court.write_text(yaml.safe_dump(raw))
    assert pdf.stat().st_size > 350_000
    pkg = tmp_path / "pkg"
    build_package([str(pdf)], str(pkg), court=str(court), plan_path=str(plan_path))
    for role in ("public", "highlighted"):
        parts = sorted(files(pkg, role))
        n = len(parts)
        assert n >= 3
        assert [p.name.rsplit("-part-", 1)[1] for p in parts] == [
            f"{i}-of-{n}.pdf" for i in range(1, n + 1)
        ]
        assert all(p.stat().st_size <= 200_000 for p in parts)
        pages = [pymupdf.open(p).page_count for p in parts]
        assert sum(pages) == 6
    assert verify_package(str(pkg)) == []


# -- failing closed, the destination ------------------------------------------------------


def test_a_copy_that_fails_verification_releases_nothing(
    filing, tmp_path: Path, monkeypatch
) -> None:
    """Exhibit 1 verifies, exhibit 2 does not: no package at all, no work folder left."""
    pdf, _ = filing
    second = make_filing(tmp_path / "in" / "second.pdf")
    assemble = importlib.import_module("redactor.package.assemble")
    real = assemble.redact_file

    def redact_file(src, dst, **kw):
        if src == str(second):
            raise VerificationFailed(
                "verification failed, nothing was released: page 1: SSN (R-0001) can still be read"
            )
        return real(src, dst, **kw)

    monkeypatch.setattr(assemble, "redact_file", redact_file)
    pkg = tmp_path / "pkg"
    with pytest.raises(VerificationFailed, match="Exhibit 2.*no package was written") as err:
        build_package(
            [str(pdf), str(second)],
            str(pkg),
            court="edcal",
            policy=Policy.from_mapping({"terms": [{"text": MINOR, "category": "MINOR"}]}),
        )
    assert "524" not in str(err.value)
    assert not pkg.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".redactor")]
    res = CliRunner().invoke(
        package_command, [str(pdf), str(second), "-o", str(pkg), "--court", "edcal"]
    )
    assert res.exit_code == 3 and not pkg.exists()


def test_destination_rules(filing, tmp_path: Path) -> None:
    pdf, plan_path = filing
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(BadInput, match="not empty"):
        build_package([str(pdf)], str(busy), plan_path=str(plan_path))
    assert (busy / "notes.txt").read_text() == "mine"
    pkg = tmp_path / "pkg"
    build_package([str(pdf)], str(pkg), plan_path=str(plan_path))
    with pytest.raises(BadInput, match="previous package") as refused:
        build_package([str(pdf)], str(pkg), plan_path=str(plan_path))
    assert refused.value.option == "force"  # the command line names its flag
    build_package([str(pdf)], str(pkg), court="nysd", plan_path=str(plan_path), force=True)
    assert json.loads((pkg / "manifest.json").read_text())["court"] == "nysd"
    assert verify_package(str(pkg)) == []


def test_file_names_never_hold_a_value(tmp_path: Path) -> None:
    pdf = make_filing(tmp_path / "f.pdf", title=f"DECLARATION REGARDING {MINOR.upper()}")
    plan_path = tmp_path / "plan.json"
    plan_for(pdf).save(str(plan_path))
    pkg = tmp_path / "pkg"
    build_package([str(pdf)], str(pkg), plan_path=str(plan_path))
    names = [p.name.lower() for p in pkg.iterdir()]
    assert all("olivia" not in n and "brandt" not in n for n in names)
    assert any(n.startswith("exhibit-1-public-redacted") for n in names)
    for p in pkg.iterdir():
        if not p.name.startswith(("SEALED", "exhibit-1-SEALED")) and p.suffix != ".pdf":
            assert MINOR.upper() not in p.read_text() and MINOR not in p.read_text()


# -- a three-exhibit package from the bundled filings (detection, not a hand-made plan) ------


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    pkg = tmp_path_factory.mktemp("three") / "pkg"
    inputs = [
        str(SAMPLES / f"{n}.pdf")
        for n in ("motion-to-seal", "declaration-ia-records", "exhibit-customer-list")
    ]
    build_package(inputs, str(pkg), court="edcal", allow_mixed_cases=True)  # three cases
    return pkg


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.roles: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if "data-role" in a:
            self.roles.append(a["data-role"])


def test_index_lists_every_file_with_its_role(three: Path) -> None:
    parser = _Links()
    parser.feed((three / "index.html").read_text())
    _, entries = read_manifest((three / "manifest.json").read_bytes())
    listed = [e for e in entries if e.role != "index"]
    assert sorted(parser.links) == sorted(e.path for e in listed)
    assert sorted(parser.roles) == sorted(e.role for e in listed)
    assert {e.role for e in entries} == ROLES
    assert all(e.action for e in entries)
    assert all((three / link).is_file() for link in parser.links)
    assert (
        "<script" not in (three / "index.html").read_text()
        and "http" not in (three / "index.html").read_text()
    )
    for n in (1, 2, 3):
        assert len([e for e in entries if e.exhibit == f"Exhibit {n}" and e.role == "public"]) == 1


def test_values_only_in_the_reference_list(three: Path) -> None:
    body = json.loads((three / "SEALED-reference-list.json").read_text())
    with pymupdf.open(three / "SEALED-reference-list.pdf") as sealed:
        sealed_pdf = normalise("\n".join(page.get_text() for page in sealed))
    values: set[str] = set()
    for doc in body["documents"]:
        for red in doc["plan"]["redactions"]:
            whole = [
                t
                for t in red["terms"]
                if len(t) >= 6 and " " in t or any(c.isdigit() for c in t) and len(t) >= 6
            ]
            values.update(whole)
            if red["terms"]:
                assert red["terms"][0] in {r["value"] for r in body["references"]}
    assert len(values) > 30
    identifiers = [r["identifier"] for r in body["references"]]
    assert len(identifiers) == len(set(identifiers))
    for ref in body["references"]:
        assert ref["identifier"] in sealed_pdf and term_pattern(ref["value"]).search(sealed_pdf)
    for path in sorted(three.iterdir()):
        assert not any(term_pattern(v).search(path.name.replace("-", " ")) for v in values), (
            path.name
        )
        if path.name.startswith("SEALED") or "-SEALED-" in path.name:
            continue
        text = pdf_text(path) if path.suffix == ".pdf" else normalise(path.read_text())
        leaked = [v for v in values if term_pattern(v).search(text)]
        assert not leaked, f"{path.name} holds {len(leaked)} planned values"


def test_verify_package_finds_tampering(three: Path, tmp_path: Path) -> None:
    assert verify_package(str(three)) == []
    copy = tmp_path / "copy"
    shutil.copytree(three, copy)
    public = files(copy, "public")[1]
    data = bytearray(public.read_bytes())
    data[len(data) // 2] ^= 0x01
    public.write_bytes(bytes(data))
    problems = verify_package(str(copy))
    assert len(problems) == 1 and public.name in problems[0] and "SHA-256" in problems[0]
    runner = CliRunner()
    assert runner.invoke(verify_package_command, [str(copy)]).exit_code == 3
    assert runner.invoke(verify_package_command, [str(three)]).exit_code == 0

    shutil.rmtree(copy)
    shutil.copytree(three, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    h = manifest["files"][0]["sha256"]
    manifest["files"][0]["sha256"] = ("0" if h[0] != "0" else "1") + h[1:]
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert any("SHA-256" in p for p in verify_package(str(copy)))
    assert runner.invoke(verify_package_command, [str(tmp_path)]).exit_code == 2


def test_a_leaking_public_copy_is_caught_even_with_matching_hashes(
    three: Path, tmp_path: Path
) -> None:
    """Re-verification: swap a public copy for its highlighted twin and fix up the manifest."""
    copy = tmp_path / "copy"
    shutil.copytree(three, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    pub = next(
        f for f in manifest["files"] if f["role"] == "public" and f["exhibit"] == "Exhibit 1"
    )
    hl = next(
        f for f in manifest["files"] if f["role"] == "highlighted" and f["exhibit"] == "Exhibit 1"
    )
    shutil.copyfile(copy / hl["path"], copy / pub["path"])
    pub.update(sha256=hl["sha256"], bytes=hl["bytes"])
    (copy / "manifest.json").write_text(json.dumps(manifest))
    problems = verify_package(str(copy))
    assert problems and problems[0].startswith("Exhibit 1: public copy")


# -- the caption reader and the command line ----------------------------------------------


@pytest.mark.parametrize(
    "sample, case, plaintiff, title_start",
    [
        (
            "motion-to-seal",
            "3:23-cv-02135-JLS-BGS",
            "XIMENA SCHNEIDER",
            "NOTICE OF MOTION AND MOTION",
        ),
        (
            "declaration-ia-records",
            "1:23-cv-00329-HSG",
            "ODETTE SHEFFIELD",
            "DECLARATION OF RUTH A. HASKINS",
        ),
        ("exhibit-customer-list", None, None, "EXHIBIT A – Customer Contact List"),
    ],
)
def test_caption_reader(sample: str, case, plaintiff, title_start: str) -> None:
    from redactor.ingest import load

    cap = read_caption(load(str(SAMPLES / f"{sample}.pdf"), ocr=False))
    assert cap.case_number == case and cap.plaintiff == plaintiff
    assert cap.title.startswith(title_start)


def test_package_command(filing, tmp_path: Path) -> None:
    pdf, plan_path = filing
    runner = CliRunner()
    out = tmp_path / "pkg"
    res = runner.invoke(
        package_command, [str(pdf), "-o", str(out), "--court", "cacd", "--plan", str(plan_path)]
    )
    assert res.exit_code == 0, res.output
    assert (out / "index.html").is_file()
    res = runner.invoke(package_command, [str(pdf), "-o", str(out), "--court", "nowhere"])
    assert res.exit_code == 2 and "known courts: cacd, cand, edcal, generic, nysd" in res.output
    assert "--in-camera" in runner.invoke(package_command, ["--help"]).output


def test_work_folders_of_killed_runs_are_swept(tmp_path: Path) -> None:
    """A run killed outright leaves its hidden work folder (which may hold sealed
    values); the next run removes it, but never the folder of a run still going."""
    from redactor.package import _sweep_stale_work

    dead = tmp_path / ".redactor-package-999999999-abc123"
    live = tmp_path / f".redactor-package-{os.getpid()}-def456"
    for folder in (dead, live):
        folder.mkdir()
        (folder / "SEALED-reference-list.json").write_text("{}")
    _sweep_stale_work(tmp_path)
    assert not dead.exists() and live.exists()


def test_a_mark_over_a_form_field_is_not_hidden_under_it(tmp_path: Path) -> None:
    """A form field is drawn above the page: the highlighted copy flattens it first,
    so the judge sees the mark over the field's value."""
    from redactor.package.highlight import highlighted_copy
    from redactor.plan import Redaction

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Date of birth (from the intake form):", fontsize=11)
    field = pymupdf.Widget()
    field.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    field.field_name = "dob"
    field.field_value = "May 21, 1964"
    field.rect = pymupdf.Rect(280, 88, 400, 104)
    field.fill_color = (1, 1, 1)  # an opaque field, as form software draws it
    page.add_widget(field)
    box = (282.0, 89.0, 350.0, 103.0)
    plan = Plan(
        file="f.pdf",
        redactions=[
            Redaction(
                "R-0001",
                1,
                (box,),
                "DOB",
                "partial",
                "XX/XX/1964",
                "pattern:dob",
                "date of birth",
                terms=("May 21, 1964",),
            )
        ],
    )
    from redactor.ingest import load

    ingested = load("form.pdf", data=doc.tobytes(), ocr=False)
    out = pymupdf.open(
        stream=highlighted_copy(ingested, plan, load_profile("edcal"), in_camera=False),
        filetype="pdf",
    )
    page = out[0]
    assert not list(page.widgets())  # flattened into the page
    assert "May 21, 1964" in page.get_text()  # the value still reads
    r, g, b = page.get_pixmap(clip=pymupdf.Rect(box[2] + 20, 92, box[2] + 22, 94)).pixel(0, 0)
    assert r > 200 and g > 200 and b > 200  # outside the mark the field stays as it was
    r, g, b = page.get_pixmap(clip=pymupdf.Rect(300, 89.4, 302, 90.4)).pixel(0, 0)
    assert b < 200 and r > 200 and g > 200, (r, g, b)  # inside: the yellow mark shows
