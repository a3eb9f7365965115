"""The export bundle: letter, evidence, manifest with hashes, contact log, filings."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from server.casework.export import EvidenceMismatch, export_bundle
from tests.support.fixtures_cases import PROFILE_EN


def export(store: Any, case: dict[str, Any], out: Path, **kwargs: Any) -> Any:
    return export_bundle(
        case,
        PROFILE_EN,
        lambda item: store.evidence_path(case["id"], item),
        out,
        **kwargs,
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bundle_holds_everything_with_matching_hashes(
    case_store: Any, full_case: Any, tmp_path: Path, lang: str
) -> None:
    case = full_case("zh")
    out = tmp_path / "case.zip"
    bundle = export(case_store, case, out, lang=lang)
    assert bundle.path == out
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
        names = set(zf.namelist())
        assert {
            "README.txt",
            f"letter.{lang}.txt",
            f"letter.{lang}.html",
            "contact-log.csv",
            "filings.csv",
            "manifest.json",
            "SHA256SUMS",
        } <= names
        manifest = json.loads(zf.read("manifest.json"))
        sums = dict(
            reversed(line.split("  ", 1)) for line in zf.read("SHA256SUMS").decode().splitlines()
        )
        # Every file but the checksum list itself is listed, with its true hash.
        assert set(sums) == names - {"SHA256SUMS"}
        for name, digest in sums.items():
            assert hashlib.sha256(zf.read(name)).hexdigest() == digest
        evidence = manifest["evidence"]
        assert [e["sha256"] for e in evidence] == [e["sha256"] for e in case["evidence"]]
        for entry, item in zip(evidence, case["evidence"], strict=True):
            data = zf.read(entry["path"])
            assert data == case_store.evidence_path(case["id"], item).read_bytes()
            assert hashlib.sha256(data).hexdigest() == item["sha256"]
        assert evidence[0]["path"] == "evidence/01-扣款短信.png"
        assert manifest["case"]["narrative"] == case["narrative"]
        assert manifest["case"]["amount"] == "1234.50"
        assert manifest["filings"][0]["reference"] == "ZFB-778899"
        letter = zf.read(f"letter.{lang}.txt").decode()
        for item in case["evidence"]:
            assert item["sha256"] in letter
        log = list(csv.reader(io.StringIO(zf.read("contact-log.csv").decode("utf-8-sig"))))
        assert log[1][4] == "KF-20240306-17" and log[1][5] == case["contacts"][0]["summary"]
        filings = list(csv.reader(io.StringIO(zf.read("filings.csv").decode("utf-8-sig"))))
        assert filings[1][0] == "alipay" and filings[1][2] == "ZFB-778899"
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_sha256sum_checks_the_unpacked_bundle(
    case_store: Any, full_case: Any, tmp_path: Path
) -> None:
    case = full_case("en")
    out = tmp_path / "b.zip"
    export(case_store, case, out)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(unpacked)
    tool = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True
    )
    assert tool.returncode == 0, tool.stdout + tool.stderr
    (unpacked / "evidence" / "01-tracking.pdf").write_bytes(b"forged")
    tool = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True)
    assert tool.returncode != 0


def test_tampered_evidence_stops_the_export_and_writes_nothing(
    case_store: Any, full_case: Any, tmp_path: Path
) -> None:
    case = full_case("zh")
    second = case["evidence"][1]
    case_store.evidence_path(case["id"], second).write_bytes(b"changed afterwards")
    out = tmp_path / "case.zip"
    with pytest.raises(EvidenceMismatch) as info:
        export(case_store, case, out)
    assert info.value.evidence_ids == [second["id"]]
    assert f"#{second['id']}" in str(info.value)
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".*part")) == []


def test_an_existing_file_is_kept_unless_overwrite(
    case_store: Any, full_case: Any, tmp_path: Path
) -> None:
    case = full_case("en")
    out = tmp_path / "case.zip"
    out.write_bytes(b"keep me")
    with pytest.raises(FileExistsError):
        export(case_store, case, out)
    assert out.read_bytes() == b"keep me"
    export(case_store, case, out, overwrite=True)
    assert zipfile.is_zipfile(out)
