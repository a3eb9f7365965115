"""`plaint demo`: the bundled sample, filled by the real walker; nothing of the person touched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import keyring
import pytest

from automations.demo import has_display, run_demo
from automations.demo.channel import CHANNEL, DESCRIPTION_LIMIT
from automations.demo.sample import PROFILE_NAME, PROFILES, sample_case
from automations.demo.sandbox import DEMO_SERVICE
from automations.demo.server import DemoSite
from tests.support.env import plaint_env

FILLED_LABELS = {
    "What is your complaint about?",
    "Wallet account (email or phone)",
    "Transaction ID",
    "Date of the payment",
    "Amount",
    "Currency",
    "Tell us what happened",
    "What would you like us to do?",
    "Full name",
    "Email address",
    "Phone number",
    "Country",
}
PERSON_LABELS = {
    "Screenshots or documents (optional)",
    "I confirm that what I have written is true",
}


def _fields(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["label"]: f for step in report["steps"] for f in step["fields"]}


def test_demo_runs_without_a_keyring(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = plaint_env(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", LANG="C.UTF-8")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "automations.cli", "demo", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "Submitted: 0." in done.stdout
    assert "Stopped on 'Check your answers', the last page, without submitting" in done.stderr
    assert f"to fit the {DESCRIPTION_LIMIT}-character limit" in done.stderr

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["outcome"] == "review"
    fields = _fields(report)
    assert {label for label, f in fields.items() if f["status"] == "filled"} == FILLED_LABELS
    assert set(fields) - FILLED_LABELS == PERSON_LABELS
    assert (out / "filled-form.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    letter = (out / "letter-en.txt").read_text(encoding="utf-8")
    assert letter in done.stdout
    assert "Alex Sample" in letter and "SW-7Q4K2-88412" in letter
    assert "SHA-256" in letter
    assert "Escalation ladder" in done.stdout and "CFPB" in done.stdout
    if os.name == "posix":
        assert (out / "letter-en.txt").stat().st_mode & 0o077 == 0
        assert (out / "report.json").stat().st_mode & 0o077 == 0


def test_demo_never_touches_the_persons_profile_or_cases(
    secret_service: None, private_plaint: str, tmp_path: Path
) -> None:
    from server.store import ProfileStore
    from server.store.paths import data_dir

    own = ProfileStore().put("default", {"given_name": "Own", "family_name": "Person"})
    backend = keyring.get_keyring()
    data_before = sorted(p.name for p in data_dir().iterdir())

    # Its own thread: Playwright's sync API refuses a thread where pytest-playwright's
    # event loop already runs.
    with ThreadPoolExecutor(1) as pool:
        run = pool.submit(run_demo, lang="zh", out=tmp_path / "out", headless=True).result()

    assert run.submissions() == 0
    assert "王小明" in run.letter and "人民币" in run.letter
    assert keyring.get_keyring() is backend
    assert os.environ["PLAINT_KEYRING_SERVICE"] == private_plaint
    assert "PLAINT_HOME" not in os.environ
    after = ProfileStore()
    assert after.names() == ["default"]
    assert after.require("default").version == own.version
    assert keyring.get_password(DEMO_SERVICE, "profiles") is None
    assert sorted(p.name for p in data_dir().iterdir()) == data_before


def test_the_demo_form_holds_the_sample_values(
    secret_service: None, page: Any, tmp_path: Path
) -> None:
    """The same walker fills the same form in a page the test can read."""
    from automations.channel_fill import fill_channel
    from server.store import ProfileStore
    from server.store.cases import CaseStore

    ProfileStore().put(PROFILE_NAME, PROFILES["en"])
    case = sample_case("en")
    case_id = CaseStore().create(PROFILE_NAME, case)["id"]
    with DemoSite() as site:
        report = fill_channel(
            CHANNEL,
            profile=PROFILE_NAME,
            case_id=case_id,
            url=site.url,
            headless=True,
            page=page,
            screenshot=False,
        )
        assert report.ready
        form = page.locator("form")
        assert page.get_by_role("heading", name="Check your answers").is_visible()
        values = {
            "problem": "A payment failed but I was charged",
            "account": "alex.sample@example.com",
            "txn": "SW-7Q4K2-88412",
            "when": case["incident_date"],
            "amount": "129.99",
            "currency": "USD",
            "wish": case["desired_resolution"],
            "name": "Alex Sample",
            "email": "alex.sample@example.com",
            "country": "US",
        }
        for control_id, expected in values.items():
            assert form.locator(f"#{control_id}").input_value() == expected, control_id
        phone = form.locator("#phone").input_value()
        assert phone.replace(" ", "") == "+12175550187"
        story = form.locator("#story").input_value()
        assert len(story) <= DESCRIPTION_LIMIT < len(case["narrative"])
        assert case["narrative"].startswith(story)
        assert not form.locator("#true").is_checked()
        assert site.submissions == 0


def test_a_display_decides_headed_or_headless(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert not has_display()
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert has_display()


def _chromium_pids(marker: str) -> list[int]:
    """The browser processes whose command line names ``marker`` (their profile folder)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if marker in cmdline and "--user-data-dir" in cmdline and "--type=" not in cmdline:
            pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and Xvfb")
def test_with_a_display_the_window_stays_open_until_the_person_closes_it(tmp_path: Path) -> None:
    """The headed path people get: plaint fills, reports, then waits for the window."""
    import shutil
    import signal
    import time

    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is missing: .ci/system-deps.sh installs it (package xvfb)"
    env = plaint_env(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", TMPDIR=str(tmp_path))
    proc = subprocess.Popen(
        [xvfb, "-a", sys.executable, "-m", "automations.cli", "demo", "--out", str(tmp_path / "o")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        seen = []
        assert proc.stdout is not None
        for line in proc.stdout:
            seen.append(line)
            if "plaint waits here until you close the browser" in line:
                break
        output = "".join(seen)
        assert "Submitted: 0." in output, output
        time.sleep(1)
        assert proc.poll() is None, "plaint did not wait for the person"
        windows = _chromium_pids(str(tmp_path))
        assert windows, "no browser window was open"
        for pid in windows:  # the person closes the window
            os.kill(pid, signal.SIGTERM)
        rest, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, rest
    assert "Traceback" not in output + rest
    assert (tmp_path / "o" / "filled-form.png").exists()
