"""Resolving overlapping spans: one value, one redaction."""

from redactor.detect.spans import Span, resolve


def test_overlapping_spans_of_one_category_become_one() -> None:
    a = Span("MEDICAL", 10, 19, "lexicon:medical", 0.7, "term")  # "a seizure"
    b = Span("MEDICAL", 12, 28, "lexicon:medical", 0.75, "term")  # "seizure disorder"
    assert [(s.category, s.start, s.end, s.score) for s in resolve([a, b])] == [
        ("MEDICAL", 10, 28, 0.75)
    ]


def test_overlapping_spans_of_two_categories_both_stand() -> None:
    a = Span("PERSON", 0, 10, "ner", 0.7, "name")
    b = Span("ADDRESS", 5, 30, "pattern:address", 0.9, "address")
    assert sorted(s.category for s in resolve([a, b])) == ["ADDRESS", "PERSON"]


def test_a_private_span_inside_a_public_one_is_dropped() -> None:
    docket = Span("CASE_NUMBER", 0, 24, "pattern:case_number", 1.0, "docket", private=False)
    digits = Span("ACCOUNT", 9, 14, "pattern:account", 0.7, "digits")
    assert [s.category for s in resolve([docket, digits])] == ["CASE_NUMBER"]
