"""What a channel fill or check tells the person, in English and Chinese.

Messages name steps, labels and keys, never the values filled: a progress line
may be read over a shoulder or pasted into a bug report.
"""

from __future__ import annotations

from typing import Any

from schemas.keys import KEYS_BY_NAME

MESSAGES: dict[str, dict[str, str]] = {
    "opening": {"en": "Opening {channel}: {url}", "zh": "正在打开{channel}：{url}"},
    "start_link": {"en": "Pressing '{name}'", "zh": "点击“{name}”"},
    "login_wait": {
        "en": "{channel} asks you to log in. Log in in the browser window (plaint never "
        "sees your password); plaint waits and then goes on.",
        "zh": "{channel}要求登录。请在浏览器窗口中登录（plaint 不会看到你的密码），"
        "plaint 会等待，登录后继续。",
    },
    "login_done": {"en": "Logged in; going on.", "zh": "已登录，继续。"},
    "login_headless": {
        "en": "{channel} asks you to log in, and a run without a browser window cannot wait "
        "for you. Run it again with a window (without --headless) and log in there; plaint "
        "keeps the login for later runs.",
        "zh": "{channel}要求登录，而无窗口运行无法等待你登录。请不带 --headless 再运行一次，"
        "在浏览器窗口中登录；plaint 会保留登录状态供以后使用。",
    },
    "login_timeout": {
        "en": "Nobody logged in to {channel} in time; plaint stopped.",
        "zh": "未在限定时间内登录{channel}，plaint 已停止。",
    },
    "step": {
        "en": "Step {n}/{total} · {title}: {summary}",
        "zh": "第 {n}/{total} 步 · {title}：{summary}",
    },
    "summary_filled": {
        "en": "filled {filled} of {total} fields",
        "zh": "已填写 {filled}/{total} 项",
    },
    "summary_found": {
        "en": "found {found} of {total} expected fields",
        "zh": "找到 {found}/{total} 个预期字段",
    },
    "summary_none": {"en": "nothing to fill", "zh": "无需填写"},
    "field_missing": {
        "en": "  '{label}' is not on this page (the form may have changed): left empty",
        "zh": "  页面上没有“{label}”（表单可能已改版）：未填写",
    },
    "field_ambiguous": {
        "en": "  '{label}' is on this page more than once: left empty",
        "zh": "  页面上有多处“{label}”：未填写",
    },
    "field_empty": {"en": "  '{label}' left empty: {reason}", "zh": "  “{label}”未填写：{reason}"},
    "replaced": {
        "en": "  Replaced what the page had already put in (check them): {labels}",
        "zh": "  已替换页面预先填入的内容（请核对）：{labels}",
    },
    "shortened": {
        "en": "  {key} shortened from {before} to {after} characters to fit the "
        "{limit}-character limit, at a sentence end",
        "zh": "  {key}已从 {before} 字缩短到 {after} 字，以符合 {limit} 字的限制（在句末截断）",
    },
    "removed": {
        "en": "  Left out of {key}, as {channel} asks: {what}",
        "zh": "  按{channel}的要求，已从{key}中删去：{what}",
    },
    "person_step": {
        "en": "'{title}' needs you{fields}. Answer in the browser window and press '{next}'; "
        "plaint goes on when the next page opens.",
        "zh": "“{title}”需要你来填写{fields}。请在浏览器窗口中作答并点击“{next}”，"
        "下一页出现后 plaint 会继续。",
    },
    "person_fields": {"en": ": {labels}", "zh": "：{labels}"},
    "blocked": {
        "en": "Stopped on '{title}': the page did not accept it{because}.",
        "zh": "停在“{title}”：页面未通过校验{because}。",
    },
    "because": {"en": " ({text})", "zh": "（{text}）"},
    "lost": {
        "en": "After '{next}' on '{title}', no page of the form that plaint knows came up: "
        "the form may have changed. plaint stopped.",
        "zh": "在“{title}”点击“{next}”后，没有出现 plaint 认识的表单页面：表单可能已改版。"
        "plaint 已停止。",
    },
    "step_missing": {
        "en": "The page '{title}' did not come up: the form may have changed. plaint stopped.",
        "zh": "没有出现“{title}”页面：表单可能已改版。plaint 已停止。",
    },
    "start_missing": {
        "en": "Could not find '{name}' or the form's first page at {url}: the site may have "
        "changed. plaint stopped.",
        "zh": "在 {url} 找不到“{name}”或表单第一页：网站可能已改版。plaint 已停止。",
    },
    "no_next": {
        "en": "The button '{next}' is not on '{title}': the form may have changed. plaint stopped.",
        "zh": "“{title}”上没有“{next}”按钮：表单可能已改版。plaint 已停止。",
    },
    "skipped_step": {"en": "  The form skipped '{title}'.", "zh": "  表单跳过了“{title}”。"},
    "review": {
        "en": "Stopped on '{title}', the last page, without submitting. Check every answer "
        "and press '{submit}' yourself.",
        "zh": "已停在最后一页“{title}”，没有提交。请核对每一项，然后自己点击“{submit}”。",
    },
    "check_review": {
        "en": "Reached '{title}', the last page; '{submit}' was not pressed.",
        "zh": "已到达最后一页“{title}”；未点击“{submit}”。",
    },
    "closed": {
        "en": "The browser window was closed; plaint stopped.",
        "zh": "浏览器窗口已关闭，plaint 已停止。",
    },
    "person_timeout": {
        "en": "'{title}' was not answered in time; plaint stopped.",
        "zh": "“{title}”未在限定时间内完成，plaint 已停止。",
    },
    "category_not_taken": {
        "en": "{channel} does not take complaints of this kind ({category}): choose what fits "
        "yourself, or see `plaint channels --case N` for a better channel.",
        "zh": "{channel}不受理此类投诉（{category}）：请自己选择合适的选项，或用 "
        "`plaint channels --case N` 查看更合适的渠道。",
    },
    "no_case": {
        "en": "No case given: only your profile's details are filled.",
        "zh": "未指定案件：只填写个人资料中的信息。",
    },
    "no_profile": {
        "en": "No profile named '{profile}': nothing of yours is filled.",
        "zh": "没有名为“{profile}”的个人资料：不会填写你的信息。",
    },
    "screenshot": {"en": "Screenshot of the filled form: {path}", "zh": "已填表单截图：{path}"},
    "waiting_close": {
        "en": "plaint never submits. Check every answer in the browser window, correct "
        "anything that is wrong, and press '{submit}' yourself. plaint waits here until you "
        "close the browser.",
        "zh": "plaint 从不提交。请在浏览器窗口中核对每一项、改正错误，然后自己点击“{submit}”。"
        "关闭浏览器后 plaint 才会结束。",
    },
    # The summary printed after a fill or check.
    "report_title_fill": {"en": "{channel}: filled", "zh": "{channel}：填写结果"},
    "report_title_check": {"en": "{channel}: form check", "zh": "{channel}：表单检查"},
    "report_step": {
        "en": "{n}. {title} ({status})",
        "zh": "{n}. {title}（{status}）",
    },
    "state_done": {"en": "done", "zh": "已完成"},
    "state_person": {"en": "completed by you", "zh": "由你完成"},
    "state_final": {"en": "last page: plaint stopped here", "zh": "最后一页：plaint 停在这里"},
    "state_blocked": {"en": "the page did not accept it", "zh": "页面未通过校验"},
    "state_skipped": {"en": "skipped for these answers", "zh": "根据回答跳过"},
    "state_missing": {"en": "did not come up", "zh": "没有出现"},
    "state_not_reached": {"en": "not reached", "zh": "未到达"},
    "field_line": {"en": "   {mark} {label}{why}", "zh": "   {mark} {label}{why}"},
    "why": {"en": " — {text}", "zh": "——{text}"},
    "status_filled": {"en": "filled", "zh": "已填写"},
    "status_found": {"en": "found", "zh": "已找到"},
    "verdict_ready": {
        "en": "Ready for you: check every answer in the window and submit it yourself.",
        "zh": "已就绪：请在窗口中核对每一项，然后自己提交。",
    },
    "verdict_unfilled": {
        "en": "Left for you to fill: {labels}.",
        "zh": "需要你自己填写：{labels}。",
    },
    "verdict_check_ok": {
        "en": "The form matches what plaint expects: every expected field is on its page.",
        "zh": "表单与 plaint 的预期一致：每个预期字段都在对应页面上。",
    },
    "verdict_drift": {
        "en": "The form has changed: {items}.",
        "zh": "表单已改版：{items}。",
    },
    "drift_field": {"en": "{step}: '{label}' {what}", "zh": "{step}：“{label}”{what}"},
    "drift_missing": {"en": "not found", "zh": "找不到"},
    "drift_ambiguous": {"en": "found more than once", "zh": "出现多次"},
    "drift_step": {"en": "the page '{step}' did not come up", "zh": "没有出现“{step}”页面"},
    "verdict_stopped": {
        "en": "Stopped before the last page: the pages after '{step}' were not {done}.",
        "zh": "在最后一页之前停止：“{step}”之后的页面未{done}。",
    },
    "done_check": {"en": "checked", "zh": "检查"},
    "done_fill": {"en": "filled", "zh": "填写"},
    "hint_case": {
        "en": "Give a case (--case N): that page needs values from one.",
        "zh": "请指定案件（--case N）：该页面需要案件中的信息。",
    },
    "hint_headed": {
        "en": "Run it with a window (--headed) and log in there; plaint keeps the login.",
        "zh": "请带 --headed 运行并在窗口中登录；plaint 会保留登录状态。",
    },
    "list_sep": {"en": ", ", "zh": "、"},
}

# Why a field was left empty: the walker's own reasons, then the field engine's
# (docs/engine.md); automations.report has the engine's in English.
REASONS: dict[str, dict[str, str]] = {
    "label_missing": {
        "en": "its label is not on the page (the form may have changed)",
        "zh": "页面上没有这个标签（表单可能已改版）",
    },
    "ambiguous": {
        "en": "its label is on the page more than once",
        "zh": "页面上有多个同名标签",
    },
    "not_shown": {"en": "not shown for your answers", "zh": "根据你的回答未显示"},
    "not_reached": {"en": "its page was not reached", "zh": "未到达所在页面"},
    "category_not_taken": {
        "en": "this channel has no choice for the case's category",
        "zh": "此渠道没有与案件类别对应的选项",
    },
    "no_category_pick": {
        "en": "plaint has no mapping to this field for the case's category: choose yourself",
        "zh": "plaint 没有此案件类别在此字段的对应选项：请自己选择",
    },
    "check_only": {"en": "a check fills only what a page requires", "zh": "检查时只填写必填项"},
    "no_match": {"en": "no result matches the value", "zh": "没有与之匹配的结果"},
    "several_matches": {
        "en": "several results match: choose the right one yourself",
        "zh": "有多个匹配结果：请自己选择正确的一项",
    },
    "action_missing": {
        "en": "a button to press after typing is not on the page",
        "zh": "输入后要点击的按钮不在页面上",
    },
    "not_filled": {"en": "plaint could not fill it", "zh": "plaint 无法填写"},
    # The engine's reason codes.
    "password": {"en": "a password or security answer", "zh": "密码或安全问题"},
    "otp": {"en": "a one-time or verification code", "zh": "一次性验证码"},
    "captcha": {"en": "a CAPTCHA", "zh": "图形验证码"},
    "card": {"en": "a payment card detail", "zh": "支付卡信息"},
    "cvv": {"en": "a card security code", "zh": "卡片安全码"},
    "bank_card": {"en": "a bank card or bank account detail", "zh": "银行卡或银行账户信息"},
    "seed": {"en": "a recovery phrase or private key", "zh": "助记词或私钥"},
    "file": {
        "en": "a file upload: attach your evidence yourself",
        "zh": "文件上传：请自己上传证据",
    },
    "consent": {
        "en": "a consent, declaration or signature: only you can give it",
        "zh": "同意、声明或签名：只能由你本人完成",
    },
    "third_party": {"en": "someone else's details", "zh": "他人的信息"},
    "sign_in": {"en": "part of a sign-in form", "zh": "登录表单的一部分"},
    "no_value": {
        "en": "nothing in your profile or case for it",
        "zh": "个人资料和案件中没有对应信息",
    },
    "sensitive": {
        "en": "a sensitive value: filled only when you allow it (--allow)",
        "zh": "敏感信息：只有你允许（--allow）时才会填写",
    },
    "low_confidence": {"en": "not sure enough what it asks", "zh": "无法确定它要填什么"},
    "has_value": {"en": "already had a value; kept it", "zh": "已有内容，予以保留"},
    "hidden": {"en": "hidden on the page", "zh": "在页面上被隐藏"},
    "read_only": {"en": "read-only or disabled", "zh": "只读或已禁用"},
    "split_field": {"en": "one part of a value split over several boxes", "zh": "被拆成多个输入框"},
    "separate_form": {"en": "in a separate small form", "zh": "属于另一个小表单"},
    "alternative": {"en": "the list above it was filled instead", "zh": "已改填上方的列表"},
    "site_rule": {"en": "this site's rules leave it empty", "zh": "此网站的规则要求留空"},
    "person": {"en": "a question only you can answer", "zh": "只有你本人能回答的问题"},
    "no_option": {"en": "none of its choices matches", "zh": "没有匹配的选项"},
    "too_long": {"en": "the value is longer than the field allows", "zh": "内容超过字段长度限制"},
    "format": {"en": "the value has the wrong form for this field", "zh": "格式不符合要求"},
    "rejected": {"en": "the page did not keep the value", "zh": "页面没有保留填写的内容"},
}

REMOVED_WHAT: dict[str, dict[str, str]] = {
    "long_number": {"en": "long numbers (kept their last 4 digits)", "zh": "长数字（保留末 4 位）"},
    "id_like": {"en": "ID-like numbers", "zh": "疑似证件号码"},
}


def lang_of(lang: str | None) -> str:
    return "zh" if (lang or "").lower().startswith("zh") else "en"


def say(code: str, lang: str | None = "en", **params: Any) -> str:
    """The message ``code`` in ``lang`` with ``params`` put in."""
    table = MESSAGES[code]
    return table[lang_of(lang)].format(**params)


def reason(code: str | None, lang: str | None = "en") -> str:
    if not code:
        return ""
    entry = REASONS.get(code)
    if entry is None:
        return code.replace("_", " ")
    return entry[lang_of(lang)]


def key_name(key: str, lang: str | None = "en") -> str:
    meta = KEYS_BY_NAME.get(key)
    if meta is not None:
        return meta.label_zh if lang_of(lang) == "zh" else meta.label_en
    entry = REMOVED_WHAT.get(key)
    if entry is not None:
        return entry[lang_of(lang)]
    return key


def join(items: list[str], lang: str | None = "en") -> str:
    return MESSAGES["list_sep"][lang_of(lang)].join(items)
