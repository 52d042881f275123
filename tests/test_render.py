"""Burn-in, one test per hiding place: each output is opened with a second parser
(pdfplumber / pdfminer, or pikepdf) and the planted text is proven gone."""

from __future__ import annotations

import functools
import io
import re
import time

import pdfplumber
import pikepdf
import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactor.ingest import load
from redactor.model import Finding
from redactor.plan import Policy, make_plan
from redactor.redact import redact_file

SSN = "562-19-4471"
NAME = "Dolores Quintanilla"
LINE = f"Plaintiff {NAME}, SSN {SSN}, filed the motion."


def findings(doc, values: dict[str, str]) -> list[Finding]:
    """Findings for each (category -> value) wherever the value is on the pages."""
    out = []
    for page in doc.pages:
        for category, value in values.items():
            for m in re.finditer(re.escape(value), page.text.text):
                boxes = tuple(page.text.boxes_for(m.start(), m.end()))
                out.append(
                    Finding(
                        category,
                        value,
                        page.number,
                        boxes,
                        "test",
                        1.0,
                        "planted",
                        start=m.start(),
                        end=m.end(),
                    )
                )
    return out


def redact(
    tmp_path,
    pdf: pymupdf.Document,
    values: dict[str, str],
    *,
    extra=(),
    policy=None,
    structure=False,
):
    src, dst = tmp_path / "in.pdf", tmp_path / "out.pdf"
    pdf.save(src)
    doc = load(str(src))
    problems = []
    if structure:
        from redactor.detect.structure import page_problems

        for page in doc.pages:
            problems += page_problems(doc.pdf, page.number - 1, scanned=page.scanned)
    plan = make_plan(
        doc, findings(doc, values) + list(extra), policy or Policy.default(), problems=problems
    )
    result = redact_file(str(src), str(dst), plan=plan)
    return dst.read_bytes(), result


def plumber_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def raw_text(data: bytes) -> str:
    """Every object of the file, streams decompressed, as one string."""
    parts = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes().decode("latin-1"))
                except Exception:
                    pass
            parts.append(repr(obj))
    return "\n".join(parts)


def text_page(lines=(LINE,), **kw) -> pymupdf.Document:
    pdf = pymupdf.open()
    page = pdf.new_page(**kw)
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + 30 * i), line, fontsize=11)
    return pdf


def test_page_text_is_removed_and_neighbours_survive(tmp_path):
    out, _ = redact(
        tmp_path,
        text_page(),
        {"PERSON": NAME, "SSN": SSN},
        policy=Policy.from_mapping({"categories": {"SSN": {"action": "redact"}}}),
    )
    text = plumber_text(out)
    assert NAME not in text and "Quintanilla" not in text and SSN not in text and "4471" not in text
    for word in ("Plaintiff", "SSN", "filed", "the", "motion."):
        assert word in text
    assert text.count("REDACTED") == 2


def test_partial_action_keeps_the_public_form_as_text(tmp_path):
    lines = [
        LINE,
        "Born on March 14, 1980; card 4111 1111 1111 1111.",
        "The minor Tommy Vandersloot attends school.",
    ]
    values = {
        "SSN": SSN,
        "DOB": "March 14, 1980",
        "CARD": "4111 1111 1111 1111",
        "MINOR": "Tommy Vandersloot",
    }
    out, _ = redact(tmp_path, text_page(lines), values)
    text = plumber_text(out)
    for kept in ("XXX-XX-4471", "XX/XX/1980", "XXXXXXXXXXXX1111", "T.V."):
        assert kept in text
    for gone in (SSN, "562-19", "56219", "March 14", "4111 1111", "Tommy", "Vandersloot"):
        assert gone not in text
        assert gone not in raw_text(out)


def test_text_after_a_box_keeps_its_position(tmp_path):
    pdf = text_page()
    before = {w[4]: w[0] for w in pdf[0].get_text("words")}
    out, _ = redact(tmp_path, pdf, {"PERSON": NAME})
    after = {w[4]: w[0] for w in pymupdf.open(stream=out)[0].get_text("words")}
    assert after["filed"] == pytest.approx(before["filed"], abs=0.5)


def test_image_pixels_blanked_only_under_the_box(tmp_path):
    pdf = pymupdf.open()
    page = pdf.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 100), False)
    pix.set_rect(pix.irect, (200, 30, 30))
    page.insert_image(pymupdf.Rect(72, 72, 272, 172), pixmap=pix)
    box = (100.0, 100.0, 150.0, 120.0)
    extra = [Finding("PERSON", "x", 1, (box,), "manual", 1.0, "drawn in the image")]
    out, _ = redact(tmp_path, pdf, {}, extra=extra)
    shown = pymupdf.open(stream=out)[0].get_pixmap(dpi=72)

    def at(x, y):
        return shown.pixel(x, y)

    assert at(102, 102) == (0, 0, 0) and at(148, 118) == (0, 0, 0)  # under the box: black
    assert at(80, 80) == (200, 30, 30)  # the rest of the image is intact
    assert at(260, 160) == (200, 30, 30)


def test_vector_art_under_a_box_is_removed(tmp_path):
    pdf = text_page()
    page = pdf[0]
    page.draw_rect(
        pymupdf.Rect(300, 300, 340, 320), color=None, fill=(0, 0.5, 0)
    )  # wholly under the box
    page.draw_rect(pymupdf.Rect(400, 300, 500, 400), color=None, fill=(0, 0, 0.5))  # elsewhere
    extra = [Finding("PERSON", "x", 1, ((295.0, 295.0, 345.0, 325.0),), "manual", 1.0, "art")]
    out, _ = redact(tmp_path, pdf, {}, extra=extra)
    fills = [d["fill"] for d in pymupdf.open(stream=out)[0].get_drawings()]
    assert (0.0, 0.5, 0.0) not in fills and (0.0, 0.0, 0.5) in fills


def test_metadata_and_xmp_emptied_producer_is_redactor(tmp_path):
    pdf = text_page()
    pdf.set_metadata(
        {"author": NAME, "title": f"Declaration of {NAME}", "subject": SSN, "keywords": SSN}
    )
    pdf.set_xml_metadata(
        f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description dc:creator="{NAME}" xmlns:dc="http://purl.org/dc/elements/1.1/"/></rdf:RDF></x:xmpmeta>'
    )
    meta = Finding(
        "PERSON", NAME, None, (), "test", 1.0, "metadata", surface="metadata", where="author"
    )
    out, _ = redact(tmp_path, pdf, {"PERSON": NAME, "SSN": SSN}, extra=[meta])
    with pikepdf.open(io.BytesIO(out)) as p:
        info = {k: str(v) for k, v in p.docinfo.items()}
        assert "/Metadata" not in p.Root
    assert info["/Producer"] == "redactor"
    assert "Quintanilla" not in repr(info) and SSN not in repr(info)
    assert "Quintanilla" not in raw_text(out)


def test_comments_deleted_and_unapplied_redaction_marks_made_real(tmp_path):
    pdf = text_page([LINE, "Secret witness Bartholomew Okonkwo-Pratt saw it."])
    page = pdf[0]
    page.add_text_annot((400, 400), f"call {NAME} about {SSN}")
    mark = page.search_for("Bartholomew Okonkwo-Pratt")[0]
    page.add_redact_annot(mark)  # drawn, never applied
    out, _ = redact(tmp_path, pdf, {"PERSON": NAME, "SSN": SSN})
    with pikepdf.open(io.BytesIO(out)) as p:
        assert "/Annots" not in p.pages[0].obj or len(p.pages[0].obj.Annots) == 0
    text, raw = plumber_text(out), raw_text(out)
    assert "Okonkwo" not in text and "Bartholomew" not in text
    assert "Quintanilla" not in raw and SSN not in raw


def test_form_fields_flattened_with_values_redacted(tmp_path):
    pdf = text_page()
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "claimant"
    widget.field_value = f"{NAME} {SSN}"
    widget.rect = pymupdf.Rect(72, 400, 400, 420)
    pdf[0].add_widget(widget)
    out, _ = redact(tmp_path, pdf, {"PERSON": NAME, "SSN": SSN})
    with pikepdf.open(io.BytesIO(out)) as p:
        assert "/AcroForm" not in p.Root
    text = plumber_text(out)
    assert "Quintanilla" not in text and SSN not in text and "REDACTED" in text


def test_bookmarks_rebuilt_without_the_value(tmp_path):
    pdf = text_page()
    pdf.set_toc([[1, "Motion", 1], [2, f"Declaration of {NAME}", 1]])
    out, _ = redact(tmp_path, pdf, {"PERSON": NAME})
    toc = pymupdf.open(stream=out).get_toc()
    assert [t[1] for t in toc] == ["Motion", "Declaration of REDACTED"]
    assert "Quintanilla" not in raw_text(out)


def test_attachments_and_javascript_removed(tmp_path):
    pdf = text_page()
    pdf.embfile_add("customers.txt", f"{NAME},{SSN}".encode(), filename="customers.txt")
    pdf.xref_set_key(pdf.pdf_catalog(), "OpenAction", f"<</S/JavaScript/JS(app.alert('{SSN}'))>>")
    out, _ = redact(tmp_path, pdf, {"PERSON": NAME, "SSN": SSN})
    with pikepdf.open(io.BytesIO(out)) as p:
        assert "/OpenAction" not in p.Root
        assert "/Names" not in p.Root or "/EmbeddedFiles" not in p.Root.Names
        assert len(p.attachments) == 0
    assert SSN not in raw_text(out) and "alert" not in raw_text(out)


def test_hidden_layer_and_white_text_removed(tmp_path):
    pdf = text_page()
    page = pdf[0]
    ocg = pdf.add_ocg("notes", on=False)
    page.insert_text((72, 300), "Layer secret Zebediah Fairweather", fontsize=11, oc=ocg)
    page.insert_text((72, 330), "White secret Ignatius Holloway", fontsize=11, color=(1, 1, 1))
    out, result = redact(tmp_path, pdf, {"PERSON": NAME}, structure=True)
    text, raw = plumber_text(out), raw_text(out)
    for word in ("Zebediah", "Fairweather", "Ignatius", "Holloway"):
        assert word not in text and word not in raw
    with pikepdf.open(io.BytesIO(out)) as p:
        assert "/OCProperties" not in p.Root
    assert {r.category for r in result.plan.redactions} >= {"HIDDEN_TEXT"}
    assert "Plaintiff" in text


def test_bad_redaction_in_the_input_made_real(tmp_path):
    pdf = text_page([LINE, "Account 4400 1234 9876 5555 is frozen."])
    page = pdf[0]
    hit = page.search_for("4400 1234 9876 5555")[0]
    page.draw_rect(hit, color=None, fill=(0, 0, 0))  # a black box over live text
    out, result = redact(tmp_path, pdf, {}, structure=True)
    assert "9876" not in plumber_text(out)
    assert any(r.category == "BAD_REDACTION" for r in result.plan.redactions)
    assert "frozen." in plumber_text(out)


def test_incremental_revision_dropped(tmp_path):
    src = tmp_path / "rev.pdf"
    text_page([f"Earlier draft named {NAME}."]).save(src)
    pdf = pymupdf.open(src)
    pdf[0].add_redact_annot(pdf[0].search_for(NAME)[0])
    pdf[0].apply_redactions()
    pdf[0].insert_text((72, 200), "Public text.", fontsize=11)
    pdf.saveIncr()
    pdf.close()
    doc = load(str(src))
    assert doc.revisions == 2
    result = redact_file(
        str(src), str(tmp_path / "out.pdf"), plan=make_plan(doc, [], Policy.default())
    )
    out = (tmp_path / "out.pdf").read_bytes()
    assert out.count(b"%%EOF") == 1
    assert "Quintanilla" not in raw_text(out)
    assert result.checks


def rotated_page() -> pymupdf.Document:
    """A page shown turned by 90 degrees whose text reads across for the reader."""
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.set_rotation(90)
    page.insert_text(pymupdf.Point(72, 100) * page.derotation_matrix, LINE, fontsize=11, rotate=90)
    return pdf


def test_rotated_page_box_and_label_land_on_the_value(tmp_path):
    """Regression for PyMuPDF #3575: fill boxes misplaced on rotated pages."""
    out, _ = redact(tmp_path, rotated_page(), {"PERSON": NAME})
    page = pymupdf.open(stream=out)[0]
    assert "Quintanilla" not in plumber_text(out)
    assert "Plaintiff" in plumber_text(out)
    fills = [d["rect"] for d in page.get_drawings() if d["fill"] == (0.0, 0.0, 0.0)]
    words = rotated_page()[0].search_for(NAME)
    assert len(fills) == 1 and fills[0].intersects(words[0])
    label = [w for w in page.get_text("words") if w[4] == "REDACTED"]
    assert label and pymupdf.Rect(label[0][:4]).intersects(fills[0])


def test_cff_font_text_gone_after_full_page_redaction(tmp_path):
    """Regression for PyMuPDF #4944: a glyph of a CFF font surviving a full-page redaction."""
    pdf = pymupdf.open()
    page = pdf.new_page()
    writer = pymupdf.TextWriter(page.rect)
    writer.append((72, 100), f"CFF text {NAME} {SSN}", font=pymupdf.Font("tiro"), fontsize=12)
    writer.write_text(page)
    assert any(
        "/FontFile3" in pdf.xref_object(k) for k in range(1, pdf.xref_length())
    )  # CFF embedded
    extra = [Finding("TERM", "page", 1, (tuple(page.rect),), "manual", 1.0, "whole page")]
    out, _ = redact(tmp_path, pdf, {}, extra=extra)
    text = plumber_text(out)
    assert "CFF" not in text and "Quintanilla" not in text and "4471" not in text
    assert pymupdf.open(stream=out)[0].get_text().strip() in ("", "REDACTED")


def test_same_plan_twice_gives_the_same_bytes(tmp_path):
    pdf = text_page()
    pdf.set_metadata({"author": NAME, "creationDate": "D:20240101000000"})
    src = tmp_path / "in.pdf"
    pdf.save(src)
    doc = load(str(src))
    plan = make_plan(doc, findings(doc, {"PERSON": NAME, "SSN": SSN}), Policy.default())
    redact_file(str(src), str(tmp_path / "a.pdf"), plan=plan)
    redact_file(str(src), str(tmp_path / "b.pdf"), plan=plan)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


# --- removal by glyph: what is under a box goes, everything else stays where it was ------------


def busy_page() -> pymupdf.Page:
    lines = [
        LINE,
        f"{NAME} {SSN} {NAME} {SSN} and then {NAME}.",
        "A line with no value at all.",
        f"{SSN}",
    ]
    page = text_page(lines)[0]
    page.insert_text((300, 400), "Small print beside", fontsize=6)
    return page


def tight_leading_page() -> pymupdf.Page:
    """14 pt type on 15 pt leading: each line's box reaches into its neighbours'."""
    pdf = pymupdf.open()
    page = pdf.new_page()
    for i, text in enumerate(
        ["AMERICAN CIVIL LIBERTIES UNION", f"Counsel {NAME} for amici", "FOUNDATION OF NEVADA"]
    ):
        page.insert_text((72, 100 + 15 * i), text, fontsize=14, fontname="tiro")
    return pymupdf.open(stream=pdf.tobytes())[0]


def value_boxes(page, *values):
    return [tuple(r) for v in values for r in page.search_for(v)]


BOX_CASES = {
    "one box mid-line": lambda p: value_boxes(p, NAME)[:1],
    "every value, several on a line": lambda p: value_boxes(p, NAME, SSN),
    "boxes out of reading order": lambda p: list(reversed(value_boxes(p, NAME, SSN))),
    "box at the end of a line": lambda p: value_boxes(p, "motion."),
    "box over nothing": lambda p: [(400, 600, 450, 620)],
    "box over two lines": lambda p: [(150, 90, 260, 140)],
    "small print": lambda p: value_boxes(p, "beside"),
}


def burn_and_compare(page: pymupdf.Page, boxes: list) -> tuple[list, list]:
    """Burn ``boxes`` into a copy of ``page``; return (glyphs that should have gone but stayed,
    glyphs that should have stayed but went or moved)."""
    from redactor.render.burn import Cut, burn_page
    from redactor.render.glyphs import page_glyphs, under

    pdf = pymupdf.open(stream=page.parent.tobytes())
    copy = pdf[page.number]
    pymupdf.TOOLS.set_small_glyph_heights(True)
    try:
        before = [g for g in page_glyphs(copy) if not g.char.isspace()]
    finally:
        pymupdf.TOOLS.set_small_glyph_heights(False)
    burn_page(pdf, copy, [Cut(tuple(b), "redact", "R") for b in boxes])
    after = pymupdf.open(stream=pdf.tobytes())[page.number]
    left = [
        (c["c"], c["origin"])
        for b in after.get_text("rawdict", flags=0)["blocks"]
        for line in b.get("lines", [])
        for s in line["spans"]
        for c in s["chars"]
    ]

    def present(glyph, origin_x):
        return any(ch == glyph.char and abs(x - origin_x) < 0.5 for ch, (x, _) in left)

    stayed, lost = [], []
    for g in before:
        gone = under(g, [tuple(b) for b in boxes]) >= 0
        if gone and present(g, g.box[0]):
            stayed.append(g.char)
        elif not gone and not present(g, g.box[0]):
            lost.append(g.char)
    return stayed, lost


@pytest.mark.parametrize("case", BOX_CASES)
def test_glyphs_under_a_box_go_and_every_other_glyph_stays_in_place(case):
    page = busy_page()
    boxes = BOX_CASES[case](page)
    assert boxes
    assert burn_and_compare(page, boxes) == ([], [])


def test_tight_leading_takes_nothing_from_the_neighbouring_lines():
    page = tight_leading_page()
    boxes = value_boxes(page, NAME)
    assert len(boxes) == 1 and burn_and_compare(page, boxes) == ([], [])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(60, 500), st.floats(80, 200), st.floats(0, 120), st.floats(0, 30)),
        min_size=1,
        max_size=6,
    )
)
def test_any_boxes_take_exactly_the_glyphs_mostly_under_them(spec):
    page = busy_page_once()
    boxes = [(x, y, x + w, y + h) for x, y, w, h in spec if w > 0.5 and h > 0.5]
    if boxes:
        assert burn_and_compare(page, boxes) == ([], [])


@functools.cache
def busy_page_once() -> pymupdf.Page:
    return busy_page()


def generated_filing(tmp_path, pages: int):
    from samples.generate import make_filing

    src = tmp_path / "filing.pdf"
    truth = make_filing(src, seed=5, layout="pleading", pages=pages)
    doc = load(str(src))
    values = {e.category: e.value for e in truth.private if e.surface == "page"}
    plan = make_plan(doc, findings(doc, values), Policy.default())
    return doc, src.read_bytes(), plan


def test_same_plan_in_one_process_gives_the_same_bytes(tmp_path):
    from redactor.render import render_public

    doc, raw, plan = generated_filing(tmp_path, 2)
    assert plan.redactions
    assert render_public(doc, raw, plan) == render_public(doc, raw, plan)


def test_burn_in_of_a_five_page_filing_is_quick(tmp_path):
    """About 12 ms a page here; the bound leaves room for a slow, busy machine."""
    from redactor.render import render_public

    doc, raw, plan = generated_filing(tmp_path, 5)
    assert doc.page_count >= 5 and len([r for r in plan.redactions if r.boxes]) >= 5
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        render_public(doc, raw, plan)
        best = min(best, time.perf_counter() - start)
    assert best < 0.5
