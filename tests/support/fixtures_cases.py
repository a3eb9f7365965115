"""Fixtures for the case store, casework and case commands."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# A case with every field, in both scripts, with the awkward values real people
# type: a Chinese narrative with an English quote, an emoji, several
# transaction ids, an amount whose trailing zero matters.
CASE_ZH: dict[str, Any] = {
    "company": "支付宝（中国）网络技术有限公司",
    "account_id": "138****8000 / wang@example.cn",
    "category": "payment_failed_but_charged",
    "jurisdiction": "CN",
    "incident_date": "2024-03-05",
    "amount": "1234.50",
    "currency": "CNY",
    "transaction_ids": ["2024030522001488881234567890", "T-0099"],
    "title": "支付失败但已扣款 1234.50 元",
    "narrative": (
        "2024年3月5日，我在商户“好买网”用支付宝付款1234.50元，页面显示“支付失败”。"
        "但银行卡已被扣款。客服说“3个工作日内退回”，至今未退。\n\n"
        'The merchant says "no order was received". 😞'
    ),
    "desired_resolution": "退还1234.50元，并书面说明原因。",
}

CASE_EN: dict[str, Any] = {
    "company": "PayPal",
    "account_id": "j.doe@example.com",
    "category": "refund_refused",
    "jurisdiction": "GB",
    "incident_date": "2024-11-29",
    "amount": "89.90",
    "currency": "GBP",
    "transaction_ids": ["8AB12345CD6789012"],
    "title": "Refund refused for a jacket that never arrived",
    "narrative": (
        "On 29 November 2024 I paid GBP 89.90 to Northwind Outfitters. The jacket never "
        "arrived. The seller stopped answering on 10 December. PayPal closed my dispute "
        "without looking at the tracking page, which shows no delivery."
    ),
    "desired_resolution": "Refund GBP 89.90 to my PayPal balance.",
}

PROFILE_EN: dict[str, Any] = {
    "given_name": "Jane",
    "family_name": "Doe",
    "email": "j.doe@example.com",
    "phone": "+44 20 7946 0018",
    "address": {
        "line1": "12 Orchard Lane",
        "city": "Leeds",
        "postal_code": "LS1 4AP",
        "country": "GB",
    },
    "preferred_language": "en",
}


@pytest.fixture
def case_store() -> Any:
    """A case store in this test's private data directory."""
    from server.store.cases import CaseStore

    return CaseStore()


@pytest.fixture
def case_data() -> Callable[[str], dict[str, Any]]:
    """A fresh copy of a sample case: ``case_data("zh")`` or ``case_data("en")``."""

    def make(which: str = "en") -> dict[str, Any]:
        return copy.deepcopy(CASE_ZH if which == "zh" else CASE_EN)

    return make


@pytest.fixture
def evidence_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a file to add as evidence: ``evidence_file("chat.png", b"...")``."""
    folder = tmp_path / "evidence-source"
    folder.mkdir()

    def make(name: str = "screenshot.png", data: bytes | None = None) -> Path:
        path = folder / name
        path.write_bytes(data if data is not None else b"\x89PNG\r\n\x1a\n" + name.encode() * 50)
        return path

    return make


@pytest.fixture
def full_case(case_store: Any, case_data: Any, evidence_file: Any) -> Callable[[str], dict]:
    """A stored case with evidence, a contact log and filings, as the store returns it."""

    def make(which: str = "en") -> dict[str, Any]:
        data = case_data(which)
        case = case_store.create("default", data)
        cid = case["id"]
        if which == "zh":
            case_store.add_evidence(
                cid, evidence_file("扣款短信.png"), "screenshot", "银行扣款短信"
            )
            case_store.add_evidence(
                cid, evidence_file("chat.txt", "客服：三个工作日内退回。".encode()), "chat_log"
            )
            case_store.log_contact(
                cid,
                {
                    "at": "2024-03-06 09:15",
                    "channel": "alipay",
                    "person": "客服 工号 8812",
                    "reference": "KF-20240306-17",
                    "summary": "在线客服确认扣款成功，承诺3个工作日内退回。",
                    "outcome": "未退款",
                },
            )
            case_store.add_filing(
                cid, {"channel": "alipay", "reference": "ZFB-778899", "filed_on": "2024-03-12"}
            )
        else:
            case_store.add_evidence(
                cid,
                evidence_file("tracking.pdf", b"%PDF-1.4 tracking"),
                "transaction_record",
                "Tracking page: no delivery",
            )
            case_store.log_contact(
                cid,
                {
                    "at": "2024-12-02 14:05",
                    "channel": "paypal",
                    "person": "Sam",
                    "reference": "PP-CHAT-5521",
                    "summary": "Asked PayPal to look at the tracking page.",
                    "outcome": "Told to wait for the seller",
                },
            )
            case_store.add_filing(
                cid, {"channel": "paypal", "reference": "PP-D-4471", "filed_on": "2024-12-03"}
            )
        return case_store.require(cid)

    return make
