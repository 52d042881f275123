"""The sample generator: its truth files must say exactly what is in each PDF, and where."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
from pathlib import Path

import pymupdf
import pytest

from samples import text as templates
from samples import values
from samples.generate import ALL_LAYOUTS, ALL_TRAPS, BUNDLED, make_corpus, make_filing
from samples.htmlflow import has_ligatures
from samples.pools import pools, split_of
from samples.truth import Truth, find, truth_path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
NAME_CATEGORIES = {"MINOR", "PERSON", "OFFICER_NAME"}


@pytest.fixture(scope="module")
def filings(tmp_path_factory) -> dict[str, tuple[Path, Truth]]:
    """One filing per layout and split, and one pleading per trap."""
    out = tmp_path_factory.mktemp("filings")
    made = {}
    for layout in ALL_LAYOUTS:
        for split in ("train", "heldout"):
            path = out / f"{layout}-{split}.pdf"
            made[f"{layout}-{split}"] = (
                path,
                make_filing(path, seed=11, split=split, layout=layout, pages=3),
            )
    for i, trap in enumerate(ALL_TRAPS):
        path = out / f"trap-{trap}.pdf"
        layout = ALL_LAYOUTS[i % len(ALL_LAYOUTS)] if trap != "scanned" else "pleading"
        made[f"trap-{trap}"] = (path, make_filing(path, seed=3 + i, layout=layout, traps=(trap,)))
    return made


def _texts(path: Path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [page.get_text() for page in doc]


def test_same_seed_same_truth_and_bytes(tmp_path: Path) -> None:
    for layout in ALL_LAYOUTS:
        a = make_filing(tmp_path / "a.pdf", seed=5, layout=layout, traps=("metadata", "bookmark"))
        b = make_filing(tmp_path / "b.pdf", seed=5, layout=layout, traps=("metadata", "bookmark"))
        assert a.private == b.private and a.public == b.public, layout
        assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes(), layout
        c = make_filing(tmp_path / "c.pdf", seed=6, layout=layout)
        assert (c.private, c.public) != (a.private, a.public), layout


def test_truth_file_round_trips(filings) -> None:
    for path, truth in filings.values():
        on_disk = Truth.load(truth_path(path))
        assert on_disk == truth
        assert on_disk.file == path.name and on_disk.pages == pymupdf.open(path).page_count
        assert set(json.loads(truth.to_json())) == {
            "file",
            "pages",
            "layout",
            "traps",
            "private",
            "public",
            "kind",
        }


def test_every_page_value_is_in_the_text_of_its_page(filings) -> None:
    for key, (path, truth) in filings.items():
        texts = _texts(path)
        assert truth.public, key
        assert truth.private or truth.kind == "clerk_letter", key  # the clerk's own letter
        for e in truth.private:
            if e.surface in ("page", "bad_redaction", "hidden_text"):
                ok = find(e.value, texts[e.page - 1]) or (
                    e.category == "ADDRESS" and find(e.forms[0], texts[e.page - 1])
                )
                assert ok, (key, e.category, e.page)
        for e in truth.public:
            assert find(e.value, texts[e.page - 1]), (key, e.category, e.value)


def test_private_and_public_values_do_not_share_words(filings) -> None:
    """A verifier looks for each form of a private value; none may hit a public name."""
    for key, (_, truth) in filings.items():
        public_words = {
            w.lower() for e in truth.public for w in re.findall(r"[A-Za-z]{3,}", e.value)
        }
        for e in truth.private:
            if e.category in NAME_CATEGORIES:
                assert e.forms, (key, e.category)
                assert not {f.lower() for f in e.forms} & public_words, (key, e.category)


def test_traps_hold_their_values_where_they_say(filings) -> None:
    for trap in ALL_TRAPS:
        path, truth = filings[f"trap-{trap}"]
        entries = [e for e in truth.private if e.surface == trap]
        assert entries, trap
        doc = pymupdf.open(path)
        texts = [p.get_text() for p in doc]
        for e in entries:
            if trap == "metadata":
                assert any(e.value in v for v in doc.metadata.values() if v), e.category
            elif trap == "annotation":
                notes = [a.info["content"] for a in doc[e.page - 1].annots()]
                assert any(e.value in n for n in notes)
            elif trap == "form_field":
                assert any(w.field_value == e.value for w in doc[e.page - 1].widgets())
            elif trap == "bookmark":
                assert any(e.value in title and page == e.page for _, title, page in doc.get_toc())
            elif trap == "attachment":
                names = doc.embfile_names()
                assert any(e.value in doc.embfile_get(n).decode() for n in names)
            elif trap == "hidden_text":
                spans = [
                    s
                    for b in doc[e.page - 1].get_text("dict")["blocks"]
                    for li in b.get("lines", [])
                    for s in li["spans"]
                    if e.value in s["text"]
                ]
                assert spans and all(s["color"] == 0xFFFFFF for s in spans)
            elif trap == "bad_redaction":
                page = doc[e.page - 1]
                hits = page.search_for(e.value)
                boxes = [d["rect"] for d in page.get_drawings() if d.get("fill") == (0.0, 0.0, 0.0)]
                assert hits and all(any(b.contains(h) for b in boxes) for h in hits)
            elif trap == "scanned":
                # an image over the whole page; its live text, if any, is a stamp or a label
                page = doc[e.page - 1]
                assert page.get_images() and page.get_image_rects(page.get_images()[0][0])
                assert len(page.get_text().split()) <= 16
                assert not any(find(e.value, t) for t in texts)
        doc.close()


def test_pleading_paper_numbers_every_line(filings) -> None:
    for key in ("pleading-train", "order-heldout", "trap-scanned"):
        path, truth = filings[key]
        with pymupdf.open(path) as doc:
            for page in doc:
                if page.get_images():
                    continue  # the scanned exhibit page
                margin = [w for w in page.get_text("words") if w[2] < 70]
                numbers = sorted(int(w[4]) for w in margin if w[4].isdigit())
                assert numbers == list(range(1, 29)), (key, page.number)
                ys = sorted(w[3] for w in margin)
                assert all(abs((b - a) - 24) < 0.5 for a, b in zip(ys, ys[1:], strict=False))


def test_ligature_layout_extracts_ligatures(filings) -> None:
    for split in ("train", "heldout"):
        path, _ = filings[f"ligature-{split}"]
        with pymupdf.open(path) as doc:
            raw = "".join(p.get_text() for p in doc)
        assert has_ligatures(raw)


def test_held_out_pools_are_disjoint_from_train() -> None:
    train, held = pools("train"), pools("heldout")
    for field in ("first_names", "last_names", "streets", "schools", "medical", "ia_findings"):
        a, b = getattr(train, field), getattr(held, field)
        assert a and b, field
        assert not {x.lower() for x in a} & {x.lower() for x in b}, field
    all_train_words = {x.lower() for x in train.first_names + train.last_names}
    assert not all_train_words & {x.lower() for x in held.first_names + held.last_names}
    for family in templates.TEMPLATES.values():
        assert not set(family["train"]) & set(family["heldout"])


def test_held_out_filings_use_held_out_names(filings) -> None:
    held_words = {x.lower() for x in pools("heldout").first_names + pools("heldout").last_names}
    for layout in ALL_LAYOUTS:
        _, truth = filings[f"{layout}-heldout"]
        for e in truth.private:
            if e.category in NAME_CATEGORIES:
                assert all(split_of(w) == "heldout" for w in e.forms), (layout, e.category)
                assert {w.lower() for w in e.forms} <= held_words


def test_planted_values_pass_validators(filings) -> None:
    seen = set()
    for _, truth in filings.values():
        for e in truth.private:
            seen.add(e.category)
            if e.category == "SSN":
                assert values.ssn_ok(e.value), e.value
            elif e.category == "CARD":
                assert values.luhn_ok(e.value), e.value
            elif e.category == "ROUTING":
                assert values.aba_ok(e.value), e.value
            elif e.category == "PHONE":
                assert values.nanp_ok(e.value), e.value
            elif e.category == "DOB":
                day = _parse_date(e.value)
                assert dt.date(1930, 1, 1) < day < dt.date(2020, 1, 1)
    assert {"SSN", "DOB", "PHONE", "ROUTING", "ADDRESS", "MINOR", "MEDICAL"} <= seen


def _parse_date(s: str) -> dt.date:
    for fmt in ("%B %d, %Y", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    raise AssertionError(f"not a date: {s}")


@pytest.mark.parametrize(
    "check, good, bad",
    [
        (
            values.ssn_ok,
            ["001-01-0001", "899-99-9999", "536-22-1234"],
            [
                "000-12-3456",
                "666-12-3456",
                "900-12-3456",
                "123-00-4567",
                "123-45-0000",
                "078-05-1120",
            ],
        ),
        (
            values.luhn_ok,
            ["4111 1111 1111 1111", "5500005555555559", "378282246310005"],
            ["4111 1111 1111 1112", "1234567812345678"],
        ),
        (
            values.aba_ok,
            ["011000015", "121000358", "322271627"],
            ["011000016", "991000015", "12100035"],
        ),
        (
            values.nanp_ok,
            ["(916) 930-4187", "415-555-2671"],
            ["(916) 130-4187", "(911) 555-1234", "(555) 211-1234"],
        ),
    ],
)
def test_validators_table(check, good, bad) -> None:
    assert all(check(v) for v in good)
    assert not any(check(v) for v in bad)


def test_dob_is_planted_with_birth_context(filings) -> None:
    """In running text; in an exhibit table the column header is the context."""
    cues = re.compile(r"born|birth|DOB", re.I)
    for key, (path, truth) in filings.items():
        texts = _texts(path)
        for e in truth.private:
            if e.category == "DOB" and e.surface == "page" and truth.layout != "table":
                page = " ".join(texts[e.page - 1].split())
                i = page.find(e.value)
                if i >= 0:
                    assert cues.search(page[max(0, i - 120) : i + 40]), key


def test_corpus_varies_layouts_and_traps(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path, n=8, seed=2, split="heldout", traps=ALL_TRAPS)
    truths = [Truth.load(truth_path(p)) for p in paths]
    assert [p.name for p in paths] == [f"{i:04d}.pdf" for i in range(8)]
    assert {t.layout for t in truths} == set(ALL_LAYOUTS)
    assert {x for t in truths for x in t.traps} == set(ALL_TRAPS)


def test_bundled_samples_are_current(tmp_path: Path) -> None:
    """The committed samples are exactly what the generator writes."""
    from samples.generate import write_bundled

    write_bundled(tmp_path)
    for name in BUNDLED:
        assert (SAMPLES / name).exists(), name
        assert Truth.load(truth_path(SAMPLES / name)) == Truth.load(truth_path(tmp_path / name))
    motion = Truth.load(truth_path(SAMPLES / "motion-to-seal.pdf"))
    cats = {e.category for e in motion.private}
    assert {"SSN", "DOB", "MINOR", "ADDRESS", "ACCOUNT", "PHONE", "EMAIL", "MEDICAL"} <= cats
    assert {e.surface for e in motion.private} >= {"page", "metadata", "annotation"}
    ia = Truth.load(truth_path(SAMPLES / "declaration-ia-records.pdf"))
    assert {"OFFICER_NAME", "BADGE", "IA_CASE", "IA_FINDING", "PERSON"} <= {
        e.category for e in ia.private
    }
    exhibit = Truth.load(truth_path(SAMPLES / "exhibit-customer-list.pdf"))
    assert {"PERSON", "ADDRESS", "PHONE"} <= {e.category for e in exhibit.private}
    assert "CONFIDENTIAL" in _texts(SAMPLES / "exhibit-customer-list.pdf")[0]


def test_cli_writes_bundled_samples(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = SAMPLES / "generate.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path), "--quiet"], check=True)
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(BUNDLED)
    for name in BUNDLED:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes()


def test_five_page_filing_is_fast(tmp_path: Path) -> None:
    make_filing(tmp_path / "warm.pdf", seed=1, layout="pleading", pages=5)
    start = time.perf_counter()
    truth = make_filing(tmp_path / "five.pdf", seed=2, layout="pleading", pages=5)
    assert truth.pages == 5
    assert time.perf_counter() - start < 1.0  # about 0.15 s here; generous for CI


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_scanned_page_is_readable_by_ocr(filings) -> None:
    path, truth = filings["trap-scanned"]
    entry = next(e for e in truth.private if e.surface == "scanned" and e.category == "SSN")
    with pymupdf.open(path) as doc:
        ocr = doc[entry.page - 1].get_textpage_ocr(dpi=200, full=True).extractText()
    assert find(entry.value, ocr)


# -- the court's own papers, counsel's correspondence, the CM/ECF stamp -----------------------
PAPERS = (
    ("clerk_letter", "letter"),
    ("counsel_letter", "letter"),
    ("opinion", "opinion"),
    ("stipulation", "pleading"),
    ("stipulation", "wordproc"),
)


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> list[tuple[str, Path, Truth]]:
    """Each new kind of paper, several seeds each (their styles are drawn), both splits."""
    out = tmp_path_factory.mktemp("papers")
    made = []
    for kind, layout in PAPERS:
        for seed in range(4):
            split = ("train", "heldout")[seed % 2]
            path = out / f"{kind}-{layout}-{seed}.pdf"
            made.append(
                (kind, path, make_filing(path, seed=seed, split=split, layout=layout, kind=kind))
            )
    return made


def test_papers_truth_is_on_their_pages(papers) -> None:
    for kind, path, truth in papers:
        assert truth.kind == kind
        texts = _texts(path)
        for e in truth.private:
            if e.surface == "page":
                assert find(e.value, texts[e.page - 1]) or (
                    e.category == "ADDRESS" and find(e.forms[0], texts[e.page - 1])
                ), (path.name, e.category)
        for e in truth.public:
            assert find(e.value, texts[e.page - 1]), (path.name, e.category, e.value)


def test_a_clerks_letter_is_the_public_record_only(papers) -> None:
    letters = [t for kind, _, t in papers if kind == "clerk_letter"]
    assert letters
    for truth in letters:
        assert truth.private == []
        cats = {e.category for e in truth.public}
        assert {"COURT", "COURT_STAFF", "COUNSEL", "CASE_NUMBER", "PARTY"} <= cats, cats


def test_an_opinion_names_its_parties_by_short_forms_beside_a_private_witness_and_a_minor(
    papers,
) -> None:
    for _kind, path, truth in (p for p in papers if p[0] == "opinion"):
        text = " ".join(" ".join(_texts(path)).split())
        short = [e.value for e in truth.public if e.category == "PARTY" and " " not in e.value]
        assert short, path.name  # the plaintiff's family name, kept public
        assert any(len(re.findall(rf"\b{re.escape(s)}\b", text)) >= 3 for s in short)
        cats = {e.category for e in truth.private}
        assert {"PERSON", "MINOR"} <= cats, (path.name, cats)
        witness = next(e for e in truth.private if e.category == "PERSON")
        family = witness.value.split()[-1]
        # named in full once, then by the family name alone or with a title
        assert text.count(family) > text.count(witness.value), path.name


def test_a_stipulation_carries_both_sides_signatures(papers) -> None:
    for _kind, path, truth in (p for p in papers if p[0] == "stipulation"):
        text = "\n".join(_texts(path))
        signed = re.findall(r"By: /s/ ([A-Z][\w.' -]+)", text)
        assert len(signed) == 2, (path.name, signed)
        counsel = {e.value for e in truth.public if e.category == "COUNSEL"}
        assert set(signed) <= counsel
        assert "IT IS SO STIPULATED" in text and "[PROPOSED] ORDER" in text


def test_filed_papers_carry_the_ecf_stamp_on_every_page_and_a_scan_keeps_it_live(
    tmp_path: Path,
) -> None:
    stamped = 0
    for seed in range(12):
        path = tmp_path / f"m{seed}.pdf"
        truth = make_filing(path, seed=seed, split="heldout", layout="pleading", traps=("scanned",))
        texts = _texts(path)
        if not re.search(r"(?m)^Case:? \S+.*Page:? 1\b", texts[0]):
            continue
        stamped += 1
        for i, t in enumerate(texts, 1):
            assert re.search(rf"Page {i} of {len(texts)}\b", t), (path.name, i)
        scan = texts[-1]
        with pymupdf.open(path) as doc:
            assert doc[-1].get_images()
        assert scan.split() and len(scan.split()) <= 16  # the stamp, and maybe a label
        for e in truth.private:
            if e.surface == "scanned":
                assert not find(e.value, scan), e.category
    assert stamped >= 3


def test_a_pleadings_service_section_lists_the_other_sides_counsel(tmp_path: Path) -> None:
    served = 0
    for seed in range(12):
        path = tmp_path / f"s{seed}.pdf"
        truth = make_filing(path, seed=seed, split="train", layout="pleading", kind="motion")
        text = "\n".join(_texts(path))
        if "CERTIFICATE OF SERVICE" not in text and "PROOF OF SERVICE" not in text:
            continue
        served += 1
        # ours over the caption, theirs in the service list: two offices, on the same page
        # as the service section
        page = next(i for i, t in enumerate(_texts(path), 1) if "OF SERVICE" in t)
        offices = {e.value for e in truth.public if e.category == "FIRM"}
        theirs = {e.value for e in truth.public if e.category == "COUNSEL" and e.page == page}
        assert len(offices) >= 2 and theirs, path.name
    assert served >= 4
