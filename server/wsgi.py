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
        """Serve from a background thread (tests, benchmarks)."""
        self._thread = threading.Thread(
            target=self._server.run, name=f"plaint-helper-{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        if self._thread is not None:
            # Closed from inside the loop's own thread, which then finds nothing to serve.
            self._server.trigger.pull_trigger(self._close_sockets)
            self._thread.join(timeout)
            self._thread = None
        else:
            self._close_sockets()
        self._server.task_dispatcher.shutdown(timeout=timeout)

    def _close_sockets(self) -> None:
        from waitress import wasyncore

        wasyncore.close_all(self._map)

    def __enter__(self) -> HelperServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
