"""Page furniture drawn after the body: pleading paper, headers, footers, legends, Bates numbers."""

from __future__ import annotations

import pymupdf

from samples.layout import BOLD, PAGE_H, PAGE_W, PLEADING, REGULAR, width


def _text(page: pymupdf.Page, items: list[tuple[float, float, str, float, bool]]) -> None:
    writer = pymupdf.TextWriter(page.rect)
    for x, y, s, size, bold in items:
        writer.append((x, y), s, font=BOLD if bold else REGULAR, fontsize=size)
    writer.write_text(page)


def _centered(s: str, y: float, size: float, bold: bool = False) -> tuple:
    return ((PAGE_W - width(s, size, bold)) / 2, y, s, size, bold)


def pleading(page: pymupdf.Page, number: int, total: int, title: str) -> None:
    """28 numbered lines, double rule on the left, single rule on the right, footer."""
    shape = page.new_shape()
    for x in (72.0, 75.0):
        shape.draw_line((x, 0), (x, PAGE_H))
    shape.draw_line((546.0, 0), (546.0, PAGE_H))
    shape.finish(color=(0, 0, 0), width=0.6)
    shape.draw_line((72.0, 748.0), (546.0, 748.0))
    shape.finish(color=(0, 0, 0), width=0.5)
    shape.commit()
    items = []
    for n in range(1, 29):
        s = str(n)
        y = PLEADING.first_baseline + (n - 1) * PLEADING.body
        items.append((64.0 - width(s, 12), y, s, 12.0, False))
    items.append(_centered(f"- {number} -", 762.0, 10.0))
    items.append(_centered(title.upper()[:110], 774.0, 8.0))
    _text(page, items)


def running(
    page: pymupdf.Page,
    number: int,
    total: int,
    title: str,
    case_number: str,
    legend: str = "",
    bates: str = "",
) -> None:
    """Header rule with the case number; footer with the title and 'Page N of M'."""
    shape = page.new_shape()
    shape.draw_line((54.0, 60.0), (558.0, 60.0))
    shape.draw_line((54.0, 742.0), (558.0, 742.0))
    shape.finish(color=(0.2, 0.2, 0.2), width=0.5)
    shape.commit()
    s = f"Case {case_number}"
    items = [
        (54.0, 54.0, title[:80], 9.0, False),
        (558.0 - width(s, 9), 54.0, s, 9.0, False),
        (54.0, 756.0, f"Page {number} of {total}", 9.0, False),
    ]
    if legend:
        items.append(_centered(legend, 40.0, 10.0, True))
        items.append(_centered(legend, 772.0, 10.0, True))
    if bates:
        items.append((558.0 - width(bates, 10, True), 756.0, bates, 10.0, True))
    _text(page, items)


def ecf_stamp(page: pymupdf.Page, text: str, top: bool = True) -> None:
    """The header CM/ECF writes across every page of a filed document (or, in some
    circuits, the footer): one line of small type over whatever is on the page."""
    size = 8.0 if width(text, 9.0) > PAGE_W - 60 else 9.0
    x = (PAGE_W - width(text, size)) / 2
    _text(page, [(x, 18.0 if top else PAGE_H - 12.0, text, size, False)])


def letter_running(page: pymupdf.Page, number: int, header: list[str]) -> None:
    """A letter's second and later pages: the addressee, the date and the page, top left."""
    if number == 1:
        return
    items = [(72.0, 40.0 + 11.0 * i, s, 9.5, False) for i, s in enumerate(header)]
    items.append((72.0, 40.0 + 11.0 * len(header), f"Page {number}", 9.5, False))
    _text(page, items)


def centred_number(page: pymupdf.Page, number: int, footer: str = "") -> None:
    """An opinion's page number, centred at the foot, and a short footer line under it."""
    items = [_centered(str(number), 752.0, 10.0)]
    if footer:
        items.append(_centered(footer[:100], 766.0, 8.0))
    _text(page, items)


def letter_foot(page: pymupdf.Page, lines: list[str]) -> None:
    """A letterhead set at the foot of the first page: the office's address and phones."""
    y = PAGE_H - 40.0 - 11.0 * (len(lines) - 1)
    _text(page, [_centered(s, y + 11.0 * i, 8.5) for i, s in enumerate(lines)])
