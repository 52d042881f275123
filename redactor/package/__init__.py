"""`package`: the folder counsel hands a court to seal material or to approve redactions in camera.

One plan per document drives everything in it, so nothing can drift apart: the
public redacted copy (made and verified by ``redact``, pre-flighted against the
court's e-filing limits), the unredacted copy with each proposed redaction
highlighted and numbered, the redaction table and log, the sealed reference list
(the only file holding values), drafts of the papers the court profile names for
a request to seal or for lodging in camera, ``index.html`` and ``manifest.json``.

A package is for one case: exhibits read as papers of different cases are
refused unless mixed cases are allowed. A paper of another court than the
profile's is a warning. Pages a protective order designates are offered for
sealing whole.

Fail closed: the package is assembled in a hidden folder beside the output and
renamed into place only when every document verified and no file other than the
reference list and the unredacted copies holds a planned value. Otherwise nothing
is written and :class:`VerificationFailed` (exit 3) is raised.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..check.preflight import Preflight
from ..errors import BadInput, PolicyError, VerificationFailed
from ..files import process_alive
from ..plan import Plan, Policy
from ..profiles import CourtProfile, load_profile
from .assemble import Assembly, Options, assemble
from .completeness import completeness
from .drafts import Order
from .manifest import MANIFEST, FileEntry, read_manifest, sha256
from .reference import load_reference_json
from .verifying import expectations_from_json, verify_public_parts, whole_pages_from_json

__all__ = ["SealedPackage", "build_package", "verify_package", "CourtProfile", "load_profile"]


@dataclass
class SealedPackage:
    directory: str
    court: str
    in_camera: bool
    exhibits: int
    redactions: int
    files: list[FileEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    preflights: list[tuple[str, Preflight]] = field(default_factory=list)  # each public file's

    def role(self, role: str) -> list[FileEntry]:
        return [f for f in self.files if f.role == role]

    def preflight_summary(self) -> str:
        """``public copies ready for e-filing (edcal)`` or what fails, and in how many files."""
        if not self.preflights:
            return ""
        court = self.preflights[0][1].limits.court
        failing = [(name, f) for name, f in self.preflights if not f.ready]
        if not failing:
            return f"public copies ready for e-filing ({court})"
        kinds = sorted({k for _, f in failing for k in f.kinds()})
        return (
            f"{len(failing)} public cop{'y' if len(failing) == 1 else 'ies'} not ready for "
            f"e-filing ({court}: {', '.join(kinds)})"
        )


def build_package(
    inputs: list[str],
    out_dir: str,
    *,
    court: str = "generic",
    in_camera: bool = False,
    policy: Policy | None = None,
    plan_path: str | None = None,
    password: str | None = None,
    force: bool = False,
    order: str | None = None,
    allow_mixed_cases: bool = False,
) -> SealedPackage:
    """Write the sealing (or in camera) package for ``inputs`` to ``out_dir``.

    ``out_dir`` must be new or empty; a previous package there is replaced only with
    ``force``. ``plan_path`` applies an edited plan (one input only). ``order`` cites the
    order that asked for the package ("ECF No. 42, 2026-11-03"). Exhibits of different
    cases are refused unless ``allow_mixed_cases``. Raises BadInput, PolicyError, and
    VerificationFailed (nothing written) when a copy cannot be proven.
    """
    if not inputs:
        raise BadInput(out_dir, "no input PDF given", "name at least one filing to package")
    if plan_path and len(inputs) != 1:
        raise PolicyError(
            "a plan applies to one document; package that document on its own, or give no plan",
            option="plan_path",
        )
    profile = load_profile(court)
    policy = policy or Policy.default()
    out = Path(out_dir)
    _check_destination(out, inputs, force)
    plan = Plan.load(plan_path) if plan_path else None
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale_work(parent)
    work = Path(tempfile.mkdtemp(prefix=f".redactor-package-{os.getpid()}-", dir=parent))
    try:
        opts = Options(
            profile, in_camera, policy, plan, password,
            order=Order.parse(order) if order and order.strip() else None,
            allow_mixed_cases=allow_mixed_cases,
        )  # fmt: skip
        result: Assembly = assemble(inputs, work, opts)
        _move_into_place(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return SealedPackage(
        directory=str(out), court=profile.name, in_camera=in_camera, exhibits=result.exhibits,
        redactions=result.redactions, files=result.entries, warnings=result.warnings,
        preflights=result.preflights,
    )  # fmt: skip


def _sweep_stale_work(parent: Path) -> None:
    """Remove work folders of earlier runs that were killed outright (they may hold
    sealed values). A folder is stale when the process named in it is gone."""
    for folder in parent.glob(".redactor-package-*-*"):
        pid = folder.name.split("-")[2]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def verify_package(pkg_dir: str) -> list[str]:
    """Problems found in a package: [] when every hash matches, every public copy verifies
    and every plan entry is there once (highlighted and numbered, one table row, one
    reference).

    The public copies are checked against the plans kept in the sealed reference list,
    counting against the highlighted copies what the filing itself shows in the open;
    no value is written anywhere while checking.
    """
    root = Path(pkg_dir)
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        raise BadInput(pkg_dir, "has no manifest.json", "give the folder `redactor package` wrote")
    try:
        header, entries = read_manifest(manifest_path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInput(
            pkg_dir, f"manifest.json is not valid ({exc})", "rebuild the package"
        ) from None
    problems: list[str] = []
    listed = set()
    for e in entries:
        listed.add(e.path)
        p = root / e.path
        if Path(e.path).is_absolute() or ".." in Path(e.path).parts:
            problems.append(f"{e.path}: the manifest names a file outside the package")
            continue
        if not p.is_file():
            problems.append(f"{e.path}: listed in the manifest but missing")
            continue
        data = p.read_bytes()
        if len(data) != e.bytes or sha256(data) != e.sha256:
            problems.append(f"{e.path}: SHA-256 does not match the manifest (the file was changed)")
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and rel != MANIFEST and rel not in listed:
            problems.append(f"{rel}: not listed in the manifest")
    if problems:
        return problems
    return problems + _reverify_public(root, entries)


def _reverify_public(root: Path, entries: list[FileEntry]) -> list[str]:
    ref = [e for e in entries if e.role == "reference_list" and e.path.endswith(".json")]
    if not ref:
        return [
            "no sealed reference list (JSON) in the package: the public copies cannot be re-verified"
        ]
    try:
        body = load_reference_json((root / ref[0].path).read_bytes())
    except (ValueError, UnicodeDecodeError):
        return [f"{ref[0].path}: not a reference list written by redactor"]
    problems = completeness(root, entries, body)
    for item in body.get("documents", []):
        label = item.get("exhibit", "")
        public = [root / e.path for e in entries if e.role == "public" and e.exhibit == label]
        if not public or "verification" not in item:
            problems.append(
                f"{label}: the package lacks its public copy or its verification record"
            )
            continue
        try:
            expected, regions = expectations_from_json(item["verification"])
            whole = whole_pages_from_json(item["verification"])
            parts = [(str(p), p.read_bytes()) for p in public]
            verify_public_parts(parts, expected, regions, whole)
        except VerificationFailed as exc:
            problems.append(f"{label}: public copy: {exc}")
        except (KeyError, TypeError, ValueError):
            problems.append(f"{label}: the verification record in {ref[0].path} is damaged")
    return problems


def _check_destination(out: Path, inputs: list[str], force: bool) -> None:
    for src in inputs:
        s = Path(src).resolve()
        if s == out.resolve() or out.resolve() in s.parents:
            raise BadInput(
                str(out), "holds an input file", "choose an output folder apart from the inputs"
            )
    if out.exists() and not out.is_dir():
        raise BadInput(
            str(out), "exists and is not a folder", "choose a new folder for the package"
        )
    if out.is_dir() and any(out.iterdir()):
        if not (out / MANIFEST).is_file():
            raise BadInput(
                str(out), "exists and is not empty", "choose a new or empty folder for the package"
            )
        if not force:
            raise BadInput(
                str(out),
                "holds a previous package",
                "ask to replace it, or choose a new folder",
                option="force",
            )


def _move_into_place(work: Path, out: Path) -> None:
    """Rename the finished folder into place; a previous package goes only once the new one is there."""
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=".redactor-old-", dir=out.resolve().parent))
        old.rmdir()
        os.replace(out, old)
    try:
        os.replace(work, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    os.chmod(out, 0o755)
