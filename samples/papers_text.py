"""Sentences for the court's own papers and counsel's letters: clerks' letters, opinions,
stipulations, certificates and proofs of service.

Sentences that carry a private value come in a train family and a held-out family
(as in ``text.py``). The rest is public prose written the way clerks, judges and
counsel write it, with several wordings of each so no one phrasing is the rule.
Placeholders: ``{P}`` a party's full name, ``{p}`` its short form, ``{pp}`` the short
form's possessive, ``{O}``/``{o}`` an officer who is a named defendant, ``{E}`` the
entity defendant, ``{W}``/``{w}`` a private witness and a short form, ``{M}`` a minor,
``{m}`` the minor's given name, ``{rel}`` son or daughter, ``{age}``, ``{addr}``,
``{phone}``, ``{date}``, ``{ecf}``, ``{court}``, ``{case}``.
"""

from __future__ import annotations

# -- opinions: private facts about a witness and a minor, beside the parties ------------
OPINION_FACTS: dict[str, tuple[str, ...]] = {
    "train": (
        "A neighbor, {W}, watched the encounter from across the street and later gave a "
        "recorded statement. {w} told investigators that {o} struck {p} after {p} was on the ground.",
        "{W}, who was walking home from work, saw part of the arrest. In her deposition, {w} "
        "described {o} as calm until {p} reached for the car door.",
        "The only other adult present was {W}, a coworker of {pp}. {w} testified that she "
        "could not see what happened at the patrol car.",
    ),
    "heldout": (
        "The encounter was recorded in part by a passerby, {W}, on a mobile telephone. {w} "
        "gave the recording to {pp} counsel the next morning.",
        "{W} had been sitting on a porch two houses down. At deposition {w} could not say "
        "whether {o} drew a weapon before or after {p} stepped out.",
        "Defendants rely on the account of {W}, a tow-truck driver who arrived during the "
        "stop; {w} recalled that {p} was shouting.",
    ),
}
OPINION_MINOR: dict[str, tuple[str, ...]] = {
    "train": (
        "{pp} {rel}, {M}, who was {age} years old, was in the back seat. Officers later drove "
        "{m} to a relative's home.",
        "{P} was with {pp_own} {rel} {M}, then {age}, when the officers arrived; {m} "
        "remained in the car throughout.",
    ),
    "heldout": (
        "Also in the vehicle was {M}, {pp} {rel}, age {age}. According to the complaint, {m} "
        "was frightened and began to cry.",
        "{M}, a minor who is {pp} {rel}, watched from the doorway. {m} was {age} at the time.",
    ),
}
OPINION_ADDRESS: dict[str, tuple[str, ...]] = {
    "train": ("{w} lived at {addr} and could see the intersection from her front window.",),
    "heldout": ("From the residence at {addr}, {w} had a clear view of the street.",),
}
OPINION_INTRO = (
    "Plaintiff {P} brings this civil rights action under {s:42 U.S.C. § 1983} against "
    "{E} and {O_title} {O}. Before the Court is Defendants' motion for summary judgment "
    "(ECF No. {ecf}). For the reasons that follow, the motion is GRANTED in part and DENIED in part.",
    "This action arises from {pp} arrest on {date}. {P} sues {E} and {O_title} {O} under "
    "{s:42 U.S.C. § 1983}, alleging excessive force and an unlawful search. Defendants move "
    "for summary judgment (ECF No. {ecf}); {p} opposes.",
    "Pending is the motion of defendants {E} and {O} (\u201cDefendants\u201d) for summary "
    "judgment on each claim of plaintiff {P} (\u201c{p}\u201d). ECF No. {ecf}. The Court "
    "took the matter under submission without oral argument.",
)
OPINION_FACTS_PUBLIC = (
    "On {date}, {o} stopped {pp} vehicle for an expired registration. The parties dispute what "
    "happened next. According to {p}, {o} ordered {p} out of the car and pushed {p_him} against "
    "the hood; according to {o}, {p} refused to leave the vehicle.",
    "{p} was booked into the county jail and released the following day. The district attorney "
    "declined to file charges. {p} filed this action on {date}.",
    "Because of the COVID-19 pandemic, the parties took most depositions by videoconference, "
    "and the discovery deadline was extended twice. See ECF No. {ecf}.",
    "{p} seeks damages for the use of force, for emotional distress, and for personal injury, "
    "together with attorney's fees under {s:42 U.S.C. § 1988}.",
)
OPINION_STANDARD = (
    "Summary judgment is appropriate when there is no genuine dispute as to any material fact "
    "and the movant is entitled to judgment as a matter of law. {s:Fed. R. Civ. P. 56(a)}; "
    "{c:celotex}. A dispute is genuine if the evidence is such that a reasonable jury could "
    "return a verdict for the nonmoving party. {c:anderson}.",
    "Claims of excessive force are analyzed under the Fourth Amendment's objective "
    "reasonableness standard. {c:graham}. The Court asks whether the officers' actions were "
    "objectively reasonable in light of the facts and circumstances confronting them. Where "
    "a video of the events exists, the Court views the facts in the light it depicts. {c:scott}.",
    "Qualified immunity shields an officer from liability unless the officer violated a "
    "constitutional right that was clearly established at the time of the conduct. "
    "{c:pearson}. A municipality is liable under {s:42 U.S.C. § 1983} only for its own "
    "policy or custom. {c:monell}.",
)
OPINION_DISCUSSION = (
    "{o} argues that the force used was minimal and that {p} was resisting. {p} responds that "
    "{p_he} was already handcuffed when {o} pushed {p_him}. On this record a reasonable jury "
    "could credit {pp} account. The motion is denied as to the excessive force claim against {o}.",
    "{p} has not identified any policy or custom of {E} that caused the alleged violation. "
    "{pp} evidence concerns only the events of one evening. The motion is granted as to the "
    "claim against {E}.",
    "Taking the facts in the light most favorable to {p}, {o} is not entitled to qualified "
    "immunity: the right to be free from force after a suspect has been subdued was clearly "
    "established well before the events at issue.",
)
OPINION_CONCLUSION = (
    "For the reasons above, Defendants' motion for summary judgment is GRANTED as to the claim "
    "against {E} and DENIED as to the claims against {o}. The Clerk shall set a status conference.",
    "Defendants' motion (ECF No. {ecf}) is GRANTED IN PART and DENIED IN PART. {p} may proceed "
    "on the excessive force claim against {o}; the remaining claims are dismissed.",
)
APPEAL_OPENING = (
    "{P} appeals from the district court's summary judgment in {pp_own} action under "
    "{s:42 U.S.C. § 1983} alleging excessive force. We have jurisdiction under "
    "{s:28 U.S.C. § 1291}. We review de novo. {c:anderson}. We affirm in part, reverse in part, "
    "and remand.",
    "{P} appeals the judgment entered after the district court granted {E}'s motion for "
    "summary judgment. We have jurisdiction under {s:28 U.S.C. § 1291}, and we affirm.",
)
APPEAL_DISPOSITION = ("AFFIRMED.", "AFFIRMED in part, REVERSED in part, and REMANDED.")
NOT_PRECEDENT = (
    "* This disposition is not appropriate for publication and is not precedent except as "
    "provided by Ninth Circuit Rule 36-3."
)

OPINION_CITATIONS = {
    "celotex": "Celotex Corp. v. Catrett, 477 U.S. 317, 322 (1986)",
    "anderson": "Anderson v. Liberty Lobby, Inc., 477 U.S. 242, 248 (1986)",
    "graham": "Graham v. Connor, 490 U.S. 386, 396 (1989)",
    "scott": "Scott v. Harris, 550 U.S. 372, 380 (2007)",
    "pearson": "Pearson v. Callahan, 555 U.S. 223, 232 (2009)",
    "monell": "Monell v. Dep't of Soc. Servs., 436 U.S. 658, 694 (1978)",
}

# -- clerks' letters --------------------------------------------------------------------
CLERK_BODIES = (
    (
        "The Court has received the notice of appeal filed in the above-referenced case. The "
        "appeal has been docketed as No. {case}. This number must appear on all documents "
        "filed in this Court relating to this case.",
        "Counsel must file an appearance form within fourteen days of the date of this letter. "
        "Failure to comply may result in the dismissal of the appeal without further notice.",
    ),
    (
        "The document filed on {date} (ECF No. {ecf}) does not comply with {s:Fed. R. Civ. P. 5.2}: "
        "one of its exhibits contains personal identifiers that must be redacted. The Clerk "
        "has restricted public access to the document.",
        "Please file a redacted version of the document within seven days. The unredacted "
        "version will remain restricted to the parties and the Court.",
    ),
    (
        "The hearing on the pending motion has been reset for {date}. In light of the COVID-19 "
        "pandemic, the hearing will be held by videoconference; instructions will be sent to "
        "counsel of record by electronic mail.",
        "No appearance is required from a party who has not filed papers on the motion.",
    ),
    (
        "Enclosed is the briefing schedule for this appeal. The opening brief is due forty days "
        "after the record is filed; the answering brief is due thirty days after service of the "
        "opening brief.",
        "Motions for an extension of time must be filed at least seven days before the brief is due.",
    ),
)
CLERK_INQUIRIES = (
    "Inquiries regarding this case may be directed to {phone}.",
    "If you have any questions, please contact the undersigned at {staff_phone}.",
    "All inquiries should be directed to your Case Manager in writing or by calling the "
    "Clerk's Office at {phone}.",
    "Questions about this notice may be directed to the Clerk's Office at {phone} or by "
    "e-mail to {email}.",
)

# -- counsel's letters ------------------------------------------------------------------
LETTER_TO_COURT_OPEN = (
    "We represent Plaintiff {P} in the above-referenced action. Pursuant to Rule 5.2 and "
    "Your Honor's Individual Practices, we write to request leave to file under seal three "
    "exhibits to the declaration submitted with Plaintiff's opposition (ECF No. {ecf}).",
    "This firm represents {P}. We write, with the consent of Defendants, to ask that the "
    "Court permit the parties to file certain exhibits in redacted form, with unredacted "
    "copies lodged under seal.",
)
LETTER_TO_COURT_CLOSE = (
    "The requested redactions are narrowly tailored to these identifiers. We thank the Court "
    "for its attention to this matter.",
    "Defendants do not oppose this request. We are available at the Court's convenience "
    "should Your Honor have any questions.",
)
LETTER_TO_COUNSEL: dict[str, tuple[str, ...]] = {
    "train": (
        "Your production of {date} includes, without redaction, the home address of a "
        "non-party witness, {W}, at {addr}, and {w}'s personal cell phone number, {phone}. "
        "Please re-produce those pages with the information redacted.",
    ),
    "heldout": (
        "Several pages of Defendant's supplemental production list the residence of {W}, "
        "a non-party, as {addr}, together with the number {phone}. We ask that you claw "
        "those pages back and substitute redacted copies.",
    ),
}
LETTER_TO_COUNSEL_OPEN = (
    "I write to follow up on our telephone conference of {date} regarding Defendant's "
    "responses to Plaintiff's First Set of Requests for Production.",
    "Thank you for speaking with me on {date} about the remaining discovery disputes. This "
    "letter confirms what we discussed.",
)
LETTER_TO_WITNESS: dict[str, tuple[str, ...]] = {
    "train": (
        "Enclosed please find a subpoena to testify at a deposition in the above-referenced "
        "case. You have been identified as a person who saw the events of {date}.",
    ),
    "heldout": (
        "This office represents a party in the lawsuit named above. You are receiving the "
        "enclosed deposition subpoena because you may have seen the events of {date}.",
    ),
}
LETTER_TO_WITNESS_CLOSE = (
    "If the date is inconvenient, please call me at {direct} so that we can arrange another "
    "time. A witness fee check is enclosed.",
    "Please contact my assistant, {staff}, at {direct} or {staff_email} to confirm your "
    "attendance.",
)

# -- stipulations ------------------------------------------------------------------------
STIP_TITLES = (
    "STIPULATION AND [PROPOSED] ORDER TO FILE EXHIBITS UNDER SEAL",
    "JOINT STIPULATION TO SEAL PORTIONS OF THE RECORD; [PROPOSED] ORDER",
    "STIPULATION REGARDING REDACTION OF EXHIBITS AND ORDER THEREON",
)
STIP_OPEN = (
    "Plaintiff {P} and Defendants {E} and {O}, by and through their counsel of record, "
    "stipulate as follows:",
    "IT IS HEREBY STIPULATED by and between the parties, through their respective attorneys "
    "of record, as follows:",
)
STIP_RECITALS: dict[str, tuple[str, ...]] = {
    "train": (
        "WHEREAS, Exhibit 4 to the Declaration of {counsel} is the transcript of the deposition "
        "of non-party {W}, which recites {w}'s home address, {addr}, and personal telephone "
        "number, {phone};",
        "WHEREAS, Exhibit 6 consists of the medical records of {P} from {clinic}, which "
        "reflect treatment for {med};",
        "WHEREAS, Exhibit 7 is a school incident report that names {pp} {rel}, {M}, who is {age};",
    ),
    "heldout": (
        "WHEREAS, the deposition of {W}, who is not a party, was marked as Exhibit 4, and "
        "pages 6 and 7 of that transcript state the witness's residence at {addr} and the "
        "number {phone};",
        "WHEREAS, {pp} chart from {clinic} (Exhibit 6) describes {med};",
        "WHEREAS, Exhibit 7 identifies {M} ({age} years old), the {rel} of {P};",
    ),
}
STIP_CLOSE = (
    "NOW, THEREFORE, the parties stipulate that the exhibits described above may be filed "
    "under seal, and that redacted copies will be filed on the public docket.",
    "The parties therefore ask the Court to order that the unredacted exhibits be lodged "
    "under seal and that the redacted versions be filed publicly.",
)
ATTESTATION = (
    "Pursuant to Local Rule 131(e), the filer attests that all other signatories listed, and "
    "on whose behalf this filing is submitted, concur in its content and have authorized the filing.",
    "ATTESTATION: The filer attests that concurrence in the filing of this document has been "
    "obtained from each of the other signatories.",
)
PROPOSED_ORDER = (
    "Pursuant to the parties' stipulation, and good cause appearing, IT IS SO ORDERED.",
    "The Court, having considered the stipulation of the parties, and good cause appearing, "
    "ORDERS that the exhibits described above be filed under seal. IT IS SO ORDERED.",
)

# -- service ------------------------------------------------------------------------------
CERTIFICATE_TEXT = (
    "I hereby certify that on {date}, I electronically filed the foregoing with the Clerk of "
    "the Court using the CM/ECF system, which will send notification of such filing to the "
    "following counsel of record:",
    "I certify that on {date} a copy of the foregoing was served on all counsel of record "
    "through the Court's electronic filing system, and by electronic mail on:",
)
PROOF_EMPLOYED = (
    "I am employed in the County of {county}, State of {state}. I am over the age of "
    "eighteen years and not a party to the within action. My business address is {street}, "
    "{city_line}.",
    "I am a resident of the State of {state}, over the age of 18 and not a party to this "
    "action. My business address is {street}, {city_line}, and my electronic service address "
    "is {staff_email}.",
)
PROOF_SERVED = (
    "On {date}, I served the foregoing document(s) described as {title} on the interested "
    "parties in this action as follows:",
    "On {date}, I caused true copies of {title} to be served on the persons listed below:",
)
PROOF_METHOD = (
    "[X] BY ELECTRONIC SERVICE: I caused the documents to be sent to the persons at the "
    "electronic service addresses listed above. I did not receive any electronic message "
    "indicating that the transmission was unsuccessful.",
    "[X] BY MAIL: I placed the envelope for collection and mailing, following our ordinary "
    "business practices, with postage fully prepaid.",
)
PROOF_DECLARE = (
    "I declare under penalty of perjury under the laws of the State of {state} that the "
    "foregoing is true and correct. Executed on {date}, at {city}, {state}.",
    "I declare under penalty of perjury under the laws of the United States of America that "
    "the above is true and correct.",
)
