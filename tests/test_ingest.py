"""Ingest of pleading paper: line numbers, furniture, the body text's flow."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from redactor.ingest import load


def _pleading(path: Path, body: list[str]) -> Path:
    """One page of 28-line pleading paper with a footer, body lines beside the numbers."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    for n in range(1, 29):
        y = 96 + 24 * (n - 1)
        page.insert_text((52, y), str(n), fontsize=12)
        if n <= len(body):
            page.insert_text((72, y), body[n - 1], fontsize=12)
    page.insert_text((298, 760), "- 1 -", fontsize=10)
    page.insert_text((206, 775), "MOTION FOR LEAVE TO FILE EXHIBITS UNDER SEAL", fontsize=9)
    doc.save(path)
    return path


def test_a_digit_opening_a_line_does_not_break_the_margin_numbers(tmp_path: Path) -> None:
    body = [f"Body line {n} of the motion." for n in range(1, 29)]
    body[26] = (
        "3 of the credit report repeats the identifier beside her"  # line 27 opens with a digit
    )
    body[27] = "name. Chart 91412062 at the hospital holds entries concerning"
    page = load(str(_pleading(tmp_path / "p.pdf", body))).pages[0]

    body_lines = [ln for ln in page.lines if not ln.furniture]
    assert [ln.pleading_line for ln in body_lines] == list(range(1, 29))
    assert page.text.body.endswith("name. Chart 91412062 at the hospital holds entries concerning")
    assert "3 of the credit report" in page.text.body
    # no margin number is left in the body text
    assert all(not line.strip().isdigit() for line in page.text.body.splitlines())
    # the footer is furniture, read after the body
    assert page.text.text[page.text.body_end :].strip().startswith("- 1 -")


def test_lines_of_one_paragraph_flow_with_single_breaks(tmp_path: Path) -> None:
    body = [
        "The driver record reflects the following. Chart",
        "24590861 at the clinic holds entries.",
    ]
    page = load(str(_pleading(tmp_path / "p.pdf", body))).pages[0]
    assert "Chart\n24590861" in page.text.body
