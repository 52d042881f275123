"""The production's load files, redaction log and errors file, written from the journal.

They are written whole at the end of every run (and so after a resumed run too),
each atomically, from the journal: what they list is exactly what was committed.

* ``production.dat``: Concordance DAT, one row a document (see :mod:`.loadfiles`);
* ``production.opt``: Opticon OPT, one line a page;
* ``redaction-log.csv``: one row a redaction: the Bates page, the document, the
  category, the label, the reason and the detector; never the value;
* ``errors.csv``: each document that could not be produced, with the reason;
* ``README.txt``: what each file is and how it is encoded.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..files import open_atomic_text, write_atomic
from .bates import bates_number
from .journal import Journal
from .loadfiles import DAT_ENCODING, OPT_ENCODING, OptPage, opt_pages, write_dat, write_opt

DAT_NAME = "production.dat"
OPT_NAME = "production.opt"
LOG_NAME = "redaction-log.csv"
ERRORS_NAME = "errors.csv"
README_NAME = "README.txt"
LOG_FIELDS = (
    "BATES",
    "BEGBATES",
    "PAGE",
    "LINE",
    "ID",
    "CATEGORY",
    "ACTION",
    "LABEL",
    "REASON",
    "DETECTOR",
)
ERROR_FIELDS = ("DOCUMENT", "REASON")


def write_outputs(out: Path, journal: Journal) -> None:
    """Every output file from the journal, a document at a time: only where each record
    lies in the journal is held, so memory does not grow with the production's log."""
    produced, failed = _committed(journal)
    volume = out.resolve().name
    write_dat(out / DAT_NAME, (dat_row(r) for r in journal.read_at(produced)))
    write_opt(
        out / OPT_NAME, (page for r in journal.read_at(produced) for page in opt_for(r, volume))
    )
    _write_csv(
        out / LOG_NAME, LOG_FIELDS, (row for r in journal.read_at(produced) for row in log_rows(r))
    )
    _write_csv(
        out / ERRORS_NAME,
        ERROR_FIELDS,
        ({"DOCUMENT": f["source"], "REASON": f["reason"]} for f in failed),
    )
    write_atomic(out / README_NAME, README.encode("utf-8"))


def _committed(journal: Journal) -> tuple[list[int], list[dict[str, Any]]]:
    """Where each produced document's record is in the journal, in Bates order; and
    the failures not since produced from a changed file."""
    produced: dict[str, tuple[str, int, int]] = {}  # key -> (prefix, first, offset)
    sources: set[str] = set()
    failed: dict[str, dict[str, Any]] = {}
    for offset, r in journal.entries():
        if r["type"] == "produced":
            produced[r["key"]] = (r["prefix"], r["first"], offset)
            sources.add(r["source"])
        elif r["type"] == "failed":
            failed[r["key"]] = {"source": r["source"], "reason": r["reason"]}
    return [offset for *_, offset in sorted(produced.values())], [
        f for f in failed.values() if f["source"] not in sources
    ]


def _windows(rel: str) -> str:
    return rel.replace("/", "\\")


def dat_row(r: dict[str, Any]) -> dict[str, object]:
    return {
        "BEGBATES": bates_number(r["prefix"], r["first"], r["digits"]),
        "ENDBATES": bates_number(r["prefix"], r["last"], r["digits"]),
        "PAGECOUNT": r["last"] - r["first"] + 1,
        "FILENAME": r["filename"],
        "CONFIDENTIALITY": r["confidentiality"],
        "REDACTED": "Y" if r["log"] else "N",
        "TEXTLINK": _windows(r["text"]),
        "NATIVELINK": "",  # redacted documents are produced as images, never as natives
    }


def opt_for(r: dict[str, Any], volume: str) -> list[OptPage]:
    numbers = [bates_number(r["prefix"], n, r["digits"]) for n in range(r["first"], r["last"] + 1)]
    return opt_pages(numbers, volume, _windows(r["file"]))


def log_rows(r: dict[str, Any]) -> list[dict[str, object]]:
    begin = bates_number(r["prefix"], r["first"], r["digits"])
    rows = []
    for row in r["log"]:
        page = row.get("page")
        rows.append({
            "BATES": bates_number(r["prefix"], r["first"] + page - 1, r["digits"]) if page else "",
            "BEGBATES": begin, "PAGE": page or "", "LINE": row.get("line") or "", "ID": row.get("id", ""),
            "CATEGORY": row.get("category", ""), "ACTION": row.get("action", ""), "LABEL": row.get("label", ""),
            "REASON": row.get("reason", ""), "DETECTOR": row.get("detector", ""),
        })  # fmt: skip
    return rows


def _write_csv(path: Path, fields: tuple[str, ...], rows: Iterable[dict[str, object]]) -> None:
    """A CSV file (UTF-8 with a byte-order mark, CR LF), written a row at a time, whole or not at all."""
    with open_atomic_text(path, "utf-8-sig") as text:
        writer = csv.DictWriter(text, fieldnames=fields, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


README = f"""\
This folder is a document production made by redactor (redactor batch).

IMAGES/      one redacted, Bates-stamped PDF per document, named by its first Bates number
TEXT/        the text of each produced PDF, extracted from the produced PDF itself (never
             from the original); pages separated by a form feed; UTF-8 with a byte-order mark
{DAT_NAME:<12} Concordance DAT load file, one row per document, with a header row:
             BEGBATES, ENDBATES, PAGECOUNT, FILENAME, CONFIDENTIALITY, REDACTED, TEXTLINK,
             NATIVELINK. Field separator: ASCII 20 (DC4). Quote: ASCII 254 (thorn).
             Newline inside a field: ASCII 174 (registered sign). Rows end with CR LF.
             Encoding: {DAT_ENCODING.upper().replace("-SIG", "")} with a byte-order mark. Paths are relative to this folder.
             NATIVELINK is empty: redacted documents are produced as images, not natives.
{OPT_NAME:<12} Opticon OPT image load file, one line per page, no header:
             ImageKey,Volume,ImagePath,DocBreak,FolderBreak,BoxBreak,PageCount
             (Y in DocBreak on each document's first page, which also carries the page
             count). Encoding: {OPT_ENCODING.upper()} without a byte-order mark. Rows end with CR LF.
{LOG_NAME:<12} one row per redaction: Bates page, first Bates number of the document, page,
             pleading line, category, action, label, reason, detector. Never the value.
{ERRORS_NAME:<12} documents that could not be produced, with the reason. They have no Bates
             numbers and leave no gap in the numbering.
bates-registry.json   Bates ranges used in this folder, per prefix: a later volume
             produced here continues after them and no number is used twice.
journal.jsonl         what has been committed, so an interrupted run can be resumed by
             running the same command again.
"""
