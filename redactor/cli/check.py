"""`redactor check`: every sensitive detail in a PDF, and every way the PDF itself leaks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ExitCode, quoted
from . import guarded, load_policy, must, progress_bar, say

STDIN = "-"


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE.pdf...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a report by page and pleading line. json: one object per file, one per line.",
)
@click.option(
    "--report",
    "report",
    metavar="FILE.html",
    help="Also write a self-contained HTML page showing every page with each finding and problem "
    "boxed and labelled. With several files, each gets FILE-<name>.html.",
)
@click.option(
    "--policy",
    metavar="P.yaml",
    help="Your terms to always or never redact, categories on or off, actions.",
)
@click.option(
    "--court",
    metavar="PROFILE",
    help="Court profile whose e-filing limits the file must meet (file size); without it, "
    "the policy's court, else the strictest of the court profiles.",
)
@click.option("--password", help="Password of an encrypted PDF.")
@click.option(
    "--no-ocr",
    is_flag=True,
    help="Do not OCR pages that have no text layer (they are still reported).",
)
@click.option(
    "--show-kept", is_flag=True, help="Also list the public-record items recognised and kept."
)
def check(
    files: tuple[str, ...],
    fmt: str,
    report: str | None,
    policy: str | None,
    court: str | None,
    password: str | None,
    no_ocr: bool,
    show_kept: bool,
) -> None:
    """Check PDFs before filing: every sensitive detail, and every way the PDF itself leaks.

    Findings are listed page by page (and by pleading line); problems are structural:
    boxes over live text, hidden text, metadata, comments, form fields, bookmarks,
    attachments, JavaScript, encryption, earlier revisions; pages a protective order
    designates (designated); and what e-filing refuses: files over the court's size limit
    (file_size), pages that are not 8.5 x 11 in portrait (page_size), fonts not embedded
    (font_not_embedded), pages without a text layer (no_text_layer).
    FILE "-" reads the PDF from standard input.
    The report shows the values found: keep it with the file, do not file it.
    """
    from ..check import check_file
    from ..check.report import dump_json, to_text, write_html

    pol = must(policy or "", lambda: load_policy(policy))
    if court:
        from ..check.preflight import Limits

        must(court, lambda: Limits.for_court(court))  # an unknown court stops before any file
    stdin = sys.stdin.buffer.read() if STDIN in files else None
    bar = progress_bar(len(files), "checking", "file") if len(files) > 1 else None
    codes = [0]
    for path in files:

        def one(path: str = path) -> int:
            data = stdin if path == STDIN else None
            pages = (
                progress_bar(None, f"checking {Path(path).name}", "page") if bar is None else None
            )
            try:
                result = check_file(
                    path,
                    password=password,
                    policy=pol,
                    ocr=not no_ocr,
                    data=data,
                    progress=pages.update if pages is not None else None,
                    court=court,
                )
            finally:
                if pages is not None:
                    pages.close()
            if bar is not None:
                bar.clear()
            click.echo(dump_json(result) if fmt == "json" else to_text(result, show_kept=show_kept))
            if report:
                dest = report if len(files) == 1 else _per_file(report, path)
                write_html(result, dest)
                say(f"redactor: report written to {quoted(dest)}")
            return int(ExitCode.OK if result.clean else ExitCode.FOUND)

        codes.append(guarded(path, one))
        if bar is not None:
            bar.update(1)
            bar.refresh()  # drawn again under the report just printed
    if bar is not None:
        bar.close()
    sys.exit(max(codes))


def _per_file(report: str, path: str) -> str:
    base = Path(report)
    stem = "stdin" if path == STDIN else Path(path).stem
    return str(base.with_name(f"{base.stem}-{stem}{base.suffix or '.html'}"))
