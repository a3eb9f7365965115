"""The helper's request and response shapes, beside the domain schemas in ``schemas/``.

These describe transport only (query strings, envelopes, the fill payload); a
profile is always validated by ``schemas.profile`` through the store.
"""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from schemas.keys import SENSITIVE_KEYS
from schemas.profile import StrictSchema

MAX_URL_LENGTH = 4096
# A page's address as a browser tab reports it; the same regex is in the OpenAPI document.
# No \s or \S: Python and ECMAScript (JSON Schema) disagree on which characters they match.
URL_PATTERN = r"^https?://[^\x00-\x20/?#@\[\]]+(?:[/?#][^\x00-\x20]*)?$"
PROFILE_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"


def _profile_name(value: str) -> None:
    from server.store.profiles import InvalidProfileName, check_name

    try:
        check_name(value)
    except InvalidProfileName:
        raise ValidationError(
            "Use 1–40 letters, digits, '.', '_' or '-', starting with a letter or digit."
        ) from None


def ProfileName(description: str = "Which profile", **kwargs: Any) -> fields.String:
    return fields.String(
        validate=_profile_name,
        metadata={
            "pattern": PROFILE_NAME_PATTERN,
            "example": "default",
            "description": description,
        },
        **kwargs,
    )


class ErrorSchema(Schema):
    code = fields.Integer(required=True, metadata={"description": "The HTTP status"})
    message = fields.String(required=True, metadata={"description": "What went wrong and why"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "Per field: the path (e.g. address.country) → messages"},
    )


class HealthSchema(Schema):
    service = fields.Constant("plaint", required=True)
    version = fields.String(required=True)


class ProfileQuerySchema(StrictSchema):
    profile = ProfileName("Which profile (default: default)", load_default="default")


class ProfileListSchema(Schema):
    profiles = fields.List(fields.String(), required=True)


class LabelsSchema(Schema):
    en = fields.String(required=True)
    zh = fields.String(required=True)


class FieldKeySchema(Schema):
    key = fields.String(required=True)
    group = fields.String(required=True, validate=validate.OneOf(("profile", "case")))
    labels = fields.Nested(LabelsSchema, required=True)
    sensitive = fields.Boolean(required=True)
    derived = fields.Boolean(required=True)


class FieldKeyListSchema(Schema):
    keys = fields.List(fields.Nested(FieldKeySchema), required=True)


class FillPayloadRequestSchema(StrictSchema):
    url = fields.String(
        required=True,
        validate=[
            validate.Length(max=MAX_URL_LENGTH),
            validate.Regexp(URL_PATTERN, error="Give the page's http(s) address."),
        ],
        metadata={"description": "The address of the page being filled"},
    )
    profile = ProfileName(load_default="default")
    case_id = fields.Integer(
        strict=True,
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=1, max=2**53),
        metadata={"description": "Add this case's values (company, amount, description …)"},
    )
    include_sensitive = fields.List(
        fields.String(validate=validate.OneOf(sorted(SENSITIVE_KEYS))),
        load_default=list,
        validate=validate.Length(max=len(SENSITIVE_KEYS)),
        metadata={"description": "Sensitive keys the person allowed for this fill"},
    )


class VariantsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    country = fields.Dict()
    phone = fields.Dict()


class ChannelRefSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    rules = fields.Dict(required=True)


class FillPayloadSchema(Schema):
    profile = fields.String(required=True)
    case_id = fields.Integer(allow_none=True, required=True)
    values = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    variants = fields.Nested(VariantsSchema, required=True)
    sensitive_allowed = fields.List(fields.String(), required=True)
    channel = fields.Nested(ChannelRefSchema, allow_none=True, required=True)


class PairRequestSchema(StrictSchema):
    """Nothing to send: the token is the Authorization header, the origin the Origin header."""


class PairResultSchema(Schema):
    paired = fields.Boolean(required=True)
    origin = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "The extension origin now allowed CORS, if any"},
    )
