"""Sentences for the samples: planting templates in two families, and public legal prose.

The planting templates are the sentences that carry a private value. The
train family and the held-out family use different lead-ins and context
words, so a detector that learned "SSN" or "born on" from the train corpus is
measured on sentences it has not seen. Placeholders: ``{who}`` a person,
``{minor}``, ``{age}``, ``{grade}``, ``{school}``, ``{ssn}``, ``{dob}``,
``{addr}``, ``{phone}``, ``{email}``, ``{acct}``, ``{routing}``, ``{card}``,
``{tin}``, ``{dl}``, ``{med}``, ``{mrn}``, ``{clinic}``, ``{bank}``,
``{person}``, ``{officer}``, ``{badge}``, ``{ia}``, ``{finding}``,
``{complainant}``, ``{ex}``, ``{company}``.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "SSN": {
        "train": (
            "The loan application submitted to {company} lists {who}'s Social Security number as {ssn}.",
            "Exhibit {ex} is a copy of a W-2 form bearing {who}'s SSN {ssn} in Box a.",
            "{who} gave the claims adjuster a Social Security number, {ssn}, during the first call.",
        ),
        "heldout": (
            "The employment file identifies {who} by the taxpayer number {ssn} on every page.",
            "Page 3 of the credit report repeats the nine-digit identifier {ssn} beside {who}'s name.",
            "In the benefits application, the field for a social security no. reads {ssn}.",
        ),
    },
    "DOB": {
        "train": (
            "{who} was born on {dob} and was working full time when the incident occurred.",
            "The intake form lists {who}'s date of birth as {dob}.",
            "The booking sheet for {who} reads DOB: {dob}.",
        ),
        "heldout": (
            "According to the hospital face sheet, {who} (birth date {dob}) was admitted that evening.",
            "{who}, whose birthday is {dob}, signed the release on the same day.",
            "The driver record reflects a birthdate of {dob} for {who}.",
        ),
    },
    "MINOR": {
        "train": (
            "{who}'s son, {minor}, age {age}, was present in the apartment during the search.",
            "{minor}, a minor, attends {school} and was interviewed by school staff the next morning.",
            "At the time, {minor}, who is {age} years old, was a student at {school}.",
        ),
        "heldout": (
            "The younger child, {minor} ({age} years old), was in the back seat of the vehicle.",
            "{minor}, then a {grade} grader enrolled at {school}, later described the events to a counselor.",
            "{who}'s daughter {minor}, who is {age}, stayed with a relative for two nights.",
        ),
    },
    "ADDRESS": {
        "train": (
            "{who} resides at {addr}, a home the family has occupied since 2016.",
            "Officers went to {who}'s home at {addr} shortly after 9:00 p.m.",
        ),
        "heldout": (
            "The process server delivered the subpoena to the dwelling at {addr}.",
            "Mail addressed to {who} at {addr} was returned to the sender in March.",
        ),
    },
    "PHONE": {
        "train": (
            "{who} can be reached on a personal cell phone at {phone}.",
            "The call log shows eleven calls from {phone}, {who}'s home number.",
        ),
        "heldout": (
            "Text messages were sent from the mobile number {phone} registered to {who}.",
            "Dispatch records list a callback number of {phone} for the reporting party.",
        ),
    },
    "EMAIL": {
        "train": (
            "The messages were sent from {who}'s personal e-mail account, {email}.",
            "{who} forwarded the letter from a private e-mail address, {email}.",
        ),
        "heldout": (
            "Discovery included forty-one messages delivered to the mailbox {email}.",
            "The account recovery notice went to {email}, which only {who} uses.",
        ),
    },
    "ACCOUNT": {
        "train": (
            "The settlement funds were deposited into checking account no. {acct} at {bank}.",
            "Statements for account {acct}, routing number {routing}, are attached as Exhibit {ex}.",
        ),
        "heldout": (
            "Wire instructions direct payment to deposit number {acct} (ABA {routing}).",
            "The levy reached the savings balance that {bank} holds under number {acct}.",
        ),
    },
    "CARD": {
        "train": ("The disputed charges were billed to {who}'s credit card number {card}.",),
        "heldout": (
            "Merchant receipts show the payment card {card} was swiped at the store twice.",
        ),
    },
    "TIN": {
        "train": (
            "The 1099 forms show {who}'s business under employer identification number {tin}.",
        ),
        "heldout": ("The Form W-9 for the sole proprietorship bears the identifier {tin}.",),
    },
    "DRIVERS_LICENSE": {
        "train": ("{who}'s California driver's license number is {dl}.",),
        "heldout": ("The citation records operator permit {dl} and the vehicle plate.",),
    },
    "MEDICAL": {
        "train": (
            "{who}'s medical records reflect a diagnosis of {med}.",
            "Records from {clinic} document {med} and ongoing treatment under MRN {mrn}.",
        ),
        "heldout": (
            "The treating physician's notes describe {med}, for which {who} continues to receive care.",
            "Chart {mrn} at {clinic} contains entries concerning {med}.",
        ),
    },
    "PERSON": {
        "train": (
            "The incident was reported by {person}, a neighbor who saw the arrest from across the street.",
            "{person}, a customer who called the company about the defect, asked that the call not be recorded.",
        ),
        "heldout": (
            "A bystander, {person}, recorded part of the encounter on a telephone.",
            "The second interview was with {person}, who shared a cell with {who} in the county jail.",
        ),
    },
    "IA": {
        "train": (
            "Officer {officer}, Badge No. {badge}, was the subject of Internal Affairs investigation {ia}.",
            "The investigation in {ia} concluded with {finding}.",
            "The complaint that opened {ia} was made by {complainant}, who lives near the scene.",
        ),
        "heldout": (
            "Investigative file {ia} concerns Sergeant {officer} (badge {badge}).",
            "After reviewing the file, the chief imposed {finding}.",
            "{complainant} submitted the citizen grievance that began the inquiry.",
        ),
    },
}

GRADES = ("sixth", "seventh", "eighth", "fourth", "fifth", "ninth", "tenth")

CLINICS = (
    "Mercy General Hospital",
    "Valley Children's Clinic",
    "Sutter Family Medicine",
    "Kaweah Health Medical Center",
    "Dignity Behavioral Health",
    "San Joaquin General Hospital",
)
BANKS = (
    "Golden Valley Bank",
    "Pacific Coast Credit Union",
    "Sierra Federal Savings",
    "First Delta Bank",
    "Redwood Community Bank",
)

CITATIONS = {
    "kamakana": "Kamakana v. City & County of Honolulu, 447 F.3d 1172, 1178 (9th Cir. 2006)",
    "nixon": "Nixon v. Warner Communications, Inc., 435 U.S. 589, 597 (1978)",
    "foltz": "Foltz v. State Farm Mut. Auto. Ins. Co., 331 F.3d 1122, 1135 (9th Cir. 2003)",
    "pintos": "Pintos v. Pac. Creditors Ass'n, 605 F.3d 665, 678 (9th Cir. 2010)",
    "autosafety": "Ctr. for Auto Safety v. Chrysler Grp., LLC, 809 F.3d 1092, 1097 (9th Cir. 2016)",
    "phillips": "Phillips ex rel. Estates of Byrd v. Gen. Motors Corp., 307 F.3d 1206, 1210 (9th Cir. 2002)",
    "sanchez": "Sanchez v. City of Santa Ana, 936 F.2d 1027, 1033 (9th Cir. 1990)",
    "kelly": "Kelly v. City of San Jose, 114 F.R.D. 653, 660 (N.D. Cal. 1987)",
    "soto": "Soto v. City of Concord, 162 F.R.D. 603, 613 (N.D. Cal. 1995)",
    "oliner": "Oliner v. Kontrabecki, 745 F.3d 1024, 1026 (9th Cir. 2014)",
    "hagestad": "Hagestad v. Tragesser, 49 F.3d 1430, 1434 (9th Cir. 1995)",
    "pioneer": "Pioneer Elecs. (USA), Inc. v. Superior Court, 40 Cal. 4th 360, 370 (2007)",
}

STATUTES = (
    "Fed. R. Civ. P. 5.2(a)",
    "Fed. R. Civ. P. 26(c)",
    "L.R. 141",
    "L.R. 140",
    "Civil L.R. 79-5",
    "42 U.S.C. § 1983",
    "Cal. Penal Code § 832.7",
    "Cal. Evid. Code § 1043",
    "Cal. Welf. & Inst. Code § 827",
    "Fed. R. Evid. 501",
)

# Public prose. {c:key} is a citation, {s:text} a statute, {ecf} a docket number.
LEGAL_STANDARD = (
    "Courts recognize a general right to inspect and copy public records and documents, "
    "including judicial records and documents. {c:nixon}. Unless a particular record is one "
    "traditionally kept secret, a strong presumption in favor of access is the starting point. "
    "{c:kamakana}.",
    "A party seeking to seal a judicial record attached to a dispositive motion bears the burden "
    "of overcoming that presumption by articulating compelling reasons supported by specific "
    "factual findings. {c:autosafety}. For records attached to non-dispositive motions, a "
    "particularized showing of good cause under {s:Fed. R. Civ. P. 26(c)} suffices. {c:pintos}.",
    "Under {s:Fed. R. Civ. P. 5.2(a)}, a filing that contains an individual's Social Security "
    "number, taxpayer identification number, or birth date, the name of an individual known to "
    "be a minor, or a financial-account number may include only the last four digits of the "
    "number, the year of birth, and the minor's initials.",
    "Documents may be sealed only by written order of the Court upon the showing required by "
    "applicable law. {s:L.R. 141}. The request must set forth the statutory or other authority "
    "for sealing, the requested duration, and the identity of the persons to be permitted access "
    "to the documents.",
    "Federal courts recognize a qualified privilege for official information, which reaches the "
    "personnel files and internal-affairs records of peace officers. {c:sanchez}; {c:kelly}. "
    "The privilege must be formally asserted and is weighed against the requesting party's need "
    "for the records. {c:soto}.",
    "A protective-order designation alone does not establish that a document should be sealed; "
    "the Court must still find that particularized harm will result from disclosure. "
    "{c:phillips}; {c:foltz}.",
)

ARGUMENT = (
    "The relief requested is narrowly tailored. The moving party does not ask the Court to seal "
    "the papers in their entirety; only the identifiers and health information described above "
    "would be redacted from the public record, and unredacted copies would be lodged under seal.",
    "Public disclosure of these materials would serve no legitimate purpose. The information "
    "bears on the claims only tangentially, and its release could expose the individuals involved "
    "to harassment, identity theft, or embarrassment. {c:foltz}.",
    "The records are subject to the parties' Stipulated Protective Order (ECF No. {ecf}), which "
    "designates internal-affairs files and personal identifying information as CONFIDENTIAL. "
    "Disclosure outside the terms of that order would undermine the parties' reliance on it.",
    "The parties met and conferred about the scope of the proposed redactions, and the opposing "
    "party does not oppose this request. The proposed redactions are highlighted in the "
    "unredacted copy lodged with the Court for in camera review.",
    "Sealing orders are reviewed for abuse of discretion, and the Court retains the power to "
    "unseal the records if circumstances change. {c:oliner}; {c:hagestad}. The moving party asks "
    "only that the records remain sealed while the action is pending.",
    "Privacy interests in medical and mental-health information are substantial, and the state "
    "constitution protects them as well. See {c:pioneer}. No less intrusive alternative to "
    "redaction would protect those interests here.",
)

DECLARATION_OPENING = (
    "I am an attorney at law duly licensed to practice before all courts of the State of "
    "California and this Court, and I am counsel of record for {client} in this action. I have "
    "personal knowledge of the facts stated in this declaration and, if called as a witness, "
    "could and would testify competently to them.",
    "I make this declaration in support of the request to file documents under seal pursuant to "
    "{s:L.R. 141} and the Stipulated Protective Order entered in this case (ECF No. {ecf}).",
)

DECLARATION_CLOSING = (
    "The internal-affairs records described above were produced under the protective order and "
    "designated CONFIDENTIAL. They contain personnel information protected from disclosure by "
    "{s:Cal. Penal Code § 832.7} and {s:Cal. Evid. Code § 1043}.",
    "I declare under penalty of perjury under the laws of the United States of America that the "
    "foregoing is true and correct.",
)

EXHIBIT_INTRO = (
    "The following list was produced by {company} under the Stipulated Protective Order "
    "(ECF No. {ecf}) and is designated CONFIDENTIAL. It identifies the {who_plural} who "
    "contacted the company about the matters at issue, with the contact information "
    "on file for each. See {c:pioneer}.",
)

MOTION_TITLES = (
    "NOTICE OF MOTION AND MOTION TO FILE DOCUMENTS UNDER SEAL; MEMORANDUM OF POINTS AND AUTHORITIES",
    "REQUEST TO SEAL DOCUMENTS; MEMORANDUM OF POINTS AND AUTHORITIES IN SUPPORT",
    "MOTION FOR LEAVE TO FILE EXHIBITS UNDER SEAL",
)
