"""E-filing pre-flight: what CM/ECF and the courts' e-filing rules refuse, checked before filing.

A court's system refuses a file over its size limit, an encrypted file, JavaScript
and other actions, embedded files, audio or video, and fillable forms; its rules
want letter-size portrait pages, every font embedded and text a clerk can search.
Each of these is a :class:`~redactor.model.Problem` of its own kind, and each says
what to do:

| kind | what | what to do |
|---|---|---|
| ``file_size`` | the file is over the court's limit | split it into parts under the limit |
| ``page_size`` | pages that are not 8.5 × 11 in portrait | scale or turn them to letter portrait |
| ``font_not_embedded`` | a font the file uses but does not carry | make the PDF again with fonts embedded |
| ``no_text_layer`` | a page that is a picture, with no text to search | OCR it |
| ``encrypted``, ``javascript``, ``attachment``, ``media``, ``form_field`` | read with the other surfaces (:mod:`redactor.ingest.surfaces`) | remove it, flatten the form |

The limits come from the court profile (``max_file_mb`` and ``efiling``); with no
court named, a file must meet the strictest profile there is. ``check`` runs the
pre-flight on its input; ``redact`` and ``package`` run it on every public PDF
they write and show the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pymupdf

from ..detect.designations import is_ecf_stamp
from ..model import SEVERITY_FIX, SEVERITY_NOTE, Document, Problem
from ..profiles import CourtProfile, load_profile, strictest_file_limit

POINTS = 72.0
SIZE_SLACK = 0.1 * POINTS  # a page within a tenth of an inch of the size is that size
MIN_SEARCHABLE_WORDS = 10  # a scan whose text layer holds fewer words (a stamp) is not searchable
SURFACE_KINDS = ("encrypted", "javascript", "attachment", "media", "form_field")
KINDS = ("file_size", "page_size", "font_not_embedded", "no_text_layer", *SURFACE_KINDS)
REMEDIES: dict[str, str] = {
    "file_size": "split it into parts under the limit, or lower its images' resolution "
    "(`redactor package` splits at the court's limit)",
    "page_size": "make every page 8.5 × 11 in, portrait: scale it to letter size, or turn a "
    "landscape page",
    "font_not_embedded": "make the PDF again with every font embedded (print to PDF with fonts "
    "embedded, or save as PDF/A)",
    "no_text_layer": "OCR the page so its text can be searched (`redactor redact` gives the "
    "public copy a text layer)",
    "encrypted": "save a copy without password or encryption",
    "javascript": "remove the scripts and actions (`redactor redact` removes them)",
    "attachment": "remove the embedded files; file each as an exhibit of its own",
    "media": "remove the audio, video or 3D content; lodge media with the clerk as the local "
    "rules say",
    "form_field": "flatten the form (`redactor redact` flattens it into the page)",
}
NAMED_SIZES = {
    (8.5, 11.0): "letter",
    (8.5, 14.0): "legal",
    (8.27, 11.69): "A4",
    (11.0, 17.0): "tabloid",
    (5.83, 8.27): "A5",
}


@dataclass(frozen=True)
class Limits:
    """What one court's e-filing wants of a PDF."""

    court: str  # the profile's name
    max_bytes: int
    page_size: tuple[float, float]  # inches, portrait
    rejects: tuple[str, ...]  # kinds the court's system refuses outright
    strictest: bool = False  # no court was named: the strictest profile's limits

    @classmethod
    def for_court(cls, court: str | None) -> Limits:
        """The limits of ``court`` (a profile name or file); with None, the strictest profile's."""
        if court:
            return cls.of(load_profile(court))
        _, name = strictest_file_limit()
        return replace_strictest(cls.of(load_profile(name)))

    @classmethod
    def of(cls, profile: CourtProfile) -> Limits:
        return cls(
            profile.name, profile.max_file_bytes, profile.efiling.page_size, profile.efiling.rejects
        )

    @property
    def described(self) -> str:
        if self.strictest:
            return f"the strictest court profile ({self.court}, {self.max_bytes / 1e6:g} MB)"
        return f"court profile {self.court} ({self.max_bytes / 1e6:g} MB)"


def replace_strictest(limits: Limits) -> Limits:
    return Limits(limits.court, limits.max_bytes, limits.page_size, limits.rejects, True)


@dataclass
class Preflight:
    """The pre-flight of one PDF: its problems, against which court's limits."""

    limits: Limits
    bytes: int
    pages: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def blocking(self) -> list[Problem]:
        """Problems that must be fixed before filing."""
        return [p for p in self.problems if p.severity == SEVERITY_FIX]

    @property
    def ready(self) -> bool:
        return not self.blocking

    @property
    def refused(self) -> list[Problem]:
        """Problems the court's system refuses outright (not only a rule a clerk enforces)."""
        return [p for p in self.blocking if p.kind in self.limits.rejects]

    def kinds(self) -> list[str]:
        return sorted({p.kind for p in self.blocking})

    def summary(self) -> str:
        """One clause for a summary line: ``e-filing pre-flight (edcal): ready`` or what fails."""
        strictest = ", the strictest profile" if self.limits.strictest else ""
        head = f"e-filing pre-flight ({self.limits.court}{strictest})"
        if self.ready:
            return f"{head}: ready ({self.bytes / 1e6:.1f} of {self.limits.max_bytes / 1e6:g} MB)"
        return f"{head}: {', '.join(self.kinds())}"

    def as_json(self) -> dict:
        return {
            "court": self.limits.court,
            "strictest": self.limits.strictest,
            "max_bytes": self.limits.max_bytes,
            "bytes": self.bytes,
            "ready": self.ready,
            "kinds": self.kinds(),
            "refused": sorted({p.kind for p in self.refused}),
        }


# -- the checks -------------------------------------------------------------------------


def preflight_document(doc: Document, limits: Limits, surface_problems: list[Problem]) -> Preflight:
    """The pre-flight of a file ``check`` read: ``surface_problems`` are the Problems the surface
    reader found (encryption, scripts, attachments, media and forms are taken from them)."""
    size = len(doc.raw) if doc.raw else 0
    found = [p for p in surface_problems if p.kind in SURFACE_KINDS]
    found += _own_checks(doc.pdf, size, limits, _searchable_from_document(doc))
    return Preflight(limits, size, doc.page_count, found)


def preflight_bytes(data: bytes, limits: Limits, *, name: str = "the file") -> Preflight:
    """The pre-flight of a PDF ``redact`` or ``package`` wrote (``data``): every check, the
    surfaces read again."""
    from ..ingest import read_surfaces

    pdf = pymupdf.open(stream=data, filetype="pdf")
    try:
        _, surface = read_surfaces(pdf, data, name)
        found = [p for p in surface if p.kind in SURFACE_KINDS and p.severity == SEVERITY_FIX]
        found += _own_checks(pdf, len(data), limits, _searchable_from_pdf(pdf))
        return Preflight(limits, len(data), pdf.page_count, found)
    finally:
        pdf.close()


def _own_checks(
    pdf: pymupdf.Document, size: int, limits: Limits, unsearchable: list[tuple[int, str]]
) -> list[Problem]:
    out = _file_size(size, limits)
    out += _page_sizes(pdf, limits)
    out += _fonts(pdf)
    for number, why in unsearchable:
        out.append(
            Problem("no_text_layer", f"{why}; courts want searchable pages: "
                    f"{REMEDIES['no_text_layer']}", page=number)
        )  # fmt: skip
    return out


def _file_size(size: int, limits: Limits) -> list[Problem]:
    if size <= limits.max_bytes:
        return []
    return [
        Problem(
            "file_size",
            f"the file is {size / 1e6:.1f} MB, over the limit of {limits.described}: "
            f"{REMEDIES['file_size']}",
        )
    ]


def _page_sizes(pdf: pymupdf.Document, limits: Limits) -> list[Problem]:
    want_w, want_h = (v * POINTS for v in limits.page_size)
    runs: list[tuple[int, int, str]] = []  # first page, last page, size described
    for index in range(pdf.page_count):
        rect = pdf[index].rect
        if abs(rect.width - want_w) <= SIZE_SLACK and abs(rect.height - want_h) <= SIZE_SLACK:
            continue
        what = describe_size(rect.width, rect.height)
        if runs and runs[-1][1] == index and runs[-1][2] == what:
            runs[-1] = (runs[-1][0], index + 1, what)
        else:
            runs.append((index + 1, index + 1, what))
    want = f"{_inches(want_w)} × {_inches(want_h)} in portrait"
    out = []
    for first, last, what in runs:
        pages = f"page {first} is" if first == last else f"pages {first}–{last} are"
        out.append(
            Problem(
                "page_size",
                f"{pages} {what}, not {want}: {REMEDIES['page_size']}",
                page=first,
            )
        )
    return out


def describe_size(width: float, height: float) -> str:
    """``11 × 8.5 in (letter, landscape)``, ``A4 (8.27 × 11.69 in)``."""
    w, h = width / POINTS, height / POINTS
    portrait = (min(w, h), max(w, h))
    name = next(
        (n for (a, b), n in NAMED_SIZES.items() if abs(portrait[0] - a) <= 0.1 and abs(portrait[1] - b) <= 0.1),
        None,
    )  # fmt: skip
    dims = f"{_inches(width)} × {_inches(height)} in"
    if name is None:
        return dims + (", landscape" if w > h else "")
    return f"{dims} ({name}{', landscape' if w > h else ''})"


def _inches(points: float) -> str:
    return f"{points / POINTS:.2f}".rstrip("0").rstrip(".")


_SUBSET = re.compile(r"^[A-Z]{6}\+")


def _fonts(pdf: pymupdf.Document) -> list[Problem]:
    """The fonts the file uses without carrying them, in one problem. A font only the
    court's CM/ECF header stamp uses is the court's, not the filer's: a note."""
    pages: dict[str, list[int]] = {}
    for index in range(pdf.page_count):
        for xref, ext, kind, basefont, *_ in pdf[index].get_fonts(full=True):
            if ext != "n/a" or kind == "Type3" or not xref:
                continue
            name = _SUBSET.sub("", basefont) or "an unnamed font"
            if index + 1 not in pages.setdefault(name, []):
                pages[name].append(index + 1)
    stamp, own = [], []
    for name, where in pages.items():
        only_stamp = all(_only_in_stamp(pdf[p - 1], name) for p in where)
        (stamp if only_stamp else own).append(f"{name} ({_pages(where)})")
    out = []
    if own:
        first = min(p for where in pages.values() for p in where)
        out.append(
            Problem(
                "font_not_embedded",
                f"{_count(len(own), 'font')} used but not embedded: {'; '.join(own)}; e-filing "
                f"wants every font embedded: {REMEDIES['font_not_embedded']}",
                page=None if len(own) > 1 or first is None else first,
            )
        )
    if stamp:
        out.append(
            Problem(
                "font_not_embedded",
                f"{'; '.join(stamp)} not embedded, but only the court's CM/ECF header stamp uses "
                "it: nothing to do",
                severity=SEVERITY_NOTE,
            )
        )
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _only_in_stamp(page: pymupdf.Page, font: str) -> bool:
    """Whether every line of text in ``font`` on the page is a CM/ECF header stamp."""
    used = False
    for block in page.get_text("dict", flags=0)["blocks"]:
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if _SUBSET.sub("", s["font"]) == font]
            if not spans or not any(s["text"].strip() for s in spans):
                continue
            used = True
            if not is_ecf_stamp("".join(s["text"] for s in line["spans"])):
                return False
    return used


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"pages {text}"


def _searchable_from_document(doc: Document) -> list[tuple[int, str]]:
    out = []
    for page in doc.pages:
        if page.ocr or (not page.has_text_layer and page.images):
            # a scan filed through CM/ECF has a line of live text, its stamp, and no other
            what = "no text layer" if not page.has_text_layer else "no text but its stamp"
            read = "; its words were read by OCR and checked too" if page.ocr else ""
            out.append((page.number, f"the page is an image with {what}{read}"))
        elif page.scanned and not page.ocr:
            lines: dict[int, list[str]] = {}
            for w in page.words:
                lines.setdefault(w.line, []).append(w.text)
            words = _body_words(list(lines.values()))
            if words < MIN_SEARCHABLE_WORDS:
                out.append((page.number, _thin(words)))
    return out


def _searchable_from_pdf(pdf: pymupdf.Document) -> list[tuple[int, str]]:
    out = []
    for index in range(pdf.page_count):
        page = pdf[index]
        words = page.get_text("words")
        images = page.get_image_info()
        area = max(page.rect.width * page.rect.height, 1.0)
        scanned = any(
            (pymupdf.Rect(i["bbox"]) & page.rect).get_area() >= 0.8 * area for i in images
        )
        if not words and (images or page.get_drawings()):
            out.append((index + 1, "the page is an image with no text layer"))
        elif scanned:
            lines: dict[tuple[int, int], list[str]] = {}
            for w in words:
                lines.setdefault((w[5], w[6]), []).append(w[4])
            body = _body_words(list(lines.values()))
            if body < MIN_SEARCHABLE_WORDS and not _blacked_out(page):
                out.append((index + 1, _thin(body)))
    return out


def _blacked_out(page: pymupdf.Page) -> bool:
    """A page redacted whole (one black box and its label) has nothing left to search."""
    pix = page.get_pixmap(dpi=24, colorspace=pymupdf.csGRAY)
    return sum(1 for v in pix.samples if v < 96) >= 0.8 * max(len(pix.samples), 1)


def _body_words(lines: list[list[str]]) -> int:
    """The words of a page outside CM/ECF header stamps."""
    return sum(len(words) for words in lines if not is_ecf_stamp(" ".join(words)))


def _thin(words: int) -> str:
    return (
        f"the page is a scan whose text layer holds only {_count(words, 'word')} besides "
        "header stamps, not the page's text"
    )
