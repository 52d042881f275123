"""PDFs made to break a PDF tool: bombs, loops, 5,000 pages, deep nesting, encryption,
truncation, garbage, odd sizes. Made at test time (never committed), by
:func:`make_all` for ``bench/peer_suite.py`` and one by one for the tests.

Each maker writes one file into a folder and returns its path. The text on the
pages is an ordinary letter with one Social Security number in it, so a file that
can be read has something to redact.
"""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pymupdf

LETTER = (
    "Dear Counsel,\n"
    "Please find enclosed the plaintiff's disclosures. The SSN on the\n"
    "enclosed form is 512-44-8790; it must not be filed in the open.\n"
    "Sincerely, Dana Whitcombe"
)


def letter(pages: int = 1, text: str = LETTER, size: tuple[float, float] = (612, 792)) -> bytes:
    """A plain text letter of ``pages`` pages, as bytes."""
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=size[0], height=size[1])
        page.insert_text((72, 100), text if n == 0 else f"Page {n + 1}", fontsize=11)
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def _scan(text: str = LETTER, width: int = 1275, height: int = 1650) -> bytes:
    """A PNG of ``text`` as a scanner at 150 dpi would see a letter page."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((72, 100), text, fontsize=11)
    pix = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    data = pix.tobytes("png")
    doc.close()
    return data


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _save(pdf: pikepdf.Pdf, folder: Path, name: str, **kw: object) -> Path:
    path = folder / name
    pdf.save(path, **kw)
    return path


# -- bombs ------------------------------------------------------------------------


def flate_bomb(folder: Path) -> Path:
    """A page whose content stream inflates from a few hundred KB to 256 MB of blanks."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    blank = zlib.compressobj(9)
    body = b"".join(blank.compress(b" " * (1 << 20)) for _ in range(256)) + blank.flush()
    page = pdf.pages[0]
    page.obj.Contents = pikepdf.Array(
        [page.obj.Contents, pdf.make_stream(body, Filter=pikepdf.Name.FlateDecode)]
    )
    # pikepdf would write the stream it was given as is: say it is compressed already
    return _save(pdf, folder, "bomb-flate.pdf", compress_streams=False)


def image_bomb(folder: Path) -> Path:
    """An image that says it is 60,000 x 60,000 pixels (10 GB of RGB) in a small stream."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    pixels = zlib.compress(b"\0" * (1 << 20), 9)
    image = pdf.make_stream(
        pixels, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=60000,
        Height=60000, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
        Filter=pikepdf.Name.FlateDecode,
    )  # fmt: skip
    page = pdf.pages[0]
    page.obj.Resources.XObject = pikepdf.Dictionary(Im0=image)
    page.obj.Contents = pdf.make_stream(b"q 612 0 0 792 0 0 cm /Im0 Do Q")
    return _save(pdf, folder, "bomb-image.pdf")


# -- loops --------------------------------------------------------------------------


def pages_loop(folder: Path) -> Path:
    """A page tree whose /Kids holds the tree itself."""
    pdf = pikepdf.open(io.BytesIO(letter(2)))
    root = pdf.Root.Pages
    root.Kids.append(root)
    root.Count = 3
    return _save(pdf, folder, "pages-loop.pdf")


def xref_loop(folder: Path) -> Path:
    """An incremental update whose /Prev points at itself."""
    data = letter()
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.objgen[0]
    pdf.close()
    start = len(data)
    update = (
        b"\n99 0 obj\n(updated)\nendobj\n"
        b"xref\n99 1\n%010d 00000 n \n"
        b"trailer\n<< /Size 100 /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
    )
    xref_at = start + len(b"\n99 0 obj\n(updated)\nendobj\n")
    body = update % (start + 1, root, xref_at, xref_at)
    return _write(folder, "xref-loop.pdf", data + body)


def form_loop(folder: Path) -> Path:
    """A form XObject that draws itself."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    form = pdf.make_stream(b"/F0 Do", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=[0, 0, 612, 792])  # fmt: skip
    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F0=form))
    page = pdf.pages[0]
    page.obj.Resources.XObject = pikepdf.Dictionary(F0=form)
    page.obj.Contents = pikepdf.Array([page.obj.Contents, pdf.make_stream(b"q /F0 Do Q")])
    return _save(pdf, folder, "form-loop.pdf")


# -- size ---------------------------------------------------------------------------


def five_thousand_pages(folder: Path) -> Path:
    """5,000 pages: the letter, then one page of text repeated (sharing its content stream)."""
    pdf = pikepdf.open(io.BytesIO(letter(2)))
    for _ in range(4998):
        pdf.pages.append(pdf.pages[1])
    return _save(pdf, folder, "pages-5000.pdf")


def page_count_lie(folder: Path) -> Path:
    """A page tree that says it has a million pages and holds one."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    pdf.Root.Pages.Count = 1_000_000
    return _save(pdf, folder, "page-count-lie.pdf")


def huge_page_scan(folder: Path) -> Path:
    """One 14,400 x 14,400 pt page (the largest PDF allows) holding one scan."""
    doc = pymupdf.open()
    page = doc.new_page(width=14400, height=14400)
    page.insert_image(page.rect, stream=_scan())
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return _write(folder, "huge-page-scan.pdf", data)


def tiny_image_page(folder: Path) -> Path:
    """A page with no text and one image of 3 x 3 pixels (too small for OCR to scale)."""
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 3, 3), False)
    pix.set_rect(pix.irect, (0,))
    page.insert_image(pymupdf.Rect(72, 72, 75, 75), pixmap=pix)
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return _write(folder, "tiny-image.pdf", data)


def zero_size_page(folder: Path) -> Path:
    """A page whose MediaBox is empty, after a page of text."""
    pdf = pikepdf.open(io.BytesIO(letter(2)))
    pdf.pages[1].obj.MediaBox = [0, 0, 0, 0]
    return _save(pdf, folder, "zero-size-page.pdf")


def no_mediabox(folder: Path) -> Path:
    """A page without a MediaBox (readers default to US Letter; pdfminer warns)."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    del pdf.pages[0].obj["/MediaBox"]
    return _save(pdf, folder, "no-mediabox.pdf")


# -- nesting ------------------------------------------------------------------------


def deep_array(folder: Path) -> Path:
    """An array nested 100,000 deep in the document information dictionary."""
    data = letter()
    deep = b"[" * 100_000 + b"]" * 100_000
    return _write(folder, "deep-array.pdf", _append_info(data, b"<< /Keywords " + deep + b" >>"))


def deep_dict(folder: Path) -> Path:
    """A dictionary nested 50,000 deep in the document information dictionary."""
    data = letter()
    deep = b"<< /A " * 50_000 + b"1" + b" >>" * 50_000
    return _write(folder, "deep-dict.pdf", _append_info(data, deep))


def deep_save_state(folder: Path) -> Path:
    """A content stream that saves the graphics state 100,000 times before its text."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    page = pdf.pages[0]
    page.obj.Contents = pikepdf.Array(
        [pdf.make_stream(b"q " * 100_000), page.obj.Contents, pdf.make_stream(b" Q" * 100_000)]
    )
    return _save(pdf, folder, "deep-save-state.pdf")


def deep_forms(folder: Path) -> Path:
    """Form XObjects nested 500 deep, the innermost drawing the letter."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    page = pdf.pages[0]
    page.contents_coalesce()
    inner = pdf.make_stream(page.obj.Contents.read_bytes(), Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Form, BBox=[0, 0, 612, 792],
                            Resources=page.obj.Resources)  # fmt: skip
    for _ in range(500):
        inner = pdf.make_stream(b"/X Do", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                BBox=[0, 0, 612, 792],
                                Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner)))  # fmt: skip
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(X=inner))
    page.obj.Contents = pdf.make_stream(b"/X Do")
    return _save(pdf, folder, "deep-forms.pdf")


def _append_info(data: bytes, info: bytes) -> bytes:
    """``data`` with an incremental update that gives it the information dictionary ``info``."""
    pdf = pikepdf.open(io.BytesIO(data))
    size, root = len(pdf.objects) + 1, pdf.Root.objgen[0]
    pdf.close()
    start = len(data) + 1
    body = b"\n%d 0 obj\n%s\nendobj\n" % (size, info)
    xref = start + len(body) - 1
    return (
        data
        + body
        + (
            b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n"
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
        )
        % (size, start, size + 1, root, size, _startxref(data), xref)
    )


def _startxref(data: bytes) -> int:
    return int(data[data.rindex(b"startxref") + 9 :].split()[0])


# -- encryption ---------------------------------------------------------------------


def encrypted_user_password(folder: Path) -> Path:
    """AES-256, opened only with the password ``secret``."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    return _save(pdf, folder, "encrypted-user-password.pdf",
                 encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))  # fmt: skip


def encrypted_owner_only(folder: Path) -> Path:
    """RC4 128-bit (R4) with an empty user password: anyone can open it, printing is not allowed."""
    pdf = pikepdf.open(io.BytesIO(letter()))
    return _save(pdf, folder, "encrypted-owner-only.pdf", encryption=pikepdf.Encryption(
        user="", owner="owner", R=4, aes=False, metadata=False, allow=pikepdf.Permissions(print_highres=False)))  # fmt: skip


# -- damage -------------------------------------------------------------------------


def truncated(folder: Path) -> Path:
    """A letter cut off at 60 % of its bytes."""
    data = letter()
    return _write(folder, "truncated.pdf", data[: len(data) * 6 // 10])


def garbage_after_header(folder: Path) -> Path:
    """A PDF header and 64 KB of random bytes."""
    noise = random.Random(13).randbytes(64 << 10)
    return _write(folder, "garbage.pdf", b"%PDF-1.7\n" + noise)


def garbage_inside(folder: Path) -> Path:
    """A letter with a quarter of its bytes, in the middle, overwritten with random bytes."""
    data = bytearray(letter())
    start, length = len(data) * 3 // 8, len(data) // 4
    data[start : start + length] = random.Random(7).randbytes(length)
    return _write(folder, "garbage-inside.pdf", bytes(data))


def trailing_zeros(folder: Path) -> Path:
    """A letter followed by 23 KB of zero bytes after its %%EOF (as some filing systems store them)."""
    return _write(folder, "trailing-zeros.pdf", letter() + b"\0" * (23 << 10))


def empty_file(folder: Path) -> Path:
    return _write(folder, "empty.pdf", b"")


def header_only(folder: Path) -> Path:
    return _write(folder, "header-only.pdf", b"%PDF-1.4\n%%EOF\n")


def newline_in_name(folder: Path) -> Path:
    """A broken file whose name holds a line break (a message must stay on one line)."""
    return _write(folder, "two\nlines.pdf", b"%PDF-1.4\nnot a pdf at all\n")


MAKERS: tuple[Callable[[Path], Path], ...] = (
    flate_bomb, image_bomb, pages_loop, xref_loop, form_loop, five_thousand_pages,
    page_count_lie, huge_page_scan, tiny_image_page, zero_size_page, no_mediabox, deep_array, deep_dict,
    deep_save_state, deep_forms, encrypted_user_password, encrypted_owner_only, truncated,
    garbage_after_header, garbage_inside, trailing_zeros, empty_file, header_only,
    newline_in_name,
)  # fmt: skip


def make_all(folder: Path) -> list[Path]:
    """Every crafted PDF, made into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [make(folder) for make in MAKERS]
