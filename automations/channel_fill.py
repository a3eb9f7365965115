"""Fill a scripted channel's complaint form for a case, or check that it still matches.

    report = fill_channel("cfpb", profile="default", case_id=3, progress=print)
    report = check_channel("cfpb", profile="default", case_id=3)

``fill_channel`` opens the channel's form (or another copy of it at ``url``)
in plaint's browser, walks its steps with the profile's and the case's values
(``automations.wizard``), and stops on the final page without submitting.
With a window, the person logs in where the form asks them to, answers what
plaint cannot, then reviews every page and submits; plaint waits until the
window is closed.  Without one (``headless``), it stops at whatever needs a
person and says so.

``check_channel`` walks the same steps filling only what a step needs to move
on, and reports which expected fields it found: a site that changed its form
is noticed before anything is filled wrongly.

The browser keeps a profile of its own per plaint profile
(``automations.login_wall.browser_profile_dir``), so logins last between runs.
Reports hold keys, labels and reasons, never the values filled.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from automations import channel_messages as msg
from automations.wizard import (
    FieldReport,
    Mode,
    Outcome,
    StepReport,
    TextReport,
    Timeouts,
    WalkResult,
    WizardWalker,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from automations.sites import Channel

Progress = Callable[[str], None]


class ChannelError(ValueError):
    """A channel that cannot be filled this way; ``str()`` is safe to show."""


@dataclass(slots=True)
class ChannelFillReport:
    """What a fill or check of one channel did, step by step; no values in it."""

    channel: str
    channel_name: str
    mode: Mode
    url: str
    outcome: Outcome
    stopped_at: str | None
    steps: list[StepReport]
    texts: list[TextReport]
    profile: str | None = None
    case_id: int | None = None
    warnings: list[str] = field(default_factory=list)  # codes, see to_dict
    screenshot: Path | None = None

    @property
    def ready(self) -> bool:
        """Stopped on the final page: the person can review and submit."""
        return self.outcome == "review"

    @property
    def drift(self) -> list[tuple[str, FieldReport]]:
        """Expected fields whose label is gone or doubled: the form changed."""
        return [(s.title, f) for s in self.steps for f in s.fields if f.drift]

    @property
    def missing_steps(self) -> list[str]:
        return [s.title for s in self.steps if s.status == "missing"]

    @property
    def drifted(self) -> bool:
        return bool(self.drift or self.missing_steps) or self.outcome in (
            "lost",
            "step_missing",
            "start_missing",
            "no_next",
        )

    @property
    def unfilled(self) -> list[tuple[str, FieldReport]]:
        """Fields plaint was expected to fill and did not, with why."""
        return [(s.title, f) for s in self.steps for f in s.fields if f.unfilled]

    @property
    def filled(self) -> list[tuple[str, FieldReport]]:
        return [(s.title, f) for s in self.steps for f in s.fields if f.status == "filled"]

    def step(self, title: str) -> StepReport:
        return next(s for s in self.steps if s.title == title)

    def field(self, label: str, step: str | None = None) -> FieldReport:
        """The report of the expected field with this label (on ``step`` if given)."""
        for s in self.steps:
            if step is not None and s.title != step:
                continue
            for f in s.fields:
                if f.label == label:
                    return f
        raise KeyError(label)

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "channel_name": self.channel_name,
            "mode": self.mode,
            "url": self.url,
            "outcome": self.outcome,
            "ready_for_review": self.ready,
            "stopped_at": self.stopped_at,
            "profile": self.profile,
            "case_id": self.case_id,
            "drift": [{"step": t, "label": f.label, "status": f.status} for t, f in self.drift]
            + [{"step": t, "label": None, "status": "missing"} for t in self.missing_steps],
            "unfilled": [
                {"step": t, "label": f.label, "key": f.key, "reason": f.reason}
                for t, f in self.unfilled
            ],
            "steps": [s.to_dict() for s in self.steps],
            "texts": [t.to_dict() for t in self.texts],
            "warnings": list(self.warnings),
            "screenshot": str(self.screenshot) if self.screenshot else None,
        }


def scripted_channel(channel_id: str | Channel) -> Channel:
    """The registry's channel (or the one given), if plaint has a script for its form.

    A Channel object is taken as it is: the bundled demo fills a form that is
    not in the registry.
    """
    from automations import sites

    if isinstance(channel_id, str):
        try:
            channel = sites.get(channel_id)
        except KeyError as exc:
            raise ChannelError(str(exc.args[0])) from None
    else:
        channel = channel_id
    if channel.automation != "script" or channel.wizard is None:
        raise ChannelError(
            f"{channel.name('en')} has no web form for plaint to fill; "
            f"`plaint channels {channel.id}` shows the steps to follow and a text to copy."
        )
    return channel


def fill_channel(
    channel_id: str | Channel,
    *,
    profile: str,
    case_id: int | None,
    url: str | None = None,
    headless: bool = False,
    browser: str | None = None,
    report_json: Path | None = None,
    screenshot: Path | bool | None = None,
    progress: Progress | None = None,
    allow_sensitive: tuple[str, ...] = (),
    interactive: bool | None = None,
    lang: str | None = None,
    page: Page | None = None,
    timeouts: Timeouts | None = None,
    on_ready: Callable[[ChannelFillReport], None] | None = None,
) -> ChannelFillReport:
    """Fill ``channel_id``'s form with ``profile`` and case ``case_id``; never submit.

    ``url`` points at another copy of the form (a mirror, a replica).
    ``screenshot``: None or True for the default evidence file in plaint's data
    folder, a path, or False for none.  ``interactive`` (default: not
    ``headless``) lets the person log in and answer what plaint cannot while
    it waits.  ``page``: fill in this already open page instead of launching
    the browser (the caller closes it).  ``on_ready`` gets the report as soon
    as plaint stops, while the window is still open; a run that opened its own
    window then returns when the person closes it.

    Raises ChannelError for an unknown or guided channel, the profile store's
    NotFound for an unknown profile, automations.values.UnknownCase for a case
    the profile does not have, and automations.runner.BrowserLaunchError.
    """
    from automations.values import fill_payload

    channel = scripted_channel(channel_id)
    start = url or channel.url
    payload = fill_payload(profile, start, case_id, allow_sensitive)
    person = _profile_data(profile) or {}
    lang = msg.lang_of(lang or person.get("preferred_language"))
    say = _sayer(progress, lang)
    warnings = _warnings(channel, payload["values"], case_id, lang, say)
    forbidden = _forbidden(channel, person, payload["values"])
    interactive = (not headless) if interactive is None else interactive

    with _browser_page(page, profile, browser, headless) as (live, owned):
        say("opening", channel=channel.name(lang), url=_plain(start))
        walker = WizardWalker(
            live,
            channel,
            values=payload["values"],
            variants=payload.get("variants") or {},
            allow_sensitive=tuple(payload.get("sensitive_allowed") or ()),
            forbidden=forbidden,
            mode="fill",
            interactive=interactive,
            progress=progress,
            lang=lang,
            timeouts=timeouts or Timeouts(),
        )
        result = walker.walk(start)
        live = walker.page  # the form may have opened in a tab of its own
        report = _report(channel, "fill", start, result, profile, case_id, warnings, lang)
        if result.outcome != "closed" and screenshot is not False:
            report.screenshot = _screenshot(live, channel, screenshot)
            if report.screenshot:
                say("screenshot", path=str(report.screenshot))
        if report_json is not None:
            write_report(report, report_json)
        if on_ready is not None:
            on_ready(report)
        if owned and not headless and result.outcome != "closed":
            say("waiting_close", submit=channel.wizard.submit if channel.wizard else "")
            _wait_for_close(live)
    return report


def check_channel(
    channel_id: str,
    *,
    profile: str | None = None,
    case_id: int | None = None,
    url: str | None = None,
    headless: bool = True,
    browser: str | None = None,
    progress: Progress | None = None,
    lang: str | None = None,
    page: Page | None = None,
    timeouts: Timeouts | None = None,
) -> ChannelFillReport:
    """Walk ``channel_id``'s form and report, step by step, which expected fields it shows.

    Only what a step requires to move on is filled, from the profile and the
    case when given; nothing is submitted.  Without a window a login wall ends
    the check (``outcome == "login_required"``).
    """
    channel = scripted_channel(channel_id)
    start = url or channel.url
    values: dict[str, str] = {}
    variants: dict[str, Any] = {}
    person: dict[str, Any] = {}
    name = profile or "default"
    stored = _profile_data(name)
    if stored is not None:
        from automations.values import fill_payload

        person = stored
        payload = fill_payload(name, start, case_id)
        values, variants = payload["values"], payload.get("variants") or {}
    lang = msg.lang_of(lang or person.get("preferred_language"))
    say = _sayer(progress, lang)
    warnings: list[str] = []
    if stored is None:
        warnings.append("no_profile")
        say("no_profile", profile=name)
    elif case_id is None:
        warnings.append("no_case")

    with _browser_page(page, name, browser, headless) as (live, _owned):
        say("opening", channel=channel.name(lang), url=_plain(start))
        walker = WizardWalker(
            live,
            channel,
            values=values,
            variants=variants,
            forbidden=_forbidden(channel, person, values),
            mode="check",
            interactive=not headless,
            progress=progress,
            lang=lang,
            timeouts=timeouts or Timeouts(),
        )
        result = walker.walk(start)
    return _report(channel, "check", start, result, name, case_id, warnings, lang)


_MARKS = {
    "filled": "✓",
    "found": "✓",
    "left": "·",
    "not_shown": "·",
    "not_reached": " ",
    "empty": "–",
    "missing": "✗",
    "ambiguous": "✗",
}


def report_lines(report: ChannelFillReport, lang: str | None = "en") -> list[str]:
    """The report for a terminal: each step, each expected field, then the verdict.

    Labels, keys and reasons only; never a value.
    """
    lang = msg.lang_of(lang)
    title = "report_title_check" if report.mode == "check" else "report_title_fill"
    lines = [msg.say(title, lang, channel=report.channel_name)]
    for n, step in enumerate(report.steps, 1):
        status = msg.say(f"state_{step.status}", lang)
        lines.append(msg.say("report_step", lang, n=n, title=step.title, status=status))
        for f in step.fields:
            if step.status in ("not_reached", "skipped", "missing"):
                continue
            why = _why(f, lang)
            lines.append(
                msg.say(
                    "field_line",
                    lang,
                    mark=_MARKS.get(f.status, "?"),
                    label=f.label,
                    why=msg.say("why", lang, text=why) if why else "",
                )
            )
    lines.append("")
    lines.extend(verdict_lines(report, lang))
    return lines


def verdict_lines(report: ChannelFillReport, lang: str | None = "en") -> list[str]:
    """What the fill or check comes to, in a sentence or two."""
    lang = msg.lang_of(lang)
    out: list[str] = []
    items = [
        msg.say(
            "drift_field",
            lang,
            step=t,
            label=f.label,
            what=msg.say(f"drift_{f.status}", lang),
        )
        for t, f in report.drift
    ] + [msg.say("drift_step", lang, step=t) for t in report.missing_steps]
    if items:
        out.append(msg.say("verdict_drift", lang, items=msg.join(items, lang)))
    if report.outcome == "login_required":
        out.append(msg.say("login_headless", lang, channel=report.channel_name))
        if report.mode == "check":
            out.append(msg.say("hint_headed", lang))
        return out
    if not report.ready:
        done = msg.say("done_check" if report.mode == "check" else "done_fill", lang)
        out.append(msg.say("verdict_stopped", lang, step=report.stopped_at or "", done=done))
        stuck = report.step(report.stopped_at) if report.stopped_at else None
        if (
            stuck is not None
            and report.case_id is None
            and any(f.required and f.reason == "no_value" for f in stuck.fields)
        ):
            out.append(msg.say("hint_case", lang))
        return out
    if report.mode == "check":
        if not items:
            out.append(msg.say("verdict_check_ok", lang))
        return out
    unfilled = [f.label for _, f in report.unfilled if f.reason != "no_value"]
    if unfilled:
        out.append(msg.say("verdict_unfilled", lang, labels=msg.join(unfilled, lang)))
    out.append(msg.say("verdict_ready", lang))
    return out


def _why(f: FieldReport, lang: str) -> str:
    if f.status in ("filled", "found"):
        return msg.reason(f.reason, lang) if f.reason else ""
    if f.status == "missing":
        return msg.reason("label_missing", lang)
    return msg.reason(f.reason, lang)


def write_report(report: ChannelFillReport, path: Path) -> None:
    """The report as JSON, readable by its owner only (it names the person's case)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # a file that was there before keeps no wider mode


# -- what goes in ---------------------------------------------------------------------------


def _profile_data(name: str) -> dict[str, Any] | None:
    from server.store import ProfileStore

    stored = ProfileStore().get(name)
    return dict(stored.data) if stored is not None else None


def _forbidden(channel: Channel, person: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """The values the channel keeps out of free text, sensitive ones included.

    They are only matched against the texts here; they never reach the page.
    """
    from automations.form_text import forbidden_values
    from schemas.values import profile_values

    every = {**profile_values(person, include_sensitive=True), **values}
    return forbidden_values(channel.forbidden_in_text, every)


def _warnings(
    channel: Channel,
    values: dict[str, str],
    case_id: int | None,
    lang: str,
    say: Callable[..., None],
) -> list[str]:
    warnings = []
    if case_id is None:
        warnings.append("no_case")
        say("no_case")
    category = values.get("category")
    if category and not channel.takes(category):
        from schemas.case import CATEGORIES, label

        warnings.append("category_not_taken")
        say(
            "category_not_taken",
            channel=channel.name(lang),
            category=label(CATEGORIES, category, lang),
        )
    return warnings


def _sayer(progress: Progress | None, lang: str) -> Callable[..., None]:
    def say(code: str, **params: Any) -> None:
        if progress is not None:
            progress(msg.say(code, lang, **params))

    return say


def _report(
    channel: Channel,
    mode: Mode,
    url: str,
    result: WalkResult,
    profile: str | None,
    case_id: int | None,
    warnings: list[str],
    lang: str,
) -> ChannelFillReport:
    return ChannelFillReport(
        channel=channel.id,
        channel_name=channel.name(lang),
        mode=mode,
        url=_plain(url),
        outcome=result.outcome,
        stopped_at=result.stopped_at,
        steps=result.steps,
        texts=result.texts,
        profile=profile,
        case_id=case_id,
        warnings=warnings,
    )


# -- the browser ----------------------------------------------------------------------------


@contextlib.contextmanager
def _browser_page(
    page: Page | None, profile: str, browser: str | None, headless: bool
) -> Iterator[tuple[Page, bool]]:
    """The page to walk in, and whether plaint opened (and so closes) its browser."""
    if page is not None:
        yield page, False
        return
    from automations.runner import browser_context, first_page

    with browser_context(browser=browser, headless=headless, profile=profile) as context:
        yield first_page(context), True


def _wait_for_close(page: Page) -> None:
    from playwright.sync_api import Error

    with contextlib.suppress(Error, KeyboardInterrupt):
        # The person reviews and submits; plaint only waits for the window to close.
        page.context.wait_for_event("close", timeout=0)


def _screenshot(page: Page, channel: Channel, target: Path | bool | None) -> Path | None:
    """A picture of where plaint stopped: evidence of what was filled."""
    from playwright.sync_api import Error

    if target is None or target is True:
        from server.store.paths import data_dir

        folder = data_dir() / "screenshots"
        folder.mkdir(mode=0o700, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = folder / f"fill-{stamp}-{channel.id}.png"
    else:
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(path), full_page=True)
    except Error:
        return None
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # it shows the person's details
    return path


def _plain(url: str) -> str:
    from automations.wizard import _plain_url

    return _plain_url(url)
