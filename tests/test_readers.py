"""The verifying readers' shortcuts read exactly what the plain reading reads."""

from __future__ import annotations

import pikepdf
import pytest

from redactor.verify.readers.content import _Font, _strings
from redactor.verify.readers.objects import (
    _containers,
    _object_text,
    _only_numbers,
    _orphans,
    _refers,
)


def plain_decode(font: _Font, raw: bytes) -> str:
    """Code by code, as a two-byte font's strings read without the array."""
    get = font.map.get
    return "".join(
        get(int.from_bytes(raw[i : i + font.width], "big"), "\ufffd")
        for i in range(0, len(raw), font.width)
    )


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\x00\x41",
        b"\x00\x41\x00\x42",
        b"\x00\x41\x00",
        b"\x41",
        b"\xd8\x00\xdc\x00",
        b"\xff\xff\x00\x20\x12",
    ],
)
def test_two_byte_codes_read_as_one_code_at_a_time(raw):
    font = _Font(None)
    font.width, font.map = 2, {0x41: "A", 0x42: "B", 0x20: " ", 0xD800: "x", 0x12: "odd"}
    assert font.decode(raw) == plain_decode(font, raw)
    assert font.decode(raw) == plain_decode(font, raw)  # read again, from what was read


@pytest.mark.parametrize(
    "value, refers, numbers",
    [
        (pikepdf.Array([1, 2.5, pikepdf.Array([3, 4])]), False, True),
        (pikepdf.Array([1, pikepdf.String("Dolores")]), False, False),
        (pikepdf.Array([1, pikepdf.String(b"\x00\x01")]), False, False),  # written in hex
        (pikepdf.Array([pikepdf.Dictionary(A=1)]), False, False),
        (pikepdf.Array([pikepdf.Name.ICCBased, "REF"]), True, True),
        (pikepdf.Dictionary(A=pikepdf.Array([1, pikepdf.Dictionary(B="REF")])), True, False),
        (pikepdf.Dictionary(T=pikepdf.String("a 1 0 R")), True, False),  # unsure: walked
    ],
)
def test_what_an_object_names_and_holds(value, refers, numbers):
    pdf = pikepdf.new()
    target = pdf.make_stream(b"text")

    def place(obj):  # "REF" stands for a reference to a stream
        if isinstance(obj, pikepdf.Array):
            return pikepdf.Array([target if item == "REF" else place(item) for item in obj])
        if isinstance(obj, pikepdf.Dictionary):
            return pikepdf.Dictionary(
                {k: target if v == "REF" else place(v) for k, v in obj.items()}
            )
        return obj

    obj = pdf.make_indirect(place(value))
    assert _refers(obj) is refers
    named = any(
        isinstance(v, pikepdf.Object) and v.is_indirect
        for c in _containers(obj)
        for v in (c.values() if isinstance(c, pikepdf.Dictionary) else c)
    )
    assert refers or not named  # never "names nothing" when it names something
    assert _only_numbers(obj) is numbers
    assert _object_text(obj, "", None) == " ".join(_strings(obj))  # type: ignore[arg-type]


def test_an_object_only_an_array_of_numbers_names_is_reached():
    pdf = pikepdf.new()
    widths = pdf.make_indirect(pikepdf.Array([1, pikepdf.Array(list(range(50)))]))
    inner = pdf.make_indirect(pikepdf.Dictionary(Leak=pikepdf.String("x")))
    pdf.Root.W = widths
    pdf.Root.Chain = pdf.make_indirect(pikepdf.Array([1, pikepdf.Array([2, inner])]))
    pdf.make_indirect(pikepdf.Array([1, 2, 3]))  # nothing names it
    assert _orphans(pdf, list(pdf.objects)) == 1


def _content_tokens(parser_class, data: bytes) -> list:
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import PSEOF

    parser = parser_class([PDFStream({}, data)])
    out = []
    while True:
        try:
            out.append(parser.nextobject())
        except PSEOF:
            return out
        except Exception as exc:  # what pdfminer makes of a broken stream: the same either way
            out.append(type(exc).__name__)
            if len(out) > 10_000:
                return out


@pytest.mark.parametrize(
    "content",
    [
        b"BT [<0037004A0044>] TJ ET",
        b"<41> Tj <> Tj <4> Tj <414> Tj <4a4B4c> Tj",  # empty, a lone digit, odd length, both cases
        b"<41 42\n43\t44\r45\x0c46> Tj <4 1> Tj < 41 > Tj",  # blanks anywhere
        b"<4142 % not a comment\n> Tj <41zz> Tj /P <</MCID 0 /T <4142>>> BDC EMC",  # ended by another character; dicts
        b"[(a) -20 <0041> 3.5 <00>] TJ <41"
        + b"42" * 5000
        + b"> Tj",  # a long one, read in more than one buffer
        b"<414",  # never closed
    ],
)
def test_hex_strings_read_as_pdfminer_reads_them(content):
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.psparser import PSBaseParser

    from redactor.verify.readers import pagetext

    class Plain(PDFContentParser):
        _parse_hexstring = PSBaseParser._parse_hexstring  # pdfminer's own, a pair at a time

    assert PDFContentParser._parse_hexstring is pagetext._parse_hexstring
    assert _content_tokens(PDFContentParser, content) == _content_tokens(Plain, content)
