"""The ``ligature`` layout: the filing set as HTML in a serif font with fi/fl/ff ligatures.

MuPDF shapes the text with the font's ligature glyphs, so text extraction
returns U+FB01 and friends unless the reader expands them: a detector that
searches for "Griffin" or "official" in the raw extraction misses them.
"""

from __future__ import annotations

import html
import io
import re

import pymupdf

from samples.content import MARK_CLOSE, MARK_OPEN, Caption, Columns, Heading, Lines, Para, Table

CSS = """
body { font-family: serif; font-size: 12pt; line-height: 1.45; }
p { text-align: justify; margin: 0 0 8pt 0; text-indent: 30pt; }
p.flush { text-indent: 0; }
h2 { font-size: 12pt; text-align: center; margin: 6pt 0 8pt 0; }
h3 { font-size: 12pt; margin: 6pt 0 6pt 0; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 4pt 0 10pt 0; }
td, th { border: 0.6pt solid black; padding: 3pt; vertical-align: top; text-align: left; }
th { background-color: #d9d9d9; }
.lines { margin-left: 45%; text-indent: 0; text-align: left; }
.center { text-align: center; text-indent: 0; }
table.cols, table.cols td { border: none; padding: 0 6pt 0 0; font-size: 11pt; }
"""
BODY = pymupdf.Rect(72, 76, 540, 724)


def _inline(s: str) -> str:
    out = html.escape(s, quote=False)
    out = out.replace(MARK_OPEN, '<span style="white-space:nowrap">').replace(MARK_CLOSE, "</span>")
    return out.replace("\n", "<br/>")


def to_html(blocks: list) -> str:
    parts = []
    for b in blocks:
        if isinstance(b, Caption):
            parts.append(
                '<p class="flush">' + "<br/>".join(_inline(x) for x in b.attorney) + "</p>"
            )
            parts.append("<h2>" + "<br/>".join(_inline(x) for x in b.court) + "</h2>")
            left = "<br/>".join(_inline(x) for x in b.left)
            right = "<br/>".join(
                (f"<b>{_inline(x)}</b>") if i == 2 else _inline(x) for i, x in enumerate(b.right)
            )
            parts.append(f'<p class="flush">{left}</p><p class="lines">{right}</p>')
        elif isinstance(b, Heading):
            tag = "h2" if b.align == "center" else "h3"
            parts.append(f"<{tag}>{_inline(b.text)}</{tag}>")
        elif isinstance(b, Para):
            cls = ' class="flush"' if not b.indent else ""
            parts.append(f"<p{cls}>{_inline(b.text)}</p>")
        elif isinstance(b, Lines):
            body = "<br/>".join(_inline(x) for x in b.lines)
            if b.bold:
                body = f"<b>{body}</b>"
            if b.center:
                parts.append(f'<p class="center">{body}</p>')
            elif b.left:
                parts.append(f'<p class="lines">{body}</p>')
            else:
                parts.append(f'<p class="flush">{body}</p>')
        elif isinstance(b, Columns):
            left = "<br/>".join(_inline(x) for x in b.left)
            right = "<br/>".join(_inline(x) for x in b.right)
            w = round(100 * b.split)
            parts.append(
                f'<table class="cols"><tr><td style="width:{w}%">{left}</td>'
                f'<td style="width:{100 - w}%">{right}</td></tr></table>'
            )
        elif isinstance(b, Table):
            head = "".join(f"<th>{_inline(h)}</th>" for h in b.header)
            rows = "".join(
                "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in b.rows
            )
            parts.append(f"<table><tr>{head}</tr>{rows}</table>")
    return "<body>" + "\n".join(parts) + "</body>"


def render(blocks: list) -> pymupdf.Document:
    """Flow the blocks over as many letter pages as they need."""
    story = pymupdf.Story(to_html(blocks), user_css=CSS)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    more = True
    while more:
        device = writer.begin_page(pymupdf.paper_rect("letter"))
        more, _ = story.place(BODY)
        story.draw(device)
        writer.end_page()
    writer.close()
    return pymupdf.open("pdf", buf.getvalue())


def has_ligatures(text: str) -> bool:
    return bool(re.search("[\ufb00-\ufb06]", text))
