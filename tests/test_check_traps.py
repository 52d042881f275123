"""Held-out filings that hide a value in each place a careless filer misses: `check`
must report every one as a problem of the right kind, and find the value there."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.check import check_file
from samples.generate import make_filing

# trap planted by the generator -> problem kind check must report
TRAP_KINDS = {
    "metadata": "metadata",
    "annotation": "annotation",
    "form_field": "form_field",
    "bookmark": "bookmark",
    "attachment": "attachment",
    "hidden_text": "hidden_text",
    "bad_redaction": "bad_redaction",
}


@pytest.mark.parametrize("trap", sorted(TRAP_KINDS))
@pytest.mark.parametrize("seed", [501, 502])
def test_every_trap_is_reported(tmp_path: Path, trap: str, seed: int) -> None:
    pdf = tmp_path / f"{trap}.pdf"
    truth = make_filing(pdf, seed=seed, split="heldout", layout="pleading", traps=(trap,))
    planted = [p for p in truth.private if p.surface == trap]
    assert planted, "the generator planted nothing for this trap"

    result = check_file(str(pdf))
    kinds = {p.kind for p in result.problems if p.severity == "fix"}
    assert TRAP_KINDS[trap] in kinds, [(p.kind, p.severity, p.detail) for p in result.problems]
    assert not result.clean

    if trap in ("hidden_text", "bad_redaction"):
        # The value is still on the page: the finding sits inside the problem's box.
        boxes = [p.bbox for p in result.problems if p.kind == TRAP_KINDS[trap]]
        for value in planted:
            hits = [
                f for f in result.findings if f.page == value.page and _overlaps_any(f.bbox, boxes)
            ]
            assert hits, (value.category, trap)
    else:
        surface_text = " ".join(f.text for f in result.findings if f.surface == trap)
        for value in planted:
            assert _normal(value.value) in _normal(surface_text) or any(
                _normal(f.text) in _normal(value.value) and len(_normal(f.text)) >= 4
                for f in result.findings
                if f.surface == trap
            ), (value.category, trap, surface_text)


def _normal(s: str) -> str:
    return "".join(ch.lower() for ch in s if ch.isalnum())


def _overlaps_any(box, boxes) -> bool:
    if box is None:
        return False
    return any(
        box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes if b
    )


def test_scanned_page_is_read_by_ocr(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    truth = make_filing(pdf, seed=503, split="heldout", layout="pleading", traps=("scanned",))
    result = check_file(str(pdf))
    scanned_pages = {p.page for p in result.problems if p.kind == "no_text_layer"}
    assert scanned_pages, [(p.kind, p.page) for p in result.problems]
    on_scan = [v for v in truth.private if v.surface == "scanned"]
    assert on_scan
    found = " ".join(f.text for f in result.findings if f.page in scanned_pages)
    for value in on_scan:
        assert _normal(value.value)[-4:] in _normal(found), (value.category, found)
