"""A writer killed with SIGKILL mid-write leaves the case database consistent.

A real subprocess writes cases in a loop (case, evidence, contact, update) and
reports each one after its last commit; it is killed while writing.  Then the
database must pass SQLite's integrity and foreign-key checks, every reported
case must be intact, and no case may be half-written: every evidence row has
its vault copy, matching its hash.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from server.store.cases import CaseStore
from tests.support.env import REPO, plaint_env

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

WRITER = r"""
import hashlib, sys
from pathlib import Path
from server.store.cases import CaseStore

def case(i):
    return {
        "company": "微信支付" if i % 2 else "Cash App",
        "category": "payment_failed_but_charged",
        "jurisdiction": "CN" if i % 2 else "US",
        "amount": f"{i}.{i % 100:02d}",
        "currency": "CNY" if i % 2 else "USD",
        "transaction_ids": [f"TX-{i}-A", f"TX-{i}-B"],
        "title": f"crash case {i}",
        "narrative": f"第{i}次写入。" + " ".join(["Lorem ipsum dolor sit amet."] * 40),
        "desired_resolution": f"Refund {i}",
    }

def evidence(i):
    return hashlib.sha256(str(i).encode()).digest() * 2048  # 64 KiB, unique per case

store = CaseStore()
src = Path(sys.argv[1])
i = int(sys.argv[2])
while True:
    i += 1
    created = store.create("default", case(i))
    path = src / f"evidence-{i}.bin"
    path.write_bytes(evidence(i))
    store.add_evidence(created["id"], path, "screenshot", f"note {i}")
    store.log_contact(created["id"], {"channel": "phone", "summary": f"call {i}"})
    store.update(created["id"], {"title": f"crash case {i} updated"}, 3)
    print(created["id"], i, flush=True)
"""


def expected_case(i: int) -> dict[str, Any]:
    return {
        "company": "微信支付" if i % 2 else "Cash App",
        "category": "payment_failed_but_charged",
        "jurisdiction": "CN" if i % 2 else "US",
        "amount": f"{i}.{i % 100:02d}",
        "currency": "CNY" if i % 2 else "USD",
        "transaction_ids": [f"TX-{i}-A", f"TX-{i}-B"],
        "title": f"crash case {i} updated",
        "narrative": f"第{i}次写入。" + " ".join(["Lorem ipsum dolor sit amet."] * 40),
        "desired_resolution": f"Refund {i}",
    }


def expected_hash(i: int) -> str:
    return hashlib.sha256(hashlib.sha256(str(i).encode()).digest() * 2048).hexdigest()


def run_and_kill(src: Path, start: int, reports: int) -> list[tuple[int, int]]:
    """Start the writer, read ``reports`` commits, SIGKILL it while it writes on."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(src), str(start)],
        cwd=REPO,
        env=plaint_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed: list[tuple[int, int]] = []
    deadline = time.monotonic() + 120
    try:
        assert proc.stdout is not None
        while len(committed) < reports:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"the writer stopped early: {proc.stderr.read()}")  # type: ignore[union-attr]
            case_id, i = line.split()
            committed.append((int(case_id), int(i)))
            assert time.monotonic() < deadline, "the writer is too slow"
        os.kill(proc.pid, signal.SIGKILL)  # mid-write: it never waits between cases
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL
    return committed


def test_sigkill_mid_write_keeps_every_committed_case(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    committed: list[tuple[int, int]] = []
    # Twice: the second writer starts on a database a killed process left behind.
    for round_ in range(2):
        committed += run_and_kill(src, start=1000 * round_, reports=15)

    store = CaseStore()
    assert store.integrity_check() == []
    for case_id, i in committed:
        case = store.require(case_id)
        assert {k: case[k] for k in expected_case(i)} == expected_case(i)
        assert case["version"] == 4
        assert [e["sha256"] for e in case["evidence"]] == [expected_hash(i)]
        assert [c["summary"] for c in case["contacts"]] == [f"call {i}"]

    # Cases written after the last report are whole as far as they got: no
    # evidence row without its file, every copy matching its hash.
    for case in store.list_cases(full=True):
        i = int(case["title"].split()[2])
        assert case["narrative"] == expected_case(i)["narrative"]
        assert all(check.ok for check in store.verify_evidence(case["id"]))
        for item in case["evidence"]:
            assert item["sha256"] == expected_hash(i)
