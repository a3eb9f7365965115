"""A complaint case and what hangs off it: evidence, the contact log, filings.

The schemas load raw (JSON or CLI) input and dump the stored JSON form:
dates as ISO text, amounts as plain decimal text, never floats.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from .fields import CountryCode, Line
from .profile import StrictSchema

# The agreed channel ids; the registry (automations.sites) describes each one.
CHANNEL_IDS: tuple[str, ...] = (
    "cfpb",
    "ftc",
    "ic3",
    "ca_ag",
    "ny_ag",
    "uk_fos",
    "uk_action_fraud",
    "cn_12315",
    "cn_12378",
    "cn_12363",
    "heimao",
    "paypal",
    "venmo",
    "cash_app",
    "coinbase",
    "alipay",
    "wechat_pay",
    "bbb",
)
# A complaint made to the company directly (email, letter, in-app chat) when the
# company has no channel of its own in the registry.
COMPANY_CHANNEL = "company"
FILING_CHANNELS: tuple[str, ...] = (*CHANNEL_IDS, COMPANY_CHANNEL)

CATEGORIES: dict[str, dict[str, str]] = {
    "unauthorized_transaction": {
        "en": "Unauthorized transaction or stolen account",
        "zh": "未经授权的交易或账户被盗",
    },
    "account_frozen": {"en": "Account frozen or limited", "zh": "账户被冻结或限制"},
    "payment_failed_but_charged": {
        "en": "Payment failed but money was taken",
        "zh": "支付失败但已扣款",
    },
    "refund_refused": {"en": "Refund refused", "zh": "拒绝退款"},
    "no_response": {"en": "Customer service does not respond", "zh": "客服不回应"},
    "fraud_scam": {"en": "Fraud or scam", "zh": "诈骗"},
    "fees": {"en": "Unexpected or wrong fees", "zh": "费用不合理或收费错误"},
    "other": {"en": "Other problem", "zh": "其他问题"},
}
STATUSES: dict[str, dict[str, str]] = {
    "draft": {"en": "Draft", "zh": "草稿"},
    "filed": {"en": "Filed", "zh": "已投诉"},
    "awaiting_response": {"en": "Awaiting response", "zh": "等待答复"},
    "escalated": {"en": "Escalated", "zh": "已升级投诉"},
    "resolved": {"en": "Resolved", "zh": "已解决"},
    "closed": {"en": "Closed", "zh": "已结案"},
}
OPEN_STATUSES = ("draft", "filed", "awaiting_response", "escalated")
EVIDENCE_KINDS: dict[str, dict[str, str]] = {
    "transaction_record": {"en": "Transaction record", "zh": "交易记录"},
    "screenshot": {"en": "Screenshot", "zh": "截图"},
    "chat_log": {"en": "Chat log", "zh": "聊天记录"},
    "email": {"en": "Email", "zh": "电子邮件"},
    "other": {"en": "Other document", "zh": "其他材料"},
}
DIRECTIONS: dict[str, dict[str, str]] = {
    "outgoing": {"en": "I contacted them", "zh": "我方联系"},
    "incoming": {"en": "They contacted me", "zh": "对方联系"},
    "note": {"en": "Note", "zh": "备注"},
}
FILING_STATUSES: dict[str, dict[str, str]] = {
    "awaiting_response": {"en": "Awaiting response", "zh": "等待答复"},
    "responded": {"en": "Responded", "zh": "已答复"},
    "final_response": {"en": "Final response received", "zh": "已收到最终答复"},
    "escalated": {"en": "Escalated", "zh": "已升级"},
    "closed": {"en": "Closed", "zh": "已结束"},
}

# Amounts above this are typing mistakes, not wallet complaints.
MAX_AMOUNT = decimal.Decimal("1000000000000")
MAX_AMOUNT_PLACES = 8  # crypto-denominated fiat amounts can need more than cents
EARLIEST_YEAR = 1990
# A clock a little ahead of the person's own must not make "now" the future.
CLOCK_SLACK = dt.timedelta(minutes=10)


def label(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    entry = table.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]


def _not_future_date(value: dt.date) -> None:
    if value > dt.date.today():
        raise ValidationError("Must not be in the future.")
    if value.year < EARLIEST_YEAR:
        raise ValidationError(f"Must be after {EARLIEST_YEAR}.")


def _not_future_time(value: dt.datetime) -> None:
    now = dt.datetime.now(value.tzinfo) if value.tzinfo else dt.datetime.now()
    if value > now + CLOCK_SLACK:
        raise ValidationError("Must not be in the future.")
    if value.year < EARLIEST_YEAR:
        raise ValidationError(f"Must be after {EARLIEST_YEAR}.")


class Amount(fields.String):
    """A positive money amount, exact: decimal text in and out, Decimal when loaded.

    Text only: a JSON number passes through binary floating point in most
    programs and can arrive with digits lost (the way payment APIs such as
    PayPal's carry amounts too).
    """

    default_error_messages = {  # noqa: RUF012 - marshmallow's own class-level table
        "invalid": 'Give the amount as text, e.g. "1234.50".',
        "not_a_number": 'Not an amount: use digits with an optional decimal point, e.g. "1234.50".',
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        text = text.strip().replace(",", "").replace("_", "")
        # A sign is read so that "-5" is told it must be positive, not that it is no number.
        if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]+)?|\.[0-9]+)", text):
            raise self.make_error("not_a_number")
        amount = decimal.Decimal(text)
        if amount <= 0:
            raise ValidationError("Must be more than zero; leave it out when no money is involved.")
        if amount > MAX_AMOUNT:
            raise ValidationError("Is too large to be a real amount.")
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MAX_AMOUNT_PLACES:
            raise ValidationError(f"Has more than {MAX_AMOUNT_PLACES} decimal places.")
        return amount

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        return format(decimal.Decimal(str(value)), "f")


class CurrencyCode(fields.String):
    """ISO 4217 alphabetic code, stored upper-case."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        import pycountry

        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
            raise ValidationError(
                "Use the three-letter ISO 4217 currency code, e.g. CNY, USD, GBP."
            )
        return code


class LocalDateTime(fields.DateTime):
    """A moment as the person typed it; a bare date means that day, local time."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.datetime:
        if isinstance(value, str) and len(value.strip()) == 10:
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
            else:
                return dt.datetime.combine(day, dt.time(12, 0)).astimezone()
        moment = super()._deserialize(value, attr, data, **kwargs)
        # A time without a zone is the person's own local time.
        return moment if moment.tzinfo else moment.astimezone()

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return value.isoformat(timespec="seconds")


class CaseSchema(StrictSchema):
    company = Line(required=True, max_length=120, metadata={"example": "PayPal"})
    account_id = Line(
        max_length=200, metadata={"description": "The wallet account: email, phone or address"}
    )
    category = fields.String(required=True, validate=validate.OneOf(tuple(CATEGORIES)))
    jurisdiction = CountryCode(
        required=True, metadata={"description": "ISO 3166-1 alpha-2 country whose rules apply"}
    )
    incident_date = fields.Date(validate=_not_future_date)
    amount = Amount(metadata={"description": "Decimal text, e.g. 1234.50"})
    currency = CurrencyCode(metadata={"description": "ISO 4217, e.g. CNY"})
    transaction_ids = fields.List(Line(max_length=200), validate=validate.Length(max=50))
    title = Line(required=True, max_length=200)
    narrative = Line(required=True, max_length=20000, multiline=True)
    desired_resolution = Line(required=True, max_length=2000, multiline=True)
    status = fields.String(validate=validate.OneOf(tuple(STATUSES)), load_default="draft")

    # Run even when a field failed, and look at what was given rather than what
    # loaded, so a bad amount without a currency names both.
    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _amount_and_currency(self, data: dict[str, Any], original: Any, **kwargs: Any) -> None:
        given = original if isinstance(original, dict) else data
        has_amount = given.get("amount") not in (None, "")
        has_currency = given.get("currency") not in (None, "")
        if has_amount and not has_currency:
            raise ValidationError("Give the currency of the amount.", "currency")
        if has_currency and not has_amount:
            raise ValidationError("Give the amount too, or leave the currency out.", "amount")


class EvidenceInputSchema(StrictSchema):
    kind = fields.String(required=True, validate=validate.OneOf(tuple(EVIDENCE_KINDS)))
    note = Line(max_length=500)


class ContactSchema(StrictSchema):
    at = LocalDateTime(validate=_not_future_time, metadata={"description": "When; default now"})
    channel = Line(
        required=True,
        max_length=80,
        metadata={"description": "A channel id, or how: phone, email, chat, letter"},
    )
    direction = fields.String(validate=validate.OneOf(tuple(DIRECTIONS)), load_default="outgoing")
    person = Line(max_length=120)
    reference = Line(max_length=120)
    summary = Line(required=True, max_length=4000, multiline=True)
    outcome = Line(max_length=1000, multiline=True)


class FilingSchema(StrictSchema):
    channel = fields.String(required=True, validate=validate.OneOf(FILING_CHANNELS))
    filed_on = fields.Date(validate=_not_future_date)
    reference = Line(max_length=120)


class FilingResponseSchema(StrictSchema):
    responded_on = fields.Date(required=True, validate=_not_future_date)
    final = fields.Boolean(load_default=False)


CASE_SCHEMA = CaseSchema()


def _require_object(data: Any, what: str) -> None:
    if not isinstance(data, dict):
        raise ValidationError({"_schema": [f"{what} is a JSON object."]})


def validate_case(data: Any) -> dict[str, Any]:
    """Validate raw case data; return its stored JSON form.

    Raises marshmallow.ValidationError whose ``messages`` name every bad field.
    """
    _require_object(data, "A case")
    return CASE_SCHEMA.dump(CASE_SCHEMA.load(data))


def validate_contact(data: Any) -> dict[str, Any]:
    _require_object(data, "A contact")
    schema = ContactSchema()
    loaded = schema.load(data)
    loaded.setdefault("at", dt.datetime.now().astimezone().replace(microsecond=0))
    return schema.dump(loaded)


def validate_filing(data: Any) -> dict[str, Any]:
    _require_object(data, "A filing")
    schema = FilingSchema()
    loaded = schema.load(data)
    loaded.setdefault("filed_on", dt.date.today())
    return schema.dump(loaded)


def validate_evidence_input(data: Any) -> dict[str, Any]:
    _require_object(data, "Evidence")
    schema = EvidenceInputSchema()
    return schema.dump(schema.load(data))


def case_values(case: dict[str, Any]) -> dict[str, str]:
    """The case as canonical case key → text, for filling forms."""
    ids = [t for t in case.get("transaction_ids") or () if t]
    values = {
        "company_name": case.get("company"),
        "account_id": case.get("account_id"),
        # One form field usually takes them all; a comma list is what people type.
        "transaction_id": ", ".join(ids) if ids else None,
        "incident_date": case.get("incident_date"),
        "amount": plain_amount(case.get("amount")),
        "currency": case.get("currency"),
        "category": case.get("category"),
        "complaint_title": case.get("title"),
        "complaint_description": case.get("narrative"),
        "desired_resolution": case.get("desired_resolution"),
    }
    return {k: str(v) for k, v in values.items() if v}


def plain_amount(value: Any) -> str | None:
    """``Decimal("1.2E+3")`` or ``"1200.00"`` → ``"1200.00"``: no exponent, no grouping."""
    if value in (None, ""):
        return None
    return format(decimal.Decimal(str(value)), "f")
