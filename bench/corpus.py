"""How well the field engine classifies real sites' forms: Chromium's autofill corpus.

Runs ``PlaintEngine.classify`` in headless Chromium over every page of
Chromium's public autofill heuristics test corpus (``input/*.html``), pairs
each control with the line Chromium's own test expects for it
(``output/*.out``), maps Chromium's field type to a canonical key (the table
below, also in docs/engine.md) and prints precision, recall and forbidden fills
per key and overall.

    .venv/bin/python bench/corpus.py [--corpus DIR] [--verbose] [--json FILE]

Targets: precision >= 0.98, recall >= 0.90, forbidden fills = 0.  The corpus is
never special-cased: a miss is fixed in the engine's general heuristics or
reported as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from schemas.keys import CASE_KEYS, SENSITIVE_KEYS  # noqa: E402  (needs the path above)

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "chromium-heuristics"

EMPTY = "(empty)"  # no canonical key: the field must stay empty
FORBIDDEN = "(forbidden)"  # a card, code or password: filling it would be a serious error

# Chromium type → canonical key.  Types not listed are EMPTY.
TYPE_TO_KEY: dict[str, str] = {
    "NAME_FIRST": "given_name",
    "NAME_LAST": "family_name",
    # The first of two Spanish surnames is the family name as people give it;
    # the second (NAME_LAST_SECOND) has no key of its own.
    "NAME_LAST_FIRST": "family_name",
    "NAME_FULL": "full_name",
    "EMAIL_ADDRESS": "email",
    "PHONE_HOME_WHOLE_NUMBER": "phone",
    "PHONE_HOME_CITY_AND_NUMBER": "phone",
    "ADDRESS_HOME_LINE1": "address_line1",
    # One box for the whole street address: plaint puts the first line there.
    "ADDRESS_HOME_STREET_ADDRESS": "address_line1",
    "ADDRESS_HOME_LINE2": "address_line2",
    "ADDRESS_HOME_CITY": "city",
    "ADDRESS_HOME_STATE": "state",
    "ADDRESS_HOME_ZIP": "postal_code",
    "ADDRESS_HOME_COUNTRY": "country",
}
# Types whose field must never get a profile value.
FORBIDDEN_PREFIXES = ("CREDIT_CARD_", "HTML_TYPE_CREDIT_CARD_")
FORBIDDEN_TYPES = {"ONE_TIME_CODE", "MERCHANT_PROMO_CODE", "PRICE"}
# Keys Chromium has no type for: a prediction of one on an UNKNOWN_TYPE field
# can be neither confirmed nor refuted, so it is listed, not scored.
UNVERIFIABLE_KEYS = {*CASE_KEYS, *SENSITIVE_KEYS, "full_address"}


def expected_key(chromium_type: str, control_type: str) -> str:
    if chromium_type.startswith(FORBIDDEN_PREFIXES) or chromium_type in FORBIDDEN_TYPES:
        return FORBIDDEN
    if control_type == "password":
        return FORBIDDEN
    return TYPE_TO_KEY.get(chromium_type, EMPTY)


@dataclass
class Line:
    chromium_type: str
    name: str
    label: str


def read_out(path: Path) -> list[Line]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = [*raw.split(" | "), "", ""]
        lines.append(Line(parts[0].strip(), parts[1], parts[2]))
    return lines


# Controls Chromium's form parser lists.
LISTED_TYPES = {
    "text", "email", "tel", "password", "number", "search", "url", "checkbox", "radio",
    "month", "date", "select-one", "select-multiple", "textarea",
}  # fmt: skip


def pair(lines: list[Line], records: list[dict[str, Any]]) -> tuple[list[tuple[Line, dict]], int]:
    """Each expected line with its control: by name (Chromium falls back to id), in order."""
    pool: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if r["type"] in LISTED_TYPES:
            pool[r["name"] or r["id"]].append(r)
    pairs, missing = [], 0
    for line in lines:
        candidates = pool.get(line.name)
        if not candidates:
            missing += 1
            continue
        # Unnamed controls are told apart by their label where the two agree.
        index = 0
        if not line.name:
            want = _words(line.label)
            index = next((i for i, r in enumerate(candidates) if _words(r["label"]) == want), 0)
        pairs.append((line, candidates.pop(index)))
    return pairs, missing


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def run(corpus: Path, verbose: bool) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from automations import engine
    from automations.browser import choose_browser

    inputs = sorted((corpus / "input").glob("*.html"))
    if not inputs:
        raise SystemExit(f"no corpus pages under {corpus / 'input'}")
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    support: Counter[str] = Counter()
    forbidden: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    unverifiable: list[dict[str, Any]] = []
    unpaired = paired = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, **choose_browser().launch_kwargs())
        context = browser.new_context(java_script_enabled=True)
        # The pages are local copies: nothing may reach the network.
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:", "about:"))
                else route.abort()
            ),
        )
        page = context.new_page()
        for html in inputs:
            out = corpus / "output" / (html.stem + ".out")
            if not out.exists():
                continue
            page.goto(html.as_uri(), wait_until="load")
            records = engine.classify(page)
            pairs, missing = pair(read_out(out), records)
            unpaired += missing
            paired += len(pairs)
            for line, rec in pairs:
                want = expected_key(line.chromium_type, rec["type"])
                got = rec["key"]
                if want not in (EMPTY, FORBIDDEN):
                    support[want] += 1
                if got is None:
                    if want not in (EMPTY, FORBIDDEN):
                        errors.append(_row(html, line, rec, want, "missed"))
                    continue
                if want == EMPTY and got in UNVERIFIABLE_KEYS:
                    unverifiable.append(_row(html, line, rec, want, "unverifiable"))
                    continue
                predicted[got] += 1
                if got == want:
                    correct[got] += 1
                    continue
                row = _row(html, line, rec, want, "wrong")
                errors.append(row)
                if want == FORBIDDEN:
                    forbidden.append(row)
        browser.close()

    keys = sorted(set(predicted) | set(support))
    per_key = {
        k: {
            "predicted": predicted[k],
            "correct": correct[k],
            "expected": support[k],
            "precision": _ratio(correct[k], predicted[k]),
            "recall": _ratio(correct[k], support[k]),
        }
        for k in keys
    }
    return {
        "pages": len(inputs),
        "paired_fields": paired,
        "unpaired_lines": unpaired,
        "precision": _ratio(sum(correct.values()), sum(predicted.values())),
        "recall": _ratio(sum(correct.values()), sum(support.values())),
        "forbidden_fills": len(forbidden),
        "per_key": per_key,
        "forbidden": forbidden,
        "errors": errors,
        "unverifiable": unverifiable,
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _row(html: Path, line: Line, rec: dict[str, Any], want: str, what: str) -> dict[str, Any]:
    return {
        "page": html.stem,
        "what": what,
        "chromium": line.chromium_type,
        "expected": want,
        "got": rec["key"],
        "name": line.name,
        "label": rec["label"],
        "reasons": rec["reasons"],
    }


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def print_results(res: dict[str, Any], verbose: bool) -> None:
    print(f"Chromium autofill corpus: {res['pages']} pages, {res['paired_fields']} fields paired")
    print(f"  ({res['unpaired_lines']} expected lines had no control of that name on the page)\n")
    print(f"{'key':<16}{'precision':>10}{'recall':>8}{'filled':>8}{'right':>7}{'expected':>10}")
    for key, m in res["per_key"].items():
        print(
            f"{key:<16}{_fmt(m['precision']):>10}{_fmt(m['recall']):>8}"
            f"{m['predicted']:>8}{m['correct']:>7}{m['expected']:>10}"
        )
    print(
        f"\n{'overall':<16}{_fmt(res['precision']):>10}{_fmt(res['recall']):>8}"
        f"   forbidden fills: {res['forbidden_fills']}"
    )
    print("targets: precision >= 0.98, recall >= 0.90, forbidden fills = 0")
    if res["unverifiable"]:
        count = len(res["unverifiable"])
        print(f"\n{count} predictions of keys Chromium has no type for (not scored):")
        for u in res["unverifiable"]:
            print(f"  {u['page']}: {u['got']} ← {u['label'][:60]!r}")
    if verbose:
        print("\nDisagreements with Chromium:")
        for e in res["errors"]:
            print(
                f"  {e['page']}: {e['what']} {e['chromium']} (want {e['expected']}, got {e['got']})"
                f" name={e['name'][:40]!r} label={e['label'][:50]!r}"
            )
            print(f"      {e['reasons'][:3]}")
    elif res["forbidden"]:
        for e in res["forbidden"]:
            print(f"  FORBIDDEN {e['page']}: {e['got']} in {e['chromium']} {e['label'][:50]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    parser.add_argument("--json", type=Path, help="also write the full results here")
    args = parser.parse_args()
    res = run(args.corpus, args.verbose)
    print_results(res, args.verbose)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
