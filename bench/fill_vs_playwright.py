"""How much slower is `plaint fill` than a bare Playwright script filling the same fields?

On the CFPB replica (tests/fixtures/sites/cfpb, served on 127.0.0.1 by the
tests' ReplicaServer), headless, with the same Chromium:

  * ``fill --url``: the runner's ``fill_url`` on the form's first page (the
    field engine: it finds the fields and decides what goes where), and
  * ``fill cfpb``: ``fill_channel`` walking the whole four-page wizard to its
    review page (the engine per page, checks of every expected label, the
    channel's free-text rules, a step report),

each against a bare script that opens the same page and types the same values
into the same fields by their labels (``fill`` / ``select_option``, then the
page's Next button), the fields being the ones plaint's own report says it
filled.  That script knows the answers in advance; plaint works them out.

What counts: both sides start Playwright and launch the browser the same way
(a persistent context, as plaint keeps a browser profile per plaint profile),
without a screenshot.  Two more rows show plaint with its evidence screenshot,
and both sides in an already open page (no launch).  plaint's side includes
reading the profile and the case from the keyring and disk, as the command
does.  Each row interleaves the two sides for several rounds after a warm-up
and prints the medians and the ratio (target: at most 1.3x).

    .ci/with-keyring.sh .venv/bin/python bench/fill_vs_playwright.py [--rounds 7]

A throw-away profile is stored under a keyring service and XDG directories of
the bench's own, and removed at the end.  Not a test: nothing here fails on time.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.fixtures_channel_fill import PROFILES, sample_case  # noqa: E402
from tests.support.fixtures_sites import ReplicaServer  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Locator, Page, Playwright

TARGET = 1.3
CHANNEL = "cfpb"
PROFILE = "default"
ENV = (
    "PLAINT_KEYRING_SERVICE",
    "PLAINT_PROFILE",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
)


@dataclass(frozen=True, slots=True)
class Answer:
    label: str
    kind: str  # "select", "checkbox" or anything typed
    value: str | bool


@dataclass(frozen=True, slots=True)
class FormPage:
    """One page of the form for the bare script: its heading, answers and Next button."""

    title: str | None  # None: the page as it opens
    answers: list[Answer]
    next: str | None = None


# -- a plaint of the bench's own ------------------------------------------------------------------


@contextlib.contextmanager
def throwaway_plaint() -> Iterator[int]:
    """A profile and a case under a keyring service and XDG directories of the bench's own.

    Yields the case id; removes the profile from the keyring and the directories afterwards.
    """
    saved = {k: os.environ.get(k) for k in ENV}
    root = Path(tempfile.mkdtemp(prefix="plaint-bench-"))
    os.environ["PLAINT_KEYRING_SERVICE"] = f"plaint-bench-{uuid.uuid4().hex[:10]}"
    os.environ.pop("PLAINT_PROFILE", None)
    for var in ENV[2:]:
        (root / var.lower()).mkdir()
        os.environ[var] = str(root / var.lower())
    from server.store import ProfileStore
    from server.store.cases import CaseStore

    store = ProfileStore()
    try:
        store.put(PROFILE, PROFILES[CHANNEL])
        yield int(CaseStore().create(PROFILE, sample_case(CHANNEL))["id"])
    finally:
        with contextlib.suppress(Exception):
            store.delete(PROFILE)
            store.blobs.delete("profiles")
        shutil.rmtree(root, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# -- plaint's side --------------------------------------------------------------------------------


def plaint_page(url: str, case_id: int, screenshot: Path | bool = False) -> Any:
    """What `plaint fill --url URL --case N --headless` does, without the printing."""
    from automations.runner import fill_url
    from automations.values import fill_payload, fit_to_limits

    payload = fill_payload(PROFILE, url, case_id, ())
    fit_to_limits(payload)
    return fill_url(url, payload, profile=PROFILE, headless=True, screenshot=screenshot).report


def plaint_channel(url: str, case_id: int, page: Page | None = None) -> Any:
    """What `plaint fill cfpb --case N --url URL --headless --no-screenshot` does."""
    from automations.channel_fill import fill_channel

    report = fill_channel(
        CHANNEL,
        profile=PROFILE,
        case_id=case_id,
        url=url,
        headless=True,
        screenshot=False,
        page=page,
    )
    if not report.ready or report.drifted:
        raise SystemExit(f"plaint did not fill the replica to its review page: {report.outcome}")
    return report


# -- the bare script's side -----------------------------------------------------------------------


def launch(p: Playwright, folder: Path) -> BrowserContext:
    """The browser as plaint launches it: a persistent context, the same Chromium and size."""
    from automations.browser import choose_browser
    from automations.runner import HEADLESS_VIEWPORT

    return p.chromium.launch_persistent_context(
        str(folder),
        headless=True,
        viewport=HEADLESS_VIEWPORT,
        **choose_browser().launch_kwargs(),
    )


def section(page: Page, title: str) -> Locator:
    heading = page.get_by_role("heading", name=title, exact=True)
    return page.locator("section").filter(has=heading)


def put(scope: Page | Locator, answer: Answer) -> None:
    control = scope.get_by_label(answer.label, exact=True)
    if answer.kind == "select":
        control.select_option(label=str(answer.value))
    elif answer.kind == "checkbox":
        control.set_checked(bool(answer.value))
    else:
        control.fill(str(answer.value))


def bare(page: Page, url: str, pages: list[FormPage], last: str | None) -> None:
    """The script a person would write for this form, knowing every answer."""
    page.goto(url)
    for step in pages:
        scope = page if step.title is None else section(page, step.title)
        for answer in step.answers:
            put(scope, answer)
        if step.next:
            scope.get_by_role("button", name=step.next, exact=True).click()
    if last:
        page.get_by_role("heading", name=last, exact=True).wait_for()


def bare_launched(folder: Path, url: str, pages: list[FormPage], last: str | None) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = launch(p, folder)
        try:
            bare(context.pages[0] if context.pages else context.new_page(), url, pages, last)
        finally:
            context.close()


# -- what plaint filled, for the bare script to fill ----------------------------------------------


def shown(control: Locator, kind: str) -> str | bool:
    if kind == "select":
        return control.evaluate("s => s.selectedOptions[0].textContent.trim()")
    if kind == "checkbox":
        return control.is_checked()
    return control.input_value()


def page_answers(url: str, case_id: int) -> list[FormPage]:
    """The fields ``fill_url`` fills on the first page, by label, with what it put there."""
    from automations import engine
    from automations.runner import open_page
    from automations.values import fill_payload, fit_to_limits

    payload = fill_payload(PROFILE, url, case_id, ())
    fit_to_limits(payload)
    with open_page(url, profile=PROFILE) as page:
        report = engine.fill(page, payload, highlight=True)
        answers = []
        for entry in report.filled:
            info = entry["field"]
            kind = "select" if info["tag"] == "select" else str(info["type"])
            control = page.get_by_label(info["label"], exact=True)
            answers.append(Answer(info["label"], kind, shown(control, kind)))
    if not answers:
        raise SystemExit("plaint filled nothing on the replica's first page")
    return [FormPage(None, answers)]


def wizard_answers(p: Playwright, folder: Path, url: str, case_id: int) -> list[FormPage]:
    """Page by page, the fields ``fill_channel`` fills, with what it put there."""
    from automations import sites

    wizard = sites.get(CHANNEL).wizard
    assert wizard is not None
    context = launch(p, folder)
    try:
        page = context.pages[0]
        report = plaint_channel(url, case_id, page)
        pages = []
        for step in wizard.steps:
            # Read back from every page, shown or not, as the tests' `section` does.
            title = re.compile("^" + re.escape(step.title) + "$")
            scope = page.locator("section").filter(has=page.locator("h2", has_text=title))
            answers = [
                Answer(f.label, f.kind, shown(scope.get_by_label(f.label, exact=True), f.kind))
                for t, f in report.filled
                if t == step.title
            ]
            pages.append(FormPage(step.title, answers, step.next))
    finally:
        context.close()
    return pages


# -- timing ---------------------------------------------------------------------------------------


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def compare(
    name: str, plaint: Callable[[], Any], baseline: Callable[[], Any], rounds: int
) -> tuple[str, float, float]:
    plaint(), baseline()  # warm-up: caches, the browser profiles' first start
    ours: list[float] = []
    theirs: list[float] = []
    for n in range(rounds):
        # Alternate who goes first, so neither always runs on a warmer machine.
        if n % 2:
            theirs.append(timed(baseline))
            ours.append(timed(plaint))
        else:
            ours.append(timed(plaint))
            theirs.append(timed(baseline))
    return name, statistics.median(ours), statistics.median(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from automations import sites

    wizard = sites.get(CHANNEL).wizard
    assert wizard is not None
    last = wizard.steps[-1].title
    server = ReplicaServer().start()
    scratch = Path(tempfile.mkdtemp(prefix="plaint-bench-bare-"))
    try:
        with throwaway_plaint() as case_id:
            url = server.url(CHANNEL)
            one_page = page_answers(url, case_id)
            with sync_playwright() as p:
                whole = wizard_answers(p, scratch / "reference", url, case_id)
            folder = scratch / "bare"
            shot = scratch / "filled.png"
            rows = [
                compare(
                    f"fill --url, first page ({len(one_page[0].answers)} fields)",
                    lambda: plaint_page(url, case_id),
                    lambda: bare_launched(folder, url, one_page, None),
                    args.rounds,
                ),
                compare(
                    "  the same, plaint with its screenshot",
                    lambda: plaint_page(url, case_id, shot),
                    lambda: bare_launched(folder, url, one_page, None),
                    args.rounds,
                ),
                compare(
                    f"fill {CHANNEL}, {len(whole)} pages "
                    f"({sum(len(s.answers) for s in whole)} fields)",
                    lambda: plaint_channel(url, case_id),
                    lambda: bare_launched(folder, url, whole, last),
                    args.rounds,
                ),
            ]
            with sync_playwright() as p:
                context = launch(p, scratch / "open")
                page = context.pages[0]
                rows.append(
                    compare(
                        "  the same in an open page (no launch)",
                        lambda: plaint_channel(url, case_id, page),
                        lambda: bare(page, url, whole, last),
                        args.rounds,
                    )
                )
                context.close()
        if server.submissions(CHANNEL):
            raise SystemExit("the replica counted a submission: something pressed submit")
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"plaint vs a bare Playwright script, CFPB replica, headless, {args.rounds} rounds")
    print(f"{'':44} {'plaint':>10} {'bare':>10} {'ratio':>7}")
    for name, ours, theirs in rows:
        ratio = ours / theirs
        mark = "" if ratio <= TARGET else f"  (target {TARGET}x)"
        print(f"{name:44} {ours:8.0f}ms {theirs:8.0f}ms {ratio:6.2f}x{mark}")


if __name__ == "__main__":
    main()
