"""Every place in a PDF where text hides besides the drawn page, in one table.

Each surface is read by ingest (:data:`redactor.ingest.surfaces.PARTS`),
emptied by render (:data:`redactor.render.scrub.STEPS` and the steps
:func:`redactor.render.render_public` names) and proven empty or clean by
verify (:data:`redactor.verify.SURFACE_CHECKS`). A test holds those three to
this table, so adding a surface is one entry here and one handler in each
stage; a surface one stage forgets is a leak, and fails the test.

The name is also the problem kind ``check`` reports, the ``surface`` of a
finding found there, and the ``surface`` of a plan entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Surface:
    name: str
    description: str  # where it is, for people
    remedy: str  # what `redact` does about it


SURFACES: tuple[Surface, ...] = (
    Surface(
        "metadata",
        "the document information dictionary and XMP metadata",
        "emptied: only a title free of planned values and the producer remain; XMP is removed",
    ),
    Surface(
        "annotation",
        "comments, notes, stamps, highlights and links",
        "comments are deleted (an unapplied redaction mark is applied); links to planned values are removed",
    ),
    Surface(
        "form_field",
        "form fields, their values and tooltips, XFA forms",
        "the form is flattened into the page with planned values masked, then removed",
    ),
    Surface(
        "bookmark",
        "bookmarks (the outline) and named destinations",
        "bookmarks are rebuilt with planned values masked",
    ),
    Surface("attachment", "embedded files and portfolios", "every attachment is removed"),
    Surface(
        "javascript",
        "JavaScript and other actions (launch, submit, open actions)",
        "every script and action is removed",
    ),
    Surface(
        "optional_content",
        "optional-content layers, hidden ones included",
        "hidden layers' text is removed with the page's hidden text; the layers are dropped",
    ),
    Surface(
        "incremental_update",
        "earlier revisions kept by incremental saves",
        "the file is written whole: one revision, no orphaned objects",
    ),
    Surface(
        "structure",
        "the structure tree's alternate text, page labels",
        "tags and alternate text are dropped from a redacted file; page labels holding a value go",
    ),
    Surface(
        "hidden_text",
        "white, tiny, off-page, invisible or overwritten text",
        "removed from the page (nothing is painted over it)",
    ),
)

BY_NAME: dict[str, Surface] = {s.name: s for s in SURFACES}
NAMES: tuple[str, ...] = tuple(s.name for s in SURFACES)
PLAN_SURFACES: tuple[str, ...] = ("page", *NAMES)  # where a plan entry can be


def markdown_table() -> str:
    """The README's table of surfaces."""
    rows = ["| surface | what | what `redact` does |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {s.description} | {s.remedy} |" for s in SURFACES]
    return "\n".join(rows)
