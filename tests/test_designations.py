"""Designated pages: a protective-order legend (or a policy's Bates prefix) on a page is a
problem of kind `designated`, naming the page, the legend and the Bates number; a
sentence that mentions a designation is not one; `package` offers the page for sealing
whole and proves the public page blank."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.check import check_file
from redactor.cli import cli
from redactor.detect.designations import designations, legend_in, legend_pattern
from redactor.ingest import load
from redactor.package import build_package, verify_package
from redactor.plan import Plan, Policy

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REAL = ROOT.parent / "shared" / "fixtures"

LEGENDS = [
    # a line as it stands on a page, the legend it is (None: not a legend)
    ("CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER", "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER"),
    (
        "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER CITY000123",
        "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER",
    ),
    ("HIGHLY CONFIDENTIAL – ATTORNEYS’ EYES ONLY", "HIGHLY CONFIDENTIAL – ATTORNEYS’ EYES ONLY"),
    (
        "HIGHLY CONFIDENTIAL - ATTORNEYS' EYES ONLY ACME_0004411",
        "HIGHLY CONFIDENTIAL - ATTORNEYS' EYES ONLY",
    ),
    ("CONFIDENTIAL", "CONFIDENTIAL"),
    ("Confidential", "Confidential"),
    ("Page 3 of 10 CONFIDENTIAL DEF000881", "CONFIDENTIAL"),
    ("OUTSIDE ATTORNEYS' EYES ONLY", "OUTSIDE ATTORNEYS' EYES ONLY"),
    ("RESTRICTED CONFIDENTIAL – SOURCE CODE", "RESTRICTED CONFIDENTIAL – SOURCE CODE"),
    ("PRODUCED PURSUANT TO PROTECTIVE ORDER", "PRODUCED PURSUANT TO PROTECTIVE ORDER"),
    # a sentence, a heading, a quotation, a definition: not a legend
    ("No. 31) and is designated CONFIDENTIAL. It identifies the customers", None),
    ("“CONFIDENTIAL”", None),
    ("2.2 Confidential Information:", None),
    ("DECLARATION RE CONFIDENTIAL DOCUMENTS", None),
    ("STIPULATED PROTECTIVE ORDER", None),
    ("confidential", None),
    ("SOURCE CODE", None),
    ("MOTION TO FILE DOCUMENTS UNDER SEAL", None),
]


@pytest.mark.parametrize("line, legend", LEGENDS)
def test_a_legend_is_a_line_of_its_own(line: str, legend: str | None) -> None:
    assert legend_in(line, legend_pattern()) == legend


def page_with(
    path: Path, lines: list[tuple[float, str]], *, body: str = "The witness list follows."
) -> Path:
    """A letter page: ``body`` in the text, and ``lines`` (y, text) where stamps stand."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_font(fontname="F0", fontbuffer=pymupdf.Font("tiro").buffer)
    page.insert_text((72, 200), body, fontname="F0", fontsize=11)
    for y, text in lines:
        page.insert_text((72, y), text, fontname="F0", fontsize=9)
    doc.save(str(path))
    doc.close()
    return path


def test_a_designated_page_is_a_problem_naming_page_legend_and_bates(tmp_path: Path) -> None:
    """The issue's page: "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER" and CITY000123."""
    pdf = page_with(
        tmp_path / "d.pdf",
        [(40, "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER"), (770, "CITY000123")],
    )
    result = CliRunner().invoke(cli, ["check", str(pdf), "--format", "json"])
    report = json.loads(result.stdout)
    (problem,) = [p for p in report["problems"] if p["kind"] == "designated"]
    assert problem["page"] == 1 and problem["severity"] == "fix"
    assert "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER" in problem["detail"]
    assert "CITY000123" in problem["detail"] and "sealing request" in problem["detail"]
    assert result.exit_code == 1 and report["clean"] is False
    text = CliRunner().invoke(cli, ["check", str(pdf)]).stdout
    assert "CLEAN" not in text and "designated" in text


def test_a_sentence_about_a_designation_is_not_one(tmp_path: Path) -> None:
    pdf = page_with(
        tmp_path / "p.pdf",
        [],
        body="The list was designated CONFIDENTIAL under the protective order.",
    )
    assert not [p for p in check_file(str(pdf), ocr=False).problems if p.kind == "designated"]


def test_the_policy_adds_legends_and_bates_prefixes(tmp_path: Path) -> None:
    pdf = page_with(tmp_path / "n.pdf", [(40, "PRODUCED SUBJECT TO NDA"), (770, "CITY000123")])
    plain = [p for p in check_file(str(pdf), ocr=False).problems if p.kind == "designated"]
    assert not plain  # neither is a legend the tool knows
    policy = Policy.from_mapping({"designations": {"legends": ["Produced subject to NDA"]}})
    (found,) = [
        p for p in check_file(str(pdf), ocr=False, policy=policy).problems if p.kind == "designated"
    ]
    assert "PRODUCED SUBJECT TO NDA" in found.detail
    bates_only = page_with(tmp_path / "b.pdf", [(770, "CITY000123")])
    policy = Policy.from_mapping({"designations": {"bates_prefixes": ["city"]}})
    (found,) = [
        p
        for p in check_file(str(bates_only), ocr=False, policy=policy).problems
        if p.kind == "designated"
    ]
    assert "CITY000123" in found.detail and "CITY" in found.detail
    other = Policy.from_mapping({"designations": {"bates_prefixes": ["ACME"]}})
    assert not [
        p
        for p in check_file(str(bates_only), ocr=False, policy=other).problems
        if p.kind == "designated"
    ]


@pytest.mark.parametrize(
    "raw, error",
    [
        ({"designations": {"legends": "CONFIDENTIAL"}}, "legends: must be a list"),
        ({"designations": {"bates_prefixes": ["CITY 1"]}}, "bates_prefixes"),
        ({"designations": {"prefixes": ["CITY"]}}, "unknown key 'prefixes'"),
    ],
)
def test_policy_designation_keys_are_checked(raw: dict, error: str) -> None:
    from redactor.errors import PolicyError

    with pytest.raises(PolicyError, match=error):
        Policy.from_mapping(raw, source="p.yaml")


def test_a_legend_stamped_as_a_comment_counts(tmp_path: Path) -> None:
    pdf = page_with(tmp_path / "s.pdf", [])
    doc = pymupdf.open(pdf)
    doc[0].add_freetext_annot(pymupdf.Rect(400, 20, 590, 40), "HIGHLY CONFIDENTIAL", fontsize=10)
    doc.save(tmp_path / "stamped.pdf")
    problems = [
        p
        for p in check_file(str(tmp_path / "stamped.pdf"), ocr=False).problems
        if p.kind == "designated"
    ]
    assert problems and "HIGHLY CONFIDENTIAL" in problems[0].detail


def test_real_court_papers() -> None:
    """Real orders, opinions, briefs and clerks' letters bear no designation; the page of
    a deposition transcript marked **CONFIDENTIAL** (cut from a real filing) does."""
    papers = sorted((REAL / "real").glob("*.pdf")) + sorted((REAL / "xray").glob("*.pdf"))
    assert len(papers) > 40
    found = {}
    for path in papers:
        doc = load(str(path), ocr=False)
        hits = designations(doc)
        doc.pdf.close()
        if hits:
            found[path.name] = [(h.page, h.legends) for h in hits]
    assert found == {"unfilled_rect.pdf": [(1, ("CONFIDENTIAL",))]}


def test_the_sample_exhibit_is_designated() -> None:
    doc = load(str(SAMPLES / "exhibit-customer-list.pdf"), ocr=False)
    (d,) = designations(doc)
    assert d.page == 1 and d.legends == ("CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER",)
    assert d.bates == ("CCR004059",)


# -- package: the designated page offered for sealing whole ----------------------------------


def test_package_offers_a_designated_page_whole(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    build_package([str(SAMPLES / "exhibit-customer-list.pdf")], str(pkg), court="cand")
    body = json.loads((pkg / "SEALED-reference-list.json").read_text())
    (doc,) = body["documents"]
    whole = [r for r in doc["plan"]["redactions"] if r["category"] == "DESIGNATED"]
    assert len(whole) == 1 and whole[0]["page"] == 1 and not whole[0]["terms"]
    assert "CCR004059" in whole[0]["reason"]
    public = next(p for p in pkg.iterdir() if p.name.endswith("public-redacted.pdf"))
    with pymupdf.open(public) as out:
        words = {w[4] for w in out[0].get_text("words")}
    assert words <= set("PAGE REDACTED – DESIGNATED UNDER PROTECTIVE ORDER".split())
    table = (pkg / "redaction-table.csv").read_text()
    assert "entire page" in table and "Civil L.R. 79-5(f)" in table  # cand's own reason
    assert verify_package(str(pkg)) == []
    # the entries inside the page are still each planned, highlighted and listed
    assert len(doc["plan"]["redactions"]) > 40


def test_a_policy_can_turn_the_offer_off(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    policy = Policy.from_mapping({"categories": {"DESIGNATED": {"enabled": False}}})
    build_package(
        [str(SAMPLES / "exhibit-customer-list.pdf")], str(pkg), court="cand", policy=policy
    )
    body = json.loads((pkg / "SEALED-reference-list.json").read_text())
    assert not [
        r for r in body["documents"][0]["plan"]["redactions"] if r["category"] == "DESIGNATED"
    ]


def test_a_plan_that_leaves_a_designated_page_out_is_a_warning(tmp_path: Path) -> None:
    src = SAMPLES / "exhibit-customer-list.pdf"
    plan_path = tmp_path / "plan.json"
    Plan(file=str(src), redactions=[]).save(str(plan_path))
    pkg = build_package([str(src)], str(tmp_path / "pkg"), plan_path=str(plan_path))
    assert any("page 1 bears a protective-order designation" in w for w in pkg.warnings)
    assert (
        "page 1 bears a protective-order designation"
        in (tmp_path / "pkg" / "index.html").read_text()
    )
