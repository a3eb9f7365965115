"""Slow down token guessing: a burst of failures is allowed, then one per interval.

Only requests that present a wrong token count.  A web page cannot add an
Authorization header to a request without a CORS preflight, which the helper
refuses, so it cannot use this to lock the extension out.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class FailureThrottle:
    """A token bucket of allowed failures, refilled at ``per_second``."""

    def __init__(
        self,
        burst: int = 10,
        per_second: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self._clock = clock
        self._lock = threading.Lock()
        self._allowance = float(burst)
        self._updated = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._allowance = min(
            float(self.burst), self._allowance + (now - self._updated) * self.per_second
        )
        self._updated = now

    def retry_after(self) -> float:
        """Seconds until a token may be tried again (0 when it may be now)."""
        with self._lock:
            self._refill()
            if self._allowance >= 1:
                return 0.0
            return (1 - self._allowance) / self.per_second

    def record_failure(self) -> None:
        with self._lock:
            self._refill()
            self._allowance = max(0.0, self._allowance - 1)
