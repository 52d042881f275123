"""The project's pattern packs run through Presidio's analyzer, and nothing else.

Each pack of ``patterns/`` becomes one Presidio ``EntityRecognizer``; the
registry holds only these (never Presidio's defaults: its e-mail recognizer
fetches a suffix list from the network, and its generic recognizers flag
docket numbers and citations). The packs carry their own context words, so the
analyzer runs with a no-op NLP engine: no model is loaded to find a number.
"""

from __future__ import annotations

import functools
import logging

from presidio_analyzer import (
    AnalysisExplanation,
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine
from presidio_analyzer.recognizer_registry import RecognizerRegistry

from .packs import Pack, PatternMatch, PatternSet
from .spans import Span

logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


class _Scanner:
    """Runs every pack over a text once; the pack recognizers share the result."""

    def __init__(self, patterns: PatternSet) -> None:
        self.patterns = patterns
        self._text: str | None = None
        self._matches: list[PatternMatch] = []
        self._by_pack: dict[str, list[PatternMatch]] = {}

    def matches(self, text: str) -> list[PatternMatch]:
        if text is not self._text:
            self._matches = self.patterns.scan(text)
            self._by_pack = {}
            for m in self._matches:
                self._by_pack.setdefault(m.pack, []).append(m)
            self._text = text
        return self._matches

    def pack_matches(self, text: str, pack: str) -> list[PatternMatch]:
        """The matches of one pack, in scan order."""
        self.matches(text)
        return self._by_pack.get(pack, [])


class PackRecognizer(EntityRecognizer):
    """One pattern pack as a Presidio recognizer. Results explain pack, pattern, validator, context."""

    def __init__(self, pack: Pack, scanner: _Scanner) -> None:
        self.pack = pack
        self.scanner = scanner
        entities = sorted(pack.categories)
        super().__init__(
            supported_entities=entities, name=f"pack:{pack.name}", supported_language="en"
        )

    def load(self) -> None:  # the pack is compiled already
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = []
        for m in self.scanner.pack_matches(text, self.pack.name):
            explanation = AnalysisExplanation(
                recognizer=self.name, original_score=m.score, pattern_name=m.pattern, pattern=None,
                validation_result=bool(m.validator), textual_explanation=m.why,
            )  # fmt: skip
            out.append(
                RecognizerResult(
                    entity_type=m.category,
                    start=m.value_start,
                    end=m.value_end,
                    score=m.score,
                    analysis_explanation=explanation,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        "public": m.public,
                        "pack": m.pack,
                        "pattern": m.pattern,
                        "why": m.why,
                    },
                )  # fmt: skip
            )
        return out


class PackContext(ContextAwareEnhancer):
    """The packs weigh their own context words (PatternMatch.context); nothing to add here."""

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=0.0,
            min_score_with_context_similarity=0.0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        return raw_results


class PackAnalyzer:
    """Presidio's AnalyzerEngine over the project's pattern packs only."""

    def __init__(self, patterns: PatternSet) -> None:
        self.patterns = patterns
        self.scanner = scanner = _Scanner(patterns)
        registry = RecognizerRegistry(supported_languages=["en"])
        for pack in patterns.packs:
            registry.add_recognizer(PackRecognizer(pack, scanner))
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}]),
            supported_languages=["en"],
            context_aware_enhancer=PackContext(),
        )
        self.public_categories = set(patterns.public_categories())

    def spans(self, text: str) -> list[Span]:
        if not text.strip() or not self.scanner.matches(text):
            return []  # no pack matched: the analyzer has nothing to weigh
        out = []
        for r in self.engine.analyze(text=text, language="en"):
            meta = r.recognition_metadata or {}
            why = meta.get("why", "")
            detector = f"pattern:{meta.get('pack')}/{meta.get('pattern')}"
            out.append(
                Span(
                    r.entity_type,
                    r.start,
                    r.end,
                    detector,
                    r.score,
                    why,
                    private=not meta.get("public"),
                )
            )
        return out


@functools.cache
def pack_analyzer() -> PackAnalyzer:
    """The analyzer over ``patterns/``, built once per process."""
    return PackAnalyzer(PatternSet.load())
