"""The public record stays, only the private goes: roles, zones and document-level resolution.

Each row is laid out as a court paper lays it out (a clerk's letter, counsel's
block, a caption, a deposition's appearances) in a small PDF the test makes,
and says what must stay public and what must still be found. The last test
runs ``check`` on every real court PDF of ``shared/fixtures/real``: nothing
there is private, so nothing may be reported but the values truth.json calls
arguable.
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from redactor.check import check_file
from redactor.detect import detect, detect_text
from redactor.ingest import load
from redactor.model import SurfaceText
from redactor.plan import make_plan

REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real"


def _pdf(
    tmp_path: Path, pages: list[str], name: str = "f.pdf", metadata: dict | None = None
) -> str:
    """A PDF with one page of plain lines per text (blank lines kept as space)."""
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=612, height=792)
        y = 60.0
        for line in text.split("\n"):
            if line.strip():
                page.insert_text((72, y), line, fontsize=10)
            y += 13
    if metadata:
        doc.set_metadata(metadata)
    path = tmp_path / name
    doc.save(path)
    return str(path)


def _check(path: str):
    result = check_file(path)
    return {(" ".join(f.text.split()), f.category) for f in result.findings}, {
        (" ".join(f.text.split()), f.category) for f in result.kept
    }


CLERK_LETTER = """UNITED STATES COURT OF APPEALS
FOR THE ELEVENTH CIRCUIT
Rosalind P. Ambrose
Clerk
56 FORSYTH STREET, N.W.
ATLANTA, GEORGIA 30303
Tel. (404) 335-6100
www.ca11.uscourts.gov
Filed: March 3, 2022

Ms. Odette Villanueva
Villanueva & Pratt LLP
1200 Grant Avenue
Suite 400
Savannah, GA 31401
Mr. Desmond K. Achebe
Office of the Federal Public Defender
75 Ellis Street
Augusta, GA 30901

Re: Case No. 22-10456, Harlan Boatworks v. Teodora Vance
Dear Counsel:
The appeal has been docketed. Inquiries regarding this case may be directed to 404-335-6125.

Sincerely,
s/Lucinda M. Farrow
Deputy Clerk
Direct Dial No. 404-335-6131
cc: Mr. Bartholomew Quist
Enclosure"""


def test_a_clerks_letter_is_public_record(tmp_path):
    found, kept = _check(_pdf(tmp_path, [CLERK_LETTER]))
    assert found == set(), found
    kept_text = {t for t, _ in kept}
    for public in (
        "56 FORSYTH STREET, N.W.",
        "Tel. (404) 335-6100",
        "Ms. Odette Villanueva",
        "Villanueva & Pratt LLP",
        "s/Lucinda M. Farrow",
        "cc: Mr. Bartholomew Quist",
    ):
        assert public in kept_text, public
    assert ("Rosalind P. Ambrose", "COURT_STAFF") in kept


def test_one_decision_the_clerks_phone_is_never_planned(tmp_path):
    """check lists the court's phone as kept; redact plans nothing over it, wherever it stands."""
    text = CLERK_LETTER.replace("404-335-6125", "(404) 335-6100")
    doc = load(_pdf(tmp_path, [text]))
    findings = detect(doc)
    plan = make_plan(doc, findings)
    assert plan.redactions == []
    assert any(f.category == "COURT" and "335-6100" in f.text for f in findings)


COUNSEL_COVER = """No. 21-55120
IN THE UNITED STATES COURT OF APPEALS
FOR THE NINTH CIRCUIT
MARISOL QUINTERO, et al.,
Plaintiffs-Appellees,
v.
CITY OF ALDERWOOD,
Defendant-Appellant.
OPENING BRIEF
TOBIAS WREN
twren@wrenlegal.com
WREN & OKONJO LLP
48 Harbor Street, 3rd Floor
Oakland, CA 94607
Telephone: (510) 555-2381
Counsel for Plaintiffs-Appellees

PRIYA DESHMUKH
pdeshmukh@dojlaw.org
OFFICE OF THE CITY ATTORNEY
200 Civic Plaza
Alderwood, CA 95020
Direct: (408) 555-7710"""


def test_counsel_blocks_on_a_brief_cover_are_public(tmp_path):
    found, kept = _check(_pdf(tmp_path, [COUNSEL_COVER]))
    assert found == set(), found
    assert ("twren@wrenlegal.com", "COUNSEL_EMAIL") in kept
    assert ("OFFICE OF THE CITY ATTORNEY", "FIRM") in kept
    assert ("Direct: (408) 555-7710", "COUNSEL_PHONE") in kept


def test_a_private_addressee_under_a_firms_letterhead_is_still_private(tmp_path):
    letter = """LAW OFFICES OF GRETA HOLM
900 Capitol Mall, Suite 1200
Sacramento, CA 95814
(916) 555-4410

Consuelo Ibarra
2231 Larkspur Drive
Fresno, CA 93721
Dear Ms. Ibarra:
We write about your claim."""
    found, kept = _check(_pdf(tmp_path, [letter]))
    assert ("2231 Larkspur Drive Fresno, CA 93721", "ADDRESS") in found or any(
        c == "ADDRESS" and "Larkspur" in t for t, c in found
    ), found
    assert not any("Capitol Mall" in t for t, _ in found)


def test_a_customer_list_is_still_private():
    text = """Customer Contact List Produced by Ridgeline Benefits, Inc.
Customer
Address
Telephone

Elif Kaur
1531 Cedar Street
Fremont, CA 94538
(916) 922-2314
kaureli@gmail.com"""
    found = {(text[s.start : s.end], s.category) for s in detect_text(text) if s.private}
    assert ("(916) 922-2314", "PHONE") in found
    assert ("kaureli@gmail.com", "EMAIL") in found


ADULT_PARTY = """IN THE UNITED STATES DISTRICT COURT
FOR THE DISTRICT OF KANSAS
LEONARDO CALDERON-FUENTES,
Plaintiff,
v.
PRAIRIE FREIGHT LINES, INC.,
Defendant.
MEMORANDUM AND ORDER
Plaintiff Leonardo Calderon-Fuentes worked as a driver. Calderon-Fuentes was interviewed
by the dispatcher, and the witness Harriet Mbeki testified that she saw the accident.
Kenneth M. Switzer, Chief Judge"""


def test_adult_parties_and_judges_are_public_on_every_mention():
    spans = detect_text(ADULT_PARTY)
    private = {(ADULT_PARTY[s.start : s.end], s.category) for s in spans if s.private}
    public = {(ADULT_PARTY[s.start : s.end], s.category) for s in spans if not s.private}
    assert not any("Calderon" in t for t, _ in private), private
    assert ("Kenneth M. Switzer", "JUDGE") in public
    assert ("Harriet Mbeki", "PERSON") in private  # a private witness is still found


@pytest.mark.parametrize(
    "text, judge",
    [
        ("Before Barksdale, Stewart, and Dennis, Circuit Judges.\nPer Curiam:", "Stewart"),
        ("ORDERED this 3rd day of May.\nDelia R. Hanratty, Commissioner", "Delia R. Hanratty"),
        ("Heard before Hearing Officer Amadou Keita on May 3.", "Amadou Keita"),
        ("Opinion by Justice Marguerite Olander.", "Marguerite Olander"),
    ],
)
def test_judges_by_every_title(text, judge):
    public = {(text[s.start : s.end], s.category) for s in detect_text(text) if not s.private}
    assert (judge, "JUDGE") in public, public


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("This MDL involves personal injury cases brought against the maker.", "injury"),
        ("Plaintiffs claim the filters caused them to suffer serious injury or death.", "injury"),
        ("The employer filed a First Report of Injury and paid for medical care.", "Injury"),
    ],
)
def test_the_laws_injury_is_not_a_persons_condition(text, phrase):
    assert not any(s.category == "MEDICAL" for s in detect_text(text) if s.private)


def test_a_persons_injury_is_still_medical():
    text = "Ms. Ruiz was treated at the hospital for a head injury and a fractured wrist."
    found = {
        text[s.start : s.end] for s in detect_text(text) if s.private and s.category == "MEDICAL"
    }
    assert any("injury" in f for f in found) and any("fractured wrist" in f for f in found)


@pytest.mark.parametrize(
    "text, value",
    [
        ("For IT issues contact our Solutions Center at 1-888-735-3470.", "1-888-735-3470"),
        ("Employer's address\n1000 Remington Blvd, Suite 110\nMonee, IL 60449", "Remington"),
        (
            "Berkshire is a corporation with its principal place of business located\n"
            "at 700 South Street, Pittsfield, Massachusetts 01201.",
            "700 South",
        ),
    ],
)
def test_a_business_contact_is_not_a_persons(text, value):
    assert not any(value in text[s.start : s.end] for s in detect_text(text) if s.private)


def test_deposition_appearances_are_counsel():
    text = (
        "·1· · · · · · · APPEARANCES OF COUNSEL\n·2\n·3· ·For the Plaintiff:\n"
        "·4· · ·THE HALVORSEN LAW OFFICE\n· · · ·INGRID T. HALVORSEN, ESQ.\n"
        "·5· · ·1734 Elm Crest Road\n· · · ·Suite 210\n· · · ·Rockville, MD 20850\n"
        "·6· · ·T-240.555.8829\n· · · ·E-ihalvorsen@halvorsenlaw.com\n"
        "RHEA K. DOMINGO, CSR, RMR, CRR (510) 555-7228"
    )
    assert [text[s.start : s.end] for s in detect_text(text) if s.private] == []


METADATA = [
    ("Info /Producer", "Acrobat Distiller 10.1.16 (Windows)", None),
    ("Info /Creator", "Microsoft Word", None),
    ("XMP (object 24) dc:title", "Palatino Linotype", None),
    ("XMP xmp:CreatorTool", "Quartz PDFContext", None),
    ("Info /Author", "Winifred Castellano", "Winifred Castellano"),
    ("Info /Title", "Microsoft Word - Order Granting Prelim Injunction.docx", None),
]


@pytest.mark.parametrize("where, text, name", METADATA)
def test_metadata_software_is_never_a_person(tmp_path, where, text, name):
    doc = load(_pdf(tmp_path, ["ORDER\nThe motion is granted."]))
    doc.surfaces = [SurfaceText("metadata", where, text)]
    found = [f for f in detect(doc) if f.private]
    if name is None:
        assert found == [], found
    else:
        assert [(f.text, f.category) for f in found] == [(name, "METADATA_NAME")]


def test_an_author_who_signs_the_filing_is_public(tmp_path):
    page = "Respectfully submitted,\n/s/ Matthew P. Kralovec\nCounsel for Appellant"
    doc = load(_pdf(tmp_path, [page]))
    doc.surfaces = [SurfaceText("metadata", "Info /Author", "Matt Kralovec")]
    assert [f for f in detect(doc) if f.private] == []


def test_a_scanned_exhibit_with_a_live_ecf_header_is_read_and_redacted(tmp_path):
    """Images cover the page and the live text is only the CM/ECF stamp: the words in the
    pixels are found by OCR, and the public copy keeps the stamp."""
    from redactor.redact import redact_file

    src = pymupdf.open()
    p = src.new_page(width=612, height=792)
    p.insert_text((72, 150), "Declaration of Maria Ortega", fontsize=16)
    p.insert_text((72, 200), "Social Security No. 523-45-6789", fontsize=14)
    pix = p.get_pixmap(dpi=200)
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_image(page.rect, pixmap=pix)
    page.insert_text(
        (40, 20), "Case 2:20-cv-01234-KJM-DB Document 12 Filed 01/02/20 Page 3 of 10", fontsize=8
    )
    path = tmp_path / "exhibit.pdf"
    doc.save(path)
    result = check_file(str(path))
    assert ("523-45-6789", "SSN") in {(f.text, f.category) for f in result.findings}
    assert result.document.pages[0].ocr and result.document.pages[0].scanned
    out = tmp_path / "public.pdf"
    redact_file(str(path), str(out))
    with pymupdf.open(out) as public:
        text = public[0].get_text()
    assert "523-45-6789" not in text and "Case 2:20-cv-01234-KJM-DB" in text


def _real_files():
    if not (REAL / "truth.json").exists():
        return []
    truth = json.loads((REAL / "truth.json").read_text())["files"]
    return [pytest.param(name, entry, id=name) for name, entry in sorted(truth.items())]


@pytest.mark.parametrize("name, truth", _real_files())
def test_a_real_court_paper_reports_no_public_record(name, truth):
    """Clerks' letters, notices, opinions, orders, a brief, scans: nothing private in them."""
    result = check_file(str(REAL / name))
    allowed = [" ".join(v.split()).casefold() for v in truth["arguable"] + truth["private"]]
    wrong = [
        (f.page, f.category, f.text)
        for f in result.findings
        if not any(a in " ".join(f.text.split()).casefold() for a in allowed)
    ]
    assert wrong == []
