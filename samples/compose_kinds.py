"""The three kinds of filing: a motion to seal, an internal-affairs declaration, a confidential exhibit."""

from __future__ import annotations

from samples import text, values
from samples.compose import Composer, proper
from samples.content import Caption, Content, Heading, Lines, Para, Table


def _filler(c: Composer, paragraphs: tuple[str, ...]) -> list[str]:
    out = [c.prose(p) for p in paragraphs]
    c.rng.shuffle(out)
    return out


def planted_facts(c: Composer, who: str, defendant: str, ex: str) -> list[str]:
    """Sentences planting the identifiers a motion to seal is about, in varied order."""
    rng = c.rng
    share_surname = rng.random() < 0.5
    minor_name = f"{c.names.first()} {who.split()[-1] if share_surname else c.names.last()}"
    age = str(rng.randint(6, 16))
    minor_forms = [w for w in minor_name.split() if not share_surname or w != who.split()[-1]]
    minor = c.priv("MINOR", minor_name, minor_forms)
    school = c.priv("MINOR_SCHOOL", rng.choice(c.pool.schools))
    addr, _ = c.address()
    med, mrn = c.medical()
    clinic = rng.choice(text.CLINICS)
    bank = rng.choice(text.BANKS)

    facts = [
        c.sentence("DOB", who=who, dob=c.dob(1958, 1996)),
        c.sentence("SSN", who=who, ssn=c.ssn(), company=proper(defendant), ex=ex),
        c.sentence("ADDRESS", who=who, addr=addr),
        c.sentence(
            "MINOR", who=who, minor=minor, age=age, school=school, grade=rng.choice(text.GRADES)
        ),
        c.sentence("PHONE", who=who, phone=c.phone()),
        c.sentence("EMAIL", who=who, email=c.email(who)),
        c.sentence("ACCOUNT", who=who, acct=c.account(), routing=c.routing(), bank=bank, ex=ex),
        c.sentence("MEDICAL", who=who, med=med, mrn=mrn, clinic=clinic),
    ]
    optional = [
        lambda: c.sentence("CARD", who=who, card=c.card()),
        lambda: c.sentence("TIN", who=who, tin=c.priv("TIN", values.ein(rng))),
        lambda: c.sentence(
            "DRIVERS_LICENSE", who=who, dl=c.priv("DRIVERS_LICENSE", values.drivers_license(rng))
        ),
        lambda: c.sentence("PERSON", who=who, person=c.person("PERSON", c.names.full())),
    ]
    rng.shuffle(optional)
    facts += [f() for f in optional[: rng.randint(1, len(optional))]]
    facts = facts[:2] + rng.sample(facts[2:], len(facts) - 2)
    return facts


def motion(c: Composer, extra: int) -> Content:
    rng = c.rng
    plaintiff, defendant = c.parties()
    court, case_number, courthouse = c.case_number()
    title = rng.choice(text.MOTION_TITLES)
    counsel, firm, attorney = c.counsel(plaintiff, "Plaintiff")
    caption = c.caption(attorney, court, plaintiff, defendant, case_number, title, hearing=True)
    who = plaintiff
    ex = next(c.exhibit)
    facts = planted_facts(c, who, defendant, ex)
    background = [" ".join(facts[i : i + 3]) for i in range(0, len(facts), 3)]

    blocks = [
        Para("TO THE COURT, ALL PARTIES, AND THEIR ATTORNEYS OF RECORD:", indent=0),
        Para(
            f"PLEASE TAKE NOTICE that on the date and at the time stated above, or as soon "
            f"thereafter as the matter may be heard, in the courtroom of the Honorable Court at "
            f"{courthouse}, Plaintiff {who} will and does move for an order permitting the "
            f"filing under seal of Exhibits A through C to the Declaration of {counsel}. "
            + c.prose("The motion is made under {s:Fed. R. Civ. P. 5.2(a)} and {s:L.R. 141}.")
        ),
        Heading("MEMORANDUM OF POINTS AND AUTHORITIES"),
        Heading("I.  INTRODUCTION", "left"),
        Para(
            f"This civil rights action arises from the events of {c.date(2021)}. The exhibits "
            f"{who} seeks to file under seal contain personal identifiers, financial account "
            f"information, the name of a minor child, and medical records that the federal "
            f"rules and this Court's local rules protect from public disclosure."
        ),
        Heading("II.  BACKGROUND", "left"),
        *[Para(p) for p in background],
        Heading("III.  LEGAL STANDARD", "left"),
        *[Para(c.prose(p)) for p in text.LEGAL_STANDARD[:2]],
        Heading("IV.  ARGUMENT", "left"),
        *[Para(c.prose(p)) for p in rng.sample(text.ARGUMENT, 2)],
        Heading("V.  CONCLUSION", "left"),
        Para(
            f"For these reasons, {who} respectfully asks the Court to grant this motion and to "
            f"order that the unredacted exhibits be filed under seal."
        ),
        c.signature(counsel, firm, f"Attorneys for Plaintiff {who}"),
    ]
    filler_at = len(blocks) - 3
    blocks += c.service(title, defendant, "Defendant")
    c.ecf_stamp(case_number)
    filler = _filler(c, text.LEGAL_STANDARD[2:] + text.ARGUMENT)
    return Content(
        "motion",
        title,
        title.split(";")[0].title().replace(" And ", " and ").replace(" To ", " to "),
        case_number,
        court,
        caption,
        blocks,
        c.private,
        c.public,
        filler,
        filler_at,
        author=counsel,
        ecf=c.stamp,
    )


def declaration(c: Composer, extra: int) -> Content:
    rng = c.rng
    plaintiff, defendant = c.parties()
    court, case_number, _ = c.case_number()
    counsel, firm, attorney = c.counsel(defendant, "Defendant")
    title = (
        f"DECLARATION OF {counsel.upper()} IN SUPPORT OF REQUEST TO SEAL INTERNAL AFFAIRS RECORDS"
    )
    caption = c.caption(attorney, court, plaintiff, defendant, case_number, title, hearing=False)
    n = iter(range(1, 99))
    blocks: list = [
        Para(f"I, {counsel}, declare as follows:", indent=0),
        *[
            Para(f"{next(n)}.  " + c.prose(p, client=proper(defendant)))
            for p in text.DECLARATION_OPENING
        ],
    ]
    rows = []
    for _ in range(rng.randint(2, 3)):
        officer = c.person("OFFICER_NAME", c.names.full())
        badge = c.priv("BADGE", values.badge(rng))
        ia_value = values.ia_case(rng)
        ia = c.priv("IA_CASE", ia_value, [values.digits_only(ia_value)])
        finding = c.priv("IA_FINDING", rng.choice(c.pool.ia_findings))
        complainant = c.person("PERSON", c.names.full())
        family = text.TEMPLATES["IA"][c.split]
        said = [
            family[0].format(officer=officer, badge=badge, ia=ia),
            *rng.sample(
                [
                    family[1].format(ia=ia, finding=finding),
                    family[2].format(ia=ia, complainant=complainant),
                ],
                2,
            ),
        ]
        if rng.random() < 0.5:
            said.append(f"{complainant} can be reached at {c.phone()}.")
        blocks.append(Para(f"{next(n)}.  " + " ".join(said)))
        rows.append([officer, badge, ia, finding])
    blocks.append(Para(f"{next(n)}.  The records at issue are summarized in the following table:"))
    blocks.append(
        Table(
            ["Officer", "Badge", "IA File", "Finding / Discipline"], rows, [0.26, 0.12, 0.2, 0.42]
        )
    )
    closing = [Para(f"{next(n)}.  " + c.prose(p)) for p in text.DECLARATION_CLOSING]
    blocks += closing
    blocks.append(
        Lines(
            [
                f"Executed on {c.date(2024)}, at {c.city().name}, California.",
                "",
                f"/s/ {counsel}",
                counsel,
            ],
            left=0.45,
        )
    )
    filler_at = len(blocks) - 3
    blocks += c.service(title, plaintiff.upper(), "Plaintiff")
    c.ecf_stamp(case_number)
    filler = _filler(c, text.LEGAL_STANDARD[4:5] + text.ARGUMENT[1:3])
    return Content(
        "declaration",
        title,
        "Declaration re Internal Affairs Records",
        case_number,
        court,
        caption,
        blocks,
        c.private,
        c.public,
        filler,
        filler_at,
        author=counsel,
        ecf=c.stamp,
    )


def exhibit(c: Composer, extra: int) -> Content:
    rng = c.rng
    plaintiff, defendant = c.parties(individual_plaintiff=rng.random() < 0.5)
    court, case_number, _ = c.case_number()
    c.pub("CASE_NUMBER", case_number)
    what = c.variant or rng.choice(["customers", "patients", "inmates"])
    letter = next(c.exhibit)
    n_rows = rng.randint(8, 14) if extra < 2 else 15 * extra - 5
    rows = []
    for _ in range(n_rows):
        name = c.person("PERSON", c.names.full())
        if what == "customers":
            addr, _ = c.address(split_lines=True)
            rows.append([name, addr, c.phone(), c.email(_plain_name(name))])
        elif what == "patients":
            med, mrn = c.medical()
            rows.append([name, c.dob(1940, 2012), mrn, med])
        else:
            booking = f"BK{rng.randint(1000000, 9999999)}"
            rows.append([name, c.dob(1960, 2004), booking, c.phone()])
    header = {
        "customers": (["Customer", "Address", "Telephone", "E-mail"], [0.22, 0.3, 0.18, 0.3]),
        "patients": (["Patient", "Date of Birth", "MRN", "Diagnosis"], [0.25, 0.18, 0.17, 0.4]),
        "inmates": (["Inmate", "DOB", "Booking No.", "Contact Phone"], [0.3, 0.22, 0.22, 0.26]),
    }[what]
    bates_prefix = "".join(w[0] for w in defendant.split()[:3] if w[0].isalpha()).upper()
    bates = f"{bates_prefix}|{rng.randint(100, 9000)}"
    title = f"EXHIBIT {letter}"
    c.ecf_stamp(case_number)
    blocks = [
        Heading(title),
        Heading(f"{what[:-1].title()} Contact List Produced by {proper(defendant)}"),
        Para(c.prose(text.EXHIBIT_INTRO[0], company=proper(defendant), who_plural=what), indent=0),
        Table(header[0], rows, header[1]),
    ]
    return Content(
        "exhibit",
        title,
        f"Exhibit {letter}",
        case_number,
        court,
        None,
        blocks,
        c.private,
        c.public,
        [],
        len(blocks),
        legend="CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER",
        bates=bates,
        ecf=c.stamp,
    )


def _plain_name(marked: str) -> str:
    return marked.strip("\x01\x02")


def order(c: Composer, extra: int) -> Content:
    """A real order's text with a caption from its own case and planted facts inserted."""
    from samples import orders

    rng = c.rng
    name = rng.choice(orders.orders_for(c.split))
    meta = orders.ORDERS[name]
    body = orders.paragraphs(name)
    judge, judge_title = meta["judge"]
    plaintiffs, defendants = meta["parties"]
    for value in (judge, plaintiffs, defendants, meta["who"], *(v for _, v in meta["public"])):
        c.names.reserve(*value.replace(",", " ").replace(".", " ").split())
        c.names.reserve(*proper(value).replace(",", " ").replace(".", " ").split())
    c.pub("JUDGE", judge)
    c.pub("PARTY", meta["who"])
    for category, value in meta["public"]:
        c.pub(category, value)
    caption_right = [f"No. {c.pub('CASE_NUMBER', meta['case'])}", "", "ORDER"]
    left = [f"{plaintiffs},", "", "Plaintiffs,", "", "v.", "", f"{defendants},", "", "Defendants."]
    caption = Caption([], ["UNITED STATES DISTRICT COURT", meta["court"]], left, caption_right)
    facts = planted_facts(c, meta["who"], proper(defendants.split(",")[0]), next(c.exhibit))
    planted = [
        Para("The record before the Court includes the following. " + " ".join(facts[i : i + 3]))
        for i in range(0, len(facts), 3)
    ]
    keep = min(len(body), 3 + extra)
    core = [Para(p) for p in body[:keep]]
    for i, p in enumerate(planted):
        core.insert(min(len(core), 1 + i * 2), p)
    blocks = [
        *core,
        Para("IT IS SO ORDERED.", indent=0),
        Lines([f"Dated: {meta['date']}", "", "", judge.upper(), judge_title.upper()], left=0.5),
    ]
    filler = body[keep:] + _filler(c, text.LEGAL_STANDARD + text.ARGUMENT[:3])
    if c.varied:
        from samples import courts

        c.court = next(x for x in courts.DISTRICT if x.lines[1] == meta["court"])
        c.ecf_stamp(meta["case"])
    return Content(
        "order",
        "ORDER",
        "Order",
        meta["case"],
        meta["court"],
        caption,
        blocks,
        c.private,
        c.public,
        filler,
        len(blocks) - 2,
        ecf=c.stamp,
    )
