"""Sample people and cases for filling the scripted channels' replicas.

``channel_sample("cfpb")`` stores the profile a person filing with that channel
would have (a US, UK or Chinese address) as the "default" profile, creates a
case in the case store, and returns both with the values a test expects to
see in the form.  The narratives carry what channels forbid in free text (an
account id, a card number, a birth date, an ID number), so tests can check
that none of it reaches those forms.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

PROFILE_US: dict[str, Any] = {
    "given_name": "Ana",
    "family_name": "Ruiz",
    "email": "ana.ruiz@example.com",
    "phone": "+1 415 555 0134",
    "address": {
        "line1": "1 Main St",
        "line2": "Apt 4",
        "city": "Fresno",
        "state": "CA",
        "postal_code": "93701",
        "country": "US",
    },
    "date_of_birth": "1985-07-14",
    "id_number": "123-45-6789",
    "preferred_language": "en",
}

PROFILE_GB: dict[str, Any] = {
    "given_name": "Jane",
    "family_name": "Doe",
    "email": "j.doe@example.co.uk",
    "phone": "+44 20 7946 0018",
    "address": {
        "line1": "12 Orchard Lane",
        "city": "Leeds",
        "state": "West Yorkshire",
        "postal_code": "LS1 4AP",
        "country": "GB",
    },
    "date_of_birth": "1980-01-31",
    "preferred_language": "en",
}

PROFILE_CN: dict[str, Any] = {
    "given_name": "小明",
    "family_name": "王",
    "phone": "13912345678",
    "address": {"line1": "朝阳区示例路2号", "city": "北京市", "country": "CN"},
    "id_number": "11010519491231002X",
    "date_of_birth": "1949-12-31",
    "preferred_language": "zh",
}

# Things CFPB and IC3 ask to keep out of their narrative, written into it.
US_ACCOUNT = "WAL-88417203"
CARD = "4111 1111 1111 1111"
US_NARRATIVE = (
    f"On March 3, 2025 I paid $40.00 from my wallet account {US_ACCOUNT} and the app said the "
    f"payment failed. The money left my card {CARD} anyway. I was born on 07/14/1985 and my "
    "SSN is 123-45-6789, which the agent asked me for twice. Customer service closed my "
    "ticket without an answer."
)


def _long_story(sentences: int) -> str:
    """A story longer than IC3's 3,500 characters, in whole sentences."""
    days = [
        f"On day {n} of the scam the man who called himself an investment adviser asked me "
        f"for another transfer of ${n * 25}.00 and promised to return everything the next week."
        for n in range(1, sentences + 1)
    ]
    return " ".join(days)


def sample_case(channel: str) -> dict[str, Any]:
    """A fresh copy of the sample case for a channel."""
    # Imported here: the replica fixtures are a plugin of their own, loaded after this one.
    from tests.support.fixtures_sites import COMPANIES_12315, PAYPAL_TRANSACTIONS

    cases: dict[str, dict[str, Any]] = {
        "cfpb": {
            "company": "Sample Wallet Inc.",
            "account_id": US_ACCOUNT,
            "category": "payment_failed_but_charged",
            "jurisdiction": "US",
            "incident_date": "2025-03-03",
            "amount": "40.00",
            "currency": "USD",
            "transaction_ids": ["2024030522001488881234567890"],
            "title": "Failed payment charged anyway",
            "narrative": US_NARRATIVE,
            "desired_resolution": "Refund the $40.00 and confirm in writing.",
        },
        "ftc": {
            "company": "Quick Crypto Returns",
            "category": "fraud_scam",
            "jurisdiction": "US",
            "incident_date": "2025-02-10",
            "amount": "1250.00",
            "currency": "USD",
            "title": "Investment scam",
            "narrative": "A man on a dating app talked me into a fake crypto platform. "
            "I sent $1,250.00 and cannot withdraw anything.",
            "desired_resolution": "Stop this scheme and help me recover the money.",
        },
        "ic3": {
            "company": "Quick Crypto Returns",
            "account_id": US_ACCOUNT,
            "category": "fraud_scam",
            "jurisdiction": "US",
            "incident_date": "2025-02-10",
            "amount": "1250.00",
            "currency": "USD",
            "title": "Investment scam",
            "narrative": "My date of birth is 1985-07-14 and my SSN 123-45-6789 was asked for. "
            + _long_story(30),
            "desired_resolution": "Investigate and recover the money.",
        },
        "ca_ag": {
            "company": "Sample Wallet Inc.",
            "category": "refund_refused",
            "jurisdiction": "US",
            "incident_date": "2025-01-20",
            "amount": "89.90",
            "currency": "USD",
            "title": "Refund refused",
            "narrative": "Sample Wallet Inc. refuses to refund a payment for a jacket that "
            "never arrived.",
            "desired_resolution": "A refund of $89.90.",
        },
        "paypal": {
            "company": "PayPal",
            "category": "fraud_scam",
            "jurisdiction": "US",
            "incident_date": "2025-02-27",
            "amount": "40.00",
            "currency": "USD",
            "transaction_ids": [PAYPAL_TRANSACTIONS[1]["id"]],
            "title": "Paid for an item that never came",
            "narrative": "I paid Jordan Lee $40.00 for concert tickets that were never sent. "
            "The seller blocked me.",
            "desired_resolution": "Refund the $40.00.",
        },
        "coinbase": {
            "company": "Coinbase",
            "account_id": "ana.ruiz@example.com",
            "category": "account_frozen",
            "jurisdiction": "US",
            "title": "Account restricted without reason",
            "narrative": "My Coinbase account was restricted on 2 February 2025 and support has "
            "not explained why.",
            "desired_resolution": "Lift the restriction or explain it in writing.",
        },
        "uk_fos": {
            "company": "Sample Payments Ltd",
            "account_id": "SP-4471-0093",
            "category": "refund_refused",
            "jurisdiction": "GB",
            "incident_date": "2024-11-29",
            "amount": "89.90",
            "currency": "GBP",
            "title": "Refund refused",
            "narrative": "Sample Payments Ltd refused to refund £89.90 for a jacket that never "
            "arrived, and sent its final response on 10 January 2025.",
            "desired_resolution": "Refund £89.90 with interest.",
        },
        "uk_action_fraud": {
            "company": "Fake Parcel Services",
            "category": "fraud_scam",
            "jurisdiction": "GB",
            "incident_date": "2025-01-15",
            "amount": "320.00",
            "currency": "GBP",
            "title": "Parcel fee scam",
            "narrative": "A text message said a parcel was held and asked for a fee. The site "
            "took £320.00 from my card.",
            "desired_resolution": "Investigate the site.",
        },
        "cn_12315": {
            "company": COMPANIES_12315[0]["name"],
            "account_id": "wang@example.cn",
            "category": "refund_refused",
            "jurisdiction": "CN",
            "incident_date": "2024-03-05",
            "amount": "1234.50",
            "currency": "CNY",
            "transaction_ids": ["2024030522001488881234567890"],
            "title": "拒绝退款",
            "narrative": "2024年3月5日我在商户付款1234.50元，商品未发货，商户和平台都拒绝退款。",
            "desired_resolution": "退还1234.50元。",
        },
        "heimao": {
            "company": "示例商城",
            "category": "refund_refused",
            "jurisdiction": "CN",
            "incident_date": "2024-03-05",
            "amount": "1234.50",
            "currency": "CNY",
            "transaction_ids": ["T20240305-0099"],
            "title": "付款后不发货也不退款",
            "narrative": "2024年3月5日付款1234.50元，商家至今未发货，申请退款被拒。",
            "desired_resolution": "退还1234.50元。",
        },
    }
    return copy.deepcopy(cases[channel])


PROFILES: dict[str, dict[str, Any]] = {
    **{c: PROFILE_US for c in ("cfpb", "ftc", "ic3", "ca_ag", "paypal", "coinbase")},
    **{c: PROFILE_GB for c in ("uk_fos", "uk_action_fraud")},
    **{c: PROFILE_CN for c in ("cn_12315", "heimao")},
}
# The sensitive values a person would allow for a channel whose form asks for them.
ALLOW: dict[str, tuple[str, ...]] = {"uk_fos": ("date_of_birth",)}


@dataclass(frozen=True, slots=True)
class ChannelSample:
    channel: str
    profile: str
    case_id: int
    person: dict[str, Any] = field(repr=False)
    case: dict[str, Any] = field(repr=False)
    allow: tuple[str, ...] = ()


@pytest.fixture
def channel_sample(store: Any) -> Callable[..., ChannelSample]:
    """Store a sample profile and case for a channel: ``channel_sample("cfpb")``.

    ``category=`` and ``case=`` change the case, ``person=`` the profile.
    """
    from server.store.cases import CaseStore

    def make(channel: str, **changes: Any) -> ChannelSample:
        person = copy.deepcopy(PROFILES[channel])
        person.update(changes.pop("person", {}))
        case = sample_case(channel)
        case.update(changes.pop("case", {}))
        if "category" in changes:
            case["category"] = changes.pop("category")
        if changes:
            raise TypeError(f"unknown changes: {sorted(changes)}")
        name = "default"
        store.put(name, person)
        created = CaseStore().create(name, case)
        return ChannelSample(channel, name, created["id"], person, case, ALLOW.get(channel, ()))

    return make
