"""`plaint case …`, `followups`, `escalate`, `letter`: through click's runner and as processes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from automations.cli import cli
from tests.support.env import REPO, plaint_env
from tests.support.fixtures_cases import CASE_EN, CASE_ZH, PROFILE_EN

pytestmark = pytest.mark.usefixtures("secret_service")


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def profile() -> None:
    code, _, err = run("profile", "import", "-", input=json.dumps(PROFILE_EN))
    assert code == 0, err


def new_case(data: dict[str, Any]) -> int:
    code, out, err = run("case", "new", "--from-json", "-", input=json.dumps(data))
    assert code == 0, err
    return int(re.search(r"#(\d+)", out).group(1))  # type: ignore[union-attr]


def test_help_lists_every_case_command() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in ("case", "followups", "escalate", "letter"):
        assert f"  {command} " in out
    code, out, _ = run("case", "--help")
    for command in (
        "new",
        "list",
        "show",
        "edit",
        "close",
        "evidence",
        "log",
        "filed",
        "response",
        "export",
    ):
        assert f"  {command} " in out


def test_new_from_flags_then_show_round_trips(profile: None) -> None:
    code, out, err = run(
        "case",
        "new",
        "--company",
        "PayPal",
        "--category",
        "refund_refused",
        "--title",
        CASE_EN["title"],
        "--narrative",
        CASE_EN["narrative"],
        "--resolution",
        CASE_EN["desired_resolution"],
        "--amount",
        "89.90",
        "--currency",
        "gbp",
        "--transaction-id",
        "8AB12345CD6789012",
        "--transaction-id",
        "SECOND-ID",
        "--incident-date",
        "2024-11-29",
    )
    assert code == 0, err
    assert out.startswith("Created case #1:")
    code, out, _ = run("case", "show", "1", "--json")
    shown = json.loads(out)
    assert shown["jurisdiction"] == "GB"  # from the profile's address
    assert shown["amount"] == "89.90" and shown["currency"] == "GBP"
    assert shown["transaction_ids"] == ["8AB12345CD6789012", "SECOND-ID"]
    assert shown["narrative"] == CASE_EN["narrative"]


def test_new_from_json_refuses_bad_input_naming_every_field() -> None:
    bad = {**CASE_ZH, "amount": "-12", "category": "bad_luck", "incident_date": "2999-01-01"}
    code, out, err = run("case", "new", "--from-json", "-", input=json.dumps(bad))
    assert code == 1
    for field in ("amount", "category", "incident_date"):
        assert f"  {field}: " in err
    assert "nothing was saved" in err and "Traceback" not in err
    code, out, _ = run("case", "list", "--json")
    assert json.loads(out) == []


def test_new_with_some_flags_names_the_missing_ones_when_not_a_terminal() -> None:
    code, _, err = run("case", "new", "--company", "Venmo", "--jurisdiction", "US")
    assert code == 1
    for field in ("category", "title", "narrative", "desired_resolution"):
        assert f"  {field}: Missing data" in err


def test_new_prompts_for_each_field_and_asks_again_when_wrong(profile: None) -> None:
    answers = [
        "微信支付",  # company
        "",  # account (optional)
        "3",  # category number 3: payment_failed_but_charged
        "CN",  # jurisdiction (the profile's GB is the default)
        "2999-01-01",  # incident date: future, asked again
        "2024-03-05",
        "-3",  # amount: refused, asked again
        "1234.50",
        "cny",
        "T-1，T-2",  # transaction ids with a Chinese comma
        "付款失败但扣款",
        "付款失败，但银行卡被扣款。",
        "退款",
    ]
    code, out, err = run("case", "new", input="\n".join(answers) + "\n")
    assert code == 0, err
    assert "Must not be in the future." in err and "more than zero" in err
    case_id = int(re.search(r"#(\d+)", out).group(1))  # type: ignore[union-attr]
    shown = json.loads(run("case", "show", str(case_id), "--json")[1])
    assert shown["category"] == "payment_failed_but_charged"
    assert shown["jurisdiction"] == "CN"
    assert shown["transaction_ids"] == ["T-1", "T-2"]
    assert shown["amount"] == "1234.50" and shown["currency"] == "CNY"
    assert "account_id" not in shown


def test_evidence_add_prints_the_hash_and_show_reports_tampering(
    tmp_path: Path, profile: None
) -> None:
    case_id = new_case(CASE_EN)
    source = tmp_path / "tracking page.pdf"
    source.write_bytes(b"%PDF-1.4 " + os.urandom(2048))
    code, out, err = run(
        "case", "evidence", "add", f"#{case_id}", str(source), "--kind", "transaction_record"
    )
    assert code == 0, err
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    assert out == f"{digest}  tracking page.pdf\n"
    code, out, _ = run("case", "show", str(case_id))
    assert code == 0 and "hash ok" in out and digest in out

    code, _, err = run(
        "case", "evidence", "add", str(case_id), str(tmp_path / "nope"), "--kind", "email"
    )
    assert code == 1 and "  file: " in err

    from server.store.cases import CaseStore

    store = CaseStore()
    item = store.require(case_id)["evidence"][0]
    store.evidence_path(case_id, item).write_bytes(b"edited")
    code, out, err = run("case", "show", str(case_id))
    assert code == 1
    assert "CHANGED since it was added" in out and "WARNING: evidence #1" in err
    code, out, _ = run("case", "evidence", "verify", str(case_id))
    assert code == 1 and "modified" in out


def test_the_whole_workflow(tmp_path: Path, profile: None) -> None:
    case_id = new_case(CASE_EN)
    evidence = tmp_path / "chat.png"
    evidence.write_bytes(b"\x89PNG chat")
    assert run("case", "evidence", "add", str(case_id), str(evidence), "--kind", "chat_log")[0] == 0
    code, _, err = run(
        "case",
        "log",
        str(case_id),
        "--channel",
        "phone",
        "--person",
        "Sam",
        "--ref",
        "T-77",
        "--summary",
        "Asked for the refund again",
        "--at",
        "2024-12-02 14:05",
    )
    assert code == 0, err
    code, out, err = run(
        "case", "filed", str(case_id), "paypal", "--ref", "PP-D-1", "--date", "2024-12-03"
    )
    assert code == 0, err
    assert "Recorded filing #1" in out
    assert re.search(r"escalate the dispute to a claim .*: 23 December 2024", out)
    assert "final response is due (or a holding response): 24 December 2024" in out

    code, out, _ = run("followups", "--lang", "en")
    assert code == 0 and f"#{case_id}" in out and "OVERDUE" in out

    code, out, _ = run("escalate", str(case_id), "--lang", "en")
    assert code == 0
    assert "Escalation ladder" in out and "Do these now" not in out
    assert "uk_fos" in out or "Ombudsman" in out

    code, _, err = run(
        "case",
        "response",
        str(case_id),
        "paypal",
        "--date",
        "2025-01-06",
        "--final",
        "--summary",
        "We will not refund.",
    )
    assert code == 0, err
    code, out, _ = run("followups", "--json")
    items = json.loads(out)
    assert any(i["channel"] == "uk_fos" and i["due"]["due"] == "2025-07-06" for i in items)

    code, out, err = run("letter", str(case_id), "--lang", "zh")
    assert code == 0, err
    for fact in ("PayPal", "89.90 英镑（GBP）", "8AB12345CD6789012", "PP-D-1", "T-77", "最终答复"):
        assert fact in out
    letter_file = tmp_path / "letter.html"
    code, _, err = run("letter", str(case_id), "--format", "html", "--out", str(letter_file))
    assert code == 0, err
    assert letter_file.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    if os.name == "posix":
        assert stat.S_IMODE(letter_file.stat().st_mode) == 0o600
    code, _, err = run("letter", str(case_id), "--out", str(letter_file))
    assert code == 1 and "--force" in err

    bundle = tmp_path / "bundle.zip"
    code, out, err = run("case", "export", str(case_id), "--out", str(bundle), "--lang", "en")
    assert code == 0, err
    with zipfile.ZipFile(bundle) as zf:
        assert "evidence/01-chat.png" in zf.namelist()

    code, _, _ = run("case", "close", str(case_id), "--resolved", "--note", "Refunded in full.")
    assert code == 0
    shown = json.loads(run("case", "show", str(case_id), "--json")[1])
    assert shown["status"] == "resolved"
    assert shown["contacts"][-1]["summary"] == "Refunded in full."
    assert json.loads(run("followups", "--json")[1]) == []


def test_fraud_escalation_starts_with_the_urgent_checklist(profile: None) -> None:
    case_id = new_case({**CASE_ZH, "category": "fraud_scam"})
    code, out, _ = run("escalate", str(case_id), "--lang", "zh")
    assert code == 0
    assert out.index("请立即处理") < out.index("升级投诉路径")
    assert "公安机关" in out
    data = json.loads(run("escalate", str(case_id), "--json")[1])
    assert data["urgent"] and data["steps"][0]["channel"] == "alipay"


def test_letter_for_a_channel_keeps_out_what_it_forbids(profile: None) -> None:
    sites = pytest.importorskip("automations.sites")
    cfpb = sites.get("cfpb")
    case_id = new_case({**CASE_EN, "jurisdiction": "US"})
    code, out, err = run("letter", str(case_id), "--channel", "cfpb", "--lang", "en")
    assert code == 0, err
    assert len(out.encode("utf-16-le")) // 2 <= cfpb.limits["complaint_description"]
    assert PROFILE_EN["email"] not in out and "j.doe@example.com" not in out
    assert "asks not to put them" in err
    code, _, err = run("letter", str(case_id), "--channel", "myspace")
    assert code == 1 and "unknown channel" in err


def test_edit_with_flags_and_clear(profile: None) -> None:
    case_id = new_case(CASE_EN)
    code, _, err = run(
        "case",
        "edit",
        str(case_id),
        "--title",
        "Better title",
        "--clear",
        "amount",
        "--status",
        "filed",
    )
    assert code == 0, err
    shown = json.loads(run("case", "show", str(case_id), "--json")[1])
    assert shown["title"] == "Better title" and shown["status"] == "filed"
    assert "amount" not in shown and "currency" not in shown
    code, _, err = run("case", "edit", str(case_id), "--amount", "-1")
    assert code == 1 and "  amount: " in err and "  currency: " in err


def test_cases_of_another_profile_are_not_shown(profile: None) -> None:
    case_id = new_case(CASE_EN)
    code, _, err = run("--profile", "work", "case", "show", str(case_id))
    assert code == 1 and "There is no case" in err
    assert json.loads(run("--profile", "work", "case", "list", "--json")[1]) == []


def test_as_a_real_process_errors_are_clean() -> None:
    env = plaint_env()
    result = subprocess.run(
        [sys.executable, "-m", "automations", "case", "new", "--from-json", "-"],
        input=json.dumps(CASE_ZH),
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    listing = subprocess.run(
        [sys.executable, "-m", "automations", "case", "list", "--lang", "zh"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listing.returncode == 0
    assert "#1" in listing.stdout and "支付失败但已扣款" in listing.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "automations", "case", "show", "42"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1
    assert "There is no case #42" in missing.stderr and "Traceback" not in missing.stderr


def test_edit_in_the_editor_saves_valid_json_only(
    profile: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = new_case(CASE_EN)
    monkeypatch.setenv("EDITOR", "sed -i s/jacket/coat/")
    code, _, err = run("case", "edit", str(case_id))
    assert code == 0, err
    shown = json.loads(run("case", "show", str(case_id), "--json")[1])
    assert shown["title"] == CASE_EN["title"].replace("jacket", "coat")
    assert shown["narrative"] == CASE_EN["narrative"].replace("jacket", "coat")
    monkeypatch.setenv("EDITOR", "sed -i s/89.90/-1/")
    code, _, err = run("case", "edit", str(case_id))
    assert code == 1 and "  amount: " in err
    assert json.loads(run("case", "show", str(case_id), "--json")[1])["amount"] == "89.90"


def test_the_cli_choices_are_the_schemas() -> None:
    from automations.cli import cases
    from schemas import case

    assert tuple(case.CATEGORIES) == cases.CATEGORY_IDS
    assert tuple(case.STATUSES) == cases.STATUS_IDS
    assert tuple(case.EVIDENCE_KINDS) == cases.EVIDENCE_KIND_IDS
    assert tuple(case.DIRECTIONS) == cases.DIRECTION_IDS
    assert tuple(case.FILING_STATUSES) == cases.FILING_STATUS_IDS
