"""Drafts of the papers that go with a package, filled from the caption read.

Which papers a court wants, their titles and how each is delivered come from the
court profile, for each kind of package: a request to seal (notice, request,
motion, application, letter motion, declaration, proposed order) or proposed
redactions lodged for in camera review (notice of lodging, letter to chambers,
declaration). Each kind of paper is a short template here. An in camera package
asks the court to review proposed redactions, not to seal: none of its papers is
a sealing request. The order that asked for the papers (``--order "ECF No. 42,
2026-11-03"``) is cited where given. What only counsel can write (the reasons,
the declarant's facts, the dates of service) is left as a marked blank:
``[COUNSEL TO COMPLETE: ...]``. Each draft is written as a PDF and as Markdown (to
paste into the firm's pleading template).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from ..profiles import CourtProfile, Paper
from .caption import Caption
from .exhibit import Exhibit
from .pdfdoc import html_to_pdf
from .tables import BLANK, TableRow, blanks_html, table_html


def blank(what: str) -> str:
    return BLANK.format(what=what)


@dataclass(frozen=True)
class Order:
    """The court's order that asked for the package: its docket entry and its date."""

    text: str  # as given: "ECF No. 42, 2026-11-03"
    docket: str | None = None  # "ECF No. 42"
    day: date | None = None

    @classmethod
    def parse(cls, text: str) -> Order:
        """Read ``ECF No. 42, 2026-11-03`` (or ``Dkt. 42``, ``Doc. 74``, ``11/03/2026``,
        ``November 3, 2026``, in any order); what cannot be read is cited as given."""
        text = " ".join(text.split())
        m = re.search(r"(?i)\b(?:ECF|Dkt\.?|Docket|Doc\.?)\s*(?:No\.?|#)?\s*\d+(?:-\d+)?", text)
        docket = " ".join(m.group(0).split()) if m else None
        return cls(text, docket, _date(text))

    def cite(self) -> str:
        """``the Court's order of November 3, 2026 (ECF No. 42)``."""
        if self.day and self.docket:
            return f"the Court's order of {_long(self.day)} ({self.docket})"
        if self.day:
            return f"the Court's order of {_long(self.day)}"
        if self.docket:
            return f"the Court's order ({self.docket})"
        return f"the Court's order ({self.text})"


MONTHS = ("January February March April May June July August September October November "
          "December").split()  # fmt: skip


def _date(text: str) -> date | None:
    tries = [
        (r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", lambda m: (int(m[1]), int(m[2]), int(m[3]))),
        (r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", lambda m: (int(m[3]), int(m[1]), int(m[2]))),
        (rf"\b({'|'.join(MONTHS)})\s+(\d{{1,2}}),?\s+(\d{{4}})\b",
         lambda m: (int(m[3]), MONTHS.index(m[1].capitalize()) + 1, int(m[2]))),
    ]  # fmt: skip
    for pattern, parts in tries:
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            try:
                return date(*parts(m))
            except ValueError:
                return None
    return None


def _long(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


@dataclass(frozen=True)
class Draft:
    paper: Paper
    slug: str  # file-name stem: "draft-1-notice-of-request-to-seal-documents"
    pdf: bytes
    markdown: str


@dataclass(frozen=True)
class Facts:
    """What the templates fill in."""

    caption: Caption
    profile: CourtProfile
    exhibits: list[Exhibit]
    rows: list[TableRow]
    in_camera: bool
    order: Order | None = None

    @property
    def papers(self) -> tuple[Paper, ...]:
        return self.profile.papers(self.in_camera)

    @property
    def authority(self) -> str:
        """What the papers are made under: the order, if one was named."""
        return self.order.cite() if self.order else ""

    @property
    def submission(self) -> str:
        return (
            "submitted for in camera review"
            if self.in_camera
            else "lodged conditionally under seal"
        )

    @property
    def rules(self) -> str:
        return _join(list(self.profile.rules)) or blank("rule authorizing sealing")

    @property
    def documents(self) -> str:
        return _join([f"{ex.label} ({ex.title})" for ex in self.exhibits])

    @property
    def court(self) -> str:
        c = self.caption
        return " ".join(
            x
            for x in (c.court or self.profile.court_title, c.district or self.profile.district)
            if x
        )

    @property
    def case(self) -> str:
        return self.caption.case_number or blank("case number")

    @property
    def delivery_to_chambers(self) -> str:
        return self.profile.delivery("highlighted", self.in_camera).split(";")[0]

    @property
    def short_caption(self) -> str:
        c = self.caption
        return f"{c.plaintiff or blank('plaintiff')} v. {c.defendant or blank('defendant')}"


def write_drafts(facts: Facts) -> list[Draft]:
    out = []
    for i, paper in enumerate(facts.papers, 1):
        blocks = TEMPLATES[paper.kind](facts, paper)
        stem = "-".join(re.findall(r"[a-z0-9]+", paper.title.lower()))[:70].rstrip("-")
        head = (
            letterhead_html()
            if paper.kind in LETTERS
            else caption_html(facts.caption, facts.profile, paper.title)
        )
        body = head + "".join(_html(b, facts) for b in blocks)
        footer = f"{paper.title} – DRAFT"
        out.append(
            Draft(
                paper=paper,
                slug=f"draft-{i}-{stem}",
                pdf=html_to_pdf(body, footer=footer),
                markdown=_markdown(paper, blocks, facts),
            )
        )
    return out


LETTERS = ("cover_letter", "letter_motion")  # written on counsel's letterhead, not under a caption


def letterhead_html() -> str:
    head = html.escape(blank("counsel's letterhead"))
    return f"<p class='center'>{head}</p><br/>"


def boilerplate(profile: CourtProfile, in_camera: bool) -> str:
    """The fixed words of every paper, with no document in it: what the package says itself."""
    facts = Facts(Caption(), profile, [], [], in_camera)
    return "\n".join(_markdown(p, TEMPLATES[p.kind](facts, p), facts) for p in facts.papers)


def caption_html(caption: Caption, profile: CourtProfile, title: str) -> str:
    court = html.escape(caption.court or profile.court_title)
    district = html.escape(caption.district or profile.district)
    left = (
        f"{html.escape(caption.plaintiff or blank('plaintiff'))},<br/><br/>&#160;&#160;&#160;&#160;Plaintiff,<br/><br/>"
        f"&#160;&#160;v.<br/><br/>{html.escape(caption.defendant or blank('defendant'))},<br/><br/>"
        "&#160;&#160;&#160;&#160;Defendant."
    )
    right = f"Case No. {html.escape(caption.case_number or blank('case number'))}<br/><br/><b>{html.escape(title)}</b>"
    return (
        f"<p class='small'>{html.escape(blank('name, bar number, address, telephone and e-mail of counsel'))}</p>"
        f"<p class='court'>{court}</p><p class='court'>{district}</p><br/>"
        f"<table class='caption'><tr><td width='50%'>{left}</td><td>{right}</td></tr></table>"
    )


# -- the templates: a list of blocks, ("p", text) ("h", text) ("table", "") ("sig", who) --

Block = tuple[str, str]


def _request_body(f: Facts, verb: str) -> list[Block]:
    n = len(f.rows)
    return [
        (
            "p",
            f"{blank('moving party')} {verb}, under {f.rules}"
            f"{', as ' + f.authority + ' directs' if f.authority else ''}, an order sealing the portions of "
            f"{f.documents} identified in the table below ({n} portion{'s' if n != 1 else ''}). "
            f"A redacted version of each document is filed publicly; the unredacted version, each "
            f"proposed redaction highlighted and numbered, is {f.submission}.",
        ),
        ("h", "Reasons for sealing"),
        (
            "p",
            blank(
                "the compelling reasons or good cause for sealing each portion, with the facts and "
                "authority that support them; a protective-order designation alone is not a reason"
            ),
        ),
        (
            "p",
            "Only the portions listed are proposed for sealing; the rest of each document is "
            "filed publicly. Each portion is identified by its number in the highlighted copy and by "
            "the reference identifier of the sealed reference list (Fed. R. Civ. P. 5.2(g)).",
        ),
        ("table", ""),
        (
            "p",
            f"Service: {blank('how and when the request and documents were served on the other parties')}",
        ),
        ("sig", ""),
    ]


def _notice(f: Facts, paper: Paper) -> list[Block]:
    return [
        (
            "p",
            f"PLEASE TAKE NOTICE that {blank('moving party')} requests, under {f.rules}"
            f"{', as ' + f.authority + ' directs' if f.authority else ''}, that the Court "
            f"seal portions of the following documents: {f.documents}. The portions (listed by "
            f"document, page and line in the proposed order) are personal identifiers and other "
            f"information described there; basis for sealing: {blank('general statement of the basis')}.",
        ),
        (
            "p",
            f"The Request to Seal Documents, the proposed order and the documents were submitted to "
            f"chambers by e-mail on {blank('date')}; the unredacted documents are {f.submission}. "
            f"They were served on the other parties {blank('how and when, or why not')}.",
        ),
        ("sig", ""),
    ]


def _request(f: Facts, paper: Paper) -> list[Block]:
    return _request_body(f, "requests")


def _motion(f: Facts, paper: Paper) -> list[Block]:
    return _request_body(f, "moves for")


def _application(f: Facts, paper: Paper) -> list[Block]:
    return _request_body(f, "applies for")


def _letter(f: Facts, paper: Paper) -> list[Block]:
    return [
        (
            "p",
            f"{blank('date')}<br/>VIA ECF<br/>{blank('Hon. assigned judge')}<br/>{_title_case(f.court)}",
        ),
        ("p", f"Re: {f.short_caption}, No. {f.case}"),
        ("p", f"Dear Judge {blank('name')}:"),
        *_request_body(f, "respectfully requests")[:-1],
        ("p", "Respectfully submitted,"),
        ("sig", ""),
    ]


def _declaration(f: Facts, paper: Paper) -> list[Block]:
    if f.in_camera:
        what = (
            f"2. The documents {f.documents} contain the proposed redactions listed in the table "
            f"of proposed redactions. The unredacted versions, each proposed redaction highlighted "
            f"and numbered, are {f.submission}."
        )
        why = "the facts showing why each proposed redaction is warranted and the harm disclosure would cause"
    else:
        what = (
            f"2. The documents {f.documents} contain the portions listed in the table attached to "
            f"the proposed order. The unredacted versions, each portion highlighted and numbered, are "
            f"{f.submission}; redacted versions are filed publicly."
        )
        why = "the facts showing why each portion should be sealed and the harm disclosure would cause"
    return [
        ("p", f"I, {blank('name of declarant')}, declare:"),
        (
            "p",
            f"1. I am {blank('who the declarant is and how the declarant knows the facts')}. I have "
            "personal knowledge of the facts stated here and could testify to them.",
        ),
        ("p", what),
        ("p", f"3. {blank(why)}"),
        (
            "p",
            "I declare under penalty of perjury under the laws of the United States that the "
            f"foregoing is true and correct. Executed on {blank('date')} at {blank('city, state')}.",
        ),
        ("sig", "declarant"),
    ]


def _order(f: Facts, paper: Paper) -> list[Block]:
    return [
        (
            "p",
            f"Having considered the request to seal and the documents {f.submission}, and good cause "
            f"appearing, the Court ORDERS that the following portions of {f.documents} be filed under "
            "seal. The redacted versions shall remain on the public docket.",
        ),
        ("table", ""),
        ("p", "IT IS SO ORDERED."),
        (
            "p",
            "Dated: ____________________<br/><br/>____________________________________<br/>"
            "UNITED STATES DISTRICT JUDGE",
        ),
    ]


def _lodged(f: Facts) -> str:
    """Under what the proposed redactions are lodged: the order, or a blank."""
    if f.authority:
        return f"Pursuant to {f.authority}"
    return f"Pursuant to {blank('the order or rule under which the documents are lodged (date, ECF No.)')}"


def _notice_of_lodging(f: Facts, paper: Paper) -> list[Block]:
    n = len(f.rows)
    return [
        (
            "p",
            f"PLEASE TAKE NOTICE: {_lodged(f)}, {blank('party')} lodges with the Court, for its in "
            f"camera review, the unredacted versions of {f.documents}, each proposed redaction "
            f"highlighted and numbered ({n} proposed redaction{'s' if n != 1 else ''}). The lodged "
            "versions are not filed on the public docket.",
        ),
        (
            "p",
            "The table below lists each proposed redaction by document, page and line, and says "
            "what it is without disclosing it. Each is identified by its number in the highlighted "
            "copy and by the identifier of the reference list (Fed. R. Civ. P. 5.2(g)).",
        ),
        ("table", ""),
        (
            "p",
            f"The lodged versions were delivered to chambers on {blank('date')} "
            f"({f.delivery_to_chambers}) and served on the other parties "
            f"{blank('how and when, as the protective order requires')}. A redacted version of each "
            "document will be filed as the Court directs after its review.",
        ),
        ("sig", ""),
    ]


def _cover_letter(f: Facts, paper: Paper) -> list[Block]:
    n = len(f.rows)
    enclosed = [
        f"the unredacted version of each document, every proposed redaction highlighted and "
        f"numbered, marked “{f.profile.legend(True)}”",
        "the redacted version of each document",
        "the table of proposed redactions",
        "the reference list (Fed. R. Civ. P. 5.2(g)), which holds the redacted information",
    ]
    return [
        ("p", f"{blank('date')}<br/>{blank('Hon. assigned judge')}<br/>{_title_case(f.court)}"),
        (
            "p",
            f"Re: {f.short_caption}, No. {f.case}: proposed redactions lodged for in camera review",
        ),
        ("p", f"Dear Judge {blank('name')}:"),
        (
            "p",
            f"{_lodged(f)}, {blank('party')} submits for the Court's in camera review the "
            f"unredacted versions of {f.documents}, with each of the {n} proposed "
            f"redaction{'s' if n != 1 else ''} highlighted and numbered as in the enclosed table. "
            f"Enclosed: {_join([f'({i}) {e}' for i, e in enumerate(enclosed, 1)])}.",
        ),
        (
            "p",
            f"The basis for the proposed redactions: {blank('the reasons for each redaction, with the facts and authority that support them')}.",
        ),
        (
            "p",
            f"A notice of lodging was filed on the public docket ({blank('ECF No.')}). The proposed "
            f"redactions were served on {blank('counsel of record, and how')}.",
        ),
        ("p", "Respectfully submitted,"),
        ("sig", ""),
        ("p", f"cc: {blank('counsel of record')}"),
    ]


TEMPLATES = {
    "notice": _notice, "request": _request, "motion": _motion, "application": _application,
    "letter_motion": _letter, "declaration": _declaration, "proposed_order": _order,
    "notice_of_lodging": _notice_of_lodging, "cover_letter": _cover_letter,
}  # fmt: skip


def _html(block: Block, f: Facts) -> str:
    kind, text = block
    if kind == "table":
        return table_html(f.rows, in_camera=f.in_camera)
    if kind == "h":
        return f"<h2>{html.escape(text)}</h2>"
    if kind == "sig":
        who = (
            blank("name of declarant")
            if text == "declarant"
            else blank("name of counsel; attorneys for moving party")
        )
        return blanks_html(f"<p>Dated: {blank('date')}</p><p>/s/ {who}</p>")
    return f"<p>{blanks_html(_escape_keep_br(text))}</p>"


def _escape_keep_br(text: str) -> str:
    return "<br/>".join(html.escape(part, quote=False) for part in text.split("<br/>"))


def _markdown(paper: Paper, blocks: list[Block], f: Facts) -> str:
    c = f.caption
    lines = [
        blank("name, bar number, address, telephone and e-mail of counsel"), "",
        f"**{c.court or f.profile.court_title}**  ",
        f"**{c.district or f.profile.district}**", "",
        f"{f.short_caption}  ", f"Case No. {f.case}", "",
    ]  # fmt: skip
    if paper.kind in LETTERS:
        lines = [blank("counsel's letterhead"), ""]
    lines += [f"# {paper.title}", "", f"_Delivery: {paper.delivery}_", ""]
    for kind, text in blocks:
        if kind == "table":
            lines += [
                f"| No. | Ref. | Document | Location | {'Proposed redaction' if f.in_camera else 'Portion'} | Reason |",
                "|---|---|---|---|---|---|",
            ]
            lines += [
                f"| {r.id} | {r.reference} | {r.exhibit}: {r.document} | {r.where} | {r.portion} | {r.reason} |"
                for r in f.rows
            ]
        elif kind == "h":
            lines.append(f"## {text}")
        elif kind == "sig":
            lines.append(f"Dated: {blank('date')}  \n/s/ {blank('name of signer')}")
        else:
            lines.append(text.replace("<br/>", "  \n"))
        lines.append("")
    return "\n".join(lines)


_SMALL_WORDS = {"of", "for", "the", "and", "in", "on", "at", "to"}


def _title_case(text: str) -> str:
    """``UNITED STATES DISTRICT COURT EASTERN DISTRICT OF CALIFORNIA`` as a letter addresses it."""
    words = text.split()
    return " ".join(
        w.lower() if i and w.lower() in _SMALL_WORDS else w[:1].upper() + w[1:].lower()
        for i, w in enumerate(words)
    )


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]
