"""What one running helper holds: its port, its stores and caches."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from .pairing import PairingCache
from .profile_cache import ProfileCache
from .store import ProfileStore
from .throttle import FailureThrottle

DEFAULT_PORT = 8765
LOOPBACK = "127.0.0.1"


@dataclass
class HelperContext:
    store: ProfileStore
    profiles: ProfileCache
    pairing: PairingCache
    throttle: FailureThrottle
    port: int = DEFAULT_PORT
    allowed_hosts: frozenset[str] = field(init=False)
    _cases: Any = field(default=None, init=False, repr=False)
    _cases_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self.bind_port(self.port)

    def case_store(self) -> Any:
        """The case store, opened on first use (ImportError while cases are not installed)."""
        with self._cases_lock:
            if self._cases is None:
                from .store.cases import CaseStore

                self._cases = CaseStore()
            return self._cases

    def bind_port(self, port: int) -> None:
        """The port the server really listens on: only it is a valid Host."""
        self.port = port
        # Exactly these two: a DNS-rebinding page reaches us as its own name.
        self.allowed_hosts = frozenset({f"{LOOPBACK}:{port}", f"localhost:{port}"})


def helper() -> HelperContext:
    return current_app.extensions["plaint"]  # type: ignore[no-any-return]
