"""docs/cli.md is generated from every command's help and must not go stale."""

from __future__ import annotations

import subprocess
import sys

from automations.cli.docs import command_helps, render_markdown, sections
from tests.support.env import REPO, plaint_env

REGENERATE = "`python -m automations.cli.docs > docs/cli.md` or `make docs`"


def test_docs_cli_md_is_up_to_date() -> None:
    committed = (REPO / "docs" / "cli.md").read_text("utf-8")
    current = render_markdown()
    if committed == current:
        return
    old, new = sections(committed), sections(current)
    changed = sorted(
        [f"{path} (new)" for path in new.keys() - old.keys()]
        + [f"{path} (gone)" for path in old.keys() - new.keys()]
        + [path for path in new.keys() & old.keys() if new[path] != old[path]]
    )
    what = f"the help of {', '.join(changed)} changed" if changed else "its introduction changed"
    raise AssertionError(f"docs/cli.md is stale: {what}. Regenerate it: {REGENERATE}.")


def test_every_command_and_subcommand_is_documented() -> None:
    text = render_markdown()
    paths = [path for path, _ in command_helps()]
    assert paths[0] == "plaint" and len(paths) == len(set(paths))
    for path in ("plaint case new", "plaint profile wallet add", "plaint fill"):
        assert path in paths
    for path in paths:
        assert f"\n## {path}\n" in text and f"(#{path.replace(' ', '-')})" in text


def test_the_help_in_the_docs_is_what_plaint_prints() -> None:
    """The generator's help is the real `--help`, wrapped as in an 80-column terminal."""
    helps = dict(command_helps())
    for path in ("plaint", "plaint case list", "plaint profile wallet add"):
        shown = subprocess.run(
            [sys.executable, "-m", "automations.cli", *path.split()[1:], "--help"],
            capture_output=True,
            text=True,
            env=plaint_env(COLUMNS="80"),
            check=True,
            timeout=60,
        ).stdout
        assert shown.rstrip() == helps[path]


def test_the_docs_do_not_depend_on_the_terminal() -> None:
    code = "from automations.cli.docs import render_markdown; print(render_markdown(), end='')"
    narrow, wide = (
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=plaint_env(COLUMNS=columns),
            check=True,
            timeout=60,
        ).stdout
        for columns in ("40", "200")
    )
    assert narrow == wide == render_markdown()


def test_the_fast_help_text_is_up_to_date() -> None:
    from automations.cli.docs import render_help_module

    committed = (REPO / "automations" / "cli" / "help_text.py").read_text("utf-8")
    assert committed == render_help_module(), (
        "automations/cli/help_text.py is stale: regenerate it with `python -m "
        "automations.cli.docs --help-text > automations/cli/help_text.py` or `make docs`."
    )


def test_plaint_help_is_clicks_help_at_every_width() -> None:
    """Wide terminals get the text printed without click; narrow ones click's own."""
    for columns in ("60", "79", "80", "200"):
        shown = subprocess.run(
            [sys.executable, "-m", "automations.cli", "--help"],
            capture_output=True,
            text=True,
            env=plaint_env(COLUMNS=columns),
            check=True,
            timeout=60,
        ).stdout
        width = max(min(int(columns), 80) - 2, 50)  # click's own rule for a terminal
        code = (
            "import click; from automations.cli.main import cli; "
            f"ctx = click.Context(cli, info_name='plaint', terminal_width={width}, "
            "**cli.context_settings); print(cli.get_help(ctx))"
        )
        expected = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=plaint_env(),
            check=True,
            timeout=60,
        ).stdout
        assert shown == expected, columns
