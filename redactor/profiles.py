"""Court profiles: what a court wants, as data.

A profile is one YAML file in ``courts/`` at the root of the project, shipped
in the package (see :mod:`redactor.resources`), or any file given by path.
The courts there are discovered, never listed in code: another court is
another file::

    name: edcal
    court_title: UNITED STATES DISTRICT COURT
    district: EASTERN DISTRICT OF CALIFORNIA
    rules: [E.D. Cal. L.R. 140, E.D. Cal. L.R. 141]
    highlight_color: "#FFFF00"
    legend: {sealed: "UNREDACTED – LODGED CONDITIONALLY UNDER SEAL",
             in_camera: "SUBMITTED FOR IN CAMERA REVIEW"}
    max_file_mb: 10
    one_document_per_file: true
    keep_city_state: true              # optional: a home address keeps city and state (E.D. Cal. L.R. 140)
    deliver: {public: ..., highlighted: ..., highlighted_in_camera: ...,
              reference_list: ..., table: ..., log: ...}
    reasons: {ADDRESS: "..."}          # optional: the basis stated per category
    papers:
      - {kind: notice, title: NOTICE OF REQUEST TO SEAL DOCUMENTS, delivery: e-file}

A bad file raises PolicyError naming the file and the key at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import resources
from .errors import PolicyError, check_keys

PAPER_KINDS = (
    "notice",
    "request",
    "motion",
    "application",
    "letter_motion",
    "declaration",
    "proposed_order",
)
DELIVERY_KEYS = ("public", "highlighted", "highlighted_in_camera", "reference_list", "table", "log")
_TOP_KEYS = (
    "name", "court_title", "district", "rules", "highlight_color", "legend", "max_file_mb",
    "one_document_per_file", "deliver", "reasons", "papers", "keep_city_state",
)  # fmt: skip
_REQUIRED = ("name", "court_title", "legend", "max_file_mb", "deliver", "papers")


@dataclass(frozen=True)
class Paper:
    """One paper to draft: its kind (which template), its title and how it is delivered."""

    kind: str
    title: str
    delivery: str


@dataclass(frozen=True)
class CourtProfile:
    name: str
    court_title: str
    district: str
    rules: tuple[str, ...]
    highlight_color: tuple[float, float, float]
    legend_sealed: str
    legend_in_camera: str
    max_file_bytes: int
    one_document_per_file: bool
    deliver: dict[str, str]
    papers: tuple[Paper, ...]
    reasons: dict[str, str] = field(default_factory=dict)
    source: str = ""
    keep_city_state: bool = False  # a home address keeps its city and state (a local rule says so)

    def legend(self, in_camera: bool) -> str:
        return self.legend_in_camera if in_camera else self.legend_sealed

    def delivery(self, role: str, in_camera: bool = False) -> str:
        if role == "highlighted" and in_camera:
            return self.deliver["highlighted_in_camera"]
        return self.deliver[role]


def available_courts(directory: Path | None = None) -> list[str]:
    """The names of the court profiles there are (the ``*.yaml`` files of the courts folder)."""
    directory = directory or courts_dir()
    return sorted(p.stem for p in directory.glob("*.yaml"))


def load_profile(court: str) -> CourtProfile:
    """The profile named ``court`` (a file in ``courts/``), or a YAML file given by path."""
    path = Path(court)
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        path = courts_dir() / f"{court}.yaml"
        if not path.is_file():
            known = ", ".join(available_courts()) or "none found"
            raise PolicyError(
                f"unknown court profile '{court}'; known courts: {known} (or give a .yaml file)"
            )
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise PolicyError(f"{path}: not valid YAML{at}; fix the syntax") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot be read ({type(exc).__name__})") from None
    return profile_from_mapping(raw, str(path))


def profile_from_mapping(raw: Any, source: str) -> CourtProfile:
    if not isinstance(raw, dict):
        raise PolicyError(f"{source}: a court profile is a mapping of {', '.join(_TOP_KEYS)}")
    check_keys(raw, _TOP_KEYS, source)
    for key in _REQUIRED:
        if key not in raw:
            raise PolicyError(f"{source}: '{key}' is missing")
    legend = _mapping(raw["legend"], f"{source}: legend", ("sealed", "in_camera"), required=True)
    deliver = _mapping(raw["deliver"], f"{source}: deliver", DELIVERY_KEYS, required=True)
    reasons = _mapping(raw.get("reasons") or {}, f"{source}: reasons", None, required=False)
    size = raw["max_file_mb"]
    if not isinstance(size, int | float) or isinstance(size, bool) or size <= 0:
        raise PolicyError(f"{source}: max_file_mb: must be a positive number of megabytes")
    rules = raw.get("rules") or []
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise PolicyError(f"{source}: rules: must be a list of strings")
    for key in ("name", "court_title"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise PolicyError(f"{source}: {key}: must be a non-empty string")
    district = raw.get("district") or ""
    if not isinstance(district, str):
        raise PolicyError(f"{source}: district: must be a string")
    one = raw.get("one_document_per_file", True)
    if not isinstance(one, bool):
        raise PolicyError(f"{source}: one_document_per_file: must be true or false")
    city_state = raw.get("keep_city_state", False)
    if not isinstance(city_state, bool):
        raise PolicyError(f"{source}: keep_city_state: must be true or false")
    return CourtProfile(
        name=raw["name"],
        court_title=raw["court_title"],
        district=district,
        rules=tuple(rules),
        highlight_color=_colour(
            raw.get("highlight_color", "#FFFF00"), f"{source}: highlight_color"
        ),
        legend_sealed=legend["sealed"],
        legend_in_camera=legend["in_camera"],
        max_file_bytes=int(size * 1_000_000),
        one_document_per_file=one,
        deliver=deliver,
        papers=_papers(raw["papers"], source),
        reasons=reasons,
        source=source,
        keep_city_state=city_state,
    )


def courts_dir() -> Path:
    """The folder of court profiles: ``$REDACTOR_COURTS_DIR``, else the profiles shipped with the package."""
    return resources.data_dir(resources.COURTS)


def _mapping(raw: Any, where: str, keys: tuple[str, ...] | None, required: bool) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: must be a mapping")
    if keys is not None:
        check_keys(raw, keys, where)
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise PolicyError(f"{where}.{key}: must be a non-empty string")
    if required and keys:
        for key in keys:
            if key not in raw:
                raise PolicyError(f"{where}: '{key}' is missing")
    return {str(k): v for k, v in raw.items()}


def _colour(raw: Any, where: str) -> tuple[float, float, float]:
    text = str(raw).strip().lstrip("#")
    if len(text) != 6 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise PolicyError(f'{where}: must be a colour like "#FFFF00"')
    return tuple(int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _papers(raw: Any, source: str) -> tuple[Paper, ...]:
    if not isinstance(raw, list) or not raw:
        raise PolicyError(
            f"{source}: papers: must be a non-empty list of {{kind, title, delivery}}"
        )
    out = []
    for i, item in enumerate(raw):
        where = f"{source}: papers[{i}]"
        if not isinstance(item, dict):
            raise PolicyError(f"{where}: must be a mapping of kind, title, delivery")
        check_keys(item, ("kind", "title", "delivery"), where)
        kind = item.get("kind")
        if kind not in PAPER_KINDS:
            raise PolicyError(f"{where}.kind: must be one of {', '.join(PAPER_KINDS)}")
        for key in ("title", "delivery"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise PolicyError(f"{where}.{key}: must be a non-empty string")
        out.append(Paper(kind=kind, title=item["title"], delivery=item["delivery"]))
    return tuple(out)
