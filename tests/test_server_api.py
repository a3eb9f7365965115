"""Health, keys, the fill payload, the OpenAPI document and JSON errors, over real HTTP."""

from __future__ import annotations

import pytest

from schemas.keys import FIELD_KEYS, SENSITIVE_KEYS
from server.store import ProfileStore
from tests.support.fixtures_server import LiveHelper, start_helper, stop_helper

pytestmark = pytest.mark.usefixtures("secret_service")

PROFILE = {
    "given_name": "小明",
    "family_name": "王",
    "email": "wang@example.cn",
    "phone": "138 0013 8000",
    "address": {
        "line1": "南山区科技园路1号",
        "city": "深圳市",
        "state": "广东省",
        "postal_code": "518057",
        "country": "CN",
    },
    "date_of_birth": "1949-12-31",
    "id_number": "11010519491231002X",
    "preferred_language": "zh",
}


@pytest.fixture
def live(helper: LiveHelper) -> LiveHelper:
    ProfileStore().put("default", PROFILE, None)
    return helper


def test_health_needs_no_token_and_says_nothing_else(live: LiveHelper) -> None:
    response = live.get("/api/health", token=None)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"service", "version"}
    assert body["service"] == "plaint"


def test_keys_lists_every_canonical_key_in_both_languages(live: LiveHelper) -> None:
    keys = live.get("/api/keys").json()["keys"]
    assert [k["key"] for k in keys] == [k.key for k in FIELD_KEYS]
    by_key = {k["key"]: k for k in keys}
    assert by_key["full_name"]["labels"] == {"en": "Full name", "zh": "姓名"}
    assert by_key["full_address"]["derived"] is True
    assert {k for k, v in by_key.items() if v["sensitive"]} == SENSITIVE_KEYS
    assert {v["group"] for v in keys} == {"profile", "case"}


def fill(live: LiveHelper, **body: object) -> dict:
    response = live.request("POST", "/api/fill-payload", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_fill_payload_has_the_values_by_canonical_key(live: LiveHelper) -> None:
    payload = fill(live, url="https://example.com/complaint")
    assert payload["profile"] == "default"
    assert payload["case_id"] is None
    values = payload["values"]
    assert values["full_name"] == "王小明"  # derived, family name first for Chinese names
    assert values["full_address"] == "中国广东省深圳市南山区科技园路1号"
    assert values["country"] == "CN"
    assert values["email"] == "wang@example.cn"
    assert payload["variants"]["phone"] == {"e164": "+8613800138000"}
    assert "中国" in payload["variants"]["country"]["names"]["zh"]
    assert payload["channel"] is None
    # Sensitive values only when asked for.
    assert not SENSITIVE_KEYS & set(values)
    assert payload["sensitive_allowed"] == []


def test_sensitive_values_only_for_the_keys_allowed(live: LiveHelper) -> None:
    payload = fill(live, url="https://example.com/", include_sensitive=["id_number"])
    assert payload["values"]["id_number"] == "11010519491231002X"
    assert "date_of_birth" not in payload["values"]
    assert payload["sensitive_allowed"] == ["id_number"]


def test_fill_payload_refuses_bad_input_field_by_field(live: LiveHelper) -> None:
    response = live.request(
        "POST",
        "/api/fill-payload",
        json={
            "url": "javascript:alert(1)",
            "profile": "no such/name",
            "case_id": "7",
            "include_sensitive": ["email", "id_number"],
            "extra": True,
        },
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"url", "profile", "case_id", "include_sensitive.0", "extra"}
    missing = live.request("POST", "/api/fill-payload", json={})
    assert missing.status_code == 422
    assert set(missing.json()["errors"]) == {"url"}
    no_profile = live.request(
        "POST", "/api/fill-payload", json={"url": "https://example.com/", "profile": "nobody"}
    )
    assert no_profile.status_code == 404


def test_fill_payload_names_the_channel_and_its_rules() -> None:
    sites = pytest.importorskip("automations.sites", reason="the channel registry is not here yet")
    live = start_helper()
    try:
        ProfileStore().put("default", PROFILE, None)
        cfpb = sites.get("cfpb")
        payload = fill(live, url=cfpb.url)
        assert payload["channel"]["id"] == "cfpb"
        assert payload["channel"]["name"] == cfpb.names["zh"]  # the person's language
        assert payload["channel"]["rules"] == dict(cfpb.fill_rules)
        assert fill(live, url="https://example.com/complaint/")["channel"] is None
    finally:
        stop_helper(live)
        from server.pairing import Pairing

        Pairing().delete()


def test_fill_payload_adds_the_case_values() -> None:
    cases = pytest.importorskip("server.store.cases", reason="the case store is not here yet")
    from schemas.case import case_values

    live = start_helper()
    try:
        ProfileStore().put("default", PROFILE, None)
        store = cases.CaseStore()
        case = store.create(
            "default",
            {
                "company": "支付宝",
                "category": "account_frozen",
                "jurisdiction": "CN",
                "amount": "1200.50",
                "currency": "CNY",
                "title": "账户被冻结",
                "narrative": "2024年3月起账户被冻结，客服一直不回复。",
                "desired_resolution": "解冻账户并退还余额。",
            },
        )
        other = store.create(
            "other",
            {
                "company": "PayPal",
                "category": "refund_refused",
                "jurisdiction": "US",
                "title": "Refund refused",
                "narrative": "The seller never shipped.",
                "desired_resolution": "A refund.",
            },
        )
        payload = fill(live, url="https://example.com/", case_id=case["id"])
        assert payload["case_id"] == case["id"]
        for key, value in case_values(case).items():
            assert payload["values"][key] == value
        assert payload["values"]["company_name"] == "支付宝"
        assert payload["values"]["amount"] == "1200.50"
        assert payload["values"]["full_name"] == "王小明"
        # Another profile's case, or none at all, is an unknown case.
        for case_id in (other["id"], 999_999):
            response = live.request(
                "POST",
                "/api/fill-payload",
                json={"url": "https://example.com/", "case_id": case_id},
            )
            assert response.status_code == 404
            assert "case" in response.json()["message"].lower()
    finally:
        stop_helper(live)
        from server.pairing import Pairing

        Pairing().delete()


def test_the_openapi_document_describes_the_contract(live: LiveHelper) -> None:
    assert live.get("/api/openapi.json", token=None).status_code == 401
    spec = live.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {
        "/api/health",
        "/api/pair",
        "/api/keys",
        "/api/profiles",
        "/api/profile",
        "/api/fill-payload",
    } <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["pairingToken"]["scheme"] == "bearer"
    assert spec["security"] == [{"pairingToken": []}]
    assert spec["paths"]["/api/health"]["get"]["security"] == []
    assert set(spec["paths"]["/api/profile"]) >= {"get", "put", "patch"}
    error = spec["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "message", "errors"}
    put_body = spec["paths"]["/api/fill-payload"]["post"]["requestBody"]
    assert "url" in str(put_body) or "FillPayloadRequest" in str(put_body)


def test_errors_are_json_for_every_status(live: LiveHelper) -> None:
    cases = [
        (live.get("/nowhere"), 404),
        (live.get("/api/nowhere"), 404),
        (live.request("DELETE", "/api/profile"), 405),
        (live.request("POST", "/api/keys", json={}), 405),
    ]
    for response, status in cases:
        assert response.status_code == status
        assert response.headers["Content-Type"] == "application/json"
        body = response.json()
        assert body["code"] == status and body["message"]
        assert "<" not in response.text  # no HTML
    assert "GET" in cases[2][0].headers["Allow"]


def test_an_unexpected_error_is_a_json_500_without_details(secret_service: None) -> None:
    from server import create_app
    from server.wsgi import HelperServer

    app = create_app()

    def boom() -> None:
        raise RuntimeError("secret detail that must not leak")

    app.add_url_rule("/api/boom", "boom", boom)
    token = app.extensions["plaint"].pairing.state().token
    import requests

    with HelperServer(app, port=0) as server:
        response = requests.get(
            f"{server.url}/api/boom", headers={"Authorization": f"Bearer {token}"}, timeout=20
        )
    from server.pairing import Pairing

    Pairing().delete()
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "application/json"
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
    assert response.json()["code"] == 500
