"""Serving a WSGI app: a loopback server in a background thread, and secret-free request logs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

# Query parameters whose values are secrets and never reach a log line.
SECRET_PARAMETERS = frozenset({"roomkey", "api_key", "apikey", "token"})


def redact(target: str) -> str:
    """A request target with the values of secret query parameters replaced."""
    parts = urlsplit(target)
    if not parts.query:
        return target
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    cleaned = [(k, "[redacted]" if k.lower() in SECRET_PARAMETERS else v) for k, v in pairs]
    return f"{parts.path}?{urlencode(cleaned, safe='[],')}"


class RedactingRequestHandler(WSGIRequestHandler):
    """Werkzeug's handler, logging the request line without secret query values."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        line = f"{self.command} {redact(self.path)} {self.request_version}"
        self.log("info", '"%s" %s %s', line, code, size)


class BackgroundServer:
    """A threaded WSGI server on a loopback port (0 = any free port) in a daemon thread."""

    def __init__(self, wsgi_app: Callable[..., Any], host: str = "127.0.0.1", port: int = 0):
        self.wsgi_app = wsgi_app
        self.host = host
        self.port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"BackgroundServer({self.host}:{self.port})"

    @property
    def base_url(self) -> str:
        """The server's address, e.g. "http://127.0.0.1:40123"."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> BackgroundServer:
        """Bind the port and begin serving; returns self."""
        if self._server is not None:
            return self
        self._server = make_server(
            self.host,
            self.port,
            self.wsgi_app,
            threaded=True,
            request_handler=RedactingRequestHandler,
        )
        self.port = self._server.server_port
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"wsgi-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
