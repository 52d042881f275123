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
    style: str = ""  # how a scanned page is written (the varied corpus)
    lines: list[tuple[str, float]] = field(default_factory=list)  # a scanned page's text
    live: list[str] = field(default_factory=list)  # live text over a scanned page
    angle: float = 0.0  # a scanned page's skew, in degrees
    dpi: int = 200


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
        elif surface == "scanned" and c.varied:
            _plan_scan(c, content, tp)
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
        if surface in ("metadata", "attachment", "annotation", "form_field", "bookmark") and not (
            tp.reused
        ):
            tp.plants = _fresh(
                c, surface
            )  # a paper with nothing private on its pages (a clerk's letter)
        tp.plants += [_copy(p, surface) for p in tp.reused]
        plans.append(tp)
        content.private.extend(p for p in tp.plants if p not in content.private)
    return plans


def _fresh(c: Composer, surface: str) -> list[Plant]:
    """Values that exist only in the trap: a person who handled the file, a number."""
    name = c.names.full()
    phone = values.phone(c.rng, list(c.city().area_codes))
    person = Plant("PERSON", name, name.split(), surface)
    number = Plant("PHONE", phone, values.phone_forms(phone), surface)
    if surface in ("metadata", "attachment"):
        return [person, number]
    if surface == "bookmark":
        return [person]
    # a note or a field a paralegal filled in: a client's birth date
    dob = values.date_forms(values.birth_date(c.rng, 1950, 2000))
    return [Plant("DOB", dob[1], [dob[0], dob[3]], surface)]


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


SCAN_STYLES = ("intake", "letter", "incident", "medical")


def _plan_scan(c: Composer, content: Content, tp: TrapPlan) -> None:
    """A scanned exhibit of one of several kinds (an intake form, a letter to the person at
    home, a police incident report, a clinic's visit summary), with the live text a filed
    exhibit carries over its pixels: the CM/ECF stamp, a Bates number, an exhibit label."""
    rng = c.rng
    style = rng.choice(SCAN_STYLES)
    first, last = c.names.first(), c.names.last()
    dob = values.date_forms(values.birth_date(rng, 1950, 2000))
    shown_dob = dob[1] if rng.random() < 0.7 else dob[0]
    dob_plant = Plant("DOB", shown_dob, [f for f in dob if f != shown_dob], "scanned")
    city = c.city()
    street = f"{rng.randint(100, 9899)} {rng.choice(c.pool.streets)}"
    city_line = f"{city.name}, {city.state} {city.zip}"
    address = Plant("ADDRESS", f"{street}, {city_line}", [street], "scanned")
    phone = values.phone(rng, list(city.area_codes))
    ssn = values.ssn(rng)
    if style == "intake":
        name = f"{first} {last}"
        plants = [Plant("PERSON", name, [first, last], "scanned"), dob_plant,
                  Plant("SSN", ssn, [values.digits_only(ssn)], "scanned"),
                  Plant("PHONE", phone, values.phone_forms(phone), "scanned"), address]  # fmt: skip
        lines = [("CLIENT INTAKE FORM", 16), ("", 12), (f"Name: {name}", 13),
                 (f"Date of Birth: {shown_dob}", 13), (f"Social Security No.: {ssn}", 13),
                 (f"Home Address: {street}", 13), (f"{city_line}", 13),
                 (f"Telephone: {phone}", 13), ("", 12),
                 ("Signature on file. Received by intake staff.", 12)]  # fmt: skip
    elif style == "letter":
        name = f"{first} {last}"
        bank = rng.choice(
            ["Golden Valley Bank", "Sierra Federal Savings", "Redwood Community Bank"]
        )
        plants = [Plant("PERSON", name, [first, last], "scanned"), address, dob_plant,
                  Plant("SSN", ssn, [values.digits_only(ssn)], "scanned")]  # fmt: skip
        lines = [(bank, 15), ("Member Services", 11), ("", 11), (c.date(2022), 12), ("", 11),
                 (name, 12), (street, 12), (city_line, 12), ("", 11),
                 (f"Dear {first} {last}:", 12), ("", 11),
                 ("We have updated our records to show your date of birth", 12),
                 (f"as {shown_dob} and your Social Security number as", 12),
                 (f"{ssn}. Please call us if this is not correct.", 12), ("", 11),
                 ("Sincerely, Member Services", 12)]  # fmt: skip
    elif style == "incident":
        name = f"{last.upper()}, {first.upper()}"
        plants = [Plant("PERSON", name, [first, last], "scanned"), dob_plant,
                  Plant("PHONE", phone, values.phone_forms(phone), "scanned"), address]  # fmt: skip
        lines = [("INCIDENT REPORT", 16), (f"Report No. {rng.randint(18, 24)}-{rng.randint(10000, 99999)}", 11),
                 ("", 11), (f"Reporting Party: {name}", 12), (f"DOB: {shown_dob}    Phone: {phone}", 12),
                 (f"Residence: {street}, {city_line}", 12), ("", 11),
                 ("Narrative: R/P stated that a vehicle was parked across", 12),
                 ("the driveway for several hours. Unit 14 responded.", 12)]  # fmt: skip
    else:
        name = f"{first} {last}"
        med = rng.choice(c.pool.medical)
        mrn = values.mrn(rng)
        clinic = rng.choice(
            ["Sutter Family Medicine", "Mercy General Hospital", "Valley Children's Clinic"]
        )
        plants = [Plant("PERSON", name, [first, last], "scanned"), dob_plant,
                  Plant("MRN", mrn, [], "scanned"), Plant("MEDICAL", med, [], "scanned")]  # fmt: skip
        lines = [(clinic, 15), ("PATIENT VISIT SUMMARY", 13), ("", 11), (f"Patient: {name}", 12),
                 (f"DOB: {shown_dob}", 12), (f"MRN: {mrn}", 12), ("", 11),
                 (f"Assessment: {med}", 12), ("Plan: follow up in four weeks.", 12)]  # fmt: skip
    tp.style, tp.plants, tp.lines = style, plants, lines
    live = []
    if content.ecf:
        live.append("ecf")
    options = ["bates", "label"] if content.bates else ["label", "label", ""]
    extra = rng.choice(options)
    if extra:
        live.append(extra)
    tp.live = live
    tp.angle = rng.choice([0.0, 0.0, 0.4, -0.6, 0.9])
    tp.dpi = rng.choice([150, 200, 200, 300])


def _scanned_varied(doc, content, tp) -> None:
    import numpy as np

    from samples.generate import stamp_text

    src = pymupdf.open()
    page = src.new_page(width=612, height=792)
    y = 110.0
    for s, size in tp.lines:
        if s:
            page.insert_text((80, y), s, fontname="helv", fontsize=size)
        y += size * 2.0
    if tp.style in ("intake", "incident"):
        page.draw_rect(pymupdf.Rect(60, 70, 552, y + 10), color=(0, 0, 0), width=1)
    matrix = pymupdf.Matrix(tp.dpi / 72, tp.dpi / 72).prerotate(tp.angle)
    pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY)
    speckle = np.frombuffer(pix.samples_mv, dtype=np.uint8).copy()
    where = np.random.default_rng(len(speckle)).random(speckle.size) < 0.0006
    speckle[where] = 90  # the dust of a photocopier
    noisy = pymupdf.Pixmap(pymupdf.csGRAY, pix.width, pix.height, speckle.tobytes(), False)
    out = doc.new_page(width=612, height=792)
    out.insert_image(out.rect, stream=noisy.tobytes("png"))
    number = doc.page_count
    for kind in tp.live:
        if kind == "ecf" and content.ecf:
            from samples import paper

            paper.ecf_stamp(out, stamp_text(content.ecf, number, number), content.ecf[1])
        elif kind == "bates" and content.bates:
            prefix, start = content.bates.split("|")
            bates = f"{prefix}{int(start) + number - 1:06d}"
            out.insert_text((470, 770), bates, fontname="hebo", fontsize=10)
        elif kind == "label":
            out.insert_text(
                (500, 40), f"EXHIBIT {chr(ord('A') + number % 6)}", fontname="hebo", fontsize=11
            )
    for p in tp.plants:
        p.page = doc.page_count


def _scanned(doc, content, tp) -> None:
    """An image-only exhibit page: the values exist only as pixels."""
    if tp.style:
        _scanned_varied(doc, content, tp)
        return
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
