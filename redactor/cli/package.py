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
    help="Package the unredacted copies for in camera review instead of lodging them under seal.",
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
    policy: str | None,
    plan_path: str | None,
    password: str | None,
    force: bool,
) -> None:
    """Write the package a court takes to seal material, or to approve redactions in camera.

    \b
    For each exhibit, from one plan:
      <title>-public-redacted.pdf                 the public copy, made and verified as `redact` does
      <title>-SEALED-unredacted-highlighted.pdf   every proposed redaction highlighted and numbered,
                                                  a legend on every page (IN-CAMERA with --in-camera)
    For the package:
      redaction-table.pdf/.csv      document, page and line, portion described (never quoted), reason
      redaction-log.json/.csv       one row per redaction, as `redact --log` writes
      SEALED-reference-list.pdf     FRCP 5.2(g): each identifier ([SSN-1]) and its complete value;
      SEALED-reference-list.json    the only files that hold values (the JSON also keeps the plans)
      draft-*.pdf/.md               the papers the court profile names, filled from the caption,
                                    with [COUNSEL TO COMPLETE: ...] blanks
      index.html                    every file, its role and what to do with it
      manifest.json                 every file's role, SHA-256, size and pages

    Files over the court's size limit are split into numbered parts (...-part-1-of-3.pdf).
    File names come from the document's title or `exhibit-N`, never from a value.

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
        ),
    )
    say(
        f"redactor: package for {plural(pkg.exhibits, 'exhibit')} ({plural(pkg.redactions, 'redaction')}, "
        f"court profile {pkg.court}) written to {quoted(pkg.directory)}; open {quoted(pkg.directory + '/index.html')}"
    )


@click.command("verify-package")
@click.argument("pkg_dir", metavar="PKGDIR")
def verify_package_command(pkg_dir: str) -> None:
    """Re-check a package before sending it: every SHA-256 in manifest.json, no file added or
    missing, and every public copy verified again against the plans kept in the sealed
    reference list (no value is printed).

    Exit 0 when all is good, 3 when a hash or a public copy fails, 2 when PKGDIR is not a package.
    """
    from ..package import verify_package

    problems = must(pkg_dir, lambda: verify_package(pkg_dir))
    for p in problems:
        click.echo(f"PROBLEM  {p}")
    if problems:
        say(f"redactor: {quoted(pkg_dir)}: {plural(len(problems), 'problem')}; do not send it")
        sys.exit(int(ExitCode.NOT_VERIFIED))
    say(f"redactor: {quoted(pkg_dir)}: every hash matches and every public copy verified")
