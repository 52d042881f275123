"""Hiding places for private values: the places a naive redaction tool forgets.

``plan`` decides, before layout, which values each trap will hold (reusing a
value already on the page, as real leaks do, or a fresh one that exists only
in the trap) and adds any sentence the trap needs to the body. ``apply``
builds the traps into the drawn document once every value has its page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pymupdf

from samples import values
from samples.compose import Composer
from samples.content import Content, Para, Plant

ALL_TRAPS = (
    "metadata",
    "annotation",
    "form_field",
    "bookmark",
    "attachment",
    "hidden_text",
    "bad_redaction",
    "scanned",
)
NAMES = ("MINOR", "PERSON", "OFFICER_NAME")
NUMBERS = ("SSN", "ACCOUNT", "IA_CASE", "DOB", "PHONE", "BADGE", "MRN", "EMAIL")


@dataclass
class TrapPlan:
    surface: str
    plants: list[Plant] = field(default_factory=list)
    reused: list[Plant] = field(default_factory=list)  # page values this trap repeats


def _pick(content: Content, prefer: tuple[str, ...], c: Composer) -> Plant | None:
    for cat in prefer:
        options = [p for p in content.private if p.surface == "page" and p.category == cat]
        if options:
            return c.rng.choice(options)
    return None


def _copy(p: Plant, surface: str) -> Plant:
    return Plant(p.category, p.value, list(p.forms), surface)


def plan(c: Composer, content: Content, traps: tuple[str, ...]) -> list[TrapPlan]:
    plans = []
    for surface in traps:
        if surface not in ALL_TRAPS:
            raise ValueError(f"unknown trap {surface!r}; use any of {', '.join(ALL_TRAPS)}")
        tp = TrapPlan(surface)
        if surface in ("metadata", "attachment"):
            tp.reused = [p for p in (_pick(content, NAMES, c), _pick(content, NUMBERS, c)) if p]
        elif surface in ("annotation", "form_field"):
            tp.reused = [
                p for p in [_pick(content, ("DOB", "PHONE", "SSN", "BADGE", "EMAIL"), c)] if p
            ]
        elif surface == "bookmark":
            tp.reused = [p for p in [_pick(content, NAMES, c)] if p]
        elif surface == "hidden_text":
            value = values.ssn(c.rng)
            tp.plants = [Plant("SSN", value, [values.digits_only(value)], surface)]
        elif surface == "bad_redaction":
            value = values.account(c.rng)
            tp.plants = [Plant("ACCOUNT", value, [values.digits_only(value)], surface)]
            said = c.rng.choice(
                [
                    "A second account, number {v}, was closed before the events at issue.",
                    "The bank later identified a related balance held under {v}.",
                ]
            ).format(v=f"\x01{value}\x02")
            content.blocks.insert(max(1, content.filler_at - 1), Para(said))
            content.filler_at += 1
        elif surface == "scanned":
            name = c.names.full()
            dob = values.date_forms(values.birth_date(c.rng, 1950, 2000))
            ssn = values.ssn(c.rng)
            phone = values.phone(c.rng, list(c.city().area_codes))
            tp.plants = [
                Plant("PERSON", name, name.split(), surface),
                Plant("DOB", dob[1], [dob[0], dob[3]], surface),
                Plant("SSN", ssn, [values.digits_only(ssn)], surface),
                Plant("PHONE", phone, values.phone_forms(phone), surface),
            ]
        tp.plants += [_copy(p, surface) for p in tp.reused]
        plans.append(tp)
        content.private.extend(p for p in tp.plants if p not in content.private)
    return plans


def _page_of(p: Plant, content: Content) -> int:
    for q in content.private:
        if q.surface == "page" and q.value == p.value and q.page:
            return q.page
    return 1


def apply(doc: pymupdf.Document, content: Content, plans: list[TrapPlan]) -> None:
    text_pages = doc.page_count
    for tp in plans:
        for p in tp.plants:
            if tp.surface in ("annotation", "form_field", "bookmark", "hidden_text"):
                p.page = _page_of(p, content) if tp.reused else text_pages
        BUILDERS[tp.surface](doc, content, tp)


def _metadata(doc, content, tp) -> None:
    names = [p.value for p in tp.plants if p.category in NAMES]
    numbers = [p.value for p in tp.plants if p.category not in NAMES]
    meta = dict(doc.metadata)
    if names:
        meta["author"] = names[0]  # the file began as a document the person wrote
    meta["keywords"] = "; ".join(["sealed", *numbers])
    doc.set_metadata(meta)


def _annotation(doc, content, tp) -> None:
    for p in tp.plants:
        page = doc[p.page - 1]
        annot = page.add_text_annot(
            (560, 100), f"Check with client: {p.value} - confirm before filing."
        )
        annot.set_info(title="Paralegal")
        annot.update()


def _form_field(doc, content, tp) -> None:
    for p in tp.plants:
        page = doc[p.page - 1]
        w = pymupdf.Widget()
        w.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
        w.field_name = "client_reference"
        w.rect = pymupdf.Rect(380, 700, 540, 716)
        w.field_value = p.value
        w.text_fontsize = 8
        page.add_widget(w)


def _bookmark(doc, content, tp) -> None:
    toc = [[1, content.short_title, 1]]
    for p in tp.plants:
        toc.append([1, f"Exhibit - records of {p.value}", p.page])
    doc.set_toc(toc)


def _attachment(doc, content, tp) -> None:
    body = "Intake notes (do not file)\n" + "\n".join(f"{p.category}: {p.value}" for p in tp.plants)
    doc.embfile_add("intake-notes.txt", body.encode(), filename="intake-notes.txt", desc="notes")


def _hidden_text(doc, content, tp) -> None:
    for p in tp.plants:
        page = doc[p.page - 1]
        page.insert_text((90, 30), f"SSN {p.value}", fontname="tiro", fontsize=9, color=(1, 1, 1))


def _bad_redaction(doc, content, tp) -> None:
    for p in tp.plants:
        page = doc[p.page - 1]
        for rect in page.search_for(p.value):
            page.draw_rect(rect + (-1, -1, 1, 1), color=(0, 0, 0), fill=(0, 0, 0))


def _scanned(doc, content, tp) -> None:
    """An image-only exhibit page: the values exist only as pixels."""
    src = pymupdf.open()
    page = src.new_page(width=612, height=792)
    person, dob, ssn, phone = (p.value for p in tp.plants[:4])
    lines = [
        ("CLIENT INTAKE FORM", 16),
        ("", 12),
        (f"Name: {person}", 13),
        (f"Date of Birth: {dob}", 13),
        (f"Social Security No.: {ssn}", 13),
        (f"Telephone: {phone}", 13),
        ("", 12),
        ("Signature on file. Received by intake staff.", 12),
    ]
    y = 110.0
    for s, size in lines:
        if s:
            page.insert_text((80, y), s, fontname="helv", fontsize=size)
        y += size * 2.2
    page.draw_rect(pymupdf.Rect(60, 70, 552, y + 10), color=(0, 0, 0), width=1)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    out = doc.new_page(width=612, height=792)
    out.insert_image(out.rect, stream=pix.tobytes("png"))
    for p in tp.plants:
        p.page = doc.page_count


BUILDERS = {
    "metadata": _metadata,
    "annotation": _annotation,
    "form_field": _form_field,
    "bookmark": _bookmark,
    "attachment": _attachment,
    "hidden_text": _hidden_text,
    "bad_redaction": _bad_redaction,
    "scanned": _scanned,
}
