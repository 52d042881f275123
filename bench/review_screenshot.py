"""The README's picture of the review page: samples/motion-to-seal.pdf in Debian's chromium.

    .venv/bin/python bench/review_screenshot.py [--out docs/review.png] [--width 1400 --height 900]

Reviews a copy of the sample in a temporary folder (nothing is saved beside the
sample), rejects one proposal and accepts another, selects the minor's name,
searches a phrase, and takes a screenshot of the window. Chromium is the system's,
launched as the tests launch it (tests/browser.py): nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium  # noqa: E402

from redactor.review import ReviewServer, ReviewSession  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "review.png"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    out = Path(args.out).resolve()
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="redactor-review-") as tmp:
        os.chdir(tmp)  # the page names the filing as a person would give it
        shutil.copy(ROOT / "samples" / "motion-to-seal.pdf", "motion-to-seal.pdf")
        server = ReviewServer(ReviewSession("motion-to-seal.pdf"), 0)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with chromium(args.width, args.height) as browser:
                page = browser.new_page()
                page.goto(server.url)
                page.wait_for_selector(".pv-sheet[data-page='2'] .pv-box")
                page.locator("#list .item", has_text="Oksana Ellison").click()
                page.locator("#reject").click()
                page.locator("#list .item", has_text="(951) 946-8581").click()
                page.locator("#accept").click()
                page.locator("#query").fill("Exhibit A")
                page.locator("#find").click()
                page.wait_for_selector("#found:has-text('found')")
                page.locator("#list .item", has_text="Lakshmi Clifford").last.click()
                page.wait_for_selector("#detail .value")
                page.evaluate(
                    "document.querySelector('#pages').scrollTop = "
                    "document.querySelector('#page-2').offsetTop - 20"
                )
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
        finally:
            server.shutdown()
            server.server_close()
            os.chdir(here)
    print(f"written: {out}")


if __name__ == "__main__":
    main()
