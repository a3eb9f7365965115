"""The terminal report of a fill, and the table `plaint inspect` prints.

Only keys and field labels are shown, never the values filled: the report may
be read over a shoulder or pasted into a bug report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemas.keys import KEYS_BY_NAME

if TYPE_CHECKING:
    from rich.console import Console

    from .engine import Report
    from .values import Shortened

# Why a field was left empty, for each reason code of the engine (docs/engine.md).
REASONS: dict[str, str] = {
    "password": "a password or security answer",
    "otp": "a one-time or verification code",
    "captcha": "a CAPTCHA",
    "card": "a payment card detail",
    "cvv": "a card security code",
    "bank_card": "a bank card or bank account detail",
    "seed": "a recovery phrase or private key",
    "file": "a file upload: attach your evidence yourself",
    "consent": "a consent, declaration or signature: only you can give it",
    "third_party": "someone else's details",
    "sign_in": "part of a sign-in form",
    "no_value": "nothing in your profile or case for it",
    "sensitive": "a sensitive value: filled only when you allow it (--allow)",
    "low_confidence": "not sure enough what it asks",
    "has_value": "already had a value; kept yours",
    "hidden": "hidden on the page",
    "read_only": "read-only or disabled",
    "split_field": "one part of a value split over several boxes",
    "separate_form": "in a separate small form (search, newsletter…)",
    "alternative": "the list above it was filled instead",
    "site_rule": "this site's rules leave it empty",
    "person": "a question only you can answer",
    "no_option": "none of its choices matches",
    "too_long": "the value is longer than the field allows",
    "format": "the value has the wrong form for this field",
    "rejected": "the page did not keep the value",
}


# Kinds of field no profile value ever goes into, whatever the page or rules say.
NEVER = frozenset(
    {"password", "otp", "captcha", "card", "cvv", "bank_card", "seed", "file", "consent"}
)


def reason_text(code: str) -> str:
    return REASONS.get(code, code.replace("_", " "))


def key_label(key: str | None) -> str:
    if not key:
        return "—"
    meta = KEYS_BY_NAME.get(key)
    return meta.label_en if meta else key


def _field_label(field: dict[str, Any]) -> str:
    label = field.get("label") or field.get("name") or field.get("id") or field.get("tag", "")
    return str(label)


def _console(console: Console | None) -> Console:
    if console is not None:
        return console
    from rich.console import Console

    return Console()


def print_report(
    report: Report,
    *,
    url: str | None = None,
    screenshot: Path | None = None,
    shortened: Sequence[Shortened] = (),
    console: Console | None = None,
) -> None:
    """What was filled, what was left empty and why, and what found no field."""
    from rich.table import Table

    out = _console(console)
    if url:
        out.print(f"[bold]Filled[/bold] {url}")
    if report.filled:
        table = Table(title=f"Filled ({len(report.filled)})", title_justify="left")
        table.add_column("Value")
        table.add_column("Field on the page")
        for entry in report.filled:
            table.add_row(key_label(entry["key"]), _field_label(entry["field"]))
        out.print(table)
    else:
        out.print("[yellow]Nothing was filled on this page.[/yellow]")
    if report.skipped:
        table = Table(title=f"Left empty ({len(report.skipped)})", title_justify="left")
        table.add_column("Field on the page")
        table.add_column("Would take")
        table.add_column("Why")
        for entry in report.skipped:
            table.add_row(
                _field_label(entry["field"]),
                key_label(entry.get("key")),
                reason_text(entry["reason"]),
            )
        out.print(table)
    if report.unused:
        names = ", ".join(key_label(k) for k in report.unused)
        out.print(f"No field on this page for: {names}")
    for cut in shortened:
        out.print(
            f"{key_label(cut.key)} was shortened by {cut.removed} characters to fit "
            f"the {cut.limit}-character limit."
        )
    if screenshot:
        out.print(f"Screenshot of the filled form: {screenshot}")


def print_controls(records: Iterable[dict[str, Any]], console: Console | None = None) -> None:
    """The `plaint inspect` table: each control and what plaint would put there."""
    from rich.table import Table

    out = _console(console)
    rows = list(records)
    if not rows:
        out.print("No form controls on this page.")
        return
    table = Table(title=f"{len(rows)} form controls", title_justify="left")
    for column in ("#", "Label", "Name / id", "Type", "plaint fills", "Confidence", "Note"):
        table.add_column(column)
    for i, r in enumerate(rows, 1):
        if r.get("refused") in NEVER:
            note = "never: " + reason_text(r["refused"])
        elif r.get("refused"):
            note = reason_text(r["refused"])
        elif not r.get("visible", True):
            note = "hidden"
        else:
            note = ""
        table.add_row(
            str(i),
            r.get("label") or "",
            r.get("name") or r.get("id") or "",
            r.get("type") or r.get("tag") or "",
            key_label(r.get("key")),
            f"{r['confidence']:.2f}" if r.get("key") else "",
            note,
        )
    out.print(table)
