"""The demo's sample person and case, in English and in Chinese.

Invented people at reserved addresses (example.com, 555 numbers); the story is
the commonest wallet complaint: a payment that failed but was charged, and a
support desk that does not answer.  The story is longer than the demo form
takes, so the demo also shows a narrative fitted to a form's limit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

PROFILE_NAME = "demo"

PROFILES: dict[str, dict[str, Any]] = {
    "en": {
        "given_name": "Alex",
        "family_name": "Sample",
        "email": "alex.sample@example.com",
        "phone": "+1 217 555 0187",
        "address": {
            "line1": "742 Evergreen Terrace",
            "city": "Springfield",
            "state": "IL",
            "postal_code": "62704",
            "country": "US",
        },
        "preferred_language": "en",
        "wallet_accounts": [{"provider": "Sample Wallet", "account_id": "alex.sample@example.com"}],
    },
    "zh": {
        "given_name": "小明",
        "family_name": "王",
        "email": "xiaoming.wang@example.com",
        "phone": "13957100000",
        "address": {
            "line1": "西湖区文三路100号",
            "city": "杭州市",
            "state": "浙江省",
            "postal_code": "310012",
            "country": "CN",
        },
        "preferred_language": "zh",
        "wallet_accounts": [{"provider": "Sample Wallet", "account_id": "13957100000"}],
    },
}

_STORY_EN = (
    "On {date} I paid {amount} with my Sample Wallet balance to an online shop. The app "
    'showed "Payment failed" and the shop never received the money, but the amount left my '
    'balance the same minute. The transaction record shows it as "Completed". '
    "I contacted Sample Wallet support in the app the same day and again two days later. "
    "Both times an automatic reply said an agent would answer within 48 hours; nobody did. "
    "I sent a screenshot of the failed payment and of my balance before and after. "
    "I have kept the chat transcript, the shop's confirmation that it received nothing and my "
    "bank statement. I have used Sample Wallet for four years without a problem and I want "
    "to keep using it, but I cannot accept losing money for a payment that did not happen. "
    "Please look at the transaction, return the money to my balance and confirm in writing "
    "what went wrong, so that the shop and I can settle the order."
)

_STORY_ZH = (
    "{date}，我用示例钱包余额向一家网店付款{amount}。App 显示“支付失败”，网店也没有收到款项，"
    "但这笔钱在同一分钟就从我的余额中扣除了，交易记录显示为“已完成”。"
    "当天和两天后，我两次通过 App 联系示例钱包客服，自动回复都说客服会在 48 小时内答复，"
    "但始终无人回复。我已提交支付失败页面和扣款前后余额的截图，"
    "并保留了聊天记录、网店出具的未收到款项证明和银行流水。"
    "我使用示例钱包四年，一直没有问题，也希望继续使用，但无法接受为一笔没有完成的付款损失钱款。"
    "请核查这笔交易，把钱退回我的余额，并书面说明原因，以便我和网店完成这笔订单。"
)


def sample_case(lang: str, today: dt.date | None = None) -> dict[str, Any]:
    """The sample case, dated twelve days ago so its deadlines fall around today."""
    today = today or dt.date.today()
    when = today - dt.timedelta(days=12)
    zh = lang == "zh"
    amount = "129.99"
    story = _STORY_ZH if zh else _STORY_EN
    if zh:
        date, money = f"{when.year}年{when.month}月{when.day}日", f"¥{amount}"
    else:
        date, money = f"{when:%B} {when.day}, {when.year}", f"${amount}"
    return {
        "company": "Sample Wallet",
        "account_id": PROFILES[lang]["wallet_accounts"][0]["account_id"],
        "category": "payment_failed_but_charged",
        "jurisdiction": "CN" if zh else "US",
        "incident_date": when.isoformat(),
        "amount": amount,
        "currency": "CNY" if zh else "USD",
        "transaction_ids": ["SW-7Q4K2-88412"],
        "title": "支付失败但已扣款，客服不回复"
        if zh
        else "Payment failed but my balance was charged",
        "narrative": story.format(date=date, amount=money),
        "desired_resolution": (
            "退回被扣的款项，并书面说明原因。"
            if zh
            else "Return the money to my balance and explain in writing what went wrong."
        ),
    }
