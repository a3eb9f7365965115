"""Login walls: notice one, let the person log in, and keep the login for next time.

plaint never types a password or a one-time code.  When a channel's form sits
behind a login (PayPal, Coinbase, 12315, 黑猫投诉), the person logs in in the
open browser window while plaint waits; then the fill goes on.  The browser
keeps its cookies in a profile of its own per plaint profile, private to the
person (mode 700), so a login lasts from one run to the next, as
``shot-scraper auth`` keeps one.  A headless run cannot wait for anyone: it
says so and stops.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from automations.sites import Channel

BROWSER_DIR = "browser"
# How often to look whether the person has finished logging in.
POLL_S = 0.5
LOGIN_TIMEOUT_S = 15 * 60

Waited = Literal["done", "timeout", "closed"]


class LoginRequired(Exception):
    """The form is behind a login and nobody can log in (a headless run)."""


def browser_profile_dir(profile: str) -> Path:
    """``<data dir>/browser/<profile>-<hash>``: this plaint profile's own browser profile.

    One per plaint profile, so two people sharing a computer never share a login.
    The hash of the name's exact spelling keeps "Ana" and "ana" apart on a
    case-insensitive filesystem (macOS, Windows), where the bare names would be
    one folder; it also keeps a name clear of Windows' reserved ones ("CON")
    and of a trailing dot, which Windows drops.
    """
    from server.store.paths import data_dir
    from server.store.profiles import check_name

    check_name(profile)  # a profile name never walks out of the folder
    digest = hashlib.sha256(profile.encode("utf-8")).hexdigest()[:10]
    parent = data_dir() / BROWSER_DIR
    folder = parent / f"{profile.lower()}-{digest}"
    for path in (parent, folder):
        path.mkdir(mode=0o700, exist_ok=True)
        if os.name == "posix":
            os.chmod(path, 0o700)
    return folder


def at_login_wall(page: Page, channel: Channel) -> bool:
    """Whether the page shows the channel's login wall rather than its form.

    The wall is known by its heading (the channel's ``login_markers``); a
    visible password box on a page with none of the form's steps is one too,
    for a site that changed its login page.
    """
    wizard = channel.wizard
    if wizard is None:
        return False
    try:
        for marker in wizard.login_markers:
            heading = page.get_by_role("heading", name=marker, exact=True)
            if heading.filter(visible=True).count():
                return True
        if channel.login_required is False:
            return False
        if not page.locator("input[type=password]").filter(visible=True).count():
            return False
        titles = {s.title for s in wizard.steps}
        return not any(
            page.get_by_role("heading", name=t, exact=True).filter(visible=True).count()
            for t in titles
        )
    except Exception as exc:
        if _closed(exc):
            return False
        raise


def wait_for_login(page: Page, channel: Channel, timeout_s: float = LOGIN_TIMEOUT_S) -> Waited:
    """Wait while the person logs in in the open window; how the wait ended."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if page.is_closed():
                return "closed"
            if not at_login_wall(page, channel):
                # The site sends the person back (or on to a second check); let it load.
                _settle(page)
                if not at_login_wall(page, channel):
                    return "done"
            page.wait_for_timeout(POLL_S * 1000)
        except Exception as exc:
            if _closed(exc):
                return "closed"
            raise
    return "timeout"


def _settle(page: Page) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_load_state("load", timeout=15_000)


_CLOSED = re.compile(
    r"(Target|Browser|Context|Page)( page, context or browser)? (has been )?closed"
)


def _closed(exc: Exception) -> bool:
    """Whether Playwright failed because the person closed the window."""
    return bool(_CLOSED.search(str(exc)))
