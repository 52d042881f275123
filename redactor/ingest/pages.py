"""Ingest: one pass over a PDF into a Document detectors can read.

Per page: every character with its box, grouped into lines and words; the page
text detectors read, with a map from each character back to its box; images.
Pleading-paper line numbers, running headers and footers are recognised as
furniture: they are kept out of the body text (so they neither split a sentence
nor look like data) and read separately after it, so nothing in them is missed.
Pages with no text layer are OCR'd. Every other surface is read by
:mod:`redactor.ingest.surfaces`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pymupdf

from ..errors import BadInput
from ..model import Box, Document, ImageInfo, Line, Page, PageText, Word, union
from .damage import REMEDY, pages_qpdf_finds, reading
from .ocr import ocr_textpage
from .surfaces import revision_ends

MAX_BYTES = 1 << 30  # 1 GiB: larger files are refused, not half-read
MAX_PAGES = 20_000

TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


@dataclass
class _RawLine:
    chars: list[tuple[str, Box]]
    block: int
    ocr: bool

    @cached_property
    def bbox(self) -> Box:
        return union([b for _, b in self.chars])

    @cached_property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)

    @cached_property
    def words(self) -> list[tuple[str, Box]]:
        return _words(self)


def open_pdf(
    path: str, password: str | None = None, *, data: bytes | None = None
) -> tuple[pymupdf.Document, bytes]:
    """Open a PDF for reading, or raise BadInput with one line saying what to do.

    ``data``: the file's bytes when they come from elsewhere (standard input);
    ``path`` then only names them in messages.
    """
    if data is None:
        p = Path(path)
        if not p.exists():
            raise BadInput(path, "no such file", "check the path")
        if not p.is_file():
            raise BadInput(path, "is not a file", "give the path of a PDF file")
        try:
            size = p.stat().st_size
        except OSError as exc:
            raise _unreadable(path, exc) from None
    else:
        size = len(data)
    if size == 0:
        raise BadInput(path, "the file is empty", "get a complete copy of the PDF")
    if size > MAX_BYTES:
        raise BadInput(
            path,
            f"the file is {size >> 20} MB, over the 1024 MB limit",
            "split it into smaller PDFs",
        )
    try:
        raw = Path(path).read_bytes() if data is None else data
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if b"%PDF-" not in raw[:1024]:
        raise BadInput(path, "is not a PDF (no %PDF header)", "convert it to PDF first")
    try:
        pdf = pymupdf.open(stream=raw, filetype="pdf")
    except Exception:
        raise BadInput(
            path, "cannot be parsed as a PDF", "it is damaged; export it again from its source"
        ) from None
    try:
        return _checked(pdf, raw, path, password)
    except BaseException:
        pdf.close()
        raise


def _unreadable(path: str, exc: OSError) -> BadInput:
    return BadInput(
        path,
        f"cannot be read ({exc.strerror or type(exc).__name__})",
        "check that the file can be read",
    )


def _checked(
    pdf: pymupdf.Document, raw: bytes, path: str, password: str | None
) -> tuple[pymupdf.Document, bytes]:
    if pdf.needs_pass:
        if not password:
            raise BadInput(
                path,
                "is encrypted and needs a password",
                "give its password, or save an unencrypted copy",
                option="password",
            )
        if not pdf.authenticate(password):
            raise BadInput(
                path, "the password given does not open it", "check the password", option="password"
            )
    if not has_end_marker(raw):
        raise BadInput(
            path, "is truncated (no end-of-file marker)", "get a complete copy of the PDF"
        )
    with reading(path):
        pages = pdf.page_count  # MuPDF counts the page tree here: a damaged one raises
    if pages == 0:
        hidden = pages_qpdf_finds(raw, password)
        if hidden:
            there = "1 page is" if hidden == 1 else f"{hidden} pages are"
            raise BadInput(
                path, f"is damaged (its page list cannot be read, though {there} there)", REMEDY
            )
        raise BadInput(path, "has no pages", "check that this is the right file")
    if pages > MAX_PAGES:
        raise BadInput(
            path,
            f"has {pages} pages, over the {MAX_PAGES} limit",
            "split it into smaller PDFs",
        )
    return pdf, raw


# What may follow a file's last %%EOF: line ends, blanks, and the zero bytes some
# filing systems pad files with (a Second Circuit ACMS filing carries 23 KB of them).
_PADDING = b"\0\t\n\x0c\r "


def has_end_marker(raw: bytes) -> bool:
    """Whether the file ends with %%EOF, within 2 KB, once padding after it is set aside."""
    end = len(raw.rstrip(_PADDING))
    return b"%%EOF" in raw[max(0, end - 2048) : end + 1]


def load(
    path: str, password: str | None = None, ocr: bool = True, *, data: bytes | None = None
) -> Document:
    """Read a PDF into a Document. Raises BadInput for anything that is not a readable PDF.

    ``data``: the file's bytes, when they do not come from ``path`` (see :func:`open_pdf`).
    """
    pdf, raw = open_pdf(path, password, data=data)
    raw_pages = []
    for index in range(pdf.page_count):
        try:
            raw_pages.append(_read_page(pdf, index, ocr))
        except BadInput:
            raise
        except Exception:
            raise BadInput(
                path,
                f"page {index + 1} cannot be read",
                "it is damaged; export it again from its source",
            ) from None
    repeated = _repeated_band_lines(raw_pages)
    pages = [_build_page(rp, repeated) for rp in raw_pages]
    return Document(
        path=path,
        pages=pages,
        surfaces=[],
        metadata={k: v for k, v in (pdf.metadata or {}).items() if v},
        encrypted=is_encrypted(pdf),
        revisions=len(revision_ends(raw)) or 1,
        pdf=pdf,
        raw=raw,
    )


def is_encrypted(pdf: pymupdf.Document) -> bool:
    """Whether the file is encrypted. (Asking ``needs_pass`` after ``authenticate``
    breaks decryption in PyMuPDF 2.0, so look at the trailer instead.)"""
    return (
        bool((pdf.metadata or {}).get("encryption")) or pdf.xref_get_key(-1, "Encrypt")[0] != "null"
    )


@dataclass
class _RawPage:
    number: int
    width: float
    height: float
    rotation: int
    lines: list[_RawLine]
    images: list[ImageInfo]
    has_text_layer: bool
    ocr: bool
    scanned: bool


def _read_page(pdf: pymupdf.Document, index: int, ocr: bool) -> _RawPage:
    page = pdf[index]
    rect = page.rect
    # One run of the page gives where its images are and, when it has none, its text too.
    # Image blocks would split the text blocks around them, so a page with images has
    # its text read in a run of its own.
    textpage = page.get_textpage(flags=TEXT_FLAGS | pymupdf.TEXT_PRESERVE_IMAGES)
    images = [
        ImageInfo(bbox=tuple(info["bbox"]), width=info["width"], height=info["height"])
        for info in textpage.extractIMGINFO()
    ]
    page_area = max(rect.width * rect.height, 1.0)
    scanned = any(_area(_clip(i.bbox, rect)) >= 0.8 * page_area for i in images)

    raw = page.get_text("rawdict", flags=TEXT_FLAGS) if images else textpage.extractRAWDICT()
    lines = _lines_from(raw, ocr=False)
    has_text = any(c.strip() for ln in lines for c, _ in ln.chars)
    # A scanned exhibit filed through CM/ECF carries a line of live text (the court's header
    # stamp, a Bates number, "EXHIBIT B"): images cover the page, and its live text is only
    # such a stamp. Its words are in the pixels: they are read by OCR, the stamp kept.
    stamped_scan = (
        has_text and _image_coverage(images, rect) >= SCAN_COVERAGE and _only_stamps(lines, rect)
    )
    used_ocr = False
    if (not has_text or stamped_scan) and ocr and (images or page.get_drawings()):
        # full=False: only the images are read, the live text stays as it is
        textpage = ocr_textpage(page, TEXT_FLAGS, full=not has_text)
        lines = _lines_from(page.get_text("rawdict", flags=TEXT_FLAGS, textpage=textpage), ocr=True)
        used_ocr = True
        scanned = scanned or bool(images)
    return _RawPage(
        index + 1,
        rect.width,
        rect.height,
        page.rotation,
        lines,
        images,
        has_text,
        used_ocr,
        scanned,
    )


SCAN_COVERAGE = 0.6  # images over this share of the page, with only a stamp of live text: a scan
STAMP_CHARS = 200  # at most this many live characters outside the header and footer bands
_OCR_FONT = "GlyphLessFont"  # the font OCR writes its invisible words in


def _image_coverage(images: list[ImageInfo], rect: pymupdf.Rect) -> float:
    """The share of the page that images cover (their union, measured on a coarse grid)."""
    if not images:
        return 0.0
    boxes = [_clip(i.bbox, rect) for i in images]
    if len(boxes) == 1:
        return _area(boxes[0]) / max(rect.width * rect.height, 1.0)
    n, covered = 40, 0
    for gy in range(n):
        y = rect.y0 + (gy + 0.5) * rect.height / n
        for gx in range(n):
            x = rect.x0 + (gx + 0.5) * rect.width / n
            covered += any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
    return covered / (n * n)


def _only_stamps(lines: list[_RawLine], rect: pymupdf.Rect) -> bool:
    """Whether a page's live text is only a stamp, a header, a footer or a small overlay:
    a few characters in the body, whatever stands in the top and bottom bands."""
    body = sum(
        sum(1 for c, _ in ln.chars if c.strip()) for ln in lines if not _band(ln, rect.height)
    )
    return body <= STAMP_CHARS


def _lines_from(raw: dict, *, ocr: bool) -> list[_RawLine]:
    """The lines of a rawdict; with ``ocr``, a line is OCR's only when OCR wrote it (a live
    stamp read in the same pass keeps its own)."""
    out = []
    for block_no, block in enumerate(raw.get("blocks", [])):
        if block.get("type") != 0:
            continue
        for line in block.get("lines", []):
            chars = []
            spans = line.get("spans", [])
            by_ocr = ocr and all(sp.get("font") == _OCR_FONT for sp in spans)
            for span in spans:
                for ch in span.get("chars", []):
                    c = ch["c"]
                    if c in "\ufffd\x00":
                        continue
                    chars.append((" " if c.isspace() else c, tuple(ch["bbox"])))
            if any(c.strip() for c, _ in chars):
                out.append(_RawLine(chars, block_no, by_ocr))
    return out


_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:of\s+\d{1,4})?\s*$", re.I
)


def _band(line: _RawLine, height: float) -> bool:
    y0, y1 = line.bbox[1], line.bbox[3]
    return y1 < 0.085 * height or y0 > 0.9 * height


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def _repeated_band_lines(pages: list[_RawPage]) -> set[str]:
    """Shapes of header/footer lines that recur on more than one page."""
    counts: Counter[str] = Counter()
    for p in pages:
        counts.update({_shape(ln.text) for ln in p.lines if _band(ln, p.height)})
    return {s for s, n in counts.items() if n >= 2}


def _pleading_numbers(page: _RawPage) -> dict[tuple[int, int], int]:
    """Find the pleading-paper line numbers in the left margin: (line, word) -> number.

    A margin column of small integers that count up as they go down the page.
    """
    found: list[tuple[float, int, tuple[int, int]]] = []
    for li, ln in enumerate(page.lines):
        for wi, (text, box) in enumerate(ln.words):
            if box[2] > 0.16 * page.width or not text.isdigit() or len(text) > 2:
                continue
            n = int(text)
            if 1 <= n <= 40:
                found.append(((box[1] + box[3]) / 2, n, (li, wi)))
    found.sort()
    # The longest chain that counts up by one as y grows, stepping over stray
    # numbers that are not part of it (a "3" opening a line of text near the margin).
    chains: dict[int, list[tuple[float, int, tuple[int, int]]]] = {}
    for item in found:
        before = chains.get(item[1] - 1, [])
        if before and before[-1][0] >= item[0]:
            before = []
        if len(before) + 1 > len(chains.get(item[1], [])):
            chains[item[1]] = before + [item]
    best = max(chains.values(), key=len, default=[])
    if len(best) < 8:
        return {}
    return {key: n for _, n, key in best}


def _words(line: _RawLine) -> list[tuple[str, Box]]:
    words, cur, boxes = [], [], []
    for c, box in line.chars + [(" ", (0, 0, 0, 0))]:
        if c.isspace():
            if cur:
                words.append(("".join(cur), union(boxes)))
                cur, boxes = [], []
        else:
            cur.append(c)
            boxes.append(box)
    return words


def _build_page(rp: _RawPage, repeated: set[str]) -> Page:
    numbers = _pleading_numbers(rp)
    margin_y = {}  # pleading number -> y centre
    dropped: dict[int, set[int]] = {}
    for (li, wi), n in numbers.items():
        box = rp.lines[li].words[wi][1]
        margin_y[n] = (box[1] + box[3]) / 2
        dropped.setdefault(li, set()).add(wi)
    spacing = _median_gap(sorted(margin_y.values()))

    lines: list[Line] = []
    words: list[Word] = []
    body: list[int] = []
    furniture: list[int] = []
    kept_chars: list[list[tuple[str, Box]]] = []
    for li, ln in enumerate(rp.lines):
        drop = dropped.get(li)
        chars = _without_words(ln, drop) if drop else ln.chars
        if not any(c.strip() for c, _ in chars):
            lines.append(Line(bbox=ln.bbox, block=ln.block, pleading_line=None, furniture=True))
            kept_chars.append([])
            continue
        box = union([b for c, b in chars if c.strip()])
        text = "".join(c for c, _ in chars)
        is_furniture = _band(ln, rp.height) and (
            _shape(text) in repeated or bool(_PAGE_NUMBER.match(text))
        )
        if margin_y and not is_furniture:
            below_last = box[1] > max(margin_y.values()) + spacing
            above_first = box[3] < min(margin_y.values()) - spacing
            is_furniture = (below_last or above_first) and _band(ln, rp.height)
        pleading = _nearest(margin_y, (box[1] + box[3]) / 2, spacing) if margin_y else None
        lines.append(Line(bbox=box, block=ln.block, pleading_line=pleading, furniture=is_furniture))
        kept_chars.append(chars)
        (furniture if is_furniture else body).append(li)
        for w, wbox in _RawLine(chars, ln.block, ln.ocr).words if drop else ln.words:
            words.append(Word(text=w, bbox=wbox, line=li, ocr=ln.ocr))

    out_chars: list[str] = []
    out_boxes: list[Box | None] = []
    out_lines: list[int] = []
    body_end = -1
    for group in (body, furniture):
        if group is furniture:
            body_end = len(out_chars)
        prev: Line | None = None
        for li in group:
            if out_chars:
                sep = "\n" if prev is not None and _same_flow(prev, lines[li]) else "\n\n"
                out_chars.extend(sep)
                out_boxes.extend([None] * len(sep))
                out_lines.extend([-1] * len(sep))
            for c, box in _trim(kept_chars[li]):
                out_chars.append(c)
                out_boxes.append(box)
                out_lines.append(li)
            prev = lines[li]
    text = PageText(
        text="".join(out_chars), char_boxes=out_boxes, char_lines=out_lines, body_end=body_end
    )
    return Page(
        number=rp.number,
        width=rp.width,
        height=rp.height,
        rotation=rp.rotation,
        words=words,
        lines=lines,
        text=text,
        images=rp.images,
        has_text_layer=rp.has_text_layer,
        ocr=rp.ocr,
        scanned=rp.scanned,
        read_chars=sum(len(c) for ln in rp.lines for c, _ in ln.chars if not c.isspace()),
    )


def _same_flow(a: Line, b: Line) -> bool:
    """Whether line ``b`` continues the paragraph of line ``a``: the same block, or
    (for producers that write every line as a block of its own) the next line down
    in the same column, no more than a blank line's height below."""
    if a.block == b.block:
        return True
    height = max(a.bbox[3] - a.bbox[1], 1.0)
    gap = b.bbox[1] - a.bbox[3]
    overlap = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
    return -0.3 * height <= gap <= 1.3 * height and overlap > 0.5 * min(
        a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0]
    )


def _trim(chars: list[tuple[str, Box]]) -> list[tuple[str, Box]]:
    """Strip leading and trailing blanks and collapse runs of blanks to one."""
    out: list[tuple[str, Box]] = []
    for c, box in chars:
        if c == " " and (not out or out[-1][0] == " "):
            continue
        out.append((c, box))
    while out and out[-1][0] == " ":
        out.pop()
    return out


def _without_words(line: _RawLine, drop: set[int]) -> list[tuple[str, Box]]:
    out, wi, in_word = [], -1, False
    for c, box in line.chars:
        if c.isspace():
            in_word = False
            out.append((c, box))
            continue
        if not in_word:
            wi += 1
            in_word = True
        if wi not in drop:
            out.append((c, box))
    return out


def _nearest(margin_y: dict[int, float], y: float, spacing: float) -> int | None:
    n, d = min(((n, abs(my - y)) for n, my in margin_y.items()), key=lambda t: t[1])
    return n if d <= max(spacing * 0.6, 4.0) else None


def _median_gap(ys: list[float]) -> float:
    gaps = sorted(b - a for a, b in zip(ys, ys[1:], strict=False))
    return gaps[len(gaps) // 2] if gaps else 24.0


def _area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _clip(b: Box, rect: pymupdf.Rect) -> Box:
    return (max(b[0], rect.x0), max(b[1], rect.y0), min(b[2], rect.x1), min(b[3], rect.y1))
