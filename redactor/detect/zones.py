"""Zones of a page: the court's letterhead, counsel's blocks, a clerk's signature, "cc:" lines.

A clerk reads who a name or a phone number belongs to from where it stands, not
from the string: the court's name over a street address and a telephone is the
court's letterhead; a name over a firm, an office address, a phone and an e-mail,
or over "Counsel for Appellees", is counsel's block; "Sincerely, s/ ... Case
Manager" is the clerk's signature, and the names under "cc:" are counsel. So a
page is cut into *groups*: runs of short lines that are each a contact line (a
name, a firm or office, a street, a city and ZIP, a phone, an e-mail, a
website, a title, a closing), broken by prose or by a blank line. A group is
the public record when it holds an anchor:

* the court: a court's name with its own address, phone or website, or a court
  title (Clerk, Case Manager, Chief Judge) under a name: ``COURT`` zone;
* counsel: a firm or a legal office (LLP, Law Office, Solicitor, Public
  Defender, Attorney General), "Esq.", a bar number, "Counsel for ...",
  "Attorneys for ...", an "s/" signature, a "cc:" line: ``COUNSEL`` zone.

Every line of such a group is reported as public (court, staff, counsel, firm,
office address, phone, e-mail, bar number), its names join the filing's public
names, and the whole group is one region, so a private rule's match inside it
(an address pattern over "40 Foley Square / New York, NY 10007") stands down.

A document the court itself issued (a clerk's letter or notice: the court's
letterhead with its street address or phone on page 1) addresses counsel and
parties: there every contact group is public, whatever its anchors.
A private person's contact details are written otherwise: in a sentence ("she
lives at ..."), in a table row, after a form's label; those are not groups here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import PublicNames, looks_like_name
from .spans import Span

REGION = "_REGION"

_MAX_WORDS = 9
_MAX_CHARS = 80

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_NUMBER = r"(?:\+?1[ .-]?)?\(?\d{3}\)?[ .\-]*\d{3}[ .\-]\d{4}(?:[ \t]*(?:ext\.?|x)[ \t]*\d+)?"
_PHONE_LABEL = (
    r"(?:tel(?:ephone)?|phone|ph|fax|facsimile|direct(?:[ \t]+(?:dial|line))?|main|office|cell|mobile|"
    r"voice|t|f|p|d|m)(?:[ \t]+no)?\.?[ \t]*[:#.-]?"
)
# "Tel. (916) 555-0100  Fax (916) 555-0101", "T: 916.555.0100 | F: 916.555.0101": numbers one
# after another, with or without their labels, set apart by a bar, a slash, a comma or spaces.
_PHONE_LINE = re.compile(
    rf"(?i)^(?:{_PHONE_LABEL}[ \t]*)?{_PHONE_NUMBER}(?:(?:[ \t]*[|/,;][ \t]*|[ \t]+)(?:{_PHONE_LABEL}[ \t]*)?{_PHONE_NUMBER})*$"
)
_PHONE_WORD = re.compile(r"(?i)^(?:tel(?:ephone)?|phone|fax|facsimile)\.?:?$")
_STREET = re.compile(
    r"(?i)^(?:\d{1,6}[A-Z]?(?:[ \t]*[-–][ \t]*\d+)?[ \t]+[\w.'’#-]+(?:[ \t]+[\w.,'’#-]+){0,6}"
    r"|(?:one|two|three|four|five)[ \t]+[A-Z][\w'’-]*(?:[ \t]+[\w,.'’#-]+){1,5}"
    r"|(?:suite|ste\.?|room|rm\.?|floor|fl\.?|p\.?[ \t]*o\.?[ \t]+box|post[ \t]+office[ \t]+box|mail[ \t]+stop|unit)\b[ \t]*[\w-]+.*"
    r"|\d+(?:st|nd|rd|th)[ \t]+floor.*)$"
)
_CITY = re.compile(
    r"^[A-Z][A-Za-z.'’ -]{1,40},?[ \t]+(?:[A-Z]{2}|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?|[A-Z]{3,}(?:[ \t]+[A-Z]{3,})?)\.?,?[ \t]+\d{5}(?:-\d{4})?"
    r"(?:[ \t]*[-–,][ \t]*\d{3,5})?$"
    r"|^[A-Z][A-Za-z.'’ -]{1,30},[ \t]+(?!II$|IV$|JR$|SR$)(?:[A-Z]{2}|D\.?C\.?)$"
)
_WEB = re.compile(r"(?i)^(?:web[ \t]*site:?[ \t]*|internet:?[ \t]*)?(?:https?://|www\.)\S+$")
_COURT = re.compile(
    r"(?i)\b(?:court(?:house)?s?|clerk|chambers|judiciary|tribunal|bankruptcy[ \t]+appellate[ \t]+panel)\b"
)
# A court's whole name on one line, as appellate and state courts set it: "United States Court
# of Appeals for the Second Circuit", "Court of Appeal of the State of California Third Appellate
# District", "IN THE SUPREME COURT OF THE STATE OF MONTANA".
_COURT_NAME_LINE = re.compile(
    r"(?i)^(?:in[ \t]+the[ \t]+)?(?:united[ \t]+states[ \t]+(?:court|district|bankruptcy)|court[ \t]+of[ \t]+appeals?|"
    r"supreme[ \t]+court|(?:superior|district|circuit|county)[ \t]+court[ \t]+(?:of|for))\b"
    r"(?:[ \t]+(?:[A-Z][\w.'’-]*|of|the|for|and|&))*[ \t]*$"
)
# "James M. Carter and Judith N. Keep United States Courthouse": a courthouse named for people.
_COURTHOUSE_LINE = re.compile(
    r"^(?:[A-Z][\w.'’-]*|of|the|and|&)(?:[ \t]+(?:[A-Z][\w.'’-]*|of|the|and|&)){0,12}[ \t]+"
    r"(?:Courthouse|COURTHOUSE|Court[ \t]+House|COURT[ \t]+HOUSE|Federal[ \t]+Building|FEDERAL[ \t]+BUILDING)$"
)
# "6706 Pepper Tree Court", "Yucca Ct.": a street named Court after its number is a place, not the court.
_STREET_COURT = re.compile(
    r"\b\d+[A-Z]?[ \t]+(?:[A-Z][\w'’.-]*[ \t]+){1,4}(?:Court|COURT|Ct\.?)(?![\w-])"
)
# A form's labelled field ("DOB: 08/09/1952", "Reporting Party: MBEKI, EMEKA", "Residence: ..."):
# a record about someone, not a line of a letterhead or a signature.
_FIELD = re.compile(r"^[A-Za-z][\w'’./#() -]{0,28}:[ \t]*\S")
# How a letter was sent: "Via Electronic Mail", "BY HAND DELIVERY", "VIA FIRST-CLASS MAIL".
_DELIVERY = re.compile(
    r"(?i)^(?:via|by)[ \t]+(?:(?:electronic|e-?mail|u\.?s\.?|first[ \t-]+class|certified|overnight|regular|hand|"
    r"federal[ \t]+express|fedex|facsimile|fax|ecf|cm/ecf|messenger|courier|and|mail|delivery|only)[ \t,&]*)+$"
)
_COURT_TITLE = re.compile(
    r"(?i)^(?:(?:chief|senior|presiding|acting|associate)[ \t]+)?(?:deputy[ \t]+)?"
    r"(?:clerk(?:[ \t]+of[ \t]+(?:the[ \t]+)?court)?|case[ \t]+manager|courtroom[ \t]+deputy|circuit[ \t]+executive|"
    r"court[ \t]+reporter|(?:united[ \t]+states[ \t]+|u\.s\.[ \t]+)?(?:circuit|district|magistrate|bankruptcy|administrative[ \t]+law)?[ \t]*judge|"
    r"justice|chief[ \t]+justice|commissioner|hearing[ \t]+officer|special[ \t]+master|referee|staff[ \t]+attorney)s?,?$"
)
_COUNSEL_TITLE = re.compile(
    r"(?i)^(?:(?:lead|local|trial|appellate|pro[ \t]+bono|co-?)[ \t]*)?(?:attorneys?|counsel|lawyers?)[ \t]+(?:of[ \t]+record[ \t]+)?for\b"
    r"|^(?:assistant[ \t]+|deputy[ \t]+|senior[ \t]+|special[ \t]+)*(?:united[ \t]+states[ \t]+attorney|attorney[ \t]+general|"
    r"district[ \t]+attorney|public[ \t]+defender|solicitor(?:[ \t]+general)?|city[ \t]+attorney|county[ \t]+counsel|"
    r"general[ \t]+counsel|trial[ \t]+attorney|attorney(?:[ \t]+at[ \t]+law)?|of[ \t]+counsel|counsel)s?,?$"
    r"|\b(?:bar|SBN|state[ \t]+bar|bar[ \t]+roll|ARDC|attorney)[ \t]*(?:no\.?|number|#|id)\b|\bSBN\b|\bpro[ \t]+hac[ \t]+vice\b"
    r"|^(?:appearances?(?:[ \t]+of[ \t]+counsel)?|(?:on[ \t]+behalf[ \t]+of|for)[ \t]+(?:the[ \t]+)?(?:plaintiff|defendant|petitioner|respondent|"
    r"appellant|appellee|debtor|government|united[ \t]+states|state|people|witness|deponent|movant|claimant)s?\b[^.;]*)$"
)
_FIRM = re.compile(
    r"\b(?:LLP|L\.L\.P\.|LLC|L\.L\.C\.|PLLC|P\.L\.L\.C\.|P\.C\.|PC|P\.A\.|LPA|Chartered)\b"
    r"|(?i:\blaw(?:[ \t]+(?:office|firm|group|center|offices|corporation))?\b|\blawyers['’]?\b|\battorneys?\b|\bsolicitor\b|"
    r"^the[ \t]+[\w'’-]+[ \t]+(?:law[ \t]+)?firm$|"
    r"\bpublic[ \t]+defender\b|\bdistrict[ \t]+attorney\b|\battorney[ \t]+general\b|\bcounsel\b|\blegal[ \t]+(?:aid|services|defense|defence)\b|"
    r"\bdepartment[ \t]+of[ \t]+justice\b|\bcivil[ \t]+liberties\b|\bjustice[ \t]+center\b)"
    r"|^[A-Z][\w'’.-]+(?:,?[ \t]+[A-Z][\w'’.-]+)*,?[ \t]+&[ \t]*(?:[A-Z][\w'’.-]+)?|^&[ \t]*[A-Z]"
)
_EMAIL_LINE = re.compile(
    rf"(?i)^(?:e-?mail(?:[ \t]+address)?[ \t]*[:.-]?|e[ \t]*[-:])?[ \t]*[(<]?{EMAIL.pattern}"
    rf"(?:[ \t]*[,;/][ \t]*{EMAIL.pattern})*[ \t]*[)>]?$"
)  # "(kfleming@griffithllp.com)" under the name it belongs to, in a service list
# "III. LEGAL STANDARD", "A. Background", "1. Parties": a heading of the body, not a contact line.
_HEADING = re.compile(r"^(?:[IVXL]{1,5}|[A-Z]|\d{1,2})[.)][ \t]+\S")
_CITED = re.compile(
    r"\b\d+[ \t]+[A-Z][\w.]*(?:[ \t]+[\w.]+){0,3}[ \t]+\d+\b|\(\d{4}\)"
)  # "40 Cal. 4th 360", "(2007)"
_ESQ = re.compile(r"(?i),?[ \t]*\besq(?:uire)?\.?")
_SIGNED = re.compile(r"(?i)^(?:by:?[ \t]*)?/?s/")
_CC = re.compile(
    r"(?i)^(?:cc|bcc|copies[ \t]+to|copy[ \t]+to|via[ \t]+(?:ecf|e-?mail|cm/ecf))\b[ \t]*:?"
)
_CLOSING = re.compile(
    r"(?i)^(?:sincerely(?:[ \t]+yours)?|very[ \t]+truly[ \t]+yours|yours[ \t]+(?:truly|very[ \t]+truly)|respectfully(?:[ \t]+submitted)?|"
    r"best[ \t]+regards|regards|enclosures?|encl\.|attachments?|for[ \t]+the[ \t]+court|by[ \t]+the[ \t]+court)[,.:]?$"
)
_HONORIFIC = re.compile(r"^(?:(?:Mr|Ms|Mrs|Miss|Dr|Hon|Honorable|The[ \t]+Honorable)\.?[ \t]+)")
_NAME_TAIL = re.compile(r"(?:,?[ \t]+(?:Jr|Sr|II|III|IV|Esq|Esquire)\.?|[*†‡]+|,)+[ \t]*$", re.I)
_SENTENCE = re.compile(
    r"[a-z]{2,}[.!?][\"”)]?$|[a-z][;][ \t]|^\W*(?i:the|a|an|to|of|and|in|this|that|if|please)\b[ \t]+[a-z]"
)
_WORDS_LOWER = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|shall|may|must|should|would|could|that|which|who|this)\b"
)


@dataclass(frozen=True)
class ZoneLine:
    start: int
    end: int
    kind: str  # name, firm, org, court, title, counsel_title, street, city, phone, email, web, cc, closing, signed
    para: int  # how many blank lines came before it in its block: a blank line starts a new group


_TRANSCRIPT_NUMBER = re.compile(r"^\s*\d{1,2}(?:[ \t]{2,}|$)")


def _kind(line: str) -> str | None:
    """What a short line of a contact group is, or None when it is not one."""
    s = _TRANSCRIPT_NUMBER.sub(
        "", line
    ).strip()  # a transcript's line number: "4     THE GOLDSON LAW OFFICE"
    if s and (_COURT_NAME_LINE.match(s) or _COURTHOUSE_LINE.match(s)) and len(s) <= 100:
        return "court"  # "Court of Appeal of the State of California Third Appellate District"
    if "|" in s and len(s) <= 2 * _MAX_CHARS:
        kinds = {_kind(part) for part in s.split("|") if part.strip()}
        for kind in ("web", "email", "phone", "street", "city"):
            if kind in kinds and kinds <= set(_CONTACT):
                return kind  # "779 Aspen Court | Visalia, California 93291": a letterhead's line
    if not s or len(s) > _MAX_CHARS or len(s.split()) > _MAX_WORDS:
        return None
    if _SIGNED.match(s):
        return "signed"
    if _DELIVERY.match(s):
        return "delivery"
    if _CC.match(s):
        return "cc"
    if _CLOSING.match(s):
        return "closing"
    if _HEADING.match(s):
        return None
    if _EMAIL_LINE.match(s):
        return "email"
    named = _NAME_EMAIL.match(s)
    if named and looks_like_name(_clean_name(named.group(1))):
        return "name"  # "Amara M. Duffy (duffy@duffy-law.com)": a service list's entry

    if _PHONE_LINE.match(s):
        return "phone"
    if _PHONE_WORD.match(s):
        return "phone_word"  # "TELEPHONE" over its number, or a table's column heading
    if _WEB.match(s):
        return "web"
    if _COURT_TITLE.match(s):
        return "title"
    if _COUNSEL_TITLE.search(s):
        return "counsel_title"
    if _CITY.match(s):
        return "city"
    if _STREET.match(s) and not _WORDS_LOWER.search(s):
        return "street"
    if "," in s and _street_and_city(s):
        return "street"  # "1576 Garden Grove Lane, Suite 1400, Escondido, California 92025"
    if _FIELD.match(s):
        return None  # "Residence: 6706 Pepper Tree Court": a form's field, whatever its value
    bare = _NAME_TAIL.sub("", _ESQ.sub("", s)).strip()  # "Esq.", "Jr." do not end a sentence
    if _SENTENCE.search(bare) or _WORDS_LOWER.search(bare) or _CITED.search(s):
        return None
    if _COURT.search(_STREET_COURT.sub("", s)):
        return "court"
    if _FIRM.search(s):
        return "firm"
    if _ESQ.search(s):
        return "name"
    if looks_like_name(_clean_name(s)):
        return "name"
    if re.search(r"\d{2,}[-/.]\d{2,}", s):
        return None  # "SSN 842-30-3628": an identifier is no office's or agency's name
    if s.isupper() or re.fullmatch(
        r"(?:[A-Z][\w.'’&,-]*|of|the|and|for|&)(?:[ \t]+(?:[A-Z][\w.'’&,-]*|of|the|and|for|&))*", s
    ):
        return "org"  # a capitalised line: an office, an agency, a continued firm name
    return None


_NAME_EMAIL = re.compile(
    rf"^(.{{3,60}}?),?[ \t]*(?:\(|<|[-–—][ \t]*)[ \t]*(?:e-?mail:?[ \t]*)?{EMAIL.pattern}[ \t]*[)>]?$",
    re.I,
)


def _street_and_city(s: str) -> bool:
    """A street and its city on one line: the head a street, the tail "City, ST 12345"."""
    parts = s.split(",")
    for i in range(1, len(parts) - 1):
        head, tail = ",".join(parts[:i]), ",".join(parts[i:])
        if _STREET.match(head.strip()) and _CITY.match(tail.strip()) and not _WORDS_LOWER.search(s):
            return True
    return False


def _clean_name(line: str) -> str:
    s = re.sub(r"(?i)^(?:by:?[ \t]*)?/?s/[ \t]*", "", line.strip())
    s = re.sub(
        rf"[ \t]*(?:\(|<|[-–—])?[ \t]*(?:e-?mail:?[ \t]*)?{EMAIL.pattern}[ \t]*[)>]?$", "", s
    )
    s = _CC.sub("", s).strip()
    s = _HONORIFIC.sub("", s)
    s = _ESQ.sub("", s)
    return _NAME_TAIL.sub("", s).strip()


_CONTACT = ("street", "city", "phone", "email", "web")


def court_letterhead(text: str) -> bool:
    """Whether the text opens with the court's own letterhead: a court's name with its street
    address, phone or website, or a court title under a name, in its first lines."""
    head = "\n".join(text.split("\n")[:16])
    blocks = _blocks(head)
    if not blocks or head[: blocks[0][0].start].strip():
        return False  # the page opens with something else: a date, a caption, a letter to the court
    kinds = [z.kind for z in blocks[0]]
    if "court" not in kinds or any(k in ("counsel_title", "firm", "signed") for k in kinds):
        return False  # counsel's block over the court's name: a pleading, not a court's letter
    contact = [i for i, k in enumerate(kinds) if k in _CONTACT]
    return (bool(contact) and kinds.index("court") < contact[0]) or "title" in kinds


def _blocks(text: str) -> list[list[ZoneLine]]:
    """Groups joined across blank lines: a letterhead is often set with space between its lines."""
    out: list[list[ZoneLine]] = []
    pos = para = 0
    current: list[ZoneLine] = []
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        if not _TRANSCRIPT_NUMBER.sub("", raw).strip():
            para += 1  # a blank line (in a transcript, a line that holds only its number)
            continue
        kind = _kind(raw)
        if kind is None:
            if current:
                out.append(current)
            current = []
            continue
        number = _TRANSCRIPT_NUMBER.match(raw)
        body = raw[number.end() :] if number else raw
        lead = len(raw) - len(body.lstrip())
        current.append(ZoneLine(start + lead, start + len(raw.rstrip()), kind, para))
    if current:
        out.append(current)
    return out


def _paragraphs(block: list[ZoneLine]) -> list[list[ZoneLine]]:
    """A block cut at its blank lines."""
    out: list[list[ZoneLine]] = []
    for z in block:
        # a name right after a city line or a phone starts someone else's lines
        after_address = z.kind == "name" and out and out[-1][-1].kind in ("city", "phone")
        if out and out[-1][-1].para == z.para and not after_address:
            out[-1].append(z)
        else:
            out.append([z])
    return out


_APPEARANCE = re.compile(
    r"(?i)\b(?:entry|notice)[ \t]+of[ \t]+appearance\b|\bappearance[ \t]+of[ \t]+counsel\b"
)


def appearance_form(text: str) -> bool:
    """Whether the page is counsel's appearance form ("Appearance of Counsel Form", "Entry
    of Appearance"): every address, phone and e-mail on it is counsel's own."""
    return bool(_APPEARANCE.search("\n".join(text.split("\n")[:8])))


def zone_spans(text: str, names: PublicNames, *, issued_by_court: bool = False) -> list[Span]:
    """Public spans for every line of the court's and counsel's groups of one page's text."""
    spans: list[Span] = []
    counsels_form = appearance_form(text)
    waiting: list[list[ZoneLine]] = []
    for block in _blocks(text):
        # The court's letterhead is often set with space between its lines, so it is read
        # whole; anyone else's group ends at a blank line, so that an addressee under a
        # firm's letterhead is never taken for the firm.
        if _role(text, block, False) == "court":
            spans += _group_spans(text, block, "court", names)
            continue
        for group in _paragraphs(block):
            role = _role(text, group, issued_by_court)
            if role is not None:
                spans += _group_spans(text, group, role, names)
            else:
                waiting.append(group)
    # A group with no anchor of its own whose name is counsel's or the court's, signed or
    # anchored elsewhere on the page ("Stephen M. Russell, Jr. / 336-645-3320" on an
    # appearance form signed "/s/ Stephen M. Russell, Jr."), is that person's.
    for group in waiting:
        if counsels_form and any(z.kind in _CONTACT for z in group):
            spans += _group_spans(text, group, "counsel", names)
        elif any(
            z.kind == "name" and names.is_officer(_clean_name(text[z.start : z.end])) for z in group
        ) and any(z.kind in _CONTACT for z in group):
            spans += _group_spans(text, group, "counsel", names)
    return spans


def _group_spans(text: str, group: list[ZoneLine], role: str, names: PublicNames) -> list[Span]:
    spans: list[Span] = []
    why = _WHY[role]
    for i, z in enumerate(group):
        category = _category(text, role, group, i)
        if category is None:
            continue
        spans.append(Span(category, z.start, z.end, "legal_context", 1.0, why, private=False))
        if z.kind in ("name", "signed", "cc", "firm"):
            cleaned = _clean_name(text[z.start : z.end])
            if looks_like_name(cleaned):
                # a signer, or a name in the court's own lines, is an officer; a firm's
                # name or a name in counsel's block is public, not a person to follow
                if z.kind == "signed" or role == "court":
                    names.add_officer(cleaned)
                else:
                    names.add(cleaned)
    spans.append(
        Span(REGION, group[0].start, group[-1].end, "legal_context", 1.0, why, private=False)
    )
    return spans


_WHY = {
    "court": "the court's letterhead or a court officer's signature",
    "counsel": "counsel's block (name, firm, office address, phone, e-mail)",
    "addressee": "an addressee of a letter the court issued (counsel or a party)",
}


# "Direct Dial: (415) 555-0100": the writer's line at an office; no private person gives one.
_DIRECT = re.compile(r"(?i)^\W*direct(?:[ \t]+(?:dial|line|phone|tel\.?))?\b")


def _role(text: str, group: list[ZoneLine], issued_by_court: bool) -> str | None:
    kinds = [z.kind for z in group]
    has_contact = any(k in _CONTACT for k in kinds)
    titled = any(
        k == "title" and i > 0 and kinds[i - 1] in ("name", "signed") for i, k in enumerate(kinds)
    )
    if ("court" in kinds and (has_contact or titled)) or titled:
        return "court"
    if any(k in ("counsel_title", "signed", "cc") for k in kinds) or (
        "firm" in kinds and (has_contact or "name" in kinds)
    ):
        return "counsel"
    if any(_ESQ.search(text[z.start : z.end]) for z in group if z.kind == "name"):
        return "counsel"
    if any(z.kind == "phone" and _DIRECT.match(text[z.start : z.end]) for z in group) and all(
        k in ("phone", "email", "web", "delivery") for k in kinds
    ):
        return "counsel"  # the writer's direct line and e-mail under a letter's date
    if "web" in kinds and sum(k in _CONTACT for k in kinds) >= 2 and "name" not in kinds:
        return "counsel"  # an office's letterhead, its address and phone beside its website
    if issued_by_court and "name" in kinds and (has_contact or "org" in kinds or "firm" in kinds):
        return "addressee"
    return None


_BENCH = re.compile(
    r"(?i)judge|justice|commissioner|hearing[ \t]+officer|special[ \t]+master|referee"
)


def _category(text: str, role: str, group: list[ZoneLine], i: int) -> str | None:
    kind = group[i].kind
    if role == "court":
        nxt = group[i + 1] if i + 1 < len(group) else None
        if kind in ("name", "signed"):
            if nxt is not None and nxt.kind == "title":
                return "JUDGE" if _BENCH.search(text[nxt.start : nxt.end]) else "COURT_STAFF"
            return (
                "COURT_STAFF"
                if kind == "signed" or (nxt and nxt.kind in ("name", "phone"))
                else "COUNSEL"
            )
        if kind == "cc":
            return "COUNSEL"
        if kind == "title":
            return "JUDGE" if _BENCH.search(text[group[i].start : group[i].end]) else "COURT_STAFF"
        return "COURT"
    return {
        "name": "COUNSEL",
        "signed": "COUNSEL",
        "cc": "COUNSEL",
        "firm": "FIRM",
        "org": "FIRM",
        "court": "COURT",
        "title": "COURT_STAFF",
        "counsel_title": "COUNSEL",
        "street": "COUNSEL_ADDRESS",
        "city": "COUNSEL_ADDRESS",
        "phone": "COUNSEL_PHONE",
        "phone_word": "COUNSEL_PHONE",
        "email": "COUNSEL_EMAIL",
        "web": "FIRM",
    }.get(kind)
