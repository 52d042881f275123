"""The court's own papers and counsel's correspondence: what stays public, what is still found.

Each row is written as these papers are written (a letterhead set at the foot of
the page, a service list of "Name (e-mail)" lines, a caption's party list that
wraps down to "10,", a memorandum that calls a witness by the family name after
one full mention, a scanned incident report read by OCR), and says what detection
must keep as public record and what it must still report as private.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from redactor.check import check_file
from redactor.detect import detect_text


def _private(text: str) -> set[tuple[str, str]]:
    return {(text[s.start : s.end], s.category) for s in detect_text(text) if s.private}


def _public(text: str) -> set[tuple[str, str]]:
    return {(text[s.start : s.end], s.category) for s in detect_text(text) if not s.private}


# -- nothing private: the public record only --------------------------------------------
PUBLIC_ONLY = {
    "firm letterhead, phones set apart by spaces": """LAW OFFICES OF IAN A. DESAI
2722 Yucca Court, Suite 900, Phoenix, AZ 85016
Telephone 480.568.1224 Facsimile 480.509.3395

August 8, 2024""",
    "letterhead at the foot, joined by bars": """We write to confirm the deposition schedule.
cc: All counsel of record (via ECF)

779 Aspen Court | Visalia, California 93291
Phone: 559-578-0004 | www.huertalaw.com""",
    "the writer's direct dial under the date": """November 3, 2024
Via Electronic Mail
Direct Dial: (907) 775-2272
jahn@ahnlegal.com

Ishaan L. Jablonski, Esq.
OFFICE OF THE CITY ATTORNEY
2355 Canyon Oak Drive, Ste. 900
Ontario, California 91762""",
    "a court's whole name on one line, a courthouse named for people": """United States District Court Southern District of California
James M. Carter and Judith N. Keep United States Courthouse
333 West Broadway, Suite 420
San Diego, CA 92101

May 3, 2023
To All Parties:
Enclosed is the briefing schedule for this appeal.
Inquiries regarding this case may be directed to 619-740-7096.""",
    "a service list of 'Name (e-mail)' lines and a firm named 'The ... Firm'": """Counsel Served
Party Represented

Chiamaka E. Uchenna (cuchenna@uchennalegal.com)
Nkechi Bui (nkechi.bui@uchennalegal.com)
THE UCHENNA FIRM

Attorneys for Plaintiff DEEPA OSEI""",
    "an e-mail under its name in parentheses, a firm named with commas": """Rebecca S. Griffith
Khalid S. Fleming
(kfleming@griffithllp.com)
SILVA, FRIEDMAN & JOHANSSON
2787 Poplar Avenue
Seattle, WA 98118""",
    "where the hearing is held": """PLEASE TAKE NOTICE that on the date and at the time stated above, or as soon
thereafter as the matter may be heard, in the courtroom of the Honorable
Court at 450 Golden Gate Avenue, San Francisco, Plaintiff Laila Kelleher will and does
move for an order permitting the filing under seal of Exhibits A through C.""",
    "a proof of service's business and service addresses": """PROOF OF SERVICE
I am a resident of the State of California, over the age of 18 and not a party to this
action. My business address is 2086 Park Place, Suite 750, Oakland, CA 94610, and my
electronic service address is jroe@matsumoto-law.com.""",
}


@pytest.mark.parametrize("text", PUBLIC_ONLY.values(), ids=PUBLIC_ONLY.keys())
def test_the_public_record_of_papers_and_letters_stays(text):
    assert _private(text) == set()


def test_an_e_mail_at_an_offices_domain_is_the_offices():
    letter = """MATSUMOTO UEDA & ROBLES LLP
2472 Yosemite Avenue, Suite 1900
Long Beach, California 90804
Tel. (562) 375-7018

Please contact my assistant, Quentin Lachance, at (562) 375-7018 or
qlachance@matsumoto.com to confirm your attendance.
Respectfully,
/s/ Monica H. Matsumoto
Monica H. Matsumoto
mmatsumoto@matsumoto.com"""
    assert _private(letter) == set()
    # the same name and number at a webmail domain are someone's own
    own = letter.replace("qlachance@matsumoto.com", "qlachance@gmail.com").replace(
        "mmatsumoto@matsumoto.com", "mmatsumoto@gmail.com"
    )
    assert ("qlachance@gmail.com", "EMAIL") in _private(own)


def test_a_judge_in_a_captions_hearing_lines():
    for judge in ("Judge: Victor H. Nakamura", "Judge: Hon. Victor H. Nakamura"):
        text = f"Hearing Date: January 8, 2024\nTime: 9:00 a.m.\nCourtroom: 21\n{judge}\n"
        assert ("Victor H. Nakamura", "JUDGE") in _public(text)


CAPTION = """UNITED STATES DISTRICT COURT
EASTERN DISTRICT OF CALIFORNIA
VANESSA LAMB,
Plaintiff,
v.
REDWOOD CAPITAL SERVICING, LLC;
VALERIA IQBAL; and DOES 1 through
10,
Defendants.
Plaintiff Vanessa Lamb brings this action against Redwood Capital Servicing, LLC and
Deputy Valeria Iqbal. According to Lamb, Iqbal ordered Lamb out of the car; according
to Iqbal, Lamb refused to leave the vehicle. At deposition Iqbal conceded the point."""


def test_a_captions_party_list_that_wraps_and_ends_with_and_does():
    assert _private(CAPTION) == set()
    assert any("IQBAL" in t for t, c in _public(CAPTION) if c == "PARTY")


def test_parties_a_role_word_lists_and_a_possessive_in_capitals():
    text = """SERGIO CROWLEY,
Plaintiff,
v.
VALLEY CHILDREN'S MEDICAL
FOUNDATION, et al.,
Defendants.
Plaintiff Sergio Crowley and Defendants Valley Children's Medical Foundation and
Samuel Rahman, by and through their counsel of record, stipulate as follows: the
children of the witness are not named."""
    assert _private(text) == set()
    assert ("Samuel Rahman", "PARTY") in _public(text)


def test_a_sentence_under_a_declarants_signature_is_not_the_signer():
    text = "/s/ Jacob Ahn\nJacob Ahn\n\nA second account, number 8905-6056-4818, was closed before the events at issue.\n"
    assert ("8905-6056-4818", "ACCOUNT") in _private(text)


def test_an_identifier_is_no_offices_name():
    text = "______________________________\nNaomi C. Sinclair\nUnited States District Judge\n\nSSN 842-30-3628\n"
    assert ("842-30-3628", "SSN") in _private(text)


# -- private values that look like the public record's lines ------------------------------
FORMS = {
    "an intake form's home address on a street named Court": (
        "CLIENT INTAKE FORM\n\nName: Carlos Kelleher\nDate of Birth: 01/01/1992\n"
        "Home Address: 4374 Yucca Court\nBakersfield, CA 93309\nTelephone: (661) 596-0137\n",
        {
            ("4374 Yucca Court\nBakersfield, CA 93309", "ADDRESS"),
            ("(661) 596-0137", "PHONE"),
            ("Carlos Kelleher", "PERSON"),
        },
    ),
    "an incident report's 'FAMILY, Given' and its fields": (
        "INCIDENT REPORT\nReport No. 24-83500\n\nReporting Party: MBEKI, EMEKA\nDOB: 08/09/1952\n"
        "Phone: (602) 503-8664\nResidence: 6706 Pepper Tree Court, Phoenix, AZ 85016\n",
        {
            ("MBEKI, EMEKA", "PERSON"),
            ("08/09/1952", "DOB"),
            ("(602) 503-8664", "PHONE"),
            ("6706 Pepper Tree Court, Phoenix, AZ 85016", "ADDRESS"),
        },
    ),
    "a clinical record's assessment": (
        "VISIT SUMMARY\nSeen by: Dr. Alma Ruiz\nDOB: 02/21/1999\n\n.\nAssessment: asthma\n"
        "Plan: follow up in four weeks.\n",
        {("asthma", "MEDICAL"), ("02/21/1999", "DOB")},
    ),
    "a letter mailed to someone at home, read by OCR": (
        "Golden Valley Bank\nMember Services\n\nPriya Chakraborty\n247 Woodland Avenue\n\n"
        "Visalia, CA 93291\n\nDear Priya Chakraborty:\n\nOur records show your Social Security "
        "number as\n41 1-80-9237. Please call us.\n",
        {
            ("Priya Chakraborty", "PERSON"),
            ("247 Woodland Avenue", "ADDRESS"),
            ("41 1-80-9237", "SSN"),
        },
    ),
    "a birth date OCR read with a speck or without its blank": (
        "Patient: Rosa Ishikawa\nDOB:.02/21/1999\n\nReporting Party: SOLANO, FIORELLA\n"
        "DOB: February 15,1956\n",
        {("02/21/1999", "DOB"), ("February 15,1956", "DOB")},
    ),
}


@pytest.mark.parametrize("text, expected", FORMS.values(), ids=FORMS.keys())
def test_a_forms_fields_are_private(text, expected):
    found = _private(text)
    assert expected <= found, expected - found


# -- people named in full once, then by a short form -------------------------------------
def test_a_witness_by_testimony_and_the_short_form_after():
    text = (
        "Mancini filed this action on December 22, 2021. Elias Desai\nhad been sitting on a porch "
        "two houses down. At deposition Desai could not say whether the officer drew a weapon."
    )
    found = _private(text)
    assert ("Elias Desai", "PERSON") in found and ("Desai", "PERSON") in found


def test_an_account_given_by_a_witness():
    text = (
        "Defendants rely on the account of Hannah Lockhart, who arrived during the stop; "
        "Lockhart recalled that the plaintiff was shouting."
    )
    found = _private(text)
    assert ("Hannah Lockhart", "PERSON") in found and ("Lockhart", "PERSON") in found


def test_a_party_who_testifies_stays_public():
    text = "Plaintiff Ruben Diaz sued the city. At deposition Diaz conceded that he ran. Judge Ana Ortiz recalled the rule."
    assert _private(text) == set()


SHORT_FORMS = {
    "a passerby's family name": (
        "The encounter was recorded in part by a passerby, Quentin Vo, on a mobile telephone. "
        "Vo gave the recording to counsel the next morning.",
        {("Quentin Vo", "PERSON"), ("Vo", "PERSON")},
        set(),
    ),
    "a minor's given name": (
        "Zhao Trujillo, a minor who is Rossi's granddaughter, watched from the doorway. "
        "Zhao was 16 at the time.",
        {("Zhao Trujillo", "MINOR"), ("Zhao", "MINOR")},
        set(),
    ),
    "a child named as a party's son, then by the given name": (
        "Also in the vehicle was Marguerite Pham, Rahman's son, age 9. According to the "
        "complaint, Marguerite was frightened and began to cry.",
        {("Marguerite Pham", "MINOR"), ("Marguerite", "MINOR")},
        set(),
    ),
    "not a place's name that a private name shares": (
        "The list was produced by City of Vallejo. Ana Vallejo, a customer, called twice.",
        {("Ana Vallejo", "PERSON")},
        {"Vallejo"},
    ),
    "not a word the filing writes in lower case": (
        "A neighbor, Ana Young, saw it. Young said the young officer ran.",
        {("Ana Young", "PERSON")},
        {"Young"},
    ),
}


@pytest.mark.parametrize("text, found, not_found", SHORT_FORMS.values(), ids=SHORT_FORMS.keys())
def test_short_forms_of_a_private_person(text, found, not_found):
    private = _private(text)
    assert found <= private, found - private
    assert not {t for t, _ in private} & not_found


def test_a_companys_name_that_holds_a_role_word_is_no_role():
    text = (
        "Daniel I. Hall and Brian Rife, Bristol, Tennessee, for the employer-appellant, Morristown\n"
        "Driver's Services, Inc."
    )
    assert _private(text) == set()


# -- schools and organisations --------------------------------------------------------------
@pytest.mark.parametrize(
    "text, school",
    [
        ("The claim against Oak Park High School Boosters, Inc. fails.", None),
        ("He bought shares of the Foothill High Yield Income Fund in 2019.", None),
        ("Ana Diaz, a minor, attends Jefferson High.", "Jefferson High"),
        (
            "Ana Diaz, a minor, attends Jefferson High School and plays soccer.",
            "Jefferson High School",
        ),
    ],
)
def test_a_schools_name_and_an_organisations(text, school):
    found = {t for t, _ in _private(text) if t != "Ana Diaz"}  # a minor's school, or a minor's
    assert found == ({school} if school else set())


# -- on pages: the previous page's tail decides nothing for the page before ----------------
def test_the_previous_pages_tail_does_not_make_a_court_address_private(tmp_path: Path):
    """Page 2 is read with the last words of page 1 before it, for context; an address there
    whose own context was cut off must not turn the same address on page 1 private."""
    filler = "The parties met and conferred about the scope of the request and agreed on it. " * 3
    page1 = (
        "PLEASE TAKE NOTICE that the motion will be heard in the courtroom of the Honorable\n"
        "Court at 350 West 1st Street, Los Angeles, on the date stated above.\n" + filler
    )
    doc = pymupdf.open()
    for text in (page1, "The motion is made under the Federal Rules of Civil Procedure."):
        page = doc.new_page(width=612, height=792)
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 720), text, fontsize=11)
    path = tmp_path / "notice.pdf"
    doc.save(path)
    result = check_file(str(path))
    assert not [f for f in result.findings if f.category == "ADDRESS"], result.findings
