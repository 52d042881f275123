"""The library entry point: logs without values, edited plans, the input untouched."""

from __future__ import annotations

import csv
import hashlib
import json

import pdfplumber
import pymupdf
import pytest

from redactor.errors import BadInput, PolicyError
from redactor.ingest import load
from redactor.model import Finding
from redactor.plan import Plan, Policy, make_plan
from redactor.plan.forms import term_forms
from redactor.redact import redact_file

PLANTED = {
    "SSN": "562-19-4471",
    "PERSON": "Dolores Quintanilla",
    "DOB": "03/14/1980",
    "ACCOUNT": "004417829931",
    "EMAIL": "dolores.q@example.net",
}
LINES = [
    f"Plaintiff {PLANTED['PERSON']}, SSN {PLANTED['SSN']}, born {PLANTED['DOB']}.",
    f"Her account {PLANTED['ACCOUNT']} and e-mail {PLANTED['EMAIL']} are on file.",
    "The Honorable Kimberly J. Mueller presides.",
]


@pytest.fixture
def filing(tmp_path):
    pdf = pymupdf.open()
    page = pdf.new_page()
    for i, line in enumerate(LINES):
        page.insert_text((72, 100 + 30 * i), line, fontsize=11)
    path = tmp_path / "filing.pdf"
    pdf.save(path)
    doc = load(str(path))
    found = []
    for category, value in PLANTED.items():
        start = doc.pages[0].text.text.index(value)
        boxes = tuple(doc.pages[0].text.boxes_for(start, start + len(value)))
        why = f"context word near {value}"  # a careless detector: the log must still not show it
        found.append(Finding(category, value, 1, boxes, "test", 1.0, why, start=start))
    return path, make_plan(doc, found, Policy.default())


@pytest.mark.parametrize("ext", ["json", "csv"])
def test_log_has_one_row_per_redaction_and_never_a_value(tmp_path, filing, ext):
    src, plan = filing
    log = tmp_path / f"log.{ext}"
    result = redact_file(str(src), str(tmp_path / "out.pdf"), plan=plan, log=str(log))
    text = log.read_text(encoding="utf-8")
    if ext == "json":
        rows = json.loads(text)["redactions"]
    else:
        rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == len(plan.redactions) == len(result.log_rows)
    assert set(rows[0]) == {
        "id",
        "page",
        "line",
        "category",
        "action",
        "label",
        "detector",
        "reason",
    }
    for category, value in PLANTED.items():
        for form in term_forms(category, value):
            if len(form) >= 4:
                assert form.lower() not in text.lower(), (category, form)


def test_plan_out_then_an_edited_plan_applied(tmp_path, filing):
    src, plan = filing
    plan_path = tmp_path / "plan.json"
    only_plan = redact_file(str(src), None, plan=plan, plan_out=str(plan_path))
    assert only_plan.output == "" and not (tmp_path / "out.pdf").exists()
    raw = json.loads(plan_path.read_text())
    assert raw["notice"] == "contains the values; do not file"
    raw["redactions"] = [
        r for r in raw["redactions"] if r["category"] != "EMAIL"
    ]  # a person keeps it
    raw["redactions"].append(
        {"id": "R-0900", "page": 1, "boxes": [[72, 150, 130, 165]], "category": "TERM"}
    )
    raw["redactions"].append(
        {"id": "R-0901", "category": "JUDGE", "terms": ["Kimberly J. Mueller"]}
    )
    plan_path.write_text(json.dumps(raw))
    edited = Plan.load(str(plan_path))
    redact_file(str(src), str(tmp_path / "out.pdf"), plan=edited)
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    assert PLANTED["EMAIL"] in text
    assert "Mueller" not in text and "Honorable" not in text


def test_input_never_modified_and_never_the_output(tmp_path, filing):
    src, plan = filing
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    redact_file(str(src), str(tmp_path / "out.pdf"), plan=plan)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    with pytest.raises(BadInput):
        redact_file(str(src), str(src), plan=plan)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_a_plan_for_another_file_is_refused(tmp_path, filing):
    src, plan = filing
    plan.redactions.append(
        plan.redactions[0].__class__(**{**plan.redactions[0].__dict__, "id": "R-0999", "page": 7})
    )
    with pytest.raises(PolicyError):
        redact_file(str(src), str(tmp_path / "out.pdf"), plan=plan)


def test_encrypted_input_opens_with_password_and_output_is_not_encrypted(tmp_path, filing):
    src, plan = filing
    locked = tmp_path / "locked.pdf"
    pymupdf.open(src).save(
        locked, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="s3cret", owner_pw="s3cret"
    )
    with pytest.raises(BadInput):
        redact_file(str(locked), str(tmp_path / "out.pdf"), plan=plan)
    redact_file(str(locked), str(tmp_path / "out.pdf"), plan=plan, password="s3cret")
    out = pymupdf.open(tmp_path / "out.pdf")
    assert not out.needs_pass and "Quintanilla" not in out[0].get_text()
