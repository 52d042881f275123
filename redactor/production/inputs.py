"""The inputs of a production: which files, in which order, how many pages each.

Every PDF and scanned image (TIFF, PNG, JPEG) under IN_DIR, recursively, in the
order of their paths relative to IN_DIR (compared as text, the same on every
machine), or in the order a list file gives. Hidden files and folders, and the
output folder if it lies inside IN_DIR, are left out. Other files are counted
as ignored. Counting pages opens each file once: a file that cannot be opened
is known to fail before any work is spread.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInput, RedactorError
from ..ingest import open_pdf
from .images import image_page_count, is_image, is_input
from .journal import document_key


@dataclass
class Item:
    path: Path  # absolute
    rel: str  # as the production names it: relative to IN_DIR, with forward slashes
    key: str  # document_key(): its path and content
    pages: int = 0
    error: str = ""  # why it cannot be produced, found while counting its pages


def list_inputs(
    in_dir: str, out_dir: Path, order_file: str | None = None
) -> tuple[list[Item], int]:
    """The inputs in production order, and how many other files were ignored."""
    root = Path(in_dir)
    if not root.is_dir():
        raise BadInput(
            in_dir, "is not a folder", "give the folder that holds the documents to produce"
        )
    out = out_dir.resolve()
    if out == root.resolve():
        raise BadInput(str(out_dir), "is the input folder", "choose a separate output folder")
    if order_file:
        paths, ignored = _from_list(root, Path(order_file)), 0
    else:
        paths, ignored = _walk(root, out)
    return [_item(p, root) for p in paths], ignored


def _item(path: Path, root: Path) -> Item:
    """The input at ``path``; one that cannot be read is listed with the reason, to fail alone."""
    try:
        return Item(path, _rel(path, root), document_key(path))
    except OSError as exc:
        unreadable = hashlib.sha256(f"{path.absolute()}\0{exc.errno}".encode()).hexdigest()
        reason = f"cannot be read ({exc.strerror or type(exc).__name__}); check that it can be read"
        return Item(path, _rel(path, root), unreadable, error=reason)


def _walk(root: Path, out: Path) -> tuple[list[Path], int]:
    found: list[Path] = []
    ignored = 0
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".") and (here / d).resolve() != out]
        for name in files:
            if name.startswith("."):
                continue
            if is_input(name):
                found.append(here / name)
            else:
                ignored += 1
    found.sort(key=lambda p: p.relative_to(root).as_posix())
    return found, ignored


def _from_list(root: Path, listing: Path) -> list[Path]:
    """Paths from a list file: one a line, relative to IN_DIR or absolute; '#' starts a comment."""
    try:
        lines = listing.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        raise BadInput(
            str(listing), "the order list cannot be read", "give a UTF-8 text file, one path a line"
        ) from None
    paths: list[Path] = []
    seen: dict[Path, int] = {}
    for number, line in enumerate(lines, start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        path = Path(entry) if Path(entry).is_absolute() else root / entry
        where = f"{listing}: line {number}"
        if not path.is_file():
            raise BadInput(where, "names a file that does not exist", "fix the list or the path")
        if not is_input(path):
            raise BadInput(
                where,
                "names a file that is neither a PDF nor a TIFF, PNG or JPEG image",
                "convert it first or take it off the list",
            )
        resolved = path.resolve()
        if resolved in seen:
            raise BadInput(where, f"repeats line {seen[resolved]}", "list each document once")
        seen[resolved] = number
        paths.append(path)
    if not paths:
        raise BadInput(str(listing), "lists no documents", "give one path a line")
    return paths


def _rel(path: Path, root: Path) -> str:
    for inside, top in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return inside.relative_to(top).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def survey(items: list[Item]) -> list[Item]:
    """Count the pages of each item; an item that cannot be opened gets its reason instead."""
    for item in items:
        if item.error:
            continue
        try:
            item.pages = page_count(item.path)
        except RedactorError as exc:
            from .worker import failure_reason

            item.error = failure_reason(exc, str(item.path))
    return items


def page_count(path: Path) -> int:
    if is_image(path):
        return image_page_count(path)
    pdf, _ = open_pdf(str(path))
    try:
        return pdf.page_count
    finally:
        pdf.close()
