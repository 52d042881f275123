"""What `check` reports on real court PDFs: false flags per 100 pages, by category and detector.

    .venv/bin/python bench/real_docs.py [--real DIR] [--xray DIR] [--show] [--json OUT]

Runs :func:`redactor.check.check_file` (the whole check: ingest, OCR of scanned
pages, surfaces, detection, the plan's decision) on the real court PDFs of
``../shared/fixtures/real`` and ``../shared/fixtures/xray``. Those are public
court records: clerks' letters, notices, opinions, orders, a brief, scans.
``real/truth.json`` lists, file by file, the values a reader judged private
(none) and those that are arguable; every other private finding there is a
false flag: public record that check would have redacted. The x-ray files are
real filings and pages cut from them, with no truth file of values: every
private finding there is counted as a false flag too (the text under their bad
redactions, reported as problems, is not a finding).

Prints, per file and in total: pages, false flags per 100 pages, by category
and by detector, and the private or arguable values found; then the same files
redacted (``bench/redact_real.py``): how many were written, which were refused
and why, and the characters lost outside the plan, counted by pdfplumber.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redactor.check import check_file  # noqa: E402
from redactor.errors import BadInput  # noqa: E402

SHARED = ROOT.parent / "shared" / "fixtures"


def truth_of(folder: Path) -> dict[str, dict[str, list[str]]]:
    """File name -> {"private": [...], "arguable": [...]}; empty lists when the folder has no truth."""
    path = folder / "truth.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["files"]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _matches(value: str, listed: list[str]) -> str | None:
    """The listed value a finding's text is (or holds, or lies inside), if any."""
    v = _norm(value)
    for item in listed:
        i = _norm(item)
        if i and (i in v or v in i):
            return item
    return None


def file_figures(path: Path, truth: dict[str, list[str]]) -> dict:
    """One file's check, sorted into false flags, arguable values and private values found."""
    try:
        result = check_file(str(path))
    except BadInput as exc:
        return {"file": path.name, "pages": 0, "error": str(exc)}
    private, arguable = truth.get("private", []), truth.get("arguable", [])
    false, found_arguable, found_private = [], [], []
    for f in result.findings:
        row = {
            "page": f.page,
            "category": f.category,
            "detector": f.detector,
            "surface": f.surface,
            "text": " ".join(f.text.split()),
            "why": f.why,
        }
        if _matches(f.text, private):
            found_private.append(row)
        elif _matches(f.text, arguable):
            found_arguable.append(row)
        else:
            false.append(row)
    missed = [v for v in private if not any(_matches(r["text"], [v]) for r in found_private)]
    return {
        "file": path.name,
        "pages": result.pages,
        "false_flags": false,
        "arguable": found_arguable,
        "private": found_private,
        "private_missed": missed,
        "kept": len(result.kept),
    }


def detection_figures(files: list[tuple[Path, dict[str, list[str]]]]) -> dict:
    """Every file's figures and the totals: pages, false flags (per 100 pages), by category and detector."""
    per_file = [file_figures(p, t) for p, t in files]
    pages = sum(f["pages"] for f in per_file)
    flags = [r for f in per_file for r in f.get("false_flags", [])]
    return {
        "files": per_file,
        "pages": pages,
        "false_flags": len(flags),
        "per_100_pages": 100.0 * len(flags) / pages if pages else 0.0,
        "by_category": Counter(r["category"] for r in flags),
        "by_detector": Counter(r["detector"] for r in flags),
        "by_surface": Counter(r["surface"] for r in flags),
        "arguable_found": [(f["file"], r["text"]) for f in per_file for r in f.get("arguable", [])],
        "private_found": [(f["file"], r["text"]) for f in per_file for r in f.get("private", [])],
        "private_missed": [(f["file"], v) for f in per_file for v in f.get("private_missed", [])],
        "errors": [(f["file"], f["error"]) for f in per_file if "error" in f],
    }


def fixture_files(folder: Path) -> list[tuple[Path, dict[str, list[str]]]]:
    truth = truth_of(folder)
    return [(p, truth.get(p.name, {})) for p in sorted(folder.glob("*.pdf"))]


def print_detection(title: str, fig: dict, *, show: bool) -> None:
    print(f"== {title}: {len(fig['files'])} files, {fig['pages']} pages")
    print(f"{'file':42} {'pages':>5} {'false':>6} {'per 100 p':>9}")
    for f in fig["files"]:
        if "error" in f:
            print(f"{f['file']:42} {'-':>5} error: {f['error']}")
            continue
        n = len(f["false_flags"])
        per = 100.0 * n / f["pages"] if f["pages"] else 0.0
        print(f"{f['file']:42} {f['pages']:5d} {n:6d} {per:9.1f}")
        if show:
            for r in f["false_flags"]:
                print(f"    p{r['page']} {r['category']:14} {r['detector']:22} {r['text'][:60]!r}")
    print(f"{'total':42} {fig['pages']:5d} {fig['false_flags']:6d} {fig['per_100_pages']:9.1f}")
    for key in ("by_category", "by_detector", "by_surface"):
        counts = fig[key]
        if counts:
            row = ", ".join(f"{k} {v}" for k, v in counts.most_common())
            print(f"  {key.replace('_', ' ')}: {row}")
    print(f"  arguable values found: {fig['arguable_found'] or 'none'}")
    print(f"  private values found: {fig['private_found'] or 'none'}")
    print(f"  private values missed: {fig['private_missed'] or 'none'}")
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--real", type=Path, default=SHARED / "real")
    ap.add_argument("--xray", type=Path, default=SHARED / "xray")
    ap.add_argument("--show", action="store_true", help="list every false flag")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    ap.add_argument(
        "--no-redact", action="store_true", help="detection only: do not redact the files"
    )
    args = ap.parse_args(argv)
    sections = {}
    for title, folder in (("real", args.real), ("xray", args.xray)):
        sections[title] = detection_figures(fixture_files(folder))
        print_detection(f"{title} ({folder})", sections[title], show=args.show)
    pages = sum(s["pages"] for s in sections.values())
    flags = sum(s["false_flags"] for s in sections.values())
    print(
        f"== both: {pages} pages, {flags} false flags, {100.0 * flags / max(pages, 1):.1f} per 100 pages"
    )
    if (
        not args.no_redact
    ):  # the same files redacted: written, refused, characters lost outside the plan
        from redact_real import print_redaction, redaction_figures

        print()
        files = [path for path, _ in fixture_files(args.real) + fixture_files(args.xray)]
        sections["redaction"] = redaction_figures(files, echo=args.show)
        print_redaction(sections["redaction"])
    if args.json:
        args.json.write_text(json.dumps(sections, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
