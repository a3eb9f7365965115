"""The complaint profile: who the person is and how to reach them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from .fields import CountryCode, Line
from .validators import cn_resident_id_birth_date, cn_resident_id_problem, normalise_phone

LANGUAGES = ("en", "zh")


class StrictSchema(Schema):
    class Meta:
        # A misspelt key must be an error, never a value silently thrown away.
        unknown = RAISE
        ordered = True


class AddressSchema(StrictSchema):
    line1 = Line(max_length=200)
    line2 = Line(max_length=200)
    city = Line(max_length=100)
    state = Line(max_length=100, metadata={"description": "State, province or county"})
    postal_code = Line(max_length=20)
    country = CountryCode(metadata={"description": "ISO 3166-1 alpha-2"})


class WalletAccountSchema(StrictSchema):
    provider = Line(required=True, max_length=80, metadata={"example": "PayPal"})
    account_id = Line(
        required=True,
        max_length=200,
        metadata={"description": "Email, phone, username or wallet address"},
    )
    label = Line(max_length=80)


def _not_future(value: dt.date) -> None:
    if value > dt.date.today():
        raise ValidationError("Must not be in the future.")
    if value.year < 1900:
        raise ValidationError("Must be after 1900.")


class ProfileSchema(StrictSchema):
    given_name = Line(max_length=100)
    family_name = Line(max_length=100)
    full_name = Line(
        max_length=200,
        metadata={"description": "Derived from given and family name when absent"},
    )
    email = fields.Email(validate=validate.Length(max=254))
    phone = Line(max_length=40, metadata={"description": "As typed; normalised to E.164 for forms"})
    address = fields.Nested(AddressSchema)
    date_of_birth = fields.Date(validate=_not_future, metadata={"sensitive": True})
    id_number = Line(max_length=40, metadata={"sensitive": True})
    preferred_language = fields.String(validate=validate.OneOf(LANGUAGES))
    wallet_accounts = fields.List(
        fields.Nested(WalletAccountSchema), validate=validate.Length(max=50)
    )

    # Run even when a field failed, so every bad field is named in one go.
    @validates_schema(skip_on_field_errors=False)
    def _cross_checks(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        country = (data.get("address") or {}).get("country")
        if "phone" in data:
            try:
                normalise_phone(data["phone"], country)
            except ValueError as exc:
                errors["phone"] = [str(exc)]
        if "id_number" in data and country == "CN":
            problem = cn_resident_id_problem(data["id_number"])
            if problem:
                errors["id_number"] = [problem]
            elif "date_of_birth" in data and (
                cn_resident_id_birth_date(data["id_number"]) != data["date_of_birth"]
            ):
                errors["date_of_birth"] = ["Does not match the birth date in the ID number."]
        if errors:
            raise ValidationError(errors)


PROFILE_SCHEMA = ProfileSchema()


def validate_profile(data: Any) -> dict[str, Any]:
    """Validate raw (JSON) data; return the profile in its stored JSON form.

    Raises marshmallow.ValidationError whose ``messages`` name every bad field.
    """
    if not isinstance(data, dict):
        raise ValidationError({"_schema": ["A profile is a JSON object."]})
    loaded = PROFILE_SCHEMA.load(data)
    if "id_number" in loaded and (loaded.get("address") or {}).get("country") == "CN":
        loaded["id_number"] = loaded["id_number"].upper()
    return PROFILE_SCHEMA.dump(loaded)
