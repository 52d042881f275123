"""The word lists behind the samples, split into a train half and a held-out half.

Each list in ``samples/data`` is partitioned by a stable hash of the entry, so
an entry is always on the same side whatever list it appears in (a word that
is both a given and a family name cannot leak across). A detector tuned on the
train corpus is then measured on held-out names, streets, schools and medical
terms it has never seen.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SPLITS = ("train", "heldout")


def split_of(entry: str) -> str:
    """Which split an entry belongs to: about one in three goes to held-out."""
    digest = hashlib.sha256(entry.strip().lower().encode()).digest()
    return "heldout" if digest[0] % 3 == 0 else "train"


def check_split(split: str) -> str:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
    return split


@cache
def read_list(name: str) -> tuple[str, ...]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(dict.fromkeys(x.strip() for x in lines if x.strip() and not x.startswith("#")))


@dataclass(frozen=True)
class City:
    name: str
    state: str
    zip: str
    area_codes: tuple[str, ...]


@dataclass(frozen=True)
class Judge:
    name: str
    title: str


@dataclass(frozen=True)
class Pools:
    """Every list, already cut down to one split."""

    split: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    streets: tuple[str, ...]
    cities: tuple[City, ...]
    schools: tuple[str, ...]
    medical: tuple[str, ...]
    ia_findings: tuple[str, ...]
    companies: tuple[str, ...]
    judges: tuple[Judge, ...]
    institutions: tuple[str, ...] = ()


def _side(entries: tuple[str, ...], split: str, key=lambda e: e) -> tuple:
    return tuple(e for e in entries if split_of(key(e)) == split)


@cache
def pools(split: str) -> Pools:
    check_split(split)
    cities = tuple(
        City(n, s, z, tuple(a.split()))
        for n, s, z, a in (line.split("|") for line in read_list("cities.txt"))
    )
    judges = tuple(Judge(*line.split("|")) for line in read_list("judges.txt"))
    return Pools(
        split=split,
        first_names=_side(read_list("first_names.txt"), split),
        last_names=_side(read_list("last_names.txt"), split),
        streets=_side(read_list("streets.txt"), split),
        # Cities are shared: a place name is public; the street and number are the secret.
        cities=cities,
        schools=_side(read_list("schools.txt"), split),
        medical=_side(read_list("medical.txt"), split),
        ia_findings=_side(read_list("ia_findings.txt"), split),
        companies=read_list("companies.txt"),
        judges=_side(judges, split, key=lambda j: j.name),
        # Public too: an institution sued by name is a party whatever words its name holds.
        institutions=read_list("institutions.txt"),
    )


class NamePicker:
    """Draws people's names so that no word of one name is reused in the same filing.

    A verifier looks for each word of a private name; if a judge shared a
    given name with a minor, the judge's name would look like a leak.
    """

    def __init__(self, rng: random.Random, pool: Pools) -> None:
        self.rng = rng
        self.pool = pool
        self.used: set[str] = set()
        self.prefer_last = ""  # e.g. "ff|fi|fl": family names that set as ligatures

    def reserve(self, *words: str) -> None:
        self.used.update(w.lower() for w in words)

    def first(self, prefer: str = "") -> str:
        return self._pick(self.pool.first_names, prefer)

    def last(self, prefer: str = "") -> str:
        return self._pick(self.pool.last_names, prefer or self.prefer_last)

    def full(self, prefer: str = "") -> str:
        return f"{self.first()} {self.last(prefer)}"

    def full_with_initial(self) -> str:
        """A name as the bench and the clerk's office sign it: "Nadia R. Osei"."""
        first = self.first()
        initial = self.rng.choice("ABCDEFGHJKLMNPRSTW")
        return f"{first} {initial}. {self.last()}"

    def _pick(self, names: tuple[str, ...], prefer: str) -> str:
        choices = [n for n in names if n.lower() not in self.used]
        if prefer:
            preferred = [n for n in choices if any(p in n.lower() for p in prefer.split("|"))]
            choices = preferred or choices
        name = self.rng.choice(choices)
        self.used.add(name.lower())
        return name
