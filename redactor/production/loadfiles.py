"""Load files a review platform reads a production with: Concordance DAT and Opticon OPT.

**Concordance DAT** (one row a document, a header row first): every field is
quoted with ``þ`` (U+00FE, "thorn", 254 in Latin-1) and fields are separated by
U+0014 (ASCII 20, DC4); a newline inside a field is written as ``®`` (U+00AE,
174 in Latin-1); rows end with CR LF. Encoding: UTF-8 with a byte-order mark (so
Windows tools detect it). The quote and separator characters cannot be escaped
in this format, so a value holding one is refused, and a literal ``®`` is written
as ``(R)`` so that reading the file back gives exactly what was meant.

**Opticon OPT** (one line a page, no header): ``ImageKey,Volume,ImagePath,
DocBreak,FolderBreak,BoxBreak,PageCount``: the page's Bates number, the volume
name, the path of the image file holding the page (relative, Windows-style),
``Y`` on the first page of each document (empty otherwise), two more break flags
left empty, and the document's page count on its first page only. Commas cannot
be quoted in this format and are refused. Encoding: UTF-8 without a byte-order
mark (the file is ASCII when prefixes and paths are). Rows end with CR LF.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..files import open_atomic_text

DAT_FIELDS = (
    "BEGBATES", "ENDBATES", "PAGECOUNT", "FILENAME", "CONFIDENTIALITY", "REDACTED", "TEXTLINK", "NATIVELINK",
)  # fmt: skip
SEPARATOR = "\x14"  # ASCII 20
QUOTE = "\u00fe"  # þ, ASCII 254
NEWLINE = "\u00ae"  # ®, ASCII 174
DAT_ENCODING = "utf-8-sig"
OPT_ENCODING = "utf-8"
EOL = "\r\n"


class LoadFileError(ValueError):
    """A load file that does not follow its format, or a value it cannot hold."""


# -- Concordance DAT --------------------------------------------------------------------


def dat_field(value: object) -> str:
    """One DAT field, quoted: newlines become ``®``."""
    text = "" if value is None else str(value)
    if QUOTE in text or SEPARATOR in text:
        raise LoadFileError(
            "a DAT value cannot hold the quote (þ) or separator (ASCII 20) character"
        )
    text = (
        text.replace(NEWLINE, "(R)")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", NEWLINE)
    )
    return f"{QUOTE}{text}{QUOTE}"


def dat_lines(
    rows: Iterable[dict[str, object]], fields: tuple[str, ...] = DAT_FIELDS
) -> Iterator[str]:
    """The DAT file a line at a time (each ending CR LF): the header row, then one row per document."""
    yield SEPARATOR.join(dat_field(f) for f in fields) + EOL
    for row in rows:
        unknown = set(row) - set(fields)
        if unknown:
            raise LoadFileError(
                f"DAT row has fields not in the header: {', '.join(sorted(unknown))}"
            )
        yield SEPARATOR.join(dat_field(row.get(f, "")) for f in fields) + EOL


def dat_text(rows: Iterable[dict[str, object]], fields: tuple[str, ...] = DAT_FIELDS) -> str:
    """The whole DAT file as text."""
    return "".join(dat_lines(rows, fields))


def write_dat(
    path: str | os.PathLike, rows: Iterable[dict[str, object]], fields: tuple[str, ...] = DAT_FIELDS
) -> None:
    """Write the DAT file whole or not at all, a row at a time (rows may be a generator)."""
    _write_lines(path, dat_lines(rows, fields), DAT_ENCODING)


def _write_lines(path: str | os.PathLike, lines: Iterator[str], encoding: str) -> None:
    """Write ``lines`` whole or not at all; a line that cannot be made (LoadFileError) leaves no file.

    The first line is made before the file is opened: a file whose first row is
    refused is never started.
    """
    first = next(lines, "")
    with open_atomic_text(path, encoding) as text:
        text.write(first)
        text.writelines(lines)


def read_dat(path: str | os.PathLike) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a DAT file, each row a dict by field name."""
    with open(path, "rb") as fh:
        raw = fh.read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        raise LoadFileError(f"{path}: no UTF-8 byte-order mark")
    text = raw.decode(DAT_ENCODING)
    if not text.endswith(EOL):
        raise LoadFileError(f"{path}: the last row does not end with CR LF")
    lines = text[: -len(EOL)].split(EOL)
    header = _dat_row(lines[0], 1)
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        values = _dat_row(line, number)
        if len(values) != len(header):
            raise LoadFileError(
                f"{path}: row {number} has {len(values)} fields, the header {len(header)}"
            )
        rows.append(dict(zip(header, values, strict=True)))
    return header, rows


def _dat_row(line: str, number: int) -> list[str]:
    values = []
    for field in line.split(SEPARATOR):
        if len(field) < 2 or field[0] != QUOTE or field[-1] != QUOTE or QUOTE in field[1:-1]:
            raise LoadFileError(f"row {number}: a field is not quoted with þ")
        values.append(field[1:-1].replace(NEWLINE, "\n"))
    return values


# -- Opticon OPT ------------------------------------------------------------------------


@dataclass(frozen=True)
class OptPage:
    image_key: str  # the page's Bates number
    volume: str
    image_path: str
    doc_break: bool  # the first page of a document
    folder_break: bool = False
    box_break: bool = False
    page_count: int | None = None  # on a document's first page only


def opt_pages(begbates_numbers: list[str], volume: str, image_path: str) -> list[OptPage]:
    """The OPT lines of one document: one a page, the first with the break and the count."""
    return [
        OptPage(
            key,
            volume,
            image_path,
            doc_break=(i == 0),
            page_count=len(begbates_numbers) if i == 0 else None,
        )
        for i, key in enumerate(begbates_numbers)
    ]


def opt_lines(pages: Iterable[OptPage]) -> Iterator[str]:
    """The OPT file a line at a time (each ending CR LF)."""
    for p in pages:
        for value in (p.image_key, p.volume, p.image_path):
            if "," in value or "\n" in value or "\r" in value:
                raise LoadFileError("an OPT value cannot hold a comma or a line break")
        flags = ["Y" if flag else "" for flag in (p.doc_break, p.folder_break, p.box_break)]
        count = "" if p.page_count is None else str(p.page_count)
        yield ",".join([p.image_key, p.volume, p.image_path, *flags, count]) + EOL


def opt_text(pages: Iterable[OptPage]) -> str:
    return "".join(opt_lines(pages))


def write_opt(path: str | os.PathLike, pages: Iterable[OptPage]) -> None:
    """Write the OPT file whole or not at all, a line at a time (pages may be a generator)."""
    _write_lines(path, opt_lines(pages), OPT_ENCODING)


def read_opt(path: str | os.PathLike) -> list[OptPage]:
    with open(path, "rb") as fh:
        raw = fh.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise LoadFileError(f"{path}: an OPT file has no byte-order mark")
    text = raw.decode(OPT_ENCODING)
    if text and not text.endswith(EOL):
        raise LoadFileError(f"{path}: the last line does not end with CR LF")
    pages = []
    for number, line in enumerate(text.split(EOL)[:-1], start=1):
        parts = line.split(",")
        if len(parts) != 7:
            raise LoadFileError(f"{path}: line {number} has {len(parts)} fields, not 7")
        key, volume, image, doc, folder, box, count = parts
        for flag in (doc, folder, box):
            if flag not in ("", "Y"):
                raise LoadFileError(f"{path}: line {number}: a break flag is 'Y' or empty")
        if count and not count.isdigit():
            raise LoadFileError(f"{path}: line {number}: the page count is not a number")
        if not key:
            raise LoadFileError(f"{path}: line {number}: no image key")
        pages.append(
            OptPage(
                key,
                volume,
                image,
                doc == "Y",
                folder == "Y",
                box == "Y",
                int(count) if count else None,
            )
        )
    return pages
