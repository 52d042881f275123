"""The command line. Commands only parse arguments and call the library; this module
is the one place where errors become messages and exit codes.

stdout carries only the command's output (a report, JSON); messages and progress
go to stderr.
"""

from __future__ import annotations

import importlib
import logging
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .errors import ExitCode, RedactorError

log = logging.getLogger("redactor")


class _State:
    verbose = False


def _fail_line(path: str, exc: BaseException) -> str:
    """One line for an error; never the exception's own text for unexpected errors,
    which could quote document content."""
    if isinstance(exc, RedactorError):
        return f"redactor: error: {exc}"
    return (
        f"redactor: error: {path}: could not be processed ({type(exc).__name__}); "
        "run again with -v for details, and report it if the file opens in a PDF reader"
    )


def _guard(path: str, fn: Callable[[], int]) -> int:
    """Run one file's work; turn any error into one line on stderr and an exit code."""
    try:
        return fn()
    except RedactorError as exc:
        click.echo(_fail_line(path, exc), err=True)
        if _State.verbose:
            traceback.print_exc()
        return int(exc.exit_code)
    except (KeyboardInterrupt, click.exceptions.ClickException):
        raise
    except Exception as exc:
        click.echo(_fail_line(path, exc), err=True)
        if _State.verbose:
            traceback.print_exc()
        return int(ExitCode.BAD_INPUT)


def _load_policy(path: str | None):
    from .policy import Policy

    return Policy.load(path) if path else Policy.default()


class _LazyGroup(click.Group):
    """Commands that live in their own stage's module are imported only when used,
    so a plain `check` does not pay for loading the packaging or production code."""

    lazy = {
        "package": "redactor.package.command:package_command",
        "verify-package": "redactor.package.command:verify_package_command",
        "batch": "redactor.production.command:batch_command",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attr = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="redactor")
@click.option("-v", "--verbose", is_flag=True, help="On an error, show the full traceback.")
def cli(verbose: bool) -> None:
    """Find, remove and prove the removal of what must not reach the public record.

    \b
    Exit codes (for scripts):
      0  done, and clean
      1  check found something to fix
      2  bad usage or unreadable input
      3  verification failed: nothing was released
    """
    _State.verbose = verbose
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="redactor: %(message)s")


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE.pdf...")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a report by page and pleading line. json: one object per file, one per line.")
@click.option("--report", "report", metavar="FILE.html",
              help="Also write a self-contained HTML page showing every page with each finding and problem "
                   "boxed and labelled. With several files, each gets FILE-<name>.html.")
@click.option("--policy", metavar="P.yaml", help="Your terms to always or never redact, categories on or off, actions.")
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR pages that have no text layer (they are still reported).")
@click.option("--show-kept", is_flag=True, help="Also list the public-record items recognised and kept.")
def check(files: tuple[str, ...], fmt: str, report: str | None, policy: str | None,
          password: str | None, no_ocr: bool, show_kept: bool) -> None:
    """Check PDFs before filing: every sensitive detail, and every way the PDF itself leaks.

    Findings are listed page by page (and by pleading line); problems are structural:
    boxes over live text, hidden text, metadata, comments, form fields, bookmarks,
    attachments, JavaScript, encryption, earlier revisions, pages without a text layer.
    The report shows the values found: keep it with the file, do not file it.
    """
    from .check import check_file
    from .report import dump_json, to_text, write_html

    codes = [0]
    try:
        pol = _load_policy(policy)
    except RedactorError as exc:
        click.echo(_fail_line(policy or "", exc), err=True)
        sys.exit(int(exc.exit_code))
    for path in files:
        def one(path: str = path) -> int:
            result = check_file(path, password=password, policy=pol, ocr=not no_ocr,
                                progress=_page_progress(path))
            if fmt == "json":
                click.echo(dump_json(result))
            else:
                click.echo(to_text(result, show_kept=show_kept))
            if report:
                dest = report if len(files) == 1 else _per_file(report, path)
                write_html(result, dest)
                click.echo(f"redactor: report written to {dest}", err=True)
            return int(ExitCode.OK if result.clean else ExitCode.FOUND)
        codes.append(_guard(path, one))
    sys.exit(max(codes))


@cli.command()
@click.argument("src", metavar="IN.pdf")
@click.option("-o", "--output", "dst", metavar="OUT.pdf", help="Where to write the public copy (required unless --plan-out).")
@click.option("--policy", metavar="P.yaml", help="Your terms, categories and actions (see policy.example.yaml).")
@click.option("--log", "log_path", metavar="LOG.json|LOG.csv", help="Write the redaction log (never the values).")
@click.option("--plan-out", metavar="PLAN.json", help="Write the plan and stop: nothing is redacted.")
@click.option("--plan", "plan_in", metavar="PLAN.json", help="Apply this (edited) plan instead of detecting.")
@click.option("--password", help="Password of an encrypted input PDF.")
def redact(src: str, dst: str, policy: str | None, log_path: str | None, plan_out: str | None,
           plan_in: str | None, password: str | None) -> None:
    """Write a public copy with every planned redaction burned in, proven before release.

    The text, image pixels and vector art under each box are removed; metadata,
    comments, form fields, bookmarks, attachments, JavaScript and hidden layers are
    emptied; the file is written whole. Before release the output is read again by
    independent parsers: if any planned value survives, nothing is written and the
    exit code is 3. The input is never modified.
    """
    def run() -> int:
        from .plan import Plan
        from .redact import redact_file

        if not dst and not plan_out:
            raise click.UsageError("give -o OUT.pdf for the public copy, or --plan-out PLAN.json for the plan only")
        plan = Plan.load(plan_in) if plan_in else None
        result = redact_file(src, None if plan_out else dst, policy=_load_policy(policy),
                             plan=plan, plan_out=plan_out,
                             log=log_path, password=password)
        if plan_out:
            click.echo(f"redactor: plan with {len(result.plan.redactions)} redactions written to {plan_out}", err=True)
        else:
            click.echo(f"redactor: {len(result.plan.redactions)} redactions on {result.pages} pages; "
                       f"verified and written to {dst}", err=True)
        return int(ExitCode.OK)
    sys.exit(_guard(src, run))


def _per_file(report: str, path: str) -> str:
    base = Path(report)
    return str(base.with_name(f"{base.stem}-{Path(path).stem}{base.suffix or '.html'}"))


def _page_progress(path: str):
    """A progress bar on stderr for long files, only when a person is watching."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = None

    def step(n: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(desc=f"checking {Path(path).name}", unit="page", file=sys.stderr, leave=False)
        bar.update(n)

    return step


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so every temporary file is removed on the way out."""
    raise SystemExit(128 + signum)


def main() -> None:
    from . import blas

    blas.set_for_this_process()  # before any command loads NumPy
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(int(ExitCode.BAD_INPUT))
    except click.exceptions.Abort:
        click.echo("redactor: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except RedactorError as exc:
        click.echo(_fail_line("", exc), err=True)
        sys.exit(int(exc.exit_code))


if __name__ == "__main__":
    main()
