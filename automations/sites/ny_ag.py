"""New York: the Attorney General's online complaint form, and the Department of
State's voluntary mediation.

Facts: the channel notes, section 7b. The form's fields are not published, so
plaint guides the person through it instead of scripting it.
"""

from __future__ import annotations

from .channel import PLAINT_CATEGORIES, TAKEN, Channel, Contact, Guide, Source, Text

FORM = Source("https://formsnym.ag.ny.gov/OAGOnlineSubmissionForm/", official=True)
DOS = Source("https://dos.ny.gov/consumer-assistance-unit", official=True)
DFS_RULE = Source(
    "https://regulations.justia.com/states/new-york/title-23/chapter-i/part-200/section-200-20/",
    official=False,
)

CHANNEL = Channel(
    id="ny_ag",
    names=Text("New York Attorney General complaint", "美国纽约州总检察长投诉"),
    operator=Text(
        "New York State Attorney General, Consumer Frauds Bureau", "纽约州总检察长消费者欺诈局"
    ),
    kind="regulator",
    jurisdiction="US-NY",
    url="https://formsnym.ag.ny.gov/OAGOnlineSubmissionForm/",
    url_patterns=("formsnym.ag.ny.gov",),
    login_required=False,
    automation="guide",
    summary=Text(
        "The Consumer Frauds Bureau's online complaint form. Complaints may be publicly "
        "disclosed and shared with other agencies. For mediation, the Department of State's "
        "Division of Consumer Protection contacts the company for you.",
        "纽约州总检察长消费者欺诈局的在线投诉表。投诉可能被公开并转给其他机构。如需调解，"
        "纽约州务院消费者保护处可代你联系公司。",
    ),
    categories=dict.fromkeys(PLAINT_CATEGORIES, TAKEN),
    response_rule="general_followup",
    promises=None,
    contacts=(
        Contact(
            "web",
            "https://formsnym.ag.ny.gov/OAGOnlineSubmissionForm/",
            Text("Consumer Frauds Bureau online complaint form", "消费者欺诈局在线投诉表"),
            FORM,
        ),
        Contact(
            "phone",
            "+1 800 697 1220",
            Text(
                "Department of State, Division of Consumer Protection helpline (mediation)",
                "纽约州务院消费者保护处热线（调解）",
            ),
            DOS,
        ),
    ),
    guide=Guide(
        steps=(
            Text(
                "Open the Attorney General's Consumer Frauds Bureau online complaint form.",
                "打开纽约州总检察长消费者欺诈局的在线投诉表。",
            ),
            Text(
                "If you live outside the US, select the office 'Consumer Frauds NYC'.",
                "如果你住在美国以外，办公室请选择“Consumer Frauds NYC”。",
            ),
            Text(
                "Give your contact details: they are optional, but without them the office "
                "cannot contact you.",
                "填写联系方式：可以不填，但不填的话办公室无法联系你。",
            ),
            Text(
                "Describe the problem with the text below. Complaints may be made public, so "
                "leave out anything you would not want disclosed.",
                "用下面的文字描述问题。投诉可能被公开，不想公开的内容请不要写。",
            ),
            Text(
                "For voluntary mediation, call the Department of State's consumer helpline "
                "1-800-697-1220: a Consumer Advisor contacts the company or refers you to the "
                "right agency. It cannot force the business to act.",
                "如需自愿调解，请拨打纽约州务院消费者热线 1-800-697-1220：消费者顾问会联系公司，"
                "或把你转给合适的机构，但无权强制商家处理。",
            ),
            Text(
                "A licensed money transmitter or virtual-currency firm must tell you that you "
                "can also complain to the NY Department of Financial Services.",
                "持牌汇款机构或虚拟货币公司须告知你：也可以向纽约州金融服务部投诉。",
            ),
        ),
        text_limit=None,
        text_where=Text("the complaint description on the form", "投诉表中的问题描述"),
    ),
    sources=(FORM, DOS, DFS_RULE),
    unsure=(
        "the form's full address (only its start is known) and its field labels",
        "the Department of Financial Services complaint portal's fields",
        "response times: none stated",
    ),
)
