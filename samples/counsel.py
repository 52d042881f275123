"""Counsel of record as real filings set them: teams, offices, and the blocks they sign.

A ``Team`` is one side's lawyers (one to three attorneys, a firm or a public
office, its address, phones, e-mails, website). The same team is written in many
shapes across a filing: the attorney block over the caption, the signature at the
end, an entry of a service list, a letterhead, a "cc:" line. Each shape comes in
several styles taken from how firms, government offices and appellate counsel
really set them (bar numbers in parentheses or on their own line, "Tel.:", "T:",
dotted or bracketed phones, "Esq.", names in capitals, two attorneys over one
office, a United States Attorney over an Assistant). Every value a team writes is
registered as public record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from samples import values

PHONE_STYLES = ("paren", "dash", "dot")
BAR_STYLES = ("SBN {n}", "State Bar No. {n}", "Cal. Bar No. {n}", "CA Bar No. {n}", "Bar No. {n}")
PHONE_LABELS = (
    ("Telephone: ", "Facsimile: "),
    ("Tel.: ", "Fax: "),
    ("Tel: ", "Fax: "),
    ("T: ", "F: "),
    ("Phone: ", "Fax: "),
    ("Telephone ", "Facsimile "),
    ("", ""),
)
EMAIL_LABELS = ("Email: ", "E-mail: ", "", "", "E: ")
FIRM_SHAPES = (
    "{a} & {b} LLP",
    "{a} {b} LLP",
    "LAW OFFICES OF {name}",
    "{a}, {b} & {c}",
    "{a} & {b}, P.C.",
    "{a} LAW GROUP",
    "THE {a} FIRM",
    "{a} {b} & {c} LLP",
    "LAW OFFICE OF {name}, APC",
)
GOVERNMENT = {
    "usao": ("United States Attorney", "Assistant United States Attorney", "usdoj.gov"),
    "ag": ("Attorney General of California", "Deputy Attorney General", "doj.ca.gov"),
    "city": ("City Attorney", "Deputy City Attorney", "cityattorney.org"),
    "county": ("County Counsel", "Deputy County Counsel", "countycounsel.org"),
    "pd": ("Federal Defender", "Assistant Federal Defender", "fd.org"),
}


def format_phone(value: str, style: str) -> str:
    """A phone number as a firm prints it: (916) 555-0100, 916-555-0100 or 916.555.0100."""
    d = re.sub(r"\D", "", value)
    if style == "dash":
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    if style == "dot":
        return f"{d[:3]}.{d[3:6]}.{d[6:]}"
    return f"({d[:3]}) {d[3:6]}-{d[6:]}"


@dataclass
class Attorney:
    name: str
    bar: str
    email: str
    title: str = ""  # "Assistant United States Attorney", "Deputy City Attorney"


@dataclass
class Team:
    """One side's counsel and office, and how this filing writes them."""

    attorneys: list[Attorney]
    office: str  # "OKAFOR & LINDQVIST LLP", "OFFICE OF THE CITY ATTORNEY"
    street: str
    city_line: str
    city: str  # the town alone, for "Executed at ..."
    county: str
    state: str  # the state's name: "California", "Nevada"
    phone: str
    fax: str
    website: str
    role_line: str  # "Attorneys for Plaintiff RUBEN DIAZ"
    side: str
    head: str = ""  # the office's head: "NADIA R. OSEI" over "United States Attorney"
    head_title: str = ""
    # how this team is written, fixed for the whole filing
    caps: bool = False
    esq: bool = False
    bar_style: str = "SBN {n}"
    bar_alone: bool = False
    labels: tuple[str, str] = ("Telephone: ", "Facsimile: ")
    email_label: str = "Email: "
    staff: list[str] = field(default_factory=list)  # a paralegal or secretary of the office

    @property
    def lead(self) -> Attorney:
        return self.attorneys[0]

    def shown(self, a: Attorney) -> str:
        name = a.name.upper() if self.caps else a.name
        return f"{name}, Esq." if self.esq and not self.caps else name

    def bar(self, a: Attorney) -> str:
        return self.bar_style.format(n=a.bar)

    def phone_lines(self, fax: bool = True) -> list[str]:
        tel, fx = self.labels
        if not tel and not fx:
            return [self.phone, self.fax] if fax else [self.phone]
        if fax and tel.strip() in ("T:", "Tel:") and fx.strip() in ("F:", "Fax:"):
            return [f"{tel}{self.phone} | {fx}{self.fax}"]
        return [f"{tel}{self.phone}"] + ([f"{fx}{self.fax}"] if fax else [])

    # -- the shapes -----------------------------------------------------------------
    def caption_block(self, style: int) -> list[str]:
        """The attorney block over the caption (top left of page 1 of a pleading)."""
        lines: list[str] = []
        if self.head:
            lines += [self.head.upper(), self.head_title]
        for a in self.attorneys:
            if self.bar_alone or style == 1:
                lines += [self.shown(a), self.bar(a)]
            else:
                lines.append(f"{self.shown(a)} ({self.bar(a)})")
            if a.title and self.head:
                lines.append(a.title)
            if style in (0, 2):
                lines.append(f"{self.email_label}{a.email}")
        if not self.head:
            lines.append(self.office)
        lines += [self.street, self.city_line]
        lines += self.phone_lines(fax=style != 2)
        if style == 1:
            lines += [f"{self.email_label}{a.email}" for a in self.attorneys]
        return lines + ["", self.role_line]

    def signature(self, style: int, dated: str) -> list[list[str]]:
        """The signature at the end of a pleading, as one or more runs of lines."""
        a = self.lead
        who = a.name.upper() if self.caps else a.name
        if self.head and style % 2 == 0:
            return [
                [f"Dated: {dated}", "", "Respectfully submitted,", ""]
                + [self.head.upper(), self.head_title, "", f"By: /s/ {a.name}", who, a.title]
                + [self.role_line]
            ]
        if style == 0:
            return [
                [f"Dated: {dated}", "", "Respectfully submitted,", "", self.office, ""]
                + [f"By: /s/ {a.name}", who, self.role_line]
            ]
        if style == 1:
            return [
                ["Respectfully submitted,", "", f"/s/ {a.name}", f"{who} ({self.bar(a)})"]
                + [self.office, self.street, self.city_line, *self.phone_lines(fax=False)]
                + [f"{self.email_label}{a.email}", "", self.role_line, "", f"Dated: {dated}"]
            ]
        if style == 2:
            return [[f"DATED: {dated}"], [self.office, "", "", f"By: s/ {a.name}", who]]
        return [
            [f"Date: {dated}", "", f"s/{a.name}", who]
            + ([a.title] if a.title else [])
            + [self.role_line]
        ]

    def service_entry(self, style: int) -> list[str]:
        """One party's counsel in a service list or a certificate of service."""
        names = [self.shown(a) for a in self.attorneys]
        emails = [a.email for a in self.attorneys]
        if style == 0:
            return names + [self.office, self.street, self.city_line]
        if style == 1:
            return (
                names
                + [self.office, self.street, self.city_line]
                + self.phone_lines(fax=False)
                + [f"{self.email_label}{e}" for e in emails]
                + [self.role_line]
            )
        return [
            f"{n} ({e})" if len(n) + len(e) < 48 else n for n, e in zip(names, emails, strict=True)
        ] + [
            self.office,
            self.role_line,
        ]

    def cc(self) -> str:
        a = self.lead
        return f"{a.name}, Esq." if not a.title else a.name

    def letterhead(self, style: int) -> tuple[list[str], list[str]]:
        """The firm's letterhead: (centred lines at the top, a line at the foot of page 1)."""
        tel, fx = self.labels
        tel = tel or "Tel. "
        fx = fx or "Fax "
        if style == 0:
            return [
                self.office,
                self.street,
                self.city_line,
                f"{tel}{self.phone}",
                self.website,
            ], []
        if style == 1:
            top = [self.office, "ATTORNEYS AT LAW"]
            foot = [f"{self.street}  |  {self.city_line}", f"{tel}{self.phone}  |  {self.website}"]
            return top, foot
        return [
            self.office,
            f"{self.street}, {self.city_line}",
            f"{tel}{self.phone}  {fx}{self.fax}",
        ], []


def firm_name(c, lead_last: str) -> str:
    """A firm's name made of partners' surnames (drawn as names, so no private name shares them)."""
    shape = c.rng.choice(FIRM_SHAPES)
    a, b, d = lead_last, c.names.last(), c.names.last()
    return shape.format(a=a.upper(), b=b.upper(), c=d.upper(), name="{name}")


def make_team(c, client: str, side: str, government: str = "") -> Team:
    """One side's counsel, every value registered as public on the composer ``c``."""
    rng = c.rng
    n = rng.choice([1, 1, 1, 2, 2, 3])
    attorneys = []
    office_kind = GOVERNMENT.get(government)
    head = head_title = ""
    if office_kind:
        head = f"{c.names.first()} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {c.names.last()}"
        head_title = office_kind[0]
        c.pub("COUNSEL", head)
    for _ in range(n):
        middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.75 else ""
        name = f"{c.names.first()}{middle} {c.names.last()}"
        attorneys.append(Attorney(name, str(rng.randint(150000, 349999)), ""))
    lead_last = attorneys[0].name.split()[-1]
    if office_kind:
        office = {
            "usao": "UNITED STATES ATTORNEY'S OFFICE",
            "ag": "OFFICE OF THE ATTORNEY GENERAL",
            "city": "OFFICE OF THE CITY ATTORNEY",
            "county": "OFFICE OF THE COUNTY COUNSEL",
            "pd": "OFFICE OF THE FEDERAL DEFENDER",
        }[government]
        domain = office_kind[2]
        for a in attorneys:
            a.title = office_kind[1]
    else:
        office = firm_name(c, lead_last)
        if "{name}" in office:
            office = office.format(name=attorneys[0].name.upper())
        domain = re.sub(r"[^a-z]", "", office.split()[0].lower())
        if domain in ("law", "the"):
            domain = re.sub(r"[^a-z]", "", lead_last.lower())
        domain += rng.choice(["law.com", "llp.com", ".com", "-law.com", "legal.com"])
    for a in attorneys:
        first, last = a.name.split()[0].lower(), a.name.split()[-1].lower()
        local = rng.choice([f"{first[0]}{last}", f"{first}.{last}", f"{last}", f"{first}"])
        a.email = f"{re.sub(r'[^a-z.]', '', local)}@{domain}"
    city = c.city()
    street = f"{rng.randint(100, 2999)} {rng.choice(c.pool.streets)}"
    suite = rng.choice(["Suite {n}00", "Suite {n}50", "{n}th Floor", "Ste. {n}00", ""])
    if suite:
        k = rng.randint(2, 19)
        suite = suite.format(n=k)
        if "th Floor" in suite and k in (2, 3):
            suite = {2: "2nd Floor", 3: "3rd Floor"}[k]
        street = f"{street}, {suite}"
    style = rng.choice(PHONE_STYLES)
    phone = format_phone(values.phone(rng, list(city.area_codes)), style)
    fax = format_phone(values.phone(rng, list(city.area_codes)), style)
    state = rng.choice([city.state, "California"]) if city.state == "CA" else city.state
    city_line = f"{city.name}, {state} {city.zip}"
    website = "www." + domain
    role_word = rng.choice(["Attorneys for", "Counsel for", "Attorneys for"])
    if n == 1 and rng.random() < 0.5:
        role_word = role_word.replace("Attorneys", "Attorney")
    team = Team(
        attorneys=attorneys,
        office=office,
        street=street,
        city_line=city_line,
        city=city.name,
        county=_COUNTY.get(city.name, city.name),
        state=_STATES.get(city.state, city.state),
        phone=phone,
        fax=fax,
        website=website,
        role_line=f"{role_word} {side} {client}",
        side=side,
        head=head,
        head_title=head_title,
        caps=rng.random() < 0.35,
        esq=rng.random() < 0.2,
        bar_style=rng.choice(BAR_STYLES),
        bar_alone=rng.random() < 0.3,
        labels=rng.choice(PHONE_LABELS),
        email_label=rng.choice(EMAIL_LABELS),
    )
    for a in attorneys:
        c.pub("COUNSEL", a.name)
        c.pub("BAR_NUMBER", a.bar)
        c.pub("COUNSEL_EMAIL", a.email)
    c.pub("FIRM", office)
    c.pub("COUNSEL_ADDRESS", street)
    c.pub("COUNSEL_PHONE", phone)
    c.pub("COUNSEL_PHONE", fax)
    return team


_STATES = {
    "CA": "California", "NV": "Nevada", "AZ": "Arizona", "OR": "Oregon", "WA": "Washington",
    "ID": "Idaho", "UT": "Utah", "CO": "Colorado", "NM": "New Mexico", "HI": "Hawaii", "AK": "Alaska",
}  # fmt: skip
_COUNTY = {
    "Sacramento": "Sacramento",
    "Elk Grove": "Sacramento",
    "Roseville": "Placer",
    "Stockton": "San Joaquin",
    "Modesto": "Stanislaus",
    "Fresno": "Fresno",
    "Visalia": "Tulare",
    "Bakersfield": "Kern",
    "Delano": "Kern",
    "Redding": "Shasta",
    "Chico": "Butte",
    "Davis": "Yolo",
    "Merced": "Merced",
    "Oakland": "Alameda",
    "Berkeley": "Alameda",
    "San Jose": "Santa Clara",
    "Fremont": "Alameda",
    "Santa Rosa": "Sonoma",
    "Vallejo": "Solano",
    "Reno": "Washoe",
    "Las Vegas": "Clark",
    "Phoenix": "Maricopa",
    "Tucson": "Pima",
    "Portland": "Multnomah",
    "Eugene": "Lane",
    "Seattle": "King",
    "Tacoma": "Pierce",
    "Spokane": "Spokane",
    "Boise": "Ada",
    "Salt Lake City": "Salt Lake",
    "Denver": "Denver",
    "Albuquerque": "Bernalillo",
    "Honolulu": "Honolulu",
    "Anchorage": "Anchorage",
}
