"""Every non-page surface of a PDF is read, and each kind of hiding place is reported.

Each test builds a small PDF with one hiding place holding a planted value and
checks that the value comes back on the right surface, with the right Problem.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pikepdf
import pymupdf
import pytest

from redactor.ingest import surfaces
from redactor.ingest.surfaces import Name, Ref, parse_object, read_surfaces, revision_ends
from redactor.model import SEVERITY_FIX, SEVERITY_NOTE

SHARED = Path(__file__).resolve().parents[2] / "shared"
SSN = "123-45-6789"


def read(path: Path):
    raw = path.read_bytes()
    with pymupdf.open(stream=raw, filetype="pdf") as pdf:
        return read_surfaces(pdf, raw, str(path))


def texts(found, surface: str) -> str:
    return "\n".join(s.text for s in found if s.surface == surface)


def kinds(problems, severity: str | None = None) -> set[str]:
    return {p.kind for p in problems if severity is None or p.severity == severity}


def page_doc(text: str = "Plain body text of a filing.") -> pymupdf.Document:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    return doc


def save(doc: pymupdf.Document, path: Path) -> Path:
    doc.save(path)
    doc.close()
    return path


def assert_plain_boxes(found, problems) -> None:
    """Boxes are plain tuples of floats (model.Box), so results sort, hash and serialise."""
    for item in [*found, *problems]:
        assert item.bbox is None or (
            type(item.bbox) is tuple and all(type(v) is float for v in item.bbox)
        ), item


def assert_no_value_in_details(problems, *values: str) -> None:
    for p in problems:
        for value in values:
            assert value not in p.detail, p


# ---------------------------------------------------------------- metadata


def test_info_dictionary_entries_with_content_are_a_fix(tmp_path):
    doc = page_doc()
    doc.set_metadata(
        {"author": f"Jane Roe {SSN}", "title": "Motion to seal", "keywords": f"ssn {SSN}"}
    )
    info = doc.xref_get_key(-1, "Info")[1].split()[0]
    doc.xref_set_key(int(info), "CaseNumber", "(2:24-cv-00321)")
    found, problems = read(save(doc, tmp_path / "m.pdf"))
    by_where = {s.where: s.text for s in found if s.surface == "metadata"}
    assert by_where["Info /Author"] == f"Jane Roe {SSN}"
    assert by_where["Info /Title"] == "Motion to seal"
    assert SSN in by_where["Info /Keywords"]
    assert by_where["Info /CaseNumber"] == "2:24-cv-00321"
    [meta] = [p for p in problems if p.kind == "metadata"]
    assert meta.severity == SEVERITY_FIX and "CaseNumber" in meta.detail
    assert_no_value_in_details(problems, SSN, "Jane Roe")


def test_producer_and_dates_alone_are_a_note(tmp_path):
    doc = page_doc()
    doc.set_metadata({"producer": "Word", "creator": "Acrobat", "creationDate": "D:20240101000000"})
    _, problems = read(save(doc, tmp_path / "p.pdf"))
    assert [p.severity for p in problems if p.kind == "metadata"] == [SEVERITY_NOTE]


XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
      xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer="Acrobat Distiller">
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Exhibit for SSN 321-54-9876</rdf:li></rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>John Doe</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def test_xmp_values_are_read_without_their_tags(tmp_path):
    doc = page_doc()
    doc.set_xml_metadata(XMP)
    found, problems = read(save(doc, tmp_path / "x.pdf"))
    by_where = {s.where: s.text for s in found if s.surface == "metadata"}
    assert by_where["XMP dc:description"] == "Exhibit for SSN 321-54-9876"
    assert by_where["XMP dc:creator"] == "John Doe"
    assert by_where["XMP pdf:Producer"] == "Acrobat Distiller"
    assert not any("<" in s.text for s in found)
    [xmp] = [p for p in problems if p.kind == "metadata"]
    assert xmp.severity == SEVERITY_FIX and "dc:description" in xmp.detail


def test_xmp_with_only_tool_fields_is_a_note():
    values = surfaces._xmp_values(
        XMP.replace("<dc:description>", "<!--").replace("</dc:creator>", "-->")
    )
    assert values == [("x:xmptk", "Adobe XMP Core"), ("pdf:Producer", "Acrobat Distiller")]


# ---------------------------------------------------------------- annotations and forms


def test_comments_free_text_and_unapplied_redactions_are_reported_with_their_place(tmp_path):
    doc = page_doc()
    page = doc[0]
    note = page.add_text_annot((100, 100), "Client SSN is 111-22-3333")
    note.set_info(title="Paralegal Pat")
    note.set_popup(pymupdf.Rect(200, 100, 320, 180))
    note.update()
    page.add_freetext_annot(pymupdf.Rect(100, 200, 300, 240), "Call 555-867-5309").update()
    page.add_redact_annot(
        pymupdf.Rect(72, 300, 200, 320), text="WITHHELD 444-55-6666", fill=(0, 0, 0)
    )
    page.add_redact_annot(pymupdf.Rect(72, 400, 200, 420), fill=(0, 0, 0))
    found, problems = read(save(doc, tmp_path / "a.pdf"))
    comment = [s for s in found if s.surface == "annotation" and "111-22-3333" in s.text]
    assert comment and comment[0].page == 1 and comment[0].bbox is not None
    assert "Paralegal Pat" in texts(found, "annotation")
    assert "555-867-5309" in texts(found, "annotation")
    assert "WITHHELD 444-55-6666" in texts(found, "annotation")
    annots = [p for p in problems if p.kind == "annotation"]
    assert len(annots) == 4 and all(
        p.severity == SEVERITY_FIX and p.page == 1 and p.bbox for p in annots
    )
    assert any("pop-up" in p.detail for p in annots)
    assert any(
        "never applied" in p.detail for p in annots
    )  # the redaction mark with no overlay text
    assert_plain_boxes(found, problems)
    assert sorted(set(problems), key=lambda p: p.sort_key())
    assert_no_value_in_details(problems, "111-22-3333", "Paralegal Pat", "555-867-5309")


def test_link_address_is_surfaced_as_a_note(tmp_path):
    doc = page_doc()
    doc[0].insert_link({"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 60, 200, 80),
                        "uri": "https://example.com/records?ssn=123456789"})  # fmt: skip
    found, problems = read(save(doc, tmp_path / "l.pdf"))
    assert "ssn=123456789" in texts(found, "annotation")
    assert [(p.kind, p.severity) for p in problems] == [("annotation", SEVERITY_NOTE)]


def add_text_field(
    page, name: str, value: str, tooltip: str = "", rect=(100, 300, 300, 320), script=""
):
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name, widget.field_label, widget.field_value = name, tooltip, value
    widget.script_format = script or None
    widget.rect = pymupdf.Rect(rect)
    page.add_widget(widget)


def test_filled_form_field_value_name_and_tooltip(tmp_path):
    doc = page_doc()
    add_text_field(doc[0], "plaintiff_ssn", "222-33-4444", "Social Security number of the minor")
    add_text_field(doc[0], "unused", "", rect=(100, 400, 300, 420))
    found, problems = read(save(doc, tmp_path / "f.pdf"))
    fields = {(s.where.rsplit(" ", 1)[-1], s.text) for s in found if s.surface == "form_field"}
    assert fields == {("name", "plaintiff_ssn"), ("value", "222-33-4444"), ("name", "unused"),
                      ("tooltip", "Social Security number of the minor")}  # fmt: skip
    [value] = [s for s in found if s.text == "222-33-4444"]
    assert value.page == 1 and value.bbox == (100, 300, 300, 320)
    fields = [p for p in problems if p.kind == "form_field"]
    assert {p.severity for p in fields} == {SEVERITY_FIX}
    assert any("filled text field" in p.detail and p.bbox for p in fields)
    assert any(p.detail.startswith("1 form field(s) without text") for p in fields)


# ---------------------------------------------------------------- bookmarks, attachments, scripts


def test_bookmarks_at_every_level(tmp_path):
    doc = page_doc()
    doc.new_page()
    doc.set_toc(
        [[1, "Background", 1], [2, f"Records of Jane Roe, SSN {SSN}", 2], [1, "Argument", 2]]
    )
    found, problems = read(save(doc, tmp_path / "b.pdf"))
    marks = {s.where: s.text for s in found if s.surface == "bookmark"}
    assert marks == {"bookmark 1": "Background", "bookmark 1.1": f"Records of Jane Roe, SSN {SSN}",
                     "bookmark 2": "Argument"}  # fmt: skip
    [summary] = [p for p in problems if p.kind == "bookmark"]
    assert summary.severity == SEVERITY_NOTE and summary.detail.startswith("3 bookmark")


def test_embedded_files_and_file_attachment_annotations(tmp_path):
    doc = page_doc()
    doc.embfile_add("ledger.txt", f"Account 4111111111111111, SSN {SSN}".encode(), filename="ledger.txt",
                    desc="Ledger of Jane Roe")  # fmt: skip
    doc.embfile_add("blob.bin", bytes(range(256)) * 4, filename="blob.bin")
    doc[0].add_file_annot(
        (50, 400), b"name,dob\nJohn Doe,01/02/1980\n", "minors.csv", desc="minor list"
    )
    found, problems = read(save(doc, tmp_path / "e.pdf"))
    attached = texts(found, "attachment")
    for planted in (
        SSN,
        "Ledger of Jane Roe",
        "ledger.txt",
        "John Doe,01/02/1980",
        "minors.csv",
        "minor list",
    ):
        assert planted in attached
    assert "blob.bin" in attached and "\x00\x01" not in attached  # binary contents are not text
    on_page = [s for s in found if s.surface == "attachment" and "John Doe" in s.text]
    assert on_page[0].page == 1 and on_page[0].bbox
    files = [p for p in problems if p.kind == "attachment"]
    assert len(files) == 3 and {p.severity for p in files} == {SEVERITY_FIX}
    assert any(p.page == 1 for p in files)
    assert_plain_boxes(found, problems)
    assert_no_value_in_details(problems, SSN, "ledger.txt", "John Doe")


def test_attached_pdf_text_is_read(tmp_path):
    inner = page_doc(f"Exhibit naming SSN {SSN}")
    doc = page_doc()
    doc.embfile_add("exhibit.pdf", inner.tobytes(), filename="exhibit.pdf")
    found, _ = read(save(doc, tmp_path / "ep.pdf"))
    assert any(SSN in s.text and "attached PDF page 1" in s.where for s in found)


def add_object(doc: pymupdf.Document, source: str) -> int:
    xref = doc.get_new_xref()
    doc.update_object(xref, source)
    return xref


def test_document_javascript_open_action_and_launch(tmp_path):
    doc = page_doc()
    cat = doc.pdf_catalog()
    named = add_object(doc, "<< /S /JavaScript /JS (var ssn = '111-11-1111';) >>")
    doc.xref_set_key(cat, "Names", f"<< /JavaScript << /Names [ (init) {named} 0 R ] >> >>")
    stream = add_object(doc, "<< >>")
    doc.update_stream(stream, b"app.alert('opening 222-22-2222');")
    doc.xref_set_key(cat, "OpenAction", f"<< /S /JavaScript /JS {stream} 0 R >>")
    doc.xref_set_key(
        doc[0].xref, "AA", "<< /O << /S /Launch /F (C:\\\\cases\\\\roe-333-33-3333.exe) >> >>"
    )
    add_text_field(doc[0], "total", "", script="AFNumber_Format(2); // 444-44-4444")
    found, problems = read(save(doc, tmp_path / "j.pdf"))
    scripts = {s.where: s.text for s in found if s.surface == "javascript"}
    joined = "\n".join(scripts.values())
    for planted in ("111-11-1111", "222-22-2222", "roe-333-33-3333.exe", "444-44-4444"):
        assert planted in joined
    assert any(w.startswith("document-level JavaScript 1") for w in scripts)
    assert any("/OpenAction" in w for w in scripts)
    assert any(w.startswith("page 1 /AA /O") for w in scripts)
    assert any(w.startswith("page 1 Widget annotation") and "/AA" in w for w in scripts)
    js = [p for p in problems if p.kind == "javascript"]
    assert len(js) == 4 and {p.severity for p in js} == {SEVERITY_FIX}
    assert any("launches a program" in p.detail and p.page == 1 for p in js)
    assert_no_value_in_details(problems, "111-11-1111", "222-22-2222", "333-33-3333")


def test_escaped_names_do_not_hide_a_script(tmp_path):
    doc = page_doc()
    doc.xref_set_key(
        doc.pdf_catalog(),
        "OpenAction",
        "<< /S /JavaScript /JS (app.alert('hidden 999-88-7777');) >>",
    )
    raw = doc.tobytes(expand=True)
    raw = raw.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS", b"/J#53")
    assert b"/JS" not in raw and b"/JavaScript" not in raw
    with pymupdf.open(stream=raw, filetype="pdf") as pdf:
        found, problems = read_surfaces(pdf, raw, "escaped.pdf")
    assert "999-88-7777" in texts(found, "javascript")
    assert "javascript" in kinds(problems, SEVERITY_FIX)


def test_open_action_to_a_page_is_only_a_note(tmp_path):
    doc = page_doc()
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"[ {doc[0].xref} 0 R /Fit ]")
    _, problems = read(save(doc, tmp_path / "o.pdf"))
    assert [(p.kind, p.severity) for p in problems] == [("javascript", SEVERITY_NOTE)]


@pytest.mark.parametrize(
    "action, kind, severity, words",
    [
        ("<< /S /JavaScript /JS (this.print();) >>", "javascript", SEVERITY_FIX, "JavaScript"),
        (
            "<< /S /Launch /Win << /F (cmd.exe) /P (/c del) >> >>",
            "javascript",
            SEVERITY_FIX,
            "launches",
        ),
        (
            "<< /S /SubmitForm /F (https://collect.example/roe) >>",
            "javascript",
            SEVERITY_FIX,
            "submits form data",
        ),
        ("<< /S /ImportData /F (roe-data.fdf) >>", "javascript", SEVERITY_FIX, "imports data"),
        (
            "<< /S /GoToE /T << /R /C /N (exhibit.pdf) >> >>",
            "javascript",
            SEVERITY_FIX,
            "embedded file",
        ),
        (
            "<< /S /URI /URI (https://court.example/roe) >>",
            "annotation",
            SEVERITY_NOTE,
            "web address",
        ),
        ("<< /S /GoTo /D [ 0 /Fit ] >>", None, None, ""),
    ],
)
def test_link_actions(tmp_path, action, kind, severity, words):
    doc = page_doc()
    add_object(doc, "<< >>")  # keep numbering stable
    link = add_object(
        doc, f"<< /Type /Annot /Subtype /Link /Rect [ 72 700 200 720 ] /A {action} >>"
    )
    doc.xref_set_key(doc[0].xref, "Annots", f"[ {link} 0 R ]")
    found, problems = read(save(doc, tmp_path / "link.pdf"))
    assert [(p.kind, p.severity, p.page) for p in problems] == (
        [(kind, severity, 1)] if kind else []
    )
    assert all(words in p.detail for p in problems)
    if kind == "javascript":
        assert any(s.surface == "javascript" and s.page == 1 for s in found)


def test_media_annotation_is_a_fix(tmp_path):
    doc = page_doc()
    screen = add_object(doc, "<< /Type /Annot /Subtype /Screen /Rect [ 72 500 300 700 ] >>")
    doc.xref_set_key(doc[0].xref, "Annots", f"[ {screen} 0 R ]")
    _, problems = read(save(doc, tmp_path / "media.pdf"))
    assert [(p.kind, p.severity) for p in problems] == [("media", SEVERITY_FIX)]


def test_field_values_on_no_page_and_xfa_data(tmp_path):
    doc = page_doc()
    field = add_object(doc, "<< /FT /Tx /T (orphan) /V (SSN 555-66-7777) >>")
    xfa = add_object(doc, "<< >>")
    doc.update_stream(
        xfa,
        b"<xfa:datasets><data><ssn>888-99-0000</ssn><name>J. R&amp;R</name></data></xfa:datasets>",
    )
    doc.xref_set_key(doc.pdf_catalog(), "AcroForm", f"<< /Fields [ {field} 0 R ] /XFA {xfa} 0 R >>")
    found, problems = read(save(doc, tmp_path / "form.pdf"))
    assert "SSN 555-66-7777" in texts(found, "form_field")
    assert "888-99-0000 J. R&R" in texts(found, "form_field")
    details = [p.detail for p in problems if p.kind == "form_field" and p.severity == SEVERITY_FIX]
    assert any("XFA" in d for d in details) and any("belong to no page" in d for d in details)


def test_unreferenced_embedded_file_and_image_xmp(tmp_path):
    doc = page_doc()
    stray = add_object(doc, "<< /Type /EmbeddedFile >>")
    doc.update_stream(stray, f"left behind: {SSN}".encode())
    xmp = add_object(doc, "<< /Type /Metadata /Subtype /XML >>")
    doc.update_stream(xmp, XMP.encode())
    doc.xref_set_key(
        doc.pdf_catalog(), "Dests", f"<< /Roe-exhibit-{SSN} [ {doc[0].xref} 0 R /Fit ] >>"
    )
    path = tmp_path / "stray.pdf"
    doc.save(path)  # no garbage collection: unreferenced objects stay
    found, problems = read(path)
    assert f"left behind: {SSN}" in texts(found, "attachment")
    assert any(s.where == f"XMP (object {xmp}) dc:creator" and s.text == "John Doe" for s in found)
    assert f"Roe-exhibit-{SSN}" in texts(found, "bookmark")
    assert {("attachment", SEVERITY_FIX), ("metadata", SEVERITY_FIX)} <= {
        (p.kind, p.severity) for p in problems
    }


# ---------------------------------------------------------------- encryption, layers, structure


@pytest.mark.parametrize("user_password", ["", "open-sesame"])
def test_encrypted_file_is_a_fix(tmp_path, user_password):
    doc = page_doc()
    doc.save(
        tmp_path / "enc.pdf",
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        owner_pw="owner",
        user_pw=user_password,
    )
    raw = (tmp_path / "enc.pdf").read_bytes()
    with pymupdf.open(stream=raw, filetype="pdf") as pdf:
        if user_password:
            assert pdf.authenticate(user_password)
        _, problems = read_surfaces(pdf, raw, "enc.pdf")
    [enc] = [p for p in problems if p.kind == "encrypted"]
    assert enc.severity == SEVERITY_FIX and "AES" in enc.detail
    assert "unreadable_part" not in kinds(problems)


def test_password_protected_file_is_read_once_authenticated(tmp_path):
    doc = page_doc("Visible body text.")
    doc[0].insert_text(
        (72, 120), f"Internal note: SSN {SSN}", oc=doc.add_ocg("Draft notes", on=False)
    )
    doc[0].add_text_annot((100, 200), "Comment naming Jane Roe")
    doc.save(
        tmp_path / "enc.pdf",
        encryption=pymupdf.PDF_ENCRYPT_AES_256,
        owner_pw="owner",
        user_pw="user",
    )
    raw = (tmp_path / "enc.pdf").read_bytes()
    with pymupdf.open(stream=raw, filetype="pdf") as pdf:
        assert pdf.authenticate("user")
        found, problems = read_surfaces(pdf, raw, "enc.pdf")
    assert "Draft notes" in texts(found, "optional_content")
    assert f"Internal note: SSN {SSN}" in texts(found, "optional_content")
    assert "Comment naming Jane Roe" in texts(found, "annotation")
    assert {"encrypted", "optional_content", "annotation"} <= kinds(problems, SEVERITY_FIX)


def test_hidden_layer_names_and_text(tmp_path):
    doc = page_doc("Visible body text.")
    hidden = doc.add_ocg("Draft notes", on=False)
    shown = doc.add_ocg("Letterhead", on=True)
    doc[0].insert_text((72, 120), f"Internal note: SSN {SSN}", oc=hidden)
    doc[0].insert_text((72, 140), "Firm letterhead", oc=shown)
    found, problems = read(save(doc, tmp_path / "ocg.pdf"))
    layers = [s for s in found if s.surface == "optional_content"]
    assert {s.text for s in layers if "name" in s.where} == {"Draft notes", "Letterhead"}
    assert any(s.where == "layer 1 (hidden) name" and s.text == "Draft notes" for s in layers)
    [hidden_text] = [s for s in layers if s.where.startswith("hidden layer text")]
    assert hidden_text.text == f"Internal note: SSN {SSN}" and hidden_text.page == 1
    [layer_problem] = [p for p in problems if p.kind == "optional_content"]
    assert layer_problem.severity == SEVERITY_FIX and "1 of 2" in layer_problem.detail


def test_layers_all_shown_are_a_note(tmp_path):
    doc = page_doc()
    doc[0].insert_text((72, 120), "Letterhead", oc=doc.add_ocg("Letterhead", on=True))
    _, problems = read(save(doc, tmp_path / "ocg.pdf"))
    assert [(p.kind, p.severity) for p in problems] == [("optional_content", SEVERITY_NOTE)]


def test_structure_alternate_text_and_page_labels(tmp_path):
    doc = page_doc()
    page_xref = doc[0].xref
    element = add_object(doc, f"<< /Type /StructElem /S /Figure /Pg {page_xref} 0 R "
                         f"/Alt (Photo of Jane Roe, SSN {SSN}) >>")  # fmt: skip
    root = add_object(doc, f"<< /Type /StructTreeRoot /K [ {element} 0 R ] >>")
    doc.xref_set_key(doc.pdf_catalog(), "StructTreeRoot", f"{root} 0 R")
    doc.set_page_labels(
        [{"startpage": 0, "prefix": "Roe-Exhibit-", "style": "D", "firstpagenum": 1}]
    )
    found, problems = read(save(doc, tmp_path / "s.pdf"))
    [alt] = [s for s in found if s.surface == "structure" and s.where.endswith("/Alt")]
    assert alt.text == f"Photo of Jane Roe, SSN {SSN}" and alt.page == 1
    assert "Roe-Exhibit-" in texts(found, "structure")
    assert [(p.kind, p.severity) for p in problems] == [("structure", SEVERITY_NOTE)]


# ---------------------------------------------------------------- revisions


def removed_by_update(tmp_path) -> Path:
    """A filing whose second revision redacted a sentence: the first still holds it."""
    path = tmp_path / "inc.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "The motion is granted in part.")
    page.insert_text((72, 100), f"Plaintiff Jane Roe, SSN {SSN}, lives at 12 Elm Street.")
    page.insert_text((72, 128), "Dated this first day of May.")
    doc.set_toc([[1, "Order concerning Jane Roe", 1]])
    save(doc, path)
    doc = pymupdf.open(path)
    page = doc[0]
    for rect in page.search_for(f"Plaintiff Jane Roe, SSN {SSN}, lives at 12 Elm Street."):
        page.add_redact_annot(rect, fill=(0, 0, 0))
    page.apply_redactions()
    doc.set_toc([[1, "Order", 1]])
    doc.save(path, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
    doc.close()
    return path


def test_incremental_update_recovers_the_removed_sentence(tmp_path):
    path = removed_by_update(tmp_path)
    assert len(revision_ends(path.read_bytes())) == 2
    found, problems = read(path)
    [old] = [
        s
        for s in found
        if s.surface == "incremental_update" and s.where == "revision 1 of 2, page 1"
    ]
    assert old.text == f"Plaintiff Jane Roe, SSN {SSN}, lives at 12 Elm Street."
    assert old.page == 1 and old.bbox is not None
    assert any(s.text == "Order concerning Jane Roe" and "bookmark 1" in s.where
               for s in found if s.surface == "incremental_update")  # fmt: skip
    assert "granted" not in texts(found, "incremental_update")  # what stayed is not repeated
    [update] = [p for p in problems if p.kind == "incremental_update"]
    assert update.severity == SEVERITY_FIX and "2 revisions" in update.detail


def test_update_that_only_adds_a_comment_repeats_no_page_text(tmp_path):
    path = tmp_path / "signed.pdf"
    save(page_doc(f"Body text naming SSN {SSN}."), path)
    doc = pymupdf.open(path)
    doc[0].add_text_annot((100, 100), "Reviewed")
    doc.save(path, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
    doc.close()
    found, problems = read(path)
    assert [s for s in found if s.surface == "incremental_update"] == []
    assert ("incremental_update", SEVERITY_FIX) in {(p.kind, p.severity) for p in problems}


@pytest.mark.parametrize(
    "before, after, gone",
    [
        ("a b c d e", "a b e", ["c d"]),
        ("Line 5 of page 4 Line 6 of page 4", "Line 6 of page 4", ["Line 5 of page 4"]),
        ("SSN 123-45-6789 is here", "SSN XXX-XX-6789 is here", ["123-45-6789"]),
        ("same words", "same words", []),
        ("x y", "", ["x y"]),
    ],
)
def test_vanished_word_runs(before, after, gone):
    words = [(w, (float(i), 0.0, i + 1.0, 1.0)) for i, w in enumerate(before.split())]
    runs = surfaces._vanished(words, after.split())
    assert [text for text, _ in runs] == gone


def test_revision_counting(tmp_path):
    path = removed_by_update(tmp_path)
    raw = path.read_bytes()
    first, second = revision_ends(raw)
    assert second == len(raw) and raw[:first].rstrip().endswith(b"%%EOF")
    with pikepdf.open(path) as pdf:  # written whole, with cross-reference streams, then linearized
        pdf.save(tmp_path / "whole.pdf", object_stream_mode=pikepdf.ObjectStreamMode.generate)
        pdf.save(tmp_path / "linear.pdf", linearize=True)
    assert len(revision_ends((tmp_path / "whole.pdf").read_bytes())) == 1
    assert len(revision_ends((tmp_path / "linear.pdf").read_bytes())) == 1
    assert revision_ends(raw + b"% (startxref 3 %%EOF)\n") == [first, second]  # points at no table
    shifted = b"junk before the header\n" + raw  # offsets then count from %PDF
    assert len(revision_ends(shifted)) == 2
    assert revision_ends(b"not a pdf") == [9]


# ---------------------------------------------------------------- plain files, hostile files, speed


def test_plain_pdf_has_no_fix_problems(tmp_path):
    doc = page_doc("UNITED STATES DISTRICT COURT\nEASTERN DISTRICT OF CALIFORNIA")
    found, problems = read(save(doc, tmp_path / "plain.pdf"))
    assert kinds(problems, SEVERITY_FIX) == set()
    assert {s.surface for s in found} <= {"metadata"}


def test_real_court_pdfs_read_without_unreadable_parts():
    fixtures = sorted((SHARED / "fixtures" / "xray").glob("*.pdf"))
    assert fixtures
    for path in fixtures:
        _, problems = read(path)
        assert "unreadable_part" not in kinds(problems), path.name
    expected = json.loads((SHARED / "fixtures" / "xray" / "EXPECTED.json").read_text())
    assert expected  # the fixtures are the real, shared set


def test_corrupt_object_is_reported_not_raised(tmp_path):
    doc = page_doc()
    doc.set_toc([[1, "Intro", 1]])
    doc.set_metadata({"author": f"Jane Roe {SSN}"})
    raw = doc.tobytes(expand=True, no_new_id=True)
    broken = raw.replace(b"/Title(Intro)>>", b"/Title(Intro>>)")
    assert broken != raw and len(broken) == len(raw)
    with pymupdf.open(stream=broken, filetype="pdf") as pdf:
        found, problems = read_surfaces(pdf, broken, "broken.pdf")
    unreadable = [p for p in problems if p.kind == "unreadable_part"]
    assert unreadable and {p.severity for p in unreadable} == {SEVERITY_FIX}
    assert any("bookmarks" in p.detail for p in unreadable)
    assert f"Jane Roe {SSN}" in texts(found, "metadata")  # the other parts are still read


def test_a_failing_part_does_not_stop_the_others(tmp_path, monkeypatch):
    doc = page_doc()
    doc.set_toc([[1, f"Records {SSN}", 1]])
    path = save(doc, tmp_path / "b.pdf")

    def explode(self):
        raise MemoryError(f"boom {SSN}")

    monkeypatch.setattr(surfaces._Reader, "read_info", explode)
    found, problems = read(path)
    [part] = [p for p in problems if p.kind == "unreadable_part"]
    assert "document information" in part.detail and SSN not in part.detail
    assert f"Records {SSN}" in texts(found, "bookmark")


@pytest.mark.parametrize(
    "source, expected",
    [
        (
            "<</Type/Annot/Rect[1 2.5 -3 4]/T(a\\(b\\)c)>>",
            {"Type": "Annot", "Rect": [1, 2.5, -3, 4], "T": "a(b)c"},
        ),
        ("[12 0 R 7 (x) /N#20ame true null]", [Ref(12), 7, "x", "N ame", True, None]),
        ("<FEFF00DC006E>", "Ün"),
        ("(\\101\\102C\\\nD\\n)", "ABCD\n"),
        ("(nested (parens) ok)", "nested (parens) ok"),
        ("<</A<</S/JavaScript/JS 9 0 R>>>>", {"A": {"S": "JavaScript", "JS": Ref(9)}}),
    ],
)
def test_parse_object(source, expected):
    value = parse_object(source)
    assert value == expected
    if isinstance(value, dict) and "Type" in value:
        assert isinstance(value["Type"], Name) and not isinstance(value["T"], Name)


@pytest.mark.parametrize(
    "source", ["<</A (open", "<</A>>", "[1 2", "<<(key) 1>>", ")", "[" * 200 + "]" * 200]
)
def test_parse_object_rejects_malformed_objects(source):
    with pytest.raises(ValueError):
        parse_object(source)


def test_five_hundred_plain_pages_read_fast(tmp_path):
    doc = pymupdf.open()
    for n in range(500):
        doc.new_page().insert_text(
            (72, 72), f"Page {n + 1} of a long filing with ordinary body text."
        )
    doc.set_metadata({"producer": "Word"})
    path = save(doc, tmp_path / "long.pdf")
    raw = path.read_bytes()
    with pymupdf.open(stream=raw, filetype="pdf") as pdf:
        start = time.perf_counter()
        _, problems = read_surfaces(pdf, raw, str(path))
        elapsed = time.perf_counter() - start
    assert kinds(problems, SEVERITY_FIX) == set()
    assert elapsed < 1.0, f"{elapsed:.2f} s for 500 pages"
