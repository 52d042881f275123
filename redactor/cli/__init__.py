"""The command line: the only part of redactor that knows about click.

Commands parse arguments and call the library; :func:`guarded` is the one place
where an error becomes one line on stderr and an exit code (a traceback only with
``--debug``). stdout carries only a command's output (a report, JSON, a URL);
messages and progress go to stderr.

Each command lives in a module of its own and is imported only when it is run,
so ``check`` does not pay for loading the packaging or production code.
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import click

from .. import __version__
from ..errors import ExitCode, RedactorError, input_of, quoted

log = logging.getLogger("redactor")
# Other programs' loggers: their messages are never a user's business (pdfminer alone
# writes tens of thousands of debug lines a file); with --debug they show from WARNING up.
FOREIGN_LOGGERS = ("pdfminer", "pdfplumber", "pikepdf", "presidio-analyzer", "presidio-anonymizer",
                   "spacy", "distributed", "tornado", "PIL", "asyncio", "py.warnings")  # fmt: skip
UNEXPECTED = "E099"
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """What the top-level options asked for; kept on the command's click context."""

    quiet: bool = False
    verbose: bool = False
    debug: bool = False


def settings() -> Settings:
    """The settings of the command running (the defaults outside one)."""
    ctx = click.get_current_context(silent=True)
    found = ctx.find_root().obj if ctx is not None else None
    return found if isinstance(found, Settings) else Settings()


def say(message: str) -> None:
    """A message for the person at the terminal (stderr), unless --quiet."""
    if not settings().quiet:
        click.echo(message, err=True)


def plural(n: int, noun: str) -> str:
    """``1 page``, ``2 pages``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def fail_line(path: str, exc: BaseException) -> str:
    """One line for an error. Never an unexpected exception's own text, which could quote
    document content: only its type."""
    if isinstance(exc, RedactorError):
        return f"redactor: error [{exc.code}]: {exc}{_option_hint(exc)}"
    if isinstance(exc, OSError) and exc.filename is not None:
        what = exc.strerror or type(exc).__name__
        return f"redactor: error [E005]: {quoted(str(exc.filename))}: {what}; check the path and its folder"
    path = input_of(exc, path)
    where = f"{quoted(path)}: " if path else ""
    return (
        f"redactor: error [{UNEXPECTED}]: {where}could not be processed ({type(exc).__name__}); "
        "this is a bug in redactor: run again with --debug and report it"
    )


def _option_hint(exc: RedactorError) -> str:
    """The command-line flag of the parameter an error is about (the library names none)."""
    option = getattr(exc, "option", None)
    ctx = click.get_current_context(silent=True)
    if not option or ctx is None:
        return ""
    for param in ctx.command.params:
        if param.name == option and param.opts:
            return f" (option {max(param.opts, key=len)})"
    return ""


def exit_code(exc: BaseException) -> int:
    if isinstance(exc, RedactorError):
        return int(exc.exit_code)
    return int(ExitCode.BAD_INPUT)


def guarded(path: str, fn: Callable[[], int]) -> int:
    """Run one file's work; turn any error into one line on stderr and an exit code."""
    try:
        return fn()
    except (KeyboardInterrupt, click.exceptions.ClickException, click.exceptions.Exit, SystemExit):
        raise
    except Exception as exc:
        click.echo(fail_line(path, exc), err=True)
        if settings().debug:
            traceback.print_exc()
        return exit_code(exc)


def must(path: str, fn: Callable[[], T]) -> T:
    """``fn()``, or on an error one line on stderr and the exit (for what every file of a command needs)."""
    try:
        return fn()
    except (KeyboardInterrupt, click.exceptions.ClickException, click.exceptions.Exit, SystemExit):
        raise
    except Exception as exc:
        click.echo(fail_line(path, exc), err=True)
        if settings().debug:
            traceback.print_exc()
        sys.exit(exit_code(exc))


def load_policy(path: str | None):  # noqa: ANN201 - a Policy; the library is imported when a command runs
    """The policy file given, or the default policy."""
    from ..plan import Policy

    return Policy.load(path) if path else Policy.default()


class _LazyGroup(click.Group):
    commands_at = {
        "check": "redactor.cli.check:check",
        "redact": "redactor.cli.redact:redact",
        "package": "redactor.cli.package:package_command",
        "verify-package": "redactor.cli.package:verify_package_command",
        "batch": "redactor.cli.batch:batch_command",
        "review": "redactor.cli.review:review",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.commands_at))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands_at and name not in self.commands:
            module, attr = self.commands_at[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="redactor")
@click.option(
    "-q", "--quiet", is_flag=True, help="Only errors on stderr: no summary lines, no progress bar."
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Show what redactor is doing, stage by stage (never a value).",
)
@click.option(
    "--debug",
    is_flag=True,
    help="On an error, show the full traceback; show other libraries' warnings.",
)
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool, debug: bool) -> None:
    """Find, remove and prove the removal of what must not reach the public record.

    \b
    Exit codes (for scripts):
      0  done, and clean
      1  check found something to fix
      2  bad usage, unreadable input, or an output that cannot be written
      3  verification failed: nothing was released
    """
    ctx.obj = Settings(quiet=quiet, verbose=verbose and not quiet, debug=debug)
    configure_logging(ctx.obj)


def configure_logging(chosen: Settings) -> None:
    """redactor's own messages with -v (or --debug); other libraries' only with --debug, from WARNING up."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("redactor: %(message)s"))
    own = logging.getLogger("redactor")
    own.handlers[:] = [handler]
    own.propagate = False
    own.setLevel(
        logging.DEBUG if chosen.debug else logging.INFO if chosen.verbose else logging.WARNING
    )
    logging.captureWarnings(True)  # Python warnings of other libraries: as their log records
    for name in FOREIGN_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING if chosen.debug else logging.CRITICAL)
    root = logging.getLogger()
    if chosen.debug and not any(isinstance(h, _Foreign) for h in root.handlers):
        foreign = _Foreign(sys.stderr)
        foreign.setFormatter(logging.Formatter("%(name)s: %(levelname)s: %(message)s"))
        root.addHandler(foreign)
    if not root.handlers:
        root.addHandler(logging.NullHandler())


class _Foreign(logging.StreamHandler):
    """Where other libraries' log records go with --debug."""


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so every temporary file is removed on the way out."""
    raise SystemExit(128 + signum)


def main() -> None:
    from .. import blas

    blas.set_for_this_process()  # before any command loads NumPy
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(int(ExitCode.BAD_INPUT))
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("redactor: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:  # the error boundary: one line, a traceback only with --debug
        click.echo(fail_line("", exc), err=True)
        if "--debug" in sys.argv[1:]:
            traceback.print_exc()
        sys.exit(exit_code(exc))
    sys.exit(code if isinstance(code, int) else 0)


def progress_bar(total: int | None, desc: str, unit: str, *, leave: bool = False):
    """A progress bar on stderr when a person is watching (a terminal) and did not ask for quiet; else None."""
    if settings().quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    try:
        sized = os.get_terminal_size(sys.stderr.fileno()).columns > 0
    except OSError:
        sized = False
    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        leave=leave,
        smoothing=0.1,
        mininterval=0.2,
        dynamic_ncols=sized,
        ncols=None if sized else 80,
        nrows=None if sized else 24,
    )  # a size-less terminal: 80 x 24


if __name__ == "__main__":
    main()
