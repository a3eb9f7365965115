"""`plaint demo`: the whole job on a bundled sample, with nothing of the person's touched.

A sample profile and case go through the real stores into a throw-away home
(sandbox.py), the real channel walker fills Sample Wallet's complaint form
served on 127.0.0.1 (server.py, site/), and the sample case's complaint letter
is written — exactly what a person's own `plaint fill` and `plaint letter`
do, without a keyring, an account or the network.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from automations.channel_fill import ChannelFillReport

Progress = Callable[[str], None]


@dataclass(slots=True)
class DemoRun:
    """What the demo made; the files are in ``out`` and outlive the demo."""

    report: ChannelFillReport
    case: dict[str, Any]
    profile: dict[str, Any]
    letter: str
    report_path: Path
    out: Path
    headless: bool
    submit_label: str
    submissions: Callable[[], int]


def has_display() -> bool:
    """Whether a browser window can be shown here (a desktop, not a server or CI)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def default_out() -> Path:
    from server.store.paths import cache_dir

    return cache_dir() / "demo"


def run_demo(
    *,
    lang: str = "en",
    out: Path | None = None,
    headless: bool | None = None,
    browser: str | None = None,
    progress: Progress | None = None,
    on_ready: Callable[[DemoRun], None] | None = None,
) -> DemoRun:
    """Fill the demo form with the sample; return when done (headed: when the window closes).

    ``on_ready`` gets the run as soon as the form is filled, while the sandbox
    and the window are still open.  Raises what fill_channel raises.
    """
    from automations.browser import choose_browser
    from automations.channel_fill import fill_channel
    from server.casework.letters import compose_letter
    from server.store import ProfileStore
    from server.store.cases import CaseStore

    from .channel import CHANNEL
    from .sample import PROFILE_NAME, PROFILES, sample_case
    from .sandbox import demo_home
    from .server import DemoSite

    lang = "zh" if lang == "zh" else "en"
    headless = not has_display() if headless is None else headless
    # Chosen before the sandbox hides the person's config.toml, which may name it.
    chosen = choose_browser(browser)
    browser_spec = chosen.value if chosen.kind != "bundled" else "bundled"
    out = out or default_out()
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    report_path = out / "report.json"

    with demo_home() as home, DemoSite() as site:
        profile = ProfileStore().put(PROFILE_NAME, PROFILES[lang], expected_version=None).data
        cases = CaseStore()
        case_id = cases.create(PROFILE_NAME, sample_case(lang))["id"]
        record = home / "transaction-record.txt"
        record.write_text(_record_text(cases.require(case_id)), encoding="utf-8")
        cases.add_evidence(case_id, record, "transaction_record", note="Sample Wallet activity")
        case = cases.require(case_id)
        letter = compose_letter(case, profile, lang, fmt="txt").text
        run: DemoRun | None = None

        def ready(report: ChannelFillReport) -> None:
            nonlocal run
            run = DemoRun(
                report=report,
                case=case,
                profile=profile,
                letter=letter,
                report_path=report_path,
                out=out,
                headless=headless,
                submit_label=CHANNEL.wizard.submit if CHANNEL.wizard else "",
                submissions=lambda: site.submissions,
            )
            if on_ready is not None:
                on_ready(run)

        fill_channel(
            CHANNEL,
            profile=PROFILE_NAME,
            case_id=case_id,
            url=site.url,
            headless=headless,
            browser=browser_spec,
            report_json=report_path,
            screenshot=out / "filled-form.png",
            progress=progress,
            lang=lang,
            on_ready=ready,
        )
        assert run is not None  # fill_channel calls on_ready before it returns
        run.submissions = lambda count=site.submissions: count  # the server stops here
        return run


def _record_text(case: dict[str, Any]) -> str:
    """A stand-in for the transaction record a person would export from the app."""
    ids = ", ".join(case.get("transaction_ids") or ())
    return (
        "Sample Wallet - activity export\n"
        f"Transaction: {ids}\n"
        f"Date: {case.get('incident_date')}\n"
        f"Amount: {case.get('amount')} {case.get('currency')}\n"
        "Status: Completed\n"
    )
