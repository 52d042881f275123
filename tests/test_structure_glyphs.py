"""The page-wide glyph arrays of the structural check agree with a plain reading of the text trace."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.detect.structure import _Glyphs

SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.pdf"))


def _built_page() -> pymupdf.Document:
    """Spaces, a combining mark, invisible, stroked, tiny, white and off-page text on one page."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Jane  Roe e\u0301 123-45-6789")
    page.insert_text((72, 100), "invisible", render_mode=3)
    page.insert_text((72, 130), "outlined", render_mode=1)
    page.insert_text((72, 160), "tiny", fontsize=1)
    page.insert_text((72, 190), "white", color=(1, 1, 1))
    page.insert_text((-300, 220), "off the page")
    return doc


def _pages():
    doc = _built_page()
    yield pytest.param(doc, 0, id="built")
    yield pytest.param(pymupdf.open(), None, id="no-page-text")
    for path in SAMPLES:
        pdf = pymupdf.open(path)
        for n in range(pdf.page_count):
            yield pytest.param(pdf, n, id=f"{path.stem}-p{n + 1}")


def _expected(spans: list[dict]) -> list[tuple]:
    """Each character that can leave ink: (char, box, core, seqno, span, index, type, size, opacity)."""
    out = []
    for s, span in enumerate(spans):
        for c, (ucs, _gid, _origin, (x0, y0, x1, y1)) in enumerate(span["chars"]):
            char = chr(ucs)
            if x1 <= x0 or y1 <= y0 or char.isspace() or unicodedata.combining(char):
                continue
            dx, dy = (x1 - x0) * 0.2, (y1 - y0) * 0.25
            core = (x0 + dx, y0 + dy, x1 - dx, y1 - dy)
            out.append(
                (
                    char,
                    (x0, y0, x1, y1),
                    core,
                    span["seqno"],
                    s,
                    c,
                    span["type"],
                    span["size"],
                    span.get("opacity", 1.0),
                )
            )
    return out


@pytest.mark.parametrize(("pdf", "page_no"), list(_pages()))
def test_glyph_arrays_match_the_text_trace(pdf: pymupdf.Document, page_no: int | None) -> None:
    if page_no is None:
        pdf.new_page()
        page_no = 0
    spans = pdf[page_no].get_texttrace()
    glyphs = _Glyphs(spans)
    expected = _expected(spans)
    assert len(glyphs) == len(expected)
    made = [glyphs[i] for i in range(len(glyphs))]
    assert [
        (g.char, tuple(g.box), g.core, g.order[0], g.span, g.index, g.kind, g.size, g.opacity)
        for g in made
    ] == expected
    assert [g.order for g in made] == [(e[3], e[4], e[5]) for e in expected]
    # the arrays hold exactly the values of the objects
    assert np.array_equal(
        glyphs.boxes.reshape(-1, 4), np.array([e[1] for e in expected]).reshape(-1, 4)
    )
    assert np.array_equal(
        glyphs.cores.reshape(-1, 4), np.array([e[2] for e in expected]).reshape(-1, 4)
    )
    assert glyphs.seqs.tolist() == [e[3] for e in expected]
    assert glyphs.span.tolist() == [e[4] for e in expected]
    assert glyphs.index.tolist() == [e[5] for e in expected]
    assert glyphs.kinds.tolist() == [e[6] for e in expected]
    assert glyphs.sizes.tolist() == [e[7] for e in expected]
    assert glyphs.opacities.tolist() == [e[8] for e in expected]
    assert glyphs.lumas.tolist() == [g.luma for g in made]


def test_built_page_keeps_the_kinds_it_was_given() -> None:
    spans = _built_page()[0].get_texttrace()
    kinds = set(_Glyphs(spans).kinds.tolist())
    assert kinds == {0, 1, 3}  # filled, stroked and invisible text all reach the arrays
