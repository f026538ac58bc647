"""`make run`: prepare the database, start the embedded meetings service, serve the app.

The embedded service runs as a side process (`python -m meetings.local_api`) rather
than inside the web process, so the app reaches it through exactly the same HTTP
client code path as real Whereby, and its room URLs stay stable across restarts.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

from werkzeug.serving import run_simple

from config import INSTANCE_PATH
from meetings import create_app

HOST = os.environ.get("MEETINGS_HOST", "127.0.0.1")
PORT = int(os.environ.get("MEETINGS_PORT", "5000"))


def wait_for_port(host: str, port: int, timeout: float = 15.0) -> None:
    """Block until something accepts connections on host:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing is listening on {host}:{port} after {timeout:.0f} s")


def start_embedded_service(app) -> subprocess.Popen | None:
    """Start the embedded meetings service unless a real Whereby URL is configured."""
    if not app.config.get("USING_EMBEDDED_API"):
        return None
    host, port = app.config["EMBEDDED_API_HOST"], app.config["EMBEDDED_API_PORT"]
    env = dict(os.environ, MEETINGS_LOCAL_API_KEY=app.config["WHEREBY_API_KEY"])
    process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [
            sys.executable,
            "-m",
            "meetings.local_api",
            "--host",
            host,
            "--port",
            str(port),
            "--database",
            str(INSTANCE_PATH / "embedded-whereby.sqlite3"),
        ],
        env=env,
    )
    wait_for_port(host, port)
    return process


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # run the `finally` below so the side process stops too


def main() -> None:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    app = create_app()
    from meetings.setup import prepare

    with app.app_context():
        prepare(app)
    service = start_embedded_service(app)
    print(f" * Meetings is running at http://{HOST}:{PORT}/  (Ctrl+C to stop)", flush=True)
    try:
        run_simple(HOST, PORT, app, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        if service is not None:
            service.terminate()
            service.wait(timeout=10)


if __name__ == "__main__":
    main()
