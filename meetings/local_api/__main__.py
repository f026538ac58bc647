"""`python -m meetings.local_api`: serve the embedded meetings service on its own."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from werkzeug.serving import make_server

from . import create_app
from .server import RedactingRequestHandler

KEY_VARIABLE = "MEETINGS_LOCAL_API_KEY"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; the API key may come from the environment instead."""
    parser = argparse.ArgumentParser(
        prog="python -m meetings.local_api",
        description="Serve the embedded Whereby-compatible meetings API (/v1/meetings).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument(
        "--api-key", help=f"the bearer key clients must send (default: ${KEY_VARIABLE})"
    )
    parser.add_argument("--database", required=True, help="SQLite file (created when missing)")
    parser.add_argument(
        "--points-per-minute",
        type=int,
        default=None,
        help="rate-limit budget (read 1, delete 2, write 3 points); unlimited when absent",
    )
    args = parser.parse_args(argv)
    args.api_key = args.api_key or os.environ.get(KEY_VARIABLE)
    if not args.api_key:
        parser.error(f"give --api-key or set {KEY_VARIABLE}")
    if args.points_per_minute is not None and args.points_per_minute < 1:
        parser.error("--points-per-minute must be at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    """Start the server and serve until interrupted."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    app = create_app(
        database=args.database, api_key=args.api_key, points_per_minute=args.points_per_minute
    )
    server = make_server(
        args.host, args.port, app, threaded=True, request_handler=RedactingRequestHandler
    )
    # Printed (and flushed) so a parent process can read the port when --port 0 was given.
    print(f"Meetings API serving on http://{args.host}:{server.server_port}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
