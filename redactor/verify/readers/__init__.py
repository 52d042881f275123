"""The independent readers verification uses: none of them shares code with the renderer.

* :mod:`redactor.verify.readers.pagetext`: the text of every page as pdfminer reads it,
  character by character, in drawing order and line by line;
* :mod:`redactor.verify.readers.content`: the text content streams show, decoded
  through their fonts' ToUnicode maps, and the strings written in objects;
* :mod:`redactor.verify.readers.objects`: the raw pikepdf scan of every object's text,
  orphaned objects, and the parts a redacted file must not keep.

:func:`normalise` folds what any of them reads the same way.
"""

from __future__ import annotations

import unicodedata

_LIGATURES = str.maketrans(
    {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": "", "\u00a0": " "}
)


def normalise(text: str) -> str:
    """Ligatures split, soft hyphens dropped, compatibility forms folded (full-width digits...)."""
    return unicodedata.normalize("NFKC", text.translate(_LIGATURES))
