"""The recipe of a package, one step a line: read, check the case, plan, redact, pre-flight,
highlight, split, describe, draft, list.

Everything is written into a work folder that the caller renames into place, or
deletes when any step fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pymupdf

from ..check.preflight import Limits, Preflight, preflight_bytes
from ..detect.designations import Designation, designations
from ..errors import BadInput, RedactorError, VerificationFailed, working_on
from ..files import write_atomic
from ..ingest import load, read_surfaces
from ..model import Document, Finding
from ..plan import Plan, Policy
from ..profiles import CourtProfile
from ..redact import plan_for, redact_file
from ..verify import normalise
from .caption import (
    Caption,
    PaperCase,
    court_level,
    district_of,
    read_caption,
    read_case,
    same_case,
)
from .drafts import Facts, Order, boilerplate, caption_html, write_drafts
from .exhibit import Exhibit, find_values, slug_for, value_terms
from .highlight import highlighted_copy
from .index import ROLE_NAMES, index_html
from .manifest import MANIFEST, FileEntry, manifest_json
from .pdfdoc import html_to_pdf
from .reference import assign_references, reference_json, reference_pdf
from .split import part_names, split_pdf
from .tables import (
    DESCRIPTIONS,
    REASONS,
    log_csv,
    log_json,
    log_rows,
    table_csv,
    table_html,
    table_rows,
)
from .verifying import (
    document_expectations,
    expectations_json,
    verify_public_parts,
)

REFERENCE_STEM = {False: "SEALED-reference-list", True: "IN-CAMERA-reference-list"}


class NotFileable(RedactorError):
    """A public copy the court's e-filing refuses outright, and that splitting cannot mend."""

    code = "E014"


@dataclass
class Output:
    name: str
    role: str
    data: bytes
    exhibit: str | None = None
    part: str | None = None
    sealed: bool = False
    action: str = ""
    preflight: str = ""


@dataclass
class Assembly:
    entries: list[FileEntry] = field(default_factory=list)
    exhibits: int = 0
    redactions: int = 0
    warnings: list[str] = field(default_factory=list)
    preflights: list[tuple[str, Preflight]] = field(default_factory=list)  # (file, pre-flight)


@dataclass(frozen=True)
class Options:
    """What the package is asked to be."""

    profile: CourtProfile
    in_camera: bool
    policy: Policy
    plan: Plan | None
    password: str | None
    order: Order | None = None
    allow_mixed_cases: bool = False


def assemble(inputs: list[str], work: Path, opts: Options) -> Assembly:
    cases = [_paper_case(src, opts.password) for src in inputs]
    _one_case(inputs, cases, opts.allow_mixed_cases)
    warnings = _court_warnings(cases, opts.profile)
    exhibits: list[Exhibit] = []
    outputs: list[Output] = []
    flights: list[tuple[str, Preflight]] = []
    taken: set[str] = set()
    for number, src in enumerate(inputs, 1):
        with working_on(src):
            ex, files, notes, checked = _exhibit(number, src, work, opts, taken)
        exhibits.append(ex)
        outputs += files
        warnings += notes
        flights += checked
    profile, in_camera = opts.profile, opts.in_camera
    refs, by_entry = assign_references(exhibits)
    rows = table_rows(exhibits, by_entry, profile, in_camera=in_camera)
    caption = _package_caption(exhibits, cases, profile)
    heading = (
        "TABLE OF PROPOSED REDACTIONS" if in_camera else "TABLE OF PORTIONS PROPOSED FOR SEALING"
    )
    head = caption_html(caption, profile, heading)
    stem = REFERENCE_STEM[in_camera]
    deliver = profile.mode(in_camera).deliver
    table = table_html(rows, in_camera=in_camera)
    outputs += [
        Output("redaction-table.pdf", "table", html_to_pdf(head + table, footer="Redaction table"),
               action=deliver["table"]),
        Output("redaction-table.csv", "table", table_csv(rows), action=deliver["table"]),
        Output("redaction-log.json", "log", log_json(log_rows(exhibits)), action=deliver["log"]),
        Output("redaction-log.csv", "log", log_csv(log_rows(exhibits)), action=deliver["log"]),
        Output(f"{stem}.pdf", "reference_list",
               reference_pdf(refs, caption_html(caption, profile, "REFERENCE LIST"), in_camera=in_camera),
               sealed=True, action=deliver["reference_list"]),
        Output(f"{stem}.json", "reference_list",
               reference_json(exhibits, refs, court=profile.name, in_camera=in_camera), sealed=True,
               action="keep: lets `redactor verify-package` re-check the public copies; do not file"),
    ]  # fmt: skip
    facts = Facts(caption, profile, exhibits, rows, in_camera, opts.order)
    for d in write_drafts(facts):
        outputs.append(Output(f"{d.slug}.pdf", "draft", d.pdf, action=d.paper.delivery))
        outputs.append(
            Output(
                f"{d.slug}.md",
                "draft",
                d.markdown.encode("utf-8"),
                action="editable text of the draft above",
            )
        )
    guard_values(
        outputs, own_words_removed(value_terms([ex.plan for ex in exhibits]), profile, in_camera)
    )
    entries = [_write(work, o) for o in outputs]
    index = index_html(entries, profile, in_camera=in_camera, exhibits=[(e.label, e.title) for e in exhibits],
                       case=caption.case_number, warnings=warnings)  # fmt: skip
    entries.append(
        _write(work, Output("index.html", "index", index, action="open in a browser: this list"))
    )
    write_atomic(
        str(work / MANIFEST),
        manifest_json(entries, court=profile.name, in_camera=in_camera, warnings=warnings),
    )
    return Assembly(
        entries, len(exhibits), sum(len(e.plan.redactions) for e in exhibits), warnings, flights
    )


# -- one case, one court ------------------------------------------------------------------


def _paper_case(src: str, password: str | None) -> PaperCase:
    """The case and court of a paper, read quickly (no OCR) before any work is done."""
    doc = load(src, password=password, ocr=False)
    try:
        return read_case(doc, read_caption(doc))
    finally:
        doc.pdf.close()


def _one_case(inputs: list[str], cases: list[PaperCase], allowed: bool) -> None:
    """A package is for one case: refuse exhibits read as papers of different cases."""
    first: tuple[int, PaperCase] | None = None
    for number, case in enumerate(cases, 1):
        if not case.number:
            continue
        if first is None:
            first = (number, case)
            continue
        if not same_case(first[1].number or "", case.number) and not allowed:
            n, other = first
            raise BadInput(
                inputs[number - 1],
                f"Exhibit {number} is a paper of case {case.number} (its {case.source}) but "
                f"Exhibit {n} of case {other.number} (its {other.source}); a package is for one case",
                "package each case on its own, or allow mixed cases",
                option="allow_mixed_cases",
            )


def _court_warnings(cases: list[PaperCase], profile: CourtProfile) -> list[str]:
    """A paper of another court than the profile's (a district profile on an appellate brief)."""
    out = []
    for number, case in enumerate(cases, 1):
        theirs = _paper_court_level(case)
        mine = court_level(profile.court)
        if theirs is None:
            continue
        other_district = (
            theirs == mine == "district"
            and district_of(case.court)
            and district_of(profile.court)
            and district_of(case.court) != district_of(profile.court)
        )
        if theirs != mine or other_district:
            court = case.court or "an appellate court (its CM/ECF header stamp)"
            out.append(
                f"Exhibit {number} is a paper of {' '.join(court.upper().split())}, but court "
                f"profile {profile.name} is for {profile.court}: the papers are drafted for "
                f"{profile.court} without the exhibit's case number; check the court profile"
            )
    return out


def _paper_court_level(case: PaperCase) -> str | None:
    level = court_level(case.court)
    if level is None and case.source == "CM/ECF header stamp" and case.number:
        key = case.number.strip()
        if len(key.split("-")) == 2 and all(p.isdigit() for p in key.split("-")):
            return "appeals"  # "Case: 20-16276, ..., DktEntry: 19": an appellate docket
    return level


def _matches_court(case: PaperCase, profile: CourtProfile) -> bool:
    level = _paper_court_level(case)
    if level is None:
        return True
    if level != court_level(profile.court):
        return False
    mine, theirs = district_of(profile.court), district_of(case.court)
    return not (level == "district" and mine and theirs and mine != theirs)


# -- one exhibit --------------------------------------------------------------------------


def _exhibit(
    number: int, src: str, work: Path, opts: Options, taken: set[str]
) -> tuple[Exhibit, list[Output], list[str], list[tuple[str, Preflight]]]:
    label = f"Exhibit {number}"
    profile, in_camera = opts.profile, opts.in_camera
    doc = load(src, password=opts.password)
    raw = Path(src).read_bytes()
    doc.surfaces, _ = read_surfaces(doc.pdf, raw, src)  # legends stamped as comments count too
    found = designations(
        doc, legends=opts.policy.legends, bates_prefixes=opts.policy.bates_prefixes
    )
    notes: list[str] = []
    if opts.plan is not None:
        plan = opts.plan
        notes += _designated_left_out(label, found, plan)
    else:
        plan = plan_for(doc, raw, opts.policy, extra=[_page_finding(doc, d) for d in found])
    whole = _whole_pages(plan)
    scratch = work / f".public-{number}.pdf"
    try:
        redact_file(src, str(scratch), policy=opts.policy, plan=_public_plan(plan, whole),
                             password=opts.password)  # fmt: skip
    except VerificationFailed as exc:
        raise VerificationFailed(f"{label} ({src}): {exc}; no package was written") from None
    public = scratch.read_bytes()
    scratch.unlink()
    terms = value_terms([plan])
    caption = read_caption(doc).masked(tuple(terms))
    ex = Exhibit(number, src, plan, caption, doc.page_count, log_rows=plan.log_rows())
    ex.slug = slug_for(number, caption.title, terms, taken)
    expected, regions = document_expectations(doc, plan)
    ex.checks = expectations_json(expected, regions, whole)
    highlighted = highlighted_copy(doc, plan, profile, in_camera=in_camera)
    doc.pdf.close()
    files = []
    limits = Limits.of(profile)
    flight = preflight_bytes(public, limits, name=f"{label} public copy")
    refused = [p for p in flight.refused if p.kind != "file_size"]
    if refused:
        raise NotFileable(
            f"{label} ({src}): the public copy would be refused by the court's e-filing "
            f"({', '.join(sorted({p.kind for p in refused}))}); no package was written"
        )
    public_parts = split_pdf(public, profile.max_file_bytes, what=f"{label} public copy")
    names = part_names(f"{ex.slug}-public-redacted", len(public_parts))
    if len(public_parts) > 1 or whole:  # a new file, or a plan narrowed for render: prove it again
        paths = [(str(work / n), d) for n, d in zip(names, public_parts, strict=True)]
        for path, data in paths:
            write_atomic(path, data)
        try:
            verify_public_parts(paths, expected, regions, whole)
        except VerificationFailed as exc:
            raise VerificationFailed(f"{label} ({src}): {exc}; no package was written") from None
    checked = []
    for i, (name, data) in enumerate(zip(names, public_parts, strict=True), 1):
        part_flight = flight if len(public_parts) == 1 else preflight_bytes(data, limits, name=name)
        checked.append((name, part_flight))
        files.append(
            Output(name, "public", data, label, _part(i, len(names)), action=profile.delivery("public", in_camera),
                   preflight="ready" if part_flight.ready else ", ".join(part_flight.kinds()))
        )  # fmt: skip
    mark = "IN-CAMERA" if in_camera else "SEALED"
    hl_parts = split_pdf(highlighted, profile.max_file_bytes, what=f"{label} highlighted copy")
    hl_names = part_names(f"{ex.slug}-{mark}-unredacted-highlighted", len(hl_parts))
    for i, (name, data) in enumerate(zip(hl_names, hl_parts, strict=True), 1):
        files.append(Output(name, "highlighted", data, label, _part(i, len(hl_names)), sealed=True,
                            action=profile.delivery("highlighted", in_camera)))  # fmt: skip
    for name, f in checked:
        if not f.ready:
            notes.append(f"{name}: e-filing pre-flight: {'; '.join(p.detail for p in f.blocking)}")
    return ex, files, notes, checked


def _page_finding(doc: Document, d: Designation) -> Finding:
    """A designated page, offered for sealing whole: one finding covering the page."""
    page = doc.pages[d.page - 1]
    w, h = (page.height, page.width) if page.rotation in (90, 270) else (page.width, page.height)
    return d.page_finding((0.0, 0.0, w, h))


def _whole_pages(plan: Plan) -> dict[int, tuple[str, str]]:
    """Pages the plan takes whole (designated pages): page -> (the entry's id, its label)."""
    return {
        r.page: (r.id, r.label)
        for r in plan.redactions
        if r.category == "DESIGNATED" and r.page and r.boxes and r.surface == "page"
    }


def _public_plan(plan: Plan, whole: dict[int, tuple[str, str]]) -> Plan:
    """The plan the public copy is burned with: on a page taken whole, only the whole-page
    box (the entries inside it are in the plan, the table and the highlighted copy; the
    public page is one black box). Verified against the whole plan afterwards."""
    if not whole:
        return plan
    keep = [
        r
        for r in plan.redactions
        if r.surface != "page" or r.page not in whole or r.id == whole[r.page][0]
    ]
    return replace(plan, redactions=keep)


def _designated_left_out(label: str, found: list[Designation], plan: Plan) -> list[str]:
    taken = _whole_pages(plan)
    return [
        f"{label}, page {d.page} bears a protective-order designation ({d.describe()}) and the "
        "plan given does not propose it for sealing: filing it publicly needs the designating "
        "party's consent"
        for d in found
        if d.page not in taken
    ]


def _part(i: int, n: int) -> str | None:
    return f"{i} of {n}" if n > 1 else None


def _package_caption(
    exhibits: list[Exhibit], cases: list[PaperCase], profile: CourtProfile
) -> Caption:
    """The caption of the papers: the first exhibit's, its gaps filled from the others. A
    paper of another court than the profile's gives its parties, not its court or number."""
    caption = Caption()
    for ex, case in zip(exhibits, cases, strict=True):
        fill = {
            k: v
            for k, v in ex.caption.__dict__.items()
            if v and k != "title" and not getattr(caption, k)
        }
        if not _matches_court(case, profile):
            fill = {k: v for k, v in fill.items() if k not in ("court", "district", "case_number")}
        caption = replace(caption, **fill)
    return caption


def own_words_removed(terms: list[str], profile: CourtProfile, in_camera: bool) -> list[str]:
    """Drop a "value" that is the package's own wording ("Social Security" planned by a
    detector's mistake): the tables and papers say it of every filing, it is no leak."""
    own = "\n".join([boilerplate(profile, in_camera), *DESCRIPTIONS.values(), *REASONS.values(),
                     *profile.reasons.values(), *ROLE_NAMES.values()])  # fmt: skip
    return [t for t in terms if not find_values(own, [t])]


def guard_values(outputs: list[Output], terms: list[str]) -> None:
    """Fail closed if a file name, or any file other than the sealed ones and the verified
    public copies, holds a planned value."""
    for o in outputs:
        if find_values(o.name, terms) or find_values(o.name.replace("-", " "), terms):
            raise VerificationFailed(
                f"a file name of the package would hold a planned value ({o.role}); no package was written"
            )
        if o.sealed or o.role == "public":
            continue
        text = _pdf_text(o.data) if o.name.endswith(".pdf") else o.data.decode("utf-8")
        if find_values(normalise(text), terms):
            raise VerificationFailed(f"{o.name} would hold a planned value; no package was written")


def _pdf_text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def _write(work: Path, o: Output) -> FileEntry:
    path = work / o.name
    if not path.exists() or path.read_bytes() != o.data:
        write_atomic(str(path), o.data)
    return FileEntry.of(
        o.name, o.role, o.data, exhibit=o.exhibit, part=o.part, sealed=o.sealed, action=o.action,
        preflight=o.preflight,
    )  # fmt: skip
