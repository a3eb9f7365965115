"""The canonical field keys: exactly the agreed names, and one copy for the engine."""

from __future__ import annotations

from schemas.keys import CASE_KEYS, PROFILE_KEYS, SENSITIVE_KEYS, engine_module
from tests.support.env import REPO


def test_the_canonical_names() -> None:
    assert (
        tuple(
            [
                "given_name",
                "family_name",
                "full_name",
                "email",
                "phone",
                "address_line1",
                "address_line2",
                "city",
                "state",
                "postal_code",
                "country",
                "full_address",
                "date_of_birth",
                "id_number",
            ]
        )
        == PROFILE_KEYS
    )
    assert (
        tuple(
            [
                "company_name",
                "account_id",
                "transaction_id",
                "incident_date",
                "amount",
                "currency",
                "category",
                "complaint_title",
                "complaint_description",
                "desired_resolution",
            ]
        )
        == CASE_KEYS
    )
    assert frozenset({"id_number", "date_of_birth"}) == SENSITIVE_KEYS


def test_engine_copy_is_generated_from_the_schema() -> None:
    shipped = (REPO / "extension" / "field_keys.js").read_text(encoding="utf-8")
    assert shipped == engine_module(), "extension/field_keys.js is stale: run `make field-keys`"
