"""Simple, clean letter-size PDFs from a little HTML (papers, tables, the reference list)."""

from __future__ import annotations

import io

import pymupdf

LETTER = pymupdf.paper_rect("letter")
MARGIN = 72.0
CSS = """
body { font-family: serif; font-size: 11pt; line-height: 1.35; }
h1 { font-size: 12pt; text-align: center; font-weight: bold; margin: 10pt 0 8pt 0; }
h2 { font-size: 11pt; font-weight: bold; margin: 8pt 0 4pt 0; }
p { margin: 0 0 7pt 0; text-align: justify; }
p.center { text-align: center; }
p.court { text-align: center; font-weight: bold; margin: 0; }
p.banner { text-align: center; font-weight: bold; color: #b00000; font-size: 13pt; }
p.small { font-size: 9pt; }
p.value { margin-left: 24pt; }
td, th { font-size: 8.5pt; border: 0.6pt solid black; padding: 2pt 3pt; vertical-align: top; }
th { background-color: #dddddd; font-weight: bold; text-align: left; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; }
table.caption td { font-size: 11pt; border: none; padding: 0 6pt 0 0; }
.blank { color: #b00000; font-weight: bold; }
"""


MAX_PAGES = 500
ATTEMPTS = 6  # layouts tried, each with a slightly taller bottom margin
# A table row is placed whole even where it runs past the frame: the frame stops short
# of the margin so such a row still ends above the footer; a row that would reach the
# footer moves the page breaks.
FRAME_SHORT = 30.0
FOOTER_TOP = LETTER.height - 42.0


def html_to_pdf(body: str, *, footer: str = "", banner: str = "") -> bytes:
    """Lay ``body`` out on letter pages with 1-inch margins; number the pages.

    ``banner`` (e.g. ``FILED UNDER SEAL``) is printed in red at the top of every page.
    MuPDF's story layout places a table row whole even past the bottom of its frame, and
    can then start its content again from an earlier page, without end: a layout that
    reaches the footer, leaves a page blank or runs past :data:`MAX_PAGES` is tried again
    with the page breaks moved (a slightly taller bottom margin).
    """
    for attempt in range(ATTEMPTS):
        bottom = -MARGIN - FRAME_SHORT - 7.0 * attempt
        data = _layout(body, LETTER + (MARGIN, MARGIN, -MARGIN, bottom))
        if data is not None:
            return _finish(data, footer, banner)
    raise RuntimeError("the paper could not be laid out on pages")


def _layout(body: str, where: pymupdf.Rect) -> bytes | None:
    """The pages of ``body`` laid out in ``where``, or None when the layout went wrong."""
    out = io.BytesIO()
    writer = pymupdf.DocumentWriter(out)
    story = pymupdf.Story(html=body, user_css=CSS)
    more, pages, ok = True, 0, True
    while more:
        device = writer.begin_page(LETTER)
        more, filled = story.place(where)
        story.draw(device)
        writer.end_page()
        pages += 1
        if filled[3] > FOOTER_TOP or pages > MAX_PAGES:
            ok = False
            break
    writer.close()
    if not ok:
        return None
    with pymupdf.open(stream=out.getvalue(), filetype="pdf") as doc:
        if any(not page.get_text().strip() for page in doc):
            return None
    return out.getvalue()


def _finish(data: bytes, footer: str, banner: str) -> bytes:
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        font = pymupdf.Font("helv")
        bold = pymupdf.Font("hebo")
        for i, page in enumerate(doc):
            page.wrap_contents()  # the story leaves its coordinate flip in effect
            writer_ = pymupdf.TextWriter(page.rect)
            text = (
                f"{footer} – page {i + 1} of {doc.page_count}"
                if footer
                else f"page {i + 1} of {doc.page_count}"
            )
            w = font.text_length(text, fontsize=8)
            writer_.append(
                ((page.rect.width - w) / 2, page.rect.height - 30), text, font=font, fontsize=8
            )
            writer_.write_text(page)
            if banner:
                red = pymupdf.TextWriter(page.rect, color=(0.7, 0, 0))
                wb = bold.text_length(banner, fontsize=11)
                red.append(((page.rect.width - wb) / 2, 40), banner, font=bold, fontsize=11)
                red.write_text(page)
        doc.set_metadata({"producer": "redactor", "creator": "redactor"})
        return doc.tobytes(garbage=3, deflate=True)
    finally:
        doc.close()
