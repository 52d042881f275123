"""Spans: what a detector reports about a stretch of one text, before it becomes a Finding.

A detector reads a plain string (a page's text or a surface's text) and returns
Spans with offsets into it. :func:`resolve` turns the spans of one text into the
final set: public spans win over private spans inside them, and of private
spans that overlap, the longest wins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import categories

# Categories found by a statistical model or a loose rule: their boundaries are soft,
# so one that only touches the public record is dropped rather than kept.
SOFT_DETECTORS = ("ner:", "names:")


@dataclass(frozen=True)
class Span:
    category: str
    start: int
    end: int
    detector: str
    score: float
    why: str
    private: bool = True

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: Span) -> bool:
        return other.start <= self.start and self.end <= other.end

    @property
    def soft(self) -> bool:
        return self.detector.startswith(SOFT_DETECTORS)


def _covers(public: Span, span: Span) -> bool:
    # What a block of the public record (counsel's signature, the attorney block) may hold:
    # names and contact details. A Social Security number inside one is still private.
    if public.category.startswith("_REGION") and span.category not in categories.IN_PUBLIC_BLOCK:
        return False
    return span.inside(public) or (span.soft and span.overlaps(public))


def _rank(span: Span) -> tuple:
    # when two private spans are the same length, the more specific category wins
    return (
        -(span.end - span.start),
        categories.priority(span.category),
        -span.score,
        span.start,
        span.detector,
    )


def resolve(spans: list[Span]) -> list[Span]:
    """The spans that stand: de-duplicated, public record first, longest private span wins."""
    regions = [s for s in spans if not s.private and s.category.startswith("_")]
    public = (
        _dedupe([s for s in spans if not s.private and not s.category.startswith("_")]) + regions
    )
    kept: list[Span] = []
    for span in sorted((s for s in spans if s.private), key=_rank):
        if span.end <= span.start:
            continue
        if any(_covers(p, span) for p in public):
            continue  # digits inside a docket number, a name inside a citation
        if any(span.inside(k) for k in kept):
            continue  # a longer private span already covers it
        same = [i for i, k in enumerate(kept) if k.category == span.category and k.overlaps(span)]
        if same:  # "a seizure" and "seizure disorder": one value, one redaction
            k = kept[same[0]]
            kept[same[0]] = replace(
                k,
                start=min(k.start, span.start),
                end=max(k.end, span.end),
                score=max(k.score, span.score),
            )
            continue
        kept.append(span)
    # Public spans that a private span overlaps stay visible to the reviewer only when
    # the private span did not win: a partial overlap keeps both (redaction is safe).
    return sorted(kept + public, key=lambda s: (s.start, s.end, s.category))


def _dedupe(spans: list[Span]) -> list[Span]:
    """Public spans without the ones another public span already holds."""
    out: list[Span] = []
    for span in sorted(spans, key=_rank):
        if not any(span.inside(o) for o in out):
            out.append(span)
    return out
