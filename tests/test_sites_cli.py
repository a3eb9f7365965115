"""`plaint channels`: the list, one channel in full, JSON, languages, a case's order."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from click.testing import CliRunner

from automations import sites
from automations.cli import cli
from tests.support.env import REPO, plaint_env

SUMMARY_KEYS = {"id", "name", "kind", "jurisdiction", "url", "automation"}


def plaint(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "automations", *args],
        capture_output=True,
        text=True,
        env=plaint_env(**env),
        cwd=REPO,
        timeout=60,
    )


def test_json_lists_every_channel_in_the_registry_order() -> None:
    out = plaint("channels", "--json", "--lang", "en")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert [r["id"] for r in rows] == list(sites.CHANNEL_IDS)
    for row in rows:
        assert set(row) >= SUMMARY_KEYS
        channel = sites.get(row["id"])
        assert row["name"] == channel.names.en
        assert row["automation"] in ("script", "guide")
        assert (row["kind"], row["jurisdiction"], row["url"]) == (
            channel.kind,
            channel.jurisdiction,
            channel.url,
        )
    assert sum(r["automation"] == "script" for r in rows) >= 10


def test_names_follow_the_language() -> None:
    rows = json.loads(plaint("channels", "--json", "--lang", "zh").stdout)
    assert {r["id"]: r["name"] for r in rows}["cn_12315"] == "全国12315平台"
    # With no --lang and no profile, the system locale decides.
    rows = json.loads(plaint("channels", "--json", LC_ALL="zh_CN.UTF-8").stdout)
    assert {r["id"]: r["name"] for r in rows}["wechat_pay"] == "微信支付投诉"


def test_the_table_names_every_channel() -> None:
    result = CliRunner().invoke(cli, ["channels", "--lang", "en"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for channel in sites.all_channels():
        assert channel.id in result.stdout
    assert "https://reportfraud.ftc.gov/" in result.stdout
    assert "fills the form" in result.stdout and "guide" in result.stdout


def test_one_channel_in_full_with_its_guide() -> None:
    out = plaint("channels", "wechat_pay", "--lang", "zh")
    assert out.returncode == 0, out.stderr
    assert "95017" in out.stdout and "投诉商家" in out.stdout
    assert "申请退款" in out.stdout  # the category wording
    data = json.loads(plaint("channels", "cfpb", "--json").stdout)
    assert data["id"] == "cfpb" and data["limits"] == {"complaint_description": 3900}
    assert data["wizard"]["steps"][0]["title"] == "What happened?"
    assert "rendered_guide" not in data


def test_an_unknown_channel_is_a_clear_error() -> None:
    out = plaint("channels", "mybank")
    assert out.returncode == 1
    assert "unknown channel 'mybank'" in out.stderr and "cfpb" in out.stderr
    assert "Traceback" not in out.stderr
    out = plaint("channels", "--case", "0")
    assert out.returncode == 1 and "Traceback" not in out.stderr


def _case(**changes: Any) -> int:
    from server.store.cases import CaseStore

    data = {
        "company": "微信支付",
        "category": "refund_refused",
        "jurisdiction": "CN",
        "title": "会员服务未生效，商家拒绝退款",
        "narrative": "2025年3月3日，我通过微信支付向商家付款299元购买会员服务。付款显示成功，"
        "但服务一直没有生效。我三次联系商家客服，均未得到答复。" * 6,
        "desired_resolution": "请在7日内全额退款299元。",
        "amount": "299",
        "currency": "CNY",
        "incident_date": "2025-03-03",
        **changes,
    }
    return int(CaseStore().create("default", data)["id"])


def test_with_a_case_the_order_is_its_escalation_ladder(secret_service: None) -> None:
    from server.casework.escalation import ladder
    from server.store.cases import CaseStore

    case_id = _case()
    out = plaint("channels", "--case", str(case_id), "--json", "--lang", "zh")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    expected: list[str] = []
    for step in ladder(CaseStore().require(case_id, "default")):
        if step.channel in sites.CHANNEL_IDS and step.channel not in expected:
            expected.append(step.channel)
    assert [r["id"] for r in rows] == expected
    assert rows[0]["id"] == "wechat_pay" and rows[0]["stage"] == "provider"
    assert all(SUMMARY_KEYS | {"stage", "state", "parallel"} <= set(r) for r in rows)
    missing = plaint("channels", "--case", "999", "--json")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_a_guide_with_a_case_gives_a_text_that_fits(secret_service: None) -> None:
    case_id = _case()
    out = plaint("channels", "wechat_pay", "--case", str(case_id), "--json", "--lang", "zh")
    assert out.returncode == 0, out.stderr
    guide = json.loads(out.stdout)["rendered_guide"]
    assert guide["text_limit"] == 300
    assert 0 < len(guide["text"].encode("utf-16-le")) // 2 <= 300
    assert "299" in guide["text"]
    shown = plaint("channels", "wechat_pay", "--case", str(case_id), "--lang", "zh")
    assert shown.returncode == 0 and guide["text"] in shown.stdout


def test_a_case_too_long_for_the_limit_still_gets_the_guide(secret_service: None) -> None:
    case_id = _case(title="A membership bought on 3 March 2025 was never activated " * 3)
    out = plaint("channels", "wechat_pay", "--case", str(case_id), "--lang", "en")
    assert out.returncode == 1
    assert "the limit is 300" in out.stderr and "Traceback" not in out.stderr
    assert "95017" in out.stdout and "Steps:" in out.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_help_is_quick_and_lists_the_command(lang: str) -> None:
    out = plaint("--help", LC_ALL=f"{lang}.UTF-8")
    assert out.returncode == 0 and "channels" in out.stdout
