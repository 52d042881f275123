"""The truth file: every private and public value of a sample filing, and where it is.

``find(value, text)`` is the one definition of "this value is on this page"
that the generator, its tests and the benchmarks share: case-insensitive,
ligatures expanded (NFKC), any run of whitespace matching any other, and not
inside a longer word or number.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PrivateEntry:
    category: str
    value: str
    page: int | None  # 1-based; None for document-level surfaces (metadata, attachment)
    surface: str  # "page" or the trap surface
    forms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PublicEntry:
    category: str
    value: str
    page: int


@dataclass
class Truth:
    file: str
    pages: int
    layout: str
    traps: list[str]
    private: list[PrivateEntry]
    public: list[PublicEntry]
    kind: str = ""  # motion, declaration, exhibit, order, stipulation, opinion, clerk_letter...

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, data: str | dict) -> Truth:
        d = json.loads(data) if isinstance(data, str) else data
        return cls(
            d["file"],
            d["pages"],
            d["layout"],
            list(d["traps"]),
            [PrivateEntry(**p) for p in d["private"]],
            [PublicEntry(**p) for p in d["public"]],
            d.get("kind", ""),
        )

    @classmethod
    def load(cls, path: Path | str) -> Truth:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    def save(self, path: Path | str) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")


def truth_path(pdf: Path | str) -> Path:
    pdf = Path(pdf)
    return pdf.with_name(pdf.stem + ".truth.json")


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).lower()


def pattern(value: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in normalize(value).split()]
    body = r",?\s+".join(w.rstrip(",") if w.endswith(",") else w for w in words)
    return re.compile(rf"(?<![\w@.-]){body}(?![\w@])")


def find(value: str, text: str) -> bool:
    """True when ``value`` occurs in ``text`` as the generator means it (see module doc)."""
    return bool(pattern(value).search(normalize(text)))
