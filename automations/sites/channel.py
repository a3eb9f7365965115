"""What plaint knows about one complaint channel, kept as plain, immutable data.

Every channel module under ``automations/sites/`` builds one ``Channel`` from the
facts in the project's channel notes, with the source of each fact beside it.
Nothing here drives a browser: the per-site scripts, the extension, the docs and
the CLI all read this data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, get_args

from schemas.keys import KEYS_BY_NAME

from .urls import check_pattern, match_pattern

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
Kind = Literal["provider", "regulator", "ombudsman", "consumer_body", "police", "public_platform"]
Automation = Literal["script", "guide"]
ContactKind = Literal["web", "phone", "textphone", "fax", "email", "post", "in_app"]
FieldKind = Literal[
    "text",
    "textarea",
    "select",
    "radio",
    "checkbox",
    "checkboxes",
    "date",
    "email",
    "tel",
    "money",
    "file",
    "search",
]

# The plaint case categories (schemas.case.CATEGORIES; a test keeps the two equal).
PLAINT_CATEGORIES: tuple[str, ...] = (
    "unauthorized_transaction",
    "account_frozen",
    "payment_failed_but_charged",
    "refund_refused",
    "no_response",
    "fraud_scam",
    "fees",
    "other",
)

# Keys a wizard field may name besides the canonical field keys.
CATEGORY = "@category"  # choose the option the case's category maps to for this label
PAID = "@paid"  # a yes/no question: "yes" when the case has an amount, else "no"
PERSON = "@person"  # the person answers: consent, uploads, own judgement; never filled
THIRD_PARTY = "@third_party"  # someone else's details (scammer, joint holder): never filled
FIXED = "@fixed"  # plaint's usual answer, FieldSpec.value, which the person can change
SPECIAL_KEYS: Mapping[str, str] = MappingProxyType(
    {
        CATEGORY: "choose the option the case's category maps to",
        PAID: "yes when the case has an amount, no otherwise",
        FIXED: "choose the option in the field's value: the usual answer for a person filing",
        PERSON: "left for the person: consent, uploads, questions only they can answer",
        THIRD_PARTY: "someone else's details (the scammer, a joint holder): never filled",
    }
)


@dataclass(frozen=True, slots=True)
class Text(Mapping[str, str]):
    """A text in both of plaint's languages; reads like ``{"en": ..., "zh": ...}``."""

    en: str
    zh: str

    def __post_init__(self) -> None:
        if not self.en.strip() or not self.zh.strip():
            raise ValueError(f"both languages are needed: {self.en!r} / {self.zh!r}")

    def __getitem__(self, lang: str) -> str:
        if lang == "en":
            return self.en
        if lang == "zh":
            return self.zh
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def pick(self, lang: str) -> str:
        """The text in ``lang``, English for a language plaint does not speak."""
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from. ``official``: the operator's own site or document."""

    url: str
    official: bool

    def __post_init__(self) -> None:
        if not self.url.startswith(("https://", "http://")):
            raise ValueError(f"a source is a web address: {self.url!r}")


@dataclass(frozen=True, slots=True)
class Contact:
    """An official way to reach the channel. Never a number from an unofficial page."""

    kind: ContactKind
    value: str
    label: Text
    source: Source
    hours: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "label": self.label.to_dict(),
            "hours": self.hours.to_dict() if self.hours else None,
            "source": self.source.url,
            "source_official": self.source.official,
        }


@dataclass(frozen=True, slots=True)
class Pick:
    """One choice on the form: the option text to choose in the field with this label.

    ``label`` is empty for a choice made in an app rather than on a web form.
    """

    label: str
    option: str


@dataclass(frozen=True, slots=True)
class Choice:
    """How one plaint category is expressed in the channel's own wording.

    ``picks`` may be empty: the channel takes the category but has no field for it.
    """

    picks: tuple[Pick, ...] = ()
    code: str | None = None  # the channel's own code, e.g. WeChat Pay's REFUND
    alternatives: tuple[Pick, ...] = ()  # options that may fit better; the person decides
    note: Text | None = None

    def option_for(self, label: str) -> str | None:
        return next((p.option for p in self.picks if p.label == label), None)

    @property
    def wording(self) -> str:
        return " › ".join(p.option for p in self.picks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "picks": [{"label": p.label, "option": p.option} for p in self.picks],
            "code": self.code,
            "alternatives": [{"label": p.label, "option": p.option} for p in self.alternatives],
            "note": self.note.to_dict() if self.note else None,
        }


def choice(
    *pairs: tuple[str, str],
    code: str | None = None,
    alternatives: tuple[tuple[str, str], ...] = (),
    note: Text | None = None,
) -> Choice:
    """``choice(("Issue", "Fraud or scam"))``: a Choice from (label, option) pairs."""
    return Choice(
        picks=tuple(Pick(label, option) for label, option in pairs),
        code=code,
        alternatives=tuple(Pick(label, option) for label, option in alternatives),
        note=note,
    )


TAKEN = Choice()  # the channel takes the category and asks nothing to classify it


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field a wizard step is expected to show, found by its label text.

    ``label`` is the text of the field's <label>, or the legend of a group of
    radios or checkboxes.  ``key`` is a canonical field key (schemas.keys) or one
    of SPECIAL_KEYS.  A canonical key on a radio group or select means: choose
    the option whose text contains the value (PayPal lists transactions by id).
    """

    label: str
    key: str
    kind: FieldKind = "text"
    required: bool = False
    limit: int | None = None  # most characters the field takes
    shown_if: Pick | None = None  # present only after this choice was made
    actions: tuple[str, ...] = ()  # buttons to press after typing, in order
    value: str | None = None  # the option to choose when key is FIXED
    unsure: bool = False  # the label is not confirmed by a source

    def __post_init__(self) -> None:
        if self.key not in KEYS_BY_NAME and self.key not in SPECIAL_KEYS:
            raise ValueError(f"field {self.label!r}: unknown key {self.key!r}")
        if (self.key == FIXED) != (self.value is not None):
            raise ValueError(f"field {self.label!r}: a value goes with key {FIXED} only")
        if self.kind not in get_args(FieldKind):
            raise ValueError(f"field {self.label!r}: unknown kind {self.kind!r}")

    @property
    def fillable(self) -> bool:
        """Whether plaint may put a value here (never someone else's or the person's own call)."""
        return self.key not in (PERSON, THIRD_PARTY)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "key": self.key, "kind": self.kind}
        if self.required:
            out["required"] = True
        if self.limit is not None:
            out["limit"] = self.limit
        if self.shown_if is not None:
            out["shown_if"] = {"label": self.shown_if.label, "option": self.shown_if.option}
        if self.actions:
            out["actions"] = list(self.actions)
        if self.value is not None:
            out["value"] = self.value
        if self.unsure:
            out["unsure"] = True
        return out


@dataclass(frozen=True, slots=True)
class Step:
    """One page of a wizard: the heading it shows, its fields, the button that moves on.

    ``next`` is None on the final page, where plaint stops and the person submits.
    """

    title: str
    fields: tuple[FieldSpec, ...] = ()
    next: str | None = None
    shown_if: Pick | None = None  # a page some answers skip

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self.title,
            "fields": [f.to_dict() for f in self.fields],
            "next": self.next,
        }
        if self.shown_if is not None:
            out["shown_if"] = {"label": self.shown_if.label, "option": self.shown_if.option}
        return out


@dataclass(frozen=True, slots=True)
class Wizard:
    """The steps of a web form from its start address to the page where plaint stops."""

    steps: tuple[Step, ...]
    submit: str  # the button the person presses; plaint never does
    review_marker: str  # the heading of the final page, where plaint stops
    start: tuple[str, ...] = ()  # links or buttons from the channel's url to the first step
    login_markers: tuple[str, ...] = ()  # the heading a login wall shows

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError("a wizard has at least one step")
        if self.steps[-1].next is not None:
            raise ValueError("the last step is where plaint stops: it has no next button")
        if any(s.next is None for s in self.steps[:-1]):
            raise ValueError("every step but the last needs a next button")

    def fields(self) -> Iterator[tuple[Step, FieldSpec]]:
        for step in self.steps:
            for spec in step.fields:
                yield step, spec

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": list(self.start),
            "steps": [s.to_dict() for s in self.steps],
            "submit": self.submit,
            "review_marker": self.review_marker,
            "login_markers": list(self.login_markers),
        }


@dataclass(frozen=True, slots=True)
class Guide:
    """How to complain where no web form exists: an app flow or a hotline."""

    steps: tuple[Text, ...]
    text_limit: int | None  # most characters the description box takes; None: no known limit
    text_where: Text  # where the copy-ready text goes
    tips: tuple[Text, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "steps": [s.to_dict() for s in self.steps],
            "text_limit": self.text_limit,
            "text_where": self.text_where.to_dict(),
            "tips": [t.to_dict() for t in self.tips],
        }


KIND_NAMES: Mapping[str, Text] = MappingProxyType(
    {
        "provider": Text("Provider", "服务商"),
        "regulator": Text("Regulator", "监管机构"),
        "ombudsman": Text("Ombudsman", "申诉专员"),
        "consumer_body": Text("Consumer body", "消费者组织"),
        "police": Text("Police", "警方"),
        "public_platform": Text("Public platform", "公开投诉平台"),
    }
)


@dataclass(frozen=True)
class Channel:
    """One complaint channel: who runs it, where it is, what it takes, how to fill it.

    ``automation`` is "script" when a per-site script walks ``wizard`` in the
    browser, "guide" when the person follows ``guide`` in an app or on the phone.
    ``login_required`` is None where the sources do not say.
    """

    id: str
    names: Text
    operator: Text
    kind: Kind
    jurisdiction: str  # ISO 3166 code ("US", "US-CA", "GB", "CN") or "global"
    url: str  # where to start: the form, the help page, or tel: for a hotline
    url_patterns: tuple[str, ...]  # see automations.sites.urls
    login_required: bool | None
    automation: Automation
    summary: Text  # when to use it
    categories: Mapping[str, Choice | None]  # None: the channel does not take it
    contacts: tuple[Contact, ...]
    sources: tuple[Source, ...]
    limits: Mapping[str, int] = field(default_factory=dict)
    forbidden_in_text: tuple[str, ...] = ()  # keys whose values must stay out of free text
    response_rule: str | None = None  # id in server.casework.deadlines
    promises: Text | None = None  # the response times it states
    wizard: Wizard | None = None
    guide: Guide | None = None
    unsure: tuple[str, ...] = ()  # facts the sources did not settle

    def __post_init__(self) -> None:
        # Read-only views, so a shared Channel cannot be changed by one of its readers.
        object.__setattr__(self, "categories", MappingProxyType(dict(self.categories)))
        object.__setattr__(self, "limits", MappingProxyType(dict(self.limits)))
        problems = list(self._problems())
        if problems:
            raise ValueError(f"channel {self.id!r}: " + "; ".join(problems))

    def __hash__(self) -> int:
        return hash(self.id)

    def _problems(self) -> Iterator[str]:
        if sorted(self.categories) != sorted(PLAINT_CATEGORIES):
            yield "categories must name every plaint category (None when not taken)"
        if self.kind not in get_args(Kind):
            yield f"unknown kind {self.kind!r}"
        if self.automation == "script" and self.wizard is None:
            yield "a scripted channel needs a wizard"
        if self.automation == "guide" and self.guide is None:
            yield "a guided channel needs a guide"
        for key in (*self.limits, *self.forbidden_in_text):
            if key not in KEYS_BY_NAME:
                yield f"unknown field key {key!r}"
        for pattern in self.url_patterns:
            problem = check_pattern(pattern)
            if problem:
                yield problem
        # A hotline has a tel: address and no web pages to recognise.
        if not self.url.startswith("tel:") and match_pattern(self.url_patterns, self.url) is None:
            yield f"url {self.url} does not match its own url_patterns"
        if self.wizard is not None:
            labels = {s.label for _, s in self.wizard.fields() if s.key == CATEGORY}
            for category, mapped in self.categories.items():
                for pick in mapped.picks if mapped else ():
                    if pick.label not in labels:
                        yield f"{category}: no {CATEGORY} field labelled {pick.label!r}"

    def name(self, lang: str = "en") -> str:
        return self.names.pick(lang)

    def matches(self, url: str) -> bool:
        return match_pattern(self.url_patterns, url) is not None

    def takes(self, category: str) -> bool:
        return self.categories.get(category) is not None

    @property
    def fill_rules(self) -> dict[str, Any]:
        """The per-site knowledge a fill needs, as JSON-able data."""
        if self.wizard is None:
            return {}
        return {
            "channel": self.id,
            **self.wizard.to_dict(),
            "categories": {c: (m.to_dict() if m else None) for c, m in self.categories.items()},
            "limits": dict(self.limits),
            "forbidden_in_text": list(self.forbidden_in_text),
        }

    def summary_dict(self, lang: str = "en") -> dict[str, Any]:
        """The short form ``plaint channels --json`` prints."""
        return {
            "id": self.id,
            "name": self.name(lang),
            "names": self.names.to_dict(),
            "kind": self.kind,
            "jurisdiction": self.jurisdiction,
            "url": self.url,
            "automation": self.automation,
            "login_required": self.login_required,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary_dict(),
            "operator": self.operator.to_dict(),
            "url_patterns": list(self.url_patterns),
            "summary": self.summary.to_dict(),
            "categories": {c: (m.to_dict() if m else None) for c, m in self.categories.items()},
            "limits": dict(self.limits),
            "forbidden_in_text": list(self.forbidden_in_text),
            "response_rule": self.response_rule,
            "promises": self.promises.to_dict() if self.promises else None,
            "contacts": [c.to_dict() for c in self.contacts],
            "wizard": self.wizard.to_dict() if self.wizard else None,
            "guide": self.guide.to_dict() if self.guide else None,
            "sources": [{"url": s.url, "official": s.official} for s in self.sources],
            "unsure": list(self.unsure),
        }
