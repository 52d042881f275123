"""Drafts of the papers that go with a sealing package, filled from the caption read.

Which papers a court wants, their titles and how each is delivered come from the
court profile; each kind of paper (notice, request, motion, application, letter
motion, declaration, proposed order) is a short template here. What only counsel
can write (the reasons, the declarant's facts, the dates of service) is left as a
marked blank: ``[COUNSEL TO COMPLETE: ...]``. Each draft is written as a PDF and
as Markdown (to paste into the firm's pleading template).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..profiles import CourtProfile, Paper
from .caption import Caption
from .exhibit import Exhibit
from .pdfdoc import html_to_pdf
from .tables import BLANK, TableRow, blanks_html, table_html


def blank(what: str) -> str:
    return BLANK.format(what=what)


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
    def short_caption(self) -> str:
        c = self.caption
        return f"{c.plaintiff or blank('plaintiff')} v. {c.defendant or blank('defendant')}"


def write_drafts(facts: Facts) -> list[Draft]:
    out = []
    for i, paper in enumerate(facts.profile.papers, 1):
        blocks = TEMPLATES[paper.kind](facts, paper)
        stem = "-".join(re.findall(r"[a-z0-9]+", paper.title.lower()))[:70].rstrip("-")
        body = caption_html(facts.caption, facts.profile, paper.title) + "".join(
            _html(b, facts) for b in blocks
        )
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


def boilerplate(profile: CourtProfile, in_camera: bool) -> str:
    """The fixed words of every paper, with no document in it: what the package says itself."""
    facts = Facts(Caption(), profile, [], [], in_camera)
    return "\n".join(_markdown(p, TEMPLATES[p.kind](facts, p), facts) for p in profile.papers)


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
            f"{blank('moving party')} {verb}, under {f.rules}, an order sealing the portions of "
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
            f"PLEASE TAKE NOTICE that {blank('moving party')} requests, under {f.rules}, that the Court "
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
            f"{blank('date')}<br/>VIA ECF<br/>{blank('Hon. assigned judge')}<br/>{f.court.title()}",
        ),
        ("p", f"Re: {f.short_caption}, No. {f.case}"),
        ("p", f"Dear Judge {blank('name')}:"),
        *_request_body(f, "respectfully requests")[:-1],
        ("p", "Respectfully submitted,"),
        ("sig", ""),
    ]


def _declaration(f: Facts, paper: Paper) -> list[Block]:
    return [
        ("p", f"I, {blank('name of declarant')}, declare:"),
        (
            "p",
            f"1. I am {blank('who the declarant is and how the declarant knows the facts')}. I have "
            "personal knowledge of the facts stated here and could testify to them.",
        ),
        (
            "p",
            f"2. The documents {f.documents} contain the portions listed in the table attached to "
            f"the proposed order. The unredacted versions, each portion highlighted and numbered, are "
            f"{f.submission}; redacted versions are filed publicly.",
        ),
        (
            "p",
            f"3. {blank('the facts showing why each portion should be sealed and the harm disclosure would cause')}",
        ),
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


TEMPLATES = {
    "notice": _notice, "request": _request, "motion": _motion, "application": _application,
    "letter_motion": _letter, "declaration": _declaration, "proposed_order": _order,
}  # fmt: skip


def _html(block: Block, f: Facts) -> str:
    kind, text = block
    if kind == "table":
        return table_html(f.rows)
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
        f"# {paper.title}", "",
        f"_Delivery: {paper.delivery}_", "",
    ]  # fmt: skip
    for kind, text in blocks:
        if kind == "table":
            lines += [
                "| No. | Ref. | Document | Location | Portion | Reason |",
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


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]
