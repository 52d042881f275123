"""Fail closed: a tampered renderer, a leak in any reader's view, and nothing released."""

from __future__ import annotations

import os

import pymupdf
import pytest

import redactor.render as render_pkg
from redactor.errors import VerificationFailed
from redactor.ingest import load
from redactor.model import Finding
from redactor.plan import make_plan
from redactor.policy import Policy
from redactor.redact import redact_file
from redactor.render import burn
from redactor.verify import expectations, verify

SSN = "562-19-4471"
NAME = "Dolores Quintanilla"


def source(tmp_path, lines):
    pdf = pymupdf.open()
    page = pdf.new_page()
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + 30 * i), line, fontsize=11)
    path = tmp_path / "in.pdf"
    pdf.save(path)
    return path


def plan_for(path, values):
    doc = load(str(path))
    found = []
    for page in doc.pages:
        for category, value in values.items():
            start = page.text.text.find(value)
            if start >= 0:
                boxes = tuple(page.text.boxes_for(start, start + len(value)))
                found.append(Finding(category, value, page.number, boxes, "test", 1.0, "planted", start=start))
    policy = Policy.from_mapping({"categories": {"SSN": {"action": "redact"}}})
    return doc, make_plan(doc, found, policy)


def test_tampered_renderer_is_refused_and_nothing_released(tmp_path, monkeypatch):
    src = source(tmp_path, [f"Plaintiff {NAME}, SSN {SSN}, filed it."])
    _, plan = plan_for(src, {"PERSON": NAME, "SSN": SSN})
    real = burn.burn_page

    def skip_one(page, cuts, **kw):
        return real(page, cuts[1:], **kw)  # the first box is never burned

    monkeypatch.setattr(render_pkg, "burn_page", skip_one)
    dst = tmp_path / "out.pdf"
    with pytest.raises(VerificationFailed) as err:
        redact_file(str(src), str(dst), plan=plan)
    message = str(err.value)
    assert "page 1" in message and "PERSON" in message
    assert "Quintanilla" not in message and "Dolores" not in message and SSN not in message
    assert not dst.exists()
    assert sorted(os.listdir(tmp_path)) == ["in.pdf"]  # no temporary file left


def test_an_existing_output_is_not_left_to_pass_for_this_run(tmp_path, monkeypatch):
    src = source(tmp_path, [f"Plaintiff {NAME} filed it."])
    _, plan = plan_for(src, {"PERSON": NAME})
    dst = tmp_path / "out.pdf"
    dst.write_bytes(b"old output")
    monkeypatch.setattr(render_pkg, "burn_page", lambda page, cuts, **kw: None)
    with pytest.raises(VerificationFailed):
        redact_file(str(src), str(dst), plan=plan)
    assert not dst.exists()


@pytest.mark.parametrize(
    "leak",
    ["metadata", "annotation", "bookmark", "orphan"],
)
def test_each_reader_catches_a_leak(tmp_path, leak):
    """An unredacted copy with the value in one more place: verification names the place."""
    src = source(tmp_path, ["Nothing to see on the page."])
    doc, _ = plan_for(src, {})
    plan = make_plan(doc, [Finding("SSN", SSN, None, (), "test", 1.0, "x", surface="metadata")], Policy.default())
    pdf = pymupdf.open(src)
    if leak == "metadata":
        pdf.set_metadata({"subject": SSN})
    elif leak == "annotation":
        pdf[0].add_text_annot((100, 100), f"SSN {SSN}")
    elif leak == "bookmark":
        pdf.set_toc([[1, f"SSN {SSN}", 1]])
    elif leak == "orphan":
        xref = pdf.get_new_xref()
        pdf.update_object(xref, f"<< /Leak ({SSN}) >>")
    out = tmp_path / "leaky.pdf"
    pdf.save(out, garbage=0)
    with pytest.raises(VerificationFailed) as err:
        verify(str(out), expectations(doc, plan))
    assert SSN not in str(err.value)


def test_a_public_use_of_a_name_word_is_not_a_survivor(tmp_path):
    """The plaintiff is a Quintanilla too: that use is counted as allowed, the redacted one is not."""
    src = source(tmp_path, [f"Witness {NAME} saw it.", "Plaintiff Ramon Quintanilla sued."])
    _, plan = plan_for(src, {"PERSON": NAME})
    result = redact_file(str(src), str(tmp_path / "out.pdf"), plan=plan)
    assert any("pdfminer" in c for c in result.checks)
    text = pymupdf.open(tmp_path / "out.pdf")[0].get_text()
    assert text.count("Quintanilla") == 1 and "Dolores" not in text


def test_checks_name_every_reader(tmp_path):
    src = source(tmp_path, [f"Plaintiff {NAME} filed it."])
    _, plan = plan_for(src, {"PERSON": NAME})
    checks = " | ".join(redact_file(str(src), str(tmp_path / "o.pdf"), plan=plan).checks)
    for what in ("pdfminer", "raw scan", "orphaned", "surfaces", "one revision"):
        assert what in checks
