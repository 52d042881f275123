"""The recipe of a package, one step a line: redact, highlight, split, describe, draft, list.

Everything is written into a work folder that the caller renames into place, or
deletes when any step fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pymupdf

from ..errors import VerificationFailed, working_on
from ..files import write_atomic
from ..ingest import load
from ..plan import Plan, Policy
from ..profiles import CourtProfile
from ..redact import redact_file
from ..verify import normalise
from .caption import Caption, read_caption
from .drafts import Facts, boilerplate, caption_html, write_drafts
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
from .verifying import document_expectations, expectations_json, verify_public_parts

REFERENCE_STEM = "SEALED-reference-list"


@dataclass
class Output:
    name: str
    role: str
    data: bytes
    exhibit: str | None = None
    part: str | None = None
    sealed: bool = False
    action: str = ""


@dataclass
class Assembly:
    entries: list[FileEntry] = field(default_factory=list)
    exhibits: int = 0
    redactions: int = 0


def assemble(
    inputs: list[str], work: Path, profile: CourtProfile, *, in_camera: bool, policy: Policy,
    plan: Plan | None, password: str | None,
) -> Assembly:  # fmt: skip
    exhibits: list[Exhibit] = []
    outputs: list[Output] = []
    taken: set[str] = set()
    for number, src in enumerate(inputs, 1):
        with working_on(src):
            ex, files = _exhibit(
                number, src, work, profile, in_camera, policy, plan, password, taken
            )
        exhibits.append(ex)
        outputs += files
    refs, by_entry = assign_references(exhibits)
    rows = table_rows(exhibits, by_entry, profile)
    caption = _package_caption(exhibits)
    head = caption_html(caption, profile, "TABLE OF PORTIONS PROPOSED FOR SEALING")
    outputs += [
        Output("redaction-table.pdf", "table", html_to_pdf(head + table_html(rows), footer="Redaction table"),
               action=profile.delivery("table")),
        Output("redaction-table.csv", "table", table_csv(rows), action=profile.delivery("table")),
        Output("redaction-log.json", "log", log_json(log_rows(exhibits)), action=profile.delivery("log")),
        Output("redaction-log.csv", "log", log_csv(log_rows(exhibits)), action=profile.delivery("log")),
        Output(f"{REFERENCE_STEM}.pdf", "reference_list", reference_pdf(refs, caption_html(caption, profile, "REFERENCE LIST")),
               sealed=True, action=profile.delivery("reference_list")),
        Output(f"{REFERENCE_STEM}.json", "reference_list", reference_json(exhibits, refs, court=profile.name),
               sealed=True, action="keep: lets `redactor verify-package` re-check the public copies; do not file"),
    ]  # fmt: skip
    for d in write_drafts(Facts(caption, profile, exhibits, rows, in_camera)):
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
                       case=caption.case_number)  # fmt: skip
    entries.append(
        _write(work, Output("index.html", "index", index, action="open in a browser: this list"))
    )
    write_atomic(
        str(work / MANIFEST), manifest_json(entries, court=profile.name, in_camera=in_camera)
    )
    return Assembly(entries, len(exhibits), sum(len(e.plan.redactions) for e in exhibits))


def _exhibit(
    number: int, src: str, work: Path, profile: CourtProfile, in_camera: bool, policy: Policy,
    plan: Plan | None, password: str | None, taken: set[str],
) -> tuple[Exhibit, list[Output]]:  # fmt: skip
    label = f"Exhibit {number}"
    scratch = work / f".public-{number}.pdf"
    try:
        result = redact_file(src, str(scratch), policy=policy, plan=plan, password=password)
    except VerificationFailed as exc:
        raise VerificationFailed(f"{label} ({src}): {exc}; no package was written") from None
    public = scratch.read_bytes()
    scratch.unlink()
    doc = load(src, password=password)
    terms = value_terms([result.plan])
    caption = read_caption(doc).masked(tuple(terms))
    ex = Exhibit(number, src, result.plan, caption, doc.page_count, log_rows=result.log_rows)
    ex.slug = slug_for(number, caption.title, terms, taken)
    expected, regions = document_expectations(doc, result.plan)
    ex.checks = expectations_json(expected, regions)
    highlighted = highlighted_copy(doc.pdf, result.plan, profile, in_camera=in_camera)
    files = []
    public_parts = split_pdf(public, profile.max_file_bytes, what=f"{label} public copy")
    names = part_names(f"{ex.slug}-public-redacted", len(public_parts))
    if len(public_parts) > 1:  # a split copy is a new file: prove each part again
        paths = [(str(work / n), d) for n, d in zip(names, public_parts, strict=True)]
        for path, data in paths:
            write_atomic(path, data)
        try:
            verify_public_parts(paths, expected, regions)
        except VerificationFailed as exc:
            raise VerificationFailed(
                f"{label} ({src}), split copy: {exc}; no package was written"
            ) from None
    for i, (name, data) in enumerate(zip(names, public_parts, strict=True), 1):
        files.append(
            Output(
                name, "public", data, label, _part(i, len(names)), action=profile.delivery("public")
            )
        )
    mark = "IN-CAMERA" if in_camera else "SEALED"
    hl_parts = split_pdf(highlighted, profile.max_file_bytes, what=f"{label} highlighted copy")
    hl_names = part_names(f"{ex.slug}-{mark}-unredacted-highlighted", len(hl_parts))
    for i, (name, data) in enumerate(zip(hl_names, hl_parts, strict=True), 1):
        files.append(Output(name, "highlighted", data, label, _part(i, len(hl_names)), sealed=True,
                            action=profile.delivery("highlighted", in_camera)))  # fmt: skip
    return ex, files


def _part(i: int, n: int) -> str | None:
    return f"{i} of {n}" if n > 1 else None


def _package_caption(exhibits: list[Exhibit]) -> Caption:
    """The caption of the papers: the first exhibit's, its gaps filled from the others."""
    caption = Caption()
    for ex in exhibits:
        fill = {
            k: v
            for k, v in ex.caption.__dict__.items()
            if v and k != "title" and not getattr(caption, k)
        }
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
        o.name, o.role, o.data, exhibit=o.exhibit, part=o.part, sealed=o.sealed, action=o.action
    )
