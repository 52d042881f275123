"""The user's policy: which categories are looked for, what is done with each, extra terms.

Defaults follow FRCP 5.2(a): Social Security and taxpayer numbers keep their last
four digits, a date of birth keeps its year, a minor keeps initials, a financial
account keeps its last four digits; every other private category is redacted
whole. Public-record categories (judges, counsel, citations...) are always kept.

A policy file is YAML::

    court: edcal
    terms:            # always redact
      - {text: "Jane Roe", category: MINOR}
      - "Acme customer list"
    never: ["Judge Mendez"]
    categories:
      MEDICAL: {action: redact, label: "REDACTED – PHI"}
      PHONE: {enabled: false}
    designations:     # what marks a page as designated under a protective order
      legends: ["PRODUCED SUBJECT TO NDA"]   # besides CONFIDENTIAL, ATTORNEYS' EYES ONLY...
      bates_prefixes: [CITY]                 # other parties' productions treated as designated

A bad file raises PolicyError naming the file and the key at fault.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .. import categories
from ..errors import PolicyError, check_keys
from ..model import Finding, Term
from ..profiles import available_courts, load_profile

ACTIONS = categories.ACTIONS
DEFAULT_LABEL = "REDACTED"

_TOP_KEYS = ("court", "terms", "never", "categories", "keep_city_state", "label", "designations")
_DESIGNATION_KEYS = ("legends", "bates_prefixes")
_CATEGORY_KEYS = ("enabled", "action", "label")
_TERM_KEYS = ("text", "category", "action")


@dataclass(frozen=True)
class CategoryRule:
    enabled: bool = True
    action: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Policy:
    terms: tuple[Term, ...] = ()
    never: tuple[str, ...] = ()
    court: str | None = None
    keep_city_state: bool = False
    label: str = DEFAULT_LABEL
    rules: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    source: str = "default"
    legends: tuple[str, ...] = ()  # designation legends besides the built-in ones
    bates_prefixes: tuple[str, ...] = ()  # Bates prefixes of productions treated as designated

    @classmethod
    def default(cls) -> Policy:
        return cls()

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        """Read a YAML policy file. Raises PolicyError naming the file and the bad key."""
        name = str(path)
        try:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise PolicyError(f"{name}: no such policy file; check the path") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise PolicyError(
                f"{name}: cannot be read ({type(exc).__name__}); check the file"
            ) from None
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            at = f" at line {where.line + 1}" if where else ""
            raise PolicyError(f"{name}: not valid YAML{at}; fix the syntax") from None
        return cls.from_mapping(raw if raw is not None else {}, source=name)

    @classmethod
    def from_mapping(cls, raw: Any, source: str = "policy") -> Policy:
        """Build a policy from parsed YAML (a mapping), checking every key."""
        if not isinstance(raw, dict):
            raise PolicyError(
                f"{source}: the top level must be a mapping of {', '.join(_TOP_KEYS)}"
            )
        check_keys(raw, _TOP_KEYS, source)
        court = raw.get("court")
        if court is not None and court not in available_courts():
            known = ", ".join(available_courts()) or "none found"
            raise PolicyError(f"{source}: court: unknown court '{court}'; known courts: {known}")
        keep_city_state = raw.get(
            "keep_city_state", load_profile(court).keep_city_state if court else False
        )
        if not isinstance(keep_city_state, bool):
            raise PolicyError(f"{source}: keep_city_state: must be true or false")
        legends, prefixes = _designations(raw.get("designations") or {}, source)
        label = raw.get("label", DEFAULT_LABEL)
        if not isinstance(label, str) or not label.strip():
            raise PolicyError(f"{source}: label: must be a non-empty string")
        return cls(
            terms=_terms(raw.get("terms") or [], source),
            never=_never(raw.get("never") or [], source),
            court=court,
            keep_city_state=keep_city_state,
            label=label,
            rules=MappingProxyType(_rules(raw.get("categories") or {}, source)),
            source=source,
            legends=legends,
            bates_prefixes=prefixes,
        )

    def enabled(self, category: str) -> bool:
        rule = self.rules.get(category)
        return rule.enabled if rule else True

    def action_for(self, category: str) -> str:
        """What is done with a finding of this category: redact, partial, keep or review."""
        rule = self.rules.get(category)
        if rule and rule.action:
            return rule.action
        entry = categories.BY_NAME.get(category)
        if entry is None:
            return "redact"
        if entry.partial_form == categories.CITY_STATE and self.keep_city_state:
            return "partial"  # street and ZIP go, city and state stay
        return entry.action

    def decide(self, finding: Finding) -> tuple[str, str] | None:
        """The one decision about a finding: its category and action, or None when its category is off.

        Public record is kept. A finding that is one of the user's own terms takes the
        term's category (unless the term names none) and the term's action (unless it
        sets none), whichever detector found it. Otherwise the category's rule decides.
        ``check`` reports, and ``redact`` plans, exactly this.
        """
        if not finding.private:
            return finding.category, "keep"
        term = self._terms_by_text.get(_key(finding.text))
        if term is not None:
            category = finding.category if term.category == "TERM" else term.category
            return category, term.action or self.action_for(category)
        if not self.enabled(finding.category):
            return None
        return finding.category, self.action_for(finding.category)

    @functools.cached_property
    def _terms_by_text(self) -> dict[str, Term]:
        out: dict[str, Term] = {}
        for term in self.terms:
            out.setdefault(_key(term.text), term)
        return out

    def label_for(self, category: str) -> str:
        """The words burned on a redaction box of this category."""
        rule = self.rules.get(category)
        if rule and rule.label:
            return rule.label
        entry = categories.BY_NAME.get(category)
        if entry is not None and entry.label:
            return entry.label  # the registry's own words for it (a designated page)
        return self.label


def _terms(raw: Any, source: str) -> tuple[Term, ...]:
    if not isinstance(raw, list):
        raise PolicyError(
            f"{source}: terms: must be a list of strings or {{text, category, action}}"
        )
    out = []
    for i, item in enumerate(raw):
        where = f"{source}: terms[{i}]"
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            raise PolicyError(f"{where}: must be a string or a mapping with 'text'")
        check_keys(item, _TERM_KEYS, where)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise PolicyError(f"{where}: text: must be a non-empty string")
        named = item.get("category", "TERM")
        category = categories.canonical(named) if isinstance(named, str) else None
        if category is None or category in categories.PUBLIC:
            raise PolicyError(
                f"{where}: category: unknown private category '{named}'; known: {', '.join(categories.PRIVATE)}"
            )
        action = item.get("action")
        if action is not None and action not in ACTIONS:
            raise PolicyError(f"{where}: action: must be one of {', '.join(ACTIONS)}")
        out.append(Term(text=" ".join(text.split()), category=category, action=action))
    return tuple(out)


def _never(raw: Any, source: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(t, str) and t.strip() for t in raw):
        raise PolicyError(f"{source}: never: must be a list of non-empty strings")
    return tuple(" ".join(t.split()) for t in raw)


def _designations(raw: Any, source: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    where = f"{source}: designations"
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: must be a mapping of {', '.join(_DESIGNATION_KEYS)}")
    check_keys(raw, _DESIGNATION_KEYS, where)
    legends = raw.get("legends") or []
    if not isinstance(legends, list) or not all(isinstance(t, str) and t.strip() for t in legends):
        raise PolicyError(f"{where}.legends: must be a list of non-empty strings")
    prefixes = raw.get("bates_prefixes") or []
    if not isinstance(prefixes, list) or not all(
        isinstance(p, str) and re.fullmatch(r"[A-Za-z]{2,8}[_-]?", p.strip()) for p in prefixes
    ):
        raise PolicyError(
            f"{where}.bates_prefixes: must be a list of Bates prefixes, two to eight letters "
            "(CITY, ABC_)"
        )
    return (
        tuple(" ".join(t.split()) for t in legends),
        tuple(p.strip().upper() for p in prefixes),
    )


def _rules(raw: Any, source: str) -> dict[str, CategoryRule]:
    if not isinstance(raw, dict):
        raise PolicyError(f"{source}: categories: must map category names to settings")
    out = {}
    for named, settings in raw.items():
        where = f"{source}: categories.{named}"
        category = categories.canonical(named) if isinstance(named, str) else None
        if category is None:
            raise PolicyError(f"{where}: unknown category; known: {', '.join(categories.BY_NAME)}")
        if not isinstance(settings, dict):
            raise PolicyError(f"{where}: must be a mapping of {', '.join(_CATEGORY_KEYS)}")
        check_keys(settings, _CATEGORY_KEYS, where)
        enabled = settings.get("enabled", True)
        if not isinstance(enabled, bool):
            raise PolicyError(f"{where}.enabled: must be true or false")
        action = settings.get("action")
        if action is not None and action not in ACTIONS:
            raise PolicyError(f"{where}.action: must be one of {', '.join(ACTIONS)}")
        label = settings.get("label")
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise PolicyError(f"{where}.label: must be a non-empty string")
        out[category] = CategoryRule(enabled=enabled, action=action, label=label)
    return out


def _key(text: str) -> str:
    """How a term is matched against a finding: its words, case aside."""
    return " ".join(text.split()).casefold()
