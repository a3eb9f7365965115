"""`plaint profile …`: keep the complaint profile in the OS keyring."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import click

from .errors import InvalidInput

# Settable names → where the value lives in the stored profile.
PATHS: dict[str, tuple[str, ...]] = {
    "given_name": ("given_name",),
    "family_name": ("family_name",),
    "full_name": ("full_name",),
    "email": ("email",),
    "phone": ("phone",),
    "address_line1": ("address", "line1"),
    "address_line2": ("address", "line2"),
    "city": ("address", "city"),
    "state": ("address", "state"),
    "postal_code": ("address", "postal_code"),
    "country": ("address", "country"),
    "date_of_birth": ("date_of_birth",),
    "id_number": ("id_number",),
    "preferred_language": ("preferred_language",),
}
MAX_EDIT_ATTEMPTS = 5
_DOTTED = {".".join(path): path for path in PATHS.values()}


def _path_for(key: str) -> tuple[str, ...]:
    path = PATHS.get(key) or _DOTTED.get(key)
    if path is None:
        hint = ""
        if key == "full_address":
            hint = " full_address is derived from the address parts; set those instead."
        elif key.startswith("wallet"):
            hint = " Use `plaint profile wallet add PROVIDER ACCOUNT_ID`."
        raise InvalidInput(f"unknown profile key {key!r}.{hint}\nKeys: {', '.join(PATHS)}")
    return path


def _store() -> Any:
    from server.store import ProfileStore

    return ProfileStore()


def _current(ctx: click.Context) -> tuple[str, dict[str, Any], str | None]:
    name = ctx.obj["profile"]
    found = _store().get(name)
    return name, (copy.deepcopy(found.data) if found else {}), (found.version if found else None)


def _save(name: str, data: dict[str, Any], expected: str | bool | None) -> None:
    stored = _store().put(name, data, expected)
    click.echo(f"Saved profile '{name}' (version {stored.version}).", err=True)


@click.group()
def profile() -> None:
    """Show and change the complaint profile (kept in the OS keyring)."""


@profile.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the stored profile as JSON.")
@click.option("--reveal", is_flag=True, help="Show sensitive values (ID number, birth date).")
@click.pass_context
def show(ctx: click.Context, as_json: bool, reveal: bool) -> None:
    """Show the profile; sensitive values are masked unless --reveal."""
    from schemas import KEYS_BY_NAME, mask_profile, profile_values
    from schemas.values import mask, phone_e164

    found = _store().require(ctx.obj["profile"])
    if as_json:
        data = found.data if reveal else mask_profile(found.data)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"Profile '{found.name}' (version {found.version})")
    values = profile_values(found.data, include_sensitive=True)
    for key, value in values.items():
        meta = KEYS_BY_NAME[key]
        shown = value if reveal else mask(key, value)
        derived = (
            " (derived)"
            if meta.derived or (key == "full_name" and "full_name" not in found.data)
            else ""
        )
        click.echo(f"  {meta.label_en:<18} {shown}{derived}")
    if e164 := phone_e164(found.data):
        click.echo(f"  {'Phone (E.164)':<18} {e164}")
    if lang := found.data.get("preferred_language"):
        click.echo(f"  {'Language':<18} {lang}")
    for i, account in enumerate(found.data.get("wallet_accounts", []), 1):
        label = f" — {account['label']}" if account.get("label") else ""
        click.echo(f"  Wallet {i:<11} {account['provider']}: {account['account_id']}{label}")


@profile.command("set")
@click.argument("key")
@click.argument("value")
@click.pass_context
def set_(ctx: click.Context, key: str, value: str) -> None:
    """Set one value (plaint profile set city Shenzhen)."""
    path = _path_for(key)
    name, data, version = _current(ctx)
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value
    _save(name, data, version)


@profile.command("unset")
@click.argument("key")
@click.pass_context
def unset(ctx: click.Context, key: str) -> None:
    """Remove one value."""
    path = _path_for(key)
    name, data, version = _current(ctx)
    parent = data
    for part in path[:-1]:
        parent = parent.get(part) or {}
    if path[-1] not in parent:
        click.echo(f"'{key}' is not set.", err=True)
        return
    del parent[path[-1]]
    if path[0] == "address" and not data.get("address"):
        data.pop("address", None)
    _save(name, data, version)


def _read_json(text: str, source: str) -> Any:
    try:
        return json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        raise InvalidInput(f"{source} is not valid JSON ({exc.msg}, line {exc.lineno}).") from None


@profile.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.pass_context
def import_(ctx: click.Context, file: Any) -> None:
    """Replace the profile with a JSON file (or - for standard input)."""
    data = _read_json(file.read(), "the input")
    _save(ctx.obj["profile"], data, True)


@profile.command("export")
@click.pass_context
def export(ctx: click.Context) -> None:
    """Print the whole profile as JSON, sensitive values included."""
    found = _store().require(ctx.obj["profile"])
    click.echo(json.dumps(found.data, ensure_ascii=False, indent=2))


@profile.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List the stored profiles; * marks the one in use."""
    names = _store().names()
    if not names:
        click.echo(
            "No profiles yet. Start with: plaint profile set full_name 'Your Name'", err=True
        )
    for n in names:
        click.echo(f"{'*' if n == ctx.obj['profile'] else ' '} {n}")


@profile.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete(name: str, yes: bool) -> None:
    """Delete a stored profile from the keyring."""
    from server.store.profiles import check_name

    check_name(name)
    if not yes:
        click.confirm(f"Delete profile '{name}' from the keyring?", abort=True)
    if not _store().delete(name):
        raise InvalidInput(f"there is no profile '{name}'.")
    click.echo(f"Deleted profile '{name}'.", err=True)


def _private_edit_dir() -> str:
    # RAM-backed where the system has it, so the profile never lands on disk.
    shm = Path("/dev/shm")
    base = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    return tempfile.mkdtemp(prefix="plaint-edit-", dir=base)


def _strip_comments(text: str) -> str:
    # JSON strings cannot span lines, so a line starting with # is never data.
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@profile.command("edit")
@click.pass_context
def edit(ctx: click.Context) -> None:
    """Edit the profile as JSON in $EDITOR; invalid data re-opens with the errors."""
    from marshmallow import ValidationError

    from schemas.errors import describe_errors

    name, data, version = _current(ctx)
    directory = _private_edit_dir()
    path = Path(directory) / f"{name}.json"
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    header = "# Edit the profile below, save and close. Lines starting with # are ignored.\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(header + body)
        failed = False
        for _attempt in range(MAX_EDIT_ATTEMPTS):
            before = path.read_text(encoding="utf-8")
            click.edit(filename=str(path))
            after = path.read_text(encoding="utf-8")
            if after == before:
                if failed:
                    raise InvalidInput("the profile still has errors; nothing was saved.")
                click.echo("No changes made.", err=True)
                return
            try:
                new = _read_json(_strip_comments(after), "the edited profile")
                _save(name, new, version)
                return
            except (InvalidInput, ValidationError) as exc:
                failed = True
                problem = (
                    describe_errors(exc.messages)
                    if isinstance(exc, ValidationError)
                    else exc.format_message()
                )
                click.echo(f"Not saved:\n{problem}", err=True)
                errors = "".join(f"# ERROR {line.strip()}\n" for line in problem.splitlines())
                path.write_text(header + errors + _strip_comments(after) + "\n", encoding="utf-8")
        raise InvalidInput("the profile still has errors; nothing was saved.")
    finally:
        path.unlink(missing_ok=True)
        os.rmdir(directory)


@profile.group("wallet")
def wallet() -> None:
    """Add or remove the wallet accounts complaints are about."""


@wallet.command("add")
@click.argument("provider")
@click.argument("account_id")
@click.option("--label", help="A note to tell accounts apart, e.g. 'personal'.")
@click.pass_context
def wallet_add(ctx: click.Context, provider: str, account_id: str, label: str | None) -> None:
    """Add a wallet account: provider and email, phone, username or address."""
    name, data, version = _current(ctx)
    account = {"provider": provider, "account_id": account_id}
    if label:
        account["label"] = label
    data.setdefault("wallet_accounts", []).append(account)
    _save(name, data, version)


@wallet.command("remove")
@click.argument("which")
@click.pass_context
def wallet_remove(ctx: click.Context, which: str) -> None:
    """Remove a wallet account by its number in `profile show` or its account id."""
    name, data, version = _current(ctx)
    accounts = data.get("wallet_accounts", [])
    keep = [
        a for i, a in enumerate(accounts, 1) if not (which == str(i) or which == a["account_id"])
    ]
    if len(keep) == len(accounts):
        raise InvalidInput(f"no wallet account matches {which!r}.")
    if keep:
        data["wallet_accounts"] = keep
    else:
        data.pop("wallet_accounts", None)
    _save(name, data, version)
