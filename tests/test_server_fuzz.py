"""schemathesis over the helper's own OpenAPI document: no input makes it fail with a 5xx.

Runs against the live server on a random port, authenticated, with a bounded
number of examples per operation so it stays part of the normal suite.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from server.store import ProfileStore
from tests.support.fixtures_server import LiveHelper, start_helper, stop_helper

EXAMPLES = 15  # per operation and mode: the whole run stays well under a minute

PROFILE = {
    "given_name": "Ann",
    "family_name": "Lee",
    "email": "ann@example.com",
    "phone": "+44 20 7946 0000",
    "address": {"line1": "1 High Street", "city": "London", "country": "GB"},
}


@pytest.fixture
def fuzz_helper(secret_service: None, forget_pairing: None) -> Iterator[LiveHelper]:
    # schemathesis also sends wrong tokens on purpose (to prove auth is enforced);
    # the guessing throttle would soon answer 429 to everything and hide the rest.
    live = start_helper({"PLAINT_AUTH_BURST": 1_000_000})
    ProfileStore().put("default", PROFILE, None)
    try:
        yield live
    finally:
        stop_helper(live)


def test_no_input_makes_the_helper_fail(fuzz_helper: LiveHelper) -> None:
    # Each operation in turn, with data that fits its schema and data that does not.
    # (schemathesis' pytest loader, from_fixture, does not work with this pytest.)
    api = schemathesis.openapi.from_url(
        f"{fuzz_helper.url}/api/openapi.json", headers=fuzz_helper.auth(), timeout=20
    )
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 7
    calls: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: Case) -> None:
                conditional = any(p.name == "If-Match" for p in case.operation.headers)
                response = case.call_and_validate(
                    base_url=fuzz_helper.url,
                    headers=fuzz_helper.auth(),
                    timeout=20,
                    # A write with a made-up If-Match is refused (412/428) however
                    # well-formed its body: the precondition is state, not data.
                    excluded_checks=[positive_data_acceptance] if conditional else [],
                )
                calls.append(f"{case.method} {case.path} {response.status_code}")
                assert response.status_code < 500

            try:
                check()
            except Unsatisfiable:
                # No parameters and no body (GET /api/health): nothing can be made invalid.
                assert mode is GenerationMode.NEGATIVE
    assert len(calls) >= len(operations) * 2
    assert live_profile_is_intact()


def live_profile_is_intact() -> bool:
    from schemas.profile import validate_profile

    stored = ProfileStore().get("default")
    return stored is None or validate_profile(stored.data) == stored.data
