"""The grammar of a file's metadata: which fields name software, and which may name a person.

A PDF's Producer and Creator, XMP's CreatorTool and toolkit, and the metadata of
an embedded object (a font's own XMP: "Palatino Linotype") are written by
programs: "Acrobat Distiller", "Quartz PDFContext", "Microsoft Word" there are
software, never people, and nothing in them is read for names. Dates and ids
are the file's own. Author, Title, Subject, Keywords and their XMP twins are
typed by a person and may name one: a name there is a finding of its own kind,
``METADATA_NAME`` (who wrote or handled the file), not a person found in the
text; the same name on the record (counsel who signs, a party in the caption)
is public. A title a word processor wrote ("Microsoft Word - Order.docx") is
read without the program's prefix and the file's extension.
"""

from __future__ import annotations

import re

# Fields a person fills in (document information keys and XMP properties), lower case.
_PERSON_FIELDS = frozenset(
    {
        "author", "title", "subject", "keywords", "lastmodifiedby", "manager",
        "dc:creator", "dc:title", "dc:description", "dc:subject", "dc:contributor",
        "pdf:keywords", "xmp:author", "photoshop:authorsposition", "cp:lastmodifiedby",
    }
)  # fmt: skip
# Fields a program writes: the software that made the file, dates, ids, formats.
_SOFTWARE_FIELDS = frozenset(
    {
        "producer", "creator", "xmp:creatortool", "xap:creatortool", "pdf:producer", "x:xmptk",
        "dc:format", "trapped", "pdf:trapped", "pdf:pdfversion", "contenttypeid", "pdfx:contenttypeid",
        "xmptpg:npages", "company", "pdfx:company", "application", "generator",
    }
)  # fmt: skip
_SOFTWARE_PREFIXES = ("xmpmm:", "xapmm:", "stevt:", "stref:", "pdfaid:", "pdfuaid:", "pdfaextension:",
                      "pdfaschema:", "pdfaproperty:", "pdfatype:", "pdfafield:", "xmpgimg:", "xmprights:")  # fmt: skip
_DATE_FIELD = re.compile(r"date(?:--text)?$|modified$")
_TITLE_FIELDS = frozenset({"title", "subject", "dc:title", "dc:description", "dc:subject"})
# "Microsoft Word - ", "Microsoft PowerPoint - ", "WordPerfect - ": the program that printed the file.
_PROGRAM_PREFIX = re.compile(
    r"^\s*(?:Microsoft\s+(?:Word|Excel|PowerPoint|Outlook)|WordPerfect|Word|Pages|LibreOffice\s+\w+)\s*[-–:]\s*"
)
_EXTENSION = re.compile(r"\.(?:docx?|wpd|rtf|odt|pdf|txt|pages|xlsx?|pptx?)\s*$", re.I)


def field_of(where: str) -> tuple[str, bool]:
    """The field a metadata surface's ``where`` names (lower case), and whether it is the
    document's own (not the XMP of an embedded object such as a font)."""
    own = "(object" not in where
    name = where.split()[-1] if where.split() else ""
    return name.lstrip("/").lower(), own


def names_a_person(where: str) -> bool:
    """Whether a metadata field may hold a person's name: Author, Title, and any field a
    program does not write (a custom key); never Producer, Creator, ids, dates, nor the
    metadata of an embedded object (a font's)."""
    name, own = field_of(where)
    if not own:
        return False
    if name in _PERSON_FIELDS:
        return True
    return not (
        name in _SOFTWARE_FIELDS or name.startswith(_SOFTWARE_PREFIXES) or _DATE_FIELD.search(name)
    )


def is_title(where: str) -> bool:
    return field_of(where)[0] in _TITLE_FIELDS


def title_span(text: str) -> tuple[int, int]:
    """The part of a title a person typed: without a word processor's prefix and the file's extension."""
    start = 0
    m = _PROGRAM_PREFIX.match(text)
    if m:
        start = m.end()
    end = len(text)
    ext = _EXTENSION.search(text, start)
    if ext:
        end = ext.start()
    return start, end
