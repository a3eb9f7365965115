"""What is due or overdue across cases, with the next step for each, soonest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from schemas.case import COMPANY_CHANNEL, OPEN_STATUSES

from .deadlines import Due, schedule, windows
from .escalation import Step, ladder, next_step, provider_channel

When = Literal["overdue", "today", "upcoming"]


@dataclass(frozen=True, slots=True)
class FollowUp:
    case_id: int
    profile: str
    title: str
    company: str
    due: Due
    channel: str | None  # the channel the date belongs to
    filing_id: int | None
    reference: str | None
    next: Step | None  # the ladder's next step for the case

    def when(self, today: dt.date) -> When:
        if self.due.date < today:
            return "overdue"
        return "today" if self.due.date == today else "upcoming"

    def as_json(self, today: dt.date) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "profile": self.profile,
            "title": self.title,
            "company": self.company,
            "when": self.when(today),
            "due": self.due.as_json(),
            "channel": self.channel,
            "filing_id": self.filing_id,
            "reference": self.reference,
            "next_step": self.next.as_json() if self.next else None,
        }


_START = Due(
    rule="general_followup",
    key="not_filed",
    date=dt.date.min,  # replaced per case
    who="you",
    label={
        "en": "Not complained yet: complain to the company first",
        "zh": "尚未投诉：请先向该公司投诉",
    },
    action={
        "en": "Send the letter (`plaint letter`) or use the company's complaint form, then "
        "record it with `plaint case filed`.",
        "zh": "发送投诉函（`plaint letter`）或使用公司的投诉渠道，"
        "然后用 `plaint case filed` 记录。",
    },
    certainty="official",
)


def _filing_item(filing: dict[str, Any], today: dt.date) -> Due | None:
    """The date that matters now: the latest one passed, else the next to come."""
    dues = sorted((Due.from_json(m) for m in filing.get("milestones") or ()), key=lambda d: d.date)
    passed = [d for d in dues if d.date < today]
    if passed:
        return passed[-1]
    return dues[0] if dues else None


def _case_items(case: dict[str, Any], today: dt.date) -> list[tuple[Due, dict[str, Any] | None]]:
    items: list[tuple[Due, dict[str, Any] | None]] = []
    filings = case.get("filings") or []
    for filing in filings:
        if filing.get("status") != "awaiting_response":
            continue
        due = _filing_item(filing, today)
        if due is not None:
            items.append((due, filing))
    channels = {f["channel"] for f in filings}
    provider = provider_channel(case.get("company"))
    incident = case.get("incident_date")
    incident_date = dt.date.fromisoformat(incident) if incident else None

    # The ombudsman's six months run from the firm's final response.
    finals = [f for f in filings if f.get("final_response_on")]
    if case.get("jurisdiction") == "GB" and finals and "uk_fos" not in channels:
        final_on = dt.date.fromisoformat(finals[-1]["final_response_on"])
        for due in windows("uk_fos", case.get("category"), None, final_on):
            items.append((due, None))

    # A provider's own time limit to open a dispute, while it can still be met.
    if provider not in channels and incident_date is not None:
        for due in windows(provider, case.get("category"), incident_date):
            if due.date >= today:
                items.append((due, None))

    if not filings:
        contacts = [c for c in case.get("contacts") or () if c.get("direction") != "note"]
        if contacts and contacts[-1].get("direction") == "outgoing":
            # Waiting for an answer to the last message: the general one-to-two-week rule.
            sent = dt.date.fromisoformat(contacts[-1]["at"][:10])
            dues = schedule("general_followup", sent)
            passed = [d for d in dues if d.date < today]
            items.append((passed[-1] if passed else dues[0], None))
        elif not contacts:
            created = dt.date.fromisoformat(case["created_at"][:10])
            items.append((_replace_date(_START, created), None))
    return items


def _replace_date(due: Due, day: dt.date) -> Due:
    return Due(due.rule, due.key, day, due.who, due.label, due.action, due.certainty)


def followups(cases: list[dict[str, Any]], today: dt.date | None = None) -> list[FollowUp]:
    """Every open case's dates that matter (cases with their children), soonest first."""
    today = today or dt.date.today()
    out: list[FollowUp] = []
    for case in cases:
        if case.get("status") not in OPEN_STATUSES:
            continue
        step = next_step(ladder(case, today))
        for due, filing in _case_items(case, today):
            channel = filing["channel"] if filing else None
            if channel is None and due.key.startswith("window_"):
                channel = "uk_fos" if due.rule == "uk_fos" else provider_channel(case["company"])
            elif channel is None:
                channel = provider_channel(case["company"])
            out.append(
                FollowUp(
                    case_id=case["id"],
                    profile=case["profile"],
                    title=case["title"],
                    company=case["company"],
                    due=due,
                    channel=channel if channel != COMPANY_CHANNEL else None,
                    filing_id=filing["id"] if filing else None,
                    reference=filing.get("reference") if filing else None,
                    next=step,
                )
            )
    return sorted(out, key=lambda f: (f.due.date, f.case_id))
