"""`redactor package` and `redactor verify-package`: they parse arguments and call the library."""

from __future__ import annotations

import sys

import click

from ..errors import ExitCode, quoted
from ..profiles import available_courts
from . import load_policy, must, plural, say


@click.command("package")
@click.argument("inputs", nargs=-1, required=True, metavar="EXHIBIT.pdf...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="PKGDIR",
    help="The package folder to create. It must be new or empty (see --force).",
)
@click.option(
    "--court",
    default="generic",
    show_default=True,
    metavar="PROFILE",
    help=f"Court profile: {', '.join(available_courts())} (the files of the courts folder), "
    "or a profile .yaml file.",
)
@click.option(
    "--in-camera",
    is_flag=True,
    help="Lodge the proposed redactions for the court's in camera review instead of asking to "
    "seal: a notice of lodging (filed) and a letter to chambers, no sealing request.",
)
@click.option(
    "--order",
    metavar='"ECF No. 42, 2026-11-03"',
    help="The court's order that asked for the package (docket entry and date): cited in the papers.",
)
@click.option(
    "--allow-mixed-cases",
    is_flag=True,
    help="Package exhibits read as papers of different cases together (refused otherwise).",
)
@click.option(
    "--policy",
    metavar="P.yaml",
    help="Your terms, categories and actions (see policy.example.yaml).",
)
@click.option(
    "--plan", "plan_path", metavar="PLAN.json", help="Apply this (edited) plan; one input only."
)
@click.option("--password", help="Password of encrypted input PDFs.")
@click.option(
    "--force",
    is_flag=True,
    help="Replace a previous package in PKGDIR (only a folder with manifest.json).",
)
def package_command(
    inputs: tuple[str, ...],
    out_dir: str,
    court: str,
    in_camera: bool,
    order: str | None,
    allow_mixed_cases: bool,
    policy: str | None,
    plan_path: str | None,
    password: str | None,
    force: bool,
) -> None:
    """Write the package a court takes to seal material, or to review proposed redactions in camera.

    \b
    For each exhibit, from one plan:
      <title>-public-redacted.pdf                 the public copy, made and verified as `redact` does,
                                                  checked against the court's e-filing limits
      <title>-SEALED-unredacted-highlighted.pdf   every plan entry highlighted and numbered (entries
                                                  not on a page on a last sheet), a legend on every
                                                  page (IN-CAMERA, "LODGED FOR IN CAMERA REVIEW",
                                                  with --in-camera)
    For the package:
      redaction-table.pdf/.csv      document, page and line, portion described (never quoted), reason;
                                    file data (document properties, comments) listed apart
      redaction-log.json/.csv       one row per redaction, as `redact --log` writes
      SEALED-reference-list.pdf     FRCP 5.2(g): each identifier ([SSN-1]) and its complete value;
      SEALED-reference-list.json    the only files that hold values (the JSON also keeps the plans)
                                    (IN-CAMERA-reference-list with --in-camera)
      draft-*.pdf/.md               the papers the court profile names, filled from the caption,
                                    with [COUNSEL TO COMPLETE: ...] blanks: a request to seal, or
                                    with --in-camera a notice of lodging and a letter to chambers
      index.html                    what is filed, what goes to chambers and how; every file
      manifest.json                 every file's role, SHA-256, size and pages

    A package is for one case: exhibits read as papers of different cases (caption, CM/ECF
    header stamp) are refused (exit 2) unless --allow-mixed-cases. A paper of another court
    than the profile's is a warning. Pages bearing a protective-order designation are
    offered for sealing whole. Files over the court's size limit are split into numbered
    parts (...-part-1-of-3.pdf); a public copy the court's e-filing would refuse otherwise
    is not written. File names come from the document's title or `exhibit-N`, never from a
    value.

    Fail closed: the package is built in a hidden folder beside PKGDIR and renamed into
    place only when every public copy verified and no file but the sealed ones holds a
    value. If any exhibit fails, nothing at all is written and the exit code is 3.
    """
    from ..package import build_package

    pol = must(policy or "", lambda: load_policy(policy) if policy else None)
    pkg = must(
        inputs[0],
        lambda: build_package(
            list(inputs),
            out_dir,
            court=court,
            in_camera=in_camera,
            policy=pol,
            plan_path=plan_path,
            password=password,
            force=force,
            order=order,
            allow_mixed_cases=allow_mixed_cases,
        ),
    )
    for warning in pkg.warnings:
        say(f"redactor: warning: {warning}")
    kind = "in camera package" if pkg.in_camera else "package"
    say(
        f"redactor: {kind} for {plural(pkg.exhibits, 'exhibit')} ({plural(pkg.redactions, 'redaction')}, "
        f"court profile {pkg.court}) written to {quoted(pkg.directory)}; {pkg.preflight_summary()}; "
        f"open {quoted(pkg.directory + '/index.html')}"
    )


@click.command("verify-package")
@click.argument("pkg_dir", metavar="PKGDIR")
def verify_package_command(pkg_dir: str) -> None:
    """Re-check a package before sending it: every SHA-256 in manifest.json, no file added or
    missing, every public copy verified again against the plans kept in the sealed
    reference list, and every plan entry there once: highlighted and numbered in the
    highlighted copy, one row of the redaction table, one use in the reference list (no
    value is printed).

    Exit 0 when all is good, 3 when a hash or a public copy fails, 2 when PKGDIR is not a package.
    """
    from ..package import verify_package

    problems = must(pkg_dir, lambda: verify_package(pkg_dir))
    for p in problems:
        click.echo(f"PROBLEM  {p}")
    if problems:
        say(f"redactor: {quoted(pkg_dir)}: {plural(len(problems), 'problem')}; do not send it")
        sys.exit(int(ExitCode.NOT_VERIFIED))
    say(
        f"redactor: {quoted(pkg_dir)}: every hash matches, every public copy verified, every plan entry "
        "highlighted, tabled and listed once"
    )
