"""Run the field engine (extension/engine.js) in a Playwright page or frame.

The engine runs in an isolated world of the page, as the extension's content
scripts do: it shares the page's DOM but none of its JavaScript, so a page's
scripts can neither read the values handed to the engine nor tamper with it.
Only what is filled into a field ever reaches the page.

    from automations import engine
    engine.classify(page)                   # what each control is
    report = engine.fill(page, payload)     # payload in the fill-payload format
    engine.undo(page)                       # put back what the last fill changed

Works on any Playwright ``Page`` or ``Frame`` of a Chromium-family browser
(sync API).  The engine reaches same-origin iframes and open shadow roots from
the frame it runs in; other frames are never touched unless passed explicitly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from schemas.keys import SENSITIVE_KEYS

if TYPE_CHECKING:
    from playwright.sync_api import CDPSession, Frame, Page

ENGINE_FILES = ("field_keys.js", "engine.js")
WORLD = "plaint-engine"


class EngineError(Exception):
    """The engine could not run in the page.  The message never holds field values."""


@dataclass(frozen=True, slots=True)
class Report:
    """What a fill did: fields filled, fields left empty and why, values with no field."""

    filled: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        filled, skipped, unused = (list(data.get(k) or []) for k in ("filled", "skipped", "unused"))
        return cls(filled, skipped, unused)

    def to_dict(self) -> dict[str, Any]:
        return {"filled": self.filled, "skipped": self.skipped, "unused": self.unused}

    @property
    def filled_keys(self) -> set[str]:
        return {f["key"] for f in self.filled}


@cache
def engine_source() -> str:
    """field_keys.js and engine.js, in load order, as one script."""
    package = resources.files("extension")
    return "\n;\n".join(package.joinpath(name).read_text(encoding="utf-8") for name in ENGINE_FILES)


_sessions: WeakKeyDictionary[Any, CDPSession] = WeakKeyDictionary()


def _session_for(frame: Frame) -> CDPSession:
    """The DevTools session that owns this frame: the page's, or an out-of-process frame's."""
    page = frame.page
    key = frame if frame.parent_frame is not None else page
    session = _sessions.get(key)
    if session is not None:
        return session
    try:
        if frame.parent_frame is not None:
            try:
                session = page.context.new_cdp_session(frame)
            except Exception:
                # An in-process frame has no target of its own: the page's session reaches it.
                key = page
                session = _sessions.get(page) or page.context.new_cdp_session(page)
        else:
            session = page.context.new_cdp_session(page)
    except Exception as exc:
        raise EngineError(
            f"the field engine needs a Chromium-based browser ({type(exc).__name__})"
        ) from None
    _sessions[key] = session
    return session


def _tree_frames(node: dict[str, Any]) -> list[dict[str, Any]]:
    frames = [node["frame"]]
    for child in node.get("childFrames", ()):
        frames.extend(_tree_frames(child))
    return frames


def _frame_id(session: CDPSession, frame: Frame) -> str:
    tree = session.send("Page.getFrameTree")["frameTree"]
    if frame.parent_frame is None:
        return tree["frame"]["id"]
    frames = _tree_frames(tree)
    if len(frames) == 1:
        return frames[0]["id"]  # an out-of-process frame's own session
    candidates = [
        f for f in frames if f.get("url") == frame.url and f.get("name", "") == frame.name
    ]
    if len(candidates) == 1:
        return candidates[0]["id"]
    return _frame_id_by_marker(session, frame, candidates or frames)


def _frame_id_by_marker(session: CDPSession, frame: Frame, frames: list[dict[str, Any]]) -> str:
    """Frames alike in URL and name: mark this one's document and find the mark."""
    import secrets

    token = secrets.token_hex(8)
    attr = "data-plaint-frame-probe"
    frame.evaluate("([a, t]) => document.documentElement.setAttribute(a, t)", [attr, token])
    try:
        for f in frames:
            ctx = _context(session, f["id"])
            probe = f"document.documentElement.getAttribute({json.dumps(attr)})"
            result = session.send(
                "Runtime.evaluate", {"expression": probe, "contextId": ctx, "returnByValue": True}
            )
            if result.get("result", {}).get("value") == token:
                return f["id"]
    finally:
        frame.evaluate("(a) => document.documentElement.removeAttribute(a)", attr)
    raise EngineError("could not find the frame to fill")


def _context(session: CDPSession, frame_id: str) -> int:
    # The same world name gives back the same world while the document lives,
    # so the engine and its undo history stay between calls.
    created = session.send("Page.createIsolatedWorld", {"frameId": frame_id, "worldName": WORLD})
    return int(created["executionContextId"])


def _frame_of(target: Page | Frame) -> Frame:
    main = getattr(target, "main_frame", None)
    return main if main is not None else target  # type: ignore[return-value]


def _raise_for(result: dict[str, Any]) -> None:
    details = result.get("exceptionDetails")
    if not details:
        return
    exception = details.get("exception") or {}
    # The description's first line: the error type and the engine's own message.
    first = str(exception.get("description") or details.get("text") or "error").splitlines()[0]
    raise EngineError(f"the field engine failed in the page: {first[:200]}")


def call(target: Page | Frame, function: str, *args: Any) -> Any:
    """Run a JavaScript function in the engine's isolated world of ``target``.

    ``function`` is a function declaration ("function (a, b) { … }"); ``args``
    are JSON-able and passed by value, never written into the page.  The engine
    is injected first if the world does not have it yet, so the function can use
    ``PlaintEngine``.  Returns the function's result by value.
    """
    frame = _frame_of(target)
    session = _session_for(frame)
    ctx = _context(session, _frame_id(session, frame))
    present = session.send(
        "Runtime.evaluate",
        {
            "expression": "typeof globalThis.PlaintEngine === 'object'",
            "contextId": ctx,
            "returnByValue": True,
        },
    )
    if not present.get("result", {}).get("value"):
        loaded = session.send("Runtime.evaluate", {"expression": engine_source(), "contextId": ctx})
        _raise_for(loaded)
    result = session.send(
        "Runtime.callFunctionOn",
        {
            "functionDeclaration": function,
            "executionContextId": ctx,
            "arguments": [{"value": a} for a in args],
            "returnByValue": True,
            "awaitPromise": True,
        },
    )
    _raise_for(result)
    return result.get("result", {}).get("value")


def _call(target: Page | Frame, method: str, *args: Any) -> Any:
    """PlaintEngine.<method>(document, *args) in the target's isolated world."""
    return call(target, _METHOD_CALL, method, *args)


_METHOD_CALL = (
    "function (method, ...args) {"
    " return method === 'undo' ? PlaintEngine.undo() : PlaintEngine[method](document, ...args); }"
)


def inject(target: Page | Frame) -> None:
    """Load the engine into the target's isolated world (each call checks it is there)."""
    frame = _frame_of(target)
    session = _session_for(frame)
    ctx = _context(session, _frame_id(session, frame))
    _raise_for(session.send("Runtime.evaluate", {"expression": engine_source(), "contextId": ctx}))


def classify(target: Page | Frame, rules: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """One record per form control: id, name, tag, type, label, key, confidence, frame …"""
    return list(_call(target, "classify", {"rules": rules or {}}) or [])


def engine_options(
    payload: dict[str, Any],
    rules: dict[str, Any] | None = None,
    *,
    overwrite: bool = False,
    highlight: bool = False,
) -> tuple[dict[str, str], dict[str, Any]]:
    """The values and options the engine gets from a fill payload.

    Sensitive values the person did not allow are dropped here, before anything
    reaches the page.
    """
    allowed = [k for k in payload.get("sensitive_allowed") or () if k in SENSITIVE_KEYS]
    values = {
        k: str(v)
        for k, v in (payload.get("values") or {}).items()
        if v not in (None, "") and (k not in SENSITIVE_KEYS or k in allowed)
    }
    channel = payload.get("channel") or {}
    options = {
        "variants": payload.get("variants") or {},
        "rules": rules if rules is not None else channel.get("rules") or {},
        "allowSensitive": allowed,
        # Only the names of the values held back, so the report can say why.
        "withheld": sorted(SENSITIVE_KEYS - set(allowed)),
        "overwrite": overwrite,
        "highlight": highlight,
    }
    return values, options


def fill(
    target: Page | Frame,
    payload: dict[str, Any],
    rules: dict[str, Any] | None = None,
    *,
    overwrite: bool = False,
    highlight: bool = False,
) -> Report:
    """Fill the target from a fill payload; never submits.  ``rules`` replaces the channel's."""
    values, options = engine_options(payload, rules, overwrite=overwrite, highlight=highlight)
    return Report.from_dict(_call(target, "fill", values, options) or {})


def undo(target: Page | Frame) -> dict[str, int]:
    """Put back what the last fill changed; fields edited since are kept as they are."""
    return dict(_call(target, "undo") or {"restored": 0, "kept": 0})
