"""``/api/cases``: list, read, create and change complaint cases.

A case's ETag is its version in the case store, which every change to the
case or to its evidence, contact log or filings moves on.  Changes need
``If-Match``; a stale one gets 412 and changes nothing.  Creating may send
``If-Match`` with the list's ETag, so a retried request never makes a second
case.  Evidence, the contact log and filings are read here and written with
``plaint case …`` on the command line.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import Response, request, url_for
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validate

from schemas.case import (
    CATEGORIES,
    DIRECTIONS,
    EVIDENCE_KINDS,
    FILING_CHANNELS,
    FILING_STATUSES,
    STATUSES,
    Amount,
    CaseSchema,
    CurrencyCode,
    validate_case,
)
from schemas.fields import CountryCode, Line
from schemas.profile import StrictSchema

from ..context import helper
from .body import json_body, json_response, request_body_doc
from .errors import fail
from .schemas import ErrorSchema, ProfileName

blp = Blueprint(
    "cases", __name__, url_prefix="/api", description="Complaint cases (the case store)"
)

# Fields a merge patch may remove (null); the others can only be changed.
OPTIONAL_FIELDS = ("account_id", "incident_date", "amount", "currency", "transaction_ids")
CASE_FIELDS = tuple(CaseSchema().fields)

IF_MATCH_REQUIRED = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "schema": {"type": "string"},
    "description": "The case's ETag last read (or *)",
}
IF_MATCH_LIST = {
    "in": "header",
    "name": "If-Match",
    "schema": {"type": "string"},
    "description": "The ETag of GET /api/cases: create only if no case of this profile changed "
    "since, so a retried request cannot create a second case",
}
IF_NONE_MATCH_READ = {
    "in": "header",
    "name": "If-None-Match",
    "schema": {"type": "string"},
    "description": "The ETag last read: 304 when unchanged",
}
ETAG_HEADER = {"ETag": {"description": "The case's version", "schema": {"type": "string"}}}
LIST_ETAG_HEADER = {
    "ETag": {"description": "Changes whenever a listed case does", "schema": {"type": "string"}}
}


# -- transport shapes -------------------------------------------------------------


class CaseQuerySchema(StrictSchema):
    profile = ProfileName("Whose cases (default: default)", load_default="default")


class CaseListQuerySchema(CaseQuerySchema):
    status = fields.List(
        fields.String(validate=validate.OneOf(tuple(STATUSES))),
        load_default=list,
        metadata={"description": "Only cases with these statuses (repeat the parameter)"},
    )


class CasePatchSchema(StrictSchema):
    """A JSON merge patch of a case: null removes one of the optional fields."""

    company = Line(max_length=120)
    account_id = Line(max_length=200, allow_none=True)
    category = fields.String(validate=validate.OneOf(tuple(CATEGORIES)))
    jurisdiction = CountryCode()
    incident_date = fields.Date(allow_none=True)
    amount = Amount(allow_none=True)
    currency = CurrencyCode(allow_none=True)
    transaction_ids = fields.List(
        Line(max_length=200), validate=validate.Length(max=50), allow_none=True
    )
    title = Line(max_length=200)
    narrative = Line(max_length=20000, multiline=True)
    desired_resolution = Line(max_length=2000, multiline=True)
    status = fields.String(validate=validate.OneOf(tuple(STATUSES)))


class _CaseFieldsOut(Schema):
    id = fields.Integer(required=True)
    profile = fields.String(required=True)
    company = fields.String(required=True)
    account_id = fields.String()
    category = fields.String(required=True, validate=validate.OneOf(tuple(CATEGORIES)))
    jurisdiction = fields.String(required=True)
    incident_date = fields.String(metadata={"format": "date"})
    amount = fields.String(metadata={"description": "Decimal text, e.g. 1234.50"})
    currency = fields.String()
    transaction_ids = fields.List(fields.String())
    title = fields.String(required=True)
    narrative = fields.String(required=True)
    desired_resolution = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(tuple(STATUSES)))
    version = fields.Integer(required=True, metadata={"description": "Also the ETag"})
    created_at = fields.String(required=True, metadata={"format": "date-time"})
    updated_at = fields.String(required=True, metadata={"format": "date-time"})


class EvidenceOutSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(tuple(EVIDENCE_KINDS)))
    note = fields.String()
    file_name = fields.String(required=True)
    stored_name = fields.String(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    media_type = fields.String(required=True)
    added_at = fields.String(required=True, metadata={"format": "date-time"})


class ContactOutSchema(Schema):
    id = fields.Integer(required=True)
    at = fields.String(required=True, metadata={"format": "date-time"})
    channel = fields.String(required=True)
    direction = fields.String(required=True, validate=validate.OneOf(tuple(DIRECTIONS)))
    person = fields.String()
    reference = fields.String()
    summary = fields.String(required=True)
    outcome = fields.String()
    logged_at = fields.String(required=True, metadata={"format": "date-time"})


class BilingualSchema(Schema):
    en = fields.String(required=True)
    zh = fields.String(required=True)


class MilestoneOutSchema(Schema):
    rule = fields.String(required=True)
    key = fields.String(required=True)
    due = fields.String(required=True, metadata={"format": "date"})
    who = fields.String(required=True, validate=validate.OneOf(("them", "you")))
    label = fields.Nested(BilingualSchema, required=True)
    action = fields.Nested(BilingualSchema, required=True)
    certainty = fields.String(required=True)


class FilingOutSchema(Schema):
    id = fields.Integer(required=True)
    channel = fields.String(required=True, validate=validate.OneOf(FILING_CHANNELS))
    filed_on = fields.String(required=True, metadata={"format": "date"})
    reference = fields.String()
    rules = fields.List(fields.String(), required=True)
    milestones = fields.List(fields.Nested(MilestoneOutSchema), required=True)
    status = fields.String(required=True, validate=validate.OneOf(tuple(FILING_STATUSES)))
    responded_on = fields.String(metadata={"format": "date"})
    final_response_on = fields.String(metadata={"format": "date"})
    updated_at = fields.String(required=True, metadata={"format": "date-time"})


class CaseOutSchema(_CaseFieldsOut):
    evidence = fields.List(fields.Nested(EvidenceOutSchema), required=True)
    contacts = fields.List(fields.Nested(ContactOutSchema), required=True)
    filings = fields.List(fields.Nested(FilingOutSchema), required=True)


class CaseSummarySchema(_CaseFieldsOut):
    evidence_count = fields.Integer(required=True)
    contacts_count = fields.Integer(required=True)
    filings_count = fields.Integer(required=True)


class CaseListSchema(Schema):
    cases = fields.List(fields.Nested(CaseSummarySchema), required=True)


# -- helpers -------------------------------------------------------------------------


def _store() -> Any:
    return helper().case_store()


def _etag(case: dict[str, Any]) -> str:
    return f'"{case["version"]}"'


def _list_etag(cases: list[dict[str, Any]]) -> str:
    state = json.dumps([[c["id"], c["version"]] for c in cases])
    return f'"list-{hashlib.sha256(state.encode()).hexdigest()[:20]}"'


def _served(case: dict[str, Any], status: int = 200) -> Response:
    headers = {"ETag": _etag(case)}
    if status == 201:
        headers["Location"] = url_for("cases.case_item", case_id=case["id"])
    return json_response(case, status, headers)


def _require(case_id: int, profile: str) -> dict[str, Any]:
    case = _store().get(case_id, profile)
    if case is None:
        fail(404, f"There is no case #{case_id} in profile '{profile}'.")
    return case  # type: ignore[no-any-return]


def _expected_version(case: dict[str, Any]) -> int:
    """The version a change may replace, from If-Match; else 428 or 412."""
    if request.headers.get("If-Match") is None:
        fail(428)
    if not (request.if_match.star_tag or request.if_match.contains(str(case["version"]))):
        fail(
            412,
            f"Case #{case['id']} was changed elsewhere (now version {case['version']}): "
            "reload it and apply your change again.",
            headers={"ETag": _etag(case)},
        )
    return int(case["version"])


def _case_fields(case: dict[str, Any]) -> dict[str, Any]:
    return {k: case[k] for k in CASE_FIELDS if k in case}


# -- routes ----------------------------------------------------------------------------


@blp.route("/cases", methods=["GET"])
@blp.arguments(CaseListQuerySchema, location="query")
@blp.response(200, CaseListSchema, headers=LIST_ETAG_HEADER)
@blp.alt_response(304, description="Not modified since the ETag in If-None-Match")
@blp.doc(parameters=[IF_NONE_MATCH_READ])
def case_list(args: dict[str, Any]) -> Response:
    """The profile's cases, newest first, with counts of evidence, contacts and filings."""
    statuses = tuple(args["status"]) or None
    cases = _store().list_cases(profile=args["profile"], statuses=statuses)
    etag = _list_etag(cases)
    if request.if_none_match.contains_weak(etag.strip('"')):
        return Response(status=304, headers={"ETag": etag})
    return json_response({"cases": cases}, 200, {"ETag": etag})


@blp.route("/cases", methods=["POST"])
@blp.arguments(CaseQuerySchema, location="query")
@blp.response(201, CaseOutSchema, headers=ETAG_HEADER)
@blp.alt_response(412, schema=ErrorSchema, description="The case list changed since that ETag")
@blp.doc(parameters=[IF_MATCH_LIST], **request_body_doc(CaseSchema))
def case_create(args: dict[str, Any]) -> Response:
    """Start a case.  Invalid data is refused field by field; nothing is saved."""
    data = json_body()
    validate_case(data)  # every bad field named before anything else is looked at
    store = _store()
    if request.headers.get("If-Match") is not None and not request.if_match.star_tag:
        current = _list_etag(store.list_cases(profile=args["profile"]))
        if not request.if_match.contains(current.strip('"')):
            fail(412, "The case list changed since that ETag: reload it before creating.")
    return _served(store.create(args["profile"], data), 201)


@blp.route("/cases/<int:case_id>", methods=["GET"])
@blp.arguments(CaseQuerySchema, location="query")
@blp.response(200, CaseOutSchema, headers=ETAG_HEADER)
@blp.alt_response(304, description="Not modified since the ETag in If-None-Match")
@blp.doc(parameters=[IF_NONE_MATCH_READ])
def case_item(args: dict[str, Any], case_id: int) -> Response:
    """One case with its evidence, contact log and filings (with their due dates)."""
    case = _require(case_id, args["profile"])
    if request.if_none_match.contains_weak(str(case["version"])):
        return Response(status=304, headers={"ETag": _etag(case)})
    return _served(case)


@blp.route("/cases/<int:case_id>", methods=["PUT"])
@blp.arguments(CaseQuerySchema, location="query")
@blp.response(200, CaseOutSchema, headers=ETAG_HEADER)
@blp.alt_response(412, schema=ErrorSchema, description="The case changed since that ETag")
@blp.alt_response(428, schema=ErrorSchema, description="No If-Match")
@blp.doc(parameters=[IF_MATCH_REQUIRED], **request_body_doc(CaseSchema))
def case_replace(args: dict[str, Any], case_id: int) -> Response:
    """Replace every field of a case (a field left out is removed)."""
    data = json_body()
    validate_case(data)
    case = _require(case_id, args["profile"])
    expected = _expected_version(case)
    return _served(_store().replace(case_id, data, expected, args["profile"]))


@blp.route("/cases/<int:case_id>", methods=["PATCH"])
@blp.arguments(CaseQuerySchema, location="query")
@blp.response(200, CaseOutSchema, headers=ETAG_HEADER)
@blp.alt_response(412, schema=ErrorSchema, description="The case changed since that ETag")
@blp.alt_response(428, schema=ErrorSchema, description="No If-Match")
@blp.doc(
    parameters=[IF_MATCH_REQUIRED],
    requestBody={
        "required": True,
        "description": "A JSON merge patch (RFC 7396): null removes an optional field",
        "content": {
            "application/merge-patch+json": {"schema": CasePatchSchema},
            "application/json": {"schema": CasePatchSchema},
        },
    },
)
def case_patch(args: dict[str, Any], case_id: int) -> Response:
    """Change some fields; the result is validated as a whole."""
    patch = json_body()
    if not isinstance(patch, dict):
        raise ValidationError({"_schema": ["A merge patch is a JSON object."]})
    refused = {
        key: ["Unknown field."] if key not in CASE_FIELDS else ["Cannot be removed; give a value."]
        for key, value in patch.items()
        if value is None and key not in OPTIONAL_FIELDS
    }
    if refused:
        raise ValidationError(refused)
    case = _require(case_id, args["profile"])
    merged = _case_fields(case)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    validate_case(merged)
    expected = _expected_version(case)
    return _served(_store().update(case_id, patch, expected, args["profile"]))


__all__ = ["blp"]
