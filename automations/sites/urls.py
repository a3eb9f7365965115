"""Which channel a web address belongs to, without being fooled by lookalikes.

A pattern is ``host`` or ``host/path``; ``*.host`` also takes every subdomain.
Hosts match whole labels (``reportfraud-ftc.com`` is not ``reportfraud.ftc.gov``),
paths match whole segments (``/complaint`` takes ``/complaint/x``, not
``/complaints``), and only https on the default port counts: a form reached any
other way is not the real one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_HOST = re.compile(r"^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$")


def check_pattern(pattern: str) -> str | None:
    """A description of what is wrong with ``pattern``, or None."""
    host, _, path = pattern.partition("/")
    if not _HOST.match(host):
        return f"url pattern {pattern!r}: host must be lower-case letters, digits and dots"
    if path.endswith("/") or "//" in path or any(c in path for c in "?#*"):
        return f"url pattern {pattern!r}: path is plain segments without a trailing slash"
    return None


def split_url(url: str) -> tuple[str, str] | None:
    """(host, path) of an https address on the default port, else None."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or port not in (None, 443):
        return None
    if parts.username is not None or parts.password is not None:
        return None  # https://paypal.com@evil.example/ is not PayPal
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    return host, parts.path or "/"


def _host_matches(pattern_host: str, host: str) -> bool:
    if pattern_host.startswith("*."):
        base = pattern_host[2:]
        return host == base or host.endswith("." + base)
    return host == pattern_host


def _path_matches(prefix: str, path: str) -> bool:
    if not prefix:
        return True
    prefix = "/" + prefix
    return path == prefix or path.startswith(prefix + "/")


def match_pattern(patterns: Iterable[str], url: str) -> int | None:
    """How specific the best pattern matching ``url`` is (its length), or None."""
    split = split_url(url)
    if split is None:
        return None
    host, path = split
    best: int | None = None
    for pattern in patterns:
        pattern_host, _, prefix = pattern.partition("/")
        if _host_matches(pattern_host, host) and _path_matches(prefix, path):
            score = len(pattern) - (1 if pattern_host.startswith("*.") else 0)
            best = score if best is None else max(best, score)
    return best
