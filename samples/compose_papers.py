"""The court's own papers and counsel's correspondence: clerks' letters, opinions and
memorandum dispositions, letters on a firm's letterhead, stipulations with two signature
blocks, and the certificate or proof of service that closes a pleading.

These are the papers where the public record is densest: the court's letterhead and
its clerks, counsel's names, offices, phones and e-mails in every block and "cc:"
line, adult parties named on every page by a short form. The private values planted
among them are a non-party witness (named in full, then by a short form), a minor
(then by given name), a witness's home address and phone, health details.
"""

from __future__ import annotations

import re

from samples import courts as courtlist
from samples import papers_text as pt
from samples import text, values
from samples.compose import Composer, proper
from samples.content import Caption, Columns, Content, Heading, Lines, Para, mark
from samples.counsel import Team, format_phone, make_team

OFFICER_TITLES = ("Officer", "Deputy", "Sergeant", "Detective", "Corporal")


# -- people ----------------------------------------------------------------------------
class Cast:
    """The people of one case: an adult plaintiff, an entity and an officer sued, a private
    witness and a minor; their short forms and pronouns."""

    def __init__(self, c: Composer, short: bool = True) -> None:
        rng = c.rng
        self.P = c.names.full()
        self.p = self.P.split()[-1]
        self.p_he, self.p_him, self.pp_own = rng.choice(
            [("he", "him", "his"), ("she", "her", "her")]
        )
        self.E_caps = rng.choice(c.defendants())
        self.E = proper(self.E_caps)
        self.O_title = rng.choice(OFFICER_TITLES)
        self.O = c.names.full()
        self.o = (
            f"{self.O_title} {self.O.split()[-1]}" if rng.random() < 0.6 else self.O.split()[-1]
        )
        self.W = c.names.full()
        self.w = rng.choice(
            [f"{rng.choice(['Ms.', 'Mr.'])} {self.W.split()[-1]}", self.W.split()[-1]]
        )
        first = c.names.first()
        self.M = f"{first} {c.names.last()}"
        self.m = first
        self.rel = rng.choice(["son", "daughter", "nephew", "granddaughter", "stepson"])
        self.age = str(rng.randint(5, 16))
        # the short forms are public values only where the paper uses them (an opinion, a
        # stipulation); a letter names the parties in full
        values = [self.P, self.E] + ([self.p, self.O, self.o] if short else [])
        for value in values:
            c.pub("PARTY", value)

    def slots(self) -> dict[str, str]:
        return {
            "P": self.P,
            "p": self.p,
            "pp": f"{self.p}'s",
            "pp_own": self.pp_own,
            "p_he": self.p_he,
            "p_him": self.p_him,
            "E": self.E,
            "O": self.O,
            "o": self.o,
            "O_title": self.O_title,
            "rel": self.rel,
            "age": self.age,
        }


def _pub(c: Composer, category: str, value: str) -> str:
    """Register a public value and return it as written (no layout marks)."""
    c.pub(category, value)
    return value


def fill(c: Composer, template: str, **slots: str) -> str:
    """A template with its citations and statutes registered, then its slots filled."""
    out = re.sub(
        r"\{c:(\w+)\}",
        lambda m: c.pub("CITATION", (text.CITATIONS | pt.OPINION_CITATIONS)[m[1]]),
        template,
    )
    out = re.sub(r"\{s:([^}]+)\}", lambda m: c.pub("STATUTE", m[1]), out)
    used = set(re.findall(r"\{(\w+)\}", out))
    return out.format(**{k: v for k, v in slots.items() if k in used})


def _witness(c: Composer, cast: Cast, split: str) -> tuple[str, str]:
    """The private witness planted: (full name, its short form), each marked."""
    full = c.priv("PERSON", cast.W, cast.W.split())
    return full, mark(cast.w)


def _minor(c: Composer, cast: Cast) -> tuple[str, str]:
    full = c.priv("MINOR", cast.M, cast.M.split())
    return full, mark(cast.m)


# -- opinions ------------------------------------------------------------------------------
def opinion(c: Composer, extra: int) -> Content:
    """A district court's order on summary judgment, or a circuit's memorandum disposition."""
    court = c.rng.choice(courtlist.DISTRICT + courtlist.APPELLATE[:1])
    if court.appellate:
        return _memorandum(c, court, extra)
    return _district_opinion(c, court, extra)


def _opinion_body(c: Composer, cast: Cast) -> tuple[list[Para], list[Para], list[Para]]:
    """(background, standard, discussion) paragraphs, private facts planted in the background."""
    rng, split = c.rng, c.split
    s = cast.slots()
    W, w = _witness(c, cast, split)
    M, m = _minor(c, cast)
    addr, _ = c.address()
    facts = [
        fill(c, rng.choice(pt.OPINION_FACTS_PUBLIC[:2]), **s, date=c.date(2021)),
        fill(c, rng.choice(pt.OPINION_FACTS[split]), **s, W=W, w=w),
        fill(c, rng.choice(pt.OPINION_MINOR[split]), **s, M=M, m=m),
        fill(c, rng.choice(pt.OPINION_ADDRESS[split]), **s, w=w, addr=addr),
    ]
    if rng.random() < 0.5:
        facts.append(fill(c, rng.choice(pt.OPINION_FACTS_PUBLIC[2:]), **s, ecf=c.ecf))
    background = [Para(" ".join(facts[:2])), Para(" ".join(facts[2:]))]
    standard = [Para(fill(c, p, **s)) for p in rng.sample(pt.OPINION_STANDARD, 2)]
    discussion = [Para(fill(c, p, **s)) for p in rng.sample(pt.OPINION_DISCUSSION, 2)]
    return background, standard, discussion


def _district_opinion(c: Composer, court, extra: int) -> Content:
    rng = c.rng
    c.court = court
    cast = Cast(c)
    case = _pub(c, "CASE_NUMBER", courtlist.case_number(court, rng))
    judge = _pub(c, "JUDGE", c.judge().name)
    s = cast.slots()
    title = rng.choice(
        [
            "MEMORANDUM AND ORDER RE: DEFENDANTS' MOTION FOR SUMMARY JUDGMENT",
            "ORDER GRANTING IN PART AND DENYING IN PART DEFENDANTS' MOTION FOR SUMMARY JUDGMENT",
            "FINDINGS AND RECOMMENDATIONS",
        ]
    )
    left = [
        f"{cast.P.upper()},",
        "",
        "Plaintiff,",
        "",
        rng.choice(["v.", "vs.", "v."]),
        "",
        f"{cast.E_caps}; {cast.O.upper()}; and DOES 1 through 10,",
        "",
        "Defendants.",
    ]
    caption = Caption([], list(court.lines), left, [f"Case No. {case}", "", title])
    background, standard, discussion = _opinion_body(c, cast)
    intro = Para(fill(c, rng.choice(pt.OPINION_INTRO), **s, ecf=c.ecf, date=c.date(2021)))
    blocks = [
        intro,
        Heading("I.  BACKGROUND", "left"),
        *background,
        Heading("II.  LEGAL STANDARD", "left"),
        *standard,
        Heading("III.  DISCUSSION", "left"),
        *discussion,
        Heading("IV.  CONCLUSION", "left"),
        Para(fill(c, rng.choice(pt.OPINION_CONCLUSION), **s, ecf=c.ecf)),
        Para("IT IS SO ORDERED.", indent=0),
    ]
    blocks += _judge_signature(c, judge, c.judge_title or "UNITED STATES DISTRICT JUDGE")
    filler = [fill(c, p, **s) for p in pt.OPINION_STANDARD + text.LEGAL_STANDARD[:2]]
    c.ecf_stamp(case)
    return Content(
        "opinion", title, title.split(" RE:")[0].title(), case, court.lines[1], caption,
        blocks, c.private, c.public, filler, 6, ecf=c.stamp,
    )  # fmt: skip


def _judge_signature(c: Composer, judge: str, title: str) -> list:
    rng = c.rng
    dated = c.date(2023)
    c.pub("HEARING_DATE", dated)
    style = rng.randrange(3)
    if style == 0:
        return [Lines([f"Dated: {dated}", "", "", judge.upper(), title.upper()], left=0.45)]
    if style == 1:
        return [Columns([f"DATED: {dated}"], [f"/s/ {judge}", judge, title.title()], split=0.5)]
    return [
        Lines([f"Dated: {dated}"]),
        Lines(["______________________________", f"Hon. {judge}", title.title()], left=0.5),
    ]


def _memorandum(c: Composer, court, extra: int) -> Content:
    rng = c.rng
    c.court = court
    cast = Cast(c)
    s = cast.slots()
    district = rng.choice(courtlist.DISTRICT)
    lower = _pub(c, "CASE_NUMBER", courtlist.case_number(district, rng))
    case = _pub(c, "CASE_NUMBER", courtlist.case_number(court, rng))
    trial_judge = _pub(c, "JUDGE", c.judge().name)
    panel = [c.judge().name.split()[-1] for _ in range(3)]
    for name in panel:
        c.pub("JUDGE", name)
    left = [
        f"{cast.P.upper()},",
        "",
        "Plaintiff-Appellant,",
        "",
        "v.",
        "",
        f"{cast.E_caps}; {cast.O.upper()},",
        "",
        "Defendants-Appellees.",
    ]
    right = [f"No. {case}", "", "D.C. No.", lower, "", "MEMORANDUM*"]
    background, standard, discussion = _opinion_body(c, cast)
    submitted = c.date(2023)
    c.pub("HEARING_DATE", submitted)
    caps = rng.random() < 0.5
    before = ", ".join(p.upper() if caps else p for p in panel[:2])
    before += f", and {panel[2].upper() if caps else panel[2]}, Circuit Judges."
    blocks = [
        Lines(["NOT FOR PUBLICATION"], center=True, bold=True),
        Lines(list(court.lines), center=True, bold=True),
        Columns(left, right, split=0.55),
        Lines(
            [
                "Appeal from the United States District Court",
                f"for the {district.district}",
                f"{trial_judge}, District Judge, Presiding",
                "",
                f"Submitted {submitted}",
            ],
            center=True,
        ),
        Para(f"Before: {before}", indent=0),
        Para(fill(c, rng.choice(pt.APPEAL_OPENING), **s)),
        *background,
        *standard[:1],
        *discussion,
        Para(rng.choice(pt.APPEAL_DISPOSITION), indent=0),
        Lines(["", "______________", pt.NOT_PRECEDENT]),
    ]
    filler = [fill(c, p, **s) for p in pt.OPINION_STANDARD]
    c.ecf_stamp(case)
    return Content(
        "opinion", "MEMORANDUM", "Memorandum", case, court.lines[1], None, blocks,
        c.private, c.public, filler, 7, ecf=c.stamp,
    )  # fmt: skip


# -- clerks' letters -----------------------------------------------------------------------
def clerk_letter(c: Composer, extra: int) -> Content:
    """A letter or notice the clerk's office issues: the court's letterhead, counsel as
    addressees, the clerk's signature by a deputy, "cc:" lines."""
    rng = c.rng
    court = rng.choice(courtlist.COURTS)
    c.court = court
    cast = Cast(c, short=False)
    case = _pub(c, "CASE_NUMBER", courtlist.case_number(court, rng))
    lower = _pub(c, "CASE_NUMBER", courtlist.case_number(rng.choice(courtlist.DISTRICT), rng))
    clerk = _pub(c, "COURT_STAFF", c.names.full_with_initial())
    deputy = _pub(c, "COURT_STAFF", c.names.full())
    phone = _pub(
        c,
        "COURT",
        format_phone(values.phone(rng, [court.area_code]), rng.choice(["dash", "paren"])),
    )
    staff_phone = _pub(c, "COURT", format_phone(values.phone(rng, [court.area_code]), "dash"))
    email = _pub(c, "COURT", f"{court.key.split('-')[0]}_clerk@{court.website.split('/')[0][4:]}")
    for value in (court.street, court.courthouse, court.website):
        c.pub("COURT", value)
    plaintiff_team = make_team(c, cast.P.upper(), "Plaintiff")
    defense = make_team(c, cast.E, "Defendants", government=rng.choice(["", "city", "county"]))
    head = _court_letterhead(c, court, clerk, phone)
    dated = c.date(2023)
    addressee = [plaintiff_team.shown(plaintiff_team.lead), plaintiff_team.office,
                 plaintiff_team.street, plaintiff_team.city_line]  # fmt: skip
    re_lines = [
        f"Re:  {cast.P} v. {cast.E}",
        f"{'No.' if court.appellate else 'Case No.'} {case}",
    ]
    if court.appellate:
        re_lines.append(f"District Court No. {lower}")
    body = rng.choice(pt.CLERK_BODIES)
    s = dict(case=case, date=c.date(2024), ecf=c.ecf)
    inquiries = rng.choice(pt.CLERK_INQUIRIES).format(
        phone=phone, staff_phone=staff_phone, email=email
    )
    closing = rng.choice(["Very truly yours,", "Sincerely,", "Sincerely yours,"])
    signature = [closing, "", clerk.upper() if rng.random() < 0.5 else clerk,
                 rng.choice(["Clerk of Court", "Clerk"]), ""]  # fmt: skip
    signature += rng.choice(
        [
            [f"By: s/{deputy}", "Case Manager", staff_phone],
            [f"By: /s/ {deputy}", "Deputy Clerk"],
            [f"by: {deputy}, Deputy Clerk", f"Direct: {staff_phone}"],
        ]
    )
    cc = [f"cc:  {defense.cc()}"] + [f"       {a.name}" for a in defense.attorneys[1:]]
    if len(plaintiff_team.attorneys) > 1:
        cc += [f"       {a.name}" for a in plaintiff_team.attorneys[1:]]
    blocks = [
        *head,
        Lines([dated]),
        Lines(addressee),
        Lines(re_lines, left=0.08),
        Para(rng.choice(["Dear Counsel:", "To All Parties:", f"Dear {_mr(c)} {plaintiff_team.lead.name.split()[-1]}:"]), indent=0),
        *[Para(fill(c, p, **s), indent=0) for p in body],
        Para(inquiries, indent=0),
        Lines(signature),
        Lines(cc),
    ]  # fmt: skip
    c.pub("HEARING_DATE", dated)
    return Content(
        "clerk_letter", f"Letter re {cast.P} v. {cast.E}", "Clerk's letter", case,
        court.lines[-1], None, blocks, c.private, c.public, [], len(blocks),
        letter_head=[addressee[0], dated],
    )  # fmt: skip


def _mr(c: Composer) -> str:
    return c.rng.choice(["Mr.", "Ms."])


def _court_letterhead(c: Composer, court, clerk: str, phone: str) -> list:
    rng = c.rng
    style = rng.randrange(3)
    court_name = " ".join(w.capitalize() if w not in ("OF", "FOR", "THE") else w.lower()
                          for w in " ".join(court.lines).split())  # fmt: skip
    if style == 0:  # the clerk's name and the office's phone on either side, the court centred
        return [
            Columns([clerk.upper(), "CLERK"], ["", "TELEPHONE", phone], split=0.72),
            Lines(
                [
                    "OFFICE OF THE CLERK",
                    *court.lines,
                    court.courthouse.upper(),
                    court.street.upper(),
                    court.city_line.upper(),
                    f"Website: {court.website}",
                ],
                center=True,
            ),  # fmt: skip
        ]
    if style == 1:
        chief = _pub(c, "JUDGE", c.names.full_with_initial())
        return [
            Lines([court_name, court.courthouse, court.street, court.city_line], center=True),
            Columns([chief.upper(), "CHIEF JUDGE"], [clerk.upper(), "CLERK OF COURT"], split=0.6),
        ]
    return [
        Lines([*court.lines, "Office of the Clerk"], center=True, bold=True),
        Lines([court.street, court.city_line, phone, court.website], center=True),
    ]


# -- counsel's letters ----------------------------------------------------------------------
def counsel_letter(c: Composer, extra: int) -> Content:
    """A letter on a firm's letterhead: to the judge (a letter motion), to opposing counsel
    (a meet-and-confer letter), or to a non-party witness at home (a subpoena's cover letter)."""
    rng = c.rng
    court = rng.choice(courtlist.DISTRICT)
    c.court = court
    cast = Cast(c, short=False)
    s = cast.slots()
    case = _pub(c, "CASE_NUMBER", courtlist.case_number(court, rng))
    ours = make_team(c, cast.P.upper(), "Plaintiff")
    theirs = make_team(c, cast.E, "Defendants", government=rng.choice(["", "", "city", "county"]))
    top, foot = ours.letterhead(rng.randrange(3))
    staff = _pub(c, "COUNSEL_STAFF", c.names.full())
    staff_email = _pub(
        c,
        "COUNSEL_EMAIL",
        f"{staff.split()[0][0].lower()}{staff.split()[-1].lower()}@{ours.lead.email.split('@')[1]}",
    )
    direct = _pub(
        c, "COUNSEL_PHONE", format_phone(values.phone(rng, [ours.phone.strip("(")[:3]]), "paren")
    )
    dated = c.date(2024)
    to = rng.choice(["court", "counsel", "witness"])
    judge = c.judge().name
    blocks: list = [Lines(top[:1], center=True, bold=True)]
    if top[1:]:
        blocks.append(Lines(top[1:], center=True))
    blocks.append(Lines([dated]))
    blocks.append(Columns([rng.choice(["VIA ECF", "Via Electronic Mail", "BY FIRST-CLASS MAIL", "VIA E-MAIL AND U.S. MAIL"])],
                          [f"Direct Dial: {direct}", ours.lead.email], split=0.55))  # fmt: skip
    subject = f"Re:  {cast.P} v. {cast.E}, Case No. {case}"
    if to == "court":
        c.pub("JUDGE", judge)
        c.pub("COURT", court.street)
        blocks.append(Lines([rng.choice([f"The Honorable {judge}", f"Hon. {judge}"]),
                             c.judge_title.title() if c.judge_title else "United States District Judge",
                             "United States District Court", court.district,
                             court.street, court.city_line]))  # fmt: skip
        blocks.append(Lines([subject, "Letter Motion to File Exhibits Under Seal"], left=0.06))
        blocks.append(Para(f"Dear Judge {judge.split()[-1]}:", indent=0))
        blocks.append(Para(fill(c, rng.choice(pt.LETTER_TO_COURT_OPEN), **s, ecf=c.ecf), indent=0))
        from samples.compose_kinds import planted_facts

        facts = planted_facts(c, cast.P, cast.E, next(c.exhibit))
        blocks += [Para(" ".join(facts[i : i + 3]), indent=0) for i in range(0, len(facts), 3)]
        blocks.append(Para(rng.choice(pt.LETTER_TO_COURT_CLOSE), indent=0))
    elif to == "counsel":
        blocks.append(
            Lines([theirs.shown(theirs.lead), theirs.office, theirs.street, theirs.city_line])
        )
        blocks.append(Lines([subject], left=0.06))
        blocks.append(
            Para(
                rng.choice([f"Dear {_mr(c)} {theirs.lead.name.split()[-1]}:", "Dear Counsel:"]),
                indent=0,
            )
        )
        W, w = _witness(c, cast, c.split)
        addr, _ = c.address()
        blocks.append(
            Para(fill(c, rng.choice(pt.LETTER_TO_COUNSEL_OPEN), date=c.date(2024)), indent=0)
        )
        blocks.append(Para(fill(c, rng.choice(pt.LETTER_TO_COUNSEL[c.split]), W=W, w=w, addr=addr,
                                phone=c.phone(), date=c.date(2023)), indent=0))  # fmt: skip
    else:
        title = rng.choice(["Ms.", "Mr."])
        W = c.priv("PERSON", cast.W, cast.W.split())
        street_value, city_line = c.address(split_lines=True)
        blocks.append(Lines([f"{title} {W}", *street_value.split("\n")]))
        blocks.append(Lines([subject, "Deposition Subpoena"], left=0.06))
        blocks.append(Para(f"Dear {title} {mark(cast.W.split()[-1])}:", indent=0))
        blocks.append(
            Para(fill(c, rng.choice(pt.LETTER_TO_WITNESS[c.split]), date=c.date(2022)), indent=0)
        )
        blocks.append(Para(fill(c, rng.choice(pt.LETTER_TO_WITNESS_CLOSE), direct=direct, staff=staff,
                                staff_email=staff_email), indent=0))  # fmt: skip
    close = rng.choice(
        ["Very truly yours,", "Respectfully submitted,", "Sincerely,", "Respectfully,"]
    )
    sig = [close, "", f"/s/ {ours.lead.name}", ours.shown(ours.lead)]
    if rng.random() < 0.5:
        sig.append(ours.office)
    blocks.append(Lines(sig))
    cc = rng.choice(
        [
            ["cc:  All counsel of record (via ECF)"],
            [f"cc:  {theirs.cc()} (via e-mail)"]
            + [f"       {a.name}" for a in theirs.attorneys[1:]],
            [f"cc:  {theirs.lead.name} ({theirs.lead.email})"],
        ]
    )
    if to != "witness" or rng.random() < 0.5:
        blocks.append(Lines(cc))
    c.pub("HEARING_DATE", dated)
    return Content(
        "counsel_letter", subject, "Letter", case, court.lines[-1], None, blocks,
        c.private, c.public, [], len(blocks), letter_head=[f"{ours.office}", dated], foot=foot,
    )  # fmt: skip


# -- stipulations ------------------------------------------------------------------------
def stipulation(c: Composer, extra: int) -> Content:
    """A stipulation and proposed order: both sides' signature blocks, side by side or one
    under the other, an attestation, and the judge's signature line."""
    rng = c.rng
    court = rng.choice(courtlist.DISTRICT)
    c.court = court
    cast = Cast(c)
    s = cast.slots()
    case = _pub(c, "CASE_NUMBER", courtlist.case_number(court, rng))
    ours = make_team(c, cast.P.upper(), "Plaintiff")
    theirs = make_team(c, f"{cast.E_caps} and {cast.O.upper()}", "Defendants",
                       government=rng.choice(["", "city", "county", "ag"]))  # fmt: skip
    title = rng.choice(pt.STIP_TITLES)
    judge = c.judge()
    c.pub("JUDGE", judge.name)
    caption = Caption(
        ours.caption_block(rng.randrange(3)),
        list(court.lines),
        [
            f"{cast.P.upper()},",
            "",
            "Plaintiff,",
            "",
            "v.",
            "",
            f"{cast.E_caps}, et al.,",
            "",
            "Defendants.",
        ],  # fmt: skip
        [f"Case No. {case}", "", title],
    )
    W, w = _witness(c, cast, c.split)
    M, _ = _minor(c, cast)
    addr, _ = c.address()
    med, _ = c.medical_only()
    clinic = rng.choice(text.CLINICS)
    slots = dict(s, W=W, w=w, addr=addr, phone=c.phone(), med=med, clinic=clinic, M=M,
                 counsel=ours.lead.name)  # fmt: skip
    recitals = [fill(c, r, **slots) for r in pt.STIP_RECITALS[c.split]]
    _unplant_unused(c, slots, recitals)
    blocks: list = [
        Para(fill(c, rng.choice(pt.STIP_OPEN), **s)),
        Para(
            fill(
                c,
                "WHEREAS, on {date}, Plaintiff filed an opposition to Defendants' motion for "
                "summary judgment (ECF No. {ecf}), supported by the declaration of counsel and "
                "its exhibits;",
                date=c.date(2024),
                ecf=c.ecf,
            )
        ),  # fmt: skip
        *[Para(r) for r in recitals],
        Para(rng.choice(pt.STIP_CLOSE)),
        Para("IT IS SO STIPULATED.", indent=0),
    ]
    dated = c.date(2024)
    left = [
        f"Dated: {dated}",
        ours.office,
        "",
        f"By: /s/ {ours.lead.name}",
        ours.shown(ours.lead),
        ours.role_line,
    ]
    right = [f"Dated: {dated}", theirs.office if not theirs.head else theirs.head.upper(), "",
             f"By: /s/ {theirs.lead.name}", theirs.shown(theirs.lead), theirs.role_line]  # fmt: skip
    if c.layout == "two_column" or rng.random() < 0.4:
        blocks += [Lines(left, left=0.4), Lines(right, left=0.4)]
    else:
        blocks.append(Columns(_narrow(left), _narrow(right), split=0.5))
    blocks.append(Para(rng.choice(pt.ATTESTATION)))
    blocks.append(Heading("[PROPOSED] ORDER"))
    blocks.append(Para(rng.choice(pt.PROPOSED_ORDER)))
    blocks.append(
        Lines(
            ["Dated: ____________", "", "______________________________", judge.name, judge.title],
            left=0.45,
        )
    )
    c.ecf_stamp(case)
    return Content(
        "stipulation", title, title.split(";")[0].title(), case, court.lines[1], caption,
        blocks, c.private, c.public, [], len(blocks), author=ours.lead.name, ecf=c.stamp,
    )  # fmt: skip


def _unplant_unused(c: Composer, slots: dict[str, str], written: list[str]) -> None:
    """Forget the private values prepared for slots that no written sentence holds."""
    for filled in slots.values():
        if filled and not any(filled in w for w in written):
            c.unplant(filled)


def _narrow(lines: list[str]) -> list[str]:
    """A role line split where a half-page column would run out: "Attorneys for" / "Defendants ..."."""
    out = []
    for line in lines:
        if len(line) > 36 and line.startswith(("Attorney", "Counsel")):
            head, rest = line.split(" for ", 1)
            out += [f"{head} for", rest]
        else:
            out.append(line)
    return out


# -- service ---------------------------------------------------------------------------
def service_section(c: Composer, title: str, ours: Team, others: list[Team]) -> list:
    """The certificate of service (CM/ECF) or the California proof of service that closes a
    pleading, with a service list of the other side's counsel."""
    rng = c.rng
    dated = c.date(2024)
    style = rng.randrange(3)
    entry_style = rng.randrange(3)
    entries = [t.service_entry(entry_style) for t in others]
    if style == 0:
        blocks: list = [Heading("CERTIFICATE OF SERVICE")]
        blocks.append(Para(rng.choice(pt.CERTIFICATE_TEXT).format(date=dated)))
        for e in entries:
            blocks.append(Lines(e, left=0.08))
        blocks.append(Lines([f"/s/ {ours.lead.name}", ours.shown(ours.lead)], left=0.45))
        return blocks
    server = ours.staff[0] if ours.staff else c.names.full()
    ours.staff = [server]
    c.pub("COUNSEL_STAFF", server)
    staff_email = f"{server.split()[0][0].lower()}{server.split()[-1].lower()}@{ours.lead.email.split('@')[1]}"
    c.pub("COUNSEL_EMAIL", staff_email)
    blocks = [Heading("PROOF OF SERVICE")]
    blocks.append(Para(pt.PROOF_EMPLOYED[rng.randrange(2)].format(
        county=ours.county, state=ours.state, street=mark(ours.street), city_line=mark(ours.city_line),
        staff_email=staff_email)))  # fmt: skip
    blocks.append(Para(rng.choice(pt.PROOF_SERVED).format(date=dated, title=title.split(";")[0])))
    if style == 1 or c.layout == "two_column":  # a narrow column sets the list as lines
        blocks.append(Heading("SERVICE LIST"))
        for e in entries:
            blocks.append(Lines(e, left=0.08))
    else:
        from samples.content import Table

        rows = [
            ["\n".join(x for x in e if x != t.role_line), t.role_line]
            for t, e in zip(others, entries, strict=True)
        ]
        blocks.append(Table(["Counsel Served", "Party Represented"], rows, [0.62, 0.38]))
    blocks.append(Para(rng.choice(pt.PROOF_METHOD)))
    blocks.append(
        Para(rng.choice(pt.PROOF_DECLARE).format(date=dated, city=ours.city, state=ours.state))
    )
    blocks.append(
        Columns([server, "(Type or print name)"], [f"/s/ {server}", "(Signature)"], split=0.5)
    )
    return blocks
