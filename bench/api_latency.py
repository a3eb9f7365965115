"""Latency of the helper's GET /api/profile against a bare Flask route, in the same run.

    python bench/api_latency.py [--clients 50] [--rate 500] [--seconds 4] [--rounds 3]

Both apps are served the same way (server.wsgi.HelperServer: waitress on
127.0.0.1 with the helper's settings), each in its own process, while this
process drives ``--clients`` keep-alive connections in two scenarios:

* steady: the clients together send ``--rate`` requests a second, each on its
  own schedule; latency counts from the scheduled time.  The target applies
  here: p99 <= 10 ms and <= 1.5 x the bare route's p99.
* saturated: each client sends again as soon as it has its answer, which
  measures capacity (latency is then mostly time spent queueing).

Rounds alternate between the two routes so machine noise falls on both.  The
helper's route does all of its real work: Host, Origin and token checks, a
keyring version read (shared by concurrent requests, never older than the
request), the cached profile.  The profile lives in a private keyring service,
removed at the end.  Needs a working keyring (on Linux a Secret Service: run it
under .ci/with-keyring.sh on a machine without one).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PROFILE = {
    "given_name": "小明",
    "family_name": "王",
    "email": "wang@example.cn",
    "phone": "+86 138 0013 8000",
    "address": {
        "line1": "南山区科技园路1号",
        "city": "深圳市",
        "state": "广东省",
        "postal_code": "518057",
        "country": "CN",
    },
    "preferred_language": "zh",
    "wallet_accounts": [
        {"provider": "支付宝", "account_id": "13800138000", "label": "主账户"},
        {"provider": "PayPal", "account_id": "wang@example.cn"},
    ],
}
BARE_PATH = "/api/bare"


# -- the servers (run in child processes) ---------------------------------------------------


def bare_app():  # type: ignore[no-untyped-def]
    from flask import Flask

    app = Flask("bare")

    @app.get(BARE_PATH)
    def bare() -> dict[str, str]:
        return {"service": "plaint", "version": "bare"}

    return app


def serve(kind: str) -> None:
    """Serve ``kind`` on a free port; print where; stop when stdin closes."""
    import logging
    import threading

    from server.wsgi import HelperServer

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    if kind == "helper":
        from server import create_app

        app = create_app()
        token = app.extensions["plaint"].pairing.state().token
        path = "/api/profile"
    else:
        app, token, path = bare_app(), "", BARE_PATH
    server = HelperServer(app, port=0)
    print(json.dumps({"port": server.port, "token": token, "path": path}), flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    server.serve_forever()


# -- the load ---------------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection sending the same GET again and again."""

    def __init__(self, port: int, request: bytes) -> None:
        self.port = port
        self.request = request
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def get(self) -> bytes:
        assert self.reader is not None and self.writer is not None
        self.writer.write(self.request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await self.reader.readexactly(length)
        return head.split(b"\r\n", 1)[0]

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class Run:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.seconds = 0.0

    def record(self, started: float, status: bytes) -> None:
        self.latencies.append(time.perf_counter() - started)
        if not status.startswith(b"HTTP/1.1 200"):
            self.errors.append(status.decode(errors="replace"))


async def _steady(port: int, request: bytes, clients: int, rate: float, seconds: float) -> Run:
    """Each client sends on its own schedule; latency counts from the scheduled time, so
    a slow answer that delays the next request is not hidden (no coordinated omission)."""
    run = Run()
    period = clients / rate
    connections = [Connection(port, request) for _ in range(clients)]
    await asyncio.gather(*(c.open() for c in connections))
    begin = time.perf_counter()

    async def client(index: int, connection: Connection) -> None:
        due = begin + period * index / clients
        while due < begin + seconds:
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            run.record(due, await connection.get())
            due += period

    await asyncio.gather(*(client(i, c) for i, c in enumerate(connections)))
    run.seconds = time.perf_counter() - begin
    for c in connections:
        c.close()
    return run


async def _saturated(port: int, request: bytes, clients: int, requests: int) -> Run:
    """Each client sends its next request as soon as the last answer came back."""
    run = Run()
    left = [requests]
    connections = [Connection(port, request) for _ in range(clients)]
    await asyncio.gather(*(c.open() for c in connections))
    begin = time.perf_counter()

    async def client(connection: Connection) -> None:
        while left[0] > 0:
            left[0] -= 1
            started = time.perf_counter()
            run.record(started, await connection.get())

    await asyncio.gather(*(client(c) for c in connections))
    run.seconds = time.perf_counter() - begin
    for c in connections:
        c.close()
    return run


def request_bytes(target: dict[str, Any]) -> bytes:
    headers = [f"GET {target['path']} HTTP/1.1", f"Host: 127.0.0.1:{target['port']}"]
    if target["token"]:
        headers.append(f"Authorization: Bearer {target['token']}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


# -- the run ------------------------------------------------------------------------------------


def start(kind: str, env: dict[str, str]) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", kind],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.wait()
        raise SystemExit(f"the {kind} server did not start (exit {process.returncode})")
    return process, json.loads(line)


def measure(
    scenario: str, targets: dict[str, dict[str, Any]], args: argparse.Namespace
) -> dict[str, Run]:
    """Alternate the targets round by round, so machine noise falls on both."""
    totals = {name: Run() for name in targets}
    for _ in range(args.rounds):
        for name, target in targets.items():
            port, request = int(target["port"]), request_bytes(target)
            if scenario == "steady":
                run = asyncio.run(_steady(port, request, args.clients, args.rate, args.seconds))
            else:
                run = asyncio.run(_saturated(port, request, args.clients, args.requests))
            if run.errors:
                raise SystemExit(f"{name}: {len(run.errors)} failed requests, e.g. {run.errors[0]}")
            totals[name].latencies.extend(run.latencies)
            totals[name].seconds += run.seconds
    return totals


def report(title: str, runs: dict[str, Run]) -> tuple[float, float]:
    """Print the table; return the helper's p99 (ms) and its p99 ratio to the bare route."""
    print(title)
    print(f"  {'route':<16}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}{'req/s':>9}")
    p50, p99 = {}, {}
    for name, label in (("helper", "/api/profile"), ("bare", "bare route")):
        values = runs[name].latencies
        p50[name], p99[name] = percentile(values, 50) * 1e3, percentile(values, 99) * 1e3
        rate = len(values) / runs[name].seconds
        mean = statistics.fmean(values) * 1e3
        print(f"  {label:<16}{p50[name]:>9.2f}{p99[name]:>9.2f}{mean:>9.2f}{rate:>9.0f}")
    ratio50, ratio99 = p50["helper"] / p50["bare"], p99["helper"] / p99["bare"]
    print(f"  ratio helper/bare: p50 {ratio50:.2f}x, p99 {ratio99:.2f}x\n")
    return p99["helper"], ratio99


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent connections")
    parser.add_argument("--rate", type=float, default=500, help="steady: requests/s in all")
    parser.add_argument("--seconds", type=float, default=4, help="steady: per target and round")
    parser.add_argument("--requests", type=int, default=3000, help="saturated: per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--serve", choices=("helper", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0

    private = tempfile.mkdtemp(prefix="plaint-bench-")
    env = dict(os.environ)
    env["PLAINT_KEYRING_SERVICE"] = f"plaint-bench-{uuid.uuid4().hex[:10]}"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = os.path.join(private, var.lower())
    os.environ.update(env)

    from server.pairing import Pairing
    from server.store import KeyringUnavailable, ProfileStore

    store = ProfileStore()
    try:
        store.put("default", PROFILE, None)
    except KeyringUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    processes: list[subprocess.Popen[str]] = []
    try:
        for kind in ("helper", "bare"):
            processes.append(start(kind, env))
        targets = {"helper": processes[0][1], "bare": processes[1][1]}
        for target in targets.values():  # warm up: imports, caches, connections
            asyncio.run(_saturated(int(target["port"]), request_bytes(target), args.clients, 300))
        steady = measure("steady", targets, args)
        saturated = measure("saturated", targets, args)
    finally:
        for process, _ in processes:
            process.stdin.close()  # type: ignore[union-attr]
            process.wait(timeout=30)
        store.delete("default")
        store.blobs.delete("profiles")
        Pairing().delete()
        shutil.rmtree(private, ignore_errors=True)

    print(
        "GET /api/profile (token, Host and Origin checks, a keyring version read, the cached "
        "profile)\nagainst a bare Flask route, both behind the helper's waitress setup; "
        f"{args.clients} keep-alive clients.\n"
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}.\n"
    )
    p99, ratio = report(
        f"Steady: {args.rate:g} requests/s in all, {args.rounds} x {args.seconds:g} s per route "
        "(latency from each request's scheduled time)",
        steady,
    )
    report(
        f"Saturated: each client sends again at once, {args.rounds} x {args.requests} requests "
        "per route (latency here is mostly queueing: it measures capacity)",
        saturated,
    )
    met = p99 <= 10 and ratio <= 1.5
    print(
        f"Target (steady): p99 <= 10 ms and <= 1.5x the bare route: {'met' if met else 'NOT met'} "
        f"(p99 {p99:.2f} ms, {ratio:.2f}x)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
