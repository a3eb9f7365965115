"""`plaint inspect` and `plaint fill --url` as real processes: a real browser, a real
keyring, a real HTTP server, and never a submission."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from automations.cli import cli
from tests.support.env import REPO, plaint_env
from tests.support.fixtures_cases import CASE_EN, PROFILE_EN
from tests.support.fixtures_engine import EngineSite

FIXTURES = REPO / "tests" / "fixtures" / "engine"
SHAPE = {"id", "name", "tag", "type", "label", "key", "confidence", "frame"}


def plaint(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "automations", *args],
        env=plaint_env(COLUMNS="160"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def check_shape(records: list[dict[str, Any]], frame: str) -> None:
    assert records, "no controls found"
    for r in records:
        assert set(r) >= SHAPE
        assert isinstance(r["id"], str) and isinstance(r["name"], str)
        assert r["tag"] in ("input", "select", "textarea")
        assert isinstance(r["type"], str) and isinstance(r["label"], str)
        assert r["key"] is None or isinstance(r["key"], str)
        assert isinstance(r["confidence"], (int, float)) and 0 <= r["confidence"] <= 1
        assert r["frame"] == frame


def test_inspect_json_on_a_file_and_on_127_0_0_1(engine_site: EngineSite) -> None:
    local = plaint("inspect", str(FIXTURES / "chinese.html"), "--json")
    assert local.returncode == 0, local.stderr
    records = json.loads(local.stdout)
    check_shape(records, (FIXTURES / "chinese.html").as_uri())
    assert {r["name"]: r["key"] for r in records}["c7"] == "company_name"

    served = plaint("inspect", engine_site.url("refused.html"), "--json")
    assert served.returncode == 0, served.stderr
    records = json.loads(served.stdout)
    check_shape(records, engine_site.url("refused.html"))
    by_name = {r["name"]: r for r in records}
    assert by_name["cardnumber"]["key"] is None and by_name["cardnumber"]["refused"] == "card"
    assert engine_site.submissions == 0


def test_inspect_table(engine_site: EngineSite) -> None:
    result = plaint("inspect", engine_site.url("two_forms.html"))
    assert result.returncode == 0, result.stderr
    assert "8 form controls" in result.stdout
    assert "part of a sign-in form" in result.stdout
    assert "never: a password or security answer" in result.stdout


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "data:text/html,<input>", "chrome://settings", "nowhere"]
)
def test_only_web_and_file_addresses(address: str) -> None:
    result = CliRunner().invoke(cli, ["inspect", address])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_a_page_that_does_not_load_is_a_clear_error() -> None:
    result = plaint("inspect", "http://127.0.0.1:9/nothing.html")
    assert result.returncode == 1
    assert "could not open http://127.0.0.1:9/nothing.html" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.usefixtures("secret_service")
def test_fill_url_with_profile_and_case(engine_site: EngineSite, tmp_path: Path) -> None:
    from server.store import ProfileStore
    from server.store.cases import CaseStore

    ProfileStore().put("default", PROFILE_EN)
    case = CaseStore().create("default", CASE_EN)
    report_file = tmp_path / "report.json"
    shot = tmp_path / "filled.png"
    result = plaint(
        "fill",
        "--url",
        engine_site.url("kinds.html"),
        "--case",
        str(case["id"]),
        "--headless",
        "--report-json",
        str(report_file),
        "--screenshot",
        str(shot),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    filled = {f["field"]["name"]: f["key"] for f in report["filled"]}
    assert filled == {
        "name": "full_name",
        "country": "country",
        "country_zh": "country",
        "when": "incident_date",
        "paid": "incident_date",
        "amount": "amount",
        "email": "email",
        "city": "city",
    }
    skipped = {s["field"]["name"]: s["reason"] for s in report["skipped"]}
    assert skipped["dob"] == "sensitive"  # not allowed with --allow
    assert skipped["title"] == "too_long"
    assert skipped["acct"] == "read_only"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert stat.S_IMODE(os.stat(shot).st_mode) == 0o600
    # The report names keys and fields, never the values.
    for value in (PROFILE_EN["email"], PROFILE_EN["given_name"], CASE_EN["narrative"][:20]):
        assert value not in result.stdout + result.stderr + report_file.read_text("utf-8")
    assert engine_site.submissions == 0


@pytest.mark.usefixtures("secret_service")
def test_fill_with_an_unknown_case_or_profile(engine_site: EngineSite) -> None:
    from server.store import ProfileStore

    missing = plaint("fill", "--url", engine_site.url("kinds.html"), "--headless")
    assert missing.returncode == 1
    assert "default" in missing.stderr and "Traceback" not in missing.stderr

    ProfileStore().put("default", PROFILE_EN)
    unknown = plaint("fill", "--url", engine_site.url("kinds.html"), "--case", "99", "--headless")
    assert unknown.returncode == 1
    assert "has no case 99" in unknown.stderr
    assert engine_site.submissions == 0
