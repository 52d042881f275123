"""What a sample filing says, before it is laid out: blocks of text and the values planted in them.

A planted value is wrapped in ``MARK_OPEN``/``MARK_CLOSE`` inside block text,
so the layout keeps it on one line (and one page) and the locator can find
it again after layout. The marks are never drawn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MARK_OPEN, MARK_CLOSE = "\x01", "\x02"
_MARKED = re.compile(f"{MARK_OPEN}(.*?){MARK_CLOSE}", re.S)


def mark(value: str) -> str:
    return f"{MARK_OPEN}{value}{MARK_CLOSE}"


def plain(text: str) -> str:
    """Block text as drawn: the marks removed."""
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


@dataclass
class Heading:
    text: str
    align: str = "center"  # center | left


@dataclass
class Para:
    text: str
    indent: float = 36.0


@dataclass
class Lines:
    """Lines kept as written (signature block, address block), single-spaced."""

    lines: list[str]
    left: float = 0.0  # fraction of the frame width where the lines start
    center: bool = False  # each line centred (a letterhead)
    bold: bool = False


@dataclass
class Columns:
    """Two runs of lines side by side from the same height: two signature blocks of a
    stipulation, a letterhead's clerk and telephone, a service list set in two columns."""

    left: list[str]
    right: list[str]
    split: float = 0.5  # fraction of the frame width where the right column starts


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]  # a cell may hold "\n" for a second line
    widths: list[float]  # fractions of the frame width


@dataclass
class Caption:
    attorney: list[str]
    court: list[str]
    left: list[str]  # the parties
    right: list[str]  # case number, document title, hearing


Block = Heading | Para | Lines | Columns | Table | Caption


@dataclass
class Plant:
    """A private value put into the filing, and where it ends up."""

    category: str
    value: str
    forms: list[str] = field(default_factory=list)
    surface: str = "page"  # or a trap surface
    page: int | None = None  # set when located; 1-based


@dataclass
class PublicValue:
    category: str
    value: str
    page: int | None = None


@dataclass
class Content:
    kind: str
    title: str
    short_title: str
    case_number: str
    court: str
    caption: Caption | None
    blocks: list[Block]
    private: list[Plant]
    public: list[PublicValue]
    filler: list[str]  # more public paragraphs to lengthen the filing
    filler_at: int  # index in blocks where filler paragraphs go
    legend: str = ""  # CONFIDENTIAL stamp, for exhibits
    bates: str = ""  # first Bates number, for exhibits
    author: str = ""  # the drafter named in the PDF metadata (a public name)
    ecf: tuple[str, bool, int] | None = (
        None  # the CM/ECF stamp: template, at the top, first Page ID
    )
    letter_head: list[str] = field(default_factory=list)  # a letter's header on later pages
    foot: list[str] = field(default_factory=list)  # a letterhead's lines at the foot of page 1


def marked_values(text: str) -> list[str]:
    return _MARKED.findall(text)
