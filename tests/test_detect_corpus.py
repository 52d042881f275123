"""Detection on the project's labelled corpus: recall and false-flag floors.

Twelve generated filings of the train split, one of each layout (pleading paper,
court order, word-processor, two columns, ligatures, tables) and every hiding
place (metadata, comments, form fields, bookmarks, attachments, white text,
text under a drawn box, a scanned page read by OCR). Every private value must
be reported on its page or surface; the public record (judges, counsel,
parties, citations, statutes, docket and Bates numbers) must stay.
"""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redactor.detect import detect  # noqa: E402
from redactor.detect.scoring import Score, score_document  # noqa: E402
from redactor.ingest import load, read_surfaces  # noqa: E402


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    from samples.generate import ALL_TRAPS, make_corpus

    out = tmp_path_factory.mktemp("corpus")
    pdfs = make_corpus(out, n=12, seed=11, split="train")
    total = Score()
    traps = set()
    for pdf in pdfs:
        truth = json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text(encoding="utf-8"))
        traps.update(truth["traps"])
        doc = load(str(pdf))
        doc.surfaces, _ = read_surfaces(doc.pdf, doc.raw, str(pdf))
        total.add(score_document(doc, detect(doc), truth, pdf.name))
    assert traps >= set(ALL_TRAPS)  # the corpus really holds every hiding place, the scan too
    return total


def test_recall_of_private_values(scored):
    misses = [m for t in scored.private.values() for m in t.misses]
    assert scored.recall >= 0.99, f"recall {scored.recall:.2%}; missed: {misses}"


def test_every_category_is_planted_and_found(scored):
    for category in (
        "SSN",
        "DOB",
        "ADDRESS",
        "PHONE",
        "EMAIL",
        "MEDICAL",
        "MINOR",
        "PERSON",
        "IA_CASE",
        "BADGE",
    ):
        assert scored.private[category].total > 0, category
        assert scored.private[category].rate >= 0.95, (category, scored.private[category].misses)


def test_public_values_are_left_alone(scored):
    flagged = [m for t in scored.public.values() for m in t.misses]
    assert sum(t.total for t in scored.public.values()) >= 100
    assert scored.false_flag_rate <= 0.02, f"false flags {scored.false_flag_rate:.2%}: {flagged}"
