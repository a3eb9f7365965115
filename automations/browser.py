"""Which Chromium-family browser plaint drives, and how to launch it.

Chosen, first match wins: the ``--browser`` option, the ``PLAINT_BROWSER``
environment variable, ``browser = "…"`` in plaint's config.toml, a Chrome or
Chromium installed on the system, then the browser ``playwright install
chromium`` downloads.  A value is a path to an executable, a Playwright
channel (``chrome``, ``msedge`` …) or ``bundled``.

Nothing here imports Playwright, so ``plaint doctor`` stays fast.
"""

from __future__ import annotations

import os
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

CHANNELS = (
    "chrome",
    "chrome-beta",
    "chrome-dev",
    "chrome-canary",
    "msedge",
    "msedge-beta",
    "msedge-dev",
    "chromium",
)

_SYSTEM_CANDIDATES = {
    "linux": ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"),
    "darwin": (
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ),
    "win32": (
        r"%ProgramFiles%\Google\Chrome\Application\chrome.exe",
        r"%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe",
        r"%LocalAppData%\Google\Chrome\Application\chrome.exe",
    ),
}

# A closed network makes Chromium's background services fail noisily and slowly;
# plaint needs none of them.
QUIET_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


class BrowserNotFound(Exception):
    pass


@dataclass(frozen=True, slots=True)
class BrowserChoice:
    kind: Literal["executable", "channel", "bundled"]
    value: str | None
    source: str

    def describe(self) -> str:
        what = {"executable": self.value, "channel": f"channel {self.value}"}.get(
            self.kind, "Playwright's bundled Chromium"
        )
        return f"{what} (from {self.source})"

    def launch_kwargs(self) -> dict[str, Any]:
        args = list(QUIET_ARGS)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to start sandboxed as root
        kwargs: dict[str, Any] = {"args": args}
        if self.kind == "executable":
            kwargs["executable_path"] = self.value
        elif self.kind == "channel":
            kwargs["channel"] = self.value
        return kwargs


def _config_value() -> str | None:
    from server.store.paths import config_dir

    path = config_dir() / "config.toml"
    if not path.exists():
        return None
    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("browser")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return value if isinstance(value, str) and value else None


def _parse(value: str, source: str) -> BrowserChoice:
    if value in ("bundled", "playwright"):
        return BrowserChoice("bundled", None, source)
    if value in CHANNELS:
        return BrowserChoice("channel", value, source)
    path = shutil.which(value) or os.path.expandvars(os.path.expanduser(value))
    if not Path(path).is_file():
        raise BrowserNotFound(
            f"The browser {value!r} (from {source}) was not found: give the path of a "
            f"Chrome/Chromium executable, a channel ({', '.join(CHANNELS)}) or 'bundled'."
        )
    return BrowserChoice("executable", str(Path(path).resolve()), source)


def _bundled_installed() -> bool:
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if root in (None, "", "0"):
        root = {
            "linux": "~/.cache/ms-playwright",
            "darwin": "~/Library/Caches/ms-playwright",
            "win32": "%USERPROFILE%\\AppData\\Local\\ms-playwright",
        }.get(sys.platform, "~/.cache/ms-playwright")
    base = Path(os.path.expandvars(os.path.expanduser(root)))
    return any(base.glob("chromium-*")) or any(base.glob("chromium_headless_shell-*"))


def choose_browser(option: str | None = None) -> BrowserChoice:
    for value, source in (
        (option, "--browser"),
        (os.environ.get("PLAINT_BROWSER"), "PLAINT_BROWSER"),
        (_config_value(), "config.toml"),
    ):
        if value:
            return _parse(value, source)
    for candidate in _SYSTEM_CANDIDATES.get(sys.platform, _SYSTEM_CANDIDATES["linux"]):
        found = shutil.which(candidate) or os.path.expandvars(candidate)
        if found and Path(found).is_file():
            return BrowserChoice("executable", found, "system")
    if _bundled_installed():
        return BrowserChoice("bundled", None, "playwright install")
    raise BrowserNotFound(
        "No Chrome or Chromium was found. Install one (Debian/Ubuntu: apt install chromium; "
        "or `python -m playwright install chromium`), or point PLAINT_BROWSER at its executable."
    )
