"""People's names: what a name looks like, and the set of names that belong to the public record.

A name in the caption, the attorney block, a signature or on the bench is public;
the same person named again anywhere else in the filing stays public too.
"""

from __future__ import annotations

import re

# One word of a name: a capitalised word (any case after the first letter, so
# "MUELLER" and "O'Neil" count) or an initial.
TOKEN = r"(?:[A-Z][A-Za-z'’\-]*[A-Za-z]|[A-Z]\.)"
GAP = r"[ \t]+"
NAME = rf"{TOKEN}(?:{GAP}{TOKEN}){{1,3}}"  # two to four words on one line
NAME_OR_SURNAME = rf"{TOKEN}(?:{GAP}{TOKEN}){{0,3}}"

HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "hon", "honorable", "judge", "justice", "officer", "ofc",
    "sergeant", "sgt", "deputy", "detective", "det", "lieutenant", "lt", "corporal", "cpl",
    "captain", "capt", "chief", "agent", "trooper", "esq", "jr", "sr", "ii", "iii", "the",
}  # fmt: skip
# Capitalised words that start a "name" but are not one.
NOT_NAMES = {
    "the", "a", "an", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from",
    "plaintiff", "plaintiffs", "defendant", "defendants", "court", "district", "united", "states",
    "state", "county", "city", "department", "police", "office", "order", "motion", "exhibit",
    "case", "no", "dated", "date", "page", "section", "rule", "confidential", "internal", "affairs",
    "california", "eastern", "northern", "southern", "central", "western", "superior", "clerk",
    "i", "ii", "iii", "iv", "it", "this", "that", "he", "she", "they", "his", "her", "their",
    "mother", "father", "son", "daughter", "minor", "child", "student", "witness", "complainant",
    "customer", "patient", "inmate", "school", "hospital", "clinic", "center", "medical",
    "attorney", "attorneys", "counsel", "esq", "street", "avenue", "suite", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "ia", "sbn", "bar", "tel", "fax", "email", "phone", "telephone", "respectfully", "submitted",
    "judge", "magistrate", "honorable", "hon", "deputy", "officer", "sergeant", "detective",
    "cal", "cir", "supp", "app", "fed", "civ", "evid", "penal", "code", "stat", "ann", "rptr",
}  # fmt: skip

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name, lower case, without titles, initials or a possessive."""
    words = []
    for w in _WORD.findall(text):
        w = re.sub(r"['’]s$", "", w).lower()
        if len(w) > 1 and w not in HONORIFICS:
            words.append(w)
    return tuple(words)


def looks_like_name(text: str, min_words: int = 2) -> bool:
    """Enough name words (initials and titles aside), none of them a word that is not a name."""
    words = name_words(text)
    if len(words) < min_words or any(w in NOT_NAMES for w in words):
        return False
    return not text.isupper() or len(words) >= 2


class PublicNames:
    """The people of the public record in one filing: judges, court staff, counsel, parties."""

    def __init__(self) -> None:
        self._names: set[tuple[str, ...]] = set()
        self._words: set[str] = set()

    def add(self, text: str) -> None:
        for part in re.split(r",|;|\bAND\b|\band\b|&|\bet al\b\.?|\n", text):
            words = name_words(part)
            if words and not all(w in NOT_NAMES for w in words):
                self._names.add(words)
                self._words.update(words)

    def __contains__(self, text: str) -> bool:
        """A name is public when it is a public name, or made only of the words of one."""
        words = name_words(text)
        if not words:
            return False
        if words in self._names:
            return True
        return any(set(words) <= set(name) for name in self._names)

    def __len__(self) -> int:
        return len(self._names)
