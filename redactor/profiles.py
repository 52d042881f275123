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
    max_file_mb: 10                    # the largest PDF the court takes; larger ones are split
    one_document_per_file: true
    keep_city_state: true              # optional: a home address keeps city and state (E.D. Cal. L.R. 140)
    efiling:                           # optional: what e-filing wants of every PDF (these are the defaults)
      page_size: [8.5, 11]             # inches, portrait
      rejects: [file_size, encrypted, javascript, attachment, media, form_field]  # refused outright
    reasons: {ADDRESS: "..."}          # optional: the basis stated per category
    sealed:                            # a request to seal
      legend: UNREDACTED – LODGED CONDITIONALLY UNDER SEAL
      deliver: {public: ..., highlighted: ..., reference_list: ..., table: ..., log: ...}
      papers:
        - {kind: notice, title: NOTICE OF REQUEST TO SEAL DOCUMENTS, delivery: e-file}
    in_camera:                         # proposed redactions lodged for the court's review
      legend: LODGED FOR IN CAMERA REVIEW
      deliver: {...}
      papers:
        - {kind: notice_of_lodging, title: NOTICE OF LODGING ..., delivery: e-file}

A bad file raises PolicyError naming the file and the key at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import resources
from .errors import PolicyError, check_keys

# The papers of each mode. A sealing request is never part of an in camera package,
# and a notice of lodging for review is never part of a request to seal.
SEALED_KINDS = (
    "notice",
    "request",
    "motion",
    "application",
    "letter_motion",
    "declaration",
    "proposed_order",
)
IN_CAMERA_KINDS = ("notice_of_lodging", "cover_letter", "declaration")
PAPER_KINDS = tuple(dict.fromkeys(SEALED_KINDS + IN_CAMERA_KINDS))
MODES = {"sealed": SEALED_KINDS, "in_camera": IN_CAMERA_KINDS}
DELIVERY_KEYS = ("public", "highlighted", "reference_list", "table", "log")
# E-filing problems a court's system refuses outright (the others break a rule a clerk
# may enforce): a public copy with one is split (file_size) or refused.
REJECTABLE = ("file_size", "encrypted", "javascript", "attachment", "media", "form_field")
DEFAULT_REJECTS = REJECTABLE
LETTER = (8.5, 11.0)
_TOP_KEYS = (
    "name", "court_title", "district", "rules", "highlight_color", "max_file_mb",
    "one_document_per_file", "reasons", "keep_city_state", "efiling", "sealed", "in_camera",
)  # fmt: skip
_REQUIRED = ("name", "court_title", "max_file_mb", "sealed", "in_camera")
_MODE_KEYS = ("legend", "deliver", "papers")
_EFILING_KEYS = ("page_size", "rejects")


@dataclass(frozen=True)
class Paper:
    """One paper to draft: its kind (which template), its title and how it is delivered."""

    kind: str
    title: str
    delivery: str


@dataclass(frozen=True)
class Mode:
    """What a court wants for one kind of package: a request to seal, or lodging for
    in camera review. Its legend marks the unredacted copy; ``deliver`` says what to do
    with each kind of file; ``papers`` are the drafts that go with it."""

    name: str  # "sealed" or "in_camera"
    legend: str
    deliver: dict[str, str]
    papers: tuple[Paper, ...]


@dataclass(frozen=True)
class Efiling:
    """What the court's e-filing wants of every PDF (checked by the pre-flight)."""

    page_size: tuple[float, float] = LETTER  # inches, portrait
    rejects: tuple[str, ...] = DEFAULT_REJECTS


@dataclass(frozen=True)
class CourtProfile:
    name: str
    court_title: str
    district: str
    rules: tuple[str, ...]
    highlight_color: tuple[float, float, float]
    max_file_bytes: int
    one_document_per_file: bool
    sealed: Mode
    in_camera: Mode
    reasons: dict[str, str] = field(default_factory=dict)
    source: str = ""
    keep_city_state: bool = False  # a home address keeps its city and state (a local rule says so)
    efiling: Efiling = field(default_factory=Efiling)

    def mode(self, in_camera: bool) -> Mode:
        return self.in_camera if in_camera else self.sealed

    def legend(self, in_camera: bool) -> str:
        return self.mode(in_camera).legend

    def papers(self, in_camera: bool) -> tuple[Paper, ...]:
        return self.mode(in_camera).papers

    def delivery(self, role: str, in_camera: bool = False) -> str:
        return self.mode(in_camera).deliver[role]

    @property
    def court(self) -> str:
        """The court's full name: ``UNITED STATES DISTRICT COURT, EASTERN DISTRICT OF CALIFORNIA``."""
        return f"{self.court_title}, {self.district}".strip(", ")


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
                f"unknown court profile '{court}'; known courts: {known} (or give a .yaml file)",
                option="court",
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


def all_profiles() -> list[CourtProfile]:
    """Every profile of the courts folder."""
    return [load_profile(name) for name in available_courts()]


def strictest_file_limit() -> tuple[int, str]:
    """The smallest file-size limit of the profiles there are, and the court it is: what a
    file must meet when no court is named (25 MB, "generic", when there is no profile)."""
    limits = [(p.max_file_bytes, p.name) for p in all_profiles()]
    return min(limits) if limits else (25_000_000, "generic")


def profile_from_mapping(raw: Any, source: str) -> CourtProfile:
    if not isinstance(raw, dict):
        raise PolicyError(f"{source}: a court profile is a mapping of {', '.join(_TOP_KEYS)}")
    check_keys(raw, _TOP_KEYS, source)
    for key in _REQUIRED:
        if key not in raw:
            raise PolicyError(f"{source}: '{key}' is missing")
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
        max_file_bytes=int(size * 1_000_000),
        one_document_per_file=one,
        sealed=_mode(raw["sealed"], "sealed", source),
        in_camera=_mode(raw["in_camera"], "in_camera", source),
        reasons=reasons,
        source=source,
        keep_city_state=city_state,
        efiling=_efiling(raw.get("efiling") or {}, f"{source}: efiling"),
    )


def courts_dir() -> Path:
    """The folder of court profiles: ``$REDACTOR_COURTS_DIR``, else the profiles shipped with the package."""
    return resources.data_dir(resources.COURTS)


def _mode(raw: Any, name: str, source: str) -> Mode:
    where = f"{source}: {name}"
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: must be a mapping of {', '.join(_MODE_KEYS)}")
    check_keys(raw, _MODE_KEYS, where)
    for key in _MODE_KEYS:
        if key not in raw:
            raise PolicyError(f"{where}: '{key}' is missing")
    legend = raw["legend"]
    if not isinstance(legend, str) or not legend.strip():
        raise PolicyError(f"{where}.legend: must be a non-empty string")
    deliver = _mapping(raw["deliver"], f"{where}.deliver", DELIVERY_KEYS, required=True)
    return Mode(name, legend, deliver, _papers(raw["papers"], where, MODES[name]))


def _efiling(raw: Any, where: str) -> Efiling:
    if not isinstance(raw, dict):
        raise PolicyError(f"{where}: must be a mapping of {', '.join(_EFILING_KEYS)}")
    check_keys(raw, _EFILING_KEYS, where)
    size = raw.get("page_size", list(LETTER))
    if (
        not isinstance(size, list)
        or len(size) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in size)
    ):
        raise PolicyError(f"{where}.page_size: must be [width, height] in inches, like [8.5, 11]")
    rejects = raw.get("rejects", list(DEFAULT_REJECTS))
    if not isinstance(rejects, list) or any(r not in REJECTABLE for r in rejects):
        raise PolicyError(f"{where}.rejects: must be a list of {', '.join(REJECTABLE)}")
    return Efiling(page_size=(float(size[0]), float(size[1])), rejects=tuple(rejects))


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


def _papers(raw: Any, where: str, kinds: tuple[str, ...]) -> tuple[Paper, ...]:
    if not isinstance(raw, list) or not raw:
        raise PolicyError(f"{where}.papers: must be a non-empty list of {{kind, title, delivery}}")
    out = []
    for i, item in enumerate(raw):
        at = f"{where}.papers[{i}]"
        if not isinstance(item, dict):
            raise PolicyError(f"{at}: must be a mapping of kind, title, delivery")
        check_keys(item, ("kind", "title", "delivery"), at)
        kind = item.get("kind")
        if kind not in kinds:
            raise PolicyError(f"{at}.kind: must be one of {', '.join(kinds)}")
        for key in ("title", "delivery"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise PolicyError(f"{at}.{key}: must be a non-empty string")
        out.append(Paper(kind=kind, title=item["title"], delivery=item["delivery"]))
    return tuple(out)
