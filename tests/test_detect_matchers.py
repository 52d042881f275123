"""Hand-written matchers and regrouped regexes of detect: they find exactly what the plain
regexes they stand for find. Tables of cases, then seeded random texts built from the
characters that matter (word characters, @ . - _, line breaks, Unicode spaces and digits,
and the letters that match another one regardless of case: İ ı ſ K).
"""

from __future__ import annotations

import random
import re

import pytest

from redactor.detect import _name_places, _value_places
from redactor.detect import context as ctxmod
from redactor.detect.alternation import by_first_letter
from redactor.detect.names import _WORD, could_hold_name, looks_like_name
from redactor.detect.tables import _HEADER_RX, header_category


def value_regex_places(text: str, values: list[str]) -> list[tuple[int, int]]:
    """What _carry_values once compiled: one alternation of every value, longest first."""
    rx = re.compile(
        "|".join(
            r"(?<![\w@.-])" + r"\s+".join(re.escape(w) for w in v.split()) + r"(?![\w@]|[-.]\d)"
            for v in values
        )
    )
    return [m.span() for m in rx.finditer(text)]


TITLES = rf"(?:Mr\.|Ms\.|Mrs\.|Dr\.|Miss|{ctxmod.OFFICER_TITLE})[ \t]+"


def name_regex_places(
    text: str, full: list[str], surnames: list[str]
) -> list[tuple[int, int, int]]:
    """What _carry_names once compiled: full names, then a title and a surname."""
    rx = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in full)
        + r")(?![\w-])"
        + rf"|{TITLES}("
        + "|".join(re.escape(n) for n in surnames)
        + r")(?![\w-])"
    )
    return [(m.start(), m.end(), m.start(1) if m.group(1) else -1) for m in rx.finditer(text)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("SSN 536-22-8419 and again 536-22-8419.", ["536-22-8419"]),
        ("x536-22-8419 536-22-84190 536-22-8419-1 536-22-8419-a", ["536-22-8419"]),
        ("call 916 555\n1234 or 916  555 1234", ["916 555 1234"]),
        ("jane@example.com, a.jane@example.com, jane@example.com.au", ["jane@example.com"]),
        ("12 Oak St 12 Oak Street", ["12 Oak Street", "12 Oak St"]),
        ("1234 1234 5678", ["1234 5678", "1234"]),
        ("٣٣٣٣ 4444.٣ 4444", ["4444", "٣٣٣٣"]),
        ("4444\u00a05555 4444\u20035555", ["4444 5555"]),
    ],
)
def test_value_places_are_the_regex_places(text: str, values: list[str]) -> None:
    values = sorted(values, key=len, reverse=True)
    assert _value_places(text, [v.split() for v in values]) == value_regex_places(text, values)


def test_value_places_on_random_texts() -> None:
    rng = random.Random(4711)
    alphabet = list("ab19 -.@_\n\t") + ["\u00a0", "\u2003", "é", "٣"]
    for _ in range(4000):
        values = sorted(
            {" ".join("".join(rng.choice("ab19.-@") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 3)))
             for _ in range(rng.randint(1, 4))},
            key=len, reverse=True,
        )  # fmt: skip
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for v in values:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice([" ", "\n", "\u00a0 "]).join(v.split()) + text[at:]
        assert _value_places(text, [v.split() for v in values]) == value_regex_places(
            text, values
        ), (text, values)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ana Ruiz met Ms. Ruiz and Officer Ruiz; Ana Ruiz-Lopez is another.", ["Ana Ruiz"]),
        ("Mrs.\tRuiz, Mr. Ruizo, Det.  Ruiz_x, Detective Ruiz", ["Ana Ruiz"]),
        ("Ana\nRuiz and Ana Ruiz and Miss Lopez", ["Ana\nRuiz", "Maria Lopez"]),
        ("Captain Lo Lo Capt. Lo", ["Jo Lo", "Al Lo"]),
    ],
)
def test_name_places_are_the_regex_places(text: str, names: list[str]) -> None:
    full = sorted(names, key=len, reverse=True)
    surnames = sorted({n.split()[-1]: None for n in names}, key=len, reverse=True)
    assert _name_places(text, full, surnames) == name_regex_places(text, full, surnames)


def test_name_places_on_random_texts() -> None:
    rng = random.Random(4712)
    pieces = ["Ana", "Ruiz", "Ana Ruiz", "Ruiz-Lo", "Mr.", "Mrs.", "Ms.", "Miss", "Det.", "Detective", "Officer", "Lt.",
              "Capt.", "Captain", " ", "  ", "\t", "\n", "-", "_", "é", ".", "Lo", "Lopez", "Al", "Mr", "1"]  # fmt: skip
    for _ in range(4000):
        names = {
            rng.choice([" ", "\n"]).join(
                rng.choice(["Ana", "Ruiz", "Lo", "Al", "Ruiz-Lo", "Lopez"])
                for _ in range(rng.randint(1, 3))
            )
            for _ in range(rng.randint(1, 3))
        }
        full = sorted(names, key=len, reverse=True)
        surnames = sorted({n.split()[-1]: None for n in names}, key=len, reverse=True)
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _name_places(text, full, surnames) == name_regex_places(text, full, surnames), (
            text,
            full,
        )


def test_grouped_alternation_matches_like_the_plain_one() -> None:
    words = [
        "son",
        "stepson",
        "sister",
        "student",
        "spouse",
        "kid",
        "kids",
        "inmate",
        "in-law",
        "i",
        "minor child",
        "minor",
        "mg",
    ]
    words.sort(key=len, reverse=True)
    plain = re.compile(r"(?i)(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")
    grouped = re.compile(
        r"(?i)(?<![\w-])(?:" + by_first_letter([re.escape(w) for w in words]) + r")(?![\w-])"
    )
    rng = random.Random(4713)
    chars = [
        "SON",
        "Step",
        "son",
        "ſ",
        "K",
        "İ",
        "ı",
        "kid",
        "s",
        "-",
        " ",
        "in",
        "law",
        "minor",
        " child",
        "M",
        "g",
        "x",
    ]
    for _ in range(5000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 10)))
        assert [m.span() for m in plain.finditer(text)] == [
            m.span() for m in grouped.finditer(text)
        ], text


def test_grouping_keeps_digit_pieces_and_refuses_others() -> None:
    assert by_first_letter(["age", r"\d+ years", "aged"]) == r"a(?:ge|ged)|\d+ years"
    with pytest.raises(ValueError):
        by_first_letter(["(?:a|b)c"])
    with pytest.raises(ValueError):
        by_first_letter(["s?on"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", False),
        ("Microsoft Word", True),
        ("Word", False),
        ("Mrs x", False),
        ("A. B.", False),
        ("Ana Ruiz", True),
    ],
)
def test_could_hold_name(text: str, expected: bool) -> None:
    assert could_hold_name(text) is expected


def test_a_text_that_cannot_hold_a_name_has_no_stretch_that_looks_like_one() -> None:
    rng = random.Random(4714)
    chars = ["Ana", "Mrs", "Mr", "x", "y", " ", "-", "'", "’s", ".", "1", "\n", "Jo"]
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 6)))
        if could_hold_name(text):
            continue
        assert not any(
            looks_like_name(text[a:b])
            for a in range(len(text))
            for b in range(a + 1, len(text) + 1)
        ), text
        assert sum(1 for w in _WORD.findall(text) if len(w) > 1) < 2


@pytest.mark.parametrize(
    "line",
    [
        "Name",
        "  DOB:",
        "Date of Birth",
        "MRN",
        "Patient ID",
        "IA No.",
        "Findings / Discipline",
        "Name of the",
        "x",
        "",
    ],
)
def test_header_category_is_the_first_rule_that_matches(line: str) -> None:
    expected = next((cat for cat, rx in _HEADER_RX if rx.match(line)), None)
    assert header_category(line) == expected
