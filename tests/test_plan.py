"""The Plan: FRCP 5.2 public forms, spellings verification looks for, the JSON file."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redactor.errors import PolicyError
from redactor.model import Document, Finding, Page, PageText
from redactor.plan import Plan, Policy, Redaction, make_plan
from redactor.plan.forms import fold, mask, public_form, term_forms, term_key, term_pattern


@pytest.mark.parametrize(
    "category, value, kept",
    [
        ("SSN", "562-19-4471", "XXX-XX-4471"),
        ("SSN", "562 19 4471", "XXX-XX-4471"),
        ("TIN", "12-3456789", "XX-XXX6789"),
        ("DOB", "03/14/1980", "XX/XX/1980"),
        ("DOB", "March 14, 1980", "XX/XX/1980"),
        ("DOB", "3/14/80", "XX/XX/80"),
        ("MINOR", "Tommy Vandersloot", "T.V."),
        ("MINOR", "Mary Ann O'Neil", "M.A.O."),
        ("ACCOUNT", "004417829931", "XXXXXXXX9931"),
        ("CARD", "4111 1111 1111 1111", "XXXXXXXXXXXX1111"),
        ("SSN", "unknown", None),
        ("PHONE", "(916) 555-0142", None),
    ],
)
def test_public_forms(category, value, kept):
    assert public_form(category, value) == kept


@pytest.mark.parametrize(
    "value, kept",
    [
        ("1420 Alhambra Blvd, Sacramento, CA 95816", "Sacramento, CA"),
        ("77 Oak Lane, Apt 4, Elk Grove, CA 95624", "Elk Grove, CA"),
    ],
)
def test_home_address_keeps_city_and_state_when_asked(value, kept):
    assert public_form("ADDRESS", value, keep_city_state=True) == kept
    assert public_form("ADDRESS", value) is None


@pytest.mark.parametrize(
    "category, value, forms",
    [
        ("SSN", "562-19-4471", ["562-19-4471", "562194471", "56219"]),
        (
            "PERSON",
            "Dolores Quintanilla",
            ["Dolores Quintanilla", "Quintanilla, Dolores", "Dolores", "Quintanilla"],
        ),
        ("MINOR", "Jo Ann Doe", ["Jo Ann Doe", "Ann"]),
        (
            "DOB",
            "03/14/1980",
            [
                "03/14/1980",
                "03141980",
                "3/14/1980",
                "1980-03-14",
                "March 14, 1980",
                "14 March 1980",
            ],
        ),
        ("EMAIL", "D.Q@Example.net", ["D.Q@Example.net", "d.q@example.net"]),
        (
            "ADDRESS",
            "1420 Alhambra Blvd, Sacramento, CA",
            ["1420 Alhambra Blvd, Sacramento, CA", "1420 Alhambra Blvd"],
        ),
    ],
)
def test_term_forms(category, value, forms):
    assert list(term_forms(category, value)) == forms


@pytest.mark.parametrize(
    "term, text, hit",
    [
        ("562-19-4471", "SSN 562194471.", True),
        ("562-19-4471", "SSN 562 19 4471", True),
        ("562-19-4471", "no. 1562-19-4471", False),
        ("562-19-4471", "XXX-XX-4471", False),
        ("Quintanilla", "Ms. QUINTANILLA said", True),
        ("Quintanilla", "Quintanillas", False),
        ("Dolores Quintanilla", "Dolores\nQuintanilla", True),
        ("Ann", "Annual report", False),
    ],
)
def test_term_pattern(term, text, hit):
    assert bool(term_pattern(term).search(text)) is hit
    if hit:  # what lets a text that lacks the key go unsearched
        assert term_key(term) in fold(text)


@pytest.mark.parametrize(
    "term, text",
    [
        ("562-19-4471", "SSN 562.19.4471 and 562 / 19-4471"),
        ("D.Q@Example.net", "write to d.q@EXAMPLE.NET today"),
        ("Dolores Quintanilla", "DOLORES\t QUINTANILLA"),
        ("O'Neil-Baptiste", "Ms. o'neil-BAPTISTE"),
        ("Siobhan", "SIOBHAN"),
        (
            "Isaac Kistler",
            "ISAAC KİSTLER and ıSAAC ſKISTLER",
        ),  # letters Python's regex takes for i and s
    ],
)
def test_every_match_holds_the_key_folded(term, text):
    matches = [m.group(0) for m in term_pattern(term).finditer(text)]
    assert matches
    for m in matches:
        assert term_key(term) and term_key(term) in fold(m) and term_key(term) in fold(text)


def test_a_term_beyond_ascii_has_no_key():
    assert term_key("Zoë Müller") == ""
    assert mask("from Zoë Müller", ("Zoë Müller",)) == "from […]"


def _doc(text: str) -> Document:
    boxes = [
        (10.0 + 6 * i, 10.0, 16.0 + 6 * i, 22.0) if not c.isspace() else None
        for i, c in enumerate(text)
    ]
    page_text = PageText(text=text, char_boxes=boxes, char_lines=[0] * len(text))
    page = Page(1, 612, 792, 0, [], [], page_text, [], True, False, False)
    return Document("x.pdf", [page], [], {}, False, 1)


def _finding(doc: Document, category: str, value: str, **kw) -> Finding:
    start = doc.pages[0].text.text.index(value)
    boxes = tuple(doc.pages[0].text.boxes_for(start, start + len(value)))
    return Finding(category, value, 1, boxes, "test", 1.0, kw.pop("why", "test"), start=start, **kw)


def test_make_plan_numbers_orders_and_applies_the_policy():
    doc = _doc("SSN 562-19-4471 of Dolores Quintanilla; judge Mueller; again 562-19-4471")
    findings = [
        _finding(doc, "PERSON", "Dolores Quintanilla", why="name near Dolores Quintanilla"),
        _finding(doc, "SSN", "562-19-4471"),
        _finding(doc, "JUDGE", "Mueller", private=False),
        _finding(doc, "PHONE", "Mueller"),
    ]
    policy = Policy.from_mapping({"categories": {"PHONE": {"action": "keep"}}})
    plan = make_plan(doc, findings, policy)
    assert [r.id for r in plan.redactions] == ["R-0001", "R-0002", "R-0003"]
    assert [r.category for r in plan.redactions] == ["SSN", "PERSON", "SSN"]
    assert plan.redactions[0].action == "partial" and plan.redactions[0].label == "XXX-XX-4471"
    assert plan.redactions[2].detector == "same-value"  # the second copy of the SSN goes too
    assert "Quintanilla" not in plan.redactions[1].reason


def test_plan_json_round_trip(tmp_path):
    doc = _doc("SSN 562-19-4471 here")
    plan = make_plan(doc, [_finding(doc, "SSN", "562-19-4471")], Policy.default())
    path = tmp_path / "p.json"
    plan.save(str(path))
    again = Plan.load(str(path))
    assert again.redactions == plan.redactions
    assert json.loads(path.read_text())["notice"] == "contains the values; do not file"


@pytest.mark.parametrize(
    "entry, problem",
    [
        ({"category": "SSN"}, "'id' is missing"),
        ({"id": "X1", "category": "SSN", "terms": ["a b"]}, "R-0001"),
        ({"id": "R-0001", "category": "SSN", "page": 1, "boxes": [[5, 5, 1, 1]]}, "x1 > x0"),
        ({"id": "R-0001", "category": "SSN", "terms": ["x"], "action": "blur"}, "action"),
        ({"id": "R-0001", "category": "SSN"}, "boxes, terms"),
        ({"id": "R-0001", "category": "SSN", "terms": ["x"], "action": "partial"}, "replacement"),
        ({"id": "R-0001", "category": "SSN", "terms": ["x"], "colour": "red"}, "unknown key"),
        ({"id": "R-0001", "category": "SSN", "boxes": [[0, 0, 5, 5]]}, "need a page"),
    ],
)
def test_malformed_plans_are_refused(entry, problem):
    with pytest.raises(PolicyError, match=problem):
        Plan.from_json(json.dumps({"redactions": [entry]}), source="plan.json")


def test_not_json_is_refused():
    with pytest.raises(PolicyError, match="not valid JSON"):
        Plan.from_json("{", source="plan.json")


def test_mask_hides_every_form():
    terms = term_forms("SSN", "562-19-4471")
    assert mask("matched 562194471 and 562-19-4471", terms) == "matched […] and […]"


box = st.tuples(*[st.floats(0, 600, allow_nan=False) for _ in range(2)]).map(
    lambda p: (p[0], p[1], p[0] + 5.5, p[1] + 9.25)
)


@given(st.lists(box, min_size=1, max_size=5))
def test_boxes_survive_the_file(boxes):
    r = Redaction("R-0001", 1, tuple(boxes), "TERM", "redact", "REDACTED", "manual", "by hand")
    again = Plan.from_json(Plan("f.pdf", [r]).to_json()).redactions[0]
    assert again.boxes == tuple(boxes)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_folds_as_any_text_does(text):
    from redactor.plan.forms import _NOT_ALNUM

    assert fold(text) == _NOT_ALNUM.sub("", text.lower())  # the byte table is only a faster road
