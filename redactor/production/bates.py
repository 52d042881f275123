"""Bates numbers: what they look like, which ones are used, and the stamp on the page.

A Bates number is a prefix and a zero-padded page counter (``ABC00000001``), one
per page, in order across a whole production. The stamp sits in a band at the
bottom of every page: the number bottom right, the legend (``CONFIDENTIAL``)
bottom left. The band never covers content: a page whose content reaches into
it is shrunk into the space above it first.

The :class:`BatesRegistry` records, per prefix, every range a production in the
output folder has used, so a second volume goes on where the first stopped and
no number is ever given twice.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from ..errors import RedactorError
from ..files import write_atomic
from ..render import Finished
from ..render.burn import label_font

BAND = 36.0  # points reserved at the bottom of each page (half an inch)
MARGIN = 36.0  # left and right margin of the stamp
FONT_SIZE = 9.0
BASELINE = 14.0  # stamp baseline above the page's bottom edge
TEXT_ROOM = 0.5  # share of a text run's height taken as room above and below it
BACKGROUND_SHARE = 0.9  # a path covering this share of the page is a background, not content
REGISTRY_FORMAT = "redactor-bates-registry/1"
_PREFIX = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,19}")


class BatesError(RedactorError):
    """A Bates prefix, start or range that cannot be used (exit code 2)."""

    code = "E010"


@dataclass(frozen=True)
class BatesRange:
    """The numbers one document (or one run) holds: ``first`` to ``last`` inclusive."""

    prefix: str
    first: int
    last: int
    digits: int = 8

    @property
    def pages(self) -> int:
        return self.last - self.first + 1

    @property
    def begin(self) -> str:
        return bates_number(self.prefix, self.first, self.digits)

    @property
    def end(self) -> str:
        return bates_number(self.prefix, self.last, self.digits)

    def numbers(self) -> list[str]:
        return [bates_number(self.prefix, n, self.digits) for n in range(self.first, self.last + 1)]


def check_prefix(prefix: str) -> str:
    """The prefix, if it can be part of a file name and a load file; else BatesError."""
    if not _PREFIX.fullmatch(prefix or ""):
        raise BatesError(
            f"Bates prefix {prefix!r} is not usable: use 1-20 letters, digits, '_', '-' or '.', "
            "starting with a letter or digit (for example ABC or SMITH-)"
        )
    return prefix


def bates_number(prefix: str, n: int, digits: int = 8) -> str:
    """``ABC`` and 1 give ``ABC00000001``. A number too long for ``digits`` is an error."""
    if n < 1:
        raise BatesError(f"Bates numbers start at 1, not {n}")
    if n >= 10**digits:
        raise BatesError(
            f"Bates number {n} does not fit in {digits} digits; give the counter more digits",
            option="digits",
        )
    return f"{prefix}{n:0{digits}d}"


def parse_bates(text: str, prefix: str, digits: int = 8) -> int | None:
    """The counter of a Bates number of this prefix found in ``text``, or None."""
    m = re.search(rf"(?<![A-Za-z0-9]){re.escape(prefix)}(\d{{{digits}}})(?!\d)", text)
    return int(m.group(1)) if m else None


# -- the registry -----------------------------------------------------------------------


class BatesRegistry:
    """Used ranges per prefix, kept as JSON in the output folder and rewritten atomically.

    ``{"format": ..., "prefixes": {"ABC": [{"first": 1, "last": 120, "run": "..."}]}}``
    """

    def __init__(self, path: str | os.PathLike, ranges: dict[str, list[dict]] | None = None):
        self.path = Path(path)
        self.ranges: dict[str, list[dict]] = ranges or {}

    @classmethod
    def load(cls, path: str | os.PathLike) -> BatesRegistry:
        p = Path(path)
        if not p.exists():
            return cls(p)
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
            prefixes = raw["prefixes"]
            ranges = {
                k: [
                    {"first": int(r["first"]), "last": int(r["last"]), "run": str(r.get("run", ""))}
                    for r in v
                ]
                for k, v in prefixes.items()
            }
        except (OSError, ValueError, KeyError, TypeError):
            raise BatesError(
                f"{p}: the Bates registry cannot be read; restore it from a backup (numbers could repeat without it)"
            ) from None
        return cls(p, ranges)

    def used(self, prefix: str) -> list[tuple[int, int]]:
        return sorted((r["first"], r["last"]) for r in self.ranges.get(prefix, []))

    def next_number(self, prefix: str) -> int:
        """The number after the highest one used with this prefix (1 for a new prefix)."""
        return max((last for _, last in self.used(prefix)), default=0) + 1

    def overlap(self, prefix: str, first: int, last: int) -> tuple[int, int] | None:
        """A used range that meets ``first..last``, if any."""
        for a, b in self.used(prefix):
            if a <= last and first <= b:
                return a, b
        return None

    def record(self, prefix: str, run: str, first: int, last: int) -> None:
        """Extend this run's range to ``first..last`` (a run's numbers are contiguous) and save."""
        self.cover(prefix, run, first, last)
        self.save()

    def cover(self, prefix: str, run: str, first: int, last: int) -> bool:
        """Extend this run's range to hold ``first..last``, without saving; True if it changed."""
        runs = self.ranges.setdefault(prefix, [])
        for r in runs:
            if r["run"] == run:
                grown = (min(r["first"], first), max(r["last"], last))
                if grown == (r["first"], r["last"]):
                    return False
                r["first"], r["last"] = grown
                return True
        runs.append({"first": first, "last": last, "run": run})
        return True

    def save(self) -> None:
        body = {"format": REGISTRY_FORMAT, "prefixes": self.ranges}
        write_atomic(self.path, (json.dumps(body, indent=2, sort_keys=True) + "\n").encode("utf-8"))


# -- the stamp --------------------------------------------------------------------------


def band_rect(page: pymupdf.Page, band: float = BAND, above: float = 0.0) -> pymupdf.Rect:
    """The band at the bottom of the page as the reader sees it (and ``above`` points more)."""
    rect = page.rect
    return pymupdf.Rect(rect.x0, rect.y1 - band - above, rect.x1, rect.y1)


def content_reaches_band(page: pymupdf.Page, band: float = BAND) -> bool:
    """Whether anything drawn on the page (text, image, line art) reaches the bottom band.

    A path covering nearly the whole page is a background fill and does not count.
    Text is taken with room to spare above and below its glyphs (half its height
    each way): the word boxes :func:`stamp_problem` reads reach further than the
    glyphs, and a page that only comes close is better shrunk than refused.
    """
    rect = page.rect
    top = rect.y1 - band
    page_area = rect.width * rect.height
    for kind, bbox in page.get_bboxlog():
        r = pymupdf.Rect(bbox)
        if kind.endswith("-text"):
            r.y0, r.y1 = r.y0 - r.height * TEXT_ROOM, r.y1 + r.height * TEXT_ROOM
        if r.is_empty or r.y1 <= top or r.y0 >= rect.y1 or r.x1 <= rect.x0 or r.x0 >= rect.x1:
            continue
        if kind.endswith("-path") and r.width * r.height >= BACKGROUND_SHARE * page_area:
            continue
        return True
    return False


class StampError(RedactorError):
    """A stamped page's band shows something besides the stamp, or the number does not read back."""

    code = "E012"


def stamp_document(
    src: pymupdf.Document,
    numbers: list[str],
    legend: str | None,
    band: float = BAND,
    moved: dict[int, tuple[float, ...]] | None = None,
) -> pymupdf.Document:
    """A new document: each page of ``src`` with its Bates number and the legend in the band, checked.

    Pages whose content reaches the band (or that are rotated) are redrawn onto a
    fresh page of the same size, scaled to fit above the band, so nothing of
    theirs can reach it; other pages are copied and stamped as they are, and
    their band is read back (:func:`stamp_problem`): StampError if it shows
    anything but the stamp. ``src`` is not changed. The stamp writes nothing
    outside the band; what the rest of the page shows is read by verification,
    which reads the stamped file. ``moved``, when given, receives for each redrawn
    page (0-based) the transform from its old default user space to the new page's.
    """
    if len(numbers) != src.page_count:
        raise ValueError(f"{len(numbers)} Bates numbers for {src.page_count} pages")
    out = pymupdf.open()
    try:
        for index, number in enumerate(numbers):
            page = src[index]
            shrink = bool(page.rotation) or content_reaches_band(page, band)
            if shrink:
                width, height = page.rect.width, page.rect.height
                new = out.new_page(width=width, height=height)
                target = pymupdf.Rect(0, 0, width, height - band)
                new.show_pdf_page(target, src, index, keep_proportion=True)
                if moved is not None:
                    moved[index] = tuple(_shown_at(page, target) * ~new.transformation_matrix)
            else:
                out.insert_pdf(src, from_page=index, to_page=index, annots=False, links=False)
                new = out[-1]
            _write_stamp(new, number, legend)
            problem = None if shrink else stamp_problem(new, number, legend)
            if problem:
                raise StampError(
                    f"Bates stamp check failed on page {index + 1}: {problem}; "
                    "nothing was produced for this document"
                )
    except BaseException:
        out.close()
        raise
    return out


def stamp(
    pdf: pymupdf.Document, numbers: list[str], legend: str | None, band: float = BAND
) -> Finished:
    """``pdf`` with its Bates numbers and legend stamped: the same document, changed in place,
    or (when a page is rotated) a new one from :func:`stamp_document`; with the transform
    of each page whose content was shrunk above the band, for verification.

    In place, a page whose content reaches the band is shrunk into the space above
    it (its content drawn through a scaling matrix, centred, top edge kept) and
    so cannot reach it; any other page's band is read back after the stamp
    (:func:`stamp_problem`): StampError if it shows anything but the stamp.
    Links are dropped, as a copied page drops them.
    """
    if len(numbers) != pdf.page_count:
        raise ValueError(f"{len(numbers)} Bates numbers for {pdf.page_count} pages")
    moved: dict[int, tuple[float, ...]] = {}
    if any(page.rotation for page in pdf):
        return Finished(stamp_document(pdf, numbers, legend, band, moved), moved)
    for index, number in enumerate(numbers):
        page = pdf[index]
        for link in page.get_links():
            page.delete_link(link)
        shrink = content_reaches_band(page, band)
        if shrink:
            moved[index] = tuple(_shrink_above_band(page, band))
        _write_stamp(page, number, legend)
        problem = None if shrink else stamp_problem(page, number, legend)
        if problem:
            raise StampError(
                f"Bates stamp check failed on page {index + 1}: {problem}; "
                "nothing was produced for this document"
            )
    return Finished(pdf, moved)


def _shown_at(page: pymupdf.Page, target: pymupdf.Rect) -> pymupdf.Matrix:
    """Where ``show_pdf_page`` draws ``page`` into ``target`` (kept in proportion, centred on the
    page's shown rectangle, its content not turned): the transform from the page's default
    user space to the target page's coordinates."""
    shown = page.rect
    centre = pymupdf.Matrix(1, 0, 0, 1, -(shown.x0 + shown.x1) / 2, -(shown.y0 + shown.y1) / 2)
    scale = min(target.width / shown.width, target.height / shown.height)
    to_target = (
        centre
        * pymupdf.Matrix(scale, scale)
        * pymupdf.Matrix(1, 0, 0, 1, (target.x0 + target.x1) / 2, (target.y0 + target.y1) / 2)
    )
    return page.transformation_matrix * to_target


def _shrink_above_band(page: pymupdf.Page, band: float) -> pymupdf.Matrix:
    """Draw the page's content scaled into the area above the band, centred, top edge kept.

    The content streams become one new one: ``q <matrix> cm <visible area> re W n ... Q``
    (clipped to what the page showed, as a copy of the page would be). The matrix is made in
    page coordinates and carried into PDF coordinates with the page's own
    transformation, so crop boxes that do not start at the origin work too.
    """
    doc = page.parent
    width, height = page.rect.width, page.rect.height
    scale = (height - band) / height
    fit = pymupdf.Matrix(scale, 0, 0, scale, (width - scale * width) / 2, 0)
    to_page = page.transformation_matrix
    cm = to_page * fit * ~to_page
    visible = page.rect * ~to_page  # what was shown: nothing outside it comes into view
    head = "q {} {} {} {} {} {} cm {} {} {} {} re W n\n".format(
        *(
            f"{v:.6f}".rstrip("0").rstrip(".")
            for v in (*cm, visible.x0, visible.y0, visible.width, visible.height)
        )
    ).encode()
    xref = doc.get_new_xref()  # a stream of its own: another page may share the old ones
    doc.update_object(xref, "<<>>")
    doc.update_stream(
        xref, head + page.read_contents() + b"\nQ\n", compress=False
    )  # compressed when saved
    doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")
    return cm


def _write_stamp(page: pymupdf.Page, number: str, legend: str | None) -> None:
    """The legend bottom left and the number bottom right, in black, in one piece of text.

    Written in the labels' font (:func:`~redactor.render.burn.label_font`), embedded,
    as e-filing systems want every font to be; a document with redaction labels
    carries the font once for both.
    """
    rect = page.rect
    y = rect.y1 - BASELINE
    font = label_font()
    width = font.text_length(number, fontsize=FONT_SIZE)
    writer = pymupdf.TextWriter(rect)
    if legend:
        room = rect.width - 2 * MARGIN - width - 12
        size = FONT_SIZE
        while font.text_length(legend, fontsize=size) > room and size > 4:
            size -= 0.5
        writer.append((rect.x0 + MARGIN, y), legend, font=font, fontsize=size)
    writer.append((rect.x1 - MARGIN - width, y), number, font=font, fontsize=FONT_SIZE)
    writer.write_text(page, color=(0, 0, 0))


def stamp_words(number: str, legend: str | None) -> Counter:
    """The words the stamp adds to a page."""
    return Counter((number + " " + (legend or "")).split())


def check_stamp(doc: pymupdf.Document, numbers: list[str], legend: str | None) -> str | None:
    """What is wrong with a stamped document, or None (see :func:`stamp_problem`)."""
    if doc.page_count != len(numbers):
        return f"{doc.page_count} pages for {len(numbers)} Bates numbers"
    for index, number in enumerate(numbers):
        problem = stamp_problem(doc[index], number, legend)
        if problem:
            return f"page {index + 1}: {problem}"
    return None


def stamp_problem(page: pymupdf.Page, number: str, legend: str | None) -> str | None:
    """What is wrong with one stamped page's band, or None.

    The band must show the stamp and nothing else: its Bates number reads back
    from the band, and no other word reaches into it.
    """
    words = page.get_text("words", clip=band_rect(page, above=1.0))
    top = page.rect.y1 - BAND
    band_text = " ".join(w[4] for w in words if w[1] >= top - 0.5)
    if number not in band_text.split():
        return "the Bates number does not read back from the band"
    stray = Counter(w[4] for w in words if w[3] > top + 0.5) - stamp_words(number, legend)
    if stray:
        return "page content lies in the Bates band"
    return None
