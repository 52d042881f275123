"""What the command line makes of a set of PDFs, as a record two versions can be compared by.

    .venv/bin/python bench/equivalence.py record OUT.json [PDF or folder ...]
    .venv/bin/python bench/equivalence.py compare BEFORE.json AFTER.json

``record`` runs the installed ``redactor`` command on every PDF given (default:
the samples, ``../shared/fixtures/xray`` and ``../shared/fixtures/real``): ``check
--format json`` and ``redact -o --log``, and keeps, for each file, the exit codes,
the check report, the SHA-256 of the public copy and the redaction log. It goes
through the command line only, so it holds whatever the code inside is called.
``compare`` prints every file whose record differs and exits 1 if any does.

A refactoring that must not change behaviour is proven by recording before and
after and comparing. The record holds values (it is a check report): keep it out
of the repository (``bench/out/`` is ignored).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "fixtures"
DEFAULT_INPUTS = [ROOT / "samples", SHARED / "xray", SHARED / "real"]
COMMAND = [str(ROOT / ".venv" / "bin" / "redactor")]


def pdfs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out += sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
    return out


def record_one(pdf: Path) -> tuple[str, dict]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    with tempfile.TemporaryDirectory() as tmp:
        check = subprocess.run(
            [*COMMAND, "check", str(pdf), "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
        )
        report = _json_or_text(check.stdout)
        if isinstance(report, dict):
            report.pop("file", None)
        out, log = Path(tmp) / "public.pdf", Path(tmp) / "log.json"
        redact = subprocess.run(
            [*COMMAND, "redact", str(pdf), "-o", str(out), "--log", str(log)],
            capture_output=True,
            text=True,
            env=env,
        )
        return str(pdf), {
            "check_exit": check.returncode,
            "check": report,
            "redact_exit": redact.returncode,
            "redact_message": redact.stderr.strip().splitlines()[-1:] if redact.returncode else [],
            "public_sha256": hashlib.sha256(out.read_bytes()).hexdigest() if out.exists() else None,
            "log": json.loads(log.read_text()) if log.exists() else None,
        }


def _json_or_text(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("out")
    rec.add_argument("inputs", nargs="*", type=Path)
    rec.add_argument("--jobs", type=int, default=2)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before")
    cmp.add_argument("after")
    args = ap.parse_args()
    if args.cmd == "record":
        files = pdfs(args.inputs or DEFAULT_INPUTS)
        with ThreadPoolExecutor(args.jobs) as pool:
            records = dict(pool.map(record_one, files))
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False))
        print(f"{len(records)} files recorded in {args.out}", file=sys.stderr)
        return 0
    before = json.loads(Path(args.before).read_text())
    after = json.loads(Path(args.after).read_text())
    differ = 0
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a != b:
            differ += 1
            keys = sorted(
                k for k in set(a or {}) | set(b or {}) if (a or {}).get(k) != (b or {}).get(k)
            )
            print(f"DIFFERS {name}: {', '.join(keys) or 'missing on one side'}")
    print(f"{len(set(before) | set(after))} files, {differ} differ", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
