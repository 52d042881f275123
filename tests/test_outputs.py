"""The production's load files and log, written from the journal a document at a time."""

from __future__ import annotations

import json
import tracemalloc

from redactor.production.journal import Journal
from redactor.production.loadfiles import read_dat, read_opt
from redactor.production.outputs import write_outputs

LOG_ROW = {
    "page": 1,
    "line": 4,
    "id": "R1",
    "category": "SSN",
    "action": "redact",
    "label": "REDACTED – PII",
    "reason": "Social Security number (FRCP 5.2(a)(1))",
    "detector": "pattern:ssn/dashed",
}


def _produced(n: int, first: int, pages: int = 3, rows: int = 20, key: str | None = None) -> dict:
    return {
        "type": "produced", "key": key or f"k{n:06d}", "source": f"box/{n:06d}.pdf", "prefix": "ABC",
        "first": first, "last": first + pages - 1, "digits": 8, "run": "r1", "filename": f"{n:06d}.pdf",
        "confidentiality": "CONFIDENTIAL", "file": f"IMAGES/ABC{first:08d}.pdf", "text": f"TEXT/ABC{first:08d}.txt",
        "log": [dict(LOG_ROW, id=f"R{i}") for i in range(rows)],
    }  # fmt: skip


def _journal(out, records) -> Journal:
    """A journal holding ``records``, written as the journal writes them (without an fsync a line)."""
    out.mkdir(parents=True, exist_ok=True)
    journal = Journal(out)
    with open(journal.path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    return journal


def test_documents_come_out_in_bates_order_the_last_record_of_each_counting(tmp_path):
    records = [
        _produced(2, 4),
        _produced(1, 1),  # committed out of Bates order (a second volume started lower)
        {"type": "failed", "key": "k000009", "source": "box/000009.pdf", "reason": "is encrypted"},
        {
            "type": "failed",
            "key": "k000003",
            "source": "box/000003.pdf",
            "reason": "cannot be parsed",
        },
        _produced(
            3, 7, key="k000003b"
        ),  # the same source, changed, produced later: no longer an error
    ]
    journal = _journal(tmp_path, records)
    write_outputs(tmp_path, journal)
    _, rows = read_dat(tmp_path / "production.dat")
    assert [r["BEGBATES"] for r in rows] == ["ABC00000001", "ABC00000004", "ABC00000007"]
    assert [p.image_key for p in read_opt(tmp_path / "production.opt")][:4] == [
        "ABC00000001",
        "ABC00000002",
        "ABC00000003",
        "ABC00000004",
    ]
    errors = (tmp_path / "errors.csv").read_text(encoding="utf-8-sig").splitlines()
    assert errors == ["DOCUMENT,REASON", "box/000009.pdf,is encrypted"]
    log = (tmp_path / "redaction-log.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(log) == 1 + 3 * 20 and log[1].startswith("ABC00000001,ABC00000001,1,4,R0,SSN")


def _peak_writing(tmp_path, documents: int) -> int:
    out = tmp_path / f"p{documents}"
    journal = _journal(out, (_produced(n, 1 + 3 * n) for n in range(documents)))
    tracemalloc.start()
    try:
        write_outputs(out, journal)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_production(tmp_path):
    """Ten times the documents (and 20 log rows each) cost next to nothing more: records are read one at a time."""
    small, large = _peak_writing(tmp_path, 100), _peak_writing(tmp_path, 1000)
    assert large - small < 1_000_000, (small, large)
