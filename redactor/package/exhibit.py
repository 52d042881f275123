"""One document of a package: its plan, its caption, and the neutral name its files take."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..plan import Plan
from ..plan.forms import is_word_form, term_pattern
from .caption import Caption

MIN_TERM = 4  # shorter forms (a year, initials) are not searched for in package files


@dataclass
class Exhibit:
    number: int  # 1-based, in the order the inputs were given
    source: str  # the input path: recorded only in the sealed reference list
    plan: Plan
    caption: Caption  # masked: holds no planned value
    pages: int
    slug: str = ""  # file-name stem: from the title, or exhibit-N
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    checks: dict[str, Any] = field(default_factory=dict)  # verification expectations: sealed only

    @property
    def label(self) -> str:
        return f"Exhibit {self.number}"

    @property
    def title(self) -> str:
        return self.caption.title or f"{self.label} (untitled)"


def value_terms(plans: list[Plan]) -> list[str]:
    """Every form of every planned value worth searching for in a package file."""
    out: set[str] = set()
    for plan in plans:
        for red in plan.redactions:
            for term in red.terms:
                if len(re.sub(r"\W", "", term)) >= MIN_TERM and not is_word_form(
                    red.category, term
                ):
                    out.add(term)
    return sorted(out, key=len, reverse=True)


def find_values(text: str, terms: list[str]) -> bool:
    """Whether ``text`` holds any of ``terms`` (however spaced or split)."""
    return any(term_pattern(t).search(text) for t in terms)


def slug_for(number: int, title: str | None, terms: list[str], taken: set[str]) -> str:
    """A file-name stem: ``exhibit-1-declaration-of-counsel`` from the title, or ``exhibit-1``.

    A title that holds a planned value (or a masked one) is not used at all.
    """
    base = f"exhibit-{number}"
    words = re.findall(r"[a-z0-9]+", (title or "").lower())
    stem = base
    if words and "[…]" not in (title or "") and not find_values(title or "", terms):
        tail = "-".join(words)
        if len(tail) > 48:
            tail = tail[:48].rsplit("-", 1)[0]
        candidate = f"{base}-{tail}"
        if not find_values(candidate, terms) and not find_values(
            candidate.replace("-", " "), terms
        ):
            stem = candidate
    name, i = stem, 2
    while name in taken:
        name, i = f"{stem}-{i}", i + 1
    taken.add(name)
    return name
