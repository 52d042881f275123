"""How fast `redactor batch` produces, against a plain Presidio + PyMuPDF redactor, and how much memory.

    .venv/bin/python bench/batch_speed.py [--pages 500] [--scale-pages 2000] [--seed 4242]
                                          [--workers N] [--profile 40] [--out DIR]

1. Makes a production of at least ``--pages`` pages of held-out pleading-paper
   filings (``samples.generate.make_corpus``, with every PDF trap except the
   scanned page, whose OCR neither side would share; ``--scans`` keeps it).
2. Times :func:`redactor.production.run_production` on it (all cores, every
   document redacted, Bates-stamped and verified, load files written; pool start
   included) and, in the same run on the same files, the plain redactor of
   ``bench/plain_redactor.py`` (one process, models loaded first). Prints pages
   a second for both and the ratio (target: >= 5x).
3. Checks the production read back with second readers: every page out exactly
   once, Bates numbers 1..N read from each page's bottom band with no gap or
   repeat, OPT lines = pages, DAT rows = documents, and no planted value (the
   truth files) left in any page text, object or surface of the output.
4. Peak resident memory of every process (main and workers) at ``--pages`` and
   at ``--scale-pages`` (the same filings produced four times over): it must not grow.
5. ``--profile N``: where the time goes, per stage, in ms a page, over N filings
   in this process (the same calls ``redact_file`` makes, timed one by one).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pymupdf  # noqa: E402

from redactor.production import run_production  # noqa: E402
from redactor.production.bates import BAND, parse_bates  # noqa: E402
from redactor.production.loadfiles import read_dat, read_opt  # noqa: E402
from samples.truth import Truth, truth_path  # noqa: E402

PREFIX = "HELD"
TRAPS = (
    "metadata",
    "annotation",
    "form_field",
    "bookmark",
    "attachment",
    "hidden_text",
    "bad_redaction",
)


def corpus(out: Path, pages: int, seed: int, traps: tuple[str, ...]) -> tuple[list[Path], int]:
    """Held-out pleading filings in ``out``, at least ``pages`` pages in all."""
    from samples.generate import make_corpus

    kept: list[Path] = []
    total, batch = 0, 0
    while total < pages:
        for pdf in make_corpus(
            out / f"b{batch:03d}",
            n=10,
            seed=seed + batch,
            split="heldout",
            layouts=("pleading",),
            traps=traps,
        ):
            if total >= pages:
                pdf.unlink()
                truth_path(pdf).unlink()
                continue
            kept.append(pdf)
            with pymupdf.open(pdf) as d:
                total += d.page_count
        batch += 1
    return kept, total


class PeakMemory:
    """Peak resident set (VmHWM) of this process and every process under it, sampled."""

    def __init__(self, every: float = 0.25):
        import psutil

        self._me = psutil.Process()
        self._gone = (
            OSError,
            StopIteration,
            ValueError,
            psutil.Error,
        )  # a process that ended while read
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self, every: float) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(every)

    def sample(self) -> None:
        own = self._me.cmdline()
        for proc in [self._me, *self._me.children(recursive=True)]:
            try:
                if proc.pid != self._me.pid and proc.cmdline() == own:
                    continue  # forked, not yet running its own program: it still shows this process's memory
                status = Path(f"/proc/{proc.pid}/status").read_text()
                hwm = int(
                    next(
                        line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")
                    )
                )
                role = "bench" if proc.pid == self._me.pid else _role(proc, self._me.pid)
            except self._gone:
                continue
            old = self.peaks.get(proc.pid, ("", 0))[1]
            self.peaks[proc.pid] = (role, max(old, hwm))

    def by_role(self) -> dict[str, list[int]]:
        roles: dict[str, list[int]] = {}
        for role, kb in self.peaks.values():
            roles.setdefault(role, []).append(kb // 1024)
        return {k: sorted(v) for k, v in roles.items()}


def _role(proc, bench: int) -> str:
    """main (the batch command), forkserver, worker (forked by the server), or a helper."""
    try:
        parent = proc.parent()
        if proc.ppid() == bench:
            return "main"
        cmd = " ".join(proc.cmdline())
        if "resource_tracker" in cmd:
            return "resource-tracker"
        if parent is not None and parent.ppid() == bench:
            return "forkserver" if "forkserver" in cmd else "helper"
        return "worker"
    except Exception:
        return "other"


def produce(in_dir: Path, out: Path, workers: int | None):
    """Run `redactor batch` as a command in its own process (so its memory is its own), timed."""
    cmd = [
        sys.executable,
        "-c",
        "from redactor.cli.batch import batch_command; batch_command()",
        str(in_dir),
        "-o",
        str(out),
        "--bates-prefix",
        PREFIX,
        "--legend",
        "CONFIDENTIAL",
    ]
    if workers:
        cmd += ["--workers", str(workers)]
    with PeakMemory() as mem:
        started = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        took = time.perf_counter() - started
    print("  " + done.stderr.strip().replace("\n", "\n  "))
    # Asked again, the production has nothing left to do and reports what it holds.
    result = run_production(
        str(in_dir), str(out), prefix=PREFIX, legend="CONFIDENTIAL", workers=workers
    )
    return result, took, mem.by_role()


def plain(pdfs: list[Path], out: Path) -> tuple[int, float]:
    from plain_redactor import baseline_analyzer, plain_redact

    analyzer = baseline_analyzer()
    analyzer.analyze(
        text="Jane Roe, 555-0100, lives at 12 Oak Street.", language="en"
    )  # load the models first
    out.mkdir(parents=True, exist_ok=True)
    pages, started = 0, time.perf_counter()
    for i, pdf in enumerate(pdfs):
        pages += plain_redact(pdf, out / f"{i:05d}.pdf", analyzer)
    return pages, time.perf_counter() - started


def held_out_check(pdfs: list[Path], in_pages: int, out: Path, result) -> list[str]:
    """What is wrong with the production, read back with second readers (empty: all good)."""
    from redact_accuracy import everything, left_behind

    problems: list[str] = []
    if result.failed:
        problems.append(
            f"{len(result.failed)} documents not produced: "
            + "; ".join(f"{f.source}: {f.reason}" for f in result.failed[:5])
        )
    if len(result.produced) != len(pdfs):
        problems.append(f"{len(result.produced)} documents produced of {len(pdfs)}")
    stamped: list[int | None] = []
    leaks: Counter = Counter()
    strict_leaks: Counter = Counter()
    sources = {p.relative_to(p.parents[1]).as_posix(): p for p in pdfs}
    for doc in result.produced:
        data = (out / doc.file).read_bytes()
        with pymupdf.open("pdf", data) as pdf:
            for page in pdf:
                band = pymupdf.Rect(page.rect.x0, page.rect.y1 - BAND, page.rect.x1, page.rect.y1)
                stamped.append(parse_bates(page.get_text(clip=band), PREFIX))
        truth = Truth.load(truth_path(sources[doc.source]))
        pages, spaced, rest = everything(data, str(out / doc.file))
        for entry in truth.private:
            left, strict = left_behind(entry.value, entry.forms, pages, spaced, rest)
            if left:
                leaks[(entry.category, entry.surface)] += 1
            if strict:
                strict_leaks[(entry.category, entry.surface)] += 1
    out_pages = len(stamped)
    if out_pages != in_pages:
        problems.append(f"{out_pages} pages out of {in_pages} in")
    if stamped != list(range(1, out_pages + 1)):
        wrong = sum(1 for i, n in enumerate(stamped, start=1) if n != i)
        problems.append(
            f"Bates numbers read from the band are not 1..{out_pages}: {wrong} pages differ"
        )
    opt = read_opt(out / "production.opt")
    if len(opt) != out_pages:
        problems.append(f"OPT has {len(opt)} lines for {out_pages} pages")
    _, rows = read_dat(out / "production.dat")
    if len(rows) != len(result.produced):
        problems.append(f"DAT has {len(rows)} rows for {len(result.produced)} documents")
    if strict_leaks:
        print(
            f"  strict reading (a spelling even inside another word or number): {sum(strict_leaks.values())} "
            "found: " + ", ".join(f"{c}/{s} {n}" for (c, s), n in strict_leaks.most_common())
        )
    if leaks:
        problems.append(
            f"{sum(leaks.values())} planted values still readable in the output: "
            + ", ".join(f"{c}/{s} {n}" for (c, s), n in leaks.most_common())
        )
    print(
        f"  pages out {out_pages} / in {in_pages}; Bates read back from the band: "
        f"{stamped[0] if stamped else '-'}..{stamped[-1] if stamped else '-'}; OPT lines {len(opt)}; "
        f"DAT rows {len(rows)} / documents {len(result.produced)}; planted values left: {sum(leaks.values())}"
    )
    return problems


def profile(pdfs: list[Path], n: int) -> None:
    """ms a page of each stage of the worker's path, in this process."""
    from redactor.detect.structure import page_problems
    from redactor.ingest import load, read_surfaces
    from redactor.plan import Policy, make_plan
    from redactor.production.bates import bates_number, stamp
    from redactor.production.worker import warm_up
    from redactor.redact import ocr_regions
    from redactor.render import render_public
    from redactor.verify import expectations, verify

    warm_up()
    policy = Policy.default()
    times: dict[str, float] = {}
    pages = 0
    work = Path(tempfile.mkdtemp(prefix="batch-profile-"))

    def timed(name, fn, *a, **k):
        t = time.perf_counter()
        value = fn(*a, **k)
        times[name] = times.get(name, 0.0) + time.perf_counter() - t
        return value

    from redactor.detect import detect

    stamped_before = 0.0
    for pdf in pdfs[:n]:
        doc = timed("ingest.load", load, str(pdf))
        raw = pdf.read_bytes()
        surfaces, _ = timed("surfaces.read_surfaces", read_surfaces, doc.pdf, raw, doc.path)
        doc.surfaces = surfaces
        problems = []
        for page in doc.pages:
            problems += timed(
                "structure.page_problems",
                page_problems,
                doc.pdf,
                page.number - 1,
                scanned=page.scanned,
            )
        findings = timed("detect.detect", detect, doc, policy)
        plan = timed("plan.make_plan", make_plan, doc, findings, policy, problems=problems)
        numbers = [bates_number("P", i + 1) for i in range(doc.page_count)]

        def finish(pdf, numbers=numbers):
            return timed("bates.stamp", stamp, pdf, numbers, "CONFIDENTIAL")

        t = time.perf_counter()
        public = render_public(doc, raw, plan, finish=finish)
        times["render.render_public"] = (
            times.get("render.render_public", 0.0) + time.perf_counter() - t
        )
        times["render.render_public"] -= times["bates.stamp"] - stamped_before
        stamped_before = times["bates.stamp"]
        tmp = work / "v.pdf"
        tmp.write_bytes(public)
        timed(
            "verify.verify",
            verify,
            str(tmp),
            expectations(doc, plan),
            ocr_regions=ocr_regions(doc, plan),
            page_text=[],
        )
        pages += doc.page_count
    shutil.rmtree(work, ignore_errors=True)
    total = sum(times.values())
    print(
        f"\nwhere the time goes, one process, {pages} pages ({n} filings): {1000 * total / pages:.1f} ms a page"
    )
    for name, t in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<30} {1000 * t / pages:7.1f} ms/page  {100 * t / total:5.1f}%")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument(
        "--scale-pages", type=int, default=2000, help="0 to skip the memory run at scale"
    )
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument(
        "--scans", action="store_true", help="include the scanned-page trap (OCR) in the filings"
    )
    ap.add_argument(
        "--profile", type=int, default=0, metavar="N", help="also time each stage over N filings"
    )
    ap.add_argument("--out", help="work folder (default: a new temp folder)")
    args = ap.parse_args(argv)
    work = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="batch-bench-"))
    traps = TRAPS + (("scanned",) if args.scans else ())

    in_dir = work / "in"
    pdfs, in_pages = corpus(in_dir, args.pages, args.seed, traps)
    print(
        f"held-out pleading filings: {len(pdfs)} documents, {in_pages} pages; traps: {', '.join(traps)}"
    )

    result, took, mem = produce(in_dir, work / "VOL001", args.workers)
    ours = sum(d.bates.pages for d in result.produced) / took
    print(
        f"redactor batch:  {in_pages} pages in {took:6.1f} s = {ours:6.1f} pages/s "
        f"(redact + Bates stamp + verify + load files; pool start included)"
    )
    plain_pages, plain_took = plain(pdfs, work / "plain")
    theirs = plain_pages / plain_took
    print(
        f"plain redactor:  {plain_pages} pages in {plain_took:6.1f} s = {theirs:6.1f} pages/s "
        "(Presidio default analyzer + PyMuPDF redact annotations, one process)"
    )
    print(f"ratio: {ours / theirs:.2f}x  (target >= 5x)")

    print("held-out check:")
    problems = held_out_check(pdfs, in_pages, work / "VOL001", result)
    print("  OK" if not problems else "  PROBLEMS:\n" + "\n".join(f"  - {p}" for p in problems))

    print(f"peak RSS per process at {in_pages} pages (MB): {mem}")
    if args.scale_pages:
        copies = max(1, -(-args.scale_pages // in_pages))
        big = work / "in-scale"
        for c in range(copies):
            shutil.copytree(in_dir, big / f"copy{c}")
        result2, took2, mem2 = produce(big, work / "VOL-scale", args.workers)
        pages2 = sum(d.bates.pages for d in result2.produced)
        print(
            f"peak RSS per process at {pages2} pages (MB): {mem2}  ({pages2 / took2:.1f} pages/s; the same "
            "filings again, so sentences the model read once are answered from its memory: not a speed figure)"
        )
        grew = max(mem2.get("worker", [0])) - max(mem.get("worker", [0]))
        grew_main = max(mem2.get("main", [0])) - max(mem.get("main", [0]))
        print(
            f"growth from {in_pages} to {pages2} pages: workers {grew:+d} MB, main {grew_main:+d} MB"
        )

    if args.profile:
        profile(pdfs, args.profile)
    print(f"work folder: {work}")
    return 0 if not problems and ours >= 5 * theirs else 1


if __name__ == "__main__":
    raise SystemExit(main())
