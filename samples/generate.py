"""Generate sample court filings with planted sensitive values, and their truth files.

As a script::

    python samples/generate.py --out samples            # the bundled samples
    python samples/generate.py --corpus DIR --n 40 --seed 7 --split heldout

As a module: ``make_filing`` writes one PDF and its ``.truth.json``;
``make_corpus`` writes a set of them with varied layouts and traps. The
same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the package, not its modules loose
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import pymupdf  # noqa: E402

from samples import htmlflow, paper, traps  # noqa: E402
from samples import layout as flow  # noqa: E402
from samples.compose import compose  # noqa: E402
from samples.content import Content, Para  # noqa: E402
from samples.pools import check_split  # noqa: E402
from samples.truth import PrivateEntry, PublicEntry, Truth, find, truth_path  # noqa: E402

ALL_LAYOUTS = (
    "pleading", "wordproc", "table", "two_column", "ligature", "order", "letter", "opinion",
)  # fmt: skip
ALL_TRAPS = traps.ALL_TRAPS
KINDS = {
    "pleading": ("motion", "declaration", "stipulation"),
    "wordproc": ("motion", "declaration", "stipulation"),
    "two_column": ("motion", "declaration"),
    "ligature": ("motion", "declaration"),
    "table": ("exhibit",),
    "order": ("order",),
    "letter": ("clerk_letter", "counsel_letter"),
    "opinion": ("opinion",),
}
# The kinds the classic style knows (the bundled samples are written in it).
CLASSIC_KINDS = {"motion", "declaration", "exhibit", "order"}
FIXED_DATE = "D:20240301090000Z"
PER_PAGE = {
    "pleading": 3, "order": 3, "wordproc": 4, "two_column": 5, "ligature": 4, "table": 4,
    "letter": 4, "opinion": 3,
}  # fmt: skip

__all__ = ["ALL_LAYOUTS", "ALL_TRAPS", "Truth", "make_filing", "make_corpus", "write_bundled"]


def make_filing(
    path: Path,
    *,
    seed: int,
    split: str = "train",
    layout: str = "pleading",
    traps: tuple[str, ...] = (),
    pages: int | None = None,
    kind: str | None = None,
    variant: str = "",
    classic: bool = False,
) -> Truth:
    """Write one filing to ``path`` and its truth to ``NAME.truth.json``; return the truth.

    ``kind`` (motion, declaration, exhibit, order, stipulation, opinion,
    clerk_letter, counsel_letter) defaults to one that suits the layout; ``pages``
    asks for that many text pages (a scanned trap adds one image page after them).
    Counsel's blocks, signatures, courts, service and the CM/ECF stamp are written
    in many real styles; ``classic`` keeps the one style the bundled samples use.
    """
    check_split(split)
    if layout not in KINDS:
        raise ValueError(f"unknown layout {layout!r}; use one of {', '.join(ALL_LAYOUTS)}")
    path = Path(path)
    rng = random.Random(f"{seed}/{split}/{layout}/{kind}/{variant}")
    kind = kind or rng.choice(
        KINDS[layout] if not classic else [k for k in KINDS[layout] if k in CLASSIC_KINDS]
    )
    extra = pages or 1 if kind == "exhibit" else 2
    composer, content = compose(
        kind,
        rng,
        split,
        extra=extra,
        variant=variant,
        ligatures=layout == "ligature",
        layout="" if classic else layout,
    )
    plans = _plan_traps(composer, content, tuple(traps))
    blocks = _fit(content, layout, pages if pages is not None else 1 + rng.randint(0, 1))
    scanned = 1 if "scanned" in traps else 0
    doc = _draw(content, layout, blocks, extra_pages=scanned)
    try:
        text_pages = doc.page_count
        private, public = _locate(doc, content)
        _apply_traps(doc, content, plans)
        private += [
            PrivateEntry(p.category, p.value, p.page, p.surface, p.forms)
            for tp in plans
            if tp.surface != "bad_redaction"
            for p in tp.plants
        ]
        if content.bates:
            prefix, start = content.bates.split("|")
            public += [
                PublicEntry("BATES", f"{prefix}{int(start) + i:06d}", i + 1)
                for i in range(text_pages)
            ]
        doc.set_metadata(
            {
                "title": content.title[:120],
                "author": content.author or "",
                "subject": content.short_title,
                "keywords": "",
                "creator": "redactor sample generator",
                "producer": "PyMuPDF",
                "creationDate": FIXED_DATE,
                "modDate": FIXED_DATE,
                "trapped": "",
            }
        )
        _apply_metadata_trap(doc, content, plans)
        truth = Truth(
            path.name,
            doc.page_count,
            layout,
            list(traps),
            private,
            sorted(public, key=lambda e: (e.page, e.category, e.value)),
            kind,
        )
        _save(doc, path)
    finally:
        doc.close()
    _write_text(truth_path(path), truth.to_json())
    return truth


def make_corpus(
    out_dir: Path,
    *,
    n: int,
    seed: int,
    split: str = "train",
    layouts: tuple[str, ...] = ALL_LAYOUTS,
    traps: tuple[str, ...] = ALL_TRAPS,
) -> list[Path]:
    """Write ``n`` filings (``0000.pdf`` ... with truth files) cycling through layouts and traps."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"corpus/{seed}/{split}")
    layouts, traps = tuple(layouts), tuple(traps)
    paths = []
    for i in range(n):
        chosen: list[str] = []
        if traps:
            chosen.append(traps[i % len(traps)])
            if rng.random() < 0.4:
                extra = rng.choice(traps)
                if extra not in chosen:
                    chosen.append(extra)
        path = out_dir / f"{i:04d}.pdf"
        make_filing(
            path,
            seed=seed * 100_003 + i,
            split=split,
            layout=layouts[i % len(layouts)],
            traps=tuple(chosen),
            pages=rng.choice([None, 1, 2, 3, 5]),
        )
        paths.append(path)
    return paths


BUNDLED = {
    "motion-to-seal.pdf": dict(layout="pleading", kind="motion", traps=("metadata", "annotation")),
    "declaration-ia-records.pdf": dict(layout="pleading", kind="declaration", traps=("bookmark",)),
    "exhibit-customer-list.pdf": dict(
        layout="table", kind="exhibit", variant="customers", traps=()
    ),
}


def write_bundled(out_dir: Path, seed: int = 2024) -> list[Path]:
    """The samples shipped with the project, always from the same seed."""
    paths = []
    for name, options in BUNDLED.items():
        make_filing(Path(out_dir) / name, seed=seed, classic=True, **options)
        paths.append(Path(out_dir) / name)
    return paths


# -- steps ------------------------------------------------------------------


def _plan_traps(composer, content: Content, chosen: tuple[str, ...]):
    return traps.plan(composer, content, chosen)


def _blocks(content: Content, n_filler: int) -> list:
    extra = (
        [Para(content.filler[i % len(content.filler)]) for i in range(n_filler)]
        if content.filler
        else []
    )
    head = [content.caption] if content.caption else []
    return head + content.blocks[: content.filler_at] + extra + content.blocks[content.filler_at :]


def _count(blocks: list, layout: str) -> int:
    if layout == "ligature":
        doc = htmlflow.render(blocks)
        n = doc.page_count
        doc.close()
        return n
    return len(flow.layout(blocks, _geometry(layout)))


def _fit(content: Content, layout: str, target: int) -> list:
    """The blocks with as many filler paragraphs as make ``target`` pages (when it can)."""
    n = 0
    count = _count(_blocks(content, n), layout)
    if not content.filler:
        return _blocks(content, 0)
    while count < target and n < 400:
        n += max(1, (target - count) * PER_PAGE[layout])
        count = _count(_blocks(content, n), layout)
    while count > target and n > 0:
        n -= 1
        count = _count(_blocks(content, n), layout)
    return _blocks(content, n)


def _geometry(layout: str) -> flow.Geometry:
    return flow.GEOMETRIES["pleading" if layout == "order" else layout]


def _draw(content: Content, layout: str, blocks: list, extra_pages: int = 0) -> pymupdf.Document:
    if layout == "ligature":
        doc = htmlflow.render(blocks)
    else:
        doc = pymupdf.open()
        flow.draw(doc, flow.layout(blocks, _geometry(layout)))
    total = doc.page_count
    for i, page in enumerate(doc):
        if content.ecf:
            paper.ecf_stamp(
                page, stamp_text(content.ecf, i + 1, total + extra_pages), content.ecf[1]
            )
        if layout == "letter":
            paper.letter_running(page, i + 1, content.letter_head)
            if i == 0 and content.foot:
                paper.letter_foot(page, content.foot)
        elif layout == "opinion":
            paper.centred_number(page, i + 1, content.short_title if i else "")
        elif layout in ("pleading", "order"):
            paper.pleading(page, i + 1, total, content.title)
        else:
            paper.running(
                page,
                i + 1,
                total + extra_pages,
                content.short_title,
                content.case_number,
                content.legend,
                _bates(content, i),
            )
    return doc


def stamp_text(ecf: tuple[str, bool, int], page: int, pages: int) -> str:
    """The CM/ECF stamp of one page."""
    template, _, first_id = ecf
    return template.format(page=page, pages=pages, page_id=first_id + page - 1)


def _bates(content: Content, index: int) -> str:
    if not content.bates:
        return ""
    prefix, start = content.bates.split("|")
    return f"{prefix}{int(start) + index:06d}"


def _locate(
    doc: pymupdf.Document, content: Content
) -> tuple[list[PrivateEntry], list[PublicEntry]]:
    """Find every planted value on the drawn pages: one entry per value and page."""
    texts = [page.get_text() for page in doc]
    private: list[PrivateEntry] = []
    for plant in content.private:
        if plant.surface not in ("page", "bad_redaction"):
            continue
        found = [
            i + 1
            for i, t in enumerate(texts)
            if find(plant.value, t) or (plant.category == "ADDRESS" and find(plant.forms[0], t))
        ]
        if not found:
            raise AssertionError(f"generator bug: a planted {plant.category} value is on no page")
        plant.page = found[0]
        for page in found:
            entry = PrivateEntry(plant.category, plant.value, page, plant.surface, plant.forms)
            if entry not in private:
                private.append(entry)
    public = []
    for pv in content.public:
        public += [
            PublicEntry(pv.category, pv.value, i + 1)
            for i, t in enumerate(texts)
            if find(pv.value, t)
        ]
    return private, list(dict.fromkeys(public))


def _apply_traps(doc, content, plans) -> None:
    traps.apply(doc, content, [tp for tp in plans if tp.surface != "metadata"])


def _apply_metadata_trap(doc, content, plans) -> None:
    traps.apply(doc, content, [tp for tp in plans if tp.surface == "metadata"])


def _save(doc: pymupdf.Document, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        doc.save(tmp, garbage=3, deflate=True, no_new_id=True)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="where the bundled samples go (default: this folder)",
    )
    ap.add_argument("--corpus", type=Path, help="write a labelled corpus to this folder instead")
    ap.add_argument("--n", type=int, default=30, help="corpus size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--split", choices=("train", "heldout"), default="train")
    ap.add_argument("--layouts", default=",".join(ALL_LAYOUTS))
    ap.add_argument("--traps", default=",".join(ALL_TRAPS))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    if args.corpus:
        paths = make_corpus(
            args.corpus,
            n=args.n,
            seed=args.seed,
            split=args.split,
            layouts=tuple(x for x in args.layouts.split(",") if x),
            traps=tuple(x for x in args.traps.split(",") if x),
        )
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        paths = write_bundled(args.out)
    if not args.quiet:
        where = args.corpus or args.out
        print(
            f"{len(paths)} filings (with .truth.json) in {where}, {time.perf_counter() - start:.2f} s",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
