"""detect: what in a filing must go from the public record, and what must stay.

Reads like its recipe: find the public record first (caption, counsel, court,
citations), so its names are known; then, text by text (each page, each
surface), run the pattern packs through Presidio, the context rules (health,
internal affairs, minors, private people), spaCy's NER over the sentences where
a name can matter, and the user's own terms; carry every private name found to
its other mentions; resolve overlaps; and turn spans into Findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import categories
from ..model import Document, Finding, Page, SurfaceText, Term
from . import context as ctxmod
from .context import TextContext
from .legal import REGION, legal_spans
from .metadata import is_title, names_a_person, title_span
from .names import (
    ORG_WORDS,
    PublicNames,
    could_hold_name,
    in_case_name,
    looks_like_name,
    looks_like_place,
)
from .ner import entities, model_name
from .recognizers import pack_analyzer
from .spans import Span, resolve
from .tables import table_spans
from .zones import court_letterhead, zone_spans

__all__ = ["detect", "detect_text"]

_NAME_CATEGORIES = categories.PERSON_NAMES
_CONTACT = ("PHONE", "EMAIL", "ADDRESS")
_STAMP = re.compile(r"(?m)^[ \t]*(?:HIGHLY[ \t]+)?CONFIDENTIAL\b[^a-z\n]{0,60}$")
_IA_STRONG = re.compile(
    r"(?i)internal[ -]affairs|professional[ \t]+standards|\bIA[ \t]+(?:case|investigation|file)"
)


@dataclass
class _Text:
    """One text of the document: a page's text, or a surface's."""

    text: str
    page: Page | None = None
    surface: SurfaceText | None = None
    spans: list[Span] | None = None
    offset: int = 0  # length of the lead: the end of the previous page, read for context only


_LEAD_CHARS = 240


def _page_texts(pages: list[Page]) -> list[_Text]:
    """Each page's text, led by the last words of the previous page's body.

    A sentence that runs over a page break keeps its context: "deposit number"
    at the foot of page 1 still tells what the number at the top of page 2 is.
    Spans found in the lead belong to the previous page and are dropped.
    """
    out = []
    for i, page in enumerate(pages):
        lead = ""
        if i > 0:
            body = pages[i - 1].text.body.rstrip()
            tail = body[-_LEAD_CHARS:]
            cut = tail.find(" ") if len(body) > _LEAD_CHARS else -1
            lead = tail[cut + 1 :] + "\n" if tail else ""
        out.append(_Text(_readable(lead + page.text.text), page=page, offset=len(lead)))
    return out


def _readable(text: str) -> str:
    """The text as detectors read it: a transcript's middle dots ("CRYSTAL·LONG,· · ·:"),
    which stand for spaces there, read as spaces. One character for one, so every
    offset still points at the page."""
    return text.replace("\u00b7", " ") if "\u00b7" in text else text


def detect(
    doc: Document, *, terms: Sequence[Term] = (), never: Sequence[str] = ()
) -> list[Finding]:
    """Private findings and public-record findings, each with the reason it was found.

    ``terms`` are the user's own terms (always private), ``never`` the user's
    never-redact terms (public wherever they stand). What is done with each
    finding is not decided here: that is the plan's (:meth:`redactor.plan.Policy.decide`).
    """
    texts = _page_texts(doc.pages)
    texts += [_Text(s.text, surface=s) for s in doc.surfaces if _read_surface(s)]
    names = PublicNames()
    issued = bool(texts) and texts[0].page is not None and court_letterhead(texts[0].text)
    for t in texts:
        if t.page is not None:
            t.spans = legal_spans(t.text, t.page.number, names) + zone_spans(
                t.text, names, issued_by_court=issued
            )
    for public in never:
        names.add(public)
    _private_spans(texts, names, terms, issued)
    _carry_names(texts, names)
    _carry_values(texts)
    findings: list[Finding] = []
    for t in texts:
        findings += _findings(t, resolve(_apply_never(t.text, t.spans or [], never)))
    return sorted(set(findings), key=Finding.sort_key)


def detect_text(
    text: str, *, terms: Sequence[Term] = (), never: Sequence[str] = (), surface: bool = False
) -> list[Span]:
    """The resolved spans of one plain text (a page of one), for tests and tools."""
    names = PublicNames()
    text = _readable(text)
    t = _Text(text)
    issued = court_letterhead(text)
    t.spans = (
        []
        if surface
        else legal_spans(text, 1, names) + zone_spans(text, names, issued_by_court=issued)
    )
    if surface:
        t.surface = SurfaceText("annotation", "text", text)
    _private_spans([t], names, terms, issued)
    _carry_names([t], names)
    return [s for s in resolve(_apply_never(text, t.spans, never)) if s.category != REGION]


def _read_surface(s: SurfaceText) -> bool:
    """Whether a surface's text is read at all: a metadata field a program writes
    (Producer, Creator, a font's own XMP, ids and dates) names software, never a person."""
    if not s.text or not s.text.strip():
        return False
    return s.surface != "metadata" or names_a_person(s.where)


def _private_spans(
    texts: list[_Text], names: PublicNames, terms: Sequence[Term], issued: bool = False
) -> None:
    """Add every private span to each text: rules first, then one batch of NER for all texts.

    Contact values are resolved for the whole document before the model is asked: a
    sentence whose only phone is counsel's ("call my assistant at 415-555-0100") gives
    the model no reason to read it."""
    contexts = [_rule_spans(t, names) for t in texts]
    _resolve_values(texts, issued)
    jobs = [
        (t, ctx, s, e, reason)
        for t, ctx in zip(texts, contexts, strict=True)
        for s, e, reason in ctxmod.name_windows(ctx, t.spans or [])
    ]
    # A text without two words ("2024-03-01", "Word") yields no name whatever the model
    # says of it (see could_hold_name): the model is not asked.
    asked = [job for job in jobs if could_hold_name(job[0].text)]
    # The model reads a wrapped sentence as one line: a line break inside "made by\nAna Ruiz"
    # throws it off. Same length, so its offsets still hold.
    windows = [t.text[s:e].replace("\n", " ") for t, _, s, e, _ in asked]
    found = entities(windows, _NER_LABELS) if asked else []
    for (t, ctx, s, _, reason), ents in zip(asked, found, strict=True):
        t.spans += _ner_names(ctx, s, reason, ents)
    for t, ctx, s, e, reason in jobs:
        t.spans += ctxmod.shaped_names(ctx, s, e, reason)
    for t, ctx in zip(texts, contexts, strict=True):
        t.spans += (
            _contact_row_names(ctx, t.spans)
            + _addressee_names(ctx, t.spans)
            + _term_spans(t.text, terms)
        )
        t.spans = [_name_category(t.text, s) for s in t.spans]
        if t.surface is not None and t.surface.surface == "metadata":
            t.spans = _metadata_names(t, names)


def _metadata_names(t: _Text, names: PublicNames) -> list[Span]:
    """A person's name in Author, Title or Subject is who wrote or handled the file: a
    finding of its own kind, not a person of the text. A name the filing puts on the
    record (counsel who signs it, a party) is public there too, the surname alone
    enough ("Matt Kralovec" as Author of a letter "s/ Matthew P. Kralovec" signs); a
    title is read without its word processor's prefix, and only a model's name there
    counts (a title is all capitalised words: "Order Granting Prelim Injunction")."""
    where = t.surface.where if t.surface is not None else ""
    title = is_title(where)
    lo, hi = title_span(t.text) if title else (0, len(t.text))
    out = []
    for s in t.spans:
        if not s.private or s.category not in _NAME_CATEGORIES:
            out.append(s)
            continue
        name = t.text[s.start : s.end]
        if s.start < lo or s.end > hi or (title and not s.detector.startswith("ner:")):
            continue
        if not looks_like_name(name) or name in names or names.holds_word(name.split()[-1]):
            continue
        field = where.split()[-1].lstrip("/") if where.split() else "metadata"
        out.append(
            Span(
                "METADATA_NAME",
                s.start,
                s.end,
                s.detector,
                s.score,
                f"a person's name in the file's metadata ({field}): who wrote or handled the file",
            )
        )
    return out


def _rule_spans(t: _Text, names: PublicNames) -> TextContext:
    """Pattern packs and context rules over one text; returns what NER needs to know of it."""
    text = t.text
    spans = pack_analyzer().spans(text)
    is_ia = bool(_IA_STRONG.search(text)) or any(s.category in ("IA_CASE", "BADGE") for s in spans)
    ctx = TextContext(
        text=text, public_names=names, surface=t.surface is not None, ia=is_ia,
        confidential=bool(_STAMP.search(text)),
    )  # fmt: skip
    spans += ctxmod.medical_spans(ctx) + ctxmod.ia_spans(ctx) + ctxmod.school_spans(ctx)
    spans += (
        ctxmod.role_name_spans(ctx)
        + ctxmod.label_name_spans(ctx)
        + ctxmod.described_name_spans(ctx)
        + ctxmod.testimony_name_spans(ctx)
    )
    if t.page is not None:
        shifted = [
            replace(s, start=s.start + t.offset, end=s.end + t.offset) for s in table_spans(t.page)
        ]
        spans += [
            s
            for s in shifted
            if s.category not in _NAME_CATEGORIES or text[s.start : s.end] not in names
        ]
    if t.surface is not None and t.surface.surface != "metadata":
        spans += ctxmod.surface_dates(ctx)
    t.spans = (t.spans or []) + spans
    return ctx


_NAME_RUN = re.compile(ctxmod.NAME_OR_SURNAME)
# The small model often calls an unfamiliar person's name an ORG, a place or a nationality.
_NER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_CORPORATE = re.compile(r",?[ \t]+(?:Inc|LLC|L\.L\.C|Corp|Co|Ltd|L\.P|LLP|N\.A|P\.C)\b\.?")


def _ner_names(
    ctx: TextContext, offset: int, reason: str, ents: list[tuple[int, int, str]]
) -> list[Span]:
    """Names among spaCy's entities of one window (which starts at ``offset`` in the text).

    The small model often calls an unfamiliar name an ORG (or a place, or a
    nationality): such an entity that is shaped like a person's name (two or
    three capitalised words, none of them an organisation's or a town's word,
    not a party of a case name) counts as a name too. Each entity is widened to
    the run of capitalised words it sits in ("Zoltan" + "Chaudhry").
    """
    out = []
    detector = f"ner:{model_name()}"
    for s, e, label in ents:
        start, end = _widen(ctx.text, *_trim_name(ctx.text, offset + s, offset + e))
        name = ctx.text[start:end]
        if end <= start or not looks_like_name(name) or name in ctx.public_names:
            continue
        if looks_like_place(name) or ctxmod.speaks_for_a_party(ctx.text, end):
            continue  # "Skilak Lake Road"; "Allen Choy, managing member of the Debtor"
        if _ACRONYM_MIX(name):
            continue  # "BINT Band", "Bard IVC": an acronym beside a word is an organisation's
        if _CORPORATE.match(ctx.text, end):
            continue  # "Northstar Data Systems, Inc.": a company
        if in_case_name(ctx.text, start, end):
            continue  # "Pioneer Elecs. (USA), Inc. v. Superior Court": a cited case
        if label != "PERSON" and not (
            2 <= len(name.split()) <= 3
            and not name.isupper()
            and not ORG_WORDS.search(name)
            and not looks_like_place(name)
        ):
            continue
        out.append(
            Span(
                "PERSON",
                start,
                end,
                detector,
                0.7,
                f"{label} entity shaped like a name, in a sentence with {reason}",
            )
        )
    return out


def _ACRONYM_MIX(name: str) -> bool:
    words = name.split()
    caps = [w for w in words if len(w) >= 2 and w.isupper() and w.isalpha()]
    return bool(caps) and len(caps) < len(words) and any(not w.isupper() for w in words)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The run of capitalised words (on one line) that holds ``text[start:end]``."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for m in _NAME_RUN.finditer(text, line_start, line_end):
        if m.start() <= start < m.end() or start <= m.start() < end:
            a, b = min(m.start(), start), max(m.end(), end)
            return _trim_name(text, a, b)
    return start, end


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a possessive, a leading title and anything past a line break that is not a name."""
    head, nl, tail = text[start:end].partition("\n")
    if nl and (not tail.strip() or re.search(r"\d", tail) or not re.match(r"\s*[A-Z]", tail)):
        end = start + len(head)  # "Ana Ruiz\n(Type or print name)": the name ends at the line
    digit = re.search(r"[ \t]+\S*\d", text[start:end])
    if digit:
        end = start + digit.start()  # "Regalado CV18-10166": a name ends before a number
    while end > start and text[end - 1].isspace():
        end -= 1
    m = re.search(r"['’]s\b|['’]$", text[start:end])
    if m:
        end = start + m.start()
    lead = re.match(rf"(?:(?:Mr|Ms|Mrs|Dr|Miss)\.?|{ctxmod.OFFICER_TITLE})[ \t]+", text[start:end])
    if lead:
        start += lead.end()
    # a word that opens a sentence is capitalised, not a name's: "Both Hernandez Roman and ..."
    while (m := _SENTENCE_OPENER.match(text, start, end)) and m.end() < end:
        start = m.end()
    return start, end


_SENTENCE_OPENER = re.compile(
    r"(?:Both|If|When|While|Although|Because|Since|After|Before|Under|In|On|At|As|For|But|And|Or|"
    r"Unlike|Despite|Though|Then|Thus|Here|There|Each|Every|All|Any|Some|No|Neither|Either|Whether|"
    r"Where|Why|How|What|Which|Who|Whom|Whose|Once|Until|Upon|With|Without|Like|Per|Also|Only|Even|"
    r"Plaintiff|Plaintiffs|Defendant|Defendants|Appellant|Appellants|Appellee|Appellees|Petitioner|"
    r"Petitioners|Respondent|Respondents|Debtor|Debtors|Movant|Dear|Re|Attn|Attention)[ \t]+"
)


def _contact_row_names(ctx: TextContext, spans: list[Span]) -> list[Span]:
    """A name at the start of a line that holds private contact data: a row of a customer table."""
    out = []
    text = ctx.text
    for s in spans:
        if not s.private or s.category not in _CONTACT:
            continue
        line_start = text.rfind("\n", 0, s.start) + 1
        m = re.match(r"[ \t]*(?:\d+[.)]?[ \t]+)?(" + ctxmod.NAME + ")", text[line_start : s.start])
        if (
            m
            and looks_like_name(m.group(1))
            and not re.search(r"['’]s\b", m.group(1))  # "Romero's SSN": a sentence, not a row
            and m.group(1) not in ctx.public_names
            and not ORG_WORDS.search(m.group(1))
            and not looks_like_place(m.group(1))
        ):
            a = line_start + m.start(1)
            out.append(
                Span(
                    "PERSON",
                    a,
                    a + len(m.group(1)),
                    "names:row",
                    0.7,
                    f"name on the same line as a private {s.category.lower()}",
                )
            )
    return out


_ADDRESSEE = re.compile(
    rf"(?m)^[ \t]*(?:(?:Mr|Ms|Mrs|Miss|Dr|Mx)\.?[ \t]+)?({ctxmod.NAME})[ \t]*,?[ \t]*\n(?:[ \t]*\n)?[ \t]*$"
)


def _addressee_names(ctx: TextContext, spans: list[Span]) -> list[Span]:
    """The name on the line over a private home address: the addressee of a letter mailed to
    someone at home, the person an intake or incident form is about."""
    out = []
    text = ctx.text
    for s in spans:
        if not s.private or s.category != "ADDRESS":
            continue
        line_start = text.rfind("\n", 0, s.start) + 1
        if text[line_start : s.start].strip():
            continue  # the address runs on from a line's text, not a block of its own
        lo = max(0, line_start - 90)
        m = next(
            (x for x in _ADDRESSEE.finditer(text, lo, line_start) if x.end() == line_start), None
        )
        if m is None:
            continue
        name = m.group(1)
        if (
            looks_like_name(name)
            and name not in ctx.public_names
            and not ORG_WORDS.search(name)
            and not looks_like_place(name)
        ):
            out.append(
                Span(
                    "PERSON",
                    m.start(1),
                    m.end(1),
                    "names:addressee",
                    0.75,
                    "a name over a private home address",
                )
            )
    return out


def _name_category(text: str, span: Span) -> Span:
    """A private name beside a minor term is a MINOR's; after an officer's title, an officer's."""
    if span.category not in ("PERSON", "OFFICER_NAME") or not span.private:
        return span
    term = ctxmod.minor_category(text, span.start, span.end)
    if term:
        return Span(
            "MINOR",
            span.start,
            span.end,
            span.detector,
            span.score,
            f"{span.why}; minor term {term!r} beside the name",
        )
    if span.category == "PERSON" and re.search(
        rf"{ctxmod.OFFICER_TITLE}[ \t]+$", text[max(0, span.start - 14) : span.start]
    ):
        return Span(
            "OFFICER_NAME",
            span.start,
            span.end,
            span.detector,
            span.score,
            f"{span.why}; an officer's title before it",
        )
    return span


def _term_spans(text: str, terms: Sequence[Term]) -> list[Span]:
    out = []
    for term in terms:
        rx = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in term.text.split()) + r"(?!\w)"
        for m in re.finditer(rx, text, re.I):
            out.append(
                Span(term.category, m.start(), m.end(), "policy:term", 1.0, "the policy's own term")
            )
    return out


def _apply_never(text: str, spans: list[Span], never: Sequence[str]) -> list[Span]:
    """The policy's never-redact terms become public spans, so nothing inside them is redacted."""
    out = list(spans)
    for public in never:
        rx = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in public.split()) + r"(?!\w)"
        for m in re.finditer(rx, text, re.I):
            out.append(
                Span(
                    "_NEVER",
                    m.start(),
                    m.end(),
                    "policy:never",
                    1.0,
                    "the policy says never redact this",
                    private=False,
                )
            )
    return out


def _carry_names(texts: list[_Text], names: PublicNames) -> None:
    """Every other mention of a private person: the full name, or a title and the surname."""
    found: dict[str, Span] = {}
    for t in texts:
        for s in t.spans or []:
            if s.start < t.offset:
                continue  # the previous page's tail, read for context: its own page decides
            if s.private and s.category in _NAME_CATEGORIES:
                name = t.text[s.start : s.end]
                if looks_like_name(name) and name not in names:
                    found.setdefault(name, s)
    if not found:
        return
    by_surname = {name.split()[-1]: origin for name, origin in found.items()}
    full_names = sorted(found, key=len, reverse=True)
    surnames = sorted(by_surname, key=len, reverse=True)
    short = _short_forms(texts, found, names)
    for t in texts:
        extra = []
        places = _name_places(t.text, full_names, surnames)
        for start, end, surname_at in places:
            if surname_at >= 0:
                origin, start = by_surname[t.text[surname_at:end]], surname_at
            else:
                origin = found[t.text[start:end]]
            extra.append(
                Span(
                    origin.category,
                    start,
                    end,
                    "names:repeat",
                    origin.score - 0.05,
                    f"the same person as a {origin.category} found elsewhere",
                )
            )
        if short and t.surface is None:
            taken = [(a, b) for a, b, _ in places]
            for start, end, origin in _short_places(t.text, short, taken):
                extra.append(
                    Span(
                        origin.category,
                        start,
                        end,
                        "names:short",
                        origin.score - 0.1,
                        f"a short form of a {origin.category} named in full elsewhere",
                    )
                )
        t.spans = (t.spans or []) + extra


_WORD_RX = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _short_forms(texts: list[_Text], found: dict[str, Span], names: PublicNames) -> dict[str, Span]:
    """The one-word forms a filing uses for a private person once named in full: the family
    name ("Okafor testified"), and a minor's given name ("Mateo was nine"). Only a word that
    is no public name's, not a word the filing writes in lower case anywhere (so "Young" or
    "Rose" as a word of the text is left alone), and not a word that is never a name."""
    lower: set[str] = set()
    for t in texts:
        if t.surface is None:
            lower.update(w for w in _WORD_RX.findall(t.text) if w.islower())
    out: dict[str, Span] = {}
    for name, origin in found.items():
        family, _, given = name.partition(",")
        words = name.split() if not given else [given.strip(), family.strip()]
        if len(words) < 2:
            continue
        forms = [words[-1]] if not given else [family.strip()]
        if origin.category == "MINOR":
            forms.append(words[0])
        for w in forms:
            w = w.strip(",.")
            if (
                len(w) < 2
                or not w[0].isupper()
                or w.lower() in lower
                or names.holds_word(w)
                or w.lower() in NOT_A_SHORT_FORM
                or ORG_WORDS.search(w)
                or looks_like_place(w)
            ):
                continue
            out.setdefault(w, origin)
    return out


NOT_A_SHORT_FORM = frozenset(
    "the and mr ms mrs dr jr sr ii iii iv esq officer deputy judge plaintiff defendant court "
    "an as at be by do go he if in is it me my no of on or so to up us we am id ok".split()
)


def _short_places(
    text: str, short: dict[str, Span], taken: list[tuple[int, int]]
) -> list[tuple[int, int, Span]]:
    """Where a one-word form stands alone: not inside a longer word or a run of capitalised
    words (another person's name), and not where a full or titled mention already is."""
    out = []
    for word, origin in short.items():
        j = text.find(word)
        while j >= 0:
            end = j + len(word)
            if (
                not _name_edge(text, j - 1)
                and not _name_edge(text, end)
                and not any(a <= j < b for a, b in taken)
                and not _capitalised_beside(text, j, end)
            ):
                out.append((j, end, origin))
            j = text.find(word, j + 1)
    return out


def _capitalised_beside(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word (or an initial) stands right before or after, on the same
    line: "Ana Okafor" is another name, "Okafor Construction" a company's."""
    after = re.match(r"[ \t]+([A-Z][\w'’-]*)", text[end : end + 30])
    if after and after.group(1) not in ("I", "A"):
        return True
    if re.search(r"(?:\bof|\bv\.|\bvs\.|\bde|\bdel|\bla)[ \t]+$", text[max(0, start - 8) : start]):
        return True  # "City of Vallejo", "Smith v. Vallejo": a place's or a case's name
    before = re.search(r"([A-Z][\w'’.-]*)[ \t]+$", text[max(0, start - 30) : start])
    return bool(before) and before.group(1).rstrip(".") not in _SENTENCE_WORDS


# Capitalised words that open a sentence or a clause before a bare name: "But Okafor ...".
_SENTENCE_WORDS = frozenset(
    "A An The And But Or So Yet If When While Although Because Since After Before Then Thus "
    "Here There Later Still Only Even Also Both Neither Either Like Unlike As At In On By For "
    "To From With Without Against Per Did Does Do Had Has Have Was Were Is Are Said Cf See".split()
)


_CARRY_TITLES = ("Mr.", "Ms.", "Mrs.", "Dr.", "Miss", *ctxmod.OFFICER_TITLES)


def _name_places(
    text: str, full_names: list[str], surnames: list[str]
) -> list[tuple[int, int, int]]:
    r"""Where the names (longest first) are mentioned in ``text``: (start, end, where the surname starts or -1).

    A mention is a full name standing alone (no word character or ``-`` on either
    side), or a title ("Ms.", "Officer"...), spaces or tabs, and a surname not
    followed by a word character or ``-``. The places are those ``finditer`` finds
    with the regex ``(?<![\w-])(?:NAMES)(?![\w-])|TITLES[ \t]+(SURNAMES)(?![\w-])``:
    leftmost first; at one place a full name before a title, and the first
    alternative listed that fits; no overlaps. Spelled out by hand because
    compiling that regex anew for each filing costs more than the whole search.
    """
    starts: set[int] = set()
    for name in full_names:
        j = text.find(name)
        while j >= 0:
            starts.add(j)
            j = text.find(name, j + 1)
    for surname in surnames:
        j = text.find(surname)
        while j >= 0:
            gap = j
            while gap > 0 and text[gap - 1] in " \t":
                gap -= 1
            if gap < j:
                starts.update(
                    gap - len(title)
                    for title in _CARRY_TITLES
                    if gap >= len(title) and text.startswith(title, gap - len(title))
                )
            j = text.find(surname, j + 1)
    out: list[tuple[int, int, int]] = []
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue
        place = _full_name_at(text, start, full_names) or _titled_surname_at(text, start, surnames)
        if place:
            out.append(place)
            pos = place[1]
    return out


def _name_edge(text: str, i: int) -> bool:
    r"""Whether ``text[i]`` (if any) matches ``[\w-]``."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_-")


def _full_name_at(text: str, start: int, full_names: list[str]) -> tuple[int, int, int] | None:
    if _name_edge(text, start - 1):
        return None
    for name in full_names:
        if text.startswith(name, start) and not _name_edge(text, start + len(name)):
            return start, start + len(name), -1
    return None


def _titled_surname_at(text: str, start: int, surnames: list[str]) -> tuple[int, int, int] | None:
    for title in _CARRY_TITLES:
        if not text.startswith(title, start):
            continue
        at = start + len(title)
        while at < len(text) and text[at] in " \t":
            at += 1
        if at == start + len(title):
            continue
        for surname in surnames:
            if text.startswith(surname, at) and not _name_edge(text, at + len(surname)):
                return start, at + len(surname), at
    return None


_TOLL_FREE = re.compile(r"^(?:\+?1[ .-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[ .-]*\d{3}[ .-]?\d{4}$")
# "Employer's address", "principal place of business located at": an organisation's address.
_ORG_ADDRESS = re.compile(
    r"(?i)(?:employer|business|office|company|firm|agency|store|branch|headquarters|bank)['’]?s?[ \t]+"
    r"(?:(?:mailing|street|physical)[ \t]+)?address[ \t]*:?[ \t]*\n?[ \t]*$"
    r"|principal[ \t]+(?:place[ \t]+of[ \t]+business|office)\s+(?:is\s+)?(?:located\s+)?(?:at|in)?\s*$"
    r"|(?:headquartered|incorporated|organized)[^.\n]{0,60}?[ \t]at[ \t]*\n?[ \t]*$"
)
_COURT_NAME = re.compile(
    r"(?i)\b(?:district|supreme|superior|appeals?|bankruptcy|circuit|municipal|county)[ \t]+court\b"
)
# "in the courtroom of the Honorable Court at 450 Golden Gate Avenue", "Courtroom 3, located at":
# where a hearing is held is the court's address.
_COURT_PLACE = re.compile(
    r"(?i)\b(?:court(?:room|house)?|chambers|dept\.|department)\b[^.;]{0,80}?\b(?:at|located[ \t]+at|situated[ \t]+at)"
    r"[ \t]*\n?[ \t]*$"
)
# "My business address is ...", "my electronic service address is ...": the declarant of a
# proof of service gives the office's address, never a home's.
_BUSINESS_CONTACT = re.compile(
    r"(?i)\b(?:business|office|work|(?:electronic[ \t]+)?service)[ \t]+(?:e-?mail[ \t]+|mailing[ \t]+|street[ \t]+)?"
    r"(?:address|e-?mail|telephone|phone)(?:[ \t]+(?:is|was))?[ \t]*:?[ \t]*\n?[ \t]*$"
)
# Where anyone may have an address: an e-mail there tells nothing of whose office it is.
_WEBMAIL = frozenset(
    "gmail.com googlemail.com yahoo.com ymail.com hotmail.com outlook.com live.com msn.com aol.com "
    "icloud.com me.com mac.com comcast.net att.net sbcglobal.net verizon.net cox.net charter.net "
    "earthlink.net protonmail.com proton.me gmx.com mail.com zoho.com yandex.com".split()
)
_PUBLIC_CONTACT = {"COUNSEL_PHONE", "COUNSEL_EMAIL", "COUNSEL_ADDRESS", "COURT", "COURT_STAFF"}


def _value_key(category: str, value: str) -> str:
    """What makes two spellings of a contact value the same: a phone's digits, an
    e-mail's letters, an address's number and first street word."""
    if (
        category.endswith("PHONE")
        or category in ("COURT", "COURT_STAFF")
        and re.search(r"\d{3}", value)
    ):
        d = re.sub(r"\D", "", value)
        d = d[1:] if len(d) == 11 and d.startswith("1") else d
        if len(d) == 10:
            return "phone:" + d
    if "@" in value:
        return "email:" + value.strip().casefold()
    m = re.match(r"\s*(\d+[A-Za-z]?)\s+([A-Za-z]+)", value)
    return f"street:{m.group(1)} {m.group(2).casefold()}" if m else ""


def _resolve_values(texts: list[_Text], issued_by_court: bool) -> None:
    """Contact values resolved for the whole document, as one thing each.

    A phone, e-mail or street address that stands in counsel's block or the court's
    letterhead anywhere in the filing is the office's wherever else it is written
    ("1939 Harrison Street, Suite 420, Oakland, CA" in a certificate of service).
    A toll-free number is a business's; an address after "Employer's address" or
    "principal place of business" is an organisation's. In a letter or notice the
    court issued, a phone or e-mail in a sentence that names no private person
    ("Inquiries may be directed to 212-857-8528") is the court's own.
    """
    public: set[str] = set()
    for t in texts:
        for s in t.spans or []:
            if not s.private and s.category in _PUBLIC_CONTACT | {REGION}:
                for line in t.text[s.start : s.end].split("\n"):
                    for part in re.split(r"[;|]|\s{3,}", line):
                        key = _value_key(
                            "COUNSEL_PHONE", re.sub(r"(?i)^\D*?(?=\(?\d)", "", part)
                        ) or _value_key("", part)
                        if key:
                            public.add(key)
                    # an office's domain: its people's e-mails are the office's (a paralegal's,
                    # a deputy's), not a private person's; a webmail domain is anyone's
                    for m in _EMAIL_DOMAIN.finditer(line):
                        if m.group(1).casefold() not in _WEBMAIL:
                            public.add("domain:" + m.group(1).casefold())
    for t in texts:
        if not t.spans:
            continue
        kept = []
        for s in t.spans:
            if (
                s.private
                and s.category in _CONTACT
                and _public_value(t, s, public, issued_by_court)
            ):
                continue
            kept.append(s)
        t.spans = kept


_EMAIL_DOMAIN = re.compile(r"[\w.+'-]+@((?:[\w-]+\.)+[A-Za-z]{2,})")


def _public_value(t: _Text, s: Span, public: set[str], issued_by_court: bool) -> bool:
    value = t.text[s.start : s.end]
    key = _value_key(s.category, value)
    if key and key in public:
        return True
    if s.category == "EMAIL" and (m := _EMAIL_DOMAIN.search(value)):
        if "domain:" + m.group(1).casefold() in public:
            return True
    before = t.text[max(0, s.start - 120) : s.start]
    if s.category == "ADDRESS" and _COURT_PLACE.search(before):
        return True
    if _BUSINESS_CONTACT.search(before):
        return True
    if s.category == "PHONE" and _TOLL_FREE.match(value.strip()):
        return True
    if s.category == "ADDRESS" and _ORG_ADDRESS.search(t.text[max(0, s.start - 80) : s.start]):
        return True
    if s.category == "ADDRESS" and _COURT_NAME.search(value):
        return True  # "8 UNITED STATES DISTRICT COURT": a pleading line's number before the court's name
    if issued_by_court and t.surface is None and s.category in ("PHONE", "EMAIL"):
        if t.page is not None and t.page.scanned:
            return False  # an exhibit's scanned page: the court wrote none of it
        lo = max(t.text.rfind(". ", 0, s.start), t.text.rfind("\n\n", 0, s.start), 0)
        sentence = t.text[lo : s.end]
        if any(
            o.private and o.category not in _CONTACT and lo <= o.start < s.end
            for o in t.spans or ()
        ):
            return False  # beside a birth date or another private value: someone's own
        return not ctxmod.private_context(sentence)
    return False


# Values distinctive enough that the same string elsewhere is the same secret.
_CARRIED = categories.CARRIED


def _carry_values(texts: list[_Text]) -> None:
    """A protected value found once is protected everywhere it appears: a comment, a table, page 2."""
    found: dict[str, Span] = {}
    for t in texts:
        for s in t.spans or []:
            if s.start < t.offset:
                continue  # the previous page's tail, read for context: its own page decides
            value = t.text[s.start : s.end]
            if s.private and s.category in _CARRIED and len(value.strip()) >= 4:
                found.setdefault(" ".join(value.split()), s)
    if not found:
        return
    ordered = [v.split() for v in sorted(found, key=len, reverse=True)]
    for t in texts:
        extra = []
        for start, end in _value_places(t.text, ordered):
            origin = found.get(" ".join(t.text[start:end].split()))
            if origin is not None:
                extra.append(
                    Span(
                        origin.category,
                        start,
                        end,
                        "value:repeat",
                        origin.score - 0.05,
                        f"the same value as a {origin.category} found elsewhere ({origin.detector})",
                    )
                )
        t.spans = (t.spans or []) + extra


def _value_places(text: str, values: list[list[str]]) -> list[tuple[int, int]]:
    r"""Where the values (each a list of words, longest value first) stand in ``text``.

    A value stands where its words follow one another with any whitespace between,
    not glued to a word, an e-mail or a longer number: not after a word character,
    ``@``, ``.`` or ``-``; not before a word character or ``@``, nor before ``-`` or
    ``.`` and a digit. The places are those the regex alternation of the values
    (``(?<![\w@.-])`` + words joined by ``\s+`` + ``(?![\w@]|[-.]\d)``, longest
    first) finds with ``finditer``: leftmost first; at one place the first value
    listed that fits; no overlaps. Spelled out by hand because compiling that regex
    anew for each filing costs more than the whole search.
    """
    at: dict[
        int, list[int]
    ] = {}  # place -> the values whose first word starts there, in list order
    for i, words in enumerate(values):
        first = words[0]
        j = text.find(first)
        while j >= 0:
            at.setdefault(j, []).append(i)
            j = text.find(first, j + 1)
    out: list[tuple[int, int]] = []
    pos = 0
    for start in sorted(at):
        if start < pos:
            continue
        if start > 0 and _glued_before(text[start - 1]):
            continue
        for i in at[start]:
            end = _value_end(text, start, values[i])
            if end is not None:
                out.append((start, end))
                pos = end
                break
    return out


def _glued_before(ch: str) -> bool:
    r"""``ch`` matches ``[\w@.-]`` (``\w`` as Python's ``re`` reads it in a str pattern)."""
    return ch.isalnum() or ch in "_@.-"


def _value_end(text: str, start: int, words: list[str]) -> int | None:
    """The end of ``words`` (whitespace between them) read from ``start``, if the value ends there cleanly."""
    n = len(text)
    pos = start
    for k, word in enumerate(words):
        if k:
            gap = pos
            while gap < n and text[gap].isspace():
                gap += 1
            if gap == pos:
                return None
            pos = gap
        if not text.startswith(word, pos):
            return None
        pos += len(word)
    if pos < n:
        ch = text[pos]
        if ch.isalnum() or ch in "_@":
            return None
        if ch in "-." and pos + 1 < n and text[pos + 1].isdecimal():
            return None
    return pos


def _findings(t: _Text, spans: list[Span]) -> list[Finding]:
    out = []
    for s in spans:
        if s.category in (REGION, "_NEVER") or s.end <= t.offset:
            continue
        if t.offset:
            s = replace(s, start=max(s.start, t.offset) - t.offset, end=s.end - t.offset)
        common = dict(
            category=s.category, text=t.text[s.start + t.offset:s.end + t.offset], detector=s.detector, score=round(s.score, 3),
            why=s.why, start=s.start, end=s.end, private=s.private,
        )  # fmt: skip
        if t.page is not None:
            boxes = tuple(t.page.text.boxes_for(s.start, s.end))
            line = t.page.pleading_line_at(boxes[0]) if boxes else None
            out.append(Finding(page=t.page.number, bboxes=boxes, line=line, **common))
        else:
            sf = t.surface
            out.append(
                Finding(
                    page=sf.page,
                    bboxes=(sf.bbox,) if sf.bbox else (),
                    surface=sf.surface,
                    where=sf.where,
                    **common,
                )
            )
    return out
