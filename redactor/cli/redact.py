"""`redactor redact`: a public copy with every planned redaction burned in, proven before release."""

from __future__ import annotations

import sys

import click

from ..errors import ExitCode, quoted
from . import guarded, load_policy, plural, say


@click.command()
@click.argument("src", metavar="IN.pdf")
@click.option(
    "-o",
    "--output",
    "dst",
    metavar="OUT.pdf",
    help="Where to write the public copy (required unless --plan-out).",
)
@click.option(
    "--policy",
    metavar="P.yaml",
    help="Your terms, categories and actions (see policy.example.yaml).",
)
@click.option(
    "--log",
    "log_path",
    metavar="LOG.json|LOG.csv",
    help="Write the redaction log (never the values).",
)
@click.option(
    "--plan-out", metavar="PLAN.json", help="Write the plan and stop: nothing is redacted."
)
@click.option(
    "--plan", "plan_in", metavar="PLAN.json", help="Apply this (edited) plan instead of detecting."
)
@click.option(
    "--court",
    metavar="PROFILE",
    help="Court profile whose e-filing limits the public copy is checked against; without it, "
    "the policy's court, else the strictest of the court profiles.",
)
@click.option("--password", help="Password of an encrypted input PDF.")
def redact(
    src: str,
    dst: str,
    policy: str | None,
    log_path: str | None,
    plan_out: str | None,
    plan_in: str | None,
    court: str | None,
    password: str | None,
) -> None:
    """Write a public copy with every planned redaction burned in, proven before release.

    The text, image pixels and vector art under each box are removed; metadata,
    comments, form fields, bookmarks, attachments, JavaScript and hidden layers are
    emptied; the file is written whole. Before release the output is read again by
    independent parsers: if any planned value survives, nothing is written and the
    exit code is 3. The input is never modified. The public copy written is put
    through the e-filing pre-flight (file size, page size, fonts, text layer, what
    CM/ECF refuses) and the result is shown.
    """
    if not dst and not plan_out:
        raise click.UsageError(
            "give -o OUT.pdf for the public copy, or --plan-out PLAN.json for the plan only"
        )

    def run() -> int:
        from ..check.preflight import Limits
        from ..plan import Plan
        from ..redact import redact_file

        pol = load_policy(policy)
        limits = Limits.for_court(court or pol.court)
        plan = Plan.load(plan_in) if plan_in else None
        result = redact_file(
            src,
            None if plan_out else dst,
            policy=pol,
            plan=plan,
            plan_out=plan_out,
            log=log_path,
            password=password,
            preflight=limits,
        )
        count = plural(len(result.plan.redactions), "redaction")
        if plan_out:
            say(f"redactor: plan with {count} written to {quoted(plan_out)}")
        else:
            flight = result.preflight
            for p in flight.problems if flight else []:
                mark = "PROBLEM" if p in flight.blocking else "note"
                where = f"page {p.page}: " if p.page else ""
                say(f"redactor: pre-flight {mark} {p.kind}: {where}{p.detail}")
            ready = f"; {flight.summary()}" if flight else ""
            say(
                f"redactor: {count} on {plural(result.pages, 'page')}; verified and written to "
                f"{quoted(dst)}{ready}"
            )
        return int(ExitCode.OK)

    sys.exit(guarded(src, run))
