"""Every category of finding, in one table: what it is, what FRCP 5.2 lets remain, what is done.

This is the one place a category is defined. Detection reports categories by
these names (pattern packs are checked against them when they load), the
policy accepts them, the plan takes each one's default action and public form
from here, render labels the boxes, and the README's table is made from it.
Adding a category is adding one entry below.

The order of :data:`CATEGORIES` is meaningful for private categories: when two
private findings cover the same stretch of text, the one listed first wins
(an SSN is more specific than a number found by a looser rule).
"""

from __future__ import annotations

from dataclasses import dataclass

# What may remain of a value (FRCP 5.2(a)); the plan writes the public form.
LAST_FOUR_SSN = "last four, as XXX-XX-1234"
LAST_FOUR_TIN = "last four, as XX-XXX1234"
LAST_FOUR = "last four, as XXXXXXXX5678"
YEAR = "year, as XX/XX/1980"
INITIALS = "initials, as J.D."
CITY_STATE = "city and state, as Sacramento, CA"

ACTIONS = ("redact", "partial", "keep", "review")


@dataclass(frozen=True)
class Category:
    """One kind of finding.

    ``public``: public record, recognised so that it is never redacted.
    ``action``: what the plan does by default (``partial`` keeps ``partial_form``).
    ``partial_form``: what FRCP 5.2 (or a local rule) lets remain, or None.
    ``label``: the words burned on the box; None for the policy's label.
    ``kept_digits``: how many trailing digits the public form keeps.
    ``name_of_person``: the value is a person's name (its words are searched one by one).
    ``carried``: a value distinctive enough that the same string elsewhere in the
    document is the same secret, and is redacted there too.
    ``in_public_block``: may stand inside a block of the public record (counsel's
    signature, a letterhead) and is then public, like the block.
    ``aliases``: other names a pattern pack or an older policy file may use.
    """

    name: str
    description: str
    public: bool = False
    action: str = "redact"
    partial_form: str | None = None
    label: str | None = None
    kept_digits: int = 0
    name_of_person: bool = False
    carried: bool = False
    in_public_block: bool = False
    aliases: tuple[str, ...] = ()


CATEGORIES: tuple[Category, ...] = (
    # private, most specific first
    Category(
        "SSN",
        "Social Security number",
        action="partial",
        partial_form=LAST_FOUR_SSN,
        kept_digits=4,
        carried=True,
    ),
    Category(
        "TIN",
        "taxpayer identification number (EIN, ITIN)",
        action="partial",
        partial_form=LAST_FOUR_TIN,
        kept_digits=4,
        carried=True,
    ),
    Category(
        "CARD",
        "payment card number",
        action="partial",
        partial_form=LAST_FOUR,
        kept_digits=4,
        carried=True,
    ),
    Category("ROUTING", "bank routing number", carried=True, aliases=("ROUTING_NUMBER",)),
    Category(
        "ACCOUNT",
        "financial account number",
        action="partial",
        partial_form=LAST_FOUR,
        kept_digits=4,
        carried=True,
        aliases=("FINANCIAL_ACCOUNT",),
    ),
    Category("DOB", "date of birth", action="partial", partial_form=YEAR, carried=True),
    Category("DRIVERS_LICENSE", "driver's license number", carried=True, aliases=("DL",)),
    Category("MRN", "medical record number", carried=True, aliases=("MEDICAL_RECORD",)),
    Category(
        "IA_CASE", "internal-affairs case number", carried=True, aliases=("INTERNAL_AFFAIRS",)
    ),
    Category("BADGE", "an officer's badge number", carried=True, aliases=("BADGE_NUMBER",)),
    Category("EMAIL", "a private person's e-mail address", carried=True, in_public_block=True),
    Category("PHONE", "a private person's phone number", carried=True, in_public_block=True),
    Category(
        "ADDRESS",
        "home address (city and state may remain where a local rule says so)",
        partial_form=CITY_STATE,
        carried=True,
        in_public_block=True,
    ),
    Category(
        "MINOR",
        "name of a person known to be a minor",
        action="partial",
        partial_form=INITIALS,
        name_of_person=True,
        in_public_block=True,
    ),
    Category("MINOR_SCHOOL", "a minor's school", carried=True, in_public_block=True),
    Category(
        "OFFICER_NAME",
        "an officer named in internal-affairs or personnel records",
        name_of_person=True,
        in_public_block=True,
    ),
    Category(
        "MEDICAL",
        "a person's diagnosis, treatment or medical facility",
        carried=True,
        in_public_block=True,
    ),
    Category("IA_FINDING", "an internal-affairs finding or discipline", carried=True),
    Category("TERM", "a term the policy names"),
    Category(
        "PERSON",
        "a private individual (witness, complainant, customer)",
        name_of_person=True,
        in_public_block=True,
    ),
    Category(
        "METADATA_NAME",
        "a person named in the file's metadata (Author, Title, Subject): removed with the metadata",
    ),
    # found in the PDF's structure, not by reading its words
    Category("BAD_REDACTION", "a box drawn over text still in the file: the text is removed"),
    Category("HIDDEN_TEXT", "text a reader cannot see but a parser reads: removed"),
    Category(
        "DESIGNATED",
        "a page a protective order designates (its legend, its producer's Bates number): "
        "a package offers it for sealing whole",
        label="PAGE REDACTED – DESIGNATED UNDER PROTECTIVE ORDER",
    ),
    # the public record
    Category("JUDGE", "a judge, with the title", public=True, action="keep"),
    Category(
        "COURT",
        "a court: its name, courthouse, address, phone, e-mail and website",
        public=True,
        action="keep",
    ),
    Category(
        "COURT_STAFF",
        "a clerk, deputy clerk, court reporter or case manager",
        public=True,
        action="keep",
    ),
    Category("COUNSEL", "an attorney of record", public=True, action="keep"),
    Category("FIRM", "a law firm or office of counsel", public=True, action="keep"),
    Category("BAR_NUMBER", "an attorney's bar number", public=True, action="keep"),
    Category("COUNSEL_ADDRESS", "counsel's office address", public=True, action="keep"),
    Category("COUNSEL_PHONE", "counsel's office phone", public=True, action="keep"),
    Category("COUNSEL_EMAIL", "counsel's office e-mail", public=True, action="keep"),
    Category("PARTY", "a party named in the caption or case title", public=True, action="keep"),
    Category("CASE_NUMBER", "a case or docket number", public=True, action="keep"),
    Category("CITATION", "a case citation", public=True, action="keep"),
    Category("STATUTE", "a statute or rule", public=True, action="keep"),
    Category("BATES_NUMBER", "a Bates number", public=True, action="keep", aliases=("BATES",)),
    Category("HEARING_DATE", "a hearing or filing date", public=True, action="keep"),
)

BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}
_ALIASES: dict[str, str] = {alias: c.name for c in CATEGORIES for alias in c.aliases}

PRIVATE: tuple[str, ...] = tuple(c.name for c in CATEGORIES if not c.public)
PUBLIC: tuple[str, ...] = tuple(c.name for c in CATEGORIES if c.public)
PERSON_NAMES: frozenset[str] = frozenset(c.name for c in CATEGORIES if c.name_of_person)
CARRIED: tuple[str, ...] = tuple(c.name for c in CATEGORIES if c.carried)
IN_PUBLIC_BLOCK: tuple[str, ...] = tuple(c.name for c in CATEGORIES if c.in_public_block)
STRUCTURAL: tuple[str, ...] = ("BAD_REDACTION", "HIDDEN_TEXT")


def canonical(name: str) -> str | None:
    """The registry's name for ``name`` (itself, or the category it is an alias of); None if unknown."""
    if name in BY_NAME:
        return name
    return _ALIASES.get(name)


def get(name: str) -> Category:
    """The category named ``name`` (or by an alias). Raises KeyError listing the names that exist."""
    key = canonical(name)
    if key is None:
        raise KeyError(f"unknown category {name!r}; known: {', '.join(BY_NAME)}")
    return BY_NAME[key]


def priority(name: str) -> int:
    """Rank of a private category when two findings tie: lower is more specific."""
    return PRIVATE.index(name) if name in PRIVATE else len(PRIVATE)


def markdown_table() -> str:
    """The README's table of categories."""
    rows = [
        "| category | what it is | public record | default action | what may remain |",
        "|---|---|---|---|---|",
    ]
    for c in CATEGORIES:
        remains = (
            c.partial_form if c.action == "partial" else ("all of it" if c.public else "nothing")
        )
        if c.name == "ADDRESS":
            remains = f"nothing ({c.partial_form} with `keep_city_state`)"
        rows.append(
            f"| `{c.name}` | {c.description} | {'yes' if c.public else 'no'} | {c.action} | {remains} |"
        )
    return "\n".join(rows)
