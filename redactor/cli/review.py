"""`redactor review`: a person reviews every proposed redaction in the browser before release."""

from __future__ import annotations

import signal
import sys
import threading
import webbrowser
from pathlib import Path

import click

from ..errors import ExitCode
from . import guarded, load_policy, plural, say


@click.command()
@click.argument("src", metavar="FILE.pdf")
@click.option(
    "--plan",
    "plan_path",
    metavar="PLAN.json",
    help="The plan file. If it exists the review starts from it (to go on with a review, or "
    "check an edited plan); Save writes it. Default: FILE-plan.json beside the filing, "
    "proposed afresh.",
)
@click.option(
    "--policy",
    metavar="P.yaml",
    help="Your terms, categories and actions (see policy.example.yaml), used to propose the plan.",
)
@click.option(
    "-o",
    "--output",
    "dst",
    metavar="OUT.pdf",
    help="Where Apply writes the public copy. Default: FILE-public.pdf beside the filing.",
)
@click.option(
    "--log", "log_path", metavar="LOG.json|LOG.csv", help="Apply also writes the redaction log."
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="The port to listen on (on 127.0.0.1 only); 0 picks a free one.",
)
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@click.option("--password", help="Password of an encrypted input PDF.")
def review(
    src: str,
    plan_path: str | None,
    policy: str | None,
    dst: str | None,
    log_path: str | None,
    port: int,
    no_browser: bool,
    password: str | None,
) -> None:
    """Review every proposed redaction in the browser, then apply the plan.

    Proposes the plan as `redact --plan-out` does (or reads --plan), starts a local
    web server and prints its address as the first line of standard output, then
    opens the browser. The page shows every page of the filing with each proposed
    redaction outlined (the text stays readable), and the problems with the file
    and what redact will do about each.

    \b
    Accept or reject a redaction, a whole category, or every mention of a
    person; change a redaction to the FRCP 5.2 form or back; drag on a page to
    draw a new one; search a phrase and redact every occurrence; undo.
    Keys: j/k next/previous, a accept, r reject, u undo, s save.

    Save writes the plan (the --plan-out format); Apply saves it and runs
    `redact --plan` on it: the public copy is verified before it is written,
    or nothing is written and the page says which page and category failed.
    A redaction nobody accepted or rejected is applied as proposed.

    The server listens on 127.0.0.1 only, and every request needs this run's
    token, which is in the printed address. It ends on Ctrl-C or when Done is
    pressed. The plan holds the values: keep it with the case file, never file it.
    """

    def run() -> int:
        from ..review import ReviewServer, ReviewSession

        session = ReviewSession(
            src,
            policy=load_policy(policy),
            plan_path=plan_path,
            output=dst,
            log_path=log_path,
            password=password,
        )
        server = ReviewServer(session, port)
        click.echo(server.url)
        sys.stdout.flush()
        origin = f"plan read from {session.plan_path}" if session.loaded else "plan proposed"
        problems = sum(1 for p in session.problems if p.severity == "fix")
        say(
            f"redactor: reviewing {src}: {origin}, "
            f"{plural(len(session.entries), 'redaction')}, {plural(problems, 'problem')}"
        )
        say(f"redactor: Save writes {session.plan_path}; Apply writes {session.output}")
        if session.loaded and Path(session.plan_file).name != Path(src).name:
            say(f"redactor: the plan was made for {session.plan_file}; check it is this filing's")
        if not session.loaded and Path(session.plan_path).exists():
            say(
                f"redactor: {session.plan_path} exists and Save replaces it; "
                "to go on from it, give it as --plan"
            )
        say("redactor: press Done on the page, or Ctrl-C here, to end the review")
        if not no_browser:
            threading.Thread(target=_open, args=(server.url,), daemon=True).start()
        signal.signal(
            signal.SIGINT, signal.default_int_handler
        )  # even when started in the background
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            say("redactor: interrupted")
        finally:
            server.server_close()
            _goodbye(session)
        return int(ExitCode.OK)

    sys.exit(guarded(src, run))


def _open(url: str) -> None:
    try:
        opened = webbrowser.open(url)
    except Exception:  # no browser to be had: the address is printed
        opened = False
    if not opened:
        say("redactor: no browser could be opened; open the address above")


def _goodbye(session) -> None:  # noqa: ANN001 - a ReviewSession
    """What the review leaves behind, in one line."""
    done = session.last_apply
    parts = [f"public copy at {done.output}" if done and done.ok else "no public copy written"]
    if session.saved:
        parts.append(f"plan at {session.plan_path}")
    if session.dirty:
        parts.append("changes not saved were discarded")
    say("redactor: review ended; " + "; ".join(parts))
