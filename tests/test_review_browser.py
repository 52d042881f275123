"""The review page and the check report's page view, driven in a real browser (Debian's chromium).

One review from start to end as a filer does it: open a sample filing, reject a
proposal, change one to the whole value, draw a box, search a phrase and redact it
everywhere, undo a mistake, save, apply, and read the public copy with a second
parser. Then the check report at 1400 pixels: every box leaves its text readable
and the table fits the window.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pdfplumber
import pymupdf
from browser import chromium
from playwright.sync_api import expect
from reviewing import REDACTOR, review_command

from redactor.check import pageview
from redactor.ingest import load

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "motion-to-seal.pdf"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(path: Path) -> list[str]:
    """Each page's text as pdfplumber (pdfminer) reads it, not the reader the review uses,
    without blanks (it reads some justified lines with no spaces at all)."""
    with pdfplumber.open(path) as pdf:
        return ["".join((p.extract_text() or "").split()) for p in pdf.pages]


def _words_box(src: Path, page: int, words: str) -> tuple[float, float, float, float]:
    """Where ``words`` are drawn on ``page``, in pixels of the review's page image."""
    doc = load(str(src))
    text = doc.pages[page - 1].text
    start = text.text.index(words)
    (box,) = text.boxes_for(start, start + len(words))
    with pymupdf.open(src) as pdf:
        return pageview.display_box(pdf[page - 1], box)


def _entry(page, text: str):  # noqa: ANN001, ANN202 - Playwright's Page and Locator
    return page.locator("#list .item", has_text=text)


def _has_status(item, status: str) -> None:  # noqa: ANN001 - a Playwright Locator
    """Wait until the list item shows ``status`` (the page asks the server first)."""
    expect(item).to_have_class(re.compile(rf"\b{status}\b"))


def test_a_filer_reviews_saves_and_applies_in_the_browser(tmp_path: Path) -> None:
    src = tmp_path / "motion-to-seal.pdf"
    shutil.copy(SAMPLE, src)
    before = _text(src)
    assert "OksanaEllison" in before[1] and "elevencalls" in before[1]
    assert sum(t.count("ExhibitA") for t in before) == 2

    with review_command(str(src)) as (proc, url), chromium() as browser:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        requested: list[str] = []
        page = browser.new_page()
        page.on("request", lambda r: requested.append(r.url))
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url)
        page.wait_for_selector(".pv-sheet[data-page='2'] .pv-box")

        # every proposal is on the page, outlined, with its label beside the page
        proposed = page.locator("#list .item").count()
        assert proposed >= 15
        assert page.locator(".pv-label").count() >= 12

        # the keyboard: first entry, accept it
        page.locator("body").press("j")
        first = page.locator("#list .item.selected").get_attribute("data-id")
        page.locator("body").press("a")
        _has_status(page.locator(f"#list .item[data-id='{first}']"), "accepted")

        # reject one proposal: the neighbour who reported the arrest may be named
        _entry(page, "Oksana Ellison").click()
        detail = page.locator("#detail").inner_text()
        assert "Oksana Ellison" in detail and "null" not in detail and "undefined" not in detail
        page.locator("#reject").click()
        _has_status(_entry(page, "Oksana Ellison"), "rejected")

        # the whole date of birth rather than its year (the FRCP 5.2 form)
        page.locator(".pv-sheet[data-page='1'] .pv-box[title*='DOB']").click()
        dob = page.locator("#list .item.selected")
        page.locator("#detail input[value='redact']").check()
        expect(dob.locator(".form")).to_have_text("REDACTED")

        # a mistake, undone: every ROUTING number rejected, then Undo
        page.locator("#list h3[data-category='ROUTING'] .reject-all").click()
        _has_status(_entry(page, "293129523"), "rejected")
        page.locator("#undo").click()
        _has_status(_entry(page, "293129523"), "pending")

        # draw a box over two words no detector proposed
        x0, y0, x1, y1 = _words_box(src, 2, "eleven calls")
        sheet = page.locator(".pv-sheet[data-page='2']")
        sheet.evaluate(  # the words in the middle of the window
            "(s, y) => { const m = document.querySelector('#pages');"
            " m.scrollTop += s.getBoundingClientRect().top + y - m.clientHeight / 2; }",
            y0,
        )
        at = sheet.bounding_box()
        page.mouse.move(at["x"] + x0 - 1, at["y"] + y0 + 1)
        page.mouse.down()
        page.mouse.move(at["x"] + (x0 + x1) / 2, at["y"] + y1 - 1, steps=4)
        page.mouse.move(at["x"] + x1 + 1, at["y"] + y1 - 1, steps=4)
        page.mouse.up()
        _has_status(_entry(page, "eleven calls"), "accepted")

        # search a phrase and redact every occurrence
        page.locator("#query").fill("Exhibit A")
        page.locator("#find").click()
        expect(page.locator("#found")).to_contain_text("2 found, 2 not yet redacted")
        expect(page.locator(".pv-box.pv-hit")).to_have_count(2)
        page.locator("#redact-all").click()
        expect(page.locator("#message")).to_contain_text("2 redactions added")
        expect(_entry(page, "Exhibit A")).to_have_count(2)

        # save, then apply
        page.locator("#save").click()
        expect(page.locator("#message")).to_contain_text("Plan saved")
        plan_path = tmp_path / "motion-to-seal-plan.json"
        plan = json.loads(plan_path.read_text())
        assert plan["format"] == "redactor-plan/1"
        assert not any(r["terms"][:1] == ["Oksana Ellison"] for r in plan["redactions"])
        page.locator("#apply").click()
        expect(page.locator("#message p.ok")).to_contain_text("Verified", timeout=120_000)
        public = tmp_path / "motion-to-seal-public.pdf"
        assert str(public) in page.locator("#message").inner_text()

        # the selected entry's text, found everywhere
        _entry(page, "Oksana Ellison").click()
        page.locator("#find-value").click()
        expect(page.locator("#found")).to_contain_text("1 found, 1 not yet redacted")
        assert page.locator("#new-category").input_value() == "PERSON"

        # nothing came from anywhere but the review's own server, and the script never failed
        assert not errors, errors
        assert requested and all(u.startswith(origin + "/") for u in requested), requested

        page.locator("#done").click()
        page.wait_for_selector("#ended")
        assert proc.wait(timeout=30) == 0

    # the server left nothing behind but the plan and the public copy
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "motion-to-seal-plan.json",
        "motion-to-seal-public.pdf",
        "motion-to-seal.pdf",
    ]
    after = _text(public)
    assert "OksanaEllison" in after[1]  # rejected: still there
    assert "eleven" not in after[1] and "calls" not in after[1]  # drawn: gone
    assert not any("ExhibitA" in t for t in after)  # searched: gone everywhere
    assert "1974" not in after[0]  # the whole date of birth
    assert "679-61-2484" not in "".join(after) and "XXX-XX-2484" in after[0]

    # the saved plan applied by `redactor redact --plan` gives the same file
    again = tmp_path / "again.pdf"
    subprocess.run(
        [str(REDACTOR), "redact", str(src), "-o", str(again), "--plan", str(plan_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert _sha(again) == _sha(public)


def test_the_check_report_leaves_every_marked_text_readable_and_fits_the_window(
    tmp_path: Path,
) -> None:
    report = tmp_path / "report.html"
    subprocess.run(
        [str(REDACTOR), "check", str(SAMPLE), "--report", str(report)],
        capture_output=True,
        timeout=300,
    )
    with chromium(1400, 900) as browser:
        page = browser.new_page()
        page.goto(report.as_uri())
        sheet = page.locator("#page-2 .pv-sheet")
        sheet.scroll_into_view_if_needed()
        boxes = page.locator("#page-2 .pv-box")
        assert boxes.count() >= 10
        # what a box marks reads the same with the box drawn as without it
        area = sheet.bounding_box()
        for i in range(boxes.count()):
            boxes.nth(i).scroll_into_view_if_needed()
            b = boxes.nth(i).bounding_box()
            inner = {
                "x": b["x"] + 3,
                "y": b["y"] + 3,
                "width": b["width"] - 6,
                "height": b["height"] - 6,
            }
            with_box = page.screenshot(clip=inner)
            page.add_style_tag(content=".pv-box{visibility:hidden}")
            without = page.screenshot(clip=inner)
            page.evaluate("document.head.lastElementChild.remove()")
            assert _difference(with_box, without) < 0.08, f"box {i} hides its text"
        # no label lies on the page image
        for i in range(page.locator("#page-2 .pv-label").count()):
            lab = page.locator("#page-2 .pv-label").nth(i).bounding_box()
            assert lab["x"] >= area["x"] + area["width"], "a label covers the page"
        # and no table runs past the window
        overflow = page.evaluate(
            "[...document.querySelectorAll('table')].filter(t => "
            "t.getBoundingClientRect().right > window.innerWidth + 1 || "
            "t.scrollWidth > t.parentElement.clientWidth + 1).length"
        )
        assert overflow == 0
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _difference(a: bytes, b: bytes) -> float:
    """The mean difference of two screenshots' pixels, 0 (same) to 1."""
    pa, pb = pymupdf.Pixmap(a), pymupdf.Pixmap(b)
    assert (pa.width, pa.height) == (pb.width, pb.height)
    sa, sb = pa.samples, pb.samples
    return sum(abs(x - y) for x, y in zip(sa, sb, strict=True)) / (255 * len(sa))
