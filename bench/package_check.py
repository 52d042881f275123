"""Held-out measurement of `redactor package`: does every package tell the truth?

    .venv/bin/python bench/package_check.py [--seed 4242] [--n 9] [--packages 3]
                                            [--layouts pleading,wordproc,...]

Generates held-out pleading filings with every non-scan trap, builds packages of
three exhibits each (courts edcal, cand, cacd in turn, one of them in camera),
and checks each package against the truth files, with readers of its own
(pdfplumber, pikepdf) rather than the package's:

1. hashes: ``verify_package`` reports nothing, and every file's SHA-256 and size
   recomputed here match manifest.json;
2. public leaks: no private value (or spelling of four characters or more) reads
   as a whole word in a public copy (page text or any PDF string);
3. public record: every public value that reads on its page of the input still
   reads on that page of the public copy (but on a page bearing a protective-order
   designation, which the package offers for sealing whole: counted apart);
4. highlighted: every private page value still reads in the highlighted copy, and
   every page entry of the plan has its numbered mark (a filled highlight
   rectangle with its id printed beside it: highlight.py draws, it does not annotate);
5. no value elsewhere: no table, log, draft, index, manifest or file name holds a
   private value;
6. reference list: every planned value is in the sealed reference list (JSON).

Exit 0 only when every check passes. Values are synthetic; they are printed only
with ``--show``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pikepdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redactor.package import build_package, verify_package  # noqa: E402
from redactor.plan.forms import term_pattern  # noqa: E402
from samples.generate import make_corpus  # noqa: E402
from samples.truth import Truth, truth_path  # noqa: E402

TRAPS = (
    "metadata",
    "annotation",
    "form_field",
    "bookmark",
    "attachment",
    "hidden_text",
    "bad_redaction",
)
COURTS = ("edcal", "cand", "cacd")
PER_PACKAGE = 3
CHECKS = (
    "hashes",
    "public leaks",
    "public record",
    "highlighted",
    "no value elsewhere",
    "reference list",
)


@dataclass
class Tally:
    """Per check: (failures, items checked), and what failed (by category or file)."""

    failed: Counter = field(default_factory=Counter)
    checked: Counter = field(default_factory=Counter)
    detail: dict[str, Counter] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, check: str, ok: bool, what: str = "") -> None:
        self.checked[check] += 1
        if not ok:
            self.failed[check] += 1
            self.detail.setdefault(check, Counter())[what] += 1

    def add(self, other: Tally) -> None:
        self.failed.update(other.failed)
        self.checked.update(other.checked)
        for k, c in other.detail.items():
            self.detail.setdefault(k, Counter()).update(c)
        self.notes += other.notes


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(str(path)) as pdf:
        return [(p.extract_text(x_tolerance=1) or "") for p in pdf.pages]


def pdf_strings(path: Path) -> str:
    """Every string in every object of the file (metadata, annotations, fields,
    outlines, attachments' names, content streams decoded as Latin-1)."""
    out: list[str] = []
    with pikepdf.open(str(path)) as pdf:
        for obj in pdf.objects:
            _strings(obj, out, 0)
            if isinstance(obj, pikepdf.Stream):
                try:
                    out.append(obj.read_bytes().decode("latin-1"))
                except pikepdf.PdfError:
                    pass
        out.append(str(pdf.docinfo) if pdf.docinfo is not None else "")
    return "\n".join(out)


def _strings(obj, out: list[str], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(obj, pikepdf.String):
        out.append(str(obj))
    elif isinstance(obj, pikepdf.Array):
        for o in obj:
            _strings(o, out, depth + 1)
    elif isinstance(obj, pikepdf.Dictionary):
        for k in obj.keys():
            if k in ("/Parent", "/P"):
                continue
            _strings(obj[k], out, depth + 1)


def spellings(entry) -> list[str]:
    forms = [entry.value, *(f for f in entry.forms if len(f) >= 4)]
    return list(dict.fromkeys(f for f in forms if f.strip()))


def reads(terms: list[str], text: str) -> bool:
    return any(term_pattern(t).search(text) for t in terms)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_package(pkg: Path, inputs: list[Path], tally: Tally, show: bool) -> None:
    manifest = json.loads((pkg / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    # 1. hashes
    problems = verify_package(str(pkg))
    tally.count("hashes", not problems, "verify_package")
    tally.notes += [f"{pkg.name}: verify-package: {p}" for p in problems]
    for f in files:
        p = pkg / f["path"]
        ok = p.is_file() and sha(p) == f["sha256"] and p.stat().st_size == f["bytes"]
        tally.count("hashes", ok, f["role"])
    ref_entry = next(
        f for f in files if f["role"] == "reference_list" and f["path"].endswith(".json")
    )
    reference = json.loads((pkg / ref_entry["path"]).read_text(encoding="utf-8"))
    ref_values = "\n".join(r["value"] for r in reference["references"])
    truths = [Truth.load(truth_path(src)) for src in inputs]
    all_private = [e for t in truths for e in t.private]
    public_words = {
        w.casefold() for t in truths for e in t.public for w in re.findall(r"\w+", e.value)
    }

    for number, (src, truth) in enumerate(zip(inputs, truths, strict=True), 1):
        label = f"Exhibit {number}"
        doc = next(d for d in reference["documents"] if d["exhibit"] == label)
        public = [pkg / f["path"] for f in files if f["role"] == "public" and f["exhibit"] == label]
        highlighted = [
            pkg / f["path"] for f in files if f["role"] == "highlighted" and f["exhibit"] == label
        ]
        pub_pages = [t for p in public for t in page_texts(p)]
        pub_all = "\n".join(pub_pages) + "\n" + "\n".join(pdf_strings(p) for p in public)
        in_pages = page_texts(src)
        # 2. public leaks
        for e in truth.private:
            leaked = reads(spellings(e), pub_all)
            tally.count("public leaks", not leaked, f"{e.category}/{e.surface}")
            if leaked and show:
                tally.notes.append(
                    f"{pkg.name} {label}: leak {e.category}/{e.surface} p{e.page}: {e.value!r}"
                )
        # 3. public record (a designated page offered for sealing whole keeps none: by design)
        whole = {r["page"] for r in doc["plan"]["redactions"] if r["category"] == "DESIGNATED"}
        for e in truth.public:
            if not (1 <= e.page <= len(in_pages)) or not reads([e.value], in_pages[e.page - 1]):
                continue
            if e.page in whole:
                tally.checked["public record on pages offered whole (info)"] += 1
                continue
            kept = e.page <= len(pub_pages) and reads([e.value], pub_pages[e.page - 1])
            tally.count("public record", kept, e.category)
            if not kept and show:
                tally.notes.append(f"{pkg.name} {label}: lost {e.category} p{e.page}: {e.value!r}")
        # 4. highlighted copy: values still read, each page entry marked
        check_highlighted(pkg, label, highlighted, truth, in_pages, doc["plan"], tally, show)
    # 5. no value in any other file or in any file name
    for p in sorted(pkg.rglob("*")):
        rel = p.relative_to(pkg).as_posix()
        for e in all_private:
            hit = private_hit(e, rel, public_words) or private_hit(
                e, rel.replace("-", " "), public_words
            )
            tally.count("no value elsewhere", hit != "leak", f"file name:{e.category}")
            if hit == "shared":
                tally.notes.append(
                    f"{pkg.name}: file name {rel}: a one-word {e.category} form that is also "
                    "a word of a public value of the package (not counted)"
                )
    for f in files:
        if f["sealed"] or f["role"] == "public":
            continue
        p = pkg / f["path"]
        text = "\n".join(page_texts(p)) if p.suffix == ".pdf" else p.read_text(encoding="utf-8")
        scan_file(pkg.name, f["path"], text, all_private, public_words, tally)
    text = (pkg / "manifest.json").read_text(encoding="utf-8")
    scan_file(pkg.name, "manifest.json", text, all_private, public_words, tally)
    # 6. every planned value in the sealed reference list
    for d in reference["documents"]:
        for red in d["plan"]["redactions"]:
            terms = red.get("terms") or []
            if not terms:
                continue
            tally.count("reference list", reads([terms[0]], ref_values), red["category"])
    for e in all_private:  # and every private value the plan caught (for the record)
        tally.checked["reference list: truth values present (info)"] += 1
        if reads(spellings(e), ref_values):
            tally.failed["reference list: truth values present (info)"] += 0
        else:
            tally.detail.setdefault("reference list: truth values absent (info)", Counter())[
                f"{e.category}/{e.surface}"
            ] += 1


def private_hit(entry, text: str, public_words: set[str]) -> str:
    """A "leak" when a spelling of ``entry`` reads in ``text``; "shared" when the only
    spellings that read are one word that is also a word of a public value of the
    package (a party's or counsel's surname the filing shows in the open); else ""."""
    found = [t for t in spellings(entry) if term_pattern(t).search(text)]
    if not found:
        return ""
    if all(" " not in t.strip() and t.casefold() in public_words for t in found):
        return "shared"
    return "leak"


def scan_file(
    pkg: str, name: str, text: str, private: list, public_words: set[str], tally: Tally
) -> None:
    for e in private:
        hit = private_hit(e, text, public_words)
        tally.count("no value elsewhere", hit != "leak", f"{name}:{e.category}")
        if hit == "shared":
            tally.notes.append(
                f"{pkg}: {name}: a one-word {e.category} form that is also a word of a "
                "public value of the package (not counted)"
            )


def check_highlighted(pkg: Path, label: str, highlighted: list[Path], truth: Truth, in_pages: list[str],
                      plan: dict, tally: Tally, show: bool) -> None:  # fmt: skip
    pages: list = []
    words: list[list[dict]] = []
    fills: list[list[tuple]] = []
    for path in highlighted:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text(x_tolerance=1) or "")
                words.append(page.extract_words(x_tolerance=1))
                ids = {r["id"] for r in plan["redactions"]}
                words[-1] += [
                    {
                        "text": m["text"],
                        "x0": m["x0"],
                        "x1": m["x1"],
                        "top": m["top"],
                        "bottom": m["bottom"],
                    }
                    for rid in ids
                    for m in page.search(rid, regex=False)
                ]
                fills.append(
                    [
                        (r["x0"], r["top"], r["x1"], r["bottom"])
                        for r in [*page.rects, *page.curves]
                        if r.get("fill") and _yellowish(r.get("non_stroking_color"))
                    ]
                )
    for e in truth.private:
        if (
            e.surface != "page"
            or not e.page
            or e.page > len(in_pages)
            or not reads([e.value], in_pages[e.page - 1])
        ):
            continue
        ok = e.page <= len(pages) and reads([e.value], pages[e.page - 1])
        tally.count("highlighted", ok, f"text:{e.category}")
    for red in plan["redactions"]:
        if red.get("surface", "page") != "page":
            continue
        candidates = [red["page"]] if red.get("page") else range(1, len(pages) + 1)
        marked = any(
            _marked(red["id"], words[p - 1], fills[p - 1])
            for p in candidates
            if 1 <= p <= len(pages)
        )
        tally.count("highlighted", marked, f"mark:{red['category']}")
        if not marked and show:
            tally.notes.append(
                f"{pkg.name} {label}: no mark for {red['id']} {red['category']} p{red.get('page')}"
            )


def _yellowish(colour) -> bool:
    if not isinstance(colour, (tuple, list)) or len(colour) != 3:
        return False
    r, g, b = colour
    return r > 0.8 and g > 0.8 and b < 0.5


def _marked(rid: str, words: list[dict], fills: list[tuple]) -> bool:
    """The id printed on the line of a highlight rectangle (beside it, or in the margin),
    within a line's height."""
    for w in words:
        if w["text"] != rid:
            continue
        for _x0, top, _x1, bottom in fills:
            if w["bottom"] >= top - 10 and w["top"] <= bottom + 10:
                return True
    return False


def run(
    seed: int, n: int, packages: int, show: bool, layouts: tuple[str, ...] = ("pleading",)
) -> int:
    total = Tally()
    with tempfile.TemporaryDirectory(prefix="package-check-") as tmp:
        corpus = make_corpus(Path(tmp) / "filings", n=n, seed=seed, split="heldout", layouts=layouts,
                             traps=TRAPS)  # fmt: skip
        print(f"held-out seed {seed}: {n} filings ({', '.join(layouts)}), traps {', '.join(TRAPS)}")
        for k in range(packages):
            inputs = [corpus[(k * PER_PACKAGE + j) % len(corpus)] for j in range(PER_PACKAGE)]
            court, in_camera = COURTS[k % len(COURTS)], k % len(COURTS) == 1
            out = Path(tmp) / f"package-{k + 1}"
            pkg = build_package(  # independent filings: each of its own case
                [str(p) for p in inputs], str(out), court=court, in_camera=in_camera,
                allow_mixed_cases=True,
            )  # fmt: skip
            tally = Tally()
            check_package(out, inputs, tally, show)
            kind = "in camera" if in_camera else "sealed"
            print(f"\npackage {k + 1}: {court}, {kind}, {len(inputs)} exhibits "
                  f"({', '.join(p.name for p in inputs)}), {pkg.redactions} redactions, {len(pkg.files)} files")  # fmt: skip
            report(tally, "  ")
            total.add(tally)
    print("\nTOTAL")
    ok = report(total, "  ")
    for note in total.notes:
        print("  note:", note)
    print(f"\nRESULT: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


def report(t: Tally, indent: str) -> bool:
    all_ok = True
    for check in CHECKS:
        bad, n = t.failed[check], t.checked[check]
        ok = bad == 0 and n > 0
        all_ok &= ok
        line = f"{indent}{check:<20} {'PASS' if ok else 'FAIL'}  {n - bad}/{n} ok"
        if bad:
            line += "  failed: " + ", ".join(f"{w} x{c}" for w, c in t.detail[check].most_common())
        print(line)
    whole = t.checked["public record on pages offered whole (info)"]
    if whole:
        print(
            f"{indent}(info) public-record items on designated pages offered for sealing whole: {whole}"
        )
    absent = t.detail.get("reference list: truth values absent (info)", Counter())
    n = t.checked["reference list: truth values present (info)"]
    print(
        f"{indent}(info) private truth values in the reference list: {n - sum(absent.values())}/{n}"
        + ("; absent: " + ", ".join(f"{w} x{c}" for w, c in absent.most_common()) if absent else "")
    )
    return all_ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--n", type=int, default=9, help="held-out filings to generate")
    ap.add_argument("--packages", type=int, default=3, help=f"packages of {PER_PACKAGE} exhibits")
    ap.add_argument("--show", action="store_true", help="print each failing value (synthetic)")
    ap.add_argument(
        "--layouts", default="pleading", help="comma-separated layouts of samples/generate.py"
    )
    args = ap.parse_args(argv)
    return run(args.seed, args.n, args.packages, args.show, tuple(args.layouts.split(",")))


if __name__ == "__main__":
    sys.exit(main())
