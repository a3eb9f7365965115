"""Reading a JSON request body and answering JSON, the same way in every endpoint.

Bodies are parsed here rather than by webargs so that every malformed body
(invalid JSON, absurd nesting, huge numbers) is a clear 4xx and never a 500,
and so that a missing body is an error instead of an empty object.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request
from marshmallow import Schema, ValidationError

from .errors import fail

MISSING = object()


def json_body(required: bool = True) -> Any:
    """The parsed body; ``MISSING`` when there is none and none is required."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        if not required:
            return MISSING
        raise ValidationError({"_schema": ["A JSON body is required."]})
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        fail(400, "The body is not UTF-8.")
    except RecursionError:
        fail(400, "The body is nested too deeply.")
    except ValueError as exc:
        # json's own message gives only a position, never the content.
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        fail(400, f"The body is not valid JSON{where}.")


def load_body(schema: Schema, required: bool = True) -> Any:
    """Parse the body and load it with ``schema``; ValidationError names each field."""
    data = json_body(required)
    if data is MISSING:
        data = {}
    if not isinstance(data, dict):
        raise ValidationError({"_schema": ["A JSON object is required."]})
    return schema.load(data)


def json_response(
    body: bytes | Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    if not isinstance(body, bytes):
        body = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status=status, headers=headers, mimetype="application/json")


def request_body_doc(
    schema: type[Schema] | Schema, description: str = "", required: bool = True
) -> dict[str, Any]:
    """OpenAPI ``requestBody`` for ``blp.doc``, for bodies parsed with ``load_body``."""
    body: dict[str, Any] = {
        "required": required,
        "content": {"application/json": {"schema": schema}},
    }
    if description:
        body["description"] = description
    return {"requestBody": body}
