"""The browser plaint drives is configurable and found the documented way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from automations.browser import BrowserNotFound, choose_browser


def test_env_path_channel_and_bundled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    exe = tmp_path / "my-chrome"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    monkeypatch.setenv("PLAINT_BROWSER", str(exe))
    choice = choose_browser()
    assert (choice.kind, choice.value, choice.source) == ("executable", str(exe), "PLAINT_BROWSER")
    assert choice.launch_kwargs()["executable_path"] == str(exe)
    assert choose_browser("msedge").launch_kwargs()["channel"] == "msedge"
    assert choose_browser("bundled").kind == "bundled"
    with pytest.raises(BrowserNotFound, match="was not found"):
        choose_browser(str(tmp_path / "nothing"))


def test_config_file_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from server.store.paths import config_dir

    (config_dir() / "config.toml").write_text('browser = "chrome"\n')
    assert choose_browser().describe() == "channel chrome (from config.toml)"


def test_doctor_exits_2_when_the_browser_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from automations.cli import cli

    monkeypatch.setenv("PLAINT_BROWSER", "/nonexistent/chrome")
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 2
    assert "Browser: PROBLEM" in result.stdout


def test_the_chosen_browser_really_runs(page: Page) -> None:
    page.set_content("<p id=x>plaint</p>")
    assert page.inner_text("#x") == "plaint"


def test_doctor_says_where_the_extension_is_to_load_it_unpacked(secret_service: None) -> None:
    from click.testing import CliRunner

    from automations.cli import cli

    result = CliRunner().invoke(cli, ["doctor"])
    line = next(x for x in result.stdout.splitlines() if x.startswith("Browser extension"))
    folder = Path(line.partition(": ")[2])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
