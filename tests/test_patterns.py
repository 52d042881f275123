"""Pattern packs: per pack, strings that must match (with the exact value span) and strings
that must not; then the pack schema, timeouts, lexicons and speed.

In the tables, ``«...»`` marks the value the pack must find; the marks are removed
before scanning.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from redactor.detect.packs import PatternSet, PatternTimeout, lexicon_names, load_lexicon
from redactor.errors import PolicyError

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def patterns() -> PatternSet:
    return PatternSet.load()


def unmark(marked: str) -> tuple[str, int, int]:
    start = marked.index("«")
    end = marked.index("»") - 1
    return marked.replace("«", "").replace("»", ""), start, end


MUST_MATCH: dict[str, list[str]] = {
    "SSN": [
        "SSN: «536-22-8419»",
        "Social Security No. «536 22 8419» on file",
        "his social security number is «536228419».",
        "(SSN «536.22.8419»)",
        "Plaintiff's number, «536-22-8419», appears in Exhibit 4.",
        "SSN «123-45-6789»",
    ],
    "TIN": [
        "ITIN «912-70-1234»",
        "her taxpayer identification number «912 78 5555»",
        "EIN «12-3456789»",
        "federal tax ID «98-7654321»",
        "Employer Identification Number: «943456789»",
    ],
    "DOB": [
        "DOB: «01/02/1990»",
        "(DOB «1/2/90»)",
        "was born on «January 2, 1990» in Fresno",
        "date of birth «2 January 1990»",
        "birth date: «1990-01-02»",
        "born «Sept. 30, 1985»",
        "D.O.B. «12-31-1999»",
        "«03/14/1978» (date of birth)",
        "born «15th of March 1988»",
    ],
    "CARD": [
        "paid with card «4111 1111 1111 1111» on",
        "number «5555-5555-5555-4444»",
        "«378282246310005»",
    ],
    "ACCOUNT": [
        "Account No. «000123456789»",
        "checking account number «1234-5678-90»",
        "Acct. #«88123456»",
    ],
    "ROUTING": [
        "Routing No. «121000358», Account No. 987654321",
        "ABA «021000021»",
    ],
    "PHONE": [
        "call me at «(916) 555-1234» today",
        "Tel: «916-930-4187»",
        "cell «916.555.2222»",
        "«+1 916 555 1234»",
        "phone «9165551234»",
        "«1-800-325-3535» ext. 4",
        "Facsimile: «(916) 498-5555»",
    ],
    "EMAIL": [
        "write to «jane.doe@example.com».",
        "<«j_doe+court@mail.example.co.uk»>",
        "mailto:«info@law-firm.com»",
        "E-mail: «JDOE@EXAMPLE.ORG»",
    ],
    "ADDRESS": [
        "lives at «1234 Oak Street, Apt 4B, Sacramento, CA 95814».",
        "«1234 Oak Street\nSacramento, CA 95814»\nDear Sir",
        "«501 I STREET, SUITE 4-200\nSACRAMENTO, CALIFORNIA 95814»",
        "resides at «742 Evergreen Terrace» with",
        "«123 N. Main St. #12»",
        "«P.O. Box 1234, Davis, CA 95616»",
        "«PO Box 77»",
        "«4500 W 21st Ave., Unit 5\nDenver, Colorado 80212-1234»",
        "«12345 State Route 99»",
        "«1600 Pennsylvania Avenue NW, Washington, DC 20500»",
    ],
    "DRIVERS_LICENSE": [
        "California driver's license «A1234567»",
        "DL# «B7654321»",
        "driver license number «S530-460-68-291-0»",
        "CDL «123456789»",
        "DL «12345678»",
    ],
    "IA_CASE": [
        "IA «2019-0045»",
        "IA #«2019-0045»",
        "IA Case No. «18-112»",
        "PSD #«2020-13»",
        "Internal Affairs Investigation No. «2017-0032»",
        "I.A. No. «4512»",
        "Professional Standards Division Case «20-007»",
    ],
    "BADGE": [
        "Officer Smith, Badge No. «4471»",
        "badge #«4471»",
        "Badge Number: «4471»",
        "Star No. «12345»",
    ],
    "MRN": [
        "MRN «00123456»",
        "Medical Record No. «MR-445566»",
        "Patient ID: «77889900»",
        "medical record number «4455667788»",
        "chart number «AB1234567»",
    ],
    "CASE_NUMBER": [
        "No. «2:19-cv-00007-MCE-CKD»",
        "Case No. «3:22-cr-00123»",
        "ECF No. «36»",
        "(ECF Nos. «36, 42»)",
        "Dkt. «12»",
        "Dkt. No. «47»",
        "Doc. No. «62-1»",
        "Case No. «34-2019-00012345»",
        "Case No. «BC123456»",
        "9th Cir. No. «19-15432»",
        "Case No. «2:19-CV-00007-MCE»",  # the kind in capitals
        "No. «1:21-Mj-00045»",
    ],
    "CITATION": [
        "«Weaver v. City of Stockton, 2:20-cv-00990»",
        "«123 F.3d 456»",
        "«456 F. Supp. 2d 789 (E.D. Cal. 2006)»",
        "«2019 WL 123456»",
        "«541 U.S. 1, 5 (2004)»",
        "«129 S. Ct. 1937»",
        "«40 Cal. App. 4th 360»",
        "«2020 U.S. Dist. LEXIS 12345»",
        "«Smith v. Jones»",
    ],
    "STATUTE": [
        "«42 U.S.C. § 1983»",
        "«28 U.S.C. §§ 1331, 1343»",
        "«Fed. R. Civ. P. 5.2(a)»",
        "«Cal. Civ. Code § 1798.82»",
        "«Cal. Penal Code § 832.7»",
        "«L.R. 141»",
        "«Civil L.R. 79-5»",
        "«Local Rule 141(e)(2)(i)»",
        "«45 C.F.R. § 164.512(e)»",
        "«Fed. R. Evid. 401»",
        "«E.D. Cal. L.R. 140(b)»",  # starts with the court's initial, not with L.R.
        "see «N.D. Cal. Civil L.R. 79-5» and",
    ],
    "BATES_NUMBER": [
        "«ABC00012345»",
        "produced at «CITY_000123-CITY_000130»",
        "«SMITH0000001»",
    ],
    "BAR_NUMBER": [
        "Jane Roe (SBN «123456»)",
        "State Bar No. «123456»",
        "Cal. Bar No. «654321»",
        "SBN: «98765»",
        "(California State Bar No. «123456»)",
        "CSBN «123456»",
        "S.B.N. «12345»",
    ],
}

MUST_NOT_MATCH: dict[str, list[str]] = {
    "SSN": [
        "000-12-3456",  # area 000
        "666-12-3456",
        "912-34-5678",  # area 9xx
        "536-00-8419",
        "536-22-0000",
        "078-05-1120",  # voided after it was printed on wallet inserts
        "Case No. 536-22-8419",  # a case number, not an SSN
        "ECF No. 536-22-8419",
        "the total was 536228419",  # a bare nine-digit number with no SSN context
        "No. 2:19-cv-00007-MCE-CKD",
        "phone 916-555-1234",
    ],
    "TIN": [
        "912-45-1234",  # not an ITIN group
        "00-1234567",  # no such EIN prefix
        "Case No. 12-3456789",
        "reference 943456789",  # bare nine digits, no TIN context
    ],
    "DOB": [
        "On September 28, 2020 the court held a hearing.",
        "filed 01/02/2020",
        "The order was entered on 1990-01-02.",
        "born in 1985, the plaintiff filed on May 2, 2020",
        "DOB 02/30/1990",  # no such day
        "date of birth 13/01/1990",
    ],
    "CARD": [
        "card 4111 1111 1111 1112",  # fails Luhn
        "number 1234 5678 9012 3452",  # passes Luhn, no issuer
    ],
    "ROUTING": [
        "Routing No. 121000359",  # fails the ABA checksum
        "reference 121000358 in the file",  # routing-valid, no routing context
    ],
    "ACCOUNT": [
        "account ending in 4321",
        "Account: see ECF No. 123456",
        "the account of events in 2019",
        "Case No. 2:19-cv-00007 concerns the account",
        "Bates ABC00012345 account statement",
        "he paid 123456789 dollars",  # digits, no account word
    ],
    "PHONE": [
        "(916) 555-0123",  # fictional 555-01xx
        "(116) 555-1234",
        "911-555-1234",
        "ABC0012345678",  # a Bates number
        "Case No. 916-555-1234",
        "2:19-cv-00007",
        "9165551234",  # bare ten digits without a phone word
        "ECF No. 916-555-1234",
    ],
    "EMAIL": [
        "jane..doe@example.com",
        "user@localhost",
        "@example.com",
        "name@example.c",
    ],
    "ADDRESS": [
        "paragraph 5 The court found",
        "In 2019 Superior Court Judge Smith ruled",
        "42 U.S.C. § 1983 Civil Rights Way",
        "see 5 main street",  # not capitalized: prose, not an address
        "ECF No. 36 Main Street",
        "123 F.3d 456",
    ],
    "DRIVERS_LICENSE": [
        "A1234567",  # no licence word
        "driver's license suspended for 180 days",
        "State Bar license no. 123456",
        "license plate 7ABC123",
    ],
    "IA_CASE": [
        "Des Moines, IA 50309",  # Iowa
        "IA",
        "the IAs were",
    ],
    "BADGE": [
        "the badge was shiny",
        "badge of honor",
    ],
    "MRN": [
        "record 00123456",
        "ECF No. 12345678",
    ],
    "CASE_NUMBER": [
        "IA Case No. 18-112",  # internal affairs: private
        "Account No. 19-15432",
        "SSN 536-22-8419",
    ],
    "CITATION": [
        "in 2019 we moved",
        "12 F",
        "Smith v.Jones",  # no space after "v.": not a case name
    ],
    "STATUTE": [
        "the rules of the road",
    ],
    "BATES_NUMBER": [
        "driver's license AB1234567",
        "MRN ABC00012345",
        "AB12345",  # too few digits
    ],
    "BAR_NUMBER": [
        "the bar was open until 2",
        "Bar 123",
        "bar no. 123456",
    ],
}


def match_cases() -> list[tuple[str, str]]:
    return [(category, text) for category, texts in MUST_MATCH.items() for text in texts]


def no_match_cases() -> list[tuple[str, str]]:
    return [(category, text) for category, texts in MUST_NOT_MATCH.items() for text in texts]


@pytest.mark.parametrize(("category", "marked"), match_cases())
def test_pack_finds_the_value(patterns: PatternSet, category: str, marked: str) -> None:
    text, start, end = unmark(marked)
    found = [(m.value_start, m.value_end) for m in patterns.scan(text, categories={category})]
    assert (start, end) in found, (
        f"{category}: expected {text[start:end]!r}, got {[text[s:e] for s, e in found]}"
    )


@pytest.mark.parametrize(("category", "text"), no_match_cases())
def test_pack_does_not_match(patterns: PatternSet, category: str, text: str) -> None:
    found = patterns.scan(text, categories={category})
    assert not found, f"{category}: unexpected {[m.value for m in found]}"


def test_every_category_has_both_tables(patterns: PatternSet) -> None:
    assert set(MUST_MATCH) == set(patterns.categories()) == set(MUST_NOT_MATCH)


# --- what a match says about itself ----------------------------------------------


def test_lead_in_is_in_the_match_and_outside_the_value(patterns: PatternSet) -> None:
    text = "Name: J. Doe, SSN: 536-22-8419."
    [m] = patterns.scan(text, categories={"SSN"})
    assert text[m.start : m.end] == m.text == "SSN: 536-22-8419"
    assert text[m.value_start : m.value_end] == m.value == "536-22-8419"
    assert (m.pack, m.pattern, m.validator, m.context) == ("ssn", "ssn_labelled", "ssn", "ssn")
    assert m.public is False and m.score == 1.0
    assert "536" not in m.id and "ssn/ssn_labelled" in m.why


def test_context_word_raises_the_score(patterns: PatternSet) -> None:
    [bare] = patterns.scan("number 536-22-8419", categories={"SSN"})
    [near] = patterns.scan("social security 536-22-8419", categories={"SSN"})
    assert bare.context is None and near.context == "social security"
    assert near.score > bare.score


def test_public_packs_are_marked_public(patterns: PatternSet) -> None:
    text = "See ECF No. 36 and 42 U.S.C. § 1983; Bates ABC00012345; SBN 123456; 123 F.3d 456."
    found = patterns.scan(text)
    assert {m.category for m in found} == {
        "CASE_NUMBER",
        "STATUTE",
        "BATES_NUMBER",
        "BAR_NUMBER",
        "CITATION",
    }
    assert all(m.public for m in found)
    assert set(patterns.public_categories()) == {m.category for m in found}


def test_a_docket_number_is_never_an_account_number(patterns: PatternSet) -> None:
    text = "Account records are at Case No. 123456789 and ECF No. 123456."
    found = patterns.scan(text)
    assert [m.category for m in found] == ["CASE_NUMBER", "CASE_NUMBER"]


def test_results_are_sorted_and_frozen(patterns: PatternSet) -> None:
    text = "SSN 536-22-8419, phone (916) 555-1234, DOB 01/02/1990, ECF No. 36, jdoe@example.com"
    found = patterns.scan(text)
    assert found == sorted(found, key=lambda m: m.sort_key())
    assert [m.category for m in found] == ["SSN", "PHONE", "DOB", "CASE_NUMBER", "EMAIL"]
    with pytest.raises(AttributeError):
        found[0].score = 0.0  # type: ignore[misc]
    assert patterns.scan(text) == found


def test_one_value_is_reported_once_per_category(patterns: PatternSet) -> None:
    # labelled, dashed and bare patterns all see this value; the best one wins
    found = patterns.scan("SSN 536-22-8419", categories={"SSN"})
    assert [(m.pattern, m.value) for m in found] == [("ssn_labelled", "536-22-8419")]


@pytest.mark.parametrize(
    ("text", "category", "value"),
    [
        ("the intake lists her SSN:\n512-48-3907 as well", "SSN", "512-48-3907"),
        ("entries under Chart\n24590861 at the clinic", "MRN", "24590861"),
    ],
)
def test_a_line_break_inside_a_paragraph_is_a_space(
    patterns: PatternSet, text: str, category: str, value: str
) -> None:
    hits = [m for m in patterns.scan(text) if m.category == category]
    assert [text[m.value_start : m.value_end] for m in hits] == [value]


def test_a_blank_line_still_separates(patterns: PatternSet) -> None:
    text = "see the Chart\n\n24590861 Widget Street"
    assert not [m for m in patterns.scan(text) if m.category == "MRN"]


def test_unknown_category_is_an_error(patterns: PatternSet) -> None:
    with pytest.raises(PolicyError, match="unknown pattern categories: SOCIAL; available: ACCOUNT"):
        patterns.scan("x", categories={"SOCIAL"})


def test_court_orders_yield_only_public_record(patterns: PatternSet) -> None:
    """Real orders: what they hold is docket numbers, citations and rules, nothing private
    but the one court telephone number in the Mlejnecky order."""
    private = []
    for path in sorted((SHARED / "court-orders").glob("*.txt")):
        private += [
            (path.name, m.category) for m in patterns.scan(path.read_text()) if not m.public
        ]
    assert private == [("mlejnecky-v-olympus-2011-order-customer-contacts.txt", "PHONE")]


# --- the pack schema ---------------------------------------------------------------

GOOD_PATTERN = {"name": "five", "regex": r"\b\d{5}\b", "score": 0.5}


def write_pack(folder: Path, body: str, name: str = "test.yaml") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "name: t\ncategory: TERM\npatterns:\n  - {name: ssn_dashed, regx: 'x', score: 0.5}\n",
            "packs/test.yaml: entry 'ssn_dashed': unknown key 'regx' (did you mean 'regex'?); expected one of",
        ),
        (
            "name: t\ncategory: TERM\npatterns:\n  - {name: broken, regex: '(\\d+', score: 0.5}\n",
            "packs/test.yaml: entry 'broken': regex does not compile",
        ),
        (
            "name: t\ncategory: TERM\npatterns:\n  - {name: card, regex: '\\d+', score: 0.5, validator: lunh}\n",
            "packs/test.yaml: entry 'card': unknown validator 'lunh' (did you mean 'luhn'?); available: aba_routing,",
        ),
        (
            "name: t\ncategory: TERM\npatterns:\n  - {regex: '\\d+', score: 0.5}\n",
            "packs/test.yaml: entry #1: missing key 'name'",
        ),
        (
            "category: TERM\npatterns:\n  - {name: a, regex: 'a', score: 0.5}\n",
            "packs/test.yaml: pack: missing key 'name'",
        ),
        (
            "name: t\ncategory: TERM\npatterns:\n  - {name: a, regex: 'a', score: 2}\n",
            "packs/test.yaml: entry 'a': 'score' must be a number from 0 to 1",
        ),
        (
            "name: t\ncategory: TERM\npatterns:\n  - {name: a, regex: 'a', score: 0.5, flags: [IGNORCASE]}\n",
            "entry 'a': unknown flag 'IGNORCASE'",
        ),
        (
            "name: t\ncategory: TERM\npatterns:\n  - {name: a, regex: 'a', score: 0.5, group: val}\n",
            "entry 'a': group 'val' is not a named group",
        ),
        (
            "name: t\ncategory: TERM\npatterns:\n  - {name: a, regex: '{{digits}}', score: 0.5}\n",
            "entry 'a': unknown fragment {{digits}}",
        ),
        (
            "name: t\ncategory: TERM\ncontext: {words: [ssn], window: 'near'}\npatterns:\n  - {name: a, regex: 'a', score: 0.5}\n",
            "pack context: window 'near' must be a number of characters or 'N words'",
        ),
        (
            "name: t\ncategory: TERM\npatterns:\n  - {name: a, regex: 'a', score: 0.5, require_context: true}\n",
            "entry 'a': context is required but the pack has no context words",
        ),
        ("name: t\ncategory: TERM\npatterns: []\n", "pack: 'patterns' must be a non-empty list"),
        (
            "name: t\ncategory: TERM\npublic: yes please\npatterns:\n  - {name: a, regex: 'a', score: 0.5}\n",
            "'public' must be true or false",
        ),
        ("name: t\n  category: [\n", "packs/test.yaml: is not valid YAML"),
        (
            "name: t\ncategory: SOCIAL\npatterns:\n  - {name: a, regex: 'a', score: 0.5}\n",
            "packs/test.yaml: entry 'a': unknown category 'SOCIAL'; known: SSN,",
        ),
        (
            "name: t\ncategory: SSN\npublic: true\npatterns:\n  - {name: a, regex: 'a', score: 0.5}\n",
            "packs/test.yaml: entry 'a': category SSN is not public, as the pack is",
        ),
    ],
)
def test_bad_pack_names_its_file_and_entry(tmp_path: Path, body: str, message: str) -> None:
    folder = write_pack(tmp_path / "packs", body)
    with pytest.raises(PolicyError) as err:
        PatternSet.load(folder)
    assert message in str(err.value)


def test_two_packs_with_one_name_are_refused(tmp_path: Path) -> None:
    body = "name: same\ncategory: TERM\npatterns:\n  - {name: a, regex: 'a', score: 0.5}\n"
    folder = write_pack(tmp_path / "packs", body, "one.yaml")
    write_pack(folder, body, "two.yaml")
    with pytest.raises(
        PolicyError, match="packs/two.yaml: pack name 'same' is already used by packs/one.yaml"
    ):
        PatternSet.load(folder)


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no pattern packs"):
        PatternSet.load(tmp_path)


def test_context_required_and_negative_context(tmp_path: Path) -> None:
    body = """
name: t
category: TERM
context: {words: [ref], window: 2 words, required: true, boost: 0.3}
negative_context: [not this]
patterns:
  - {name: five, regex: '\\b\\d{5}\\b', score: 0.5}
"""
    ps = PatternSet.load(write_pack(tmp_path / "packs", body))
    assert [m.value for m in ps.scan("ref 12345")] == ["12345"]
    assert ps.scan("ref 12345")[0].score == 0.8
    assert ps.scan("12345") == []  # required context missing
    assert ps.scan("ref and then much later 12345") == []  # outside the 2-word window
    assert ps.scan("ref not this 12345") == []  # negative context


def test_requires_skips_a_text_without_it(tmp_path: Path) -> None:
    body = """
name: t
category: TERM
fragments: {kind: '(?i:cv|cr)'}
patterns:
  - {name: docket, regex: '\\d{2}-{{kind}}-\\d{3}', requires: '-{{kind}}-', score: 0.5}
"""
    ps = PatternSet.load(write_pack(tmp_path / "packs", body))
    assert [m.value for m in ps.scan("No. 19-CV-123 and 20-cr-456")] == ["19-CV-123", "20-cr-456"]
    assert ps.scan("No. 19-xx-123") == []


def test_a_requires_that_does_not_compile_names_its_entry(tmp_path: Path) -> None:
    body = "name: t\ncategory: TERM\npatterns:\n  - {name: a, regex: 'a', requires: '(b', score: 0.5}\n"
    with pytest.raises(
        PolicyError, match="packs/test.yaml: entry 'a': 'requires' regex does not compile"
    ):
        PatternSet.load(write_pack(tmp_path / "packs", body))


def test_environment_variable_points_at_the_packs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "name: t\ncategory: BADGE\npatterns:\n  - {name: five, regex: '\\b\\d{5}\\b', score: 0.5}\n"
    )
    monkeypatch.setenv("REDACTOR_PATTERNS", str(write_pack(tmp_path / "packs", body)))
    assert PatternSet.load().categories() == ["BADGE"]


def test_catastrophic_regex_times_out_with_an_error(tmp_path: Path) -> None:
    body = "name: slow\ncategory: TERM\npatterns:\n  - {name: backtracker, regex: '(a|aa)+$', score: 0.5}\n"
    ps = PatternSet.load(write_pack(tmp_path / "packs", body), timeout=0.05)
    text = "a" * 60 + "b"
    started = time.perf_counter()
    with pytest.raises(PatternTimeout) as err:
        ps.scan(text)
    assert time.perf_counter() - started < 2
    message = str(err.value)
    assert "packs/test.yaml" in message and "'backtracker'" in message
    assert "aaaa" not in message  # the scanned text never appears in an error


# --- lexicons ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "minimum", "members"),
    [
        ("medical_conditions", 250, {"schizophrenia", "opioid use disorder", "ptsd", "diabetes"}),
        ("medications", 250, {"sertraline", "zoloft", "suboxone", "metformin"}),
        ("medical_facilities_words", 40, {"hospital", "behavioral health", "medical center"}),
        ("ia_terms", 30, {"sustained", "not sustained", "exonerated", "unfounded", "use of force"}),
        ("minor_terms", 30, {"minor", "juvenile", "daughter", "grandson"}),
        ("person_roles_private", 25, {"complainant", "witness", "customer", "patient", "inmate"}),
    ],
)
def test_lexicons(name: str, minimum: int, members: set[str]) -> None:
    terms = load_lexicon(name)
    assert len(terms) >= minimum and members <= terms
    assert all(t == t.lower().strip() and t and not t.startswith("#") for t in terms)


def test_unknown_lexicon_lists_the_ones_that_exist() -> None:
    assert "ia_terms" in lexicon_names()
    with pytest.raises(
        PolicyError, match="unknown lexicon 'drugs'; available: ia_terms, medical_conditions"
    ):
        load_lexicon("drugs")


def test_yaml_lexicon(tmp_path: Path) -> None:
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "extra.yaml").write_text("- Foo Bar\n- '  baz  '\n")
    assert load_lexicon("extra", tmp_path) == frozenset({"foo bar", "baz"})


# --- speed -----------------------------------------------------------------------------


def test_a_page_scans_quickly(patterns: PatternSet) -> None:
    text = (
        SHARED / "court-orders" / "romero-v-securus-2018-order-protective-order.txt"
    ).read_text()[:3000]
    patterns.scan(text)
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        patterns.scan(text)
    per_pack_ms = (time.perf_counter() - started) / runs / len(patterns.packs) * 1000
    assert per_pack_ms < 2.0  # measured about 0.3 ms per pack on a laptop core
