"""Login walls and pages only the person can answer, in a real Chromium.

plaint never types a password: behind a login wall a run with a window waits
for the person to log in and then goes on; a run without one stops and says
how to log in.  Logins live in a browser profile of each plaint profile's own
(mode 700), so they last from one run to the next.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, expect

from automations.browser import choose_browser
from automations.channel_fill import fill_channel
from automations.login_wall import browser_profile_dir
from automations.wizard import Timeouts
from tests.support.env import REPO, plaint_env
from tests.support.fixtures_channel_fill import ChannelSample
from tests.support.fixtures_sites import PAYPAL_TRANSACTIONS, ReplicaServer

# Long enough for the scripted person below, short enough that a broken wait fails fast.
PATIENCE = Timeouts(person=30.0)

# The person, in the browser: logs in on any replica login page a moment after it shows.
PERSON_LOGS_IN = """
if (location.pathname.endsWith('/login.html')) {
  window.addEventListener('load', () => setTimeout(() => {
    for (const box of document.querySelectorAll('form input:not([type=hidden])')) {
      box.value = box.type === 'tel' ? '13800138000' : 'person@example.com';
    }
    document.querySelector('form').submit();
  }, 400));
}
"""

# The person, in the browser: when 黑猫 refuses the first page, ticks a problem
# and a demand, and presses 下一步 themselves.
PERSON_ANSWERS = """
if (location.pathname.endsWith('/complaint.html')) {
  const watch = new MutationObserver(() => {
    if (!document.querySelector('#info [role=alert]')) return;
    watch.disconnect();
    setTimeout(() => {
      document.querySelector('input[name=problem][value=账户被冻结]').click();
      document.querySelector('input[name=demand][value=解释]').click();
      document.querySelector('#info button[data-next]').click();
    }, 1500);  // a person takes a moment; plaint has noticed the refusal by then
  });
  window.addEventListener('load', () => {
    watch.observe(document.body, {subtree: true, childList: true});
  });
}
"""


def test_without_a_window_a_login_wall_stops_the_fill_and_says_how_to_log_in(
    page: Page, replica_sites: ReplicaServer, channel_sample: Callable[..., ChannelSample]
) -> None:
    sample = channel_sample("paypal")
    lines: list[str] = []
    report = fill_channel(
        "paypal",
        profile=sample.profile,
        case_id=sample.case_id,
        url=replica_sites.url("paypal"),
        page=page,
        headless=True,
        progress=lines.append,
        screenshot=False,
    )
    assert report.outcome == "login_required" and not report.ready
    assert all(s.status == "not_reached" for s in report.steps)
    said = "\n".join(lines)
    assert "PayPal Resolution Center asks you to log in" in said
    assert "without --headless" in said
    expect(page.get_by_role("heading", name="Log in to your PayPal account")).to_be_visible()
    expect(page.get_by_label("Password")).to_have_value("")  # nothing typed into the wall
    assert replica_sites.logins("paypal") == 0
    assert replica_sites.submissions("paypal") == 0


def test_with_a_window_plaint_waits_for_the_login_and_then_fills(
    page: Page,
    context: BrowserContext,
    replica_sites: ReplicaServer,
    channel_sample: Callable[..., ChannelSample],
) -> None:
    sample = channel_sample("paypal")
    context.add_init_script(PERSON_LOGS_IN)
    lines: list[str] = []
    report = fill_channel(
        "paypal",
        profile=sample.profile,
        case_id=sample.case_id,
        url=replica_sites.url("paypal"),
        page=page,
        interactive=True,
        timeouts=PATIENCE,
        progress=lines.append,
        screenshot=False,
    )
    assert report.outcome == "review", "\n".join(lines)
    assert replica_sites.logins("paypal") == 1
    said = "\n".join(lines)
    assert said.index("asks you to log in") < said.index("Logged in; going on.")
    assert said.index("Logged in; going on.") < said.index("Step 1/4")
    # The final page reviews the answers: the case's own transaction was chosen.
    expect(page.locator("[data-review]")).to_contain_text(PAYPAL_TRANSACTIONS[1]["id"])
    assert replica_sites.submissions("paypal") == 0


def test_with_a_window_a_page_plaint_cannot_answer_is_handed_to_the_person(
    page: Page,
    context: BrowserContext,
    replica_sites: ReplicaServer,
    channel_sample: Callable[..., ChannelSample],
) -> None:
    """黑猫 has no mapped 投诉问题 for a frozen account: the person picks one and moves
    on; plaint fills the rest of the way, in Chinese for a Chinese profile."""
    sample = channel_sample("heimao", category="account_frozen")
    context.add_cookies([replica_sites.login_cookie("heimao")])  # type: ignore[list-item]
    context.add_init_script(PERSON_ANSWERS)
    lines: list[str] = []
    report = fill_channel(
        "heimao",
        profile=sample.profile,
        case_id=sample.case_id,
        url=replica_sites.url("heimao"),
        page=page,
        interactive=True,
        timeouts=PATIENCE,
        progress=lines.append,
        screenshot=False,
    )
    assert report.outcome == "review", "\n".join(lines)
    assert report.step("填写投诉信息").status == "person"
    assert any("“填写投诉信息”需要你来填写：投诉问题、投诉要求" in line for line in lines)
    assert any("下一页出现后 plaint 会继续" in line for line in lines)
    expect(page.get_by_role("heading", name="确认投诉信息")).to_be_visible()
    assert replica_sites.submissions("heimao") == 0


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=plaint_env(**env),
        capture_output=True,
        text=True,
        timeout=180,
    )


FILL_IN_ITS_OWN_BROWSER = """
import json, sys
from pathlib import Path
from automations.channel_fill import fill_channel
lines = []
report = fill_channel(
    "coinbase", profile="default", case_id=int(sys.argv[1]), url=sys.argv[2], headless=True,
    report_json=Path(sys.argv[3]), screenshot=Path(sys.argv[4]), progress=lines.append,
)
print(json.dumps({"outcome": report.outcome, "lines": lines}))
"""


def test_a_login_lasts_in_the_profiles_own_browser_profile(
    playwright: Playwright,
    replica_sites: ReplicaServer,
    channel_sample: Callable[..., ChannelSample],
    tmp_path: Path,
) -> None:
    sample = channel_sample("coinbase")
    folder = browser_profile_dir("default")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    # The person logged in in an earlier run ("keep me signed in"): the browser kept it.
    earlier = playwright.chromium.launch_persistent_context(
        str(folder), headless=True, **choose_browser().launch_kwargs()
    )
    cookie = {**replica_sites.login_cookie("coinbase"), "expires": time.time() + 3600}
    earlier.add_cookies([cookie])  # type: ignore[list-item]
    earlier.close()

    report_file, shot = tmp_path / "report.json", tmp_path / "filled.png"
    url = replica_sites.url("coinbase")
    done = _run(
        ["-c", FILL_IN_ITS_OWN_BROWSER, str(sample.case_id), url, str(report_file), str(shot)]
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["outcome"] == "review", result["lines"]
    assert replica_sites.logins("coinbase") == 0  # no login page was needed
    assert shot.stat().st_size > 0 and stat.S_IMODE(shot.stat().st_mode) == 0o600
    written = report_file.read_text("utf-8")
    assert stat.S_IMODE(report_file.stat().st_mode) == 0o600
    report: dict[str, Any] = json.loads(written)
    assert report["ready_for_review"] and report["screenshot"] == str(shot)
    for value in ("Ana", "ana.ruiz@example.com", "Fresno", sample.case["narrative"][:30]):
        assert value not in written  # keys, labels and reasons only

    # Another plaint profile has a browser profile of its own, without that login.
    other = _run(["-m", "automations", "--profile", "other", "check", "coinbase", "--url", url])
    assert other.returncode == 2, other.stdout + other.stderr
    assert "--headed" in other.stdout
    made = set(folder.parent.iterdir())  # before browser_profile_dir() makes it here
    assert browser_profile_dir("other") in made
    assert replica_sites.submissions("coinbase") == 0
