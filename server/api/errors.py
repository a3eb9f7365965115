"""Every error the helper answers is JSON ``{code, message, errors?}``.

Never HTML, never a traceback, never a stored value: messages come from this
module, from the stores (whose messages are safe to show by contract) or from
marshmallow's field messages, which describe the rule and not the input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from flask import Response
from werkzeug.exceptions import HTTPException

from schemas.errors import flatten_errors

MESSAGES: dict[int, str] = {
    400: "The request is malformed.",
    401: "A pairing token is required: send 'Authorization: Bearer <token>' (see `plaint pair`).",
    403: "This request is not allowed.",
    404: "Not found. The helper's endpoints are listed in /api/openapi.json.",
    405: "This method is not allowed here.",
    406: "The helper answers only in JSON.",
    409: "The request conflicts with the stored data.",
    412: "The data was changed elsewhere: reload it and apply your change again.",
    413: "The request body is larger than the helper accepts (1 MiB).",
    415: "Send the body as JSON (Content-Type: application/json).",
    422: "Invalid input: see errors for each field. Nothing was saved.",
    428: "Send If-Match with the ETag you last read, so no other change is overwritten.",
    429: "Too many failed attempts: wait and try again.",
    500: "Internal error in the helper. Nothing was shown of its details.",
    503: "The helper cannot reach the OS keyring.",
}


def error_body(code: int, message: str, errors: Mapping[str, list[str]] | None = None) -> bytes:
    body: dict[str, Any] = {"code": code, "message": message}
    if errors:
        body["errors"] = dict(errors)
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error_response(
    code: int,
    message: str | None = None,
    errors: Any = None,
    headers: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
) -> Response:
    flat = flatten_errors(errors) if errors else None
    response = Response(
        error_body(code, message or MESSAGES.get(code, "Error."), flat),
        status=code,
        mimetype="application/json",
    )
    for name, value in dict(headers or {}).items():
        response.headers[name] = value
    return response


def fail(
    code: int,
    message: str | None = None,
    errors: Any = None,
    headers: Mapping[str, str] | None = None,
) -> NoReturn:
    """Stop the request with this error (raised, so after_request hooks still run)."""
    raise ApiError(code, message, errors, headers)


class ApiError(HTTPException):
    """An HTTP error carrying the helper's JSON body."""

    def __init__(
        self,
        code: int,
        message: str | None = None,
        errors: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(description=message or MESSAGES.get(code, "Error."))
        self.code = code
        self.data = {"message": self.description, "errors": errors, "headers": dict(headers or {})}


def webargs_errors(messages: Any) -> dict[str, list[str]]:
    """webargs keys errors by location (``{"json": {...}, "query": {...}}``): drop that level."""
    if not isinstance(messages, dict):
        return flatten_errors(messages)
    flat: dict[str, list[str]] = {}
    for location, inner in messages.items():
        if location in ("json", "query", "form", "headers", "view_args"):
            for path, msgs in flatten_errors(inner).items():
                flat.setdefault(path, []).extend(msgs)
        else:
            for path, msgs in flatten_errors({location: inner}).items():
                flat.setdefault(path, []).extend(msgs)
    return flat


def from_http_exception(error: HTTPException) -> Response:
    """An HTTPException (ours, werkzeug's or webargs') as the helper's JSON error."""
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    # werkzeug's own descriptions are written for HTML pages; ours say what to do.
    message = data.get("message") or MESSAGES.get(code) or error.name
    # webargs puts its validation errors under "messages", keyed by location.
    errors = webargs_errors(data["messages"]) if data.get("messages") else data.get("errors")
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() not in ("content-type", "content-length")
    }
    headers.update(data.get("headers") or {})
    return error_response(code, message, errors, headers)
