"""Take the README's screenshots from real runs: `make screenshots`.

1. `plaint demo`'s filled form (docs/img/demo-filled-form.png).
2. The extension: the sample form open in Chromium with the unpacked extension,
   paired with a real helper, filled with one click on "Fill complaint"
   (docs/img/extension-popup.png and docs/img/extension-filled.png).

Everything runs in the demo's throw-away home, so no keyring is needed and the
person's own profile is never shown.  Needs the repository's test support
(the extension launcher), so run it from a checkout.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

IMG = REPO / "docs" / "img"


def demo_shot(work: Path) -> None:
    from automations.demo import run_demo

    run = run_demo(out=work / "demo", headless=True)
    assert run.report.screenshot is not None
    shutil.copyfile(run.report.screenshot, IMG / "demo-filled-form.png")


def extension_shots(work: Path) -> None:
    from playwright.sync_api import sync_playwright

    from automations.demo.sample import PROFILES, sample_case
    from automations.demo.sandbox import demo_home
    from automations.demo.server import DemoSite
    from server.store import ProfileStore
    from server.store.cases import CaseStore
    from tests.support.fixtures_extension import launch_extension
    from tests.support.fixtures_server import start_helper, stop_helper

    with demo_home(), DemoSite() as site, sync_playwright() as p:
        ProfileStore().put("default", PROFILES["en"], expected_version=None)
        CaseStore().create("default", sample_case("en"))
        helper = start_helper()
        browser = launch_extension(p, work / "chromium")
        try:
            options = browser.context.new_page()
            options.goto(f"{browser.origin}/options.html")
            options.get_by_label("Pairing token").fill(helper.token)
            options.get_by_label("Helper port").fill(str(helper.port))
            options.get_by_role("button", name="Save").click()
            options.get_by_text("Paired").first.wait_for()
            options.close()

            form = browser.open(site.url)
            form.set_viewport_size({"width": 1100, "height": 1150})
            popup = browser.popup(site.url)
            popup.set_viewport_size({"width": 420, "height": 640})
            popup.get_by_label("Case").select_option(index=1)
            popup.get_by_role("button", name="Fill complaint").click()
            popup.locator("#result.ok").wait_for()
            popup.screenshot(path=str(IMG / "extension-popup.png"))
            form.bring_to_front()
            form.screenshot(path=str(IMG / "extension-filled.png"))
        finally:
            browser.context.close()
            stop_helper(helper)


if __name__ == "__main__":
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="plaint-shots-") as tmp:
        demo_shot(Path(tmp))
        extension_shots(Path(tmp))
    print(f"screenshots written to {IMG}")
