"""Fail closed: a tampered renderer, a leak in any reader's view, and nothing released."""

from __future__ import annotations

import io
import os

import pikepdf
import pymupdf
import pytest

import redactor.render as render_pkg
from redactor.errors import VerificationFailed
from redactor.ingest import load
from redactor.model import Finding
from redactor.plan import Policy, make_plan
from redactor.plan.forms import term_pattern
from redactor.redact import redact_file
from redactor.render import burn
from redactor.verify import Expectation, _candidates, expectations, verify
from redactor.verify.readers.pagetext import _by_lines, _drawn

SSN = "562-19-4471"
NAME = "Dolores Quintanilla"


def source(tmp_path, lines):
    pdf = pymupdf.open()
    page = pdf.new_page()
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + 30 * i), line, fontsize=11)
    path = tmp_path / "in.pdf"
    pdf.save(path)
    return path


def plan_for(path, values):
    doc = load(str(path))
    found = []
    for page in doc.pages:
        for category, value in values.items():
            start = page.text.text.find(value)
            if start >= 0:
                boxes = tuple(page.text.boxes_for(start, start + len(value)))
                found.append(
                    Finding(
                        category, value, page.number, boxes, "test", 1.0, "planted", start=start
                    )
                )
    policy = Policy.from_mapping({"categories": {"SSN": {"action": "redact"}}})
    return doc, make_plan(doc, found, policy)


def test_tampered_renderer_is_refused_and_nothing_released(tmp_path, monkeypatch):
    src = source(tmp_path, [f"Plaintiff {NAME}, SSN {SSN}, filed it."])
    _, plan = plan_for(src, {"PERSON": NAME, "SSN": SSN})
    real = burn.burn_page

    def skip_one(pdf, page, cuts, **kw):
        return real(pdf, page, cuts[1:], **kw)  # the first box is never burned

    monkeypatch.setattr(render_pkg, "burn_page", skip_one)
    dst = tmp_path / "out.pdf"
    with pytest.raises(VerificationFailed) as err:
        redact_file(str(src), str(dst), plan=plan)
    message = str(err.value)
    assert "page 1" in message and "PERSON" in message
    assert "Quintanilla" not in message and "Dolores" not in message and SSN not in message
    assert not dst.exists()
    assert sorted(os.listdir(tmp_path)) == ["in.pdf"]  # no temporary file left


def test_an_existing_output_is_not_left_to_pass_for_this_run(tmp_path, monkeypatch):
    src = source(tmp_path, [f"Plaintiff {NAME} filed it."])
    _, plan = plan_for(src, {"PERSON": NAME})
    dst = tmp_path / "out.pdf"
    dst.write_bytes(b"old output")
    monkeypatch.setattr(render_pkg, "burn_page", lambda pdf, page, cuts, **kw: None)
    with pytest.raises(VerificationFailed):
        redact_file(str(src), str(dst), plan=plan)
    assert not dst.exists()


@pytest.mark.parametrize(
    "leak",
    ["metadata", "annotation", "bookmark", "orphan"],
)
def test_each_reader_catches_a_leak(tmp_path, leak):
    """An unredacted copy with the value in one more place: verification names the place."""
    src = source(tmp_path, ["Nothing to see on the page."])
    doc, _ = plan_for(src, {})
    plan = make_plan(
        doc, [Finding("SSN", SSN, None, (), "test", 1.0, "x", surface="metadata")], Policy.default()
    )
    pdf = pymupdf.open(src)
    if leak == "metadata":
        pdf.set_metadata({"subject": SSN})
    elif leak == "annotation":
        pdf[0].add_text_annot((100, 100), f"SSN {SSN}")
    elif leak == "bookmark":
        pdf.set_toc([[1, f"SSN {SSN}", 1]])
    elif leak == "orphan":
        xref = pdf.get_new_xref()
        pdf.update_object(xref, f"<< /Leak ({SSN}) >>")
    out = tmp_path / "leaky.pdf"
    pdf.save(out, garbage=0)
    with pytest.raises(VerificationFailed) as err:
        verify(str(out), expectations(doc, plan))
    assert SSN not in str(err.value)


def test_a_public_use_of_a_name_word_is_not_a_survivor(tmp_path):
    """The plaintiff is a Quintanilla too: that use is counted as allowed, the redacted one is not."""
    src = source(tmp_path, [f"Witness {NAME} saw it.", "Plaintiff Ramon Quintanilla sued."])
    _, plan = plan_for(src, {"PERSON": NAME})
    result = redact_file(str(src), str(tmp_path / "out.pdf"), plan=plan)
    assert any("pdfminer" in c for c in result.checks)
    text = pymupdf.open(tmp_path / "out.pdf")[0].get_text()
    assert text.count("Quintanilla") == 1 and "Dolores" not in text


def test_checks_name_every_reader(tmp_path):
    src = source(tmp_path, [f"Plaintiff {NAME} filed it."])
    _, plan = plan_for(src, {"PERSON": NAME})
    checks = " | ".join(redact_file(str(src), str(tmp_path / "o.pdf"), plan=plan).checks)
    for what in ("pdfminer", "raw scan", "orphaned", "surfaces", "one revision"):
        assert what in checks


@pytest.mark.parametrize("skipped, category", [(0, "PERSON"), (-1, "SSN")])
def test_a_renderer_that_skips_any_one_box_is_refused(tmp_path, monkeypatch, skipped, category):
    src = source(tmp_path, [f"Plaintiff {NAME}, SSN {SSN}, filed it."])
    _, plan = plan_for(src, {"PERSON": NAME, "SSN": SSN})
    real = burn.burn_page

    def skip_one(pdf, page, cuts, **kw):
        kept = list(cuts)
        del kept[skipped]
        return real(pdf, page, kept, **kw)

    monkeypatch.setattr(render_pkg, "burn_page", skip_one)
    with pytest.raises(VerificationFailed) as err:
        redact_file(str(src), str(tmp_path / "out.pdf"), plan=plan)
    assert "page 1" in str(err.value) and category in str(err.value)
    assert SSN not in str(err.value) and "4471" not in str(err.value)


# -- the raw scan reads text, not numbers or font programs --------------------------------

BADGE = "46005"


def hand_made(tmp_path, content: bytes, *, font_program: bytes = b"", form: bytes | None = None):
    """A one-page PDF written object by object (nothing rewrites what the test wrote)."""
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name.Helvetica,
                              FirstChar=32, LastChar=126, Widths=[500] * 95, Encoding=pikepdf.Name.WinAnsiEncoding)  # fmt: skip
    if font_program:
        font.FontDescriptor = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name.Helvetica, Flags=32, FontBBox=[0, -200, 1000, 900],
            ItalicAngle=0, Ascent=900, Descent=-200, CapHeight=700, StemV=80,
            FontFile2=pdf.make_stream(font_program)))  # fmt: skip
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pdf.make_indirect(font)))
    page = pdf.add_blank_page(page_size=(612, 792))
    page.obj.Resources = resources
    page.obj.Contents = pdf.make_stream(content)
    if form is not None:  # a link whose appearance shows text: no page-text reader draws it
        appearance = pdf.make_stream(
            form,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 300, 20],
            Resources=resources,
        )
        link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 600, 372, 620],
                                  AP=pikepdf.Dictionary(N=appearance), Border=[0, 0, 0])  # fmt: skip
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    path = tmp_path / "hand.pdf"
    pdf.save(path)
    return path


def badge_expected():
    return [Expectation("R-0001", 1, "BADGE", term_pattern(BADGE), False)]


NUMBERS = b"q 0.46005 0 0 0.46005 46005 0 cm Q 1 0 0 1 0 46005 cm BT /F1 12 Tf 72 700 Td (Badge withheld.) Tj ET"


def test_numbers_and_font_programs_are_not_text(tmp_path):
    """The bench's false survivor: a badge number as a coordinate and in font bytes, shown nowhere."""
    program = b"\x00\x01\x00\x00 glyf (46005) 46005 <3436303035> " + bytes(range(256)) * 8
    path = hand_made(tmp_path, NUMBERS, font_program=program)
    checks = verify(str(path), badge_expected())
    assert any("raw scan" in c for c in checks)


@pytest.mark.parametrize(
    "content, form",
    [
        (NUMBERS + b" BT /F1 12 Tf 72 680 Td (Badge 46005.) Tj ET", None),  # shown on the page
        (NUMBERS + b" BT /F1 12 Tf 72 680 Td [(Badge 46)-20(005.)] TJ ET", None),  # kerned apart
        (NUMBERS + b" BT /F1 12 Tf 72 680 Td <42616467652034363030352e> Tj ET", None),  # hex string
        (NUMBERS, b"BT /F1 12 Tf 2 5 Td (Badge 46005) Tj ET"),  # only in a link's appearance
        (NUMBERS + b" /Span <</ActualText (46005)>> BDC EMC", None),  # only as alternate text
    ],
)
def test_text_that_shows_the_number_is_refused(tmp_path, content, form):
    path = hand_made(tmp_path, content, font_program=b"\x00\x01\x00\x00 46005", form=form)
    with pytest.raises(VerificationFailed) as err:
        verify(str(path), badge_expected())
    assert "BADGE" in str(err.value) and BADGE not in str(err.value)


def test_text_in_a_cid_font_is_read_through_its_unicode_map(tmp_path):
    """Two-byte glyph codes mean nothing as bytes: the raw scan decodes them with the font's ToUnicode."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="F9", fontbuffer=pymupdf.Font("tiro").buffer)
    page.insert_text((72, 100), f"SSN {SSN}", fontname="F9", fontsize=11)
    pdf = pikepdf.open(io.BytesIO(doc.tobytes()))
    shown = pdf.pages[0].obj.Contents
    content = (
        b"".join(s.read_bytes() for s in shown)
        if isinstance(shown, pikepdf.Array)
        else shown.read_bytes()
    )
    resources = pdf.pages[0].obj.Resources
    appearance = pdf.make_stream(
        content,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 612, 792],
        Resources=resources,
    )
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[0, 0, 612, 792],
        AP=pikepdf.Dictionary(N=appearance),
    )
    pdf.pages[0].obj.Contents = pdf.make_stream(b"")
    pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(link)])
    path = tmp_path / "cid.pdf"
    pdf.save(path)
    expected = [Expectation("R-0002", 1, "SSN", term_pattern(SSN), False)]
    with pytest.raises(VerificationFailed) as err:
        verify(str(path), expected)
    assert "raw scan" in str(err.value) and "SSN" in str(err.value)


def test_page_text_reads_words_the_file_places_apart():
    """pdfminer's characters, drawn one word at a time: the reading keeps the blanks between them."""
    chars = [
        ("J", 0, 0, 6, 0, 12, True),
        ("o", 6, 0, 12, 0, 12, True),
        ("e", 12, 0, 18, 0, 12, True),
        ("D", 30, 0, 36, 0, 12, True),
        ("o", 36, 0, 42, 0, 12, True),
    ]
    assert _drawn(chars) == "Joe Do"
    lower = [("b", 0, 0, 6, 0, 12, True)]
    upper = [("a", 0, 20, 6, 20, 12, True)]
    assert _drawn(_by_lines(lower + upper)) == "a b"


@pytest.mark.parametrize(
    "term, text, found",
    [
        ("562-19-4471", "SSN 562 19 4471 here", True),
        ("562-19-4471", "SSN 562-19-4470 here", False),
        ("Dolores Quintanilla", "DOLORES\nQUINTANILLA", True),
        ("a.b@x.com", "mail A.B@X.COM now", True),
        ("Smith", "Smithers", False),  # folded key is found, the pattern then says no
    ],
)
def test_all_spellings_at_once_finds_what_each_pattern_finds(term, text, found):
    e = Expectation("R-0003", 1, "X", term_pattern(term), False)
    assert e.key  # every spelling of term_pattern has letters or digits to look for first
    assert bool(_candidates([e], text) and e.pattern.search(text)) is found
