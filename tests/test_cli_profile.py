"""`plaint profile …` and `plaint doctor`, through click's runner and as real processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from automations.cli import cli
from tests.support.env import plaint_env

pytestmark = pytest.mark.usefixtures("secret_service")

PROFILE = {
    "given_name": "小明",
    "family_name": "王",
    "full_name": "王小明 (Xiaoming Wang)",
    "email": "wang@example.cn",
    "phone": "+86 138 0013 8000",
    "address": {
        "line1": "南山区科技园路1号 Building 😀",
        "city": "深圳市",
        "state": "广东省",
        "postal_code": "518057",
        "country": "CN",
    },
    "date_of_birth": "1949-12-31",
    "id_number": "11010519491231002X",
    "preferred_language": "zh",
    "wallet_accounts": [
        {"provider": "支付宝", "account_id": "13800138000", "label": "主账户"},
        {"provider": "PayPal", "account_id": "wang@example.cn"},
    ],
}


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_every_command_with_one_line() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in ("profile", "doctor"):
        assert f"  {command} " in out
    code, out, _ = run("profile", "--help")
    for command in ("show", "set", "unset", "edit", "import", "export", "list", "delete"):
        assert f"  {command} " in out


def test_import_then_show_reveal_round_trips_exactly(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    assert run("profile", "import", str(path))[0] == 0
    code, out, _ = run("profile", "show", "--json", "--reveal")
    assert code == 0
    assert json.loads(out) == PROFILE
    assert list(json.loads(out)) == list(PROFILE)
    code, out, _ = run("profile", "export")
    assert json.loads(out) == PROFILE


def test_show_masks_sensitive_values_unless_revealed() -> None:
    run("profile", "import", "-", input=json.dumps(PROFILE))
    _, out, _ = run("profile", "show", "--json")
    shown = json.loads(out)
    assert shown["id_number"] == "**************002X"
    assert shown["date_of_birth"] == "****-**-**"
    _, out, _ = run("profile", "show")
    assert "11010519491231002X" not in out and "1949-12-31" not in out
    assert "中国广东省深圳市南山区科技园路1号 Building 😀" in out
    assert "+8613800138000" in out
    _code, out, _ = run("profile", "show", "--reveal")
    assert "11010519491231002X" in out


def test_set_unset_and_named_profiles() -> None:
    assert run("profile", "set", "given_name", "Ada")[0] == 0
    assert run("profile", "set", "country", "gb")[0] == 0
    assert run("profile", "set", "address.city", "London")[0] == 0
    assert run("--profile", "work", "profile", "set", "email", "ada@work.example")[0] == 0
    _code, out, _ = run("profile", "show", "--json")
    assert json.loads(out) == {"given_name": "Ada", "address": {"country": "GB", "city": "London"}}
    assert run("profile", "unset", "city")[0] == 0
    assert run("profile", "unset", "country")[0] == 0
    assert json.loads(run("profile", "show", "--json")[1]) == {"given_name": "Ada"}
    assert run("profile", "list")[1] == "* default\n  work\n"
    assert run("--profile", "work", "profile", "list")[1] == "  default\n* work\n"
    assert run("profile", "delete", "work", "--yes")[0] == 0
    assert run("profile", "list")[1] == "* default\n"


def test_wallet_accounts_are_added_and_removed() -> None:
    run("profile", "wallet", "add", "Venmo", "@ada", "--label", "personal")
    run("profile", "wallet", "add", "Coinbase", "ada@example.com")
    assert run("profile", "wallet", "remove", "@ada")[0] == 0
    data = json.loads(run("profile", "show", "--json")[1])
    assert data["wallet_accounts"] == [{"provider": "Coinbase", "account_id": "ada@example.com"}]
    assert run("profile", "wallet", "remove", "9")[0] == 1


def test_invalid_input_exits_1_names_every_field_and_changes_nothing() -> None:
    run("profile", "import", "-", input=json.dumps(PROFILE))
    before = run("profile", "export")[1]
    bad = {
        **PROFILE,
        "email": "nope",
        "id_number": "110105194912310021",
        "shoe_size": 42,
        "address": {**PROFILE["address"], "country": "XX"},
    }
    code, _out, err = run("profile", "import", "-", input=json.dumps(bad))
    assert code == 1
    for field in ("email", "shoe_size", "address.country"):
        assert f"  {field}: " in err
    assert run("profile", "export")[1] == before
    code, _, err = run("profile", "set", "email", "still wrong")
    assert code == 1 and "email: Not a valid email address." in err
    code, _, err = run("profile", "import", "-", input="{not json")
    assert code == 1 and "not valid JSON" in err
    code, _, err = run("profile", "set", "nickname", "x")
    assert code == 1 and "unknown profile key" in err
    code, _, err = run("--profile", "../etc", "profile", "show")
    assert code == 1 and "Invalid profile name" in err
    code, _, err = run("profile", "bogus")
    assert code == 1  # a usage error is invalid input, not an environment problem
    assert run("profile", "export")[1] == before


def test_show_without_a_profile_says_how_to_start() -> None:
    code, _, err = run("profile", "show")
    assert code == 1 and "plaint profile set" in err


EDITOR = """#!{python}
import json, pathlib, sys
path = pathlib.Path(sys.argv[-1])
state = pathlib.Path({state!r})
calls = int(state.read_text()) if state.exists() else 0
state.write_text(str(calls + 1))
mode = oct(path.stat().st_mode & 0o777)
pathlib.Path({log!r}).open("a").write(mode + " " + str(path.parent) + "\\n")
lines = [l for l in path.read_text().splitlines() if not l.startswith("#")]
data = json.loads("\\n".join(lines))
data["email"] = "bad" if calls == 0 else "fixed@example.com"
path.write_text("\\n".join(l for l in path.read_text().splitlines() if l.startswith("#"))
                + "\\n" + json.dumps(data))
"""


def test_edit_reopens_with_errors_then_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("profile", "set", "given_name", "Ada")
    editor = tmp_path / "editor.py"
    log = tmp_path / "log"
    editor.write_text(EDITOR.format(python=sys.executable, state=str(tmp_path / "n"), log=str(log)))
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    code, _, err = run("profile", "edit")
    assert code == 0, err
    assert "email: Not a valid email address." in err
    assert json.loads(run("profile", "show", "--json")[1]) == {
        "given_name": "Ada",
        "email": "fixed@example.com",
    }
    modes = log.read_text().split("\n")[:2]
    assert all(m.startswith("0o600 ") for m in modes)
    edit_dir = Path(modes[0].split(" ", 1)[1])
    assert not edit_dir.exists()  # the temp file and its directory are gone


def test_edit_without_changes_saves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("profile", "set", "given_name", "Ada")
    before = run("profile", "show", "--json")[1]
    monkeypatch.setenv("EDITOR", "true")
    code, _, err = run("profile", "edit")
    assert code == 0 and "No changes" in err
    assert run("profile", "show", "--json")[1] == before


def _files_containing(roots: list[Path], marker: bytes) -> list[Path]:
    hits = []
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                try:
                    if marker in path.read_bytes():
                        hits.append(path)
                except OSError:
                    continue
    return hits


PROFILE_COMMANDS = [
    ["profile", "show"],
    ["profile", "show", "--json", "--reveal"],
    ["profile", "set", "given_name", "MARKER-7f3a"],
    ["profile", "unset", "given_name"],
    ["profile", "import", "-"],
    ["profile", "export"],
    ["profile", "list"],
    ["profile", "delete", "default", "--yes"],
    ["profile", "edit"],
    ["profile", "wallet", "add", "PayPal", "MARKER-7f3a@example.com"],
    ["doctor"],
]


@pytest.mark.parametrize("args", PROFILE_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_no_keyring_exits_2_with_the_fix_and_writes_no_file(
    tmp_path: Path, args: list[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = plaint_env(
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", HOME=str(home), EDITOR="true"
    )
    marker = "MARKER-7f3a"
    proc = subprocess.run(
        [sys.executable, "-m", "automations", *args],
        input=json.dumps({"given_name": marker}),
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    output = proc.stdout + proc.stderr
    assert "gnome-keyring-daemon" in output and "PYTHON_KEYRING_BACKEND" in output
    assert "Traceback" not in output
    roots = [
        home,
        *(
            Path(os.environ[v])
            for v in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
        ),
    ]
    assert _files_containing(roots, marker.encode()) == []


def test_real_process_round_trip_through_a_windows_sized_keyring(tmp_path: Path) -> None:
    from tests.test_profile_store import big_profile

    env = plaint_env(PYTHON_KEYRING_BACKEND="tests.support.windows_keyring.WindowsSizedKeyring")
    data = big_profile()
    imported = subprocess.run(
        [sys.executable, "-m", "automations", "profile", "import", "-"],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    shown = subprocess.run(
        [sys.executable, "-m", "automations", "profile", "show", "--json", "--reveal"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == data
    doctor = subprocess.run(
        [sys.executable, "-m", "automations", "doctor"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "WindowsSizedKeyring" in doctor.stdout


def test_console_script_runs_as_a_real_process(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("plaint")
    assert exe.exists() and exe.stat().st_mode & stat.S_IXUSR
    proc = subprocess.run(
        [str(exe), "profile", "set", "email", "x@"],
        capture_output=True,
        text=True,
        env=plaint_env(),
        timeout=60,
    )
    assert proc.returncode == 1
    assert "email: Not a valid email address." in proc.stderr
    assert "Traceback" not in proc.stderr
