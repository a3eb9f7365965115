"""``/api/profile`` and ``/api/profiles``: read and change the complaint profile.

The ETag is the store's version.  A write must name the version it started
from (``If-Match``), or ``If-None-Match: *`` to create a profile that does not
exist yet, so a CLI edit and an extension edit never silently overwrite each
other: the later one gets 412 and reloads.
"""

from __future__ import annotations

import copy
from typing import Any

from flask import Response, request
from flask_smorest import Blueprint

from schemas.profile import ProfileSchema, validate_profile

from ..context import helper
from ..profile_cache import CachedProfile
from .body import json_body, json_response, request_body_doc
from .errors import fail
from .schemas import ErrorSchema, ProfileListSchema, ProfileQuerySchema

blp = Blueprint(
    "profile", __name__, url_prefix="/api", description="The complaint profile (in the OS keyring)"
)

IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "schema": {"type": "string"},
    "description": "The ETag last read (or *). Required unless If-None-Match: * creates.",
}
IF_MATCH_REQUIRED = {**IF_MATCH, "required": True, "description": "The ETag last read (or *)"}
IF_NONE_MATCH_WRITE = {
    "in": "header",
    "name": "If-None-Match",
    "schema": {"type": "string", "enum": ["*"]},
    "description": "* to create the profile only if it does not exist yet",
}
IF_NONE_MATCH_READ = {
    "in": "header",
    "name": "If-None-Match",
    "schema": {"type": "string"},
    "description": "The ETag last read: 304 when unchanged",
}
# An instance, not the class: webargs would build a new schema for every request.
PROFILE_QUERY = ProfileQuerySchema()
ETAG_HEADER = {"ETag": {"description": "The profile's version", "schema": {"type": "string"}}}


def _no_profile(name: str) -> None:
    fail(
        404,
        f"There is no profile '{name}' yet: create it with `plaint profile set KEY VALUE`, "
        "or PUT it here with If-None-Match: *.",
    )


def _served(entry: CachedProfile, status: int = 200) -> Response:
    return json_response(entry.body, status, {"ETag": entry.etag})


def _expected_version(current: CachedProfile | None, name: str) -> str | None:
    """The version a write may replace, from If-Match / If-None-Match; else 412 or 428."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        if if_none_match.strip() != "*":
            fail(400, "On a write, If-None-Match may only be * (create if absent).")
        if current is not None:
            fail(412, f"Profile '{name}' exists already: read it and send If-Match instead.")
        return None
    if request.headers.get("If-Match") is None:
        fail(428)
    if current is None:
        fail(412, f"There is no profile '{name}' to match; create it with If-None-Match: *.")
    if not (request.if_match.star_tag or request.if_match.contains(current.version)):
        fail(
            412,
            f"Profile '{name}' was changed elsewhere (now version {current.version}): "
            "reload it and apply your change again.",
            headers={"ETag": current.etag},
        )
    return current.version


def _save(name: str, data: Any, expected: str | None, created: bool) -> Response:
    state = helper()
    stored = state.store.put(name, data, expected)  # validates; VersionConflict → 412
    return _served(state.profiles.remember(stored), 201 if created else 200)


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON merge patch: null removes, objects merge, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
            continue
        merged = merge_patch(result.get(key), value)
        if isinstance(merged, dict) and not merged and isinstance(value, dict):
            result.pop(key, None)  # an object emptied by the patch goes away
        else:
            result[key] = merged
    return result


@blp.route("/profiles", methods=["GET"])
@blp.response(200, ProfileListSchema)
def profiles() -> dict[str, list[str]]:
    """The names of the stored profiles."""
    return {"profiles": helper().store.names()}


@blp.route("/profile", methods=["GET"])
@blp.arguments(PROFILE_QUERY, location="query")
@blp.response(200, ProfileSchema, headers=ETAG_HEADER)
@blp.alt_response(304, description="Not modified since the ETag in If-None-Match")
@blp.doc(parameters=[IF_NONE_MATCH_READ])
def get_profile(args: dict[str, Any]) -> Response:
    """The whole stored profile, sensitive values included, with its version as ETag."""
    name = args["profile"]
    entry = helper().profiles.current(name)
    if entry is None:
        _no_profile(name)
    assert entry is not None
    if request.if_none_match.contains_weak(entry.version):
        return Response(status=304, headers={"ETag": entry.etag})
    return _served(entry)


@blp.route("/profile", methods=["PUT"])
@blp.arguments(PROFILE_QUERY, location="query")
@blp.response(200, ProfileSchema, headers=ETAG_HEADER)
@blp.alt_response(201, schema=ProfileSchema, description="Created (If-None-Match: *)")
@blp.alt_response(412, schema=ErrorSchema, description="The profile changed since that ETag")
@blp.alt_response(428, schema=ErrorSchema, description="Neither If-Match nor If-None-Match")
@blp.doc(parameters=[IF_MATCH, IF_NONE_MATCH_WRITE], **request_body_doc(ProfileSchema))
def put_profile(args: dict[str, Any]) -> Response:
    """Replace the whole profile.  Invalid data is refused field by field; nothing is saved."""
    name = args["profile"]
    # The body first: invalid data is named field by field whatever the ETag.
    data = json_body()
    validate_profile(data)
    current = helper().profiles.current(name)
    expected = _expected_version(current, name)
    return _save(name, data, expected, created=current is None)


@blp.route("/profile", methods=["PATCH"])
@blp.arguments(PROFILE_QUERY, location="query")
@blp.response(200, ProfileSchema, headers=ETAG_HEADER)
@blp.alt_response(412, schema=ErrorSchema, description="The profile changed since that ETag")
@blp.doc(
    parameters=[IF_MATCH_REQUIRED],
    requestBody={
        "required": True,
        "description": "A JSON merge patch (RFC 7396): null removes a value",
        "content": {
            "application/merge-patch+json": {"schema": {"type": "object"}},
            "application/json": {"schema": {"type": "object"}},
        },
    },
)
def patch_profile(args: dict[str, Any]) -> Response:
    """Change some values (JSON merge patch); the result is validated as a whole."""
    name = args["profile"]
    patch = json_body()
    if not isinstance(patch, dict):
        fail(422, errors={"_schema": ["A merge patch is a JSON object."]})
    current = helper().profiles.current(name)
    if current is None:
        _no_profile(name)
    assert current is not None
    expected = _expected_version(current, name)
    return _save(name, merge_patch(current.data, patch), expected, created=False)
