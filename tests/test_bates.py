"""Bates numbers, the registry of used ranges, and the stamp band."""

from __future__ import annotations

import json

import pymupdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redactor.production.bates import (
    BAND,
    BatesError,
    BatesRange,
    BatesRegistry,
    bates_number,
    check_prefix,
    check_stamp,
    content_reaches_band,
    parse_bates,
    stamp,
    stamp_document,
)


@pytest.mark.parametrize("prefix, n, digits, expected", [
    ("ABC", 1, 8, "ABC00000001"),
    ("ABC", 12345678, 8, "ABC12345678"),
    ("SMITH-", 42, 6, "SMITH-000042"),
    ("X", 7, 1, "X7"),
])  # fmt: skip
def test_bates_number(prefix, n, digits, expected):
    assert bates_number(prefix, n, digits) == expected
    assert parse_bates(f"page {expected} end", prefix, digits) == n


@pytest.mark.parametrize("n, digits", [(0, 8), (-1, 8), (100_000_000, 8), (10, 1)])
def test_bates_number_out_of_range(n, digits):
    with pytest.raises(BatesError):
        bates_number("ABC", n, digits)


@pytest.mark.parametrize("prefix", ["", " ABC", "AB C", "A/B", "-ABC", "ÄBC", "A" * 21, "ABC\n"])
def test_bad_prefixes_refused(prefix):
    with pytest.raises(BatesError):
        check_prefix(prefix)


def test_parse_bates_needs_the_whole_number():
    assert parse_bates("ABC000000012", "ABC", 8) is None  # nine digits: not this format
    assert parse_bates("XABC00000012", "ABC", 8) is None
    assert parse_bates("ABC00000012", "ABC", 8) == 12


@given(st.integers(1, 10**8 - 1))
def test_number_round_trip(n):
    assert parse_bates(bates_number("ABC", n), "ABC") == n


def test_range_numbers():
    r = BatesRange("ABC", 9, 11, 4)
    assert (r.begin, r.end, r.pages) == ("ABC0009", "ABC0011", 3)
    assert r.numbers() == ["ABC0009", "ABC0010", "ABC0011"]


def test_registry_persists_and_continues(tmp_path):
    path = tmp_path / "bates-registry.json"
    reg = BatesRegistry.load(path)
    assert reg.next_number("ABC") == 1
    reg.record("ABC", "run1", 1, 5)
    reg.record("ABC", "run1", 1, 12)  # the run grows as documents commit
    reg.record("XYZ", "run1", 100, 110)
    again = BatesRegistry.load(path)
    assert again.used("ABC") == [(1, 12)]
    assert again.next_number("ABC") == 13
    assert again.next_number("XYZ") == 111
    assert again.next_number("NEW") == 1
    assert again.overlap("ABC", 12, 20) == (1, 12)
    assert again.overlap("ABC", 13, 20) is None
    assert again.overlap("XYZ", 50, 99) is None
    assert json.loads(path.read_text())["format"] == "redactor-bates-registry/1"


def test_damaged_registry_is_an_error_not_a_fresh_start(tmp_path):
    path = tmp_path / "bates-registry.json"
    path.write_text("{not json")
    with pytest.raises(BatesError, match="registry"):
        BatesRegistry.load(path)


def _page_doc(bottom_text_y: float | None, *, width=612, height=792) -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page(width=width, height=height)
    page.insert_text((72, 100), "Top line of the filing", fontsize=12)
    if bottom_text_y is not None:
        page.insert_text((72, bottom_text_y), "Footer words reaching the bottom edge", fontsize=12)
    return doc


def _words(page):
    return [(w[4], pymupdf.Rect(w[:4])) for w in page.get_text("words")]


@pytest.mark.parametrize(
    "legend", [None, "CONFIDENTIAL", "HIGHLY CONFIDENTIAL – ATTORNEYS' EYES ONLY"]
)
def test_page_with_text_to_the_bottom_is_shrunk_out_of_the_band(legend):
    before = _page_doc(788)  # baseline 4 pt above the edge
    assert content_reaches_band(before[0])
    after = stamp_document(before, ["ABC00000001"], legend)
    assert check_stamp(after, ["ABC00000001"], legend) is None
    page = after[0]
    band_top = page.rect.y1 - BAND
    stamp = set(("ABC00000001 " + (legend or "")).split())
    content = [(t, r) for t, r in _words(page) if t not in stamp]
    assert {t for t, _ in content} >= {"Footer", "bottom", "Top"}
    assert all(r.y1 <= band_top + 0.01 for _, r in content), "no original word may sit in the band"
    band_words = " ".join(t for t, r in _words(page) if r.y0 >= band_top)
    assert "ABC00000001" in band_words
    if legend:
        assert legend.replace("–", "–") in band_words
    assert page.rect == before[0].rect  # same page size


def test_page_clear_of_the_band_is_not_moved():
    before = _page_doc(700)
    assert not content_reaches_band(before[0])
    after = stamp_document(before, ["ABC00000002"], "CONFIDENTIAL")
    old = {t: r for t, r in _words(before[0])}
    new = {t: r for t, r in _words(after[0])}
    for t, r in old.items():
        assert abs(new[t].y0 - r.y0) < 0.01 and abs(new[t].x0 - r.x0) < 0.01
    number = new["ABC00000002"]
    assert number.x1 <= after[0].rect.x1 - 30 and number.y0 >= after[0].rect.y1 - BAND
    assert new["CONFIDENTIAL"].x0 < 100  # bottom left


def test_full_page_scan_is_shrunk():
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    pix.set_rect(pix.irect, (200, 200, 200))
    page.insert_image(page.rect, pixmap=pix)
    assert content_reaches_band(page)
    after = stamp_document(doc, ["ABC00000003"], None)
    image_box = after[0].get_image_info()[0]["bbox"]
    assert image_box[3] <= after[0].rect.y1 - BAND + 0.01


def test_white_background_does_not_count_as_content():
    doc = _page_doc(None)
    doc[0].draw_rect(doc[0].rect, color=None, fill=(1, 1, 1))
    assert not content_reaches_band(doc[0])


def test_rotated_page_is_stamped_upright():
    doc = _page_doc(None)
    doc[0].set_rotation(90)
    after = stamp_document(doc, ["ABC00000004"], None)
    assert after[0].rotation == 0
    assert after[0].rect.width > after[0].rect.height  # landscape as displayed
    assert check_stamp(after, ["ABC00000004"], None) is None


def test_check_stamp_catches_words_in_the_band():
    before = _page_doc(700)
    after = stamp_document(before, ["ABC00000001"], None)
    assert check_stamp(after, ["ABC00000001"], None) is None
    after[0].insert_text((200, after[0].rect.y1 - 14), "Reintroduced", fontsize=9)
    assert "band" in check_stamp(after, ["ABC00000001"], None)


def test_stamp_refuses_a_page_whose_band_it_cannot_clear(monkeypatch):
    import redactor.production.bates as bates

    monkeypatch.setattr(bates, "content_reaches_band", lambda page, band=bates.BAND: False)
    with pytest.raises(bates.StampError, match="band"):
        stamp_document(_page_doc(788), ["ABC00000001"], None)


def test_check_stamp_catches_a_wrong_number():
    before = _page_doc(700)
    after = stamp_document(before, ["ABC00000001"], None)
    assert check_stamp(after, ["ABC00000009"], None) is not None


def test_numbers_must_match_pages():
    with pytest.raises(ValueError):
        stamp_document(_page_doc(None), ["A1", "A2"], None)


# -- stamping in place -------------------------------------------------------------------


def _words_by_text(page):
    return {w[4]: pymupdf.Rect(w[:4]) for w in page.get_text("words")}


@pytest.mark.parametrize("crop, footer", [(None, 788), ((10, 20, 600, 780), 775)])
def test_in_place_stamp_matches_a_copied_stamp(crop, footer):
    def make():
        doc = _page_doc(footer)
        doc[0].insert_link(
            {
                "kind": pymupdf.LINK_URI,
                "from": pymupdf.Rect(72, 90, 200, 104),
                "uri": "https://example.org",
            }
        )
        if crop:
            doc[0].set_cropbox(pymupdf.Rect(*crop))
        return doc

    copied = stamp_document(make(), ["ABC00000001"], "CONFIDENTIAL")
    doc = make()
    finished = stamp(doc, ["ABC00000001"], "CONFIDENTIAL")
    stamped = finished.pdf
    assert stamped is doc  # changed in place
    assert list(finished.moved) == [
        0
    ]  # the page was shrunk above the band: verification is told how
    assert check_stamp(stamped, ["ABC00000001"], "CONFIDENTIAL") is None
    old, new = _words_by_text(copied[0]), _words_by_text(stamped[0])
    assert old.keys() == new.keys()
    stamp_words = ("ABC00000001", "CONFIDENTIAL")
    for word, rect in old.items():  # the page's own words land where the copy puts them
        if word not in stamp_words:
            assert all(abs(a - b) < 0.2 for a, b in zip(rect, new[word], strict=True)), word
    band_top = stamped[0].rect.y1 - BAND
    assert all(r.y1 <= band_top + 0.01 for w, r in new.items() if w not in stamp_words)
    assert all(new[w].y0 >= band_top for w in stamp_words)
    assert stamped[0].get_links() == []  # as a copied page drops them


def test_in_place_stamp_leaves_a_shared_content_stream_alone():
    doc = _page_doc(788)
    second = doc.new_page()
    first = doc[0].get_contents()[0]
    doc.xref_set_key(second.xref, "Resources", doc.xref_get_key(doc[0].xref, "Resources")[1])
    doc.xref_set_key(second.xref, "Contents", f"{first} 0 R")  # both pages draw the same stream
    before = doc.xref_stream(first)
    stamp(doc, ["ABC00000001", "ABC00000002"], None)
    assert doc.xref_stream(first) == before
    band = [p.get_text(clip=pymupdf.Rect(0, p.rect.y1 - BAND, p.rect.x1, p.rect.y1)) for p in doc]
    assert [parse_bates(t, "ABC") for t in band] == [1, 2]


def test_a_rotated_page_is_stamped_on_a_copy():
    doc = _page_doc(None)
    doc[0].set_rotation(90)
    finished = stamp(doc, ["ABC00000004"], None)
    stamped = finished.pdf
    assert stamped is not doc and stamped[0].rotation == 0 and list(finished.moved) == [0]
    assert check_stamp(stamped, ["ABC00000004"], None) is None


@pytest.mark.parametrize("legend", ["CONFIDENTIAL", "HIGHLY CONFIDENTIAL – ATTORNEYS' EYES ONLY"])
def test_the_stamp_is_written_in_an_embedded_font(legend):
    """Courts' e-filing systems want every font embedded; the stamp adds none that is not."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "A filing set in Times", fontname="tiro", fontsize=12)
    before = {f[0] for f in doc[0].get_fonts()}
    stamp(doc, ["ABC00000003"], legend)
    added = [f for f in doc[0].get_fonts() if f[0] not in before]
    assert added and all(f[1] != "n/a" for f in added), added  # extension "n/a": not embedded
    saved = pymupdf.open("pdf", doc.tobytes(garbage=4))
    assert {"ABC00000003", *legend.split()} <= {w[4] for w in saved[0].get_text("words")}
