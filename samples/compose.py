"""Write the text of a filing: caption, body, signature, with private and public values planted.

``compose(kind, rng, split)`` returns a ``Content``; the kinds are ``motion``
(a motion to seal with personal identifiers, a minor and health details),
``declaration`` (a declaration about internal-affairs records) and
``exhibit`` (a confidential table of customers, patients or inmates).
"""

from __future__ import annotations

import random
import re

from samples import text, values
from samples.content import (
    Caption,
    Content,
    Heading,
    Lines,
    Para,
    Plant,
    PublicValue,
    Table,
    mark,
    marked_values,
)
from samples.pools import NamePicker, pools

COURTS = (
    (
        "EASTERN DISTRICT OF CALIFORNIA",
        "2:{yy}-cv-{n:05d}-{j}",
        "501 I Street, Sacramento, California",
    ),
    (
        "EASTERN DISTRICT OF CALIFORNIA",
        "1:{yy}-cv-{n:05d}-{j}",
        "2500 Tulare Street, Fresno, California",
    ),
    (
        "NORTHERN DISTRICT OF CALIFORNIA",
        "3:{yy}-cv-{n:05d}-{j}",
        "450 Golden Gate Avenue, San Francisco, California",
    ),
    (
        "CENTRAL DISTRICT OF CALIFORNIA",
        "2:{yy}-cv-{n:05d}-{j}",
        "350 West 1st Street, Los Angeles, California",
    ),
    (
        "SOUTHERN DISTRICT OF CALIFORNIA",
        "3:{yy}-cv-{n:05d}-{j}",
        "333 West Broadway, San Diego, California",
    ),
)
MONTH_DAYS = [(m, d) for m in range(1, 13) for d in (3, 8, 14, 17, 22, 27)]


class Composer:
    """Holds the people and values of one filing while its text is written."""

    def __init__(self, rng: random.Random, split: str) -> None:
        self.rng = rng
        self.split = split
        self.pool = pools(split)
        self.names = NamePicker(rng, self.pool)
        self.private: list[Plant] = []
        self.public: list[PublicValue] = []
        self.ecf = str(rng.randint(18, 96))
        self.exhibit = iter("ABCDEFGH")
        self.variant = ""  # a kind's sub-type, e.g. "customers" for an exhibit
        # The varied corpus: counsel, signatures, courts and service written in many real
        # styles. The bundled samples keep the one classic style (varied is False).
        self.varied = False
        self.layout = ""
        self.court = None  # a samples.courts.Court once the filing's court is chosen
        self.stamp: tuple[str, bool, int] | None = None  # the CM/ECF stamp, when filed
        self.judge_title = ""
        self.teams: list = []  # samples.counsel.Team, ours first

    def vary(self, layout: str) -> None:
        """Write this filing in the varied styles: no drawn name may share a courthouse's words."""
        from samples import courts

        self.varied = True
        self.layout = layout
        self.names.reserve(*courts.RESERVED)

    # -- registering values -------------------------------------------------
    def priv(
        self, category: str, value: str, forms: list[str] | None = None, surface: str = "page"
    ) -> str:
        self.private.append(Plant(category, value, list(forms or []), surface))
        return mark(value)

    def pub(self, category: str, value: str) -> str:
        if all(p.value != value for p in self.public):
            self.public.append(PublicValue(category, value))
        return mark(value) if len(value) < 40 else value

    def person(self, category: str, name: str) -> str:
        return self.priv(category, name, name.split())

    def prose(self, template: str, **extra: str) -> str:
        """Fill public legal prose: {c:key} citations, {s:rule} statutes, {ecf}."""
        out = re.sub(r"\{c:(\w+)\}", lambda m: self.pub("CITATION", text.CITATIONS[m[1]]), template)
        out = re.sub(r"\{s:([^}]+)\}", lambda m: self.pub("STATUTE", m[1]), out)
        return out.format(ecf=self.ecf, **extra)

    def sentence(self, family: str, **slots: str) -> str:
        options = text.TEMPLATES[family][self.split]
        candidates = [
            t for t in options if all(f"{{{k}}}" not in t or k in slots for k in _slots(t))
        ]
        template = self.rng.choice(candidates or list(options))
        used = _slots(template)
        for key, filled in slots.items():
            if key not in used:
                self.unplant(filled)
        return template.format(**{k: slots.get(k, "") for k in used})

    def unplant(self, filled: str) -> None:
        """Forget values prepared for a slot the chosen sentence does not have."""
        for value in marked_values(filled):
            for i in range(len(self.private) - 1, -1, -1):
                if self.private[i].value == value:
                    del self.private[i]
                    break

    # -- values -------------------------------------------------------------
    def city(self):
        return self.rng.choice(self.pool.cities)

    def street_line(self) -> str:
        return f"{self.rng.randint(100, 9899)} {self.rng.choice(self.pool.streets)}"

    def address(self, split_lines: bool = False) -> tuple[str, str]:
        """(marked text, city line) for a home address; two lines when split_lines."""
        city = self.city()
        street = self.street_line()
        if self.rng.random() < 0.3:
            street += f", Apt. {self.rng.randint(1, 40)}"
        city_line = f"{city.name}, {city.state} {city.zip}"
        value = f"{street}, {city_line}"
        self.private.append(Plant("ADDRESS", value, [street]))
        if split_lines:
            return mark(street) + "\n" + city_line, city_line
        return mark(value), city_line

    def phone(self) -> str:
        value = values.phone(self.rng, list(self.city().area_codes))
        return self.priv("PHONE", value, values.phone_forms(value))

    def email(self, name: str) -> str:
        first, last = name.lower().split()[0], name.lower().split()[-1]
        local = self.rng.choice(
            [
                f"{first}.{last}",
                f"{first[0]}{last}{self.rng.randint(1, 99)}",
                f"{last}{first[:3]}",
                f"{first}{self.rng.randint(70, 99)}",
            ]
        )
        domain = self.rng.choice(
            ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net"]
        )
        return self.priv("EMAIL", f"{re.sub(r'[^a-z0-9.]', '', local)}@{domain}")

    def dob(self, first_year: int, last_year: int) -> str:
        forms = values.date_forms(values.birth_date(self.rng, first_year, last_year))
        shown = forms[0] if self.rng.random() < 0.6 else forms[1]
        return self.priv("DOB", shown, [f for f in forms if f != shown])

    def ssn(self) -> str:
        value = values.ssn(self.rng)
        return self.priv("SSN", value, [values.digits_only(value), value.replace("-", " ")])

    def account(self) -> str:
        value = values.account(self.rng)
        return self.priv("ACCOUNT", value, [values.digits_only(value)] if "-" in value else [])

    def routing(self) -> str:
        return self.priv("ROUTING", values.routing(self.rng))

    def card(self) -> str:
        value = values.card(self.rng)
        return self.priv("CARD", value, [values.digits_only(value)])

    def medical(self) -> tuple[str, str]:
        med = self.priv("MEDICAL", self.rng.choice(self.pool.medical))
        return med, self.priv("MRN", values.mrn(self.rng))

    def date(self, year: int) -> str:
        m, d = self.rng.choice(MONTH_DAYS)
        return f"{values.MONTHS[m - 1]} {d}, {year}"

    def medical_only(self) -> tuple[str, str]:
        """A diagnosis or treatment planted alone (no record number beside it)."""
        return self.priv("MEDICAL", self.rng.choice(self.pool.medical)), ""

    def defendants(self) -> tuple[str, ...]:
        """Entities a filing may sue: agencies, companies, and in the varied corpus also
        hospitals, schools and funds whose names hold a word of health or of a school."""
        if not self.varied:
            return self.pool.companies
        return self.pool.companies + self.pool.institutions

    def judge(self):
        """A judge not yet named in this filing (a panel needs three): from the list, then drawn."""
        from samples.pools import Judge

        for judge in self.rng.sample(self.pool.judges, len(self.pool.judges)):
            words = judge.name.replace(".", "").split()
            if not any(w.lower() in self.names.used for w in words if len(w) > 1):
                self.names.reserve(*words)
                self.judge_title = self.judge_title or judge.title
                return judge
        return Judge(self.names.full_with_initial(), "United States District Judge")

    def ecf_stamp(self, case: str) -> None:
        """Most filings in the varied corpus carry the CM/ECF stamp of a filed document."""
        from samples import courts

        if self.varied and self.court is not None and self.rng.random() < 0.6:
            template, top, base = courts.ecf_stamp(self.court, case, self.rng)
            if template:
                self.stamp = (template, top, base)

    # -- the parts every pleading has ---------------------------------------
    def parties(self, individual_plaintiff: bool = True) -> tuple[str, str]:
        plaintiff = (
            self.names.full() if individual_plaintiff else self.rng.choice(self.pool.companies)
        )
        defendant = self.rng.choice([c for c in self.defendants() if c != plaintiff])
        if individual_plaintiff:
            self.pub("PARTY", plaintiff)
            self.names.reserve(*plaintiff.split())
        self.pub("PARTY", defendant)
        return plaintiff, defendant

    def counsel(self, client: str, side: str):
        if self.varied:
            from samples.counsel import make_team

            government = ""
            if side == "Defendant" and client.upper().startswith(("CITY OF", "COUNTY OF")):
                government = self.rng.choice(["", "city" if "CITY" in client.upper() else "county"])
            team = make_team(
                self, client.upper() if side == "Plaintiff" else client, side, government
            )
            self.teams.append(team)
            return team.lead.name, team.office, team.caption_block(self.rng.randrange(3))
        name = f"{self.names.first()} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}. {self.names.last()}"
        partner = self.names.last()
        firm = self.rng.choice(
            [
                f"{name.split()[-1].upper()} & {partner.upper()} LLP",
                f"LAW OFFICES OF {name.upper()}",
                f"{partner.upper()} {name.split()[-1].upper()} LLP",
            ]
        )
        city = self.city()
        street = f"{self.rng.randint(100, 2999)} {self.rng.choice(self.pool.streets)}, Suite {self.rng.randint(2, 19)}00"
        phone = values.phone(self.rng, list(city.area_codes))
        domain = re.sub(r"[^a-z]", "", firm.split()[0].lower()) + "law.com"
        email = f"{name.split()[0][0].lower()}{name.split()[-1].lower()}@{domain}"
        sbn = str(self.rng.randint(150000, 349999))
        attorney = [
            f"{self.pub('COUNSEL', name)} (SBN {self.pub('BAR_NUMBER', sbn)})",
            self.pub("COUNSEL_EMAIL", email),
            self.pub("FIRM", firm),
            self.pub("COUNSEL_ADDRESS", street),
            f"{city.name}, {city.state} {city.zip}",
            f"Telephone: {self.pub('COUNSEL_PHONE', phone)}",
            "",
            f"Attorneys for {side} {client.upper() if side == 'Plaintiff' else client}",
        ]
        return name, firm, attorney

    def caption(
        self,
        attorney: list[str],
        court: str,
        plaintiff: str,
        defendant: str,
        case_number: str,
        title: str,
        hearing: bool,
    ) -> Caption:
        if self.varied:
            return self._varied_caption(
                attorney, court, plaintiff, defendant, case_number, title, hearing
            )
        judge = self.rng.choice(self.pool.judges)
        self.names.reserve(*judge.name.replace(".", "").split())
        right = [f"Case No. {self.pub('CASE_NUMBER', case_number)}", "", title]
        if hearing:
            right += [
                "",
                f"Date: {self.pub('HEARING_DATE', self.date(2024))}",
                f"Time: {self.rng.choice(['9:00 a.m.', '10:00 a.m.', '1:30 p.m.', '2:00 p.m.'])}",
                f"Courtroom: {self.rng.randint(2, 27)}",
                f"Judge: Hon. {self.pub('JUDGE', judge.name)}",
            ]
        left = [
            f"{plaintiff.upper()},",
            "",
            "Plaintiff,",
            "",
            "v.",
            "",
            f"{defendant}, et al.,",
            "",
            "Defendants.",
        ]
        return Caption(attorney, ["UNITED STATES DISTRICT COURT", court], left, right)

    def _varied_caption(
        self,
        attorney: list[str],
        court: str,
        plaintiff: str,
        defendant: str,
        case_number: str,
        title: str,
        hearing: bool,
    ) -> Caption:
        rng = self.rng
        judge = self.judge()
        self.pub("CASE_NUMBER", case_number)
        label = rng.choice(["Case No.", "CASE NO.:", "No.", "Case No.:"])
        right = [f"{label} {case_number}", "", title]
        if hearing:
            named = rng.choice(
                [f"Judge: Hon. {judge.name}", f"Hon. {judge.name}", f"Judge: {judge.name}"]
            )
            self.pub("JUDGE", judge.name)
            right += [
                "",
                f"{rng.choice(['Date:', 'Hearing Date:', 'DATE:'])} {self.pub('HEARING_DATE', self.date(2024))}",
                f"Time: {rng.choice(['9:00 a.m.', '10:00 a.m.', '1:30 p.m.', '2:00 p.m.'])}",
                f"{rng.choice(['Courtroom:', 'Ctrm:', 'Dept.:'])} {rng.randint(2, 27)}",
                named,
            ]
        who = f"{plaintiff.upper()},"
        if plaintiff.upper() not in self.defendants() and rng.random() < 0.4:
            who = f"{plaintiff.upper()}, an individual,"
        others = rng.choice([", et al.,", "; and DOES 1 through 20, inclusive,", ", et al.,"])
        left = [who, "", "Plaintiff,", "", rng.choice(["v.", "vs.", "v."]), "", f"{defendant}{others}",
                "", "Defendants."]  # fmt: skip
        court_lines = (
            list(self.court.lines)
            if self.court is not None
            else ["UNITED STATES DISTRICT COURT", court]
        )
        return Caption(attorney, court_lines, left, right)

    def case_number(self) -> tuple[str, str, str]:
        if self.varied:
            from samples import courts

            self.court = self.rng.choice(courts.DISTRICT)
            number = courts.case_number(self.court, self.rng)
            place = f"{self.court.street.split(',')[0]}, {self.court.city_line.split(',')[0]}"
            return self.court.lines[1], number, self.pub("COURT", place)
        court, pattern, courthouse = self.rng.choice(COURTS)
        judges = self.rng.choice(
            ["KJM-DB", "JAM-AC", "WBS-CKD", "DAD-SAB", "JSC", "HSG", "MWF-AGR", "JLS-BGS"]
        )
        number = pattern.format(
            yy=self.rng.randint(18, 24), n=self.rng.randint(100, 2999), j=judges
        )
        return court, number, courthouse

    def signature(self, counsel: str, firm: str, client_line: str):
        if self.varied and self.teams:
            from samples.content import Columns

            runs = self.teams[0].signature(self.rng.randrange(4), self.date(2024))
            if len(runs) == 1:
                return Lines(runs[0], left=self.rng.choice([0.4, 0.45, 0.5]))
            if self.layout == "two_column":
                return Lines(runs[0] + [""] + runs[1], left=0.3)
            return Columns(runs[0], runs[1], split=0.5)
        return Lines(
            [
                f"Dated: {self.date(2024)}",
                "",
                "Respectfully submitted,",
                "",
                firm,
                "",
                f"By: /s/ {counsel}",
                counsel,
                client_line,
            ],
            left=0.45,
        )

    def service(self, title: str, other_client: str, other_side: str) -> list:
        """The certificate or proof of service that closes a pleading in the varied corpus."""
        if not self.varied or not self.teams or self.rng.random() < 0.3:
            return []
        from samples.compose_papers import service_section
        from samples.counsel import make_team

        government = ""
        if other_client.upper().startswith(("CITY OF", "COUNTY OF")) and self.rng.random() < 0.5:
            government = "city" if "CITY" in other_client.upper() else "county"
        other = make_team(self, other_client, other_side, government)
        self.teams.append(other)
        return service_section(self, title, self.teams[0], [other])


def proper(name: str) -> str:
    """A caption name in running text: CITY OF FRESNO -> City of Fresno, keeping LLC and Inc."""
    small = {"of", "and", "for", "the"}
    words = [w if w.upper() in ("LLC", "LLC,", "U.S.D.") else w.capitalize() for w in name.split()]
    return " ".join(w.lower() if i and w.lower() in small else w for i, w in enumerate(words))


def _slots(template: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", template)


def compose(
    kind: str,
    rng: random.Random,
    split: str,
    extra: int = 2,
    variant: str = "",
    ligatures: bool = False,
    layout: str = "",
) -> tuple[Composer, Content]:
    """The text of one filing of ``kind``; ``layout`` given, in the varied styles."""
    from samples import compose_kinds, compose_papers  # the kinds live in their own modules

    builders = {
        "motion": compose_kinds.motion,
        "declaration": compose_kinds.declaration,
        "exhibit": compose_kinds.exhibit,
        "order": compose_kinds.order,
        "stipulation": compose_papers.stipulation,
        "opinion": compose_papers.opinion,
        "clerk_letter": compose_papers.clerk_letter,
        "counsel_letter": compose_papers.counsel_letter,
    }
    if kind not in builders:
        raise ValueError(f"unknown filing kind {kind!r}; use one of {', '.join(builders)}")
    composer = Composer(rng, split)
    composer.variant = variant
    if layout:
        composer.vary(layout)
    elif kind not in ("motion", "declaration", "exhibit", "order"):
        raise ValueError(f"the kind {kind!r} is written in the varied styles only")
    if ligatures:
        composer.names.prefer_last = "ff|fi|fl"
    return composer, builders[kind](composer, extra)


__all__ = ["Composer", "compose", "Heading", "Para", "Lines", "Table", "Content"]
