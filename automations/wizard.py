"""Walk a complaint form step by step, driven by a channel's declarative wizard.

The registry (``automations/sites/``) says what each form looks like: the links
from the start address to the form, each step's heading, the fields it shows
(found by label text or group legend, never by CSS ids), the button that moves
on, the final page and the login wall.  This walker follows that data in a
Playwright page:

1. From the start address it presses the declared start links until a step of
   the form shows, stopping at a login wall to let the person log in
   (``automations.login_wall``).
2. On each step it finds the step's part of the page (a region named by the
   heading, else the heading's nearest container holding the step's button),
   then each expected field inside it by its label.  A label found once is that
   field; a label that is gone or found twice is reported as drift and its
   field is left alone.
3. It fills the fields it found through the field engine (``automations.engine``),
   with the channel's per-site rules pinned to exactly those controls: the
   engine's scope is those controls and nothing else, so a renamed or new
   control is never filled from a guess.  Free texts are cleared of what the
   channel forbids and fitted to the field's limit first
   (``automations.form_text``); categories are chosen in the channel's own
   wording; answers that reveal more fields are followed by another pass;
   declared actions (12315's 搜索 then 选择企业) are pressed, choosing the
   search result that names the company.
4. It presses the step's declared next button, by role and exact name, and
   waits for the next known heading.  When the page refuses the step, a run
   with a window hands the step to the person and goes on once they press the
   button; a run without one stops and says why.
5. On the final page it fills what is there and stops.

It never presses the submit button, never a button with the submit button's
name, nothing at all on the final page, and never a key: the person reviews
the form and submits it.  In "check" mode it fills only what a step requires
to move on, and reports which expected fields it found.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from automations import channel_messages as msg
from automations import engine
from automations.form_text import FREE_TEXT_KEYS, PreparedText, prepare_text
from automations.login_wall import at_login_wall, wait_for_login
from automations.sites import CATEGORY, PERSON, THIRD_PARTY, Channel, FieldSpec, Step

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

Mode = Literal["fill", "check"]
FieldStatus = Literal[
    "filled",  # plaint put the value in
    "found",  # on the page; a check does not fill it, or it already held an answer
    "left",  # plaint leaves it to the person on purpose (reason says why)
    "empty",  # plaint meant to fill it and could not (reason says why)
    "missing",  # its label is not on the step: the form changed
    "ambiguous",  # its label is on the step more than once: not filled
    "not_shown",  # shown only after an answer this case does not give
    "not_reached",  # the walk stopped before its step
]
StepStatus = Literal[
    "done",  # plaint filled it and moved on
    "person",  # the person completed it in the window
    "final",  # the last page, where plaint stopped
    "blocked",  # the page refused it and nobody could answer
    "skipped",  # a conditional page the answers skipped
    "missing",  # the form went past it, or it never showed
    "not_reached",
]
Outcome = Literal[
    "review",  # stopped on the final page, ready for the person
    "blocked",
    "lost",
    "step_missing",
    "start_missing",
    "no_next",
    "login_required",
    "login_timeout",
    "person_timeout",
    "closed",
]
DRIFT: frozenset[str] = frozenset({"missing", "ambiguous"})
# Keys whose option in a list is the one whose text holds the value (PayPal lists
# the account's transactions with their ids; the person's own is chosen).
CHOSEN_BY_TEXT = frozenset({"transaction_id", "account_id", "company_name"})
# Buttons to choose one search result from a list sit in such rows.
_ROW = "li, tr, [role=row], [role=option], [role=listitem]"


@dataclass(frozen=True, slots=True)
class Timeouts:
    step: float = 10.0  # for the next page after a button
    person: float = 15 * 60.0  # for the person to finish a step or log in
    action: float = 10.0  # for search results and other answers of the page
    options: float = 5.0  # for a list of choices loaded after the page


@dataclass(slots=True)
class FieldReport:
    label: str
    key: str
    kind: str
    required: bool
    status: FieldStatus = "not_reached"
    reason: str | None = None
    replaced: bool = False  # the page had put something there before plaint filled it

    @property
    def drift(self) -> bool:
        return self.status in DRIFT

    @property
    def unfilled(self) -> bool:
        """Expected to hold a value from plaint, and does not."""
        return self.status in ("empty", "missing", "ambiguous")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "key": self.key,
            "kind": self.kind,
            "required": self.required,
            "status": self.status,
        }
        if self.reason:
            out["reason"] = self.reason
        if self.replaced:
            out["replaced"] = True
        return out


@dataclass(slots=True)
class StepReport:
    title: str
    status: StepStatus = "not_reached"
    fields: list[FieldReport] = field(default_factory=list)
    page_messages: list[str] = field(default_factory=list)  # what the page said when it refused

    @property
    def drift(self) -> list[FieldReport]:
        return [f for f in self.fields if f.drift]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self.title,
            "status": self.status,
            "fields": [f.to_dict() for f in self.fields],
        }
        if self.page_messages:
            out["page_messages"] = list(self.page_messages)
        return out


@dataclass(frozen=True, slots=True)
class TextReport:
    """What was done to a free text for one field; never the text itself."""

    step: str
    label: str
    key: str
    limit: int | None
    original_length: int
    length: int
    shortened: bool
    removed: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "label": self.label,
            "key": self.key,
            "limit": self.limit,
            "original_length": self.original_length,
            "length": self.length,
            "shortened": self.shortened,
            "removed": list(self.removed),
        }


@dataclass(slots=True)
class WalkResult:
    outcome: Outcome
    steps: list[StepReport]
    texts: list[TextReport]
    stopped_at: str | None = None  # the title of the step the walk ended on
    detail: dict[str, Any] = field(default_factory=dict)  # names for the stop message

    @property
    def drift(self) -> list[tuple[str, FieldReport]]:
        return [(s.title, f) for s in self.steps for f in s.fields if f.drift]

    @property
    def missing_steps(self) -> list[str]:
        return [s.title for s in self.steps if s.status == "missing"]


class _Stop(Exception):
    def __init__(self, outcome: Outcome, **detail: Any) -> None:
        super().__init__(outcome)
        self.outcome = outcome
        self.detail = detail


class _Closed(Exception):
    pass


_BLOCKED = -1


@dataclass(slots=True)
class _Located:
    spec: FieldSpec
    state: Literal["visible", "hidden", "absent", "ambiguous"]
    locator: Locator | None = None
    count: int = 0
    info: dict[str, Any] = field(default_factory=dict)
    tried: bool = False


class WizardWalker:
    """One walk through one channel's form in one page."""

    def __init__(
        self,
        page: Page,
        channel: Channel,
        *,
        values: Mapping[str, str],
        variants: Mapping[str, Any] | None = None,
        allow_sensitive: tuple[str, ...] = (),
        forbidden: Mapping[str, str] | None = None,
        mode: Mode = "fill",
        interactive: bool = False,
        progress: Callable[[str], None] | None = None,
        lang: str = "en",
        timeouts: Timeouts = Timeouts(),
    ) -> None:
        if channel.wizard is None:
            raise ValueError(f"{channel.id} has no form to walk: it is a guided channel")
        self.page = page
        self.channel = channel
        self.wizard = channel.wizard
        self.values = {k: v for k, v in values.items() if v not in (None, "")}
        self.variants = dict(variants or {})
        self.allow_sensitive = tuple(allow_sensitive)
        self.forbidden = dict(forbidden or {})
        self.mode = mode
        self.interactive = interactive
        self.lang = msg.lang_of(lang)
        self.timeouts = timeouts
        self._progress = progress
        self._texts: list[TextReport] = []
        self.reports = [
            StepReport(
                s.title,
                fields=[FieldReport(f.label, f.key, f.kind, f.required) for f in s.fields],
            )
            for s in self.wizard.steps
        ]

    # -- the walk --------------------------------------------------------------------

    def walk(self, url: str) -> WalkResult:
        steps = self.wizard.steps
        last = len(steps) - 1
        at: int | None = None
        try:
            at = self._arrive(url)
            for skipped in range(at):
                self._went_past(skipped)
            while True:
                self._process(at)
                if at == last:
                    self.reports[at].status = "final"
                    code = "review" if self.mode == "fill" else "check_review"
                    self._say(code, title=steps[at].title, submit=self.wizard.submit)
                    return self._result("review", at)
                following = self._advance(at)
                for skipped in range(at + 1, following):
                    self._went_past(skipped)
                at = following
        except _Stop as stop:
            self._say_stop(stop, at)
            return self._result(stop.outcome, at, stop.detail)
        except _Closed:
            self._say("closed")
            return self._result("closed", at)

    def _result(self, outcome: Outcome, at: int | None, detail: Any = None) -> WalkResult:
        return WalkResult(
            outcome=outcome,
            steps=self.reports,
            texts=list(self._texts),
            stopped_at=self.wizard.steps[at].title if at is not None else None,
            detail=dict(detail or {}),
        )

    def _say_stop(self, stop: _Stop, at: int | None) -> None:
        title = self.wizard.steps[at].title if at is not None else ""
        d = stop.detail
        name = self.channel.name(self.lang)
        if stop.outcome == "login_required":
            self._say("login_headless", channel=name)
        elif stop.outcome == "login_timeout":
            self._say("login_timeout", channel=name)
        elif stop.outcome == "blocked":
            because = ""
            if d.get("messages"):
                because = self._text("because", text=" ".join(d["messages"]))
            self._say("blocked", title=title, because=because)
        elif stop.outcome == "lost":
            self._say("lost", title=title, next=d.get("next", ""))
        elif stop.outcome == "no_next":
            self._say("no_next", title=title, next=d.get("next", ""))
        elif stop.outcome == "start_missing":
            self._say("start_missing", name=d.get("name", ""), url=d.get("url", ""))
        elif stop.outcome == "step_missing":
            self._say("step_missing", title=d.get("title", title))
        elif stop.outcome == "person_timeout":
            self._say("person_timeout", title=title)

    def _went_past(self, index: int) -> None:
        step = self.wizard.steps[index]
        report = self.reports[index]
        if step.shown_if is not None:
            report.status = "skipped"
            for f in report.fields:
                f.status, f.reason = "not_shown", "not_shown"
            return
        report.status = "missing"
        self._say("skipped_step", title=step.title)

    # -- from the start address to the first step --------------------------------------

    def _arrive(self, url: str) -> int:
        self._goto(url)
        steps = range(len(self.wizard.steps))
        pressed: Counter[str] = Counter()
        deadline = time.monotonic() + self.timeouts.step
        while True:
            if self._login_wall():
                deadline = time.monotonic() + self.timeouts.step
                pressed.clear()  # a site may land back on its start page after the login
                continue
            found = self._visible_step(steps)
            if found is not None:
                return found
            target = self._start_target(pressed)
            if target is not None:
                name, locator = target
                self._say("start_link", name=name)
                tabs = list(self.page.context.pages)
                self._click(locator)
                pressed[name] += 1
                self._wait_until(
                    lambda locator=locator, tabs=tabs: (
                        self._new_tab(tabs) is not None or not self._visible(locator)
                    ),
                    5.0,
                )
                self._follow_new_tab(tabs)
                deadline = time.monotonic() + self.timeouts.step
                continue
            if time.monotonic() > deadline:
                first = self.wizard.start[0] if self.wizard.start else self.wizard.steps[0].title
                raise _Stop("start_missing", name=first, url=_plain_url(url))
            self._pause()

    def _new_tab(self, before: list[Page]) -> Page | None:
        fresh = [p for p in self.page.context.pages if p not in before and not p.is_closed()]
        return fresh[-1] if fresh else None

    def _follow_new_tab(self, before: list[Page]) -> None:
        """A help page's link to the form may open it in a tab of its own: go with it."""
        tab = self._new_tab(before)
        if tab is None:
            return
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.page = tab
        with contextlib.suppress(PlaywrightTimeout):
            tab.wait_for_load_state("load", timeout=self.timeouts.step * 1000)
        tab.bring_to_front()

    def _start_target(self, pressed: Counter[str]) -> tuple[str, Locator] | None:
        # The latest start link showing wins: after a login a site may show any of them.
        for name in reversed(self.wizard.start):
            if pressed[name] >= 2 or _same_name(name, self.wizard.submit):
                continue
            for role in ("link", "button"):
                found = self.page.get_by_role(role, name=name, exact=True).filter(visible=True)
                if self._count(found) >= 1:
                    return name, found.first
        return None

    def _goto(self, url: str) -> None:
        from playwright.sync_api import Error
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        from automations.runner import LOAD_TIMEOUT_MS, PageLoadError

        shown = _plain_url(url)
        try:
            response = self.page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
        except PlaywrightTimeout:
            raise PageLoadError(
                f"{shown} did not finish loading in {LOAD_TIMEOUT_MS // 1000} s."
            ) from None
        except Error as exc:
            if _is_closed(exc):
                raise _Closed from None
            # Chromium's own reason ("net::ERR_NAME_NOT_RESOLVED") says what went wrong.
            found = re.search(r"net::[A-Z_]+", str(exc))
            reason = found.group(0) if found else "the browser could not open it"
            raise PageLoadError(f"could not open {shown} ({reason}).") from None
        if response is not None and response.status >= 400:
            raise PageLoadError(f"{shown} answered HTTP {response.status}.")

    # -- one step ------------------------------------------------------------------------

    def _process(self, index: int) -> None:
        step = self.wizard.steps[index]
        report = self.reports[index]
        report.status = "done"
        region = self._region(step)
        located = [self._locate(region, spec) for spec in step.fields]
        # A check never types on the final page: nothing there needs to pass.
        fills = not (self.mode == "check" and index == len(self.wizard.steps) - 1)
        for _ in range(3):
            pending = [loc for loc in located if fills and self._should_fill(loc)]
            if not pending:
                break
            self._fill(step, pending, region)
            # Answers may have shown fields that were hidden: look again.
            if not any(loc.state in ("hidden", "absent") for loc in located):
                break
            self._pause()
            for n, loc in enumerate(located):
                if loc.state in ("hidden", "absent"):
                    located[n] = self._locate(region, loc.spec)
        for loc, field_report in zip(located, report.fields, strict=True):
            self._conclude(loc, field_report, located)
        self._say_step(index, report)

    def _region(self, step: Step) -> Locator:
        """The step's own part of the page: repeated labels elsewhere are not its fields."""
        named = self.page.get_by_role("region", name=step.title, exact=True).filter(visible=True)
        if self._count(named) == 1:
            return named
        heading = self._heading(step.title).first
        button = step.next or self.wizard.submit
        for depth in range(1, 16):
            ancestor = heading.locator(f"xpath=ancestor::*[{depth}]")
            if not self._count(ancestor):
                break
            if ancestor.evaluate("el => el.localName") in ("body", "html"):
                break
            if self._count(ancestor.get_by_role("button", name=button, exact=True)):
                return ancestor
        return self.page.locator("body")

    def _locate(self, region: Locator, spec: FieldSpec) -> _Located:
        if spec.kind in ("radio", "checkboxes"):
            found = region.get_by_role("group", name=spec.label, exact=True, include_hidden=True)
            found = found.or_(
                region.get_by_role("radiogroup", name=spec.label, exact=True, include_hidden=True)
            )
        else:
            found = region.get_by_label(spec.label, exact=True).and_(
                region.locator("input:not([type=hidden]), select, textarea")
            )
        total = self._count(found)
        if total == 0:
            return _Located(spec, "absent")
        shown = found.filter(visible=True)
        visible = self._count(shown)
        if visible > 1:
            return _Located(spec, "ambiguous", count=visible)
        if visible == 0:
            if total > 1:
                return _Located(spec, "hidden", count=total)
            return _Located(spec, "hidden", found.first, total, self._info(found.first))
        target = shown.first
        return _Located(spec, "visible", target, 1, self._info(target))

    def _info(self, target: Locator) -> dict[str, Any]:
        try:
            return dict(target.evaluate(_INFO_JS))
        except Exception as exc:
            if _is_closed(exc):
                raise _Closed from None
            return {}

    def _should_fill(self, loc: _Located) -> bool:
        spec = loc.spec
        if loc.tried or loc.state != "visible" or not spec.fillable:
            return False
        if spec.key == CATEGORY and self._category_pick(spec) is None:
            return False
        if self.mode == "check":
            # A check types only what the page needs to move on, and keeps what is there.
            return (spec.required or bool(loc.info.get("required"))) and not loc.info.get("filled")
        return True

    def _category_pick(self, spec: FieldSpec) -> str | None:
        category = self.values.get("category")
        mapped = self.channel.categories.get(category) if category else None
        return mapped.option_for(spec.label) if mapped else None

    def _prepared(self, step: Step, loc: _Located) -> str:
        """A free text cleared of what the channel forbids and fitted to this field."""
        spec = loc.spec
        limits = [
            n
            for n in (spec.limit, self.channel.limits.get(spec.key), loc.info.get("maxLength"))
            if isinstance(n, int) and n > 0
        ]
        prepared = prepare_text(
            spec.key,
            self.values[spec.key],
            limit=min(limits) if limits else None,
            forbidden=self.forbidden,
        )
        self._record_text(step, spec, prepared)
        return prepared.text

    def _record_text(self, step: Step, spec: FieldSpec, prepared: PreparedText) -> None:
        self._texts.append(
            TextReport(
                step=step.title,
                label=spec.label,
                key=spec.key,
                limit=prepared.limit,
                original_length=prepared.original_length,
                length=prepared.length,
                shortened=prepared.shortened,
                removed=prepared.removed,
            )
        )

    # -- filling through the engine ---------------------------------------------------------

    def _fill(self, step: Step, pending: list[_Located], region: Locator) -> None:
        values = dict(self.values)
        for loc in pending:
            loc.tried = True
            if loc.spec.kind in ("radio", "checkboxes", "select"):
                self._wait_for_choices(loc)
            if loc.spec.key in FREE_TEXT_KEYS and loc.spec.key in self.values:
                values[loc.spec.key] = self._prepared(step, loc)
        rules = self._rules(pending, values)
        payload = {
            "values": values,
            "variants": self.variants,
            "sensitive_allowed": list(self.allow_sensitive),
        }
        before = {id(loc): bool(loc.info.get("filled")) for loc in pending}
        try:
            report = engine.fill(
                self.page, payload, rules, overwrite=self.mode == "fill", highlight=True
            )
        except engine.EngineError:
            raise
        except Exception as exc:
            if _is_closed(exc):
                raise _Closed from None
            raise
        for loc in pending:
            filled = [e for e in report.filled if _belongs(e["field"], loc.info)]
            skipped = [e for e in report.skipped if _belongs(e["field"], loc.info)]
            if filled:
                loc.info["result"] = ("filled", None)
                loc.info["replaced"] = before[id(loc)] and self.mode == "fill"
            elif skipped:
                loc.info["result"] = ("empty", skipped[0].get("reason") or "not_filled")
            else:
                loc.info["result"] = ("empty", "not_filled")
        for loc in pending:
            if loc.spec.actions and loc.info["result"][0] == "filled":
                problem = self._run_actions(loc, region, values.get(loc.spec.key, ""))
                if problem:
                    loc.info["result"] = ("empty", problem)

    def _rules(self, pending: list[_Located], values: Mapping[str, str]) -> dict[str, Any]:
        """The channel's rules pinned to the found controls, and the engine kept to them."""
        fields: list[dict[str, Any]] = []
        scopes: list[str] = []
        options: dict[str, dict[str, str]] = {}
        for loc in pending:
            selector = loc.info.get("selector")
            if not selector:
                continue
            scopes.append(selector)
            rule = loc.spec.to_dict()
            rule["selector"] = f"{selector} input" if loc.info.get("group") else selector
            fields.append(rule)
            key = loc.spec.key
            if key in CHOSEN_BY_TEXT and loc.spec.kind in ("radio", "select") and key in values:
                choice = _option_holding(loc.info.get("choices") or [], values[key])
                if choice is not None:
                    options.setdefault(key, {})[values[key]] = choice
        base = self.channel.fill_rules
        return {
            "channel": self.channel.id,
            "fields": fields,
            # Nothing outside the found controls is analysed, so nothing else is filled.
            "scope": ", ".join(scopes) or ":not(*)",
            "categories": base.get("categories", {}),
            "options": options,
        }

    def _wait_for_choices(self, loc: _Located) -> None:
        """Lists filled in by the page after it loaded (PayPal's transactions)."""
        if loc.locator is None:
            return
        inner = "option" if loc.spec.kind == "select" else "input[type=radio], input[type=checkbox]"
        least = 2 if loc.spec.kind == "select" else 1  # a select's first option is a prompt
        choices = loc.locator.locator(inner)
        self._wait_until(lambda: self._count(choices) >= least, self.timeouts.options)
        loc.info = self._info(loc.locator) or loc.info

    def _run_actions(self, loc: _Located, region: Locator, value: str) -> str | None:
        """Press the buttons a field needs after typing; a reason code when it cannot."""
        for action in loc.spec.actions:
            if _same_name(action, self.wizard.submit):
                return "action_missing"
            buttons = region.get_by_role("button", name=action, exact=True).filter(visible=True)
            if not self._wait_until(lambda b=buttons: self._count(b) >= 1, self.timeouts.action):
                return "no_match" if action != loc.spec.actions[0] else "action_missing"
            target, problem = self._choose_button(buttons, value)
            if target is None:
                return problem
            self._click(target)
        return None

    def _choose_button(self, buttons: Locator, value: str) -> tuple[Locator | None, str | None]:
        """The one button to press: a lone plain button, or the result row naming the value."""
        rows = buttons.evaluate_all(
            "(bs, rowSelector) => bs.map((b) => {"
            " const row = b.closest(rowSelector); return row ? row.textContent : null; })",
            _ROW,
        )
        if all(r is None for r in rows):
            return (buttons.first, None) if len(rows) == 1 else (None, "several_matches")
        bounded = [n for n, r in enumerate(rows) if r and _names(r, value, bounded=True)]
        loose = [n for n, r in enumerate(rows) if r and _names(r, value, bounded=False)]
        for hits in (bounded, loose):
            if len(hits) == 1:
                return buttons.nth(hits[0]), None
            if len(hits) > 1:
                return None, "several_matches"
        return None, "no_match"

    def _conclude(self, loc: _Located, report: FieldReport, located: list[_Located]) -> None:
        spec = loc.spec
        report.required = report.required or bool(loc.info.get("required"))
        if loc.state == "ambiguous":
            report.status, report.reason = "ambiguous", "ambiguous"
            return
        if loc.state == "absent" or (loc.state == "hidden" and not loc.info):
            shown = spec.shown_if is None or self._condition_met(spec, located)
            if loc.state == "absent" and shown:
                report.status, report.reason = "missing", "label_missing"
            elif not shown:
                report.status, report.reason = "not_shown", "not_shown"
            else:
                report.status, report.reason = "found", "hidden"
            return
        if loc.state == "hidden":
            if spec.shown_if is not None and not self._condition_met(spec, located):
                report.status, report.reason = "not_shown", "not_shown"
            else:
                report.status = "found" if self.mode == "check" else "empty"
                report.reason = "hidden"
            return
        # Visible, and found exactly once.
        if spec.key == PERSON:
            report.status, report.reason = "left", "file" if spec.kind == "file" else "person"
            return
        if spec.key == THIRD_PARTY:
            report.status, report.reason = "left", "third_party"
            return
        result = loc.info.get("result")
        if result is None:
            if self.mode == "check":
                report.status = "found"
                if not (spec.required or loc.info.get("required")):
                    report.reason = None
                return
            if spec.key == CATEGORY:
                category = self.values.get("category")
                if not category:
                    report.status, report.reason = "empty", "no_value"
                elif self.channel.categories.get(category) is None:
                    report.status, report.reason = "empty", "category_not_taken"
                else:
                    report.status, report.reason = "empty", "no_category_pick"
                return
            report.status, report.reason = "empty", "not_filled"
            return
        status, why = result
        if self.mode == "check":
            # Found; a value the page needed and plaint did not have is worth saying.
            report.status, report.reason = "found", (why if status == "empty" else None)
            return
        report.status, report.reason = status, why
        report.replaced = bool(loc.info.get("replaced"))

    def _condition_met(self, spec: FieldSpec, located: list[_Located]) -> bool:
        condition = spec.shown_if
        if condition is None:
            return True
        controller = next((x for x in located if x.spec.label == condition.label), None)
        if controller is None or controller.locator is None:
            return False
        chosen = controller.locator.evaluate(_CHOSEN_JS)
        want = _squash(condition.option)
        return any(_squash(c) == want for c in chosen or ())

    def _say_step(self, index: int, report: StepReport) -> None:
        step = self.wizard.steps[index]
        total = len(self.wizard.steps)
        expected = [f for f in report.fields if f.status != "not_shown"]
        if self.mode == "check":
            found = sum(1 for f in expected if f.status not in DRIFT)
            summary = (
                self._text("summary_found", found=found, total=len(expected))
                if expected
                else self._text("summary_none")
            )
        else:
            fillable = [f for f in expected if f.key not in (PERSON, THIRD_PARTY)]
            filled = sum(1 for f in fillable if f.status == "filled")
            summary = (
                self._text("summary_filled", filled=filled, total=len(fillable))
                if fillable
                else self._text("summary_none")
            )
        self._say("step", n=index + 1, total=total, title=step.title, summary=summary)
        for f in report.fields:
            if f.status == "missing":
                self._say("field_missing", label=f.label)
            elif f.status == "ambiguous":
                self._say("field_ambiguous", label=f.label)
            elif f.status == "empty" and self.mode == "fill" and f.reason != "no_value":
                self._say("field_empty", label=f.label, reason=msg.reason(f.reason, self.lang))
        if self.mode == "check":
            return
        replaced = [f.label for f in report.fields if f.replaced]
        if replaced:
            self._say("replaced", labels=msg.join(replaced, self.lang))
        for text in self._texts:
            if text.step != step.title:
                continue
            if text.removed:
                self._say(
                    "removed",
                    key=msg.key_name(text.key, self.lang),
                    channel=self.channel.name(self.lang),
                    what=msg.join([msg.key_name(k, self.lang) for k in text.removed], self.lang),
                )
            if text.shortened:
                self._say(
                    "shortened",
                    key=msg.key_name(text.key, self.lang),
                    before=text.original_length,
                    after=text.length,
                    limit=text.limit,
                )

    def _text(self, code: str, **params: Any) -> str:
        return msg.say(code, self.lang, **params)

    def _say(self, code: str, **params: Any) -> None:
        if self._progress is not None:
            self._progress(self._text(code, **params))

    # -- moving on ------------------------------------------------------------------------------

    def _advance(self, index: int) -> int:
        step = self.wizard.steps[index]
        assert step.next is not None  # every step but the last has one
        if _same_name(step.next, self.wizard.submit):
            raise _Stop("no_next", next=step.next)  # plaint never presses submit
        region = self._region(step)
        button = region.get_by_role("button", name=step.next, exact=True).filter(visible=True)
        if self._count(button) != 1:
            button = self.page.get_by_role("button", name=step.next, exact=True).filter(
                visible=True
            )
        if self._count(button) != 1:
            raise _Stop("no_next", next=step.next)
        if not self._click(button, timeout=self.timeouts.step):
            found: int | None = _BLOCKED
        else:
            found = self._wait_for_step(index, region, self.timeouts.step, blocked_ok=True)
        if found is None and self._count(self._heading(step.title)):
            found = _BLOCKED
        if found is None:
            raise _Stop("lost", next=step.next)
        if found != _BLOCKED:
            return found
        messages = self._page_messages(region)
        self.reports[index].page_messages = messages
        if not self.interactive:
            self.reports[index].status = "blocked"
            raise _Stop("blocked", messages=messages)
        needs = [
            f.label
            for f in self.reports[index].fields
            if f.required
            and f.status in ("empty", "missing", "ambiguous", "left")
            and f.key != THIRD_PARTY
        ]
        fields_text = ""
        if needs:
            fields_text = self._text("person_fields", labels=msg.join(needs, self.lang))
        self._say("person_step", title=step.title, next=step.next, fields=fields_text)
        found = self._wait_for_step(index, region, self.timeouts.person, blocked_ok=False)
        if found is None or found == _BLOCKED:
            raise _Stop("person_timeout")
        self.reports[index].status = "person"
        return found

    def _wait_for_step(
        self, index: int, region: Locator, timeout: float, *, blocked_ok: bool
    ) -> int | None:
        """The index of the next known step that shows, _BLOCKED, or None."""
        later = range(index + 1, len(self.wizard.steps))
        started = time.monotonic()
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self._login_wall():
                deadline = time.monotonic() + timeout
                continue
            found = self._visible_step(later)
            if found is not None:
                return found
            if (
                blocked_ok
                and time.monotonic() - started > 0.3
                and self._count(region.get_by_role("alert").filter(visible=True))
                and self._count(self._heading(self.wizard.steps[index].title))
            ):
                return _BLOCKED
            self._pause()
        return None

    def _page_messages(self, region: Locator) -> list[str]:
        """What the page said when it refused a step, with the person's values blanked."""
        try:
            texts = region.get_by_role("alert").filter(visible=True).all_inner_texts()
        except Exception as exc:
            if _is_closed(exc):
                raise _Closed from None
            return []
        out = []
        for text in texts:
            text = " ".join(text.split())
            for value in sorted(self.values.values(), key=len, reverse=True):
                if len(value) >= 3:
                    text = text.replace(value, "…")
            if text:
                out.append(text[:300])
        return out

    def _login_wall(self) -> bool:
        """Handle a login wall if one shows; True when the person logged in."""
        if not at_login_wall(self.page, self.channel):
            return False
        name = self.channel.name(self.lang)
        if not self.interactive:
            raise _Stop("login_required")
        self._say("login_wait", channel=name)
        waited = wait_for_login(self.page, self.channel, self.timeouts.person)
        if waited == "closed":
            raise _Closed
        if waited == "timeout":
            raise _Stop("login_timeout")
        self._say("login_done")
        return True

    # -- small page helpers ------------------------------------------------------------------------

    def _heading(self, title: str) -> Locator:
        return self.page.get_by_role("heading", name=title, exact=True).filter(visible=True)

    def _visible_step(self, indexes: range) -> int | None:
        for n in indexes:
            if self._count(self._heading(self.wizard.steps[n].title)):
                return n
        return None

    def _count(self, locator: Locator) -> int:
        """How many elements match, riding out a page that is navigating."""
        for _ in range(3):
            try:
                return locator.count()
            except Exception as exc:
                if _is_closed(exc):
                    raise _Closed from None
                if not _is_navigating(exc):
                    raise
                self._pause()
        return 0

    def _visible(self, locator: Locator) -> bool:
        return self._count(locator.filter(visible=True)) > 0

    def _click(self, locator: Locator, timeout: float = 10.0) -> bool:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            locator.click(timeout=timeout * 1000)
            return True
        except PlaywrightTimeout:
            return False
        except Exception as exc:
            if _is_closed(exc):
                raise _Closed from None
            raise

    def _wait_until(self, ready: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            if ready():
                return True
            if time.monotonic() > deadline:
                return False
            self._pause()

    def _pause(self) -> None:
        try:
            self.page.wait_for_timeout(100)
        except Exception as exc:
            if _is_closed(exc):
                raise _Closed from None
            raise


# Facts about one found control or group, read in the page: a selector that
# names exactly it (for the engine's rules), the ids and names of its inputs
# (to match the engine's report), its limit, whether it is required, whether
# it holds an answer, and its choices.
_INFO_JS = """
(el) => {
  const doc = el.ownerDocument;
  const esc = (s) => CSS.escape(s);
  const unique = (sel) => {
    try { return doc.querySelectorAll(sel).length === 1; } catch (e) { return false; }
  };
  const path = (node) => {
    const parts = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      if (n.id && unique('#' + esc(n.id))) { parts.unshift('#' + esc(n.id)); break; }
      let part = n.localName;
      const parent = n.parentElement;
      if (parent) {
        const same = Array.from(parent.children).filter((c) => c.localName === n.localName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(n) + 1) + ')';
      }
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const single = el.matches('input, select, textarea');
  const controls = single ? [el]
    : Array.from(el.querySelectorAll('input, select, textarea')).filter((c) => c.type !== 'hidden');
  const holds = (c) => {
    if (c.type === 'radio' || c.type === 'checkbox') return c.checked;
    if (c.type === 'file') return c.files.length > 0;
    return String(c.value || '').trim() !== '';
  };
  const label = (c) => ((c.labels && c.labels[0] && c.labels[0].textContent) || '').trim();
  let choices = [];
  if (el.localName === 'select') {
    choices = Array.from(el.options).map((o) => ({ value: o.value, text: o.textContent.trim() }));
  } else if (!single) {
    choices = controls.map((c) => ({ value: c.value, text: label(c) }));
  }
  return {
    selector: path(el),
    group: !single,
    ids: controls.map((c) => c.id).filter(Boolean),
    names: controls.map((c) => c.getAttribute('name')).filter(Boolean),
    maxLength: single && el.maxLength > 0 ? el.maxLength : null,
    required: controls.some((c) => c.required || c.getAttribute('aria-required') === 'true'),
    filled: controls.some(holds),
    choices,
  };
}
"""

# The options chosen in a control or group, by their visible text.
_CHOSEN_JS = """
(el) => {
  if (el.localName === 'select') return Array.from(el.selectedOptions, (o) => o.textContent.trim());
  const inputs = el.matches('input') ? [el] : Array.from(el.querySelectorAll('input'));
  return inputs.filter((c) => c.checked).map((c) =>
    ((c.labels && c.labels[0] && c.labels[0].textContent) || c.value || '').trim());
}
"""


def _belongs(field_info: Mapping[str, Any], info: Mapping[str, Any]) -> bool:
    """Whether an engine report entry is about this found control or group."""
    field_id = field_info.get("id")
    if field_id:
        return field_id in (info.get("ids") or ())
    name = field_info.get("name")
    return bool(name) and name in (info.get("names") or ())


def _option_holding(choices: list[dict[str, str]], value: str) -> str | None:
    """The one choice whose text holds the value (or one of a list of values)."""
    for wanted in [v.strip() for v in value.split(",") if v.strip()]:
        hits = [c for c in choices if wanted.casefold() in (c.get("text") or "").casefold()]
        hits = hits or [
            c for c in choices if wanted.casefold() == (c.get("value") or "").casefold()
        ]
        if len(hits) == 1:
            choice = hits[0]
            values = [c.get("value") for c in choices]
            if choice.get("value") and values.count(choice["value"]) == 1:
                return choice["value"]
            return choice.get("text") or None
    return None


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _names(row: str, value: str, *, bounded: bool) -> bool:
    """Whether a result row names the value: as a whole name, or anywhere in it."""
    row, value = _squash(row), _squash(value)
    if not value or value not in row:
        return False
    if not bounded:
        return True
    return re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", row) is not None


def _same_name(a: str, b: str) -> bool:
    return _squash(a) == _squash(b)


def _plain_url(url: str) -> str:
    """An address without its query and fragment, which may carry personal data."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _is_closed(exc: BaseException) -> bool:
    text = str(exc)
    return "has been closed" in text or "Target closed" in text or "Browser closed" in text


def _is_navigating(exc: BaseException) -> bool:
    text = str(exc)
    return "Execution context was destroyed" in text or "navigation" in text.lower()
