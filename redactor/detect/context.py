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
import itertools
import re
import string
from dataclasses import dataclass, field

import regex

from ..errors import PolicyError
from .alternation import by_first_letter
from .names import (
    GAP,
    NAME,
    NAME_OR_SURNAME,
    NAME_WRAPPED,
    ORG_WORDS,
    TOKEN,
    PublicNames,
    fit_name,
    in_case_name,
    looks_like_name,
    looks_like_place,
    name_words,
)
from .packs import load_lexicon
from .spans import Span


@functools.cache
def lexicon(name: str) -> frozenset[str]:
    """A lexicon of ``patterns/lexicons``; empty when the pack set has none by that name."""
    try:
        return load_lexicon(name)
    except PolicyError:
        return frozenset()


def _alternation(words: frozenset[str] | set[str]) -> str:
    """The words as a regex alternation, longest first, for a case-insensitive regex."""
    ordered = [w for w in sorted(words, key=len, reverse=True) if w.strip()]
    if all(w[0] in string.ascii_letters for w in ordered):
        return by_first_letter([re.escape(w) for w in ordered])
    return "|".join(re.escape(w) for w in ordered)


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

_MEDICAL_WORDS = (
    r"diagnos\w*", "medical", r"medicat\w*", r"prescri\w*", "physician", "doctor", "nurse", r"clinic\w*", r"hospital\w*",
    r"treat\w*", r"therap\w*", r"psychiatr\w*", r"psycholog\w*", "mental[ -]health", "health", "patient", "chart", "MRN", r"symptom\w*",
    "condition", r"suffer\w*", "care", "admitted", r"discharg\w*", "mg", "dosage", "surgery", r"injur\w*",
)  # fmt: skip
MEDICAL_CONTEXT = re.compile(rf"(?i)\b(?:{by_first_letter(_MEDICAL_WORDS)})\b")
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
# An injury named by what happened to the body part: "a dislocated shoulder", "a torn rotator cuff".
_INJURY = re.compile(
    rf"(?i)(?<![\w-])(?:(?:a|an)[ \t]+)?(?:(?:left|right|severe|mild|chronic|acute|multiple)[ \t]+)?"
    rf"(?:fractured|broken|dislocated|herniated|torn|ruptured|sprained|strained|bruised|lacerated|punctured|"
    rf"collapsed|detached|cracked|bulging|crushed|burned|perforated|displaced|compressed|pinched)"
    rf"(?:\s+(?!(?:{_STOP})\b)[a-z][\w-]*){{1,3}}"
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
    r"\bdisciplin\w*|\bcomplain\w*|\bgrievances?\b|\binquiry\b|\ballegations?\b|\balleged\b|\bmisconduct\b|"
    r"\bbadge\b|\binvestigat\w*\b"
)
# Every finding or discipline _IA_FINDING reads holds one of these words (case aside, as it
# reads them); one word a regex, as a single word is found fast. A text with none is not read.
_IA_FINDING_WORDS = tuple(
    re.compile(f"(?i){w}")
    for w in ("finding", "suspension", "reprimand", "demotion", "termination", "retraining", "counseling",
              "fitness-for-duty", "last-chance", "transfer", "removal")
)  # fmt: skip
_IA_FINDING = re.compile(
    r"(?i)\b(?:(?:a|an)[ \t]+)?(?:(?:not-?[ \t]?)?sustained|exonerated|unfounded)[ \t]+finding(?:[ \t]+(?:of|on)[ \t]+[^.;\n]{3,60}?)?(?=[.;,\n]|$)|"
    r"\b(?:(?:a|an)[ \t]+)?(?:[\w-]+[ \t]+){0,2}(?:suspension|reprimand|demotion|termination|retraining|counseling|"
    r"fitness-for-duty[ \t]+evaluation|last-chance[ \t]+agreement)(?:[ \t]+(?:of|without|and|to)[ \t]+[^.;\n]{2,50}?)?(?=[.;,\n]|$)|"
    r"\b(?:a[ \t]+)?(?:transfer[ \t]+out[ \t]+of|removal[ \t]+from)[ \t]+[^.;\n]{3,60}?(?=[.;,\n]|$)"
)
_CHILD_AGE = r"(?<!\d)(?:1[0-7]|[0-9])(?!\d)"  # an age under eighteen
_MINOR_WORDS = (
    "minors?", "child(?:ren)?", "son", "daughter", "juvenile", "infant", "toddler", "teen(?:ager)?", "student", "pupil",
    "grader", r"kindergarten\w*", "stepson", "stepdaughter", "grandson", "granddaughter",
    rf"age[ \t]+{_CHILD_AGE}", rf"aged[ \t]+{_CHILD_AGE}", r"\d(?:(?<=1)[0-7])?(?!\d)[ \t-]+years?[ \t-]+old", rf"who[ \t]+is[ \t]+{_CHILD_AGE}", r"born[ \t]+in[ \t]+20[0-2]\d",
)  # fmt: skip
# the lexicon's terms come after the words above, longest first
MINOR_CONTEXT = re.compile(
    rf"(?i)\b(?:{by_first_letter(_MINOR_WORDS + tuple(re.escape(w) for w in sorted(lexicon('minor_terms'), key=len, reverse=True)))})\b"
)
_SCHOOL = re.compile(
    r"(?:[A-Z][\w.'’-]*[ \t]+){1,4}(?:Elementary|Middle|High|Junior[ \t]+High|Intermediate|Primary|Preparatory|Charter)"
    r"(?:[ \t]+School(?![\w-])|(?![\w-])(?![ \t]+[A-Z]))(?![ \t]+(?:School[ \t]+)?District)"
    r"|(?:[A-Z][\w.'’-]*[ \t]+){1,4}(?:Academy|School)(?![\w-])(?![ \t]+District)"
)
# "Oak Park High School Boosters, Inc.", "Lincoln High School Foundation": the school's name
# opens an organisation's (a party, a fund), it is not a child's school.
_SCHOOL_ORG = re.compile(
    r"[ \t]*\n?[ \t]*(?:(?:[A-Z][\w'’-]*[ \t]+){0,2}(?:Boosters?|Foundation|Association|Alumni|Athletics?|"
    r"PTA|PTO|Parents|Fund|Trust|Inc\b|LLC\b|Corp\b)|,?[ \t]+(?:Inc|LLC|Corp)\b)"
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
OFFICER_TITLES = (
    "Officer", "Ofc.", "Sergeant", "Sgt.", "Deputy", "Detective", "Det.", "Lieutenant", "Lt.",
    "Corporal", "Cpl.", "Captain", "Capt.", "Trooper", "Agent",
)  # fmt: skip
OFFICER_TITLE = "(?:" + "|".join(re.escape(t) for t in OFFICER_TITLES) + ")"
_OFFICER = re.compile(rf"\b{OFFICER_TITLE}[ \t]+({NAME_OR_SURNAME})")
_CUSTODY_WORDS = (
    "jail",
    "prison",
    "custody",
    "detention",
    r"incarcerat\w*",
    "interview(?:ed|s)?",
    r"testif\w*",
    "declarant",
)
_CUSTODY = re.compile(rf"(?i)\b(?:{by_first_letter(_CUSTODY_WORDS)})\b")
CONFIDENTIAL = re.compile(
    r"\bCONFIDENTIAL\b|(?i:attorneys['’]? eyes only|filed under seal|protective order)"
)
_NAME_RX = re.compile(NAME)
_NAME_RUN = re.compile(rf"{NAME_OR_SURNAME.replace('{0,3}', '{1,5}')}")
_WRAPPED_RUN = re.compile(NAME_WRAPPED)


@dataclass
class TextContext:
    """What is known about one text before its names are read."""

    text: str
    public_names: PublicNames
    surface: bool = False
    ia: bool = False
    confidential: bool = False
    _sentences: list[tuple[int, int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def sentences(self) -> list[tuple[int, int]]:
        """The sentence bounds of the text (see :func:`sentences`), found once."""
        if self._sentences is None:
            self._sentences = sentences(self.text)
        return self._sentences


# --- detectors -------------------------------------------------------------------


# A clinical record's labelled line: "Assessment: asthma", "Dx: Type 2 diabetes", "Diagnosis - ...".
_CLINICAL_LABEL = re.compile(
    r"(?im)^[ \t]*(?:assessment|diagnos[ie]s|dx|impression|chief[ \t]+complaint|presenting[ \t]+problem|"
    r"problem[ \t]+list|medical[ \t]+history|current[ \t]+medications?|medications?|rx|condition)"
    r"[ \t]*(?:\(s\))?[ \t]*[:#-][ \t]*([^\n]{3,90})$"
)


def _clinical_lines(ctx: TextContext) -> list[Span]:
    """What follows a clinical label on a record's line is the person's condition or treatment."""
    text, out = ctx.text, []
    terms = _lexicon_regex("medical_conditions", "medications")
    for m in _CLINICAL_LABEL.finditer(text):
        value = m.group(1).rstrip(" .;")
        if not value or re.fullmatch(r"[\d\W]+", value):
            continue
        hits = [
            x
            for rx in (terms, _MED_PHRASE, _INJURY)
            if rx is not None
            for x in rx.finditer(text, m.start(1), m.start(1) + len(value))
        ]
        if hits:
            start = min(x.start() for x in hits)
            end = max(x.end() for x in hits)
            label = m.group(0).split(":")[0].strip().lower()
            out.append(
                Span(
                    "MEDICAL",
                    start,
                    end,
                    "lexicon:medical",
                    0.8,
                    f"after the record's label {label!r}",
                )
            )
    return out


def medical_spans(ctx: TextContext) -> list[Span]:
    text, out = ctx.text, []
    if ":" in text or "-" in text:
        out += _clinical_lines(ctx)
    terms = _lexicon_regex("medical_conditions", "medications")
    for s, e in ctx.sentences():
        sentence = text[s:e]
        cue = MEDICAL_CONTEXT.search(sentence)
        if not cue:
            continue
        why = f"medical context {cue.group(0).lower()!r} in the sentence"
        facilities = list(_FACILITY.finditer(sentence))
        first = len(out)
        if terms:
            for m in terms.finditer(sentence):
                out.append(
                    Span(
                        "MEDICAL",
                        s + m.start(),
                        s + m.end(),
                        "lexicon:medical",
                        0.85,
                        f"lexicon term; {why}",
                    )
                )
        for m in _MED_PHRASE.finditer(sentence):
            if m.group(0).split()[-1].lower() in ("diagnosis", "prognosis"):
                continue
            if _GENERIC_HARM.search(m.group(0)) and not _one_persons_harm(sentence, m.group(0)):
                continue
            out.append(
                Span(
                    "MEDICAL",
                    s + m.start(),
                    s + m.end(),
                    "lexicon:medical",
                    0.7,
                    f"diagnosis-shaped phrase; {why}",
                )
            )
        for m in _INJURY.finditer(sentence):
            out.append(
                Span(
                    "MEDICAL",
                    s + m.start(),
                    s + m.end(),
                    "lexicon:medical",
                    0.7,
                    f"an injury; {why}",
                )
            )
        for m in _MED_LEAD.finditer(sentence):
            out.append(
                Span(
                    "MEDICAL",
                    s + m.start(1),
                    s + m.end(1),
                    "lexicon:medical",
                    0.75,
                    f"after {m.group(0).split()[0].lower()!r}; {why}",
                )
            )
        # A facility is a patient's when the sentence speaks of health outside the facility's
        # own name ("Valley Medical Group produced the list" says nothing of anyone's care).
        named = [(s + m.start(), s + m.end()) for m in facilities]
        health = _cue_outside(sentence, [(a - s, b - s) for a, b in named]) or any(
            not any(a <= x.start < b for a, b in named) for x in out[first:]
        )
        for m in facilities if health else ():
            named = _PARTY_ROLE.sub("", m.group(0))
            if named in ctx.public_names or m.group(0).isupper() or named != m.group(0).lstrip():
                continue  # a party ("Defendants ... Medical Group", sued by name), or a heading
            if _COMPANY.match(sentence, m.end()):
                continue  # "produced by Valley Medical Group, Inc.": a company in the case, not a patient's care
            start = s + m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            out.append(
                Span(
                    "MEDICAL",
                    start,
                    s + m.end(),
                    "lexicon:medical",
                    0.7,
                    f"treating facility; {why}",
                )
            )
    return out


_COMPANY = re.compile(r",?[ \t]+(?:Inc|LLC|L\.L\.C|Corp|Ltd|L\.P|LLP|P\.C)\b")
_PARTY_ROLE = re.compile(
    r"^[ \t]*(?:Plaintiffs?|Defendants?|Petitioners?|Respondents?|Appellants?|Appellees?|Intervenors?)[ \t]+"
)
# "Injury" alone is the law's word as often as a person's condition: "personal injury cases",
# "suffer irreparable injury", "injury in fact", "a First Report of Injury".
_GENERIC_HARM = re.compile(r"(?i)\binjur(?:y|ies)$")
_LEGAL_HARM = re.compile(
    r"(?i)\b(?:personal|bodily|irreparable|serious|substantial|imminent|actual|concrete|particularized|"
    r"legal|economic|competitive|constitutional|antitrust|cognizable|compensable|work-related|industrial|"
    r"occupational|future|alleged|threatened)[ \t]+injur(?:y|ies)\b|\binjur(?:y|ies)[ \t]+(?:in[ \t]+fact|or[ \t]+death|to[ \t]+(?:competition|property|business|reputation))"
)
_ONE_PERSON = re.compile(
    r"\b(?:he|she|him|his|her|hers|himself|herself)\b|\b(?:Mr|Ms|Mrs|Miss|Dr)\.?[ \t]+[A-Z]"
    r"|\b(?:the|a|an)[ \t]+(?:patient|minor|child|decedent|deceased|victim|inmate|detainee)\b"
)


def _one_persons_harm(sentence: str, phrase: str) -> bool:
    """An injury that is one person's condition: not the law's phrase ("personal injury"),
    not a form's title ("Report of Injury"), and a person in the sentence it happened to."""
    if _LEGAL_HARM.search(phrase) or phrase.split()[-1][0].isupper():
        return False
    return bool(_ONE_PERSON.search(sentence))


def _cue_outside(sentence: str, names: list[tuple[int, int]]) -> bool:
    """Whether a medical word of the sentence stands outside the facilities' own names."""
    return any(
        not any(a <= m.start() < b for a, b in names) for m in MEDICAL_CONTEXT.finditer(sentence)
    )


def ia_spans(ctx: TextContext) -> list[Span]:
    if not ctx.ia:
        return []
    out = []
    if any(w.search(ctx.text) for w in _IA_FINDING_WORDS):
        for m in _IA_FINDING.finditer(ctx.text):
            out.append(
                Span(
                    "IA_FINDING",
                    m.start(),
                    m.end(),
                    "lexicon:ia",
                    0.8,
                    "finding or discipline in an internal-affairs context",
                )
            )
    for m in _OFFICER.finditer(ctx.text):
        name = m.group(1)
        if looks_like_name(name, min_words=1) and name not in ctx.public_names:
            out.append(
                Span(
                    "OFFICER_NAME",
                    m.start(1),
                    m.end(1),
                    "legal_context",
                    0.8,
                    f"officer named in an internal-affairs context ({m.group(0).split()[0]!r})",
                )
            )
    return out


# The words every school name of _SCHOOL ends with ("Junior High" holds "High").
_SCHOOL_WORDS = (
    "Elementary",
    "Middle",
    "High",
    "Intermediate",
    "Primary",
    "Preparatory",
    "Charter",
    "Academy",
    "School",
)


def school_spans(ctx: TextContext) -> list[Span]:
    if not any(w in ctx.text for w in _SCHOOL_WORDS):
        return []
    return [
        Span(
            "MINOR_SCHOOL",
            m.start(),
            m.end(),
            "legal_context",
            0.8,
            "a school's name (a minor's school)",
        )
        for m in _SCHOOL.finditer(ctx.text)
        if m.group(0).split()[0].lower() not in ("the", "a", "of")
        and not _SCHOOL_ORG.match(ctx.text, m.end())
        and not m.group(0).isupper()  # a heading or a caption, not a child's school
        and m.group(0) not in ctx.public_names  # a school district that is a party
    ]


_G = r"[ \t]*\n?[ \t]*"  # spaces, and at most one line break where the sentence wraps
_AFTER_ROLE = re.compile(rf"[ \t]*,?{_G}(?:(?:Mr|Ms|Mrs|Dr)\.{_G})?({NAME_WRAPPED})")
_BEFORE_ROLE = re.compile(
    rf"({NAME_WRAPPED}){_G}[,(]{_G}(?:(?:a|an|the|his|her|their|who[ \t]+is[ \t]+(?:a|an|the))(?:[ \t]+|[ \t]*\n[ \t]*))?"
    rf"(?:[\w-]+(?:['’]s)?(?:[ \t]+|[ \t]*\n[ \t]*))?$"
)  # "Ana Pham, Rahman's son": whose child the role word says


_LEAD_TITLE = re.compile(rf"(?:(?:Mr|Ms|Mrs|Dr|Miss)\.?|{OFFICER_TITLE})[ \t]+")


_LEAD_WORDS = re.compile(r"(?<![^\s])\S")  # where each word of a run starts


def _private_name(ctx: TextContext, start: int, end: int) -> tuple[int, int] | None:
    """The name at ``text[start:end]`` (cut at a line break after a whole name), if it may be private."""
    end = fit_name(ctx.text, start, end)
    title = _LEAD_TITLE.match(ctx.text, start, end)
    if title:
        start = title.end()  # "Officer John Hartley": the name is what follows the title
    # "Exhibit A. Tobiah Lindqvist", "BACKGROUND Ana Ruiz": drop leading words that are not a name's
    # and a lone initial that ends the sentence before ("Exhibit A.") when a whole name follows it
    for lead in _LEAD_WORDS.finditer(ctx.text, start, end):
        if looks_like_name(ctx.text[lead.start() : end]):
            start = lead.start()
            initial = re.match(r"[A-Z]\.\s+", ctx.text[start:end])
            if initial and looks_like_name(ctx.text[start + initial.end() : end]):
                start += initial.end()
            break
    else:
        return None
    name = ctx.text[start:end]
    if name in ctx.public_names or in_case_name(ctx.text, start, end):
        return None
    if ORG_WORDS.search(name) or (name.isupper() and _NOT_A_NAME_WORD.search(name)):
        return None  # "COMMUNITY BANK", "ANY RELATIVE", "YOU WILL PLACE": not a person
    return start, end


# Words of a sentence set in capitals that no person's name holds.
_NOT_A_NAME_WORD = re.compile(
    r"(?i)\b(?:any|all|you|your|we|our|will|shall|must|may|can|not|no|place|relative|relatives|"
    r"member|members|person|persons|people|party|parties|other|others|such|each|every|if|when|"
    r"upon|must|please|notice|hereby|said)\b"
)


_OF_A_PARTY = re.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:debtors?|plaintiffs?|defendants?|petitioners?|respondents?|appellants?|"
    r"appellees?|company|corporation|firm|board|partnership)\b",
    re.I,
)


# ", managing member of the Debtor", ", the president of Defendant": who speaks for a party.
_FOR_A_PARTY = re.compile(
    r",?[ \t]*\n?[ \t]*(?:(?:a|an|the)[ \t]+)?(?:[\w-]+[ \t]+){0,2}?"
    r"(?:member|president|officer|manager|owner|principal|director|partner|employee|agent|representative|"
    r"custodian|ceo|cfo|coo|secretary|treasurer|trustee|administrator|executor|executrix)"
    r"[ \t]+(?:and[ \t]+\w+[ \t]+)?of[ \t]+(?:the[ \t]+)?(?:debtors?|plaintiffs?|defendants?|petitioners?|respondents?|"
    r"appellants?|appellees?|movants?|estate|company|corporation|partnership)\b",
    re.I,
)


def speaks_for_a_party(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is described as a party's officer or agent."""
    return bool(_FOR_A_PARTY.match(text, end, min(len(text), end + 90)))


def role_name_spans(ctx: TextContext) -> list[Span]:
    """Names a role word introduces: 'complainant Maria Lopez', 'Ana Diaz, a neighbor' (also over a line break)."""
    if _ROLE is None:
        return []
    text, out = ctx.text, []
    for m in _ROLE.finditer(text):
        role = m.group(0).lower()
        if _OF_A_PARTY.match(text, m.end()):
            continue  # "managing member of the Debtor", "president of Defendant": a party's officer
        after = _AFTER_ROLE.match(text[m.end() : m.end() + 80])
        if after and (at := _private_name(ctx, m.end() + after.start(1), m.end() + after.end(1))):
            out.append(
                Span("PERSON", *at, "names:role", 0.75, f"named right after the role word {role!r}")
            )
        lo = max(0, m.start() - 80)
        before = _BEFORE_ROLE.search(text[lo : m.start()])
        if before and (at := _private_name(ctx, lo + before.start(1), lo + before.end(1))):
            out.append(
                Span(
                    "PERSON", *at, "names:role", 0.75, f"named right before the role word {role!r}"
                )
            )
    return out


# A form's or an attachment's labelled line: "Name: Lina Guerrero", "PERSON: Ana Ruiz", "Witness: ...".
_LABELS = (
    r"(?:full[ \t]+|legal[ \t]+|client[ \t]+|patient[ \t]+|applicant[ \t]+|employee[ \t]+|customer[ \t]+|"
    r"witness[ \t]+|complainant[ \t]+|victim[ \t]+|minor[ \t]+|child[ \t]+|student[ \t]+|parent[ \t]+)?name|"
    r"person|individual|client|patient|applicant|complainant|complaining[ \t]+party|reporting[ \t]+party|witness|"
    r"victim|informant|caller|contact|insured|claimant|subscriber|account[ \t]+holder|cardholder|customer|tenant|"
    r"resident|employee|inmate|detainee|guardian|parent|minor|child|student|juvenile|"
    r"(?:subject|involved|accused)[ \t]+(?:officer|employee)|officer|deputy"
)
# A form's label and its value: on one line, or the value alone on the next (a form's
# column, or OCR that reads the label and the value as lines of their own). A form writes
# the name as "Given Family" or, as police and agency forms do, "FAMILY, Given".
# (Capitals are capitals here, though the label is read in any case: "Ruiz, age 40" is not one.)
_FORM_NAME = rf"(?-i:{TOKEN}(?:{GAP}{TOKEN}){{0,1}},[ \t]*{TOKEN}(?:{GAP}{TOKEN})?)(?![\w'’-])"
_LABEL_NAME = re.compile(
    rf"(?im)^[ \t]*(?:\d+[.)][ \t]*)?({_LABELS})[ \t]*(?:\(s\))?[ \t]*[:#-][ \t]*"
    rf"(?:({_FORM_NAME}|{NAME})|\n[ \t]*({NAME})[ \t]*$)"
)
_OFFICER_LABEL = re.compile(r"(?i)officer|deputy")
_SURFACE_DATE = re.compile(
    r"(?<![\w/.-])(?:(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+\d{1,2},[ \t]+(?:19|20)\d{2})(?![\w/])"
)


def label_name_spans(ctx: TextContext) -> list[Span]:
    """'Name: Lina Guerrero' on an intake form, 'PERSON: Ana Ruiz' in an attachment, 'Witness: ...'."""
    out = []
    for m in _LABEL_NAME.finditer(ctx.text):
        group = 2 if m.group(2) else 3
        at = _private_name(ctx, m.start(group), m.end(group))
        if at is None:
            continue
        label = " ".join(m.group(1).split()).lower()
        if _OFFICER_LABEL.search(label):
            if ctx.ia:  # an officer's name is private in an internal-affairs file only
                out.append(
                    Span(
                        "OFFICER_NAME",
                        *at,
                        "names:label",
                        0.8,
                        f"the {label!r} line of an internal-affairs record",
                    )
                )
            continue
        out.append(Span("PERSON", *at, "names:label", 0.8, f"a labelled line ({label!r})"))
    return out


# A name a sentence describes as a person: "Ana Ruiz, who lives nearby", "Tom Reyes, age 12,".
_MINOR_NOUN = r"(?:grader|student|pupil|kindergartner|preschooler|minor|child|teen(?:ager)?|juvenile|toddler|infant)"
_WHO = rf",{_G}(?:who|whom|whose)\b"
_AGE = (
    rf"(?:,|\(){_G}(?:age[d]?[ \t]+{_CHILD_AGE}|{_CHILD_AGE}(?:[ \t-]+years?[ \t-]+old)?)[ \t]*[,)]"
)
_A_MINOR = rf",{_G}(?:(?:then|now|at[ \t]+the[ \t]+time)[ \t]+)?an?[ \t]+(?:[\w-]+[ \t]+){{0,2}}{_MINOR_NOUN}\b"
_DESCRIBED = re.compile(rf"({NAME_WRAPPED})(?:[ \t]*{_WHO}|{_G}{_AGE}|[ \t]*{_A_MINOR})")
# A description from its comma or parenthesis on: every match of _DESCRIBED holds one, so a
# text without one is not read for names (a search that starts at a comma is a fast one).
_DESCRIPTION = re.compile(rf"{_WHO}|{_AGE}|{_A_MINOR}")


def described_name_spans(ctx: TextContext) -> list[Span]:
    """Names followed by 'who ...' or by an age: only a person is described that way."""
    out = []
    if not _DESCRIPTION.search(ctx.text):
        return out
    for m in _DESCRIBED.finditer(ctx.text):
        at = _private_name(ctx, m.start(1), m.end(1))
        if at is None:
            continue
        name = ctx.text[at[0] : at[1]]
        if ORG_WORDS.search(name) or looks_like_place(name) or name.isupper():
            continue
        rest = m.group(0)[len(m.group(1)) :]
        cue = (
            "an age"
            if re.search(r"\d", rest)
            else "'who'"
            if re.search(r"\bwho", rest)
            else "a minor's description"
        )
        out.append(
            Span(
                "PERSON",
                *at,
                "names:described",
                0.75,
                f"a person described by {cue} right after the name",
            )
        )
    return out


# Someone who testifies, recalls, gives an account: a witness, whom the papers name in full once
# and then by the family name ("At deposition Desai could not say ...", "the account of Ana Ruiz").
_TESTIFIED = (
    r"testif(?:ied|ies|y)|recall(?:ed|s)|recount(?:ed|s)|swore|attested|conceded|admitted|acknowledged|"
    r"could[ \t]+not[ \t]+(?:say|recall|remember)|gave[ \t]+(?:a|the)[ \t]+(?:recorded[ \t]+)?statement|"
    r"told[ \t]+(?:investigators|police|officers|detectives|the[ \t]+(?:officers?|police|jury|investigator))"
)
_HONORIFIC = r"(?:(?:Mr|Ms|Mrs|Dr|Miss|Mx)\.?[ \t]+)?"
_TESTIMONY = re.compile(
    rf"\b(?:(?:At|In)[ \t]+(?:(?:his|her|their)[ \t]+)?deposition,?|(?:[Aa]ccording[ \t]+to|[Tt]he[ \t]+(?:deposition|testimony|"
    rf"statement|account|recollection)[ \t]+of))[ \t]*\n?[ \t]*{_HONORIFIC}({NAME_OR_SURNAME})"
    rf"|\b{_HONORIFIC}({NAME_OR_SURNAME})(?:['’]s)?[ \t]*\n?[ \t]*(?:(?:later|also|further|then|repeatedly)[ \t]+)?(?:{_TESTIFIED})\b"
)


def testimony_name_spans(ctx: TextContext) -> list[Span]:
    """A person the filing says testified or gave an account, named in full there or elsewhere
    on the page: a witness. The public record (parties, counsel, the bench) is left alone."""
    text, out = ctx.text, []
    if ctx.surface or not re.search(
        r"(?i)deposition|testi|recall|recount|account|statement|told|swore|conced|admitt|acknowledg|could not",
        text,
    ):
        return out
    for m in _TESTIMONY.finditer(text):
        g = 1 if m.group(1) else 2
        who = m.group(g)
        words = who.split()
        if not words or words[0] in (
            "The",
            "A",
            "An",
            "This",
            "That",
            "Plaintiff",
            "Defendant",
            "Defendants",
            "Plaintiffs",
        ):
            continue
        if who in ctx.public_names or ctx.public_names.holds_word(words[-1]):
            continue
        if len(words) >= 2:
            at = _private_name(ctx, m.start(g), m.end(g))
            if at and not looks_like_place(text[at[0] : at[1]]):
                out.append(
                    Span(
                        "PERSON",
                        *at,
                        "names:testimony",
                        0.75,
                        "a witness: gave testimony or an account",
                    )
                )
            continue
        # one word: the family name of someone named in full elsewhere on the page
        for full in re.finditer(
            rf"({NAME_WRAPPED.replace('{1,3}', '{0,2}')}{_G}){re.escape(who)}(?![\w'’-])", text
        ):
            at = _private_name(ctx, full.start(), full.end())
            if at and at[0] < full.end(1) and not looks_like_place(text[at[0] : at[1]]):
                out.append(
                    Span(
                        "PERSON",
                        *at,
                        "names:testimony",
                        0.75,
                        f"a witness: {who!r} gave testimony or an account",
                    )
                )
    return out


def surface_dates(ctx: TextContext) -> list[Span]:
    """A date in a comment or a form field: nothing the public needs, most often a birth date."""
    return [
        Span(
            "DOB",
            m.start(),
            m.end(),
            "legal_context",
            0.6,
            "a date in a comment or form field (not a page of the filing)",
        )
        for m in _SURFACE_DATE.finditer(ctx.text)
    ]


def private_context(sentence: str) -> bool:
    """Whether a sentence speaks of a private person: a private role, a minor, health."""
    return bool(
        (_ROLE is not None and _ROLE.search(sentence))
        or MINOR_CONTEXT.search(sentence)
        or MEDICAL_CONTEXT.search(sentence)
    )


def minor_category(text: str, start: int, end: int) -> str | None:
    """MINOR when a minor term sits right beside the name, within its sentence."""
    lo, hi = max(0, start - 40), min(len(text), end + 40)
    for m in MINOR_CONTEXT.finditer(text, lo, hi):
        between = text[m.end() : start] if m.end() <= start else text[end : m.start()]
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
        return (
            [(0, len(text), "text outside the page (any name there is flagged)")]
            if text.strip()
            else []
        )
    private_at = sorted(s.start for s in spans if s.private)
    out = []
    for s, e in ctx.sentences():
        sentence = text[s:e]
        if not re.search(r"[A-Z][a-z]", sentence):
            continue
        # Without a candidate name nothing is kept whatever the reason: that check goes first,
        # as it is the cheaper one.
        if not _has_candidate(sentence, ctx.public_names):
            continue
        reason = None
        if ctx.confidential:
            reason = "a confidential exhibit"
        elif _ROLE is not None and (m := _ROLE.search(sentence)):
            reason = f"role word {m.group(0).lower()!r}"
        elif m := MINOR_CONTEXT.search(sentence):
            reason = f"minor term {m.group(0).lower()!r}"
        elif ctx.ia and (
            (m := IA_CONTEXT.search(sentence)) or (IA_TERMS and (m := IA_TERMS.search(sentence)))
        ):
            reason = f"internal-affairs term {m.group(0).strip().lower()!r}"
        elif m := _CUSTODY.search(sentence):
            reason = f"custody or interview term {m.group(0).lower()!r}"
        elif any(s <= p < e for p in private_at):
            reason = "a protected value in the same sentence"
        elif MEDICAL_CONTEXT.search(sentence) and _FACILITY.search(sentence):
            reason = "medical context"
        if reason:
            out.append((s, e, reason))
    return out


# Windows where almost every person named is a private one: an internal-affairs file, a
# confidential exhibit, text outside the page. There a name-shaped run is a name even when
# the small model does not say so.
_PRIVATE_WINDOWS = ("internal-affairs term", "a confidential exhibit", "text outside the page")
_TITLE_WORD = r"(?:[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:[-'’][A-Za-z][a-z]+)*|Mc[A-Z][a-z]+|[A-Z]\.)"  # also "Seo-yeon", "Jean-Luc"
_SHAPED = re.compile(
    rf"(?<![\w.-]){_TITLE_WORD}(?:(?:[ \t]+|[ \t]*\n[ \t]*){_TITLE_WORD}){{1,2}}(?![\w-])"
)


def shaped_names(ctx: TextContext, start: int, end: int, reason: str) -> list[Span]:
    """Name-shaped runs of a window where names are private: two or three Title-case words,
    none of them a word of an organisation, a place, a title or a document, not the public record.
    "Eliza Adeyemi submitted the citizen grievance" needs no model to be read as a name."""
    if not reason.startswith(_PRIVATE_WINDOWS):
        return []
    out = []
    for m in _SHAPED.finditer(ctx.text, start, end):
        at = _private_name(ctx, m.start(), m.end())
        if at is None:
            continue
        name = ctx.text[at[0] : at[1]]
        if len(name_words(name)) < 2 or ORG_WORDS.search(name) or looks_like_place(name):
            continue
        if re.search(rf"{OFFICER_TITLE}[ \t]+$", ctx.text[max(0, at[0] - 14) : at[0]]):
            continue  # an officer: ia_spans names them
        if _title_line(ctx.text, at[0]):
            continue  # "Motion to File Documents Under Seal": a title, not a sentence
        if _COMPANY.match(ctx.text, at[1]) or _COMPANY.match(ctx.text, m.end()):
            continue  # "Western Benefits Administrators, Inc.": a company
        out.append(
            Span(
                "PERSON", *at, "names:shape", 0.65, f"a name-shaped run in a sentence with {reason}"
            )
        )
    return out


def _title_line(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is a title: four words or more, every long one capitalised."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start : len(text) if end < 0 else end])
    return len(words) >= 4 and all(w[0].isupper() for w in words if len(w) > 3)


def _has_candidate(sentence: str, public: PublicNames) -> bool:
    """Whether a sentence holds a capitalised run that could be a private person's name.

    The model is only asked about sentences where the answer can matter: without
    such a run, nothing it found would pass the name checks anyway.
    """
    for m in itertools.chain(_NAME_RUN.finditer(sentence), _WRAPPED_RUN.finditer(sentence)):
        words = m.group(0)
        if looks_like_name(words) and words not in public:
            return True
        # a name run that starts with a word that is not a name ("The Kaur family")
        parts = words.split()
        if (
            len(parts) > 2
            and looks_like_name(" ".join(parts[1:]))
            and " ".join(parts[1:]) not in public
        ):
            return True
    return False
