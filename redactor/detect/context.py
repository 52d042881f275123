"""Protected details that only context reveals: health, internal affairs, minors, private people.

A bare word list flags too much ("treatment" is everywhere in a sealing motion),
so each rule needs a reason near the word: a medical word in the sentence, an
internal-affairs vocabulary on the page, a minor term beside a name. The names
themselves come from two places: rules (a role word right before or after a
capitalised name) and spaCy's NER, which runs only over the sentences where a
name can matter (see :func:`name_windows`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from ..errors import PolicyError
from ..patterns import load_lexicon
from .names import NAME, NAME_OR_SURNAME, PublicNames, looks_like_name
from .spans import Span


@functools.cache
def lexicon(name: str) -> frozenset[str]:
    """A lexicon of ``patterns/lexicons``; empty when the pack set has none by that name."""
    try:
        return load_lexicon(name)
    except PolicyError:
        return frozenset()


def _alternation(words: frozenset[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w.strip())


@functools.cache
def _lexicon_regex(*names: str, extra: tuple[str, ...] = ()) -> re.Pattern | None:
    words = set(extra)
    for n in names:
        words |= lexicon(n)
    return re.compile(rf"(?i)(?<![\w-])(?:{_alternation(words)})(?![\w-])") if words else None


# --- sentences -------------------------------------------------------------------

_SENTENCE_END = regex.compile(
    r"(?<![A-Z])(?<!\b(?:No|Nos|Co|Inc|Dr|Mr|Ms|Mrs|Hon|St|Ave|v|Cal|Civ|Fed|Sgt|Lt|Ofc|Det|al|Jr|Sr))[.!?:][\"”)]?(?=\s+[A-Z(“\"0-9])"
    r"|(?<=[A-Z0-9)][ \t]*)\n\s*\n(?=[ \t]*[A-Z0-9(])(?<![a-z,][ \t]*\n\s*\n)"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence bounds: enough to keep a context word with its name."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


# --- vocabularies ----------------------------------------------------------------

MEDICAL_CONTEXT = re.compile(
    r"(?i)\b(?:diagnos\w*|medical|medicat\w*|prescri\w*|physician|doctor|nurse|clinic\w*|hospital\w*|"
    r"treat\w*|therap\w*|psychiatr\w*|psycholog\w*|mental[ -]health|health|patient|chart|MRN|symptom\w*|"
    r"condition|suffer\w*|care|admitted|discharg\w*|mg|dosage|surgery|injur\w*)\b"
)
# Head words of a diagnosis and endings of medical terms: they generalise past the lexicon.
_MED_HEAD = (
    r"disorder|disease|syndrome|diabetes|cancer|carcinoma|tumou?r|injury|infection|apnea|migraine|"
    r"sclerosis|epilepsy|asthma|leukemia|hepatitis(?:[ \t]+[A-E])?|pancreatitis|arthritis|dementia|"
    r"depression|anxiety|schizophrenia|psychosis|concussion|fracture|seizures?|pregnancy|overdose|"
    r"HIV(?:-positive)?(?:[ \t]+status)?|AIDS|dyslexia|autism|ADHD|PTSD|"
    r"(?:prenatal|postnatal|psychiatric|hospice|palliative|mental[ \t]+health|inpatient|outpatient|substance[ \t]+abuse|detox\w*)[ \t]+(?:care|treatment)|\w+itis|\w+osis|\w+emia|\w+oma|\w+pathy|\w+algia"
)
_STOP = r"with|of|for|and|or|the|from|to|in|at|on|by|a|an|his|her|their|its|is|was|has|had|reflect|reflects|describe|document|concerning|diagnosis|treatment|records?"
_MED_PHRASE = re.compile(
    rf"(?i)(?<![\w-])(?!(?:diagnosis|prognosis)\b)(?:(?:a|an)[ \t]+)?(?:(?!(?:{_STOP})\b)[\w/'’-]+[ \t]+){{0,3}}?(?:{_MED_HEAD})(?![\w-])"
)
_MED_LEAD = re.compile(
    r"(?i)\b(?:diagnos(?:is|ed|es)[ \t]+(?:of|with)|treat(?:ment|ed)[ \t]+for|prescri(?:ption|bed)[ \t]+(?:for[ \t]+)?|"
    r"suffer(?:s|ed|ing)?[ \t]+from|history[ \t]+of|admitted[ \t]+for|hospitali[sz]ed[ \t]+for)[ \t]+"
    r"((?:[\w/'’-]+[ \t]*){1,6}?)(?=[.,;:()]|[ \t]+(?:and|for|at|in|on|under|which|that|since|after|while)\b|$)"
)
_FACILITY = re.compile(
    r"(?:[A-Z][\w'’&.-]*[ \t]+){1,4}(?:Hospital|Clinic|Medical[ \t]+Center|Medical[ \t]+Group|Health[ \t]+Center|"
    r"Behavioral[ \t]+Health|Family[ \t]+Medicine|Health|Urgent[ \t]+Care|Pharmacy|Rehabilitation[ \t]+Center|"
    r"Psychiatric[ \t]+\w+|Treatment[ \t]+Center)(?![\w-])"
)
IA_TERMS = _lexicon_regex("ia_terms")
IA_CONTEXT = re.compile(
    r"(?i)\binternal[ -]affairs\b|\bIA[ #]|\bprofessional[ \t]+standards\b|\bpersonnel[ \t]+(?:file|record)s?\b|"
    r"\bdisciplin\w*|\bcomplainant\b|\bcitizen\s+(?:complaint|grievance)\b|\bbadge\b|\binvestigat\w*\b"
)
_IA_FINDING = re.compile(
    r"(?i)\b(?:(?:a|an)[ \t]+)?(?:(?:not-?[ \t]?)?sustained|exonerated|unfounded)[ \t]+finding(?:[ \t]+(?:of|on)[ \t]+[^.;\n]{3,60}?)?(?=[.;,\n]|$)|"
    r"\b(?:(?:a|an)[ \t]+)?(?:[\w-]+[ \t]+){0,2}(?:suspension|reprimand|demotion|termination|retraining|counseling|"
    r"fitness-for-duty[ \t]+evaluation|last-chance[ \t]+agreement)(?:[ \t]+(?:of|without|and|to)[ \t]+[^.;\n]{2,50}?)?(?=[.;,\n]|$)|"
    r"\b(?:a[ \t]+)?(?:transfer[ \t]+out[ \t]+of|removal[ \t]+from)[ \t]+[^.;\n]{3,60}?(?=[.;,\n]|$)"
)
MINOR_CONTEXT = re.compile(
    r"(?i)\b(?:minors?|child(?:ren)?|son|daughter|juvenile|infant|toddler|teen(?:ager)?|student|pupil|"
    r"grader|kindergarten\w*|stepson|stepdaughter|grandson|granddaughter|"
    r"age[ \t]+\d{1,2}|aged[ \t]+\d{1,2}|\d{1,2}[ \t-]+years?[ \t-]+old|who[ \t]+is[ \t]+\d{1,2}\b|born[ \t]+in[ \t]+20[0-2]\d"
    + "".join(f"|{re.escape(w)}" for w in sorted(lexicon("minor_terms"), key=len, reverse=True))
    + r")\b"
)
_SCHOOL = re.compile(
    r"(?:[A-Z][\w.'’-]*[ \t]+){1,4}(?:Elementary|Middle|High|Junior[ \t]+High|Intermediate|Primary|Preparatory|Charter)"
    r"(?:[ \t]+School)?(?![\w-])(?![ \t]+(?:School[ \t]+)?District)|(?:[A-Z][\w.'’-]*[ \t]+){1,4}(?:Academy|School)(?![\w-])(?![ \t]+District)"
)
ROLE_WORDS = (
    "complainant", "witness", "customer", "client", "patient", "inmate", "detainee", "victim",
    "informant", "bystander", "neighbor", "neighbour", "caller", "reporting party", "cellmate",
    "employee", "tenant", "resident", "roommate", "mother", "father", "parent", "guardian",
    "wife", "husband", "spouse", "sister", "brother", "grandmother", "grandfather", "aunt",
    "uncle", "cousin", "niece", "nephew", "girlfriend", "boyfriend", "fiancé", "fiancée",
    "relative", "applicant", "borrower", "account holder", "cardholder", "subscriber",
)  # fmt: skip
_ROLE = _lexicon_regex("person_roles_private", "minor_terms", extra=ROLE_WORDS)
OFFICER_TITLE = r"(?:Officer|Ofc\.|Sergeant|Sgt\.|Deputy|Detective|Det\.|Lieutenant|Lt\.|Corporal|Cpl\.|Captain|Capt\.|Trooper|Agent)"
_OFFICER = re.compile(rf"\b{OFFICER_TITLE}[ \t]+({NAME_OR_SURNAME})")
_CUSTODY = re.compile(r"(?i)\b(?:jail|prison|custody|detention|incarcerat\w*|interview(?:ed|s)?|testif\w*|declarant)\b")
CONFIDENTIAL = re.compile(r"\bCONFIDENTIAL\b|(?i:attorneys['’]? eyes only|filed under seal|protective order)")
_NAME_RX = re.compile(NAME)
_NAME_RUN = re.compile(rf"{NAME_OR_SURNAME.replace('{0,3}', '{1,5}')}")


@dataclass
class TextContext:
    """What is known about one text before its names are read."""

    text: str
    public_names: PublicNames
    surface: bool = False
    ia: bool = False
    confidential: bool = False


# --- detectors -------------------------------------------------------------------


def medical_spans(ctx: TextContext) -> list[Span]:
    text, out = ctx.text, []
    terms = _lexicon_regex("medical_conditions", "medications")
    for s, e in sentences(text):
        sentence = text[s:e]
        cue = MEDICAL_CONTEXT.search(sentence)
        if not cue:
            continue
        why = f"medical context {cue.group(0).lower()!r} in the sentence"
        if terms:
            for m in terms.finditer(sentence):
                out.append(Span("MEDICAL", s + m.start(), s + m.end(), "lexicon:medical", 0.85, f"lexicon term; {why}"))
        for m in _MED_PHRASE.finditer(sentence):
            if m.group(0).split()[-1].lower() in ("diagnosis", "prognosis"):
                continue
            out.append(Span("MEDICAL", s + m.start(), s + m.end(), "lexicon:medical", 0.7, f"diagnosis-shaped phrase; {why}"))
        for m in _MED_LEAD.finditer(sentence):
            out.append(Span("MEDICAL", s + m.start(1), s + m.end(1), "lexicon:medical", 0.75, f"after {m.group(0).split()[0].lower()!r}; {why}"))
        for m in _FACILITY.finditer(sentence):
            if m.group(0) in ctx.public_names or m.group(0).isupper():
                continue  # a party (a medical group sued by name), or a heading
            start = s + m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            out.append(Span("MEDICAL", start, s + m.end(), "lexicon:medical", 0.7, f"treating facility; {why}"))
    return out


def ia_spans(ctx: TextContext) -> list[Span]:
    if not ctx.ia:
        return []
    out = []
    for m in _IA_FINDING.finditer(ctx.text):
        out.append(Span("IA_FINDING", m.start(), m.end(), "lexicon:ia", 0.8, "finding or discipline in an internal-affairs context"))
    for m in _OFFICER.finditer(ctx.text):
        name = m.group(1)
        if looks_like_name(name, min_words=1) and name not in ctx.public_names:
            out.append(Span("OFFICER_NAME", m.start(1), m.end(1), "legal_context", 0.8, f"officer named in an internal-affairs context ({m.group(0).split()[0]!r})"))
    return out


def school_spans(ctx: TextContext) -> list[Span]:
    return [
        Span("MINOR_SCHOOL", m.start(), m.end(), "legal_context", 0.8, "a school's name (a minor's school)")
        for m in _SCHOOL.finditer(ctx.text)
        if m.group(0).split()[0].lower() not in ("the", "a", "of")
        and not m.group(0).isupper()  # a heading or a caption, not a child's school
        and m.group(0) not in ctx.public_names  # a school district that is a party
    ]


def role_name_spans(ctx: TextContext) -> list[Span]:
    """Names a role word introduces: 'complainant Maria Lopez', 'Ana Diaz, a neighbor'."""
    if _ROLE is None:
        return []
    text, out = ctx.text, []
    for m in _ROLE.finditer(text):
        role = m.group(0).lower()
        after = re.match(rf"[ \t]*,?[ \t]*(?:Mr\.|Ms\.|Mrs\.|Dr\.)?[ \t]*({NAME})", text[m.end(): m.end() + 80])
        if after:
            s = m.end() + after.start(1)
            out.append(Span("PERSON", s, s + len(after.group(1)), "names:role", 0.75, f"named right after the role word {role!r}"))
        before = re.search(rf"({NAME})[ \t]*[,(][ \t]*(?:(?:a|an|the|his|her|their|who[ \t]+is[ \t]+(?:a|an|the))[ \t]+)?(?:[\w-]+[ \t]+)?$", text[max(0, m.start() - 80): m.start()])
        if before:
            s = max(0, m.start() - 80) + before.start(1)
            out.append(Span("PERSON", s, s + len(before.group(1)), "names:role", 0.75, f"named right before the role word {role!r}"))
    return [s for s in out if looks_like_name(text[s.start:s.end]) and text[s.start:s.end] not in ctx.public_names]


_LABEL_NAME = re.compile(
    rf"(?im)^[ \t]*(?:(?:full[ \t]+|client[ \t]+|patient[ \t]+|applicant[ \t]+|employee[ \t]+)?name|client|patient|applicant|"
    rf"complainant|witness|insured|claimant|subscriber|account[ \t]+holder)[ \t]*:[ \t]*({NAME})"
)
_SURFACE_DATE = re.compile(
    r"(?<![\w/.-])(?:(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+\d{1,2},[ \t]+(?:19|20)\d{2})(?![\w/])"
)


def label_name_spans(ctx: TextContext) -> list[Span]:
    """'Name: Lina Guerrero' on an intake form or a scanned page."""
    out = []
    for m in _LABEL_NAME.finditer(ctx.text):
        if looks_like_name(m.group(1)) and m.group(1) not in ctx.public_names:
            out.append(Span("PERSON", m.start(1), m.end(1), "names:label", 0.8, "a form's name field"))
    return out


def surface_dates(ctx: TextContext) -> list[Span]:
    """A date in a comment or a form field: nothing the public needs, most often a birth date."""
    return [
        Span("DOB", m.start(), m.end(), "legal_context", 0.6, "a date in a comment or form field (not a page of the filing)")
        for m in _SURFACE_DATE.finditer(ctx.text)
    ]


def minor_category(text: str, start: int, end: int) -> str | None:
    """MINOR when a minor term sits right beside the name, within its sentence."""
    lo, hi = max(0, start - 40), min(len(text), end + 40)
    for m in MINOR_CONTEXT.finditer(text, lo, hi):
        between = text[m.end():start] if m.end() <= start else text[end:m.start()]
        if m.end() <= start or m.start() >= end:
            if not re.search(r"[.;]\s", between) and not _NAME_RX.search(between):
                return m.group(0).lower()
    return None


def name_windows(ctx: TextContext, spans: list[Span]) -> list[tuple[int, int, str]]:
    """The sentences where a person's name can matter, and why: NER reads only these.

    A sentence holding a private-role word, a minor term, internal-affairs
    vocabulary, a protected value found by a pattern, or any sentence of a
    confidential exhibit or of a surface (metadata, comments...).
    """
    text = ctx.text
    if ctx.surface:
        return [(0, len(text), "text outside the page (any name there is flagged)")] if text.strip() else []
    private_at = sorted(s.start for s in spans if s.private)
    out = []
    for s, e in sentences(text):
        sentence = text[s:e]
        if not re.search(r"[A-Z][a-z]", sentence):
            continue
        reason = None
        if ctx.confidential:
            reason = "a confidential exhibit"
        elif _ROLE is not None and (m := _ROLE.search(sentence)):
            reason = f"role word {m.group(0).lower()!r}"
        elif m := MINOR_CONTEXT.search(sentence):
            reason = f"minor term {m.group(0).lower()!r}"
        elif ctx.ia and ((m := IA_CONTEXT.search(sentence)) or (IA_TERMS and (m := IA_TERMS.search(sentence)))):
            reason = f"internal-affairs term {m.group(0).strip().lower()!r}"
        elif m := _CUSTODY.search(sentence):
            reason = f"custody or interview term {m.group(0).lower()!r}"
        elif any(s <= p < e for p in private_at):
            reason = "a protected value in the same sentence"
        elif MEDICAL_CONTEXT.search(sentence) and _FACILITY.search(sentence):
            reason = "medical context"
        if reason and _has_candidate(sentence, ctx.public_names):
            out.append((s, e, reason))
    return out


def _has_candidate(sentence: str, public: PublicNames) -> bool:
    """Whether a sentence holds a capitalised run that could be a private person's name.

    The model is only asked about sentences where the answer can matter: without
    such a run, nothing it found would pass the name checks anyway.
    """
    for m in _NAME_RUN.finditer(sentence):
        words = m.group(0)
        if looks_like_name(words) and words not in public:
            return True
        # a name run that starts with a word that is not a name ("The Kaur family")
        parts = words.split()
        if len(parts) > 2 and looks_like_name(" ".join(parts[1:])) and " ".join(parts[1:]) not in public:
            return True
    return False
