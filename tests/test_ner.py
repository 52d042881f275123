"""spaCy's entities, and the texts it has read lately (read once, answered from memory after)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from redactor.detect import ner  # noqa: E402

LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
TEXTS = [
    "Declarant Maria Gonzalez lives in Fresno with her son.",
    "The Court has read the papers filed by Pacific Gas and Electric Company.",
    "Maria Gonzalez and Dmitri Volkov signed the lease.",
]


class _CountingModel:
    """Stands in for the loaded pipeline: counts the texts it is asked to read."""

    def __init__(self, nlp):
        self.nlp, self.read = nlp, []

    def pipe(self, texts, batch_size=64):
        self.read += list(texts)
        return self.nlp.pipe(texts, batch_size=batch_size)


def test_a_text_read_before_is_not_read_again_and_gets_the_same_entities(monkeypatch):
    ner.forget()
    first = ner.entities(TEXTS, LABELS)
    model = _CountingModel(ner._nlp())
    monkeypatch.setattr(ner, "_nlp", lambda: model)
    again = ner.entities([TEXTS[2], "Joan Baker met Dmitri Volkov.", TEXTS[0], TEXTS[0]], LABELS)
    assert model.read == ["Joan Baker met Dmitri Volkov."]
    assert again[0] == first[2] and again[2] == again[3] == first[0]
    assert any(label == "PERSON" for _, _, label in first[0])


def test_labels_are_chosen_after_the_memory_not_before():
    ner.forget()
    everything = ner.entities([TEXTS[1]], LABELS)[0]
    people = ner.entities([TEXTS[1]], ("PERSON",))[0]
    assert people == [e for e in everything if e[2] == "PERSON"]
    assert any(label == "ORG" for _, _, label in everything)


def test_the_memory_is_bounded(monkeypatch):
    ner.forget()
    monkeypatch.setattr(ner, "READ_CACHE_SIZE", 2)
    ner.entities(TEXTS, LABELS)
    assert list(ner._READ) == TEXTS[1:]
    long = "Maria Gonzalez wrote. " * 200
    ner.entities([long], LABELS)
    assert long not in ner._READ


def test_the_model_multiplies_through_numpy_on_one_blas_thread(monkeypatch):
    threads = []

    class _Watching(_CountingModel):
        def pipe(self, texts, batch_size=64):
            threads.extend(
                info["num_threads"] for info in ner._blas().info() if info["user_api"] == "blas"
            )
            return super().pipe(texts, batch_size)

    layers = [node for node in ner._nlp().get_pipe("ner").model.walk() if "maxout" in node.name]
    assert layers and all(
        node.ops.use_blis is False for node in layers
    )  # NumPy's BLAS, not thinc's BLIS
    model = _Watching(ner._nlp())
    ner.forget()
    monkeypatch.setattr(ner, "_nlp", lambda: model)
    ner.entities(["Maria Gonzalez met Dmitri Volkov in Fresno."], LABELS)
    assert threads and set(threads) == {1}
