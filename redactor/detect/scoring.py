"""Scoring detection against a truth file: recall of private values, false flags of public ones.

Matching is by value. A private truth value counts as reported when a private
finding on the same page (or the same surface) overlaps one of its places in
the text; a public truth value counts as flagged when any private finding
overlaps it. Used by the corpus test and by ``bench/detect_accuracy.py``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Document, Finding


@dataclass
class Tally:
    total: int = 0
    hit: int = 0
    misses: list[str] = field(default_factory=list)  # "file p.N CATEGORY" — never the value

    @property
    def rate(self) -> float:
        return self.hit / self.total if self.total else 0.0


@dataclass
class Score:
    private: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    public: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    def add(self, other: Score) -> None:
        for mine, theirs in ((self.private, other.private), (self.public, other.public)):
            for cat, t in theirs.items():
                m = mine[cat]
                m.total += t.total
                m.hit += t.hit
                m.misses += t.misses

    @property
    def recall(self) -> float:
        total = sum(t.total for t in self.private.values())
        return sum(t.hit for t in self.private.values()) / total if total else 1.0

    @property
    def false_flag_rate(self) -> float:
        total = sum(t.total for t in self.public.values())
        return sum(t.hit for t in self.public.values()) / total if total else 0.0

    def table(self) -> str:
        rows = [f"{'category':<16} {'found':>7} {'of':>5} {'rate':>7}"]
        for label, part in (
            ("private (recall)", self.private),
            ("public (false flags)", self.public),
        ):
            rows.append(f"-- {label}")
            for cat in sorted(part):
                t = part[cat]
                rows.append(f"{cat:<16} {t.hit:>7} {t.total:>5} {t.rate:>7.1%}")
        rows.append(f"recall {self.recall:.2%}   false flags {self.false_flag_rate:.2%}")
        return "\n".join(rows)


# Surfaces whose text is part of a page's text: a scanned page (read by OCR), white or
# tiny text, text under a drawn box. Findings for them are page findings.
PAGE_SURFACES = ("page", "scanned", "hidden_text", "bad_redaction")


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _places(text: str, value: str) -> list[tuple[int, int]]:
    """Where a value sits in a text, whatever the line breaks and spacing between its words."""
    words = value.split()
    if not words:
        return []
    rx = (
        r"\s*".join(re.escape(w) for w in words)
        if len(words) == 1
        else r"[\s\-]+".join(re.escape(w) for w in words)
    )
    return [(m.start(), m.end()) for m in re.finditer(rx, text, re.I)]


def _overlaps(findings: list[Finding], places: list[tuple[int, int]]) -> bool:
    return any(f.start < e and s < f.end for f in findings for s, e in places)


def _loose(findings: list[Finding], value: str) -> bool:
    """Text match, for values ingest could not place (OCR, surfaces)."""
    v = _norm(value)
    if len(v) < 3:
        return False
    for f in findings:
        t = _norm(f.text)
        if len(t) >= 3 and (v in t or (t in v and len(t) >= min(len(v), 4))):
            return True
    return False


def score_document(
    doc: Document, findings: list[Finding], truth: dict, label: str = "", show_values: bool = False
) -> Score:
    """Score one filing's findings against its truth file (``private`` and ``public`` lists).

    Misses name file, page and category; the value only with ``show_values`` (synthetic corpora).
    """
    score = Score()
    private = [f for f in findings if f.private]
    by_page: dict[int | None, list[Finding]] = defaultdict(list)
    by_surface: dict[str, list[Finding]] = defaultdict(list)
    for f in private:
        (by_page[f.page] if f.surface == "page" else by_surface[f.surface]).append(f)
    texts = {p.number: p.text.text for p in doc.pages}
    for item in truth.get("private", []):
        cat, value = item["category"], item["value"]
        tally = score.private[cat]
        tally.total += 1
        surface = item.get("surface") or "page"
        forms = [value] + [f for f in item.get("forms") or [] if f and f != value]
        on_page = surface in PAGE_SURFACES
        if not on_page:
            ok = _loose(by_surface[surface], value) or any(
                _loose(by_surface[surface], f) for f in forms
            )
        else:
            pages = [item["page"]] if item.get("page") else list(texts)
            ok = False
            for n in pages:
                found = by_page[n] + by_surface[surface]
                places = [p for form in forms for p in _places(texts.get(n, ""), form)]
                if _overlaps(by_page[n], places) or (not places and _loose(found, value)):
                    ok = True
                    break
        if ok:
            tally.hit += 1
        else:
            tally.misses.append(
                f"{label} p.{item.get('page')} {surface} {cat}"
                + (f" {value!r}" if show_values else "")
            )
    for item in truth.get("public", []):
        cat, value = item["category"], item["value"]
        tally = score.public[cat]
        tally.total += 1
        pages = [item["page"]] if item.get("page") else list(texts)
        if any(_overlaps(by_page[n], _places(texts.get(n, ""), value)) for n in pages):
            tally.hit += 1
            tally.misses.append(
                f"{label} p.{item.get('page')} {cat}" + (f" {value!r}" if show_values else "")
            )
    return score
