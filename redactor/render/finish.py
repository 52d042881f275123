"""Saving the public copy whole: no incremental update, no orphaned objects, no dates,
a file identifier made from the content, so the same plan gives the same bytes."""

from __future__ import annotations

import io

import pikepdf
import pymupdf

from .scrub import PRODUCER


def save_whole(pdf: pymupdf.Document) -> bytes:
    # garbage=4: only reachable objects, duplicates merged; clean: one sanitised content
    # stream a page. No deflate here: qpdf compresses every stream when it writes below.
    data = pdf.tobytes(garbage=4, deflate=False, clean=True)
    with pikepdf.open(io.BytesIO(data)) as p:
        title = p.docinfo.get("/Title") if "/Info" in p.trailer else None
        info = pikepdf.Dictionary(Producer=pikepdf.String(PRODUCER))
        if title is not None and str(title).strip():
            info.Title = pikepdf.String(str(title))
        p.trailer.Info = p.make_indirect(info)
        if "/Metadata" in p.Root:
            del p.Root.Metadata
        if "/ID" in p.trailer:  # MuPDF made it at random; qpdf makes one from the content
            del p.trailer.ID
        out = io.BytesIO()
        # qpdf writes only the objects reachable from the trailer: nothing orphaned survives.
        p.save(out, deterministic_id=True, compress_streams=True, linearize=False)
    return out.getvalue()
