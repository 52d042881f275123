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

    # -- the parts every pleading has ---------------------------------------
    def parties(self, individual_plaintiff: bool = True) -> tuple[str, str]:
        plaintiff = (
            self.names.full() if individual_plaintiff else self.rng.choice(self.pool.companies)
        )
        defendant = self.rng.choice([c for c in self.pool.companies if c != plaintiff])
        if individual_plaintiff:
            self.pub("PARTY", plaintiff)
            self.names.reserve(*plaintiff.split())
        self.pub("PARTY", defendant)
        return plaintiff, defendant

    def counsel(self, client: str, side: str):
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

    def case_number(self) -> tuple[str, str, str]:
        court, pattern, courthouse = self.rng.choice(COURTS)
        judges = self.rng.choice(
            ["KJM-DB", "JAM-AC", "WBS-CKD", "DAD-SAB", "JSC", "HSG", "MWF-AGR", "JLS-BGS"]
        )
        number = pattern.format(
            yy=self.rng.randint(18, 24), n=self.rng.randint(100, 2999), j=judges
        )
        return court, number, courthouse

    def signature(self, counsel: str, firm: str, client_line: str) -> Lines:
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
) -> tuple[Composer, Content]:
    from samples import compose_kinds  # the three kinds live in their own module

    builders = {
        "motion": compose_kinds.motion,
        "declaration": compose_kinds.declaration,
        "exhibit": compose_kinds.exhibit,
        "order": compose_kinds.order,
    }
    if kind not in builders:
        raise ValueError(f"unknown filing kind {kind!r}; use one of {', '.join(builders)}")
    composer = Composer(rng, split)
    composer.variant = variant
    if ligatures:
        composer.names.prefer_last = "ff|fi|fl"
    return composer, builders[kind](composer, extra)


__all__ = ["Composer", "compose", "Heading", "Para", "Lines", "Table", "Content"]
