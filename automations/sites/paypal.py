"""PayPal Resolution Center: dispute a transaction or report a problem.

Facts: the channel notes, section 6a. Time limits and stages are official
(help pages, developer docs); the click path comes from secondary guides.
"""

from __future__ import annotations

from .channel import (
    CATEGORY,
    Channel,
    Contact,
    FieldSpec,
    Pick,
    Source,
    Step,
    Text,
    Wizard,
    choice,
)

HELP = Source("https://www.paypal.com/il/selfhelp/article/faq854", official=True)
DISPUTES_API = Source("https://developer.paypal.com/docs/disputes/disputes-reference", True)
GUIDE = Source("https://mulliegolf.com/faq", official=False)

PROBLEM = "What's the problem?"
ITEM = "I have an issue with an item I purchased"
UNAUTHORIZED = "I want to report an unauthorized or erroneous transaction"
ITEM_ISSUE = "What's the issue with your item?"
NOT_RECEIVED = "I didn't receive my item"
NOT_AS_DESCRIBED = "I received my item, but it's significantly not as described"

_UNAUTHORIZED = choice((PROBLEM, UNAUTHORIZED))

CHANNEL = Channel(
    id="paypal",
    names=Text("PayPal Resolution Center", "PayPal 争议解决中心"),
    operator=Text("PayPal", "PayPal"),
    kind="provider",
    jurisdiction="global",
    url="https://www.paypal.com/disputes/",
    url_patterns=("*.paypal.com/disputes",),
    login_required=True,
    automation="script",
    summary=Text(
        "Dispute a payment (item not received or not as described) within 180 days, or report "
        "an unauthorized payment. A dispute left for 20 days without escalating to a claim "
        "closes and cannot be reopened.",
        "对付款提出争议（未收到商品或与描述严重不符）须在付款后 180 天内；未经授权的付款也在"
        "这里报告。争议 20 天内未升级为索赔会自动关闭且不能重开。",
    ),
    categories={
        "unauthorized_transaction": _UNAUTHORIZED,
        "account_frozen": None,
        "payment_failed_but_charged": _UNAUTHORIZED,
        "refund_refused": choice(
            (PROBLEM, ITEM),
            alternatives=((ITEM_ISSUE, NOT_RECEIVED), (ITEM_ISSUE, NOT_AS_DESCRIBED)),
            note=Text(
                "Then choose whether the item did not arrive or is not as described.",
                "然后选择是未收到商品，还是商品与描述严重不符。",
            ),
        ),
        "no_response": None,
        "fraud_scam": choice(
            (PROBLEM, ITEM),
            (ITEM_ISSUE, NOT_RECEIVED),
            alternatives=((PROBLEM, UNAUTHORIZED),),
            note=Text(
                "If you did not make the payment yourself, report it as unauthorized instead.",
                "如果这笔付款不是你本人操作的，请改为报告未经授权的交易。",
            ),
        ),
        "fees": choice(
            (PROBLEM, UNAUTHORIZED),
            note=Text(
                "A wrong charge is an erroneous transaction.",
                "收费错误属于错误交易。",
            ),
        ),
        "other": None,
    },
    response_rule="paypal",
    promises=Text(
        "Open a dispute within 180 days of the payment; escalate it to a claim within 20 days "
        "or it closes for good. In the claim stage PayPal decides.",
        "付款后 180 天内提出争议；20 天内升级为索赔，否则争议永久关闭。索赔阶段由 PayPal 裁决。",
    ),
    contacts=(
        Contact(
            "web",
            "https://www.paypal.com/disputes/",
            Text("Resolution Center (log in)", "争议解决中心（需登录）"),
            HELP,
        ),
    ),
    wizard=Wizard(
        start=("Report a problem",),
        login_markers=("Log in to your PayPal account",),
        steps=(
            Step(
                "Select the transaction",
                (
                    FieldSpec(
                        "Which transaction is this about?",
                        "transaction_id",
                        "radio",
                        required=True,
                        unsure=True,
                    ),
                ),
                next="Continue",
            ),
            Step(
                "Tell us about the problem",
                (FieldSpec(PROBLEM, CATEGORY, "radio", required=True, unsure=True),),
                next="Continue",
            ),
            Step(
                ITEM_ISSUE,
                (FieldSpec(ITEM_ISSUE, CATEGORY, "radio", required=True, unsure=True),),
                next="Continue",
                shown_if=Pick(PROBLEM, ITEM),
            ),
            Step(
                "Tell us more",
                (
                    FieldSpec(
                        "Describe the problem",
                        "complaint_description",
                        "textarea",
                        required=True,
                        unsure=True,
                    ),
                ),
            ),
        ),
        submit="Submit",
        review_marker="Tell us more",
    ),
    sources=(HELP, DISPUTES_API, GUIDE),
    unsure=(
        "the click path and headings: from secondary guides",
        "the labels of the transaction list and of the final description page",
        "the 10-day target for unauthorized claims (a 2012 guide)",
    ),
)
