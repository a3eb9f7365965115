"""`plaint fill CHANNEL --case N` as a real process: a real Chromium, the replicas, never a submit.

The channel's form is walked page by page with a progress line per step on
stderr and the report on stdout (as `plaint check` does), the report file
names labels and keys but no value, and a label the site renamed is reported
as left for the person.  Fills run in the plaint profile's own browser
profile, so one profile's login is never another's.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from playwright.sync_api import Playwright

from automations.browser import choose_browser
from automations.cli import cli
from automations.login_wall import browser_profile_dir
from tests.support.env import REPO, plaint_env
from tests.support.fixtures_channel_fill import PROFILE_US, US_ACCOUNT, ChannelSample
from tests.support.fixtures_sites import ReplicaServer

CFPB_STEPS = ("What happened?", "Desired resolution", "My information", "Product information")


def plaint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "automations", *args],
        cwd=REPO,
        env=plaint_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )


def personal(sample: ChannelSample) -> list[str]:
    """What must never show in a report or a progress line."""
    return [
        sample.person["given_name"],
        sample.person["email"],
        sample.person["address"]["city"],
        sample.person["date_of_birth"],
        sample.person["id_number"],
        US_ACCOUNT,
        sample.case["narrative"][:30],
        sample.case["desired_resolution"],
    ]


def test_fill_a_channel_on_its_replica(
    replica_sites: ReplicaServer, channel_sample: Callable[..., ChannelSample], tmp_path: Path
) -> None:
    sample = channel_sample("cfpb")
    report_file, shot = tmp_path / "report.json", tmp_path / "filled.png"
    url = replica_sites.url("cfpb")
    done = plaint(
        "fill",
        "cfpb",
        "--case",
        str(sample.case_id),
        "--url",
        url,
        "--headless",
        "--report-json",
        str(report_file),
        "--screenshot",
        str(shot),
    )
    assert done.returncode == 0, done.stdout + done.stderr

    # A line per step while it fills, on stderr; the report on stdout.
    progress = done.stderr.splitlines()
    assert progress[0] == f"Opening CFPB consumer complaint: {url}"
    for n, title in enumerate(CFPB_STEPS, 1):
        assert any(line.startswith(f"Step {n}/5 · {title}: filled ") for line in progress)
    assert "Step 3/5 · My information: filled 9 of 9 fields" in progress
    assert f"Screenshot of the filled form: {shot}" in progress
    assert "5. Review (last page: plaint stopped here)" in done.stdout
    assert "Ready for you: check every answer in the window" in done.stdout
    assert "Step 1/5" not in done.stdout

    report: dict[str, Any] = json.loads(report_file.read_text("utf-8"))
    assert stat.S_IMODE(report_file.stat().st_mode) == 0o600
    assert (report["channel"], report["mode"], report["outcome"]) == ("cfpb", "fill", "review")
    assert report["ready_for_review"] and report["stopped_at"] == "Review"
    assert (report["profile"], report["case_id"]) == ("default", sample.case_id)
    assert report["url"] == url and report["screenshot"] == str(shot)
    assert report["drift"] == [] and report["warnings"] == []
    steps = {s["title"]: s for s in report["steps"]}
    mine = {f["label"]: f for f in steps["My information"]["fields"]}
    assert mine["First name"]["status"] == "filled" and mine["First name"]["key"] == "given_name"
    # What plaint leaves to the person: questions only they can answer, their evidence.
    assert {u["reason"] for u in report["unfilled"]} <= {"person", "file"}, report["unfilled"]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    said = done.stdout + done.stderr + report_file.read_text("utf-8")
    for value in personal(sample):
        assert value not in said
    assert replica_sites.submissions("cfpb") == 0


def test_fill_names_a_field_the_site_renamed(
    replica_sites: ReplicaServer, channel_sample: Callable[..., ChannelSample], tmp_path: Path
) -> None:
    sample = channel_sample("cfpb")
    old = "When did this happen? (Optional)"
    drifted = replica_sites.drifted("cfpb", {old: "Date of the problem"})
    report_file = tmp_path / "report.json"
    done = plaint(
        "fill",
        "cfpb",
        "--case",
        str(sample.case_id),
        "--url",
        drifted,
        "--headless",
        "--no-screenshot",
        "--report-json",
        str(report_file),
    )
    # The form was filled to its last page, but it changed: 1, as `plaint check` says.
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"'{old}' is not on this page (the form may have changed): left empty" in done.stderr
    assert "Step 1/5 · What happened?: filled 3 of 4 fields" in done.stderr
    assert f"The form has changed: What happened?: '{old}' not found." in done.stdout
    assert f"Left for you to fill: {old}." in done.stdout
    report = json.loads(report_file.read_text("utf-8"))
    assert report["outcome"] == "review" and report["screenshot"] is None
    assert report["drift"] == [{"step": "What happened?", "label": old, "status": "missing"}]
    assert {
        "step": "What happened?",
        "label": old,
        "key": "incident_date",
        "reason": "label_missing",
    } in report["unfilled"]
    assert replica_sites.submissions("cfpb") == 0


def test_a_guided_or_unknown_channel_or_case_is_refused(
    channel_sample: Callable[..., ChannelSample],
) -> None:
    guided = plaint("fill", "alipay", "--case", "1", "--headless")
    assert guided.returncode == 1, guided.stderr
    assert "no web form" in guided.stderr and "`plaint channels alipay`" in guided.stderr

    unknown = plaint("fill", "nowhere", "--headless")
    assert unknown.returncode == 1
    assert "unknown channel 'nowhere'" in unknown.stderr and "cfpb" in unknown.stderr

    channel_sample("cfpb")
    no_case = plaint("fill", "cfpb", "--case", "99", "--headless")
    assert no_case.returncode == 1
    assert "has no case 99" in no_case.stderr
    for done in (guided, unknown, no_case):
        assert done.stdout == "" and "Traceback" not in done.stderr


def test_fill_needs_a_channel_or_a_url() -> None:
    neither = CliRunner().invoke(cli, ["fill", "--case", "1"])
    assert neither.exit_code == 1
    assert "fill [OPTIONS] [CHANNEL]" in neither.output
    assert "give a CHANNEL" in neither.output and "--url URL" in neither.output

    mixed = CliRunner().invoke(cli, ["fill", "cfpb", "--overwrite"])
    assert mixed.exit_code == 1 and "--overwrite is for `plaint fill --url`" in mixed.output

    helped = CliRunner().invoke(cli, ["fill", "--help"])
    assert helped.exit_code == 0
    assert "plaint fill CHANNEL --case N [--url URL]" in helped.output
    assert "plaint fill --url URL [--case N]" in helped.output
    assert "plaint fill cfpb --case 3" in helped.output


def test_each_profile_fills_in_its_own_browser_profile(
    playwright: Playwright,
    replica_sites: ReplicaServer,
    channel_sample: Callable[..., ChannelSample],
    store: Any,
) -> None:
    channel_sample("coinbase")
    store.put("other", PROFILE_US)
    # "default" logged in to the site in an earlier, headed fill.
    earlier = playwright.chromium.launch_persistent_context(
        str(browser_profile_dir("default")), headless=True, **choose_browser().launch_kwargs()
    )
    cookie = {**replica_sites.login_cookie("coinbase"), "expires": time.time() + 3600}
    earlier.add_cookies([cookie])  # type: ignore[list-item]
    earlier.close()

    form = replica_sites.url("coinbase", "complaint.html")
    mine = plaint("fill", "--url", form, "--headless", "--no-screenshot")
    assert mine.returncode == 0, mine.stderr
    assert f"Filled {form}" in mine.stdout  # the login was kept: the form itself

    theirs = plaint("--profile", "other", "fill", "--url", form, "--headless", "--no-screenshot")
    assert theirs.returncode == 0, theirs.stderr
    assert "Filled " + replica_sites.url("coinbase", "login.html") in theirs.stdout
    assert replica_sites.logins("coinbase") == 0
    assert replica_sites.submissions("coinbase") == 0


def test_browser_profile_folders_differ_beyond_letter_case() -> None:
    """macOS and Windows see "default" and "Default" as one folder name."""
    names = ["default", "Default", "DEFAULT", "ana.", "ana", "CON"]
    folders = [browser_profile_dir(n) for n in names]
    assert len({f.name.casefold() for f in folders}) == len(names)
    assert all(not f.name.endswith((".", " ")) for f in folders)  # Windows drops those
    assert browser_profile_dir("Default") == folders[1]  # the same folder every run
    parent = folders[0].parent
    assert sorted(parent.iterdir()) == sorted(folders)
    for folder in (parent, *folders):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700 or os.name != "posix"
