"""The ``order`` layout: a real court order's text on pleading paper, with planted facts inserted.

The orders in ``shared/court-orders`` are public records. Their captions and
the public names in them (judges, counsel, court staff, citations) are listed
here by hand so the truth file can say they must be left alone. Three orders
feed the train split, two the held-out split.
"""

from __future__ import annotations

import re
from pathlib import Path

ORDERS_DIR = Path(__file__).resolve().parents[2] / "shared" / "court-orders"

ORDERS = {
    "wagnon-v-rocklin-2022-order-health-records-seal.txt": {
        "split": "train",
        "court": "EASTERN DISTRICT OF CALIFORNIA",
        "case": "2:17-cv-1666-KJN",
        "parties": ("ALICIA WAGNON, et al.", "ROCKLIN U.S.D., et al."),
        "who": "Alicia Wagnon",
        "judge": ("Kendall J. Newman", "United States Magistrate Judge"),
        "date": "April 20, 2022",
        "public": [("STATUTE", "Local Rule 251")],
    },
    "mlejnecky-v-olympus-2011-order-customer-contacts.txt": {
        "split": "train",
        "court": "EASTERN DISTRICT OF CALIFORNIA",
        "case": "2:10-cv-02630 JAM KJN",
        "parties": ("STEPHANIE MLEJNECKY; GREG CLAYTOR", "OLYMPUS IMAGING AMERICA INC."),
        "who": "Stephanie Mlejnecky",
        "judge": ("Kendall J. Newman", "United States Magistrate Judge"),
        "date": "August 8, 2011",
        "public": [
            ("COUNSEL", "Beth E. Terrell"),
            ("COUNSEL", "Ryan T. Hansen"),
            ("COURT_STAFF", "Matt Caspar"),
            ("COURT_STAFF", "(916) 930-4187"),
            ("STATUTE", "Fed. R. Civ. P. 37(a)(5)(A)(iii)"),
        ],
    },
    "romero-v-securus-2018-order-protective-order.txt": {
        "split": "train",
        "court": "SOUTHERN DISTRICT OF CALIFORNIA",
        "case": "16cv1283 JM (MDD)",
        "parties": (
            "JUAN ROMERO, FRANK TISCARENO, and KENNETH ELLIOTT",
            "SECURUS TECHNOLOGIES, INC.",
        ),
        "who": "Juan Romero",
        "judge": ("Jeffrey T. Miller", "United States District Judge"),
        "date": "January 5, 2018",
        "public": [
            ("JUDGE", "Mitchell D. Dembin"),
            ("STATUTE", "Fed. R. Civ. P. 72(a)"),
            ("STATUTE", "28 U.S.C. § 636(b)(1)(A)"),
            ("CITATION", "Bare Escentuals Beauty, Inc. v. Costco Wholesale Corp., 2007 WL 4357672"),
        ],
    },
    "duarte-v-stockton-2020-order-confidentiality-redaction.txt": {
        "split": "heldout",
        "court": "EASTERN DISTRICT OF CALIFORNIA",
        "case": "2:19-cv-00007-MCE-CKD",
        "parties": ("FRANCISCO DUARTE AND ALEJANDRO GUTIERREZ", "COUNTY OF STOCKTON, et al."),
        "who": "Francisco Duarte",
        "judge": ("Carolyn K. Delaney", "United States Magistrate Judge"),
        "date": "September 30, 2020",
        "public": [
            ("CASE_NUMBER", "2:20-cv-00990-JAM-EFB"),
            ("STATUTE", "Local Rule 251(c)"),
            ("STATUTE", "Local Rule 141(e)(2)(i)"),
        ],
    },
    "morales-v-delano-2011-order-public-filing-of-protected-docs.txt": {
        "split": "heldout",
        "court": "EASTERN DISTRICT OF CALIFORNIA",
        "case": "1:10-cv-1203-AWI-JLT",
        "parties": ("MANUELA CANCINO CONTRERAS MORALES, et al.", "CITY OF DELANO, et al."),
        "who": "Manuela Morales",
        "judge": ("Jennifer L. Thurston", "United States Magistrate Judge"),
        "date": "December 15, 2011",
        "public": [
            (
                "CITATION",
                "Unigard Sec. Ins. Co. v. Lakewood Eng’g & Mfg. Corp., 982 F.2d 363, 368 (9th Cir. 1992)",
            )
        ],
    },
}

_START = re.compile(
    r"^(ORDER|I\. Background|Presently before|Currently pending|On April 8|Defendant Securus)"
)
_END = re.compile(r"IT IS (SO|HEREBY) ORDERED|^Dated:|^DATED:", re.I)


def orders_for(split: str) -> list[str]:
    return sorted(name for name, meta in ORDERS.items() if meta["split"] == split)


def clean_lines(raw: str) -> list[str]:
    out = []
    for line in raw.splitlines():
        line = re.sub(r"</?u>|\*\*|\*|^#+\s*", "", line).replace("\t", " ").strip()
        line = re.sub(r"^\d{1,2}(\s+|$)", "", line).strip()
        line = re.sub(r"^- (?=\d\.)", "", line)
        if re.fullmatch(r"[_/ ]*|\d+", line):
            out.append("")
            continue
        out.append(line)
    return out


def paragraphs(name: str) -> list[str]:
    """The body of one order, as paragraphs, without caption, footnotes or signature."""
    lines = clean_lines((ORDERS_DIR / name).read_text(encoding="utf-8"))
    paras: list[str] = []
    cur: list[str] = []
    started = False
    for line in lines:
        if not started:
            started = bool(_START.match(line)) and len(line) > 30
            if not started:
                continue
        if _END.search(line):
            break
        if re.match(r"^[¹²³⁴⁵⁶⁷⁸⁹]", line):
            continue  # footnote
        if not line:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        cur.append(line)
    if cur:
        paras.append(" ".join(cur))
    merged: list[str] = []
    for p in paras:
        p = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹]", "", p)
        if merged and not re.search(r"[.:;)\"”]$", merged[-1]) and len(merged[-1]) > 60:
            merged[-1] += " " + p
        else:
            merged.append(p)
    return [p for p in merged if len(p) > 3]
