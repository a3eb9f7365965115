"""/api/cases against the real helper: ETags, If-Match, validation, OpenAPI, the CLI beside it."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from server.store.cases import CaseStore
from tests.support.env import REPO, plaint_env
from tests.support.fixtures_cases import CASE_EN, CASE_ZH
from tests.support.fixtures_server import LiveHelper

pytestmark = pytest.mark.usefixtures("secret_service")


def create(live: LiveHelper, data: dict[str, Any], **kwargs: Any) -> Any:
    return live.request("POST", "/api/cases", json=data, **kwargs)


def test_create_then_read_with_etag(helper: LiveHelper) -> None:
    response = create(helper, CASE_ZH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"].endswith(f"/api/cases/{body['id']}")
    for key, value in CASE_ZH.items():
        assert body[key] == value
    assert body["evidence"] == [] and body["status"] == "draft"

    read = helper.get(f"/api/cases/{body['id']}")
    assert read.status_code == 200 and read.json() == body
    assert read.headers["ETag"] == '"1"'
    again = helper.get(f"/api/cases/{body['id']}", headers={"If-None-Match": '"1"'})
    assert again.status_code == 304 and again.content == b""
    assert CaseStore().require(body["id"])["narrative"] == CASE_ZH["narrative"]


def test_list_is_per_profile_and_filterable(helper: LiveHelper) -> None:
    first = create(helper, CASE_ZH).json()
    create(helper, CASE_EN, params={"profile": "work"})
    listed = helper.get("/api/cases")
    assert listed.status_code == 200
    cases = listed.json()["cases"]
    assert [c["id"] for c in cases] == [first["id"]]
    assert cases[0]["evidence_count"] == 0 and "narrative" in cases[0]
    assert helper.get("/api/cases", params={"status": "closed"}).json() == {"cases": []}
    etag = listed.headers["ETag"]
    assert helper.get("/api/cases", headers={"If-None-Match": etag}).status_code == 304
    # Another profile's case is not found under this one.
    other = helper.get("/api/cases", params={"profile": "work"}).json()["cases"][0]
    assert helper.get(f"/api/cases/{other['id']}").status_code == 404


def test_invalid_input_is_refused_field_by_field_and_nothing_is_saved(
    helper: LiveHelper,
) -> None:
    bad = {**CASE_EN, "amount": "-3", "category": "bad_luck", "incident_date": "2999-01-01"}
    response = create(helper, bad)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"amount", "category", "incident_date"}
    as_number = create(helper, {**CASE_EN, "amount": 89.9})
    assert as_number.status_code == 422 and "as text" in as_number.json()["errors"]["amount"][0]
    assert helper.get("/api/cases").json() == {"cases": []}
    malformed = helper.request(
        "POST", "/api/cases", data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert malformed.status_code == 400


def test_changes_need_the_current_etag(helper: LiveHelper) -> None:
    case = create(helper, CASE_EN).json()
    path = f"/api/cases/{case['id']}"
    assert helper.request("PATCH", path, json={"title": "x"}).status_code == 428
    changed = helper.request(
        "PATCH",
        path,
        json={"title": "Clearer title", "account_id": None},
        headers={"If-Match": '"1"'},
    )
    assert changed.status_code == 200, changed.text
    assert changed.headers["ETag"] == '"2"'
    assert changed.json()["title"] == "Clearer title" and "account_id" not in changed.json()
    stale = helper.request("PATCH", path, json={"title": "Lost"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["ETag"] == '"2"'
    assert CaseStore().require(case["id"])["title"] == "Clearer title"


def test_a_cli_change_makes_the_extensions_etag_stale(helper: LiveHelper, tmp_path: Any) -> None:
    case = create(helper, CASE_EN).json()
    etag = helper.get(f"/api/cases/{case['id']}").headers["ETag"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "automations",
            "case",
            "log",
            str(case["id"]),
            "--channel",
            "phone",
            "--summary",
            "Called again",
        ],
        cwd=REPO,
        env=plaint_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    response = helper.request(
        "PUT", f"/api/cases/{case['id']}", json=CASE_EN, headers={"If-Match": etag}
    )
    assert response.status_code == 412
    fresh = helper.get(f"/api/cases/{case['id']}")
    assert fresh.json()["contacts"][0]["summary"] == "Called again"
    replaced = helper.request(
        "PUT",
        f"/api/cases/{case['id']}",
        json={k: v for k, v in CASE_EN.items() if k != "account_id"},
        headers={"If-Match": fresh.headers["ETag"]},
    )
    assert replaced.status_code == 200 and "account_id" not in replaced.json()


def test_patch_refuses_removing_a_required_field(helper: LiveHelper) -> None:
    case = create(helper, CASE_EN).json()
    response = helper.request(
        "PATCH",
        f"/api/cases/{case['id']}",
        json={"title": None, "currency": None},
        headers={"If-Match": "*"},
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"title"}
    # Removing the currency alone leaves an amount without one: refused as a whole.
    response = helper.request(
        "PATCH", f"/api/cases/{case['id']}", json={"currency": None}, headers={"If-Match": "*"}
    )
    assert response.status_code == 422 and set(response.json()["errors"]) == {"currency"}


def test_create_with_the_lists_etag_is_not_repeated(helper: LiveHelper) -> None:
    etag = helper.get("/api/cases").headers["ETag"]
    assert create(helper, CASE_EN, headers={"If-Match": etag}).status_code == 201
    retried = create(helper, CASE_EN, headers={"If-Match": etag})
    assert retried.status_code == 412
    assert len(helper.get("/api/cases").json()["cases"]) == 1


def test_unknown_or_impossible_ids_are_404(helper: LiveHelper) -> None:
    for path in ("/api/cases/999", "/api/cases/0", f"/api/cases/{2**70}", "/api/cases/abc"):
        response = helper.get(path)
        assert response.status_code == 404, path
        assert response.headers["Content-Type"].startswith("application/json")


def test_the_fill_payload_carries_the_case(helper: LiveHelper) -> None:
    from server.store import ProfileStore

    ProfileStore().put("default", {"full_name": "王小明", "email": "wang@example.cn"}, None)
    case = create(helper, CASE_ZH).json()
    payload = helper.request(
        "POST", "/api/fill-payload", json={"url": "https://www.12315.cn/", "case_id": case["id"]}
    ).json()
    assert payload["values"]["company_name"] == CASE_ZH["company"]
    assert payload["values"]["amount"] == "1234.50"
    assert payload["values"]["transaction_id"] == ", ".join(CASE_ZH["transaction_ids"])
    assert payload["values"]["full_name"] == "王小明"


def test_the_openapi_document_describes_the_case_routes(helper: LiveHelper) -> None:
    spec = helper.get("/api/openapi.json").json()
    paths = spec["paths"]
    assert set(paths["/api/cases"]) >= {"get", "post"}
    assert set(paths["/api/cases/{case_id}"]) >= {"get", "put", "patch"}
    patch_headers = [p["name"] for p in paths["/api/cases/{case_id}"]["patch"]["parameters"]]
    assert "If-Match" in patch_headers
    schemas = spec["components"]["schemas"]
    case_schema = schemas["Case"]
    assert set(case_schema["required"]) >= {"company", "category", "title", "narrative"}
    assert case_schema["properties"]["category"]["enum"][0] == "unauthorized_transaction"
    assert case_schema["properties"]["amount"]["type"] == "string"
    assert case_schema["additionalProperties"] is False
    json.dumps(spec)  # the whole document is JSON
