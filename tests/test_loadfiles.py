"""Concordance DAT and Opticon OPT: written, then read back by a reader built from the format."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redactor.production.loadfiles import (
    DAT_FIELDS,
    LoadFileError,
    OptPage,
    dat_text,
    opt_pages,
    read_dat,
    read_opt,
    write_dat,
    write_opt,
)

ROWS = [
    {"BEGBATES": "ABC00000001", "ENDBATES": "ABC00000005", "PAGECOUNT": 5, "FILENAME": "motion.pdf",
     "CONFIDENTIALITY": "CONFIDENTIAL", "REDACTED": "Y", "TEXTLINK": "TEXT\\ABC00000001.txt", "NATIVELINK": ""},
    {"BEGBATES": "ABC00000006", "ENDBATES": "ABC00000006", "PAGECOUNT": 1, "FILENAME": "Exhibit A,\nsecond line.pdf",
     "CONFIDENTIALITY": "HIGHLY CONFIDENTIAL – ATTORNEYS' EYES ONLY", "REDACTED": "N",
     "TEXTLINK": "TEXT\\ABC00000006.txt", "NATIVELINK": ""},
]  # fmt: skip


def test_dat_bytes_follow_the_format(tmp_path):
    path = tmp_path / "p.dat"
    write_dat(path, ROWS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    text = raw[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == "" and len(lines) == 4  # header + 2 rows, each ending CR LF
    assert lines[0] == "\x14".join(f"þ{f}þ" for f in DAT_FIELDS)
    assert "þExhibit A,®second line.pdfþ" in lines[2]  # in-field newline as ®
    assert lines[1].count("\x14") == len(DAT_FIELDS) - 1


def test_dat_round_trip(tmp_path):
    path = tmp_path / "p.dat"
    write_dat(path, ROWS)
    header, rows = read_dat(path)
    assert tuple(header) == DAT_FIELDS
    assert rows == [{k: str(v) for k, v in r.items()} for r in ROWS]


@pytest.mark.parametrize("value", ["thorn þ inside", "separator \x14 inside"])
def test_dat_refuses_what_it_cannot_quote(value):
    with pytest.raises(LoadFileError):
        dat_text([{"FILENAME": value}])


def test_dat_literal_registered_sign_is_not_read_as_a_newline(tmp_path):
    path = tmp_path / "p.dat"
    write_dat(path, [{"FILENAME": "Brand® brief.pdf"}])
    _, rows = read_dat(path)
    assert rows[0]["FILENAME"] == "Brand(R) brief.pdf"


def test_dat_unknown_field_refused():
    with pytest.raises(LoadFileError):
        dat_text([{"CUSTODIAN": "x"}])


@pytest.mark.parametrize("damage", [
    lambda b: b[3:],  # no byte-order mark
    lambda b: b[:-2],  # last row not terminated
    lambda b: b.replace("þ".encode(), b'"', 1),  # a field quoted the CSV way
    lambda b: b.replace(b"\x14", b",", 1),  # wrong separator: field count changes
])  # fmt: skip
def test_dat_reader_rejects_damaged_files(tmp_path, damage):
    path = tmp_path / "p.dat"
    write_dat(path, ROWS)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(LoadFileError):
        read_dat(path)


_text = st.text(
    st.characters(blacklist_characters="þ\x14®\r", blacklist_categories=("Cs",)), max_size=40
)


@given(st.lists(st.fixed_dictionaries({f: _text for f in DAT_FIELDS}), max_size=5))
def test_dat_round_trip_any_text(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("dat") / "p.dat"
    write_dat(path, rows)
    _, back = read_dat(path)
    assert back == rows


def test_opt_lines(tmp_path):
    pages = opt_pages(
        ["ABC00000001", "ABC00000002", "ABC00000003"], "VOL001", "IMAGES\\ABC00000001.pdf"
    )
    pages += opt_pages(["ABC00000004"], "VOL001", "IMAGES\\ABC00000004.pdf")
    path = tmp_path / "p.opt"
    write_opt(path, pages)
    assert path.read_bytes().decode("ascii").split("\r\n") == [
        "ABC00000001,VOL001,IMAGES\\ABC00000001.pdf,Y,,,3",
        "ABC00000002,VOL001,IMAGES\\ABC00000001.pdf,,,,",
        "ABC00000003,VOL001,IMAGES\\ABC00000001.pdf,,,,",
        "ABC00000004,VOL001,IMAGES\\ABC00000004.pdf,Y,,,1",
        "",
    ]
    back = read_opt(path)
    assert back == pages
    assert [p.image_key for p in back if p.doc_break] == ["ABC00000001", "ABC00000004"]


def test_opt_refuses_commas():
    with pytest.raises(LoadFileError):
        write_opt("/nonexistent/p.opt", [OptPage("A1", "VOL,1", "x.pdf", True)])


@pytest.mark.parametrize("line", [
    "ABC1,VOL,x.pdf,Y,,",  # six fields
    "ABC1,VOL,x.pdf,N,,,1",  # a flag that is not Y or empty
    "ABC1,VOL,x.pdf,Y,,,one",  # a count that is not a number
    ",VOL,x.pdf,Y,,,1",  # no image key
])  # fmt: skip
def test_opt_reader_rejects_bad_lines(tmp_path, line):
    path = tmp_path / "p.opt"
    path.write_bytes((line + "\r\n").encode())
    with pytest.raises(LoadFileError):
        read_opt(path)
