"""Policy: FRCP 5.2 defaults, the YAML file, and errors that name the file and key."""

from pathlib import Path

import pytest

from redactor.errors import PolicyError
from redactor.plan import Policy, Term

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "category, action",
    [
        ("SSN", "partial"),
        ("TIN", "partial"),
        ("DOB", "partial"),
        ("MINOR", "partial"),
        ("ACCOUNT", "partial"),
        ("CARD", "partial"),
        ("ADDRESS", "redact"),
        ("MEDICAL", "redact"),
        ("PERSON", "redact"),
        ("IA_FINDING", "redact"),
        ("JUDGE", "keep"),
        ("CITATION", "keep"),
        ("COUNSEL_PHONE", "keep"),
    ],
)
def test_default_actions_follow_frcp_5_2(category, action):
    assert Policy.default().action_for(category) == action


def test_default_policy_enables_everything_with_plain_label():
    p = Policy.default()
    assert p.enabled("PHONE") and p.enabled("MEDICAL")
    assert p.label_for("SSN") == "REDACTED"
    assert p.terms == () and p.never == () and p.court is None and not p.keep_city_state


def test_example_file_loads():
    p = Policy.load(ROOT / "policy.example.yaml")
    assert p.court == "edcal"
    assert p.keep_city_state  # E.D. Cal. form by default for that court
    assert p.action_for("ADDRESS") == "partial"
    assert p.terms == (Term("Jane Roe", "MINOR"), Term("Acme customer list", "TERM"))
    assert p.never == ("Judge Mendez",)
    assert p.label_for("MEDICAL") == "REDACTED – PHI"
    assert p.action_for("MEDICAL") == "redact"
    assert not p.enabled("PHONE")
    assert p.enabled("EMAIL")


@pytest.mark.parametrize(
    "text, names",
    [
        ("colour: blue\n", ["unknown key 'colour'"]),
        ("court: mars\n", ["court", "mars", "edcal"]),
        ("terms: [{text: x, category: NOPE}]\n", ["terms[0]", "NOPE"]),
        ("terms: [{txt: x}]\n", ["terms[0]", "txt"]),
        ("terms: [{text: '  '}]\n", ["terms[0]", "text"]),
        ("never: [1]\n", ["never"]),
        ("categories: {SSN: {action: burn}}\n", ["categories.SSN.action"]),
        ("categories: {SSN: {enabled: maybe}}\n", ["categories.SSN.enabled"]),
        ("categories: {SSN: {colour: red}}\n", ["categories.SSN", "colour"]),
        ("categories: {SHOE_SIZE: {enabled: false}}\n", ["categories.SHOE_SIZE", "SSN"]),
        ("- just\n- a list\n", ["top level"]),
        ("terms: [unclosed\n", ["not valid YAML", "line"]),
        ("keep_city_state: perhaps\n", ["keep_city_state"]),
    ],
)
def test_bad_policy_names_file_and_key(tmp_path, text, names):
    path = tmp_path / "bad-policy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        Policy.load(path)
    message = str(err.value)
    assert "bad-policy.yaml" in message
    for name in names:
        assert name in message
    assert "\n" not in message


def test_missing_file_is_a_policy_error(tmp_path):
    with pytest.raises(PolicyError, match="no such policy file"):
        Policy.load(tmp_path / "absent.yaml")


def test_empty_file_is_the_default(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    p = Policy.load(path)
    assert p.action_for("SSN") == "partial" and p.terms == ()


def test_overrides_and_term_actions(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        "label: 'REDACTED – PII'\n"
        "keep_city_state: false\ncourt: edcal\n"
        "terms: [{text: 'Acme  Corp', action: review}]\n"
        "categories: {SSN: {action: redact}, JUDGE: {action: review}}\n",
        encoding="utf-8",
    )
    p = Policy.load(path)
    assert p.action_for("SSN") == "redact"
    assert p.action_for("JUDGE") == "review"
    assert p.action_for("ADDRESS") == "redact"
    assert p.label_for("DOB") == "REDACTED – PII"
    assert p.terms == (Term("Acme Corp", "TERM", "review"),)
