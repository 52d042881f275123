"""How fast `check`'s detection runs, against Presidio's default analyzer over the same pages.

    .venv/bin/python bench/check_speed.py [--pages 500] [--seed 4242] [--corpus DIR]

Builds (or reads) a set of generated filings of at least ``--pages`` pages,
reads each once with ingest and the surfaces reader (not timed: both sides
get the same page texts), then times, on one core, in the same run:

* ``redactor.detect.detect`` over every document (pattern packs through
  Presidio, legal context, context rules, NER only where a name can matter);
* Presidio's ``AnalyzerEngine`` with its default recognizers and the same small
  spaCy model, over every page text and surface text.

Both are warmed up first (models loaded), so the numbers are steady-state
throughput. Prints pages per second for each and the ratio (target: >= 3x).
Also prints the time of a whole ``check_file`` (ingest, surfaces, structure,
detection) for reference.
"""

from __future__ import annotations

import os

# One core: BLAS and OpenMP inside spaCy/thinc use one thread; pin the process to one CPU.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

import argparse  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from detect_accuracy import baseline_analyzer, read  # noqa: E402

from redactor.detect import detect  # noqa: E402


def corpus(out: Path, pages: int, seed: int) -> list[Path]:
    from samples.generate import make_corpus

    pdfs: list[Path] = []
    total, batch = 0, 0
    import pymupdf

    while total < pages:
        made = make_corpus(out / f"b{batch}", n=10, seed=seed + batch, split="train")
        for pdf in made:
            if total >= pages:
                break
            pdfs.append(pdf)
            with pymupdf.open(pdf) as d:
                total += d.page_count
        batch += 1
    return pdfs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument(
        "--corpus", type=Path, help="time the filings in this folder instead of generating"
    )
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        pdfs = (
            sorted(args.corpus.glob("*.pdf"))
            if args.corpus
            else corpus(Path(tmp), args.pages, args.seed)
        )
        docs = [read(p) for p in pdfs]
        pages = sum(d.page_count for d in docs)
        print(
            f"{len(docs)} filings, {pages} pages, read in {time.perf_counter() - t:.1f}s (not timed below)"
        )

        # Warm up: load the pattern packs, the NER model and Presidio's engine.
        detect(docs[0])
        baseline = baseline_analyzer()
        baseline.analyze(text=docs[0].pages[0].text.text, language="en")

        # The model's memory of texts read lately starts empty in each timed part: within a
        # part, a sentence that comes back in another filing is read once, as in one run.
        from redactor.detect import ner

        ner.forget()
        t = time.perf_counter()
        findings = sum(len(detect(d)) for d in docs)
        ours = time.perf_counter() - t

        t = time.perf_counter()
        results = 0
        for d in docs:
            for page in d.pages:
                if page.text.text.strip():
                    results += len(baseline.analyze(text=page.text.text, language="en"))
            for s in d.surfaces:
                if s.text.strip():
                    results += len(baseline.analyze(text=s.text, language="en"))
        theirs = time.perf_counter() - t

        import pymupdf

        from redactor.check import check_file

        # The whole command against the whole obvious tool: every file read from disk,
        # ingest + surfaces + structure + detection, against PyMuPDF's text + Presidio.
        ner.forget()
        t = time.perf_counter()
        for p in pdfs:
            check_file(str(p))
        whole = time.perf_counter() - t
        t = time.perf_counter()
        for p in pdfs:
            with pymupdf.open(p) as pdf:
                for page in pdf:
                    text = page.get_text()
                    if text.strip():
                        baseline.analyze(text=text, language="en")
        whole_theirs = time.perf_counter() - t

    print(
        f"redactor detect          {ours:7.2f}s  {pages / ours:8.1f} pages/s  ({findings} findings)"
    )
    print(
        f"Presidio default analyzer {theirs:7.2f}s  {pages / theirs:8.1f} pages/s  ({results} results)"
    )
    ratio = theirs / ours
    print(f"ratio: {ratio:.2f}x faster (target >= 3x): {'met' if ratio >= 3 else 'NOT met'}")
    print(
        f"whole check_file (ingest, surfaces, structure, detect) {whole:7.2f}s  {pages / whole:8.1f} pages/s"
    )
    print(
        f"PyMuPDF text + Presidio default analyzer            {whole_theirs:7.2f}s  {pages / whole_theirs:8.1f} pages/s"
    )
    print(f"whole-command ratio: {whole_theirs / whole:.2f}x")
    return 0 if ratio >= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
