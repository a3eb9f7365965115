"""`plaint check CHANNEL`: a real plaint process, a real Chromium, the replicas.

Exit 0 when every expected field is on its page, 1 when the form changed (the
step and label named) or could not be checked to its last page, 2 when the
site needs a login first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

from tests.support.env import REPO, plaint_env
from tests.support.fixtures_channel_fill import ChannelSample
from tests.support.fixtures_sites import ReplicaServer


def plaint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "automations", *args],
        cwd=REPO,
        env=plaint_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_check_passes_on_the_replica_and_names_a_renamed_label(
    replica_sites: ReplicaServer, channel_sample: Callable[..., ChannelSample]
) -> None:
    sample = channel_sample("uk_fos")
    case = str(sample.case_id)
    ok = plaint("check", "uk_fos", "--url", replica_sites.url("uk_fos"), "--case", case)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "The form matches what plaint expects" in ok.stdout
    assert "7. Check your answers (last page: plaint stopped here)" in ok.stdout
    assert "Step 1/7 · Your details: found 14 of 14 expected fields" in ok.stderr

    drifted = replica_sites.drifted("uk_fos", {"Postcode": "Post code"})
    changed = plaint("check", "uk_fos", "--url", drifted, "--case", case, "--json")
    assert changed.returncode == 1, changed.stderr
    report = json.loads(changed.stdout)
    # The joint complainant's block repeats the label, but shows only for a "Yes":
    # there it is not shown, and not counted as changed.
    assert report["drift"] == [{"step": "Your details", "label": "Postcode", "status": "missing"}]
    joint = next(s for s in report["steps"] if s["title"] == "Anyone complaining with you")
    assert {f["status"] for f in joint["fields"] if f["key"] == "@third_party"} == {"not_shown"}
    assert report["ready_for_review"] and report["outcome"] == "review"
    # What a check reports is labels and keys, never the person's values.
    for value in ("Jane", "Doe", "LS1 4AP", "j.doe@example.co.uk", "Leeds"):
        assert value not in changed.stdout
    assert replica_sites.submissions("uk_fos") == 0


def test_check_says_in_chinese_when_a_login_or_a_case_is_needed(
    replica_sites: ReplicaServer, channel_sample: Callable[..., ChannelSample]
) -> None:
    channel_sample("cn_12315")
    behind_login = replica_sites.url("cn_12315", "complaint.html")
    done = plaint("check", "cn_12315", "--url", behind_login, "--lang", "zh")
    # Without a window the login wall ends the check, with what to do.
    assert done.returncode == 2, done.stdout + done.stderr
    assert "全国12315平台要求登录" in done.stdout and "--headed" in done.stdout

    blocked = plaint("check", "cfpb", "--url", replica_sites.url("cfpb"), "--lang", "zh")
    assert blocked.returncode == 1
    assert "1. What happened?（页面未通过校验）" in blocked.stdout
    assert "2. Desired resolution（未到达）" in blocked.stdout
    assert "请指定案件（--case N）" in blocked.stdout
    assert replica_sites.submissions("cfpb") == 0
    assert replica_sites.submissions("cn_12315") == 0


def test_check_refuses_guided_and_unknown_channels_without_a_browser() -> None:
    guided = plaint("check", "alipay")
    assert guided.returncode == 1
    assert "no web form" in guided.stderr and "plaint channels alipay" in guided.stderr
    unknown = plaint("check", "nowhere")
    assert unknown.returncode == 1
    assert "unknown channel 'nowhere'" in unknown.stderr and "cfpb" in unknown.stderr
    assert "Traceback" not in unknown.stderr + guided.stderr
