"""The spelling rules that plan, render and verify share.

* :func:`public_form`: what FRCP 5.2 lets remain of a value (``XXX-XX-1234``,
  ``XX/XX/1980``, initials), by its category's ``partial_form``;
* :func:`term_forms`: the value and the other ways the same thing is written,
  which verification looks for and render masks;
* :func:`term_pattern`: the regex that finds a spelling however a reader spaced
  or split it; :func:`fold` and :func:`term_key`: the letters and digits a text
  must hold for a pattern to match in it, so most texts are passed over.
"""

from __future__ import annotations

import functools
import re

from .. import categories

# Words of a name that say nothing about who it is: never searched for on their own.
NAME_STOPWORDS = frozenset(
    "the and for von van der den del della las los mr mrs ms miss dr jr sr ii iii iv esq "
    "hon minor child student officer detective sergeant deputy doe roe".split()
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


def _form(category: str) -> str | None:
    entry = categories.BY_NAME.get(category)
    return entry.partial_form if entry else None


def _kept_digits(category: str) -> int | None:
    entry = categories.BY_NAME.get(category)
    return entry.kept_digits if entry and entry.kept_digits else None


# -- the public forms of FRCP 5.2 ----------------------------------------------------


def public_form(category: str, value: str, *, keep_city_state: bool = False) -> str | None:
    """What may remain of a value under FRCP 5.2(a) (the category's ``partial_form``), or None."""
    entry = categories.BY_NAME.get(category)
    form = entry.partial_form if entry else None
    digits = re.sub(r"\D", "", value)
    if form == categories.LAST_FOUR_SSN and len(digits) == 9:
        return f"XXX-XX-{digits[-4:]}"
    if form == categories.LAST_FOUR_TIN and len(digits) == 9:
        return f"XX-XXX{digits[-4:]}"
    if form == categories.LAST_FOUR and len(digits) >= 5:
        return "X" * (len(digits) - 4) + digits[-4:]
    if form == categories.YEAR:
        year = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", value)
        if year:
            return f"XX/XX/{year.group(1)}"
        short = re.fullmatch(r"\s*\d{1,2}[/.-]\d{1,2}[/.-](\d\d)\s*", value)
        return f"XX/XX/{short.group(1)}" if short else None
    if form == categories.INITIALS:
        words = [
            w
            for w in re.findall(r"[^\W\d_][\w'’-]*", value)
            if w.lower().strip(".") not in NAME_STOPWORDS
        ]
        return "".join(f"{w[0].upper()}." for w in words) or None
    if form == categories.CITY_STATE and keep_city_state:
        m = re.search(r"([A-Z][A-Za-z .'-]+?),?\s+([A-Z]{2})\.?(?:\s+\d{5}(?:-\d{4})?)?\s*$", value)
        if m:
            city = m.group(1).split(",")[-1].strip()
            city = re.sub(
                r"^(?:\d+\s+)?(?:.*\b(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Way|Blvd|Court|Ct|Place|Pl|Apt\.?\s*\w+|Unit\s*\w+))\.?\s+",
                "",
                city,
            )
            if city and not re.search(r"\d", city):
                return f"{city}, {m.group(2)}"
    return None


# -- the spellings verification looks for --------------------------------------------


def term_forms(category: str, value: str) -> tuple[str, ...]:
    """The value and the other ways the same thing can be written, value first.

    Digit values add their digits alone (separators are matched loosely by
    :func:`term_pattern`); dates add the other date styles; names add
    ``Last, First`` and each word of three letters or more that says who it is
    (matched as whole words, checked against how often the word appears
    outside the redactions). A partial action's removed digits are a form too.
    """
    value = " ".join(value.split())
    forms: list[str] = [value]
    digits = re.sub(r"\D", "", value)
    letters = re.sub(r"[^A-Za-z]", "", value)
    if len(digits) >= 6 and len(letters) <= 2:
        forms.append(digits)
        kept = _kept_digits(category)
        if kept and len(digits) - kept >= 5:
            forms.append(digits[:-kept])
    if _form(category) == categories.YEAR:
        forms += _date_forms(value)
    if category in categories.PERSON_NAMES:
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", value) if len(w) >= 3]
        words = [w for w in words if w.lower().strip(".") not in NAME_STOPWORDS]
        if len(words) >= 2:
            forms.append(f"{words[-1]}, {' '.join(words[:-1])}")
        forms += words
    if category == "ADDRESS":
        street = re.split(r",|\n", value)[0].strip()
        if street != value and len(street) >= 6 and re.search(r"\d", street):
            forms.append(street)
    if category == "EMAIL":
        forms.append(value.lower())
    out: list[str] = []
    for f in forms:
        if f and f not in out:
            out.append(f)
    return tuple(out)


def _date_forms(value: str) -> list[str]:
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if m:
        month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", value)
        names = [n.lower() for n in MONTHS]
        if not m or m.group(1)[:3].lower() not in [n[:3] for n in names]:
            return []
        month = [n[:3] for n in names].index(m.group(1)[:3].lower()) + 1
        day, year = int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return []
    name = MONTHS[month - 1]
    return [
        f"{month:02d}/{day:02d}/{year}", f"{month}/{day}/{year}", f"{year}-{month:02d}-{day:02d}",
        f"{name} {day}, {year}", f"{day} {name} {year}",
    ]  # fmt: skip


def is_word_form(category: str, term: str) -> bool:
    """A single word of a name: counted against its public uses rather than banned."""
    return category in categories.PERSON_NAMES and " " not in term and "," not in term


def whole_forms(category: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The spellings of the whole value (not single name words, not the removed digits alone)."""
    if not terms:
        return ()
    full = len(re.sub(r"\D", "", terms[0]))
    out = []
    for t in terms:
        if is_word_form(category, t) and len(terms) > 1:
            continue
        if t.isdigit() and len(t) < full:
            continue
        out.append(t)
    return tuple(out)


def is_number_form(term: str) -> bool:
    """Whether :func:`term_pattern` reads ``term`` as a number: its digits, with any separators."""
    digits = sum(ch.isdecimal() for ch in term)  # what \d matches
    letters = sum(ch.isascii() and ch.isalpha() for ch in term)
    return digits >= 6 and letters <= 2


@functools.lru_cache(maxsize=8192)  # the same values are looked for by plan, render and verify
def term_pattern(term: str) -> re.Pattern[str]:
    """A regex that finds ``term`` however a reader spaced or split it.

    Digit runs match with or without separators; other text matches with any
    run of blanks between words, case-insensitively, never inside a longer word
    or number.
    """
    if is_number_form(term):
        digits = re.sub(r"\D", "", term)
        body = r"[ \t\-./()]{0,2}".join(re.escape(c) for c in digits)
        return re.compile(rf"(?<!\d){body}(?!\d)")
    parts = [re.escape(p) for p in term.split()]
    body = r"\s+".join(parts)
    lead = r"(?<![\w])" if term[:1].isalnum() else ""
    tail = r"(?![\w])" if term[-1:].isalnum() else ""
    return re.compile(lead + body + tail, re.IGNORECASE)


_NOT_ALNUM = re.compile(r"[\W_]+")
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())  # what [\W_] is in ASCII


def _case_fixes() -> dict[int, int]:
    """Letters the regex engine takes for one another ignoring case beyond lower() (ı and i, ſ and s)."""
    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - older or newer Pythons: NFKC covers the usual ones
        return {}
    return {c: min((c, *others)) for c, others in _EXTRA_CASES.items()}


_CASE_FIXES = _case_fixes()


def fold(text: str) -> str:
    """Letters and digits only, lower case: whatever a :func:`term_pattern` matches, folded, is in here.

    Folding goes character by character, so the folded match is a run of the
    folded text: a text whose folded form lacks a term's :func:`term_key` holds
    no match of its pattern, and need not be searched.
    """
    if text.isascii():  # most texts: the same letters and digits, kept by a byte table (the fixes map ASCII to itself)
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return _NOT_ALNUM.sub("", text.lower()).translate(_CASE_FIXES)


@functools.lru_cache(maxsize=8192)
def term_key(term: str) -> str:
    """The folded letters and digits every match of ``term_pattern(term)`` holds.

    "" (search everywhere) for a term beyond ASCII: its case rules are not guessed.
    """
    if not term.isascii():
        return ""
    return fold(re.sub(r"\D", "", term) if is_number_form(term) else term)


def mask(text: str, terms: tuple[str, ...]) -> str:
    """``text`` with every form of the value replaced by ``[…]`` (for log fields)."""
    folded = fold(text)
    for t in sorted(terms, key=len, reverse=True):
        if len(t) >= 3 and term_key(t) in folded:
            text = term_pattern(t).sub("[…]", text)
    return text
