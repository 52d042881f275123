"""Packages for every court profile, sealed and in camera, on the samples and real papers.

    .venv/bin/python bench/package_courts.py [--courts edcal,cand] [--files DIR_OR_PDF ...]
                                             [--no-samples] [--no-real]

For each input (each bundled sample alone, the three samples together, and each real
court paper of ../shared/fixtures/real alone), builds a package with each court profile
in both modes (a request to seal, and with in camera), then holds it to what a clerk
checks, with readers of its own:

1. ``verify_package`` finds nothing: hashes, public copies re-verified, and every plan
   entry highlighted and numbered, one table row, one reference;
2. every plan id is printed in the highlighted copy (pdfplumber's words) and listed
   once in the redaction table (CSV) and once in the reference list (JSON);
3. an in camera package holds no sealing request (no draft, table or index says "request
   to seal", "motion to seal", "order granting", "sealing" or "filed under seal"); a
   sealing package holds no notice of lodging;
4. the public copies' e-filing pre-flight, as written in the manifest, counted.

A package refused or failed is counted with its reason (a verification failure is the
public copy's business, not the package's). Exit 0 when every package built passes 1-3.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redactor.errors import RedactorError  # noqa: E402
from redactor.package import build_package, verify_package  # noqa: E402
from redactor.profiles import available_courts  # noqa: E402
from redactor.verify import normalise  # noqa: E402

REAL = ROOT.parent / "shared" / "fixtures" / "real"
SAMPLES = ROOT / "samples"
SEALING_REQUEST = re.compile(
    r"(?i)request\s+to\s+seal|motion\s+to\s+(?:file\s+\w+\s+)?(?:under\s+)?seal|application\s+for\s+"
    r"leave\s+to\s+file|order\s+granting|sealing|filed\s+under\s+seal|lodged\s+conditionally"
)
LODGING = re.compile(r"(?i)notice\s+of\s+lodging|in\s+camera\s+review")


def inputs(samples: bool, real: bool, extra: list[str]) -> list[tuple[str, list[Path]]]:
    out: list[tuple[str, list[Path]]] = []
    if samples:
        names = ("motion-to-seal", "declaration-ia-records", "exhibit-customer-list")
        out += [(n, [SAMPLES / f"{n}.pdf"]) for n in names]
        out.append(("three samples", [SAMPLES / f"{n}.pdf" for n in names]))
    if real:
        out += [(p.name, [p]) for p in sorted(REAL.glob("*.pdf"))]
    for item in extra:
        path = Path(item)
        files = sorted(path.glob("*.pdf")) if path.is_dir() else [path]
        out += [(p.name, [p]) for p in files]
    return out


def check(pkg: Path, in_camera: bool) -> list[str]:
    problems = list(verify_package(str(pkg)))
    manifest = json.loads((pkg / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    ref = next(f for f in files if f["role"] == "reference_list" and f["path"].endswith(".json"))
    reference = json.loads((pkg / ref["path"]).read_text(encoding="utf-8"))
    table = next(f for f in files if f["role"] == "table" and f["path"].endswith(".csv"))
    rows = list(csv.DictReader(io.StringIO((pkg / table["path"]).read_text(encoding="utf-8"))))
    uses = Counter((u["exhibit"], u["id"]) for r in reference["references"] for u in r["uses"])
    for doc in reference["documents"]:
        label = doc["exhibit"]
        printed: set[str] = set()
        for f in files:
            if f["role"] == "highlighted" and f["exhibit"] == label:
                with pdfplumber.open(str(pkg / f["path"])) as pdf:
                    for page in pdf.pages:
                        printed |= {
                            w["text"] for w in page.extract_words() if w["text"].startswith("R-")
                        }
        for red in doc["plan"]["redactions"]:
            rid = red["id"]
            if rid not in printed:
                problems.append(f"{label} {rid}: not printed in the highlighted copy")
            n = sum(1 for r in rows if r["exhibit"] == label and r["id"] == rid)
            if n != 1:
                problems.append(f"{label} {rid}: {n} table rows")
            if uses[(label, rid)] != 1:
                problems.append(f"{label} {rid}: {uses[(label, rid)]} reference-list uses")
    titles = sorted(
        {" ".join(normalise(r["document"]).split()) for r in rows}, key=len, reverse=True
    )
    for f in files:
        if f["role"] not in ("draft", "table", "index") or f["sealed"]:
            continue
        path = pkg / f["path"]
        if path.suffix == ".pdf":
            with pdfplumber.open(str(path)) as pdf:
                text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        else:
            text = path.read_text(encoding="utf-8")
        text = " ".join(normalise(text).split())
        for (
            title
        ) in titles:  # a document's own name ("MOTION TO FILE ... UNDER SEAL") is no request
            text = text.replace(title, " ")
        if in_camera and SEALING_REQUEST.search(text):
            problems.append(
                f"{f['path']}: in camera, but says “{SEALING_REQUEST.search(text).group(0)}”"
            )
        if not in_camera and f["role"] == "draft" and re.search(r"(?i)notice\s+of\s+lodging", text):
            problems.append(f"{f['path']}: a request to seal with a notice of lodging")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--courts", default=",".join(available_courts()))
    ap.add_argument("--files", nargs="*", default=[])
    ap.add_argument("--no-samples", action="store_true")
    ap.add_argument("--no-real", action="store_true")
    args = ap.parse_args(argv)
    courts = [c for c in args.courts.split(",") if c]
    built = passed = 0
    refused: Counter = Counter()
    flights: Counter = Counter()
    entries = 0
    failures: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="package-courts-") as tmp:
        for name, files in inputs(not args.no_samples, not args.no_real, args.files):
            for court in courts:
                for in_camera in (False, True):
                    out = Path(tmp) / f"{len(failures)}-{built}-{court}-{int(in_camera)}"
                    mode = "in camera" if in_camera else "sealed"
                    try:
                        pkg = build_package([str(p) for p in files], str(out), court=court,
                                            in_camera=in_camera, allow_mixed_cases=True)  # fmt: skip
                    except RedactorError as exc:
                        refused[f"{name}: {type(exc).__name__}: {str(exc)[:90]}"] += 1
                        continue
                    except Exception as exc:  # a bug elsewhere: counted, and the run goes on
                        refused[f"{name}: unexpected {type(exc).__name__}: {str(exc)[:70]}"] += 1
                        continue
                    built += 1
                    entries += pkg.redactions
                    for f in pkg.role("public"):
                        flights[f.preflight.split(",")[0] if f.preflight else "?"] += 1
                    problems = check(out, in_camera)
                    if problems:
                        failures += [f"{name} / {court} / {mode}: {p}" for p in problems]
                    else:
                        passed += 1
    took = time.perf_counter() - start
    print(f"packages built {built}, passed {passed}, plan entries {entries}, in {took:.0f} s")
    print(f"refused or failed before writing: {sum(refused.values())}")
    for why, n in refused.most_common():
        print(f"  {n:3d}  {why}")
    print(
        "public copies' pre-flight (first problem kind, or ready): "
        + ", ".join(f"{k} {n}" for k, n in flights.most_common())
    )
    for line in failures[:60]:
        print("FAIL", line)
    if len(failures) > 60:
        print(f"... and {len(failures) - 60} more")
    print(f"RESULT: {'PASS' if not failures and built else 'FAIL'}")
    return 0 if not failures and built else 1


if __name__ == "__main__":
    sys.exit(main())
