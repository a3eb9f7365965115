"""Serving the helper with waitress, on 127.0.0.1 and nowhere else.

There is deliberately no way to choose the address: the helper holds personal
data and exists for programs on this computer only.
"""

from __future__ import annotations

import errno
import threading
from typing import Any

from .context import DEFAULT_PORT, LOOPBACK
from .security import MAX_BODY

# waitress adjustments, the same for the helper and for the benchmark's baseline.
WAITRESS_OPTIONS: dict[str, Any] = {
    # More than waitress' 4: a request waiting for the keyring holds a thread, not the CPU.
    "threads": 16,
    "ident": "plaint",
    # The app refuses bodies over 1 MiB with a JSON 413; waitress stops anything
    # far larger before buffering it.
    "max_request_body_size": 2 * MAX_BODY,
    "max_request_header_size": 64 * 1024,
    "connection_limit": 100,
    "channel_timeout": 30,
    "expose_tracebacks": False,
    "clear_untrusted_proxy_headers": True,
}


class PortInUse(OSError):
    def __init__(self, port: int) -> None:
        super().__init__(
            f"Port {port} on 127.0.0.1 is in use: is a helper running already? "
            "Stop it or choose another port with --port."
        )
        self.port = port


class HelperServer:
    """A WSGI app behind waitress on 127.0.0.1:``port`` (0: any free port)."""

    def __init__(self, app: Any, port: int = DEFAULT_PORT, **options: Any) -> None:
        from waitress.server import create_server

        self._map: dict[int, Any] = {}
        try:
            self._server = create_server(
                app, map=self._map, host=LOOPBACK, port=port, **{**WAITRESS_OPTIONS, **options}
            )
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PortInUse(port) from None
            raise
        self.port: int = int(self._server.effective_port)
        context = getattr(app, "extensions", {}).get("plaint")
        if context is not None:
            context.bind_port(self.port)
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def serve_forever(self) -> None:
        """Serve until Ctrl-C (KeyboardInterrupt) or SystemExit, then close cleanly."""
        try:
            self._server.run()  # returns after shutting its threads down on Ctrl-C
        finally:
            self._close_sockets()

    def start(self) -> HelperServer:
        """Serve from a background thread (tests, benchmarks) until ``stop()``."""
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._loop, name=f"plaint-helper-{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def _loop(self) -> None:
        from waitress import wasyncore

        adj = self._server.adj
        while not self._stopping.is_set() and self._map:
            wasyncore.loop(
                timeout=adj.asyncore_loop_timeout,
                map=self._map,
                use_poll=adj.asyncore_use_poll,
                count=1,
            )

    def stop(self, timeout: float = 10) -> None:
        if self._thread is not None:
            self._stopping.set()
            self._server.pull_trigger()  # wake the loop: it sees the flag and returns
            self._thread.join(timeout)
            self._thread = None
        # Let the worker threads finish (they may still pull the trigger), and only
        # then close every socket and the trigger, when nothing else can touch them.
        self._server.task_dispatcher.shutdown(timeout=timeout)
        self._close_sockets()

    def _close_sockets(self) -> None:
        from waitress import wasyncore

        wasyncore.close_all(self._map)

    def __enter__(self) -> HelperServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
