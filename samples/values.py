"""Synthetic identifiers that pass the checks a validator would make, and those checks.

Every generator takes a ``random.Random`` so a seed fixes every value. The
checks (``ssn_ok``, ``luhn_ok``, ``aba_ok``, ``nanp_ok``) are written from
the published rules, independent of the project's own pattern packs, so the
tests can hold the planted values to them.
"""

from __future__ import annotations

import datetime as dt
import random
import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# SSNs published in advertising and by the SSA as examples; validators reject them.
_FAMOUS_SSNS = {"078051120", "219099999", "123456789"}


def ssn_ok(value: str) -> bool:
    """True for a well-formed SSN: area 001-899 but not 666, group 01-99, serial 0001-9999."""
    digits = re.sub(r"\D", "", value)
    if len(digits) != 9 or digits in _FAMOUS_SSNS:
        return False
    area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
    return 0 < area < 900 and area != 666 and group > 0 and serial > 0


def luhn_ok(value: str) -> bool:
    """True when the digits of ``value`` pass the Luhn (mod 10) check."""
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def aba_ok(value: str) -> bool:
    """True for an ABA routing number: nine digits, valid prefix, 3-7-1 checksum."""
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 9 or len(re.sub(r"\D", "", value)) != len(value.strip()):
        return False
    prefix = digits[0] * 10 + digits[1]
    if not (1 <= prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    d = digits
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 == 0


def nanp_ok(value: str) -> bool:
    """True for a ten-digit North American number: NPA and NXX start 2-9, neither is N11."""
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) != 10:
        return False
    npa, nxx = digits[:3], digits[3:6]
    return (
        npa[0] in "23456789"
        and nxx[0] in "23456789"
        and npa[1:] != "11"
        and nxx[1:] != "11"
        and npa[1] != "9"
    )


def ssn(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        value = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
        if ssn_ok(value):
            return value


def ein(rng: random.Random) -> str:
    """An employer identification number with a prefix the IRS assigns."""
    prefix = rng.choice([10, 12, 20, 27, 33, 35, 45, 46, 52, 56, 61, 68, 77, 81, 86, 91, 94, 95])
    return f"{prefix:02d}-{rng.randint(1000000, 9999999)}"


def luhn_complete(partial: str) -> str:
    """``partial`` plus the check digit that makes the whole pass Luhn."""
    for check in "0123456789":
        if luhn_ok(partial + check):
            return partial + check
    raise AssertionError("unreachable: one check digit always fits")


def card(rng: random.Random) -> str:
    """A Luhn-valid Visa, Mastercard or American Express number, grouped as printed."""
    kind = rng.choice(["visa", "visa", "mc", "amex"])
    if kind == "amex":
        digits = luhn_complete(rng.choice(["34", "37"]) + "".join(rng.choices("0123456789", k=12)))
        return f"{digits[:4]} {digits[4:10]} {digits[10:]}"
    start = "4" if kind == "visa" else str(rng.randint(51, 55))
    digits = luhn_complete(start + "".join(rng.choices("0123456789", k=15 - len(start))))
    return " ".join(digits[i : i + 4] for i in range(0, 16, 4))


def routing(rng: random.Random) -> str:
    while True:
        prefix = rng.choice(list(range(1, 13)) + list(range(21, 33)))
        body = f"{prefix:02d}" + "".join(rng.choices("0123456789", k=6))
        for check in "0123456789":
            if aba_ok(body + check):
                return body + check


def account(rng: random.Random) -> str:
    n = rng.choice([8, 10, 10, 12])
    digits = str(rng.randint(1, 9)) + "".join(rng.choices("0123456789", k=n - 1))
    if n == 12 and rng.random() < 0.5:
        return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"
    return digits


def phone(rng: random.Random, area_codes: list[str]) -> str:
    while True:
        nxx = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        if nxx[1:] == "11" or nxx == "555":
            continue
        value = f"({rng.choice(area_codes)}) {nxx}-{rng.randint(0, 9999):04d}"
        if nanp_ok(value):
            return value


def phone_forms(value: str) -> list[str]:
    """Other ways the same number is written: bare digits, dotted, dashed."""
    d = re.sub(r"\D", "", value)
    return [d, f"{d[:3]}-{d[3:6]}-{d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}"]


def birth_date(rng: random.Random, first_year: int, last_year: int) -> dt.date:
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def date_forms(day: dt.date) -> list[str]:
    """The spellings of one date a filing might use; the first is the long form."""
    return [
        f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{day.month:02d}/{day.day:02d}/{day.year}",
        f"{day.month}/{day.day}/{day.year}",
        day.isoformat(),
    ]


def drivers_license(rng: random.Random) -> str:
    """A California-style licence number: one letter, seven digits."""
    return rng.choice("ABCDEFGHJKLMNPRSTUVWY") + f"{rng.randint(0, 9999999):07d}"


def mrn(rng: random.Random) -> str:
    return f"{rng.randint(1000000, 99999999):08d}"


def badge(rng: random.Random) -> str:
    return str(rng.randint(1000, 99999))


def ia_case(rng: random.Random) -> str:
    year = rng.randint(2014, 2023)
    n = rng.randint(1, 999)
    return rng.choice(
        [
            f"IA {year}-{n:04d}",
            f"IA-{year % 100:02d}-{n:03d}",
            f"PSU {year}-{n:03d}",
            f"IA#{year}{n:04d}",
        ]
    )


def digits_only(value: str) -> str:
    return re.sub(r"\D", "", value)
