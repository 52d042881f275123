"""Pattern packs: YAML files of regexes, validators and context words, and the engine that runs them.

A pack is one concern (SSNs, phone numbers, docket numbers...). Each file in
``patterns/`` is checked against one schema when it is loaded; a bad pack
raises :class:`PolicyError` naming its file and entry. Every regex is compiled
once, with the ``regex`` module, and runs under a timeout: a regex that
backtracks out of control is an error naming its pack and pattern, never a
silent miss.

Schema of a pack (keys not listed here are errors)::

    name: ssn                     # required, unique across packs
    category: SSN                 # required: what a match is, in the court's terms
    public: false                 # true for public-record text (citations, dockets...)
    description: ...              # optional, for people
    fragments: {digit_sep: '[ .-]'}   # optional: regex pieces, used in a regex as {{digit_sep}}
    context:                      # optional: words that raise the score
      words: [ssn, social security]
      window: 40                  # characters, or "6 words"; default 40
      side: both                  # before | after | both
      boost: 0.2                  # added to the score when a word is near
      required: false             # true: a match with no word near is dropped
    negative_context:             # optional: words that suppress a match (a list, or
      words: [case no, docket]    # a mapping with words / window / side, as above)
    patterns:
      - name: ssn_dashed          # required, unique in the pack
        regex: '...'              # required
        score: 0.7                # required, 0..1
        validator: ssn            # optional, a name in redactor.validators
        flags: [IGNORECASE]       # optional
        group: value              # optional: the named group holding the value
                                  # (default: "value" when the regex has it, else the whole match)
        require_context: true     # optional: override context.required for this pattern
        context: {...}            # optional: replace the pack's context for this pattern
        negative_context: [...]   # optional: replace the pack's negative context
        category: ...             # optional: override the pack's category
        requires: '-(?i:cv|cr)-'  # optional: a regex (same flags and fragments) that every
                                  # match holds; a text where it finds nothing cannot match,
                                  # and is not searched with the pattern

Private matches that overlap a public match (a docket number, a citation, a
Bates number) are dropped: public packs exist so that a docket number is never
taken for an account number.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import yaml

from .. import categories, resources
from ..errors import PolicyError
from . import validators

# yaml.safe_load's loader, with libyaml's C parser when PyYAML was built with it (the same
# documents, read several times faster: the packs are read when every worker starts).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_TIMEOUT = 1.0  # seconds per pattern per scan, plus TIMEOUT_PER_CHAR for long texts
TIMEOUT_PER_CHAR = 1e-5

PACK_KEYS = (
    "category",
    "context",
    "description",
    "fragments",
    "name",
    "negative_context",
    "patterns",
    "public",
)
PATTERN_KEYS = (
    "category",
    "context",
    "description",
    "flags",
    "group",
    "name",
    "negative_context",
    "regex",
    "require_context",
    "requires",
    "score",
    "validator",
)
CONTEXT_KEYS = ("boost", "required", "side", "window", "words")
NEGATIVE_KEYS = ("side", "window", "words")
FLAGS = {
    "IGNORECASE": regex.IGNORECASE,
    "MULTILINE": regex.MULTILINE,
    "DOTALL": regex.DOTALL,
    "VERBOSE": regex.VERBOSE,
    "ASCII": regex.ASCII,
}
SIDES = ("before", "after", "both")


class PatternTimeout(PolicyError):
    """A pattern took longer than its time limit on some text."""

    code = "E004"


@dataclass(frozen=True)
class PatternMatch:
    """One match of one pattern: where, what, and why (pack, pattern, validator, context word)."""

    category: str
    start: int
    end: int
    text: str
    score: float
    pack: str
    pattern: str
    validator: str | None
    context: str | None  # the context word that raised the score, if any
    public: bool
    value_start: int
    value_end: int

    @property
    def value(self) -> str:
        """The value itself, without a lead-in such as ``SSN:``."""
        return self.text[self.value_start - self.start : self.value_end - self.start]

    @property
    def id(self) -> str:
        """A stable identifier that never holds the value: pack, pattern and span."""
        return f"{self.pack}/{self.pattern}@{self.value_start}-{self.value_end}"

    @property
    def why(self) -> str:
        """One line a reviewer can read: which pattern, which validator, which context word."""
        parts = [f"pattern {self.pack}/{self.pattern}"]
        if self.validator:
            parts.append(f"validator {self.validator}")
        if self.context:
            parts.append(f"context {self.context!r}")
        return "; ".join(parts)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.category, self.pattern)


@dataclass(frozen=True)
class Context:
    """Words near a match, compiled into one regex."""

    words: tuple[str, ...]
    finder: Any  # compiled regex over the words
    window: int
    in_words: bool  # window counts words rather than characters
    side: str
    boost: float = 0.0
    required: bool = False

    def find(self, text: str, start: int, value_start: int, value_end: int, end: int) -> str | None:
        """The context word nearest the value, looking ``window`` before and/or after it."""
        if self.side in ("before", "both"):
            lo = (
                _words_back(text, start, self.window)
                if self.in_words
                else max(0, start - self.window)
            )
            found = list(self.finder.finditer(text, lo, value_start))
            if found:
                return _normal(found[-1].group())
        if self.side in ("after", "both"):
            hi = _words_ahead(text, end, self.window) if self.in_words else end + self.window
            found = self.finder.search(text, value_end, min(hi, len(text)))
            if found:
                return _normal(found.group())
        return None


@dataclass(frozen=True)
class Pattern:
    name: str
    category: str
    compiled: Any
    score: float
    validator_name: str | None
    validate: Callable[[str], bool] | None
    group: str | int
    context: Context | None
    negative: Context | None
    required: bool
    requires: Any = None  # compiled regex that every match holds, if the pack says so


@dataclass(frozen=True)
class Pack:
    name: str
    source: str  # the file, as shown in messages
    public: bool
    patterns: tuple[Pattern, ...]

    @property
    def categories(self) -> set[str]:
        return {p.category for p in self.patterns}


class PatternSet:
    """Every pack of a directory, compiled once; ``scan`` runs them over a text."""

    def __init__(self, packs: Iterable[Pack], timeout: float = DEFAULT_TIMEOUT):
        self.packs: tuple[Pack, ...] = tuple(sorted(packs, key=lambda p: p.name))
        self.timeout = timeout

    @classmethod
    def load(cls, directory: Path | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> PatternSet:
        """Load and check every ``*.yaml`` pack in ``directory``.

        The default directory is ``$REDACTOR_PATTERNS`` if set, else the ``patterns/``
        directory of this checkout.
        """
        directory = Path(directory) if directory is not None else patterns_dir()
        files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
        if not files:
            raise PolicyError(
                f"{directory}: no pattern packs (*.yaml) found; "
                f"point {resources.override_name(resources.PATTERNS)} at a folder of packs"
            )
        packs = [load_pack(path) for path in files]
        seen: dict[str, str] = {}
        for pack in packs:
            if pack.name in seen:
                raise PolicyError(
                    f"{pack.source}: pack name {pack.name!r} is already used by {seen[pack.name]}"
                )
            seen[pack.name] = pack.source
        return cls(packs, timeout=timeout)

    def categories(self) -> list[str]:
        return sorted({c for pack in self.packs for c in pack.categories})

    def public_categories(self) -> list[str]:
        return sorted({c for pack in self.packs if pack.public for c in pack.categories})

    def scan(self, text: str, *, categories: set[str] | None = None) -> list[PatternMatch]:
        """Every match in ``text``, in (start, end, category, pattern) order.

        ``categories`` limits what is returned; public packs always run, so that a
        private match inside a docket number or citation is still dropped.
        """
        if categories is not None:
            unknown = set(categories) - set(self.categories())
            if unknown:
                raise PolicyError(
                    f"unknown pattern categories: {', '.join(sorted(unknown))}; available: {', '.join(self.categories())}"
                )
        timeout = self.timeout + len(text) * TIMEOUT_PER_CHAR
        # A line break inside a paragraph is a space to a reader: "Chart" at the end of
        # one line labels the number that starts the next. Paragraph and cell breaks
        # (blank lines) still separate. Offsets are unchanged.
        text = _LINE_BREAK.sub(" ", text)
        found: list[PatternMatch] = []
        holds: dict[
            tuple[str, int], bool
        ] = {}  # a requires regex -> whether the text holds a match of it
        for pack in self.packs:
            if not pack.public and categories is not None and not (pack.categories & categories):
                continue
            for pattern in pack.patterns:
                if (
                    not pack.public
                    and categories is not None
                    and pattern.category not in categories
                ):
                    continue
                if pattern.requires is not None and not _holds(pack, pattern, text, timeout, holds):
                    continue  # every match holds what the text lacks
                found.extend(_run(pack, pattern, text, timeout))
        kept = _resolve(found)
        if categories is not None:
            kept = [m for m in kept if m.category in categories]
        return kept


_LINE_BREAK = regex.compile(r"(?<!\n)\n(?!\n)")


def _holds(
    pack: Pack, pattern: Pattern, text: str, timeout: float, seen: dict[tuple[str, int], bool]
) -> bool:
    """Whether ``text`` holds a match of the pattern's ``requires`` regex (asked once per regex)."""
    key = (pattern.requires.pattern, pattern.requires.flags)
    if key not in seen:
        try:
            seen[key] = pattern.requires.search(text, timeout=timeout) is not None
        except TimeoutError:
            raise PatternTimeout(
                f"{pack.source}: the 'requires' regex of pattern {pattern.name!r} took longer than {timeout:.2f} s "
                "and was stopped; simplify it"
            ) from None
    return seen[key]


def _run(pack: Pack, pattern: Pattern, text: str, timeout: float) -> list[PatternMatch]:
    out = []
    try:
        for m in pattern.compiled.finditer(text, timeout=timeout):
            vs, ve = m.span(pattern.group)
            if vs < 0 or ve <= vs:
                continue
            start, end = m.span()
            value = text[vs:ve]
            if pattern.validate is not None and not pattern.validate(value):
                continue
            if pattern.negative is not None and pattern.negative.find(text, start, vs, ve, end):
                continue
            word = pattern.context.find(text, start, vs, ve, end) if pattern.context else None
            if word is None and pattern.required:
                continue
            boost = pattern.context.boost if (word and pattern.context) else 0.0
            out.append(
                PatternMatch(
                    category=pattern.category,
                    start=start,
                    end=end,
                    text=text[start:end],
                    score=round(min(1.0, pattern.score + boost), 4),
                    pack=pack.name,
                    pattern=pattern.name,
                    validator=pattern.validator_name,
                    context=word,
                    public=pack.public,
                    value_start=vs,
                    value_end=ve,
                )
            )
    except TimeoutError:
        raise PatternTimeout(
            f"{pack.source}: pattern {pattern.name!r} took longer than {timeout:.2f} s and was stopped; "
            "the regex backtracks too much: simplify it, or raise the timeout"
        ) from None
    return out


def _resolve(found: list[PatternMatch]) -> list[PatternMatch]:
    """Drop private matches inside public ones; of overlapping matches of one category keep the best."""
    public = [m for m in found if m.public]
    private = [m for m in found if not m.public and not any(_overlap(m, p) for p in public)]
    kept: list[PatternMatch] = []
    by_category: dict[str, list[PatternMatch]] = {}
    for m in public + private:
        by_category.setdefault(m.category, []).append(m)
    for matches in by_category.values():
        best_first = sorted(
            matches, key=lambda m: (-m.score, -(m.value_end - m.value_start), m.sort_key())
        )
        chosen: list[PatternMatch] = []
        for m in best_first:
            if not any(m.value_start < c.value_end and c.value_start < m.value_end for c in chosen):
                chosen.append(m)
        kept.extend(chosen)
    return sorted(kept, key=PatternMatch.sort_key)


def _overlap(m: PatternMatch, public: PatternMatch) -> bool:
    return m.value_start < public.end and public.start < m.value_end


def _normal(word: str) -> str:
    return " ".join(word.lower().split())


def _words_back(text: str, pos: int, n: int) -> int:
    i = pos
    for _ in range(n):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i


def _words_ahead(text: str, pos: int, n: int) -> int:
    i, size = pos, len(text)
    for _ in range(n):
        while i < size and text[i].isspace():
            i += 1
        while i < size and not text[i].isspace():
            i += 1
    return i


# --- loading and checking packs ------------------------------------------------


def patterns_dir() -> Path:
    """Where packs live: ``$REDACTOR_PATTERNS``, else the packs shipped with the package."""
    return resources.data_dir(resources.PATTERNS)


def _display(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def load_pack(path: Path) -> Pack:
    """Read and check one pack file; a PolicyError names the file and entry of any fault."""
    source = _display(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(
            f"{source}: cannot be read ({exc.__class__.__name__}); check the file"
        ) from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise PolicyError(f"{source}: is not valid YAML{line}; fix the syntax") from None
    return _build_pack(source, data)


def _fail(source: str, where: str, problem: str) -> PolicyError:
    return PolicyError(f"{source}: {where}: {problem}")


def _check_keys(
    source: str, where: str, data: Any, allowed: tuple[str, ...], required: tuple[str, ...]
) -> None:
    if not isinstance(data, dict):
        raise _fail(source, where, f"must be a mapping with keys {', '.join(allowed)}")
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise _fail(
                source, where, f"unknown key {key!r}{hint}; expected one of {', '.join(allowed)}"
            )
    for key in required:
        if key not in data or data[key] in (None, ""):
            raise _fail(source, where, f"missing key {key!r}")


def _build_pack(source: str, data: Any) -> Pack:
    _check_keys(source, "pack", data, PACK_KEYS, ("name", "category", "patterns"))
    name, category = data["name"], data["category"]
    for key in ("name", "category"):
        if not isinstance(data[key], str):
            raise _fail(source, "pack", f"{key!r} must be a string")
    public = data.get("public", False)
    if not isinstance(public, bool):
        raise _fail(source, "pack", "'public' must be true or false")
    fragments = data.get("fragments") or {}
    if not isinstance(fragments, dict) or not all(isinstance(v, str) for v in fragments.values()):
        raise _fail(source, "pack", "'fragments' must map names to regex strings")
    context = _context(source, "pack context", data.get("context"), negative=False)
    negative = _context(
        source, "pack negative_context", data.get("negative_context"), negative=True
    )
    entries = data["patterns"]
    if not isinstance(entries, list) or not entries:
        raise _fail(source, "pack", "'patterns' must be a non-empty list")
    patterns: list[Pattern] = []
    for i, entry in enumerate(entries, 1):
        label = (
            f"entry {entry.get('name')!r}"
            if isinstance(entry, dict) and entry.get("name")
            else f"entry #{i}"
        )
        pattern = _build_pattern(source, label, entry, category, fragments, context, negative)
        if any(p.name == pattern.name for p in patterns):
            raise _fail(source, label, "pattern name is used twice in this pack")
        patterns.append(pattern)
    for pattern in patterns:
        if categories.BY_NAME[pattern.category].public != public:
            kind = "public" if public else "private"
            raise _fail(
                source,
                f"entry {pattern.name!r}",
                f"category {pattern.category} is not {kind}, as the pack is",
            )
    return Pack(name=name, source=source, public=public, patterns=tuple(patterns))


def _build_pattern(
    source: str,
    label: str,
    entry: Any,
    category: str,
    fragments: dict[str, str],
    context: Context | None,
    negative: Context | None,
) -> Pattern:
    _check_keys(source, label, entry, PATTERN_KEYS, ("name", "regex", "score"))
    score = entry["score"]
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise _fail(source, label, "'score' must be a number from 0 to 1")
    flags = 0
    for flag in entry.get("flags") or []:
        if flag not in FLAGS:
            raise _fail(source, label, f"unknown flag {flag!r}; expected one of {', '.join(FLAGS)}")
        flags |= FLAGS[flag]
    text = _expand(source, label, str(entry["regex"]), fragments)
    try:
        compiled = regex.compile(text, flags)
    except regex.error as exc:
        raise _fail(source, label, f"regex does not compile: {exc}") from None
    requires = None
    if entry.get("requires") is not None:
        try:
            requires = regex.compile(
                _expand(source, label, str(entry["requires"]), fragments), flags
            )
        except regex.error as exc:
            raise _fail(source, label, f"'requires' regex does not compile: {exc}") from None
    group: str | int = entry.get("group") or ("value" if "value" in compiled.groupindex else 0)
    if group and group not in compiled.groupindex:
        raise _fail(source, label, f"group {group!r} is not a named group of the regex")
    validate = None
    if entry.get("validator"):
        try:
            validate = validators.get(entry["validator"])
        except PolicyError as exc:
            raise _fail(source, label, str(exc)) from None
    if "context" in entry:
        context = _context(source, f"{label} context", entry["context"], negative=False)
    if "negative_context" in entry:
        negative = _context(
            source, f"{label} negative_context", entry["negative_context"], negative=True
        )
    required = entry.get("require_context", context.required if context else False)
    if not isinstance(required, bool):
        raise _fail(source, label, "'require_context' must be true or false")
    if required and context is None:
        raise _fail(source, label, "context is required but the pack has no context words")
    named = str(entry.get("category") or category)
    known = categories.canonical(named)
    if known is None:
        raise _fail(
            source, label, f"unknown category {named!r}; known: {', '.join(categories.BY_NAME)}"
        )
    return Pattern(
        name=str(entry["name"]),
        category=known,
        compiled=compiled,
        score=float(score),
        validator_name=entry.get("validator"),
        validate=validate,
        group=group,
        context=context,
        negative=negative,
        required=required,
        requires=requires,
    )


def _expand(source: str, label: str, text: str, fragments: dict[str, str]) -> str:
    for _ in range(10):
        names = regex.findall(r"\{\{(\w+)\}\}", text)
        if not names:
            return text
        for name in names:
            if name not in fragments:
                raise _fail(
                    source,
                    label,
                    f"unknown fragment {{{{{name}}}}}; the pack defines: {', '.join(sorted(fragments)) or 'none'}",
                )
            text = text.replace("{{" + name + "}}", fragments[name])
    raise _fail(source, label, "fragments refer to each other in a loop")


def _context(source: str, where: str, data: Any, *, negative: bool) -> Context | None:
    if data is None:
        return None
    if negative and isinstance(data, list):
        data = {"words": data}
    _check_keys(source, where, data, NEGATIVE_KEYS if negative else CONTEXT_KEYS, ("words",))
    words = data["words"]
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise _fail(source, where, "'words' must be a list of non-empty strings")
    window, in_words = _window(source, where, data.get("window", 30 if negative else 40))
    side = data.get("side", "before" if negative else "both")
    if side not in SIDES:
        raise _fail(source, where, f"side {side!r} is not one of {', '.join(SIDES)}")
    boost = data.get("boost", 0.0)
    if isinstance(boost, bool) or not isinstance(boost, int | float) or not 0 <= boost <= 1:
        raise _fail(source, where, "'boost' must be a number from 0 to 1")
    required = data.get("required", False)
    if not isinstance(required, bool):
        raise _fail(source, where, "'required' must be true or false")
    alternatives = sorted({_normal(w) for w in words}, key=lambda w: (-len(w), w))
    body = "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in alternatives)
    finder = regex.compile(rf"(?<![\w])(?:{body})(?![\w])", regex.IGNORECASE)
    return Context(tuple(alternatives), finder, window, in_words, side, float(boost), required)


def _window(source: str, where: str, value: Any) -> tuple[int, bool]:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value, False
    m = regex.fullmatch(r"\s*(\d+)\s*(words?|chars?|characters?)\s*", str(value))
    if not m or int(m.group(1)) <= 0:
        raise _fail(source, where, f"window {value!r} must be a number of characters or 'N words'")
    return int(m.group(1)), m.group(2).startswith("word")


# --- lexicons ------------------------------------------------------------------


@functools.cache
def _lexicon(directory: Path, name: str) -> frozenset[str]:
    folder = directory / "lexicons"
    for path in (folder / f"{name}.txt", folder / f"{name}.yaml", folder / f"{name}.yml"):
        if not path.is_file():
            continue
        if path.suffix == ".txt":
            lines = path.read_text(encoding="utf-8").splitlines()
            terms = [ln.split("#", 1)[0] for ln in lines]
        else:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
            if not isinstance(data, list) or not all(isinstance(t, str) for t in data):
                raise PolicyError(f"{_display(path)}: a lexicon must be a YAML list of terms")
            terms = data
        return frozenset(t for t in (" ".join(t.lower().split()) for t in terms) if t)
    available = sorted({p.stem for p in folder.glob("*") if p.suffix in (".txt", ".yaml", ".yml")})
    raise PolicyError(f"unknown lexicon {name!r}; available: {', '.join(available) or 'none'}")


def load_lexicon(name: str, directory: Path | None = None) -> frozenset[str]:
    """The terms of ``patterns/lexicons/<name>.txt`` (or ``.yaml``), lowercased, one per line.

    In ``.txt`` files ``#`` starts a comment and blank lines are ignored.
    """
    return _lexicon(Path(directory) if directory is not None else patterns_dir(), name)


def lexicon_names(directory: Path | None = None) -> list[str]:
    folder = (Path(directory) if directory is not None else patterns_dir()) / "lexicons"
    return sorted({p.stem for p in folder.glob("*") if p.suffix in (".txt", ".yaml", ".yml")})
