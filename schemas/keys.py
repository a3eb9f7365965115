"""The canonical field keys: the one vocabulary every fill path speaks.

The field engine (extension/engine.js), the per-site scripts, the extension and
the helper all name values by these keys.  The engine is JavaScript and cannot
import this module, so ``extension/field_keys.js`` is generated from it
(``make field-keys``) and a test fails when the two differ.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

Group = Literal["profile", "case"]


@dataclass(frozen=True, slots=True)
class FieldKey:
    key: str
    group: Group
    label_en: str
    label_zh: str
    # Sensitive values are masked in output and filled only into a field that
    # asks for exactly that value, never guessed from a vague label.
    sensitive: bool = False
    # Derived keys are computed from other values and cannot be set directly.
    derived: bool = False


FIELD_KEYS: tuple[FieldKey, ...] = (
    FieldKey("given_name", "profile", "Given name", "名"),
    FieldKey("family_name", "profile", "Family name", "姓"),
    FieldKey("full_name", "profile", "Full name", "姓名"),
    FieldKey("email", "profile", "Email", "电子邮箱"),
    FieldKey("phone", "profile", "Phone", "联系电话"),
    FieldKey("address_line1", "profile", "Address line 1", "地址第一行"),
    FieldKey("address_line2", "profile", "Address line 2", "地址第二行"),
    FieldKey("city", "profile", "City", "城市"),
    FieldKey("state", "profile", "State / province", "省份/州"),
    FieldKey("postal_code", "profile", "Postal code", "邮政编码"),
    FieldKey("country", "profile", "Country", "国家/地区"),
    FieldKey("full_address", "profile", "Full address", "通讯地址", derived=True),
    FieldKey("date_of_birth", "profile", "Date of birth", "出生日期", sensitive=True),
    FieldKey("id_number", "profile", "ID number", "证件号码", sensitive=True),
    FieldKey("company_name", "case", "Company complained about", "被投诉方"),
    FieldKey("account_id", "case", "Account", "账户"),
    FieldKey("transaction_id", "case", "Transaction ID", "交易单号"),
    FieldKey("incident_date", "case", "Date of incident", "发生日期"),
    FieldKey("amount", "case", "Amount", "涉诉金额"),
    FieldKey("currency", "case", "Currency", "币种"),
    FieldKey("category", "case", "Category", "投诉类别"),
    FieldKey("complaint_title", "case", "Complaint title", "投诉标题"),
    FieldKey("complaint_description", "case", "What happened", "投诉内容"),
    FieldKey("desired_resolution", "case", "Desired resolution", "投诉要求"),
)

KEYS_BY_NAME: dict[str, FieldKey] = {k.key: k for k in FIELD_KEYS}
PROFILE_KEYS: tuple[str, ...] = tuple(k.key for k in FIELD_KEYS if k.group == "profile")
CASE_KEYS: tuple[str, ...] = tuple(k.key for k in FIELD_KEYS if k.group == "case")
SENSITIVE_KEYS: frozenset[str] = frozenset(k.key for k in FIELD_KEYS if k.sensitive)


def as_json() -> str:
    return json.dumps([asdict(k) for k in FIELD_KEYS], ensure_ascii=False, indent=2)


def engine_module() -> str:
    """The JavaScript form of FIELD_KEYS loaded beside the engine."""
    return (
        "// Generated from schemas/keys.py by `make field-keys`. Do not edit.\n"
        "// The canonical field keys every fill path uses.\n"
        f"globalThis.PLAINT_FIELD_KEYS = {as_json()};\n"
    )
