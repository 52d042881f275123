"""Legal context: the parts of a filing that are the public record and are never redacted.

Caption (parties, case number, court), the attorney block at the top of page 1,
signature blocks, judges and court staff, case names, docket references and the
dates of hearings and orders. Citations, statutes, Bates and bar numbers come
from the public pattern packs. Every public span is reported (private=False) so a
reviewer can see why a name was kept, and the names found here join the
filing's PublicNames.
"""

from __future__ import annotations

import re

from .alternation import by_first_letter
from .names import (
    GAP,
    NAME,
    NAME_OR_SURNAME,
    NAME_WRAPPED,
    TOKEN,
    PublicNames,
    fit_name,
    looks_like_name,
)
from .spans import Span

_WRAP_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"

_I = "(?i:{})".format
JUDGE_TITLE = _I(
    r"(?:(?:chief|senior|presiding|associate|acting|supervising)[ \t]+)?(?:united[ \t]+states[ \t]+|u\.s\.[ \t]+)?"
    r"(?:(?:district|magistrate|bankruptcy|circuit|administrative[ \t]+law|trial|superior[ \t]+court|workers['’]?[ \t]+compensation)[ \t]+judge"
    r"|(?<=chief[ \t])judge|(?<=presiding[ \t])judge|(?<=senior[ \t])judge|justice|commissioner|hearing[ \t]+officer|special[ \t]+master)"
)
_JUDGE_BEFORE = re.compile(
    rf"\b(?:Hon\.|HON\.|Honorable|HONORABLE|(?:(?:Chief|Senior|District|Magistrate|Bankruptcy|Circuit|Presiding)[ \t]+)?Judge|(?:Chief[ \t]+|Associate[ \t]+)?Justice|Commissioner|Hearing[ \t]+Officer)"
    rf"(?:[ \t]*:)?[ \t]+(?:the[ \t]+)?(?:(?:Hon\.|Honorable)[ \t]+)?({NAME_OR_SURNAME})"
)  # "Judge: Hon. Ana Ruiz" in a caption's hearing lines
_JUDGE_AFTER = re.compile(rf"(?m)^[ \t]*(?:/s/[ \t]*)?({NAME})[ \t]*,?[ \t]*\n?[ \t]*{JUDGE_TITLE}")
# "Before Barksdale, Stewart, and Dennis, Circuit Judges.": the panel of an appellate opinion.
_PANEL_ITEM = rf"{TOKEN}(?:[ \t]+{TOKEN}){{0,2}}"
_PANEL = re.compile(
    rf"\b(?:BEFORE|Before|PRESENT|Present)[ \t]*:?[ \t]+({_PANEL_ITEM}(?:(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+){_PANEL_ITEM}){{0,8}})"
    r",?[ \t]*\n?[ \t]*(?i:(?:chief|senior|circuit|district|magistrate|bankruptcy|appellate)[ \t]+){0,2}(?i:judges|justices)\b"
)
# "RAYNEE H. MERCADO, CSR, RMR, CRR": a court reporter's name with the certifications after it.
_REPORTER = re.compile(
    rf"({NAME}),?[ \t]+(?:(?:CSR|RPR|RMR|CRR|CCR|RDR|FCRR|CCRR|CRI|CBC|CCP|RSR|CLR)(?:[ \t]+(?:No\.?[ \t]*)?\d+)?[, \t]*)+"
    rf"(?:[^\n]*?(\(?\d{{3}}\)?[ .\-]*\d{{3}}[ .\-]\d{{4}}))?"
)
_CERTIFIED = re.compile(r"\b(?:CSR|RPR|RMR|CRR|CCR|RDR|FCRR)\b")
# "Debtor 1  Larry Lewis" on a bankruptcy form; "Plaintiff: Jane Roe" on a civil cover sheet.
_PARTY_LABEL = re.compile(
    rf"(?m)^[ \t]*(?:Debtor(?:[ \t]+\d)?|Joint[ \t]+Debtor|Plaintiffs?|Defendants?|Petitioners?|Respondents?)[ \t]*:?[ \t]*\n?[ \t]*({NAME})[ \t]*$"
)
_STAFF_TITLE = _I(
    r"deputy[ \t]+clerk|courtroom[ \t]+deputy|clerk[ \t]+of[ \t]+(?:the[ \t]+)?court|court[ \t]+reporter|law[ \t]+clerk|case[ \t]+manager"
)
_STAFF_AFTER = re.compile(rf"({NAME})[ \t]*,?[ \t]*\n?[ \t]*{_STAFF_TITLE}")
_STAFF_BEFORE = re.compile(rf"(?:{_STAFF_TITLE})[ \t]*[:,]?[ \t]+({NAME})")
_COURT_PHONE = re.compile(
    rf"(?:{_STAFF_TITLE}|(?i:clerk['’]s[ \t]+office|chambers))[^.;]{{0,80}}?(\(?\d{{3}}\)?[ .\-]*\d{{3}}[ .\-]\d{{4}})"
)
_COURT_TITLE = re.compile(
    r"(?im)^[ \t]*(?:UNITED STATES (?:DISTRICT|BANKRUPTCY) COURT|SUPERIOR COURT OF|COURT OF APPEALS?|"
    r"UNITED STATES COURT OF APPEALS|IN THE UNITED STATES).*$"
)
_DISTRICT_LINE = re.compile(
    r"(?im)^[ \t]*(?:FOR THE )?(?:EASTERN|NORTHERN|SOUTHERN|CENTRAL|WESTERN|MIDDLE) DISTRICT OF .*$"
)
_ROLES = (
    "plaintiffs?", "defendants?", "petitioners?", "respondents?", "appellants?", "appellees?",
    "intervenors?", "counter-?(?:claimants?|defendants?)", "real parties in interest",
)  # fmt: skip
_ROLE = rf"(?:cross-?)?(?:{by_first_letter(_ROLES)})"
_ROLE_LINE = re.compile(
    rf"(?im)^(.*?)[ \t,]*\b{_ROLE}(?:[ \t]*[-—–/][ \t]*{_ROLE})*"
    r"(?:[ \t]+and[ \t]+\w+)?[ \t]*[,.;:]?[ \t]*$"
)
_VERSUS_LINE = re.compile(r"(?im)^[ \t]*(?:v\.?|vs\.?|versus)[ \t]*$")
_PARTY_INLINE = re.compile(rf"\b(?i:{by_first_letter(_ROLES[:6])})[ \t]+({NAME})")
# "Defendants Valley Medical Foundation and Samuel Rahman, by and through their counsel":
# the parties a role word lists, an entity first, then a person after "and".
_PARTY_ITEM = rf"{TOKEN}(?:['’]s)?,?(?:{_WRAP_GAP}(?:{TOKEN}(?:['’]s)?,?|of|the|and[ \t]+(?=[A-Z][a-z]+[ \t]+(?:Inc|LLC|Co)\b)|Inc\.,?|LLC,?)){{0,8}}"
_PARTY_LIST = re.compile(
    rf"\b(?i:{by_first_letter(_ROLES[:6])})[ \t]+(?:{_PARTY_ITEM})(?:,?{_WRAP_GAP}and{_WRAP_GAP}|,{_WRAP_GAP})"
    rf"(?!(?i:{by_first_letter(_ROLES[:6])})\b)({NAME_WRAPPED})\b"
)
# "In re: Bard IVC Filters Products Liability Litigation": the matter's own name.
_IN_RE = re.compile(
    r"\b(?:In|IN)[ \t]+(?:re|RE|Re)\b[ \t]*:?[ \t]*([A-Z][^\n,;()]{2,80}(?:\n[ \t]*[A-Z][^\n,;()]{2,60})?)"
)
_PARTY_WORD = rf"(?:{TOKEN}|\([A-Z][A-Za-z.]*\),?|of|the|and|for|ex[ \t]+rel\.|de|del|la|van|von|&|et[ \t]+al\.?|(?:Inc|Co|Corp|Ltd|LLC|L\.L\.C|N\.A)\.?,?)"
_WRAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a case name wraps at " v. " as often as anywhere
_CASE_NAME = re.compile(
    rf"\b({TOKEN}\.?,?(?:{GAP}{_PARTY_WORD}\.?,?){{0,7}}){_WRAP}v\.{_WRAP}({TOKEN}\.?(?:{GAP}{_PARTY_WORD}\.?){{0,7}})"
)
_DOCKET_REF = re.compile(
    r"\b(?:ECF|Dkt\.?|Docket|Doc\.)[ \t]*(?:Nos?\.?|#)?[ \t]*\d+(?:[-–,][ \t]*\d+)*"
)
_DATE = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"[ \t]+\d{1,2},?[ \t]+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_HEARING_LEADS = (
    r"dated", r"date(?=[ \t]*:)", r"hearing[ \t]+date", r"hearing[ \t]+on", r"heard[ \t]+on", r"held[ \t]+on",
    r"set[ \t]+for(?:[ \t]+hearing)?[ \t]+on", r"continued[ \t]+to", r"filed[ \t]+on", r"entered[ \t]+on", r"signed[ \t]+on",
    r"issued[ \t]+on", r"on[ \t]+or[ \t]+before",
)  # fmt: skip
# \b first: at most places it fails at once, before the two look-behinds are read
_HEARING_DATE = re.compile(
    rf"\b(?<![Bb]irth[ \t])(?<![Bb]irth)(?i:{by_first_letter(_HEARING_LEADS)})"
    rf"[ \t]*:?[ \t]*({_DATE})"
)
_SIGNATURE_START = re.compile(r"(?im)^[ \t]*(?:by:?[ \t]*)?/s/|^[ \t]*respectfully[ \t]+submitted")
_ATTORNEYS_FOR = re.compile(r"(?im)^[ \t]*(?:attorneys?|counsel)[ \t]+for\b.*$")
_COUNSEL_HINT = re.compile(r"(?i)\bSBN\b|bar[ \t]+no|state[ \t]+bar|attorneys?[ \t]+for|@|\bEsq\b")
_EMAIL = re.compile(r"@")
_PHONE = re.compile(r"\(?\d{3}\)?[ .\-]*\d{3}[ .\-]\d{4}|(?i:\btel\b|\bfax\b|telephone|facsimile)")
_BAR = re.compile(r"(?i)\bSBN\b|bar[ \t]+(?:no|number)|state[ \t]+bar")
_ADDRESS = re.compile(
    r"(?i)^\s*\d+[ \t]+\w|\bsuite\b|\bfloor\b|\bP\.?O\.?[ \t]+box\b|,[ \t]*[A-Z]{2}[ \t]+\d{5}|\b\d{5}(?:-\d{4})?\s*$"
)
_FIRM = re.compile(
    r"(?i)\bLLP\b|\bLLC\b|\bP\.?C\.|\bLaw\b|\boffices?\b|attorney general|\bgroup\b|&|\bcounsel\b"
)
_MAX_BLOCK_LINES = 12
REGION = "_REGION"  # a block of the public record; never reported itself
JUDGE_TITLE_RE = re.compile(JUDGE_TITLE)

# Words that every match of a rule holds, read as the rule reads them (in the same
# case, or in any case with the same (?i) matching): a text that holds none of them
# cannot match, so the rule is not run over it. One word a regex: a single word is
# found fast, an alternation of words is not.
_JUDGE_BEFORE_WORDS = (
    "Hon",
    "HON",
    "Judge",
    "Justice",
    "Commissioner",
    "Hearing",
)  # Hon., HON., Honorable, HONORABLE, Judge, Justice, Commissioner, Hearing Officer
# JUDGE_TITLE ends with one of them
_JUDGE_AFTER_WORDS = tuple(
    re.compile(f"(?i){w}") for w in ("judge", "justice", "commissioner", "officer", "master")
)
_STAFF_WORDS = tuple(
    re.compile(f"(?i){w}") for w in ("clerk", "deputy", "reporter", "manager", "chambers")
)
_VERSUS = (" v.", "\tv.", "\nv.")  # "v." after the space, tab or line break _CASE_NAME needs


def _holds_any(text: str, words: tuple[str | re.Pattern, ...]) -> bool:
    """Whether ``text`` holds one of the words: a string as written, a regex as it reads."""
    return any(w in text if isinstance(w, str) else w.search(text) for w in words)


def legal_spans(text: str, page_number: int | None, names: PublicNames) -> list[Span]:
    """Public spans in one page's text; adds the people they name to ``names``."""
    spans: list[Span] = []
    if page_number == 1:
        spans += _attorney_block(text, names)
    spans += _signature_blocks(text, names)
    spans += _caption(text, names)
    spans += _judges_and_staff(text, names)
    spans += _case_names(text, names)
    for m in _COURT_TITLE.finditer(text):
        spans.append(
            _public(
                "COURT",
                m.start() + len(m.group(0)) - len(m.group(0).lstrip()),
                m.end(),
                "the court's name",
            )
        )
    for m in _IN_RE.finditer(text):
        spans.append(_public("PARTY", m.start(1), m.end(1), "the matter named 'In re ...'"))
        names.add(m.group(1))
    for m in _DOCKET_REF.finditer(text):
        spans.append(_public("CASE_NUMBER", m.start(), m.end(), "docket reference"))
    for m in _HEARING_DATE.finditer(text):
        spans.append(
            _public(
                "HEARING_DATE", m.start(1), m.end(1), f"date of a hearing or order: '{_head(m)}'"
            )
        )
    return spans


def _public(category: str, start: int, end: int, why: str) -> Span:
    return Span(category, start, end, "legal_context", 1.0, why, private=False)


def _head(m: re.Match) -> str:
    return " ".join(m.group(0)[: m.start(1) - m.start(0)].split())


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append((s, e))
    return out


def _counsel_line(text: str, s: int, e: int, names: PublicNames, why: str) -> Span:
    line = text[s:e]
    if _EMAIL.search(line):
        category = "COUNSEL_EMAIL"
    elif _BAR.search(line):
        category = "BAR_NUMBER"
        names.add(re.split(r"\(|,|\bSBN\b|(?i:bar)", line)[0].replace("/s/", ""))
    elif _PHONE.search(line) and sum(c.isdigit() for c in line) >= 7:
        category = "COUNSEL_PHONE"
    elif _ATTORNEYS_FOR.match(line):
        category = "COUNSEL"
    elif _ADDRESS.search(line):
        category = "COUNSEL_ADDRESS"
    elif _FIRM.search(line):
        category = "FIRM"
    else:
        category = "COUNSEL"
        cleaned = re.sub(r"(?i)^\s*(?:by:?\s*)?(?:/s/\s*)?", "", line)
        if looks_like_name(cleaned.split(",")[0]):
            names.add(cleaned.split(",")[0])
    return _public(category, s, e, why)


def _attorney_block(text: str, names: PublicNames) -> list[Span]:
    """Top of page 1 on pleading paper, above the court's name: counsel, SBN, firm, office."""
    title = _COURT_TITLE.search(text)
    if not title or not _COUNSEL_HINT.search(text[: title.start()]):
        return []
    lines = _lines(text, 0, title.start())[: _MAX_BLOCK_LINES * 2]
    why = "attorney block above the court's name"
    return [_counsel_line(text, s, e, names, why) for s, e in lines] + _region(lines, why)


def _signature_blocks(text: str, names: PublicNames) -> list[Span]:
    """'/s/ Name' or 'Respectfully submitted' down to 'Attorneys for ...': counsel's block."""
    spans: list[Span] = []
    for start in _SIGNATURE_START.finditer(text):
        window = _lines(text, start.start(), len(text))[:_MAX_BLOCK_LINES]
        ends = [i for i, (s, e) in enumerate(window) if _ATTORNEYS_FOR.match(text[s:e])]
        block = window[: ends[0] + 1] if ends else _signer_lines(text, window)
        if any(JUDGE_TITLE_RE.search(text[s:e]) for s, e in block):
            continue  # a judge's signature: the judges' rule reads it
        for s, e in block:
            spans.append(_counsel_line(text, s, e, names, "signature block of counsel"))
        if ends:
            spans += _region(block, "signature block of counsel")
    return spans


def _signer_lines(text: str, window: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Without 'Attorneys for', a signature is only the signer's name lines (a declarant's)."""
    out = []
    for s, e in window[:3]:
        line = re.sub(
            r"(?i)^\s*(?:by:?\s*)?(?:/s/\s*)?|^\s*respectfully\s+submitted,?\s*$", "", text[s:e]
        )
        head = line.split(",")[0]
        # a name is a short run of capitalised words: "A second account, number ..." is a sentence
        if line and not (looks_like_name(head) and re.fullmatch(rf"{NAME}\.?[ \t]*", head)):
            break
        out.append((s, e))
    return out


def _region(lines: list[tuple[int, int]], why: str) -> list[Span]:
    """One span over a whole block, so an office address split over lines stays public."""
    if not lines:
        return []
    return [Span(REGION, lines[0][0], lines[-1][1], "legal_context", 1.0, why, private=False)]


def _caption(text: str, names: PublicNames) -> list[Span]:
    """Parties named in the caption: the lines above 'Plaintiff,' and 'Defendants.'."""
    spans: list[Span] = []
    for m in _ROLE_LINE.finditer(text):
        before = m.group(1)
        if before.strip() and _caption_party(before):
            s = m.start(1) + len(before) - len(before.lstrip())
            spans.append(
                _public(
                    "PARTY", s, m.start(1) + len(before.rstrip(" ,")), "party named in the caption"
                )
            )
            names.add(before)
            continue
        lines = _lines(text, max(0, m.start() - 400), m.start())
        group = []
        for s, e in reversed(lines[-4:]):
            line = text[s:e]
            if (
                _VERSUS_LINE.match(line)
                or _ROLE_LINE.match(line)
                or _COURT_TITLE.match(line)
                or _DISTRICT_LINE.match(line)
            ):
                break
            if _CAPTION_TAIL.match(line):
                continue  # "10, inclusive,": the end of "DOES 1 through 10" wrapped alone
            if not _caption_party(line):
                break
            spans.append(_public("PARTY", s, e, "party named in the caption"))
            names.add(line)
            group.insert(0, line)
        if len(group) > 1:
            names.add(" ".join(group))  # a name the caption wraps over two lines
    for m in _PARTY_INLINE.finditer(text):
        if looks_like_name(m.group(1)):
            spans.append(_public("PARTY", m.start(1), m.end(1), "named as a party"))
            names.add(m.group(1))
    for m in _PARTY_LIST.finditer(text) if " and" in text else ():
        end = fit_name(text, m.start(1), m.end(1))
        name = text[m.start(1) : end]
        if looks_like_name(name):
            spans.append(_public("PARTY", m.start(1), end, "named as a party after a party"))
            names.add(name.replace("\n", " "))
    return spans


_CAPTION_TAIL = re.compile(
    r"(?i)^[ \t]*(?:\d{1,3}[ \t]*(?:through|to|-)[ \t]*|(?:through|to|-)[ \t]*)?\d{1,3}[ \t]*,?"
    r"(?:[ \t]*inclusive)?[ \t]*[,.;]?[ \t]*$|^[ \t]*inclusive[ \t]*[,.]?[ \t]*$"
)


def _caption_party(line: str) -> bool:
    """A caption line naming parties: mostly capitals, no sentence punctuation; or, as
    appellate courts set them, capitalised words ending with the comma or semicolon
    that leads to the party's role ("Vanessa St. Pierre,")."""
    # the words a caption's list is joined with are lower case in any caption
    bare = re.sub(r"\bet al\b\.?|\b(?:and|through|inclusive|dba|aka|an individual)\b", "", line)
    letters = [c for c in bare if c.isalpha()]
    # "INC.; ZHAO RAHMAN; and DOES 1": a caption's list ends with "; and", a sentence does not
    if len(letters) < 3 or len(line) > 120 or re.search(r"[.;:]\s+(?!and\b|or\b)[a-z]", line):
        return False
    if sum(c.isupper() for c in letters) >= 0.7 * len(letters):
        return True
    words = re.findall(r"[A-Za-z][\w'’.-]*", re.sub(r"\bet al\b\.?", "", line))
    return (
        line.rstrip().endswith((",", ";"))
        and len(words) <= 10
        and all(w[0].isupper() for w in words if len(w) > 3 and w.lower() not in _CONNECTORS)
    )


_CONNECTORS = {
    "and",
    "of",
    "the",
    "for",
    "with",
    "through",
    "his",
    "her",
    "their",
    "behalf",
    "others",
}


def _judges_and_staff(text: str, names: PublicNames) -> list[Span]:
    spans: list[Span] = []
    judge_rules = (
        (_JUDGE_BEFORE, "title of a judge before the name", _JUDGE_BEFORE_WORDS),
        (_JUDGE_AFTER, "judge's title after the name", _JUDGE_AFTER_WORDS),
    )
    for rx, why, words in judge_rules:
        if not _holds_any(text, words):
            continue
        for m in rx.finditer(text):
            name = re.sub(r"['’]s$", "", m.group(1))
            if name.split()[0].lower() in ("of", "the") or not name.strip():
                continue
            spans.append(
                _public(
                    "JUDGE",
                    m.start(1),
                    m.start(1) + len(name),
                    f"{why}: '{' '.join(m.group(0).split())[:60]}'",
                )
            )
            names.add(name)
    for m in _REPORTER.finditer(text) if _CERTIFIED.search(text) else ():
        spans.append(_public("COURT_STAFF", m.start(1), m.end(1), "a certified court reporter"))
        names.add(m.group(1))
        if m.group(2):
            spans.append(_public("COURT_STAFF", m.start(2), m.end(2), "the court reporter's phone"))
    for m in _PARTY_LABEL.finditer(text):
        if looks_like_name(m.group(1)):
            spans.append(
                _public("PARTY", m.start(1), m.end(1), "a party named by the form's label")
            )
            names.add(m.group(1))
    for m in _PANEL.finditer(text):
        for part in re.finditer(NAME_OR_SURNAME, m.group(1)):
            if part.group(0) in ("and",) or part.group(0).lower() in ("before", "present"):
                continue
            start = m.start(1) + part.start()
            spans.append(
                _public("JUDGE", start, start + len(part.group(0)), "a judge of the panel")
            )
            names.add(part.group(0))
    if not _holds_any(text, _STAFF_WORDS):
        return spans  # every staff title, "clerk's office" and "chambers" holds one of the words
    for rx in (_STAFF_AFTER, _STAFF_BEFORE):
        for m in rx.finditer(text):
            if looks_like_name(m.group(1)):
                spans.append(_public("COURT_STAFF", m.start(1), m.end(1), "court staff by title"))
                names.add(m.group(1))
    for m in _COURT_PHONE.finditer(text):
        spans.append(
            _public("COURT_STAFF", m.start(1), m.end(1), "the court's own telephone number")
        )
    return spans


def _case_names(text: str, names: PublicNames) -> list[Span]:
    spans: list[Span] = []
    if not _holds_any(text, _VERSUS):
        return spans
    for m in _CASE_NAME.finditer(text):
        spans.append(_public("CITATION", m.start(), m.end(), "case name 'X v. Y'"))
        for g in (1, 2):
            names.add(m.group(g))
    return spans
