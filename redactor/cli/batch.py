"""`redactor batch`: the command. It only parses arguments and calls :func:`redactor.production.run_production`."""

from __future__ import annotations

import sys

import click

from ..errors import quoted
from ..production.executors import EXECUTORS
from . import load_policy, must, plural, progress_bar, say


@click.command(name="batch")
@click.argument("in_dir", metavar="IN_DIR", type=click.Path(file_okay=False))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="OUT_DIR",
    help="The production folder (created if missing). Rerunning into the same folder resumes an "
    "interrupted run; a new input folder there becomes the next volume.",
)
@click.option(
    "--bates-prefix",
    "prefix",
    required=True,
    metavar="ABC",
    help="Bates prefix: 1-20 letters, digits, '_', '-' or '.'.",
)
@click.option(
    "--bates-start",
    "start",
    type=int,
    metavar="N",
    help="First Bates number. Default: one after the last number this folder's registry has used "
    "with the prefix (1 for a new prefix). A start that overlaps a used range is refused.",
)
@click.option(
    "--bates-digits",
    "digits",
    type=click.IntRange(1, 12),
    default=8,
    show_default=True,
    help="Zero-padded width of the page counter (ABC00000001 has 8).",
)
@click.option(
    "--legend",
    metavar="TEXT",
    help='Legend printed bottom left of every page, e.g. "CONFIDENTIAL" or '
    '"HIGHLY CONFIDENTIAL – ATTORNEYS\' EYES ONLY"; also the CONFIDENTIALITY field of the DAT.',
)
@click.option(
    "--policy",
    metavar="P.yaml",
    help="Your terms, categories and actions (see policy.example.yaml).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 512),
    metavar="N",
    help="Worker processes for --executor process. Default: every core.",
)
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="process",
    show_default=True,
    help="process: a pool of local processes. dask: the workers of a Dask cluster "
    "(IN_DIR must be readable by them at the same path).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask).",
)
@click.option(
    "--order",
    "order_file",
    metavar="LIST.txt",
    help="Produce in this order: a text file, one path a line (relative to IN_DIR or absolute); "
    "'#' starts a comment. Default: every PDF, TIFF, PNG and JPEG under IN_DIR in path order.",
)
def batch_command(
    in_dir: str,
    out_dir: str,
    prefix: str,
    start: int | None,
    digits: int,
    legend: str | None,
    policy: str | None,
    workers: int | None,
    executor: str,
    scheduler: str | None,
    order_file: str | None,
) -> None:
    """Produce a folder of documents: redacted, verified, Bates-stamped, with load files.

    Every document is redacted and verified as `redactor redact` does, then stamped
    with one Bates number per page (bottom right; the page is shrunk if its content
    reaches the stamp band) and the legend (bottom left). Numbers run in input order
    with no gap or repeat; a document that cannot be produced gets none.

    \b
    OUT_DIR gets:
      IMAGES/ABC00000001.pdf  one PDF per document, named by its first Bates number
      TEXT/ABC00000001.txt    text extracted from the produced PDF (UTF-8 with BOM)
      production.dat          Concordance DAT (separator ASCII 20, quote þ, newline ®, UTF-8 with BOM)
      production.opt          Opticon OPT, one line a page, Y on each document's first page
      redaction-log.csv       one row a redaction: Bates page, category, label, reason, detector
      errors.csv              documents not produced, with the reason
      bates-registry.json     Bates ranges used here: the next volume continues after them
      journal.jsonl           what is done: after a crash or Ctrl-C, run the same command again

    \b
    Exit codes: 0 every document produced; 2 bad arguments, or some documents
    could not be produced (see errors.csv); the run goes on past them.
    No value that was redacted is written to any log, load file or file name.
    """
    from ..production import run_production

    pol = must(policy or "", lambda: load_policy(policy) if policy else None)
    result = must(
        in_dir,
        lambda: run_production(
            in_dir,
            out_dir,
            prefix=prefix,
            start=start,
            digits=digits,
            legend=legend,
            policy=pol,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            order_file=order_file,
            progress=lambda total: progress_bar(total, "producing", "page", leave=True),
        ),
    )
    summary = f"redactor: {plural(len(result.produced), 'document')} produced in {quoted(out_dir)}"
    if result.produced:
        summary += f", Bates {result.produced[0].bates.begin} to {result.produced[-1].bates.end}"
    if result.resumed:
        summary += f" ({result.resumed} done by an earlier run)"
    if result.pages:
        summary += (
            f"; {plural(result.pages, 'page')} at {result.pages_per_second:.1f} pages a second"
        )
    say(summary)
    if result.ignored:
        say(
            f"redactor: {plural(result.ignored, 'file')} under {quoted(in_dir)} "
            f"{'is not a PDF or an image and was' if result.ignored == 1 else 'are not PDFs or images and were'} left out"
        )
    if result.failed:
        say(
            f"redactor: {plural(len(result.failed), 'document')} could not be produced; see {quoted(out_dir + '/errors.csv')}"
        )
    sys.exit(result.exit_code)
