"""`redact` on real papers: files written, refusals and their reasons, words lost outside the plan.

    .venv/bin/python bench/redact_real.py [PDF or folder ...]

Default inputs: ../shared/fixtures/real, ../shared/fixtures/xray and the office filings
of tests/fixtures/office. Each file is redacted with the plan detection makes, in
process. Then pdfplumber, a reader neither the renderer nor the verifier uses,
compares input and output character by character: a character no planned box
touches must still be there, same text, within a point of the same place (pages
that are rotated are left out of that count: pdfplumber places their characters
as shown; scanned pages too: their old OCR layer is replaced by a new one). Prints,
per file and in total: pages, plan entries, written or refused
(with the one-line reason), characters lost outside the plan, seconds.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from redactor.errors import RedactorError  # noqa: E402
from redactor.ingest import load  # noqa: E402
from redactor.ingest.repair import rewritten  # noqa: E402
from redactor.plan import Plan  # noqa: E402

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about fonts are not figures
from redactor.redact import redact_file  # noqa: E402

SHARED = ROOT.parent / "shared" / "fixtures"
DEFAULT = [SHARED / "real", SHARED / "xray", ROOT / "tests" / "fixtures" / "office"]


def characters(path: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's characters as pdfplumber places them (blanks left out). A file pdfminer cannot
    read as it is is read as qpdf writes it back (the same pages)."""
    data = path.read_bytes()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception:
        pdf = pdfplumber.open(io.BytesIO(rewritten(data) or b""))
    with pdf:
        return [
            [
                (c["text"], c["x0"], c["top"], c["x1"], c["bottom"])
                for c in page.chars
                if c["text"].strip()
            ]
            for page in pdf.pages
        ]


def _touches(char: tuple, boxes: list) -> bool:
    _, x0, top, x1, bottom = char
    return any(x0 < b[2] and b[0] < x1 and top < b[3] and b[1] < bottom for b in boxes)


def lost_outside_the_plan(src: Path, out: Path, plan: Plan) -> list[tuple[int, str]]:
    """(page, character) of every character that no planned box touches and that is not in the
    output at the same place (within a point). Pages that are rotated (pdfplumber places their
    characters as shown, the plan as stored) and scanned pages (their old OCR text layer is
    replaced by a new one, read from the redacted image) are left out."""
    boxes: dict[int, list] = {}
    for r in plan.redactions:
        if r.page is not None:
            boxes.setdefault(r.page, []).extend(r.boxes)
    left_out = {
        p.number
        for p in load(str(src), ocr=False).pages
        if p.rotation or p.scanned or not p.has_text_layer
    }
    lost = []
    for number, (old, new) in enumerate(zip(characters(src), characters(out), strict=True), 1):
        if number in left_out:
            continue
        for c in old:
            if _touches(c, boxes.get(number, [])):
                continue
            if not any(c[0] == n[0] and abs(c[1] - n[1]) < 1 and abs(c[2] - n[2]) < 1 for n in new):
                lost.append((number, c[0]))
    return lost


def pdfs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    return out


def redaction_figures(files: list[Path], *, echo: bool = True) -> dict:
    """Redact each file with the plan detection makes; count what was written, refused and lost."""
    figures: dict = {
        "files": len(files),
        "written": 0,
        "refused": [],
        "pages": 0,
        "lost": 0,
        "per_file": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        for src in files:
            out = Path(tmp) / "public.pdf"
            t = time.perf_counter()
            try:
                result = redact_file(str(src), str(out))
            except RedactorError as exc:
                figures["refused"].append(f"{src.name}: [{exc.code}] {exc}")
                figures["per_file"][src.name] = {"refused": str(exc)}
                if echo:
                    print(f"{src.name:48} REFUSED  {time.perf_counter() - t:6.1f} s  {exc}")
                continue
            lost = lost_outside_the_plan(src, out, result.plan)
            figures["written"] += 1
            figures["pages"] += result.pages
            figures["lost"] += len(lost)
            figures["per_file"][src.name] = {
                "pages": result.pages,
                "entries": len(result.plan.redactions),
                "lost": len(lost),
            }
            if echo:
                print(
                    f"{src.name:48} written  {time.perf_counter() - t:6.1f} s  {result.pages:3} pages  "
                    f"{len(result.plan.redactions):3} entries  {len(lost)} characters lost outside the plan"
                )
    return figures


def print_redaction(figures: dict) -> None:
    print(
        f"== redaction: {figures['files']} files: {figures['written']} written, {len(figures['refused'])} "
        f"refused; {figures['pages']} pages written; {figures['lost']} characters lost outside the plan"
    )
    for line in figures["refused"]:
        print(f"  refused {line}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="*", type=Path)
    args = ap.parse_args()
    started = time.perf_counter()
    figures = redaction_figures(pdfs(args.inputs or DEFAULT))
    print()
    print_redaction(figures)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0 if not figures["refused"] and not figures["lost"] else 1


if __name__ == "__main__":
    sys.exit(main())
