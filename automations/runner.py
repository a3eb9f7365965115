"""Open a page in the chosen browser, fill it with the engine, and hand it to the person.

    result = fill_url(url, payload, profile="default")  # headed: waits until the window closes
    result = fill_url(url, payload, profile="default", headless=True)

The runner fills, outlines every field it filled, saves a screenshot of the
filled page as evidence, and stops.  It never clicks a button, never submits and
never presses a key: the person reviews the form and submits it themselves.

A fill runs in the plaint profile's own browser profile
(``automations.login_wall.browser_profile_dir``), so a sign-in to a provider's
site lasts from one fill to the next and two plaint profiles never share one;
``inspect_url`` reads a page in a fresh browser that keeps nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import engine
from .browser import choose_browser

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

LOAD_TIMEOUT_MS = 45_000
# Forms drawn by scripts after "load": wait this long for the network to go quiet.
SETTLE_TIMEOUT_MS = 5_000
HEADLESS_VIEWPORT = {"width": 1280, "height": 900}


class RunnerError(Exception):
    """The runner could not do its job; ``str()`` is safe to show the person."""


class BrowserLaunchError(RunnerError):
    pass


class PageLoadError(RunnerError):
    pass


@dataclass(frozen=True, slots=True)
class FillResult:
    url: str  # where the page ended up
    report: engine.Report
    screenshot: Path | None


def default_screenshot_path(url: str) -> Path:
    """``<data dir>/screenshots/fill-<UTC time>-<host>.png``: private to the person."""
    from server.store.paths import data_dir

    folder = data_dir() / "screenshots"
    folder.mkdir(mode=0o700, exist_ok=True)
    host = urlsplit(url).hostname or "page"
    slug = re.sub(r"[^a-z0-9.-]+", "-", host.lower()).strip("-") or "page"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return folder / f"fill-{stamp}-{slug}.png"


@contextlib.contextmanager
def browser_context(
    *, browser: str | None = None, headless: bool = True, profile: str | None = None
) -> Iterator[BrowserContext]:
    """The chosen browser, closed afterwards.

    With ``profile``, in that plaint profile's own browser profile, where its
    logins are kept; without, in a fresh one that keeps nothing.
    """
    from playwright.sync_api import Error, sync_playwright

    kwargs = choose_browser(browser).launch_kwargs()
    with sync_playwright() as p:
        context = _launch(p, kwargs, headless, profile)
        try:
            yield context
        finally:
            with contextlib.suppress(Error):
                context.close()


def first_page(context: BrowserContext) -> Page:
    """The tab a persistent browser opens with (or a new one): no second, empty window."""
    return context.pages[0] if context.pages else context.new_page()


@contextlib.contextmanager
def open_page(
    url: str, *, browser: str | None = None, headless: bool = True, profile: str | None = None
) -> Iterator[Page]:
    """A page of the chosen browser at ``url``, loaded and settled; closed afterwards."""
    with browser_context(browser=browser, headless=headless, profile=profile) as context:
        page = first_page(context)
        _load(page, url)
        yield page


def _launch(p: Any, kwargs: dict[str, Any], headless: bool, profile: str | None) -> BrowserContext:
    from playwright.sync_api import Error

    from .login_wall import browser_profile_dir

    # A window sized by the person's screen; without one, a common laptop size.
    size: dict[str, Any] = {"viewport": HEADLESS_VIEWPORT} if headless else {"no_viewport": True}
    try:
        if profile is None:
            return p.chromium.launch(headless=headless, **kwargs).new_context(**size)
        return p.chromium.launch_persistent_context(
            str(browser_profile_dir(profile)), headless=headless, **size, **kwargs
        )
    except Error as exc:
        text = str(exc)
        if "ProcessSingleton" in text or "already in use" in text or "SingletonLock" in text:
            raise BrowserLaunchError(
                "plaint's browser for this profile is already open: close that window and "
                "try again."
            ) from None
        first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        raise BrowserLaunchError(f"the browser did not start: {first[:200]}") from None


def _load(page: Page, url: str) -> None:
    from playwright.sync_api import Error
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        response = page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    except PlaywrightTimeout:
        raise PageLoadError(
            f"{url} did not finish loading in {LOAD_TIMEOUT_MS // 1000} s."
        ) from None
    except Error as exc:
        # Chromium's own reason ("net::ERR_NAME_NOT_RESOLVED") says what went wrong.
        match = re.search(r"net::[A-Z_]+", str(exc))
        reason = match.group(0) if match else "the browser could not open it"
        raise PageLoadError(f"could not open {url} ({reason}).") from None
    if response is not None and response.status >= 400:
        raise PageLoadError(f"{url} answered HTTP {response.status}.")
    _warm_engine(page)
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_load_state("networkidle", timeout=SETTLE_TIMEOUT_MS)


# The engine's first run in a document compiles its patterns, a few hundred ms of
# the page's time.  Started before the wait for the network to go quiet, that work
# is done while plaint would only be waiting; the fill after it finds it done.
_WARM_UP = (
    "function () { setTimeout(() => { try { PlaintEngine.classify(document); } catch (e) {} }); }"
)


def _warm_engine(page: Page) -> None:
    from playwright.sync_api import Error

    # Only a head start: whatever goes wrong here, the fill itself loads the engine again.
    with contextlib.suppress(Error, engine.EngineError):
        engine.call(page, _WARM_UP)


def inspect_url(
    url: str, *, browser: str | None = None, rules: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """What plaint would fill on the page at ``url``, control by control; fills nothing."""
    with open_page(url, browser=browser, headless=True) as page:
        return engine.classify(page, rules)


def fill_url(
    url: str,
    payload: dict[str, Any],
    *,
    profile: str,
    browser: str | None = None,
    headless: bool = False,
    screenshot: Path | bool | None = True,
    overwrite: bool = False,
    on_filled: Callable[[FillResult], None] | None = None,
) -> FillResult:
    """Fill the page at ``url`` from ``payload`` and leave it for the person to submit.

    The browser runs in ``profile``'s own browser profile, with its logins.

    ``screenshot``: True for the default evidence path, a Path, or False for none.
    ``on_filled`` runs once the page is filled, while the browser is still open;
    headed, the call then returns only when the person closes the browser.
    """
    from playwright.sync_api import Error

    with open_page(url, browser=browser, headless=headless, profile=profile) as page:
        report = engine.fill(page, payload, overwrite=overwrite, highlight=True)
        shot = _screenshot(page, url, screenshot)
        result = FillResult(page.url, report, shot)
        if on_filled is not None:
            on_filled(result)
        if not headless:
            with contextlib.suppress(Error, KeyboardInterrupt):
                # The person reviews and submits; plaint only waits for the window to close.
                page.context.wait_for_event("close", timeout=0)
        return result


def _screenshot(page: Page, url: str, target: Path | bool | None) -> Path | None:
    if target is False or target is None:
        return None
    path = default_screenshot_path(url) if target is True else Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # it shows the person's details
    return path
