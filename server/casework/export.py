"""The case bundle a regulator or ombudsman asks for, as one zip file.

Inside: the complaint letter (text and printable HTML), every evidence file,
the contact log and the filings as CSV, a manifest (JSON) with the case facts
and each file's SHA-256, and ``SHA256SUMS`` so anyone can check the files with
``sha256sum -c SHA256SUMS``.  Evidence is hashed again while it is copied in:
a vault copy that no longer matches its recorded hash stops the export rather
than be passed on as genuine.  The zip is written beside its destination and
moved into place only when complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import secrets
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from schemas.case import CATEGORIES, DIRECTIONS, EVIDENCE_KINDS, FILING_STATUSES, STATUSES, label

from .letters import compose_letter

BUNDLE_FORMAT = "plaint-case-bundle"
BUNDLE_VERSION = 1
_CASE_FACTS = (
    "id",
    "profile",
    "company",
    "account_id",
    "category",
    "jurisdiction",
    "incident_date",
    "amount",
    "currency",
    "transaction_ids",
    "title",
    "narrative",
    "desired_resolution",
    "status",
    "created_at",
    "updated_at",
)


class EvidenceMismatch(Exception):
    """A vault copy no longer matches the hash recorded when it was added."""

    def __init__(self, case_id: int, evidence_ids: list[int]) -> None:
        listed = ", ".join(f"#{i}" for i in evidence_ids)
        super().__init__(
            f"Evidence {listed} of case #{case_id} no longer matches the SHA-256 recorded when "
            "it was added (changed or missing in the vault); nothing was exported. "
            "`plaint case show` lists the problem."
        )
        self.evidence_ids = evidence_ids


@dataclass(frozen=True, slots=True)
class Bundle:
    path: Path
    files: dict[str, str]  # path in the zip → SHA-256
    size: int


def _plaint_version() -> str:
    try:
        return metadata.version("plaint")
    except metadata.PackageNotFoundError:
        return "unknown"


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    # A byte-order mark so spreadsheet programs read Chinese text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def contact_log_csv(case: dict[str, Any], lang: str = "en") -> bytes:
    head = {
        "en": ["when", "channel", "direction", "person", "reference", "summary", "outcome"],
        "zh": ["时间", "渠道", "方向", "联系人", "编号", "内容", "结果"],
    }[lang]
    rows: list[list[Any]] = [head]
    for c in case.get("contacts") or ():
        rows.append(
            [
                c["at"],
                c["channel"],
                label(DIRECTIONS, c["direction"], lang),
                c.get("person", ""),
                c.get("reference", ""),
                c["summary"],
                c.get("outcome", ""),
            ]
        )
    return _csv(rows)


def filings_csv(case: dict[str, Any], lang: str = "en") -> bytes:
    head = {
        "en": [
            "channel",
            "filed on",
            "reference",
            "status",
            "responded on",
            "final response on",
            "deadlines",
        ],
        "zh": ["渠道", "投诉日期", "编号", "状态", "答复日期", "最终答复日期", "期限"],
    }[lang]
    rows: list[list[Any]] = [head]
    for f in case.get("filings") or ():
        deadlines = "; ".join(
            f"{m['due']} {m['label'].get(lang) or m['label']['en']}" for m in f["milestones"]
        )
        rows.append(
            [
                f["channel"],
                f["filed_on"],
                f.get("reference", ""),
                label(FILING_STATUSES, f["status"], lang),
                f.get("responded_on", ""),
                f.get("final_response_on", ""),
                deadlines,
            ]
        )
    return _csv(rows)


def _readme(case: dict[str, Any], lang: str) -> bytes:
    cid = case["id"]
    en = (
        f"Complaint case #{cid}: {case['title']}\n"
        f"Company: {case['company']} · Problem: {label(CATEGORIES, case['category'], 'en')} · "
        f"Status: {label(STATUSES, case['status'], 'en')}\n\n"
        "letter.*          the complaint letter (text, and HTML to print or save as PDF)\n"
        "evidence/         every piece of evidence, numbered as in the letter\n"
        "contact-log.csv   every contact with the company and the channels\n"
        "filings.csv       where the complaint was filed, references and deadlines\n"
        "manifest.json     the case facts and the SHA-256 of every file\n"
        "SHA256SUMS        check the files: sha256sum -c SHA256SUMS\n"
    )
    zh = (
        f"投诉案件 #{cid}：{case['title']}\n"
        f"被投诉方：{case['company']} · 问题类型：{label(CATEGORIES, case['category'], 'zh')} · "
        f"状态：{label(STATUSES, case['status'], 'zh')}\n\n"
        "letter.*          投诉函（纯文本，以及可打印或另存为 PDF 的 HTML）\n"
        "evidence/         全部证据，编号与投诉函一致\n"
        "contact-log.csv   与公司及各渠道的全部联系记录\n"
        "filings.csv       投诉提交的渠道、编号和期限\n"
        "manifest.json     案件事实及每个文件的 SHA-256 值\n"
        "SHA256SUMS        校验文件：sha256sum -c SHA256SUMS\n"
    )
    return ((zh + "\n" + en) if lang == "zh" else (en + "\n" + zh)).encode("utf-8")


def export_bundle(
    case: dict[str, Any],
    profile: dict[str, Any] | None,
    evidence_path: Any,
    out: Path,
    lang: str = "en",
    *,
    channel_names: Mapping[str, str] | None = None,
    overwrite: bool = False,
    today: dt.date | None = None,
) -> Bundle:
    """Write the bundle for ``case`` (store JSON form, with children) to ``out``.

    ``evidence_path(evidence_row) -> Path`` finds each vault copy.  Raises
    EvidenceMismatch (nothing written) when a copy fails its hash, and
    FileExistsError when ``out`` exists and ``overwrite`` is false.
    """
    out = Path(out)
    if out.exists() and not overwrite:
        raise FileExistsError(f"{out} already exists; choose another name or overwrite it.")
    if not out.parent.is_dir():
        raise FileNotFoundError(f"The folder {out.parent} does not exist.")
    names = dict(channel_names or {})
    letter_txt = compose_letter(case, profile, lang, fmt="txt", channel_names=names, today=today)
    letter_html = compose_letter(case, profile, lang, fmt="html", channel_names=names, today=today)

    files: dict[str, str] = {}
    tmp = out.parent / f".{out.name}.{secrets.token_hex(6)}.part"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    stamp = dt.datetime.now().timetuple()[:6]
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:

            def put(name: str, data: bytes) -> None:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                zf.writestr(info, data)
                files[name] = hashlib.sha256(data).hexdigest()

            put("README.txt", _readme(case, lang))
            put(f"letter.{lang}.txt", letter_txt.text.encode("utf-8"))
            put(f"letter.{lang}.html", letter_html.text.encode("utf-8"))
            put("contact-log.csv", contact_log_csv(case, lang))
            put("filings.csv", filings_csv(case, lang))

            bad: list[int] = []
            evidence_entries = []
            for number, item in enumerate(case.get("evidence") or (), 1):
                name = f"evidence/{number:02d}-{item['stored_name'].split('-', 1)[-1]}"
                source = Path(evidence_path(item))
                digest = _copy_into(zf, source, name, stamp) if source.is_file() else None
                if digest != item["sha256"]:
                    bad.append(item["id"])
                    continue
                files[name] = digest
                evidence_entries.append(
                    {
                        "number": number,
                        "path": name,
                        "kind": item["kind"],
                        "kind_label": label(EVIDENCE_KINDS, item["kind"], lang),
                        "file_name": item["file_name"],
                        "note": item.get("note"),
                        "sha256": item["sha256"],
                        "size": item["size"],
                        "media_type": item["media_type"],
                        "added_at": item["added_at"],
                    }
                )
            if bad:
                raise EvidenceMismatch(case["id"], bad)

            manifest = {
                "format": BUNDLE_FORMAT,
                "format_version": BUNDLE_VERSION,
                "created_at": dt.datetime.now().astimezone().replace(microsecond=0).isoformat(),
                "created_by": f"plaint {_plaint_version()}",
                "language": lang,
                "case": {k: case[k] for k in _CASE_FACTS if k in case},
                "evidence": evidence_entries,
                "contacts": case.get("contacts") or [],
                "filings": case.get("filings") or [],
                "letter": {
                    "subject": letter_txt.subject,
                    "reply_by": letter_txt.reply_by.isoformat(),
                },
                "files": dict(files),
            }
            put(
                "manifest.json",
                (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
            )
            sums = "".join(f"{digest}  {name}\n" for name, digest in sorted(files.items()))
            put("SHA256SUMS", sums.encode("utf-8"))
            files.pop("SHA256SUMS")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Bundle(out, files, out.stat().st_size)


def _copy_into(zf: zipfile.ZipFile, source: Path, name: str, stamp: tuple[int, ...]) -> str | None:
    """Stream ``source`` into the zip; return its SHA-256 as read."""
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as src, zf.open(info, "w", force_zip64=True) as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                dst.write(chunk)
    except OSError:
        return None
    return digest.hexdigest()
