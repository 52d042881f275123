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
WRAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a line break where a sentence wraps
NAME_WRAPPED = rf"{TOKEN}(?:{WRAP}{TOKEN}){{1,3}}"  # a name that may run over a line break
# Words of an organisation's or a thing's name: a run holding one is not a person.
ORG_WORDS = re.compile(
    r"(?i)\b(?:inc|llc|llp|corp|co|company|department|dept|county|city|bank|hospital|clinic|school|court|police|"
    r"office|university|college|group|services?|center|health|union|district|association|board|agency|state|"
    r"church|credit|federal|savings|community|family|medicine|behavioral|general|memorial|records?|order|"
    r"investigation|affairs|unit|division|bureau|program|report|exhibit|motion|act|code|rule|section|systems?|data|"
    r"technolog\w*|solutions|software|networks?|partners|holdings|industries|enterprises|labs?|communications|"
    r"insurance|financial|capital|international|global|corporation|foods|motors|pharma\w*|products|stores?|"
    r"professional|standards|amendment|rights|cause|protective|stipulated|legal|review|policy|procedure|"
    r"loans?|mortgage|lending|realty|properties|circuit|supreme|appeals|appellate|process|protection|clause|resources|management|address|number|birth|"
    r"academy|institute|foundation|trust|fund|council|commission|committee|authority|sheriff|patrol|"
    r"laboratory|pharmacy|care|plan|project|street|avenue|road|boulevard|drive|lane|blvd|rd|ave|hwy|pkwy|highway|parkway|"
    r"restaurants?|hotels?)\b"
)

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
    # citation signals and the words of a document's own titles ("Patient Contact List")
    "see", "cf", "accord", "id", "list", "log", "logs", "records", "record", "report", "summary",
    "produced", "contact", "schedule", "index", "table", "form", "attachment", "appendix",
    "declaration", "standard", "standards", "hearing", "complaint", "grievance", "investigation",
    "findings", "finding", "discipline", "person", "name", "subject", "information", "file", "files",
    "document", "documents", "exhibits", "seal", "sealed", "under", "social", "security", "request",
    "background", "introduction", "argument", "conclusion", "facts", "statement", "notice",
    # a form's labels ("Occupation", "Employer's name")
    "occupation", "employer", "employment", "income", "status",
}  # fmt: skip
# Words of a place's name: "Santa Rosa", "Elk Grove", "Palm Springs" are towns, not people.
PLACE_FIRST = {
    "san", "santa", "los", "las", "el", "la", "new", "fort", "port", "mount", "mt", "st", "saint",
    "lake", "north", "south", "east", "west", "upper", "lower", "palm", "long", "grand", "del",
}  # fmt: skip
PLACE_LAST = {
    "city", "beach", "springs", "valley", "ridge", "grove", "park", "heights", "hills", "falls",
    "creek", "island", "bay", "river", "point", "village", "station", "harbor", "harbour", "mesa",
    "vista", "gardens", "woods", "junction", "canyon", "center", "township", "county", "parish",
    "spring", "landing", "road", "street", "avenue", "lake",
}  # fmt: skip
_CASE_AFTER = re.compile(
    r"[ \t]*(?:[.,]?[ \t]*\([^()\n]{1,20}\))?(?:,?[ \t]+(?:Inc|Co|Corp|Ltd|LLC|N\.A)\.?)?,?\s{1,3}v(?:s)?\.[ \t]"
)
_CASE_BEFORE = re.compile(r"\bv(?:s)?\.\s{1,3}$")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name, lower case, without titles, initials or a possessive."""
    words = []
    for w in _WORD.findall(text):
        if w.endswith(("'s", "’s", "'S", "’S")):  # the possessive, in any case ("CHILDREN'S")
            w = w[:-2]
        w = w.lower()
        if len(w) > 1 and w not in HONORIFICS:
            words.append(w)
    return tuple(words)


def could_hold_name(text: str) -> bool:
    """Whether any stretch of ``text`` could pass :func:`looks_like_name`.

    A name needs two name words of two letters or more. Each word of a stretch
    lies inside a word of the whole text, no two of them in the same one; so a
    text with fewer than two words of two letters or more holds no name at all.
    """
    words = (w for w in _WORD.finditer(text) if w.end() - w.start() > 1)
    return next(words, None) is not None and next(words, None) is not None


def looks_like_name(text: str, min_words: int = 2) -> bool:
    """Enough name words (initials and titles aside), none of them a word that is not a name."""
    words = name_words(text)
    if len(words) < min_words or any(w in NOT_NAMES for w in words):
        return False
    return not text.isupper() or len(words) >= 2


def fit_name(text: str, start: int, end: int) -> int:
    """The end of a name matched over a line break: it stops at the break when the words
    before it are a whole name already ("Maria Lopez" + "Records" on the next line)."""
    nl = text.find("\n", start, end)
    if nl >= 0 and len(name_words(text[start:nl])) >= 2:
        return len(text[:nl].rstrip())
    return end


def looks_like_place(text: str) -> bool:
    """A two- or three-word run shaped like a town's name ("Santa Rosa", "Elk Grove")."""
    words = name_words(text)
    return bool(words) and (words[0] in PLACE_FIRST or words[-1] in PLACE_LAST)


def in_case_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a party of a case name: "Pioneer Elecs. (USA), Inc.\\nv. Superior Court"."""
    return bool(_CASE_AFTER.match(text, end) or _CASE_BEFORE.search(text, max(0, start - 8), start))


class PublicNames:
    """The people of the public record in one filing: judges, court staff, counsel, parties."""

    def __init__(self) -> None:
        self._names: set[tuple[str, ...]] = set()
        self._words: set[str] = set()
        self._officers: set[tuple[str, ...]] = set()  # the court's people and counsel

    def add_officer(self, text: str) -> None:
        """A person of the court or counsel of record: public, and their contact lines too."""
        self.add(text)
        words = name_words(text)
        if len(words) >= 2:
            self._officers.add(words)

    def is_officer(self, text: str) -> bool:
        words = set(name_words(text))
        return len(words) >= 2 and any(words <= set(o) or set(o) <= words for o in self._officers)

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

    def holds_word(self, word: str) -> bool:
        """Whether ``word`` is a word of a public name (a surname that is on the record)."""
        words = name_words(word)
        return len(words) == 1 and words[0] in self._words

    def __len__(self) -> int:
        return len(self._names)
