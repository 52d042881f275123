"""detect() on a whole Document: where each finding sits, surfaces, policy, order."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redactor.check import decided  # noqa: E402
from redactor.detect import detect  # noqa: E402
from redactor.ingest import load, read_surfaces  # noqa: E402
from redactor.plan import Policy  # noqa: E402


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    from samples.generate import make_filing

    path = tmp_path_factory.mktemp("doc") / "motion.pdf"
    make_filing(
        path,
        seed=3,
        split="train",
        layout="pleading",
        traps=("metadata", "annotation"),
        kind="motion",
    )
    d = load(str(path))
    d.surfaces, _ = read_surfaces(d.pdf, d.raw, str(path))
    return d


def test_page_findings_are_located(doc):
    findings = detect(doc)
    on_pages = [f for f in findings if f.surface == "page"]
    assert any(f.private for f in on_pages) and any(not f.private for f in on_pages)
    for f in on_pages:
        page = doc.pages[f.page - 1]
        assert page.text.text[f.start : f.end] == f.text
        assert f.bboxes, f.category
        assert f.detector and f.why
    assert any(f.line is not None for f in on_pages)  # pleading paper: cited by line


def test_surface_findings_carry_their_surface(doc):
    findings = detect(doc)
    surfaced = [f for f in findings if f.surface != "page" and f.private]
    assert {f.surface for f in surfaced} & {"metadata", "annotation"}
    assert all(f.where for f in surfaced)


def test_detection_decides_no_action_the_plan_decides_each(doc):
    found = detect(doc)
    assert all(f.action == "" for f in found)  # detection says what and why, never what to do
    findings = decided(found, Policy.default())
    assert all(f.action == "keep" for f in findings if not f.private)
    for f in findings:
        if f.private:
            assert f.action == Policy.default().action_for(f.category)


def test_order_is_deterministic_and_without_duplicates(doc):
    a, b = detect(doc), detect(doc)
    assert a == b
    assert a == sorted(a, key=lambda f: f.sort_key())
    assert len(set(a)) == len(a)


def test_disabled_category_is_not_reported(doc):
    policy = Policy.from_mapping(
        {"categories": {"PHONE": {"enabled": False}, "SSN": {"action": "review"}}}
    )
    findings = decided(detect(doc), policy)
    assert not any(f.category == "PHONE" and f.private for f in findings)
    assert any(f.category == "SSN" for f in findings)
    assert all(f.action == "review" for f in findings if f.category == "SSN")


def test_ties_are_ordered_the_same_in_every_process():
    """Findings alike but for where they sit (the Info dictionary and the XMP) sort one way,
    not in the order a set happened to give them (which varies with the hash seed)."""
    from redactor.model import Finding

    a = Finding(
        "PERSON",
        "Ana Ruiz",
        None,
        (),
        "names:shape",
        0.65,
        "why",
        surface="metadata",
        where="Info /Author",
        start=0,
        end=8,
    )
    b = Finding(
        "PERSON",
        "Ana Ruiz",
        None,
        (),
        "names:shape",
        0.65,
        "why",
        surface="metadata",
        where="XMP dc:creator",
        start=0,
        end=8,
    )
    assert sorted([a, b], key=Finding.sort_key) == sorted([b, a], key=Finding.sort_key) == [a, b]
