"""Odd and broken PDFs from other projects' test suites, through the command line one by one.

    .venv/bin/python bench/peer_suite.py [--jobs 2] [--timeout 300] [--json OUT.json] [PDF or folder ...]

By default: every PDF under ``tests/fixtures/peers/`` (qpdf's and pdf.js's test
files, see the README there) and the crafted ones of ``tests/crafted.py`` (bombs,
loops, 5,000 pages, deep nesting, encryption, truncation, garbage), made in a
temporary folder. Each file is run through the installed command, one process per
command, with a time limit: ``redactor check FILE --format json``, then ``redactor
redact FILE -o OUT.pdf --log LOG.json`` into a folder of its own, with a temporary
folder of its own (``TMPDIR``). Then it counts

* files, and those ``check`` reads (exit 0 or 1);
* redacted (exit 0, the public copy and the log written, nothing else);
* refused (exit 3), each with its one-line reason;
* bad input (exit 2 with a code other than E099), by reason;
* unexpected errors: E099, a traceback, a time-out or another exit code;
* foreign lines: any line on stderr not written by redactor;
* files left behind: anything in the file's output or temporary folder that should
  not be there (a temporary file, an output after a failure);
* the time taken.

It exits 1 when anything unexpected, foreign or left behind is seen, or when more
than 2 % of the files ``check`` reads are refused.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "tests" / "fixtures" / "peers"
COMMAND = [str(ROOT / ".venv" / "bin" / "redactor")]
REFUSAL_CEILING = 0.02
OWN_LINE = re.compile(r"^redactor: ")


@dataclass
class Run:
    exit: int | None  # None: timed out
    stderr: list[str]
    seconds: float


@dataclass
class Outcome:
    file: str
    check: Run
    redact: Run
    left: list[str] = field(default_factory=list)  # files left behind

    @property
    def read(self) -> bool:
        return self.check.exit in (0, 1)

    def unexpected(self) -> list[str]:
        out = []
        for name, run in (("check", self.check), ("redact", self.redact)):
            text = "\n".join(run.stderr)
            if run.exit is None:
                out.append(f"{name}: timed out")
            elif run.exit not in (0, 1, 2, 3) or (name == "redact" and run.exit == 1):
                out.append(f"{name}: exit {run.exit}")
            if "[E099]" in text or "Traceback" in text:
                out.append(f"{name}: {_error_line(run) or 'traceback'}")
        return out

    def foreign(self) -> list[str]:
        return [
            f"{name}: {line}"
            for name, run in (("check", self.check), ("redact", self.redact))
            for line in run.stderr
            if line.strip() and not OWN_LINE.match(line)
        ]


def _error_line(run: Run) -> str:
    for line in run.stderr:
        if line.startswith("redactor: error"):
            return line
    return ""


def reason(run: Run, path: str) -> str:
    """The error line without the file's name (so reasons can be counted)."""
    line = _error_line(run).removeprefix("redactor: error ")
    for name in (path, repr(path), os.path.basename(path)):
        line = line.replace(f"{name}: ", "")
    return line


def run_one(pdf: Path, timeout: float) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="peer-") as tmp:
        out_dir, tmp_dir = Path(tmp) / "out", Path(tmp) / "tmp"
        out_dir.mkdir()
        tmp_dir.mkdir()
        env = dict(os.environ, TMPDIR=str(tmp_dir), PYTHONHASHSEED="0")
        check = _run([*COMMAND, "check", str(pdf), "--format", "json"], env, timeout)
        public, log = out_dir / "public.pdf", out_dir / "log.json"
        redact = _run(
            [*COMMAND, "redact", str(pdf), "-o", str(public), "--log", str(log)], env, timeout
        )
        expected = {public.name, log.name} if redact.exit == 0 else set()
        left = [p.name for p in out_dir.iterdir() if p.name not in expected]
        if redact.exit == 0 and not (public.is_file() and log.is_file()):
            left.append("(exit 0 without the public copy and its log)")
        left += [f"TMPDIR/{p.relative_to(tmp_dir)}" for p in tmp_dir.rglob("*")]
        return Outcome(str(pdf), check, redact, left)


def _run(argv: list[str], env: dict[str, str], timeout: float) -> Run:
    began = time.perf_counter()
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, errors="replace", env=env, timeout=timeout
        )
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else ""
        return Run(None, err.splitlines(), time.perf_counter() - began)
    return Run(done.returncode, done.stderr.splitlines(), time.perf_counter() - began)


def inputs(paths: list[str], crafted_dir: Path | None) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths or [str(PEERS)]):
        found += sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
    if crafted_dir is not None:
        found += crafted(crafted_dir)
    return found


def crafted(folder: Path) -> list[Path]:
    """The crafted PDFs of ``tests/crafted.py``, made into ``folder``."""
    spec = importlib.util.spec_from_file_location("crafted", ROOT / "tests" / "crafted.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_all(folder)


def summary(outcomes: list[Outcome], seconds: float) -> tuple[list[str], bool]:
    read = [o for o in outcomes if o.read]
    redacted = [o for o in outcomes if o.redact.exit == 0]
    refused = [o for o in outcomes if o.redact.exit == 3]
    bad = [o for o in outcomes if o.redact.exit == 2 and not o.unexpected()]
    unexpected = [o for o in outcomes if o.unexpected()]
    foreign = [o for o in outcomes if o.foreign()]
    left = [o for o in outcomes if o.left]
    refused_read = [o for o in refused if o.read]
    rate = len(refused_read) / len(read) if read else 0.0
    lines = [
        f"files:                 {len(outcomes)}",
        f"read by check:         {len(read)}",
        f"redacted:              {len(redacted)}",
        f"refused:               {len(refused)} ({len(refused_read)} of those check reads: "
        f"{100 * rate:.1f} %, ceiling {100 * REFUSAL_CEILING:.0f} %)",
        f"bad input (exit 2):    {len(bad)} ({sum(o.read for o in bad)} of them read by check)",
        f"unexpected errors:     {len(unexpected)}",
        f"foreign stderr lines:  {sum(len(o.foreign()) for o in foreign)} (in {len(foreign)} files)",
        f"files left behind:     {sum(len(o.left) for o in left)} (after {len(left)} files)",
        f"time:                  {seconds:.0f} s "
        f"(check {sum(o.check.seconds for o in outcomes):.0f} s, "
        f"redact {sum(o.redact.seconds for o in outcomes):.0f} s of process time)",
    ]
    if refused:
        lines.append("\nrefused:")
        lines += [f"  {_short(o.file)}: {reason(o.redact, o.file)}" for o in refused]
    if bad:
        lines.append("\nbad input, by reason:")
        counts = Counter(reason(o.redact, o.file) for o in bad)
        lines += [f"  {n:3d}  {text}" for text, n in counts.most_common()]
        odd = [o for o in bad if o.read]
        if odd:
            lines.append("\nbad input to redact though check read it:")
            lines += [f"  {_short(o.file)}: {reason(o.redact, o.file)}" for o in odd]
    for title, group, what in (
        ("unexpected", unexpected, Outcome.unexpected),
        ("foreign lines", foreign, Outcome.foreign),
        ("left behind", left, lambda o: o.left),
    ):
        if group:
            lines.append(f"\n{title}:")
            for o in group:
                lines += [f"  {_short(o.file)}: {item}" for item in what(o)[:5]]
    slow = sorted(outcomes, key=lambda o: -(o.check.seconds + o.redact.seconds))[:5]
    lines.append("\nslowest: " + ", ".join(
        f"{_short(o.file)} {o.check.seconds + o.redact.seconds:.0f} s" for o in slow
    ))  # fmt: skip
    ok = not unexpected and not foreign and not left and rate <= REFUSAL_CEILING
    return lines, ok


def _short(path: str) -> str:
    p = Path(path)
    return f"{p.parent.name}/{p.name}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="PDFs or folders (default: tests/fixtures/peers)")
    ap.add_argument("--jobs", type=int, default=2, help="files run at once (default 2)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds a command may take")
    ap.add_argument("--no-crafted", action="store_true", help="leave out tests/crafted.py's PDFs")
    ap.add_argument("--json", metavar="OUT.json", help="also write every file's outcome here")
    args = ap.parse_args()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="peer-crafted-") as tmp:
        files = inputs(args.paths, None if args.no_crafted else Path(tmp))
        outcomes = []
        with ThreadPoolExecutor(args.jobs) as pool:
            for n, o in enumerate(pool.map(lambda p: run_one(p, args.timeout), files), 1):
                outcomes.append(o)
                flag = " UNEXPECTED" if o.unexpected() else ""
                print(f"[{n}/{len(files)}] {_short(o.file)}: check {o.check.exit}, "
                      f"redact {o.redact.exit}{flag}", file=sys.stderr, flush=True)  # fmt: skip
    lines, ok = summary(outcomes, time.perf_counter() - began)
    print("\n".join(lines))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(o) for o in outcomes], indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
