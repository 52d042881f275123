"""The installed `redactor review` command, run as a person runs it, for the review tests."""

from __future__ import annotations

import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REDACTOR = Path(sys.executable).with_name("redactor")
START_TIMEOUT = 90.0


@contextmanager
def review_command(*args: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """``redactor review ARGS --no-browser --port 0``; yields the process and the address it
    printed as its first line. Ended with SIGINT (then killed) if still running at the end."""
    proc = subprocess.Popen(
        [str(REDACTOR), "review", *args, "--no-browser", "--port", "0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield proc, _first_line(proc)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _first_line(proc: subprocess.Popen) -> str:
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while time.monotonic() < deadline:
            if sel.select(timeout=0.5):
                line = proc.stdout.readline()
                if line:
                    return line.strip()
            if proc.poll() is not None:
                raise AssertionError(
                    f"review ended before printing its address: {proc.stderr.read()}"
                )
        raise AssertionError("review printed no address in time")
    finally:
        sel.close()
