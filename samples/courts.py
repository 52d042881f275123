"""Courts as their own papers name them: letterheads, courthouses, clerks' offices, ECF stamps.

Court names, courthouses and their street addresses are public facts (taken from
the courts' own pages); clerks, deputies and phone numbers are drawn for each
filing. ``ecf_stamp`` writes the line CM/ECF puts across every page of a filed
document, in the shape each kind of court uses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Court:
    key: str
    lines: tuple[str, ...]  # the court's name as a caption or letterhead sets it
    district: str  # "Eastern District of California", for running text
    courthouse: str
    street: str
    city_line: str
    area_code: str
    website: str
    case_shape: str  # "2:{yy}-cv-{n:05d}-{j}" or an appellate number
    stamp: str  # "district", "cacd", "ca9", "ca3", "state"
    appellate: bool = False


COURTS = (
    Court(
        "caed-sac",
        ("UNITED STATES DISTRICT COURT", "EASTERN DISTRICT OF CALIFORNIA"),
        "Eastern District of California",
        "Robert T. Matsui United States Courthouse",
        "501 I Street, Room 4-200",
        "Sacramento, CA 95814",
        "916",
        "www.caed.uscourts.gov",
        "2:{yy}-cv-{n:05d}-{j}",
        "district",
    ),
    Court(
        "caed-fre",
        ("UNITED STATES DISTRICT COURT", "EASTERN DISTRICT OF CALIFORNIA"),
        "Eastern District of California",
        "Robert E. Coyle United States Courthouse",
        "2500 Tulare Street, Room 1501",
        "Fresno, CA 93721",
        "559",
        "www.caed.uscourts.gov",
        "1:{yy}-cv-{n:05d}-{j}",
        "district",
    ),
    Court(
        "cand",
        ("UNITED STATES DISTRICT COURT", "NORTHERN DISTRICT OF CALIFORNIA"),
        "Northern District of California",
        "Phillip Burton Federal Building & United States Courthouse",
        "450 Golden Gate Avenue",
        "San Francisco, CA 94102",
        "415",
        "www.cand.uscourts.gov",
        "3:{yy}-cv-{n:05d}-{j}",
        "district",
    ),
    Court(
        "cacd",
        ("UNITED STATES DISTRICT COURT", "CENTRAL DISTRICT OF CALIFORNIA"),
        "Central District of California",
        "First Street Courthouse",
        "350 West 1st Street, Suite 4311",
        "Los Angeles, CA 90012",
        "213",
        "www.cacd.uscourts.gov",
        "2:{yy}-cv-{n:05d}-{j}",
        "cacd",
    ),
    Court(
        "casd",
        ("UNITED STATES DISTRICT COURT", "SOUTHERN DISTRICT OF CALIFORNIA"),
        "Southern District of California",
        "James M. Carter and Judith N. Keep United States Courthouse",
        "333 West Broadway, Suite 420",
        "San Diego, CA 92101",
        "619",
        "www.casd.uscourts.gov",
        "3:{yy}-cv-{n:05d}-{j}",
        "district",
    ),
    Court(
        "ca9",
        ("UNITED STATES COURT OF APPEALS", "FOR THE NINTH CIRCUIT"),
        "Ninth Circuit",
        "James R. Browning Courthouse",
        "95 Seventh Street",
        "San Francisco, California 94103",
        "415",
        "www.ca9.uscourts.gov",
        "{yy}-{n:05d}",
        "ca9",
        appellate=True,
    ),
    Court(
        "ca3",
        ("UNITED STATES COURT OF APPEALS", "FOR THE THIRD CIRCUIT"),
        "Third Circuit",
        "21400 United States Courthouse",
        "601 Market Street",
        "Philadelphia, PA 19106-1790",
        "215",
        "www.ca3.uscourts.gov",
        "{yy}-{n:04d}",
        "ca3",
        appellate=True,
    ),
    Court(
        "cal3",
        ("COURT OF APPEAL OF THE STATE OF CALIFORNIA", "THIRD APPELLATE DISTRICT"),
        "Third Appellate District",
        "Library and Courts Building",
        "914 Capitol Mall",
        "Sacramento, California 95814",
        "916",
        "www.courts.ca.gov/3dca.htm",
        "C{n:06d}",
        "state",
        appellate=True,
    ),
)
DISTRICT = tuple(c for c in COURTS if not c.appellate)
APPELLATE = tuple(c for c in COURTS if c.appellate)
JUDGES_INITIALS = ("KJM-DB", "JAM-AC", "WBS-CKD", "DAD-SAB", "JSC", "HSG", "MWF-AGR", "JLS-BGS")
# Words of the courthouses' names: no person drawn for a filing may share them.
RESERVED = tuple(
    w.strip(".,&")
    for c in COURTS
    for w in (c.courthouse + " " + c.street).split()
    if w[:1].isupper() and len(w.strip(".,&")) > 2
)


def case_number(court: Court, rng: random.Random) -> str:
    yy = rng.randint(18, 24)
    if court.appellate:
        return court.case_shape.format(
            yy=yy, n=rng.randint(1000, 17999 if "05" in court.case_shape else 3999)
        )
    return court.case_shape.format(yy=yy, n=rng.randint(100, 2999), j=rng.choice(JUDGES_INITIALS))


def ecf_stamp(court: Court, case: str, rng: random.Random) -> tuple[str, bool, int]:
    """A template of the ECF stamp of one filed document ({page}, {pages} and {page_id}
    left to fill), whether it goes at the top of the page, and the first Page ID."""
    doc = rng.randint(12, 240)
    m, d, y = rng.randint(1, 12), rng.randint(1, 28), rng.randint(2019, 2024)
    gap = " " * rng.choice([3, 4, 5])
    if court.stamp == "cacd":
        return (
            f"Case {case}{gap}Document {doc}{gap}Filed {m:02d}/{d:02d}/{y % 100:02d}{gap}"
            f"Page {{page}} of {{pages}}{gap}Page ID #:{{page_id}}",
            True,
            rng.randint(100, 9000),
        )
    if court.stamp == "district":
        filed = f"{m:02d}/{d:02d}/{y % 100:02d}" if rng.random() < 0.5 else f"{m:02d}/{d:02d}/{y}"
        return (
            f"Case {case}{gap}Document {doc}{gap}Filed {filed}{gap}Page {{page}} of {{pages}}",
            True,
            0,
        )
    if court.stamp == "ca9":
        return (
            f"Case: {case}, {m:02d}/{d:02d}/{y}, ID: {rng.randint(10000000, 12999999)}, "
            f"DktEntry: {rng.randint(5, 90)}, Page {{page}} of {{pages}}",
            False,
            0,
        )
    if court.stamp == "ca3":
        return (
            f"Case: {case}{gap}Document: 0031{rng.randint(10000000, 99999999)}{gap}"
            f"Page: {{page}}{gap}Date Filed: {m:02d}/{d:02d}/{y}",
            False,
            0,
        )
    return "", True, 0
