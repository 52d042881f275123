"""Validators that confirm or reject what a pattern matched.

A validator is ``fn(value: str) -> bool``: it is given the matched value as it
appears in the text (with its dashes, spaces or dots) and says whether it can be
a real identifier of its kind. Pattern packs name validators; the registry below
is the only place those names resolve, and a name that does not exist is an
error that lists the names that do.

Decisions worth knowing:

* ``ssn`` applies the Social Security Administration's rules (area not 000, 666
  or 900-999; group not 00; serial not 0000) and rejects the numbers the SSA has
  voided after they were printed in advertising (078-05-1120, 219-09-9999).
  ``123-45-6789`` is *accepted*: it breaks no SSA rule, and in a court filing a
  number typed as a placeholder is far more likely to be someone's real number
  than a harmless example. Failing toward redaction costs a box; failing the
  other way puts a number on the public docket.
* ``phone_nanp`` keeps 555 numbers except 555-0100 to 555-0199, the range set
  aside for fiction.
* ``dl`` accepts a value that fits at least one state's driver's licence format;
  it cannot know the state, so packs that use it require context words.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Callable

from ..errors import PolicyError

Validator = Callable[[str], bool]

_REGISTRY: dict[str, Validator] = {}


def register(name: str) -> Callable[[Validator], Validator]:
    """Register a validator under ``name`` (a decorator)."""

    def add(fn: Validator) -> Validator:
        if name in _REGISTRY:
            raise ValueError(f"validator {name!r} is already registered")
        _REGISTRY[name] = fn
        return fn

    return add


def names() -> list[str]:
    """The names of every registered validator, sorted."""
    return sorted(_REGISTRY)


def get(name: str) -> Validator:
    """The validator registered as ``name``; a PolicyError listing the names that exist if none."""
    try:
        return _REGISTRY[name]
    except KeyError:
        close = difflib.get_close_matches(name, _REGISTRY, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise PolicyError(
            f"unknown validator {name!r}{hint}; available: {', '.join(names())}"
        ) from None


def digits(value: str) -> str:
    """The digits of a value, with every separator dropped."""
    return "".join(ch for ch in value if ch.isdigit())


# --- taxpayer numbers -------------------------------------------------------

_VOIDED_SSNS = frozenset({"078051120", "219099999"})


@register("ssn")
def ssn(value: str) -> bool:
    d = digits(value)
    if len(d) != 9 or d in _VOIDED_SSNS:
        return False
    area, group, serial = d[:3], d[3:5], d[5:]
    if area in ("000", "666") or area[0] == "9":
        return False
    return group != "00" and serial != "0000"


# IRS: an ITIN begins with 9 and its fourth and fifth digits are 50-65, 70-88, 90-92 or 94-99.
_ITIN_GROUPS = frozenset([*range(50, 66), *range(70, 89), *range(90, 93), *range(94, 100)])


@register("itin")
def itin(value: str) -> bool:
    d = digits(value)
    return len(d) == 9 and d[0] == "9" and int(d[3:5]) in _ITIN_GROUPS and d[5:] != "0000"


# IRS campus prefixes in use for EINs; 00, 07-09, 17-19, 28, 29, 49, 69, 70, 78, 79, 89, 96 and 97 are not assigned.
_EIN_PREFIXES = frozenset(
    f"{n:02d}"
    for n in [
        *range(1, 7),
        *range(10, 17),
        *range(20, 28),
        *range(30, 49),
        *range(50, 69),
        *range(71, 78),
        *range(80, 89),
        *range(90, 96),
        98,
        99,
    ]
)


@register("ein")
def ein(value: str) -> bool:
    d = digits(value)
    return len(d) == 9 and d[:2] in _EIN_PREFIXES and d[2:] != "0000000"


# --- financial numbers ------------------------------------------------------


def luhn_checksum_ok(d: str) -> bool:
    """The Luhn (mod 10) check over a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


# Issuer prefixes (IIN ranges) of the card networks a US filing will meet, with their lengths.
_CARD_RANGES: tuple[tuple[int, int, frozenset[int]], ...] = (
    (4, 4, frozenset({13, 16, 19})),  # Visa
    (51, 55, frozenset({16})),  # Mastercard
    (2221, 2720, frozenset({16})),  # Mastercard 2-series
    (34, 34, frozenset({15})),  # American Express
    (37, 37, frozenset({15})),
    (6011, 6011, frozenset({16, 19})),  # Discover
    (644, 649, frozenset({16, 19})),
    (65, 65, frozenset({16, 19})),
    (622126, 622925, frozenset({16, 19})),
    (3528, 3589, frozenset({16, 19})),  # JCB
    (300, 305, frozenset({14, 16, 19})),  # Diners Club
    (36, 36, frozenset({14, 16, 19})),
    (38, 39, frozenset({16, 19})),
    (62, 62, frozenset({16, 17, 18, 19})),  # UnionPay
    (50, 50, frozenset(range(12, 20))),  # Maestro
    (56, 58, frozenset(range(12, 20))),
    (6304, 6304, frozenset(range(12, 20))),
    (6759, 6759, frozenset(range(12, 20))),
    (676770, 676774, frozenset(range(12, 20))),
)


def known_card_prefix(d: str) -> bool:
    """Whether a string of digits starts with a known card issuer prefix and has its length."""
    for low, high, lengths in _CARD_RANGES:
        width = len(str(low))
        if len(d) in lengths and low <= int(d[:width]) <= high:
            return True
    return False


@register("luhn")
def luhn(value: str) -> bool:
    """A payment card number: 13-19 digits, a known issuer prefix, a valid Luhn check digit."""
    d = digits(value)
    return 13 <= len(d) <= 19 and known_card_prefix(d) and luhn_checksum_ok(d)


def aba_checksum_ok(d: str) -> bool:
    """The ABA routing number check: weights 3, 7, 1 repeated, sum divisible by 10."""
    weights = (3, 7, 1) * 3
    return sum(int(ch) * w for ch, w in zip(d, weights, strict=True)) % 10 == 0


# First two digits of a routing number: 00-12 Federal Reserve banks, 21-32 thrifts,
# 61-72 electronic, 80 traveller's cheques.
_ABA_PREFIXES = frozenset([*range(0, 13), *range(21, 33), *range(61, 73), 80])


@register("aba_routing")
def aba_routing(value: str) -> bool:
    d = digits(value)
    return len(d) == 9 and d != "000000000" and int(d[:2]) in _ABA_PREFIXES and aba_checksum_ok(d)


@register("bank_account")
def bank_account(value: str) -> bool:
    """A bank account number: 6 to 17 digits, not one digit repeated."""
    d = digits(value)
    return 6 <= len(d) <= 17 and len(set(d)) > 1


@register("iban")
def iban(value: str) -> bool:
    """An IBAN: country code, two check digits, mod-97 of the rearranged number is 1."""
    s = re.sub(r"[\s-]", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    rearranged = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


# --- dates ------------------------------------------------------------------

_MONTHS = {
    **{full.lower(): i for i, full in enumerate(calendar.month_name) if full},
    **{abbr.lower(): i for i, abbr in enumerate(calendar.month_abbr) if abbr},
    "sept": 9,
}
_MONTH = r"(?P<month_name>[A-Za-z]{3,9})\.?"
_DATE_FORMATS = (
    re.compile(r"(?P<month>\d{1,2})(?P<sep>[/.-])(?P<day>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(_MONTH + r",?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<year>\d{4})"),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})"),
)


def parse_date(value: str) -> tuple[int, int, int] | None:
    """``(year, month, day)`` of a date written in one of the usual US forms, if it is a real date.

    Two-digit years are read as 19xx or 20xx (whichever is not in the future is
    not known here, so 00-29 mean 20xx); four-digit years must lie in 1850-2100.
    """
    text = " ".join(value.split())
    for form in _DATE_FORMATS:
        m = form.fullmatch(text)
        if not m:
            continue
        fields = m.groupdict()
        if fields.get("month_name") is not None:
            month = _MONTHS.get(fields["month_name"].lower())
            if month is None:
                return None
        else:
            month = int(fields["month"])
        day, year = int(fields["day"]), int(fields["year"])
        if len(fields["year"]) == 2:
            year += 2000 if year < 30 else 1900
        if not (1850 <= year <= 2100 and 1 <= month <= 12):
            return None
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return year, month, day
    return None


@register("date")
def date(value: str) -> bool:
    return parse_date(value) is not None


# --- contact data -----------------------------------------------------------


@register("phone_nanp")
def phone_nanp(value: str) -> bool:
    """A North American number: NPA and NXX start with 2-9, neither is N11, no X9X area code,
    and not one of the fictional 555-0100 to 555-0199."""
    d = digits(value)
    if len(d) == 11 and d[0] == "1":
        d = d[1:]
    if len(d) != 10:
        return False
    npa, nxx, line = d[:3], d[3:6], d[6:]
    if npa[0] in "01" or nxx[0] in "01" or npa[1] == "9":
        return False
    if npa[1:] == "11" or nxx[1:] == "11":
        return False
    return not (nxx == "555" and line.startswith("01"))


@register("zip")
def zip_code(value: str) -> bool:
    """A US ZIP or ZIP+4 code (the 000 prefix is never used)."""
    m = re.fullmatch(r"(\d{5})(?:-(\d{4}))?", value.strip())
    return bool(m) and not m.group(1).startswith("000") and m.group(2) != "0000"


# --- driver's licences ------------------------------------------------------

# The formats states issue, letters L and digits D, from the state DMV formats
# (AAMVA-style tables); the union of all of them, since the state is not known here.
_DL_FORMATS = re.compile(
    r"""
    \d{5,16}                     # many states: digits only (AL, AK, AR, CT, DE, GA, ... WY)
    | [A-Z]\d{4,18}              # one letter then digits (CA, FL, IL, MD, MI, MN, NJ, NY, WI ...)
    | [A-Z]{2}\d{3,7}            # CO, OH, WV
    | [A-Z]{2}\d{6}[A-Z]         # ID
    | [A-Z]{3}\d{6}              # ND
    | \d{3}[A-Z]{2}\d{4}         # IA
    | \d{2}[A-Z]{3}\d{5}         # NH
    | [A-Z]\d[A-Z]\d[A-Z]        # KS
    | \d{7,9}[A-Z]{1,2}          # ME, MO, VT
    | [A-Z]\d{6}R                # MO
    | [A-Z]{8}                   # NY (older)
    | WDL[A-Z0-9]{9}             # WA (2018 on)
    | [A-Z*]{7}\d{3}[A-Z0-9]{2}  # WA (older)
    """,
    re.VERBOSE,
)


@register("dl")
def drivers_license(value: str) -> bool:
    s = re.sub(r"[\s-]", "", value).upper()
    return len(s) >= 5 and any(ch.isdigit() for ch in s) and bool(_DL_FORMATS.fullmatch(s))


@register("email")
def email(value: str) -> bool:
    """An address whose local part and domain have no empty dot-separated pieces."""
    local, _, domain = value.rpartition("@")
    if not local or not domain or len(value) > 254:
        return False
    return "" not in local.split(".") and "" not in domain.split(".")
