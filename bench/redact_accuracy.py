"""How well `redact` removes what it must and keeps what it must, on held-out filings.

    .venv/bin/python bench/redact_accuracy.py [--n 24] [--seed 11] [--truth] [--layouts all]

Makes a held-out corpus of pleading-paper filings (``--layouts`` for others: letters,
opinions, tables...) with PDF traps, redacts each
one with the full pipeline (detect, plan, burn-in, verify), and reads every
output back with readers the renderer does not use:

* private values gone: no spelling of a planted value (the truth's forms) as a
  word in the page text (pdfminer, with a tight tolerance so justified lines keep
  their blanks), nor the whole value run together, nor in any string of any
  object or content stream (pikepdf) or any other surface (metadata, comments,
  fields...). A strict reading that also counts a spelling inside another word or
  number ("Amara" in "Tamarack", a badge number as a coordinate) is printed too;
* public values intact: each judge, counsel, party, citation... still reads on
  its page;
* words surviving: the share of the input's words (pdfminer) still in the output.

``--truth`` plans from the truth file instead of detection: it measures the
burn-in alone, and is labelled so in the report.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber  # noqa: E402
import pikepdf  # noqa: E402
import pymupdf  # noqa: E402

from redactor.errors import VerificationFailed  # noqa: E402
from redactor.ingest import (
    load,  # noqa: E402
    read_surfaces,  # noqa: E402
)
from redactor.model import Finding  # noqa: E402
from redactor.plan import (
    Policy,  # noqa: E402
    make_plan,  # noqa: E402
)
from redactor.plan.forms import term_pattern  # noqa: E402
from redactor.redact import redact_file  # noqa: E402
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
    "scanned",
)


def truth_plan(src: Path, truth: Truth, policy: Policy):
    """A plan made from the truth file (burn-in measured alone)."""
    doc = load(str(src))
    found = []
    for e in truth.private:
        if e.surface == "page" and e.page:
            page = doc.pages[e.page - 1]
            for m in term_pattern(e.value).finditer(page.text.text):
                boxes = tuple(page.text.boxes_for(m.start(), m.end()))
                found.append(
                    Finding(
                        e.category, e.value, e.page, boxes, "truth", 1.0, "planted", start=m.start()
                    )
                )
        else:
            found.append(
                Finding(e.category, e.value, e.page, (), "truth", 1.0, "planted", surface=e.surface)
            )
    from redactor.detect.structure import page_problems

    problems = [
        p for pg in doc.pages for p in page_problems(doc.pdf, pg.number - 1, scanned=pg.scanned)
    ]
    return make_plan(doc, found, policy, problems=problems)


def everything(data: bytes, path: str) -> tuple[list[str], list[str], str]:
    """The page texts (pdfminer, twice), and all other text of the file (strings in
    its objects and content streams, and every surface)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
        # with a tight tolerance pdfminer keeps the blanks of justified lines
        spaced = [p.extract_text(x_tolerance=1) or "" for p in pdf.pages]
    parts = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                if obj.get("/Subtype") == "/Image":
                    continue
                try:
                    with (
                        warnings.catch_warnings()
                    ):  # a font program or a CMap read as content: not text
                        warnings.simplefilter("ignore")
                        ops = pikepdf.parse_content_stream(obj)
                except Exception:
                    continue  # not a content stream (a font program, a CMap...)
                for operands, _ in ops:
                    for op in operands:
                        if isinstance(op, pikepdf.String):
                            parts.append(bytes(op).decode("latin-1"))
                        elif isinstance(op, pikepdf.Array):
                            parts.append(
                                "".join(
                                    bytes(x).decode("latin-1")
                                    for x in op
                                    if isinstance(x, pikepdf.String)
                                )
                            )
            elif isinstance(obj, pikepdf.String):
                parts.append(str(obj))
            elif isinstance(obj, pikepdf.Dictionary):
                parts.extend(str(v) for v in obj.values() if isinstance(v, pikepdf.String))
    doc = pymupdf.open(stream=data, filetype="pdf")
    surfaces, _ = read_surfaces(doc, data, path)
    parts += [s.text for s in surfaces]
    return pages, spaced, "\n".join(parts)


def left_behind(
    value: str, forms: list[str], pages: list[str], spaced: list[str], rest: str
) -> tuple[list[str], list[str]]:
    """The spellings of a planted value a reader still finds in an output, and the
    spellings a strict reading finds (even inside another word or number)."""
    alltext = squash("\n".join(pages) + "\n" + rest)
    words_text = "\n".join(spaced) + "\n" + rest
    spellings = [value] + [f for f in forms if len(f) >= 4]
    strict = [f for f in spellings if squash(f) in alltext or term_pattern(f).search(rest)]
    left = [f for f in spellings if term_pattern(f).search(words_text)]
    if squash(value) in alltext and len(squash(value)) >= 8 and value not in left:
        left.append(value)
    return left, strict


def squash(text: str) -> str:
    """Lower case, no blanks: pdfminer runs the words of justified lines together."""
    return "".join(text.split()).lower()


def words(data: bytes) -> Counter:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return Counter(w["text"] for p in pdf.pages for w in p.extract_words())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=24)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--truth", action="store_true", help="plan from the truth files, not detection")
    ap.add_argument(
        "--layouts",
        default="pleading",
        help="comma-separated layouts of samples/generate.py (default: pleading; 'all' for every one)",
    )
    ap.add_argument(
        "--show-misses",
        action="store_true",
        help="list each value left behind (the values are synthetic)",
    )
    args = ap.parse_args(argv)
    policy = Policy.default()
    work = Path(tempfile.mkdtemp(prefix="redact-bench-"))
    from samples.generate import ALL_LAYOUTS

    layouts = ALL_LAYOUTS if args.layouts == "all" else tuple(args.layouts.split(","))
    paths = make_corpus(
        work / "in", n=args.n, seed=args.seed, split="heldout", layouts=layouts, traps=TRAPS
    )
    (work / "out").mkdir()
    priv_total = priv_gone = pub_total = pub_kept = priv_strict_left = 0
    words_in = words_kept = 0
    refused, started = [], time.perf_counter()
    missed: Counter = Counter()
    for src in paths:
        truth = Truth.from_json(truth_path(src).read_text(encoding="utf-8"))
        dst = work / "out" / src.name
        try:
            plan = truth_plan(src, truth, policy) if args.truth else None
            redact_file(str(src), str(dst), policy=policy, plan=plan)
        except VerificationFailed as exc:
            refused.append(f"{src.name}: {exc}")
            continue
        data, before = dst.read_bytes(), src.read_bytes()
        pages, spaced, rest = everything(data, str(dst))
        for e in truth.private:
            priv_total += 1
            left, strict_left = left_behind(e.value, e.forms, pages, spaced, rest)
            priv_strict_left += bool(strict_left)
            if left:
                missed[(e.category, e.surface)] += 1
                if args.show_misses:
                    print(
                        f"  left behind in {src.name}: {e.category}/{e.surface} p.{e.page} {e.value!r} as {left!r}"
                    )
            else:
                priv_gone += 1
            if strict_left and not left and args.show_misses:
                print(
                    f"  (strict only) {src.name}: {e.category} {e.value!r}: {strict_left!r} inside other text"
                )
        with pdfplumber.open(io.BytesIO(before)) as pdf:
            pages_in = [squash(p.extract_text() or "") for p in pdf.pages]
        for e in truth.public:
            if not (0 < e.page <= len(pages_in)) or squash(e.value) not in pages_in[e.page - 1]:
                continue  # pdfminer cannot read it in the input either (justified text runs words together)
            pub_total += 1
            pub_kept += 0 < e.page <= len(pages) and squash(e.value) in squash(pages[e.page - 1])
        w_in, w_out = words(before), words(data)
        words_in += sum(w_in.values())
        words_kept += sum((w_in & w_out).values())
    took = time.perf_counter() - started
    mode = (
        "plans from the TRUTH files (burn-in alone)"
        if args.truth
        else "full pipeline (detect + plan + burn-in + verify)"
    )
    print(
        f"held-out filings ({', '.join(layouts)}): {len(paths)}, traps {', '.join(TRAPS)}; {mode}"
    )
    print(f"refused by verification: {len(refused)}")
    for line in refused:
        print(f"  {line}")
    print(
        f"private values gone from every surface: {priv_gone}/{priv_total} = {100 * priv_gone / max(priv_total, 1):.2f}%  (target >= 99.5%)"
    )
    strict = priv_total - priv_strict_left
    print(
        f"  strict reading (a spelling even inside another word or number): {strict}/{priv_total} = {100 * strict / max(priv_total, 1):.2f}%"
    )
    print(
        f"public values intact (of those pdfminer reads in the input): {pub_kept}/{pub_total} = {100 * pub_kept / max(pub_total, 1):.2f}%  (target >= 98%)"
    )
    print(
        f"input words surviving: {words_kept}/{words_in} = {100 * words_kept / max(words_in, 1):.2f}%  (target >= 89%)"
    )
    if missed:
        print(
            "left behind, by category and surface: "
            + ", ".join(f"{c}/{s} {n}" for (c, s), n in missed.most_common())
        )
    print(f"{took:.1f} s, {took / max(len(paths), 1):.2f} s a filing; outputs in {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
