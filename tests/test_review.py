"""The review, without a browser: the plan it proposes, what each decision does to the plan,
boxes drawn and phrases searched, saving and applying; and the page view's arithmetic."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pdfplumber
import pymupdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redactor.check import pageview
from redactor.plan import Plan, Redaction
from redactor.redact import redact_file
from redactor.review import ReviewSession
from redactor.review.session import same_mention

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))


@pytest.fixture
def motion(tmp_path: Path) -> Path:
    src = tmp_path / "motion-to-seal.pdf"
    shutil.copy(ROOT / "samples" / "motion-to-seal.pdf", src)
    return src


@pytest.fixture
def session(motion: Path) -> ReviewSession:
    return ReviewSession(str(motion))


def _by_value(s: ReviewSession, value: str) -> Redaction:
    return next(e.redaction for e in s.entries if e.redaction.terms[:1] == (value,))


def _text(path: str | Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)


# -- what is proposed ------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_review_proposes_the_plan_redact_would(sample: Path, tmp_path: Path) -> None:
    src = tmp_path / sample.name
    shutil.copy(sample, src)
    out = tmp_path / "plan.json"
    redact_file(str(src), None, plan_out=str(out))
    assert ReviewSession(str(src)).plan().to_json() == out.read_text()


def test_every_problem_says_what_redact_does_about_it(session: ReviewSession) -> None:
    kinds = {p.kind: session.remedy(p) for p in session.problems}
    assert set(kinds) == {"metadata", "annotation"}
    assert kinds["metadata"].startswith("emptied")
    assert "comments are deleted" in kinds["annotation"]
    # the plan holds values found in both: each must be fixed before filing
    assert {p.severity for p in session.problems} == {"fix"}


# -- decisions -------------------------------------------------------------------------


def test_rejected_entries_leave_the_plan_and_unreviewed_ones_stay(session: ReviewSession) -> None:
    person = _by_value(session, "Oksana Ellison")
    ssn = _by_value(session, "679-61-2484")
    session.decide([person.id], "rejected")
    session.decide([ssn.id], "accepted")
    ids = [r.id for r in session.plan().redactions]
    assert person.id not in ids and ssn.id in ids
    assert len(ids) == len(session.entries) - 1  # the pending ones are redacted as proposed
    assert session.undo() and session.entry(ssn.id).status == "pending"
    assert session.undo() and person.id in [r.id for r in session.plan().redactions]
    assert not session.undo()


def test_a_category_and_every_mention_are_decided_at_once(session: ReviewSession) -> None:
    minors = session.ids_of_category("MINOR")
    assert len(minors) == 2  # the name on page 2 and in the metadata
    session.decide(minors, "rejected")
    assert not [r for r in session.plan().redactions if r.category == "MINOR"]
    session.undo()
    dob = _by_value(session, "08/07/1974")
    mentions = session.mentions(dob.id)
    assert len(mentions) == 2  # on the page, and in the comment that repeats it
    assert {session.entry(i).redaction.category for i in mentions} == {"DOB"}


def _r(category: str, value: str) -> Redaction:
    return Redaction("R-0001", 1, (), category, "redact", "REDACTED", "t", "t", terms=(value,))


@pytest.mark.parametrize(
    "a, b, same",
    [
        (("PERSON", "Lakshmi Clifford"), ("PERSON", "Lakshmi Clifford"), True),
        (("MINOR", "Lakshmi Clifford"), ("PERSON", "Ms. Clifford"), True),
        (("PERSON", "Clifford, Lakshmi"), ("MINOR", "LAKSHMI CLIFFORD"), True),
        (("PERSON", "Lakshmi Clifford"), ("PERSON", "Lakshmi Patel"), False),
        (("MINOR", "Jane Doe"), ("MINOR", "Kevin Doe"), False),  # siblings
        (("SSN", "679-61-2484"), ("SSN", "679 61 2484"), True),
        (("SSN", "679-61-2484"), ("SSN", "679-61-2485"), False),
        (("ADDRESS", "1325 Park Place"), ("PERSON", "Park Place"), False),  # not a name both ways
    ],
)
def test_same_mention(a, b, same) -> None:
    assert same_mention(_r(*a), _r(*b)) is same
    assert same_mention(_r(*b), _r(*a)) is same


@pytest.mark.parametrize(
    "value, first, then",
    [
        ("679-61-2484", ("redact", "REDACTED"), ("partial", "XXX-XX-2484")),
        ("08/07/1974", ("redact", "REDACTED"), ("partial", "XX/XX/1974")),
        ("Lakshmi Clifford", ("redact", "REDACTED"), ("partial", "L.C.")),
        ("55584518", ("redact", "REDACTED"), ("partial", "XXXX4518")),
    ],
)
def test_the_action_is_the_whole_value_or_the_frcp_form(session, value, first, then) -> None:
    rid = next(
        e.redaction.id
        for e in session.entries
        if e.redaction.terms[:1] == (value,) and e.redaction.surface == "page"
    )
    for action, label in (first, then):
        session.set_action(rid, action)
        r = session.entry(rid).redaction
        assert (r.action, r.label) == (action, label)
        assert r.replacement == (label if action == "partial" else None)


def test_no_frcp_form_where_the_category_keeps_nothing(session: ReviewSession) -> None:
    phone = _by_value(session, "(951) 946-8581")
    with pytest.raises(ValueError, match="no public form"):
        session.set_action(phone.id, "partial")
    assert not session.can_undo  # nothing changed


# -- drawn boxes and searches ----------------------------------------------------------


def _word(session: ReviewSession, page: int, text: str):  # noqa: ANN202 - a model.Word
    return next(w for w in session.doc.pages[page - 1].words if w.text == text)


def test_a_drawn_box_takes_whole_letters_and_holds_the_text_under_it(session) -> None:
    x0, y0, x1, y1 = _word(session, 2, "neighbor").bbox
    cut = (x0 + (x1 - x0) * 0.3, y0 + 3, x1 - 1, y1 - 3)  # from inside the third letter
    new = session.draw(2, cut, "PERSON")
    assert new.terms[0] in ("ighbor", "ghbor")  # the letters whose middle it covers
    (box,) = new.boxes
    assert box[0] <= cut[0] and box[2] >= x1 - 0.01  # the last letter taken whole
    assert box[1] <= y0 + 0.01 and box[3] >= y1 - 0.01
    assert (new.category, new.action, new.detector) == ("PERSON", "redact", "review:drawn")
    assert session.entry(new.id).status == "accepted" and new.line == 4


def test_a_box_drawn_over_no_text_is_a_box_without_terms(session: ReviewSession) -> None:
    new = session.draw(3, (400, 700, 500, 740), "TERM")
    assert new.terms == () and new.boxes == ((400.0, 700.0, 500.0, 740.0),)
    with pytest.raises(ValueError):
        session.draw(3, (10, 10, 10.5, 40))  # no box at all
    with pytest.raises(ValueError):
        session.draw(9, (10, 10, 50, 40))  # no such page


def test_a_box_drawn_on_a_turned_page_covers_what_the_reviewer_saw(tmp_path: Path) -> None:
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_text((72, 100), "Witness Dolores Quintanilla saw it.", fontsize=12)
    page.set_rotation(90)
    src = tmp_path / "turned.pdf"
    pdf.save(src)
    s = ReviewSession(str(src))
    w = _word(s, 1, "Quintanilla")
    shown = pageview.display_box(s.doc.pdf[0], w.bbox)
    assert shown[2] - shown[0] < shown[3] - shown[1]  # the word reads downwards on screen
    new = s.draw(1, pageview.page_box(s.doc.pdf[0], shown), "PERSON")
    assert new.terms[0] == "Quintanilla"


def test_a_searched_phrase_is_redacted_wherever_it_is_not_already(session) -> None:
    found = session.find("exhibit a")
    assert [(o.page, o.text) for o in found] == [(1, "Exhibit A"), (2, "Exhibit A")]
    assert not any(o.covered for o in found)
    added = session.redact_everywhere("Exhibit A")
    assert [r.page for r in added] == [1, 2]
    assert all(r.terms == ("Exhibit A",) and r.detector == "review:search" for r in added)
    assert "Exhibit" not in " ".join(r.reason for r in added)  # the log's reason holds no value
    assert all(o.covered for o in session.find("Exhibit A"))
    assert session.redact_everywhere("Exhibit A") == []
    # a value already planned is not planned twice
    assert all(o.covered for o in session.find("293129523"))


def test_an_undone_id_is_never_given_again(session: ReviewSession) -> None:
    first = session.draw(3, (400, 700, 500, 740))
    session.undo()
    second = session.draw(3, (400, 700, 500, 740))
    assert second.id != first.id


# -- save and apply --------------------------------------------------------------------


def test_save_writes_the_plan_and_a_review_goes_on_from_it(session, motion) -> None:
    person = _by_value(session, "Oksana Ellison")
    session.decide([person.id], "rejected")
    session.redact_everywhere("Exhibit A")
    assert session.dirty
    path = session.save()
    assert path == str(motion.with_name("motion-to-seal-plan.json")) and not session.dirty
    raw = json.loads(Path(path).read_text())
    assert raw["format"] == "redactor-plan/1" and raw["file"] == str(motion)
    assert Plan.load(path).to_json() == session.plan().to_json()
    assert not list(motion.parent.glob(".redactor-*"))
    again = ReviewSession(str(motion), plan_path=path)
    assert again.loaded and again.plan().to_json() == session.plan().to_json()
    assert not again.dirty


def test_apply_writes_the_verified_public_copy(session: ReviewSession) -> None:
    session.decide([_by_value(session, "Oksana Ellison").id], "rejected")
    session.redact_everywhere("Exhibit A")
    result = session.apply()
    assert result.ok and result.exit_code == 0 and result.output == session.output
    text = _text(session.output)
    assert "OksanaEllison" in text and "ExhibitA" not in text and "679-61-2484" not in text
    assert any("pdfminer" in c for c in result.checks)


def test_apply_that_fails_verification_releases_nothing_and_names_no_value(motion) -> None:
    """A plan edited by hand to write the value itself as its public form."""
    s = ReviewSession(str(motion))
    plan = json.loads(s.plan().to_json())
    entry = next(r for r in plan["redactions"] if r["category"] == "SSN" and r["page"] == 1)
    entry["replacement"] = entry["label"] = "679-61-2484"
    path = motion.with_name("edited-plan.json")
    path.write_text(json.dumps(plan))
    result = ReviewSession(str(motion), plan_path=str(path)).apply()
    assert not result.ok and result.exit_code == 3
    assert re.search(r"page 1: SSN \(R-\d{4}\) can still be read", result.message)
    assert "679" not in result.message and "2484" not in result.message
    assert not Path(s.output).exists()
    assert sorted(p.name for p in motion.parent.iterdir()) == [
        "edited-plan.json",
        "motion-to-seal.pdf",
    ]


def test_the_input_is_never_an_output(motion: Path) -> None:
    from redactor.errors import BadInput

    with pytest.raises(BadInput, match="is the input file"):
        ReviewSession(str(motion), output=str(motion))
    with pytest.raises(BadInput, match="is the input file"):
        ReviewSession(str(motion), plan_path=str(motion))


def test_a_plan_for_another_file_is_refused(motion: Path, tmp_path: Path) -> None:
    from redactor.errors import PolicyError

    plan = {"redactions": [{"id": "R-0001", "page": 7, "category": "SSN", "boxes": [[1, 1, 9, 9]]}]}
    path = tmp_path / "other-plan.json"
    path.write_text(json.dumps(plan))
    with pytest.raises(PolicyError, match="page 7, but the file has 3 pages"):
        ReviewSession(str(motion), plan_path=str(path))


# -- the page view's arithmetic --------------------------------------------------------

tops = st.lists(st.floats(min_value=-50, max_value=1200, allow_nan=False), max_size=40)


@given(tops)
def test_labels_never_overlap_and_keep_their_order(wanted: list[float]) -> None:
    placed = pageview.place_labels(wanted)
    step = pageview.LABEL_HEIGHT + pageview.LABEL_GAP
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    for a, b in zip(order, order[1:], strict=False):
        assert placed[b] - placed[a] >= step - 1e-6
    for want, top in zip(wanted, placed, strict=True):
        assert top >= max(want, 0.0) - 1e-6  # never above its box when there is room


@given(tops, st.floats(min_value=100, max_value=1500))
def test_labels_stay_on_the_page_when_they_fit(wanted: list[float], limit: float) -> None:
    placed = pageview.place_labels(wanted, limit=limit)
    step = pageview.LABEL_HEIGHT + pageview.LABEL_GAP
    ordered = sorted(placed)
    assert all(b - a >= step - 1e-6 for a, b in zip(ordered, ordered[1:], strict=False))
    assert all(t >= -1e-6 for t in placed)
    if len(wanted) * step <= limit:
        assert all(t + pageview.LABEL_HEIGHT <= limit + 1e-6 for t in placed)


boxes = st.tuples(st.floats(0, 500), st.floats(0, 700), st.floats(1, 100), st.floats(1, 60)).map(
    lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])
)


@given(boxes, st.sampled_from([0, 90, 180, 270]), st.sampled_from([1.0, 1.25, 2.0]))
def test_page_box_undoes_display_box(box, rotation, zoom) -> None:
    pdf = pymupdf.open()
    page = pdf.new_page(width=612, height=792)
    page.set_rotation(rotation)
    shown = pageview.display_box(page, box, zoom)
    assert shown[0] <= shown[2] and shown[1] <= shown[3]
    back = pageview.page_box(page, shown, zoom)
    assert back == pytest.approx(box, abs=1e-3)


def test_apply_says_a_bug_is_a_bug_and_never_quotes_it(session, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a message quoting 679-61-2484")

    monkeypatch.setattr("redactor.review.session.redact_file", broken)
    result = session.apply()
    assert not result.ok and result.exit_code == 2
    assert "RuntimeError" in result.message and "679" not in result.message


def test_apply_writes_the_log_without_a_value(motion: Path) -> None:
    log = motion.with_name("log.csv")
    s = ReviewSession(str(motion), log_path=str(log))
    assert s.apply().ok
    text = log.read_text()
    assert text.count("\n") == len(s.plan().redactions) + 1
    assert "679-61-2484" not in text and "Lakshmi" not in text and "REDACTED" in text


def test_an_unknown_entry_is_named(session: ReviewSession) -> None:
    with pytest.raises(KeyError):
        session.set_action("R-9999", "redact")
    with pytest.raises(KeyError):
        session.decide(["R-9999"], "rejected")
    with pytest.raises(ValueError):
        session.decide([session.entries[0].redaction.id], "maybe")
