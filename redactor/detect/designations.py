"""Designated pages: material a protective order covers, marked as such on the page.

Documents produced under a protective order carry a legend on every page
(``CONFIDENTIAL``, ``HIGHLY CONFIDENTIAL – ATTORNEYS' EYES ONLY``, ``CONFIDENTIAL -
SUBJECT TO PROTECTIVE ORDER``) and the producing party's Bates number. Filing
such a page on the public docket without a sealing request, or the designating
party's consent, is what courts sanction. A legend is told from a sentence that
mentions one ("the list is designated CONFIDENTIAL") by where it stands: a legend
is a line of its own, holding nothing but designation words, Bates numbers,
page numbers and separators, not in quotation marks.

A policy adds its own legends (``designations.legends``) and the Bates prefixes of
productions it treats as designated (``designations.bates_prefixes``): a page
stamped ``CITY000123`` is designated when ``CITY`` is listed.

The CM/ECF header stamp ("Case 2:20-cv-01234-KJM-DB Document 12 Filed 01/02/20
Page 3 of 10") is the court's mark on a filed paper: :func:`is_ecf_stamp` and
:func:`ecf_case_number` read it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import SEVERITY_FIX, Box, Document, Finding, Problem, union

KIND = "designated"
EDGE = 0.12  # share of the page height at the top and bottom where stamps stand

_DASH = r"[-–—:|/,]"
_BUILT_IN = (
    r"(?:HIGHLY[ \t]+)?CONFIDENTIAL",
    r"(?:(?:OUTSIDE[ \t]+)?(?:ATTORNEYS?|COUNSEL)(?:[’'`]?S?)?[ \t]+)?EYES[ \t]+ONLY",
    r"OUTSIDE[ \t]+COUNSEL(?:[’'`]?S)?[ \t]+ONLY",
    r"(?:(?:SUBJECT|PRODUCED[ \t]+(?:PURSUANT|SUBJECT)|PURSUANT|DESIGNATED[ \t]+PURSUANT)[ \t]+TO"
    r"|DESIGNATED[ \t]+UNDER|PRODUCED[ \t]+UNDER)"
    r"(?:[ \t]+(?:THE|A))?(?:[ \t]+(?:STIPULATED|AGREED))?[ \t]+PROTECTIVE[ \t]+ORDER",
)
# words a legend line may also hold once it holds a designation ("RESTRICTED CONFIDENTIAL
# – SOURCE CODE"); alone they designate nothing
_TAIL_WORDS = frozenset(
    {"restricted", "source", "code", "material", "materials", "information", "treatment",
     "production", "document", "documents", "highly", "only"}
)  # fmt: skip
_OUTLINE = re.compile(r"^\s*\(?(?:\d+(?:\.\d+)*|[IVX]+|[a-z])[.)]\s")
# what else a legend line may hold: Bates numbers, page numbers, an exhibit label, "AND"
_BATES = re.compile(r"(?<![\w-])(?P<bates>[A-Z]{2,8}[_-]?\d{4,10})(?![\w-])")
_FILLER = re.compile(
    r"(?i)\b(?:page|pg\.?)[ \t]*\d+(?:[ \t]+of[ \t]+\d+)?\b|\b(?:and|or|&)\b|\bexhibit[ \t]+\w{1,4}\b"
    r"|\bNo\.?[ \t]*\d+\b|\bECF\b|\(\s*\)|\d{1,4}"
)
_QUOTES = "\"“”'‘’«»"

ECF_STAMP = re.compile(
    r"^\s*(?:Case|Appeal|USCA\d*\s+Case|Appellate\s+Case)\s*(?:No\.|#)?\s*:?\s*"
    r"(?P<number>\d[\w:.\-]*?\d(?:-[A-Za-z]{1,4}){0,4})\s*,?\s+"
    r"(?=.*\b(?:Doc(?:ument)?|DktEntry|ID|Filed|Entered|Pg|Page)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Designation:
    """One designated page: the legends it bears and its Bates numbers."""

    page: int
    legends: tuple[str, ...]
    bates: tuple[str, ...]
    bbox: Box | None = None
    listed_prefix: str | None = None  # the policy's Bates prefix that made it designated

    def page_finding(self, page_box: Box) -> Finding:
        """The page as one finding, offered for sealing whole (``package`` does). It holds no
        text: the page's words are not a value to search for elsewhere."""
        return Finding(
            "DESIGNATED", "", self.page, (page_box,), "designation", 1.0,
            f"the page bears a protective-order designation: {self.describe()}",
        )  # fmt: skip

    def describe(self) -> str:
        """``"CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER", Bates CCR004059``."""
        parts = [", ".join(f'"{legend}"' for legend in self.legends)] if self.legends else []
        if self.bates:
            parts.append(f"Bates {', '.join(self.bates)}")
        if self.listed_prefix and not self.legends:
            parts.append(f"a production the policy lists as designated ({self.listed_prefix})")
        return ", ".join(parts)


def is_ecf_stamp(text: str) -> bool:
    """Whether a line is a CM/ECF header stamp (district, bankruptcy or appellate)."""
    return ECF_STAMP.match(" ".join(text.split())) is not None


def ecf_case_number(text: str) -> str | None:
    """The case number of a CM/ECF header stamp line, or None."""
    m = ECF_STAMP.match(" ".join(text.split()))
    return m.group("number").rstrip(".,") if m else None


def legend_pattern(extra: Sequence[str] = ()) -> re.Pattern[str]:
    """The designation phrases: the built-in ones and a policy's own."""
    own = [
        r"[ \t]*".join(re.escape(w) for w in re.split(r"[\s\-–—]+", e.strip()) if w) for e in extra
    ]
    own = [p.replace(r"[ \t]*", rf"[ \t]*{_DASH}?[ \t]*") for p in own if p]
    phrases = sorted([*_BUILT_IN, *own], key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(phrases) + r")(?![\w])", re.IGNORECASE)


def legend_in(line: str, pattern: re.Pattern[str]) -> str | None:
    """The legend a line is, or None when the line says something else too.

    ``CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER CCR004059`` is a legend;
    ``the list is designated CONFIDENTIAL`` and ``"CONFIDENTIAL"`` are not.
    """
    text = " ".join(line.split())
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    rest = pattern.sub(" ", text)
    rest = _BATES.sub(" ", rest)
    rest = _FILLER.sub(" ", rest)
    if any(q in rest for q in _QUOTES):
        return None
    if any(w.lower() not in _TAIL_WORDS for w in re.findall(r"[A-Za-z]+", rest)):
        return None
    if _OUTLINE.match(text) or text.rstrip().endswith(":"):
        return None  # a numbered heading or a definition ("2.2 Confidential Information:")
    if not any(m.group(0)[0].isupper() for m in matches):
        return None
    legend = _BATES.sub(" ", text)
    legend = re.sub(r"(?i)\b(?:page|pg\.?)[ \t]*\d+(?:[ \t]+of[ \t]+\d+)?\b", " ", legend)
    legend = " ".join(re.sub(r"[·•*_=~]+", " ", legend).split()).strip(" -–—:|/,")
    return legend or None


def designations(
    doc: Document, *, legends: Sequence[str] = (), bates_prefixes: Sequence[str] = ()
) -> list[Designation]:
    """The designated pages of ``doc``, in page order."""
    pattern = legend_pattern(legends)
    prefixes = tuple(p.upper() for p in bates_prefixes)
    stamped = _stamp_annotations(doc, pattern)
    out = []
    for page in doc.pages:
        lines = _line_texts(page)
        found: list[str] = list(stamped.get(page.number, []))
        boxes: list[Box] = []
        bates: list[str] = []
        for text, box in lines:
            legend = legend_in(text, pattern)
            if legend:
                if legend.upper() not in (f.upper() for f in found):
                    found.append(legend)
                boxes.append(box)
            if legend or _at_edge(box, page.height):
                for m in _BATES.finditer(text):
                    if m.group("bates") not in bates and not _looks_like_other_number(text, m):
                        bates.append(m.group("bates"))
        listed = next(
            (p for b in bates for p in prefixes if b.upper().startswith(p)), None
        ) or next(  # a listed prefix anywhere on the page
            (p for text, _ in lines for m in _BATES.finditer(text) for p in prefixes
             if m.group("bates").upper().startswith(p)),
            None,
        )  # fmt: skip
        if listed and not any(b.upper().startswith(listed) for b in bates):
            bates += [
                m.group("bates")
                for text, _ in lines
                for m in _BATES.finditer(text)
                if m.group("bates").upper().startswith(listed)
            ][:1]
        if found or listed:
            out.append(
                Designation(
                    page=page.number,
                    legends=tuple(found),
                    bates=tuple(bates),
                    bbox=union(boxes) if boxes else None,
                    listed_prefix=listed,
                )
            )
    return out


def designation_problems(found: list[Designation]) -> list[Problem]:
    """One ``designated`` problem a page: the page, the legend, the Bates number, what to do."""
    return [
        Problem(
            KIND,
            f"the page bears a protective-order designation ({d.describe()}): filing it "
            "publicly needs a sealing request or the designating party's consent "
            "(`redactor package` offers the page for sealing whole)",
            page=d.page,
            bbox=d.bbox,
            severity=SEVERITY_FIX,
        )
        for d in found
    ]


def _line_texts(page) -> list[tuple[str, Box]]:
    """Each visual line of the page: its words' text, and its box."""
    words: dict[int, list] = {}
    for w in page.words:
        words.setdefault(w.line, []).append(w)
    out = []
    for _index, ws in sorted(words.items()):
        ws.sort(key=lambda w: w.bbox[0])
        out.append((" ".join(w.text for w in ws), union([w.bbox for w in ws])))
    return out


def _at_edge(box: Box, height: float) -> bool:
    return box[3] <= EDGE * height or box[1] >= (1 - EDGE) * height


def _looks_like_other_number(text: str, m: re.Match[str]) -> bool:
    """A bar number ("SBN123456") or a case stamp's number is not a Bates number."""
    before = text[: m.start()].rstrip().lower()
    return before.endswith(("sbn", "bar no.", "bar no", "case", "no.")) or is_ecf_stamp(text)


def _stamp_annotations(doc: Document, pattern: re.Pattern[str]) -> dict[int, list[str]]:
    """Legends put on as stamp or text annotations (read with the other surfaces)."""
    out: dict[int, list[str]] = {}
    for s in doc.surfaces:
        if s.surface != "annotation" or s.page is None:
            continue
        legend = legend_in(s.text, pattern)
        if legend:
            out.setdefault(s.page, []).append(legend)
    return out
