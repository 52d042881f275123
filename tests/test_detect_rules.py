"""Detection, detector by detector: tables of text that must be flagged and text that must stay.

Each row is a sentence as it appears in a filing, the exact words that must be
found (or must be left alone), and the category.
"""

import pytest

from redactor.detect import detect_text
from redactor.plan import Policy, Term


def private(text, **kw):
    return {(text[s.start : s.end], s.category) for s in detect_text(text, **kw) if s.private}


def public(text):
    return {(text[s.start : s.end], s.category) for s in detect_text(text) if not s.private}


def flagged_words(text, **kw):
    """Every character offset a private span covers."""
    return {i for s in detect_text(text, **kw) if s.private for i in range(s.start, s.end)}


MUST_FLAG = [
    ("Her SSN is 123-45-6780 on the form.", "123-45-6780", "SSN"),
    ("The intake form lists Ana Ruiz's date of birth as March 3, 1980.", "March 3, 1980", "DOB"),
    ("complainant Maria Lopez told the sergeant what she saw.", "Maria Lopez", "PERSON"),
    ("The report was made by Maria Lopez, a neighbor who saw the arrest.", "Maria Lopez", "PERSON"),
    ("Their neighbor, her son, age 12, Tommy Reyes, was home.", "Tommy Reyes", "MINOR"),
    (
        "At the time, Lily Okafor, who is 9 years old, was a student at Lincoln Middle School.",
        "Lily Okafor",
        "MINOR",
    ),
    (
        "At the time, Lily Okafor, who is 9 years old, was a student at Lincoln Middle School.",
        "Lincoln Middle School",
        "MINOR_SCHOOL",
    ),
    (
        "Dana Pruitt's medical records reflect a diagnosis of major depressive disorder.",
        "major depressive disorder",
        "MEDICAL",
    ),
    (
        "Records from Mercy General Hospital document chronic kidney disease.",
        "chronic kidney disease",
        "MEDICAL",
    ),
    (
        "Records from Mercy General Hospital document chronic kidney disease.",
        "Mercy General Hospital",
        "MEDICAL",
    ),
    (
        "Officer John Hartley, Badge No. 4521, was the subject of Internal Affairs investigation IA 2019-0042.",
        "John Hartley",
        "OFFICER_NAME",
    ),
    (
        "Officer John Hartley, Badge No. 4521, was the subject of Internal Affairs investigation IA 2019-0042.",
        "4521",
        "BADGE",
    ),
    (
        "Officer John Hartley, Badge No. 4521, was the subject of Internal Affairs investigation IA 2019-0042.",
        "2019-0042",
        "IA_CASE",
    ),
    (
        "The Internal Affairs investigation concluded with a ten-day suspension without pay.",
        "a ten-day suspension without pay",
        "IA_FINDING",
    ),
    (
        "The Internal Affairs investigation ended in a sustained finding of dishonesty.",
        "a sustained finding of dishonesty",
        "IA_FINDING",
    ),
    (
        "Officers went to the home at 1234 Elm Street, Sacramento, CA 95818 that night.",
        "1234 Elm Street, Sacramento, CA 95818",
        "ADDRESS",
    ),
    ("She can be reached on a personal cell phone at (916) 382-2121.", "(916) 382-2121", "PHONE"),
    (
        "The letter came from a private e-mail address, ana.ruiz@example.net.",
        "ana.ruiz@example.net",
        "EMAIL",
    ),
    (
        "The charges were billed to credit card number 4111 1111 1111 1111.",
        "4111 1111 1111 1111",
        "CARD",
    ),
    (
        "Statements for account 0012345678, routing number 121000358, are attached.",
        "121000358",
        "ROUTING",
    ),
]


@pytest.mark.parametrize("text, value, category", MUST_FLAG)
def test_must_flag(text, value, category):
    assert (value, category) in private(text)


MUST_KEEP = [
    # (text, words that must not be redacted, public category expected or None)
    (
        "Dated: May 2, 2023\n\nHon. Kimberly J. Mueller\nUnited States District Judge",
        "Kimberly J. Mueller",
        "JUDGE",
    ),
    ("KIMBERLY J. MUELLER\nCHIEF UNITED STATES DISTRICT JUDGE", "KIMBERLY J. MUELLER", "JUDGE"),
    (
        "The case was referred to Magistrate Judge Carolyn K. Delaney for findings.",
        "Carolyn K. Delaney",
        "JUDGE",
    ),
    (
        "Plaintiffs sued in Weaver v. City of Stockton, which is pending.",
        "Weaver v. City of Stockton",
        "CITATION",
    ),
    (
        "Plaintiff brings claims under 42 U.S.C. § 1983 for excessive force.",
        "42 U.S.C. § 1983",
        "STATUTE",
    ),
    ("No. 2:19-cv-00007-MCE-CKD", "2:19-cv-00007-MCE-CKD", "CASE_NUMBER"),
    ("Defendants moved for sanctions (ECF No. 36) in October.", "ECF No. 36", "CASE_NUMBER"),
    (
        "The hearing on the motion is set for hearing on June 5, 2024 at 9:00 a.m.",
        "June 5, 2024",
        "HEARING_DATE",
    ),
    ("Rosa Ibarra, Deputy Clerk", "Rosa Ibarra", "COURT_STAFF"),
    (
        "Kamakana v. City & County of Honolulu, 447 F.3d 1172, 1178 (9th Cir. 2006).",
        "Kamakana v. City & County of Honolulu",
        None,
    ),
]


@pytest.mark.parametrize("text, words, category", MUST_KEEP)
def test_public_record_is_kept(text, words, category):
    start = text.index(words)
    assert not flagged_words(text) & set(range(start, start + len(words)))
    if category:
        assert any(words in t or t in words for t, c in public(text) if c == category), public(text)


ATTORNEY_PAGE = """JANE M. ALVARADO (SBN 245810)
ALVARADO & REESE LLP
1200 K Street, Suite 800
Sacramento, CA 95814
Telephone: (916) 448-2200
Email: jalvarado@alvaradoreese.com
Attorneys for Plaintiff ROSA MENDEZ

UNITED STATES DISTRICT COURT
EASTERN DISTRICT OF CALIFORNIA

ROSA MENDEZ,
Plaintiff,
v.
CITY OF STOCKTON, et al.,
Defendants.

Plaintiff Rosa Mendez lives at 88 Ash Street, Elk Grove, CA 95758 and her cell is (209) 473-1180.

Respectfully submitted,
/s/ Jane M. Alvarado
JANE M. ALVARADO
Attorneys for Plaintiff
"""


def test_attorney_block_caption_and_signature_are_public_but_the_client_home_is_not():
    found = private(ATTORNEY_PAGE)
    kept = public(ATTORNEY_PAGE)
    for words in (
        "JANE M. ALVARADO (SBN 245810)",
        "1200 K Street, Suite 800",
        "(916) 448-2200",
        "jalvarado@alvaradoreese.com",
        "ROSA MENDEZ",
        "Rosa Mendez",
        "Jane M. Alvarado",
    ):
        start = ATTORNEY_PAGE.index(words)
        assert not flagged_words(ATTORNEY_PAGE) & set(range(start, start + len(words))), words
    assert {c for _, c in kept} >= {
        "BAR_NUMBER",
        "FIRM",
        "COUNSEL_ADDRESS",
        "COUNSEL_PHONE",
        "COUNSEL_EMAIL",
        "PARTY",
    }
    assert ("88 Ash Street, Elk Grove, CA 95758", "ADDRESS") in found
    assert ("(209) 473-1180", "PHONE") in found


def test_name_repeated_elsewhere_is_flagged_again():
    text = "The complainant, Maria Lopez, called twice. Later that week Ms. Lopez wrote a letter."
    found = private(text)
    assert ("Maria Lopez", "PERSON") in found
    assert ("Lopez", "PERSON") in found


def test_a_public_name_stays_public_everywhere():
    text = "Hon. Kimberly J. Mueller\nUnited States District Judge\n\nThe witness said Judge Mueller had ruled."
    assert not private(text)


def test_surface_text_flags_any_private_name():
    found = private("Comment: ask Gloria Esposito about the settlement", surface=True)
    assert ("Gloria Esposito", "PERSON") in found


def test_policy_terms_and_never():
    policy = Policy(
        terms=(Term("Acme customer list"), Term("Jane Roe", "MINOR")), never=("Maria Lopez",)
    )
    text = "The Acme customer list names Jane Roe. The complainant, Maria Lopez, objected."
    found = private(text, terms=policy.terms, never=policy.never)
    assert ("Acme customer list", "TERM") in found
    assert ("Jane Roe", "MINOR") in found
    assert not any(v == "Maria Lopez" for v, _ in found)


def test_words_without_context_are_left_alone():
    text = (
        "A strong presumption in favor of access is the starting point. The Court must still find "
        "that particularized harm will result from disclosure, and the treatment of the records is "
        "a matter of discretion. The motion was filed on March 3, 2020."
    )
    assert not private(text)


def test_detector_says_why():
    spans = [s for s in detect_text("Her SSN is 123-45-6780 on the form.") if s.private]
    assert spans and spans[0].detector.startswith("pattern:ssn/")
    assert "ssn" in spans[0].why


IA_PAGE = "Declaration re Internal Affairs Records.\nThe Internal Affairs investigation IA 2020-0113 is closed.\n"
CONFIDENTIAL_PAGE = "CONFIDENTIAL\nThe following list was produced under the Stipulated Protective Order (ECF No. 40).\n"

# Names with no role word beside them: a labelled line, a role word over a line break,
# a person described by "who" or an age, a name-shaped run in an internal-affairs file.
MUST_FLAG_NAMES = [
    ("PERSON: Odalys Ferreira\nDATE: March 3, 2021", "Odalys Ferreira", "PERSON"),
    ("Complainant: Odalys Ferreira", "Odalys Ferreira", "PERSON"),
    ("Witness:  ODALYS FERREIRA", "ODALYS FERREIRA", "PERSON"),
    ("Name: Odalys Ferreira", "Odalys Ferreira", "PERSON"),
    ("Minor: Tobiah Lindqvist", "Tobiah Lindqvist", "MINOR"),
    (IA_PAGE + "Subject Officer: Marisol Quintero", "Marisol Quintero", "OFFICER_NAME"),
    (
        "The call came at 9:00 p.m. Odalys Ferreira, a\ncustomer who called about the defect, asked for a refund.",
        "Odalys Ferreira",
        "PERSON",
    ),
    (
        "The records are attached as Exhibit A. Tobiah Lindqvist,\na minor, attends the school nearby.",
        "Tobiah Lindqvist",
        "MINOR",
    ),
    (
        "The complaint was made by\nOdalys Ferreira, who lives near the scene.",
        "Odalys Ferreira",
        "PERSON",
    ),
    (
        "At the time, Tobiah Lindqvist,\nwho is 14 years old, lived with his aunt.",
        "Tobiah Lindqvist",
        "MINOR",
    ),
    ("The photographs show Tobiah Lindqvist (age 9) at the door.", "Tobiah Lindqvist", "MINOR"),
    (
        IA_PAGE + "Odalys Ferreira submitted the citizen grievance that began the inquiry.",
        "Odalys Ferreira",
        "PERSON",
    ),
    (IA_PAGE + "Seo-yeon Trujillo filed the personnel complaint.", "Seo-yeon Trujillo", "PERSON"),
    ("Emeka Diallo, then a fourth grader at the school, saw it.", "Emeka Diallo", "MINOR"),
    (
        IA_PAGE + "The personnel complaint was lodged by Odalys\nFerreira in May.",
        "Odalys\nFerreira",
        "PERSON",
    ),
    (
        CONFIDENTIAL_PAGE + "Odalys Ferreira contacted the company twice.",
        "Odalys Ferreira",
        "PERSON",
    ),
    (
        "Her medical records describe a dislocated shoulder and ongoing treatment.",
        "a dislocated shoulder",
        "MEDICAL",
    ),
    ("Case 3:22-cv-00336-JLS-BGS\n\nSSN 641-66-3266\n\nPage 1 of 1", "641-66-3266", "SSN"),
]


@pytest.mark.parametrize("text, value, category", MUST_FLAG_NAMES)
def test_names_without_a_role_word_are_flagged(text, value, category):
    assert (value, category) in private(text)


# The public record in the same kinds of sentence: a judge described by "who", a party
# with an age, a cited case wrapped over a line, court staff, a title, a town, a company.
MUST_KEEP_NAMES = [
    (
        "Dated: May 2, 2023\nHon. Kimberly J. Mueller\nUnited States District Judge\n\n"
        "Kimberly J. Mueller, who presided, granted the motion.",
        "Kimberly J. Mueller, who",
    ),
    (
        "ROSA MENDEZ,\nPlaintiff,\nv.\nCITY OF STOCKTON, et al.,\nDefendants.\n\n"
        "Plaintiff Rosa Mendez, 42, was a witness to the search.",
        "Rosa Mendez",
    ),
    (
        CONFIDENTIAL_PAGE
        + "It identifies the patients who called. See Pioneer Elecs. (USA), Inc.\n"
        "v. Superior Court, 40 Cal. 4th 360, 370 (2007).",
        "Pioneer Elecs. (USA), Inc.\nv. Superior Court",
    ),
    (
        IA_PAGE
        + "The complaint is governed by Kamakana v. City & County of Honolulu, 447 F.3d 1172.",
        "Kamakana v. City & County of Honolulu",
    ),
    (
        IA_PAGE + "Rosa Ibarra, Deputy Clerk, who received the grievance, docketed it.",
        "Rosa Ibarra",
    ),
    (
        IA_PAGE + "Motion to File Documents Under Seal the Investigation Records",
        "File Documents Under Seal",
    ),
    (
        IA_PAGE + "The complainant lives in Santa Rosa, near the scene of the investigation.",
        "Santa Rosa",
    ),
    (
        CONFIDENTIAL_PAGE
        + "The following list was produced by Valley Medical Group, Inc. for the patients.",
        "Valley Medical Group",
    ),
]


@pytest.mark.parametrize("text, words", MUST_KEEP_NAMES)
def test_public_names_in_private_sentences_are_kept(text, words):
    start = text.index(words)
    assert not flagged_words(text) & set(range(start, start + len(words))), private(text)


def test_counsel_named_beside_a_role_word_stays_public():
    text = (
        ATTORNEY_PAGE
        + "\nThe complainant, Jane M. Alvarado, who represents Plaintiff, was present.\n"
    )
    start = text.rindex("Jane M. Alvarado")
    assert not flagged_words(text) & set(range(start, start + len("Jane M. Alvarado")))


def test_a_form_label_with_its_name_on_the_next_line():
    """A form's column, or OCR that reads a label and its value as lines of their own."""
    found = private("INCIDENT REPORT\n\nReporting party:\nMarisol Etxeberria\n\nHome address:\n")
    assert ("Marisol Etxeberria", "PERSON") in found
    assert ("Marisol Etxeberria", "PERSON") in private(
        "Reporting party: Marisol Etxeberria, age 40."
    )


@pytest.mark.parametrize(
    "age, minor",
    [
        ("age 11", True),
        ("aged 17", True),
        ("5-year-old", True),
        ("age 40", False),
        ("aged 18", False),
        ("45 years old", False),
        ("who is 19", False),
    ],
)
def test_an_age_makes_a_minor_only_under_eighteen(age, minor):
    found = private(
        f"The passenger, Rosalind Pemberton-Vance, {age}, was in the back seat with a seizure disorder."
    )
    category = {c for text, c in found if text == "Rosalind Pemberton-Vance"}
    assert category == ({"MINOR"} if minor else {"PERSON"}), found
