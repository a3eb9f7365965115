"""marshmallow schemas and the canonical field keys: the bottom of plaint's data flow."""

from .keys import CASE_KEYS, FIELD_KEYS, KEYS_BY_NAME, PROFILE_KEYS, SENSITIVE_KEYS, FieldKey
from .profile import ProfileSchema, validate_profile
from .values import mask_profile, profile_values, value_variants

__all__ = [
    "CASE_KEYS",
    "FIELD_KEYS",
    "KEYS_BY_NAME",
    "PROFILE_KEYS",
    "SENSITIVE_KEYS",
    "FieldKey",
    "ProfileSchema",
    "mask_profile",
    "profile_values",
    "validate_profile",
    "value_variants",
]
